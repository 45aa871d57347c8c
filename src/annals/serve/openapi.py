"""The OpenAPI 3.1 description of the explorer's JSON API (served at /api/openapi.json).

Written by hand next to the endpoints; ``tests/serve/test_api.py`` checks every
response the tests make against these schemas, and that every route is described.
"""

from __future__ import annotations

from typing import Any

from annals import __version__
from annals.events.taxonomy import ACLED_TYPES
from annals.serve.queries import ACTORS_LIMIT, DEFAULT_LIMIT, MAX_LIMIT, MAX_SEARCH, SEARCH_LIMIT, SUB_TYPES


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(kind: str) -> dict[str, Any]:
    return {"type": [kind, "null"]}


def _object(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": list(properties) if required is None
            else required}


def _query(name: str, description: str, schema: dict[str, Any], *, repeat: bool = False) -> dict[str, Any]:
    parameter: dict[str, Any] = {"name": name, "in": "query", "required": False, "description": description,
                                 "schema": {"type": "array", "items": schema} if repeat else schema}
    if repeat:
        parameter.update(style="form", explode=True)
    return parameter


def _paging(default: int, maximum: int) -> list[dict[str, Any]]:
    return [_query("limit", f"At most this many items (1 to {maximum}).",
                   {"type": "integer", "minimum": 1, "maximum": maximum, "default": default}),
            _query("offset", "Skip this many items first.", {"type": "integer", "minimum": 0, "default": 0})]


def _ok(description: str, schema: str) -> dict[str, Any]:
    return {"200": {"description": description, "content": {"application/json": {"schema": _ref(schema)}}}}


_ERRORS = {
    "400": {"description": "A parameter is unknown or its value is wrong.",
            "content": {"application/json": {"schema": _ref("Error")}}},
}
_NOT_FOUND = {"404": {"description": "No such item.", "content": {"application/json": {"schema": _ref("Error")}}}}

_SPAN = _object({"start": {"type": "integer", "minimum": 0}, "end": {"type": "integer", "minimum": 0}})
_QUOTED_SPAN = _object({"start": {"type": "integer"}, "end": {"type": "integer"}, "text": {"type": "string"}})
_FATALITIES = _object({"low": _nullable("integer"), "best": _nullable("integer"), "high": _nullable("integer")})
_PAGE = {"ok": {"const": True}, "total": {"type": "integer"}, "limit": {"type": "integer"},
         "offset": {"type": "integer"}}

SCHEMAS: dict[str, Any] = {
    "Error": _object({"ok": {"const": False}, "error": {"type": "string"}, "status": {"type": "integer"}}),
    "Span": _SPAN,
    "QuotedSpan": _QUOTED_SPAN,
    "Fatalities": _FATALITIES,
    "EventSummary": _object({
        "id": {"type": "string", "description": "<document key>:<contract id>"},
        "document": {"type": "string", "description": "The document's key (its id in /api/documents)."},
        "title": {"type": "string"},
        "date_start": {"type": "string", "format": "date"}, "date_end": {"type": "string", "format": "date"},
        "date_precision": {"type": "integer", "description": "UCDP date_prec, 1 (a day) to 5 (a year)"},
        "event_type": {"type": "string", "enum": list(ACLED_TYPES)},
        "sub_event_type": {"type": "string"},
        "actor1": _nullable("string"), "actor2": _nullable("string"),
        "actor1_side": _nullable("integer"), "actor2_side": _nullable("integer"),
        "location": {"oneOf": [{"type": "null"}, _object({
            "name": _nullable("string"), "latitude": _nullable("number"), "longitude": _nullable("number"),
            "admin1": _nullable("string"), "country": _nullable("string"),
            "geo_precision": _nullable("integer")})]},
        "fatalities": _ref("Fatalities"),
    }),
    "EventList": _object({**_PAGE, "events": {"type": "array", "items": _ref("EventSummary")}}),
    "Claim": _object({
        "kind": {"type": "string"}, "low": _nullable("integer"), "high": _nullable("integer"),
        "about": _nullable("string"), "source": _nullable("string"), "stance": _nullable("string"),
        "evidence": {"type": "array", "items": _ref("QuotedSpan")},
    }),
    "Event": _object({
        "id": {"type": "string"}, "date_start": {"type": "string"}, "date_end": {"type": "string"},
        "date_precision": {"type": "integer"}, "date_evidence": {"type": "array", "items": _ref("QuotedSpan")},
        "event_type": {"type": "string", "enum": list(ACLED_TYPES)}, "sub_event_type": {"type": "string"},
        "actor1": _nullable("string"), "actor2": _nullable("string"),
        "assoc_actor_1": {"type": "array", "items": {"type": "string"}},
        "assoc_actor_2": {"type": "array", "items": {"type": "string"}},
        "location": {"oneOf": [{"type": "null"}, {"type": "object", "required": ["name", "latitude", "longitude"],
                                                  "properties": {"evidence": {"type": "array",
                                                                              "items": _ref("QuotedSpan")}}}]},
        "fatalities": _ref("Fatalities"),
        "claims": {"type": "array", "items": _ref("Claim")},
        "evidence": {"type": "array", "items": _ref("QuotedSpan"),
                     "description": "Spans of documents.source that report the event, with their words."},
        "document": _object({"id": {"type": "string"}, "title": {"type": "string"}, "path": {"type": "string"}}),
        "conflict": _nullable("string"),
        "notes": {"type": "string", "description": "ACLED-style notes: what, where, when, and every claim."},
    }),
    "EventDetail": _object({"ok": {"const": True}, "event": _ref("Event")}),
    "DocumentSummary": _object({
        "id": {"type": "string", "description": "The document's key: the first hex digits of its sha256."},
        "title": {"type": "string"}, "path": {"type": "string"}, "format": {"type": "string"},
        "sha256": {"type": "string"}, "ingested_at": {"type": "string"}, "event_count": {"type": "integer"},
        "conflict": _nullable("string"), "start_date": _nullable("string"), "end_date": _nullable("string"),
        "place": _nullable("string"), "country": _nullable("string"), "warning_count": {"type": "integer"},
    }),
    "DocumentList": _object({**_PAGE, "documents": {"type": "array", "items": _ref("DocumentSummary")}}),
    "DocumentDetail": _object({
        "ok": {"const": True},
        "document": _object({"id": {"type": "string"}, "title": {"type": "string"}, "path": {"type": "string"},
                             "format": {"type": "string"}, "sha256": {"type": "string"},
                             "ingested_at": {"type": "string"}, "event_count": {"type": "integer"}}),
        "source": {"type": "string", "description": "The whole decoded file: evidence offsets index it."},
        "conflict": {"oneOf": [{"type": "null"}, {"type": "object", "required": ["name", "sides"],
                                                  "description": "The output contract's conflict record."}]},
        "warnings": {"type": "array", "items": _object({"code": {"type": "string"}, "message": {"type": "string"},
                                                        "evidence": {"type": "array", "items": _ref("Span")}})},
        "events": {"type": "array", "items": _object({
            "id": {"type": "string"}, "date_start": {"type": "string"}, "event_type": {"type": "string"},
            "sub_event_type": {"type": "string"}, "evidence": {"type": "array", "items": _ref("Span")}})},
    }),
    "Actor": _object({"name": {"type": "string"}, "events": {"type": "integer"},
                      "kind": {"oneOf": [{"type": "null"}, {"enum": ["state", "nonstate", "international",
                                                                     "civilian"]}]},
                      "country": _nullable("string")}),
    "ActorList": _object({**_PAGE, "actors": {"type": "array", "items": _ref("Actor")}}),
    "SearchHit": _object({
        "document": {"type": "string"}, "title": {"type": "string"}, "start": {"type": "integer"},
        "end": {"type": "integer"}, "text": {"type": "string"},
        "snippet": {"type": "array", "items": _object({"text": {"type": "string"}, "match": {"type": "boolean"}})},
        "events": {"type": "array", "items": {"type": "string"}},
    }),
    "SearchResult": _object({"ok": {"const": True}, "query": {"type": "string"},
                             "hits": {"type": "array", "items": _ref("SearchHit")}}),
    "Summary": _object({
        "ok": {"const": True}, "documents": {"type": "integer"}, "events": {"type": "integer"},
        "located": {"type": "integer"}, "date_min": _nullable("string"), "date_max": _nullable("string"),
        "event_types": {"type": "array", "items": _object({
            "event_type": {"type": "string"}, "events": {"type": "integer"},
            "sub_event_types": {"type": "array", "items": _object({"sub_event_type": {"type": "string"},
                                                                   "events": {"type": "integer"}})}})},
    }),
}

_EVENT_FILTERS = [
    _query("from", "Events ending on or after this date: a year, a month or a day (2018, 2018-05, 2018-05-22).",
           {"type": "string"}),
    _query("to", "Events starting on or before this date (a year, a month or a day).", {"type": "string"}),
    _query("type", "ACLED event types (repeat, or separate with commas).",
           {"type": "string", "enum": list(ACLED_TYPES)}, repeat=True),
    _query("sub_type", "ACLED sub-event types (repeat, or separate with commas).",
           {"type": "string", "enum": list(SUB_TYPES)}, repeat=True),
    _query("actor", "Part of the name of any actor of the event (actor1, actor2, associated), any case.",
           {"type": "string"}),
    _query("side", "An infobox side (1, 2, ...) that one of the event's actors belongs to.",
           {"type": "integer", "minimum": 1, "maximum": 9}),
    _query("country", "A country name (any case) or ISO 3166 code.", {"type": "string"}),
    _query("q", "Words (or FTS5 syntax) in a sentence the event's evidence overlaps, or in its notes.",
           {"type": "string"}),
    _query("bbox", "west,south,east,north in degrees (west > east crosses the antimeridian).",
           {"type": "string", "pattern": r"^-?[\d.]+,-?[\d.]+,-?[\d.]+,-?[\d.]+$"}),
    _query("document", "Only events of this document (its id from /api/documents).", {"type": "string"}),
]


def openapi() -> dict[str, Any]:
    """The OpenAPI document."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "annals explorer API", "version": __version__,
                 "description": "Read-only access to an annals database: events with their claims and evidence "
                                "spans, documents with their source text, actors and sentence search. Every "
                                "error is {ok: false, error, status}."},
        "paths": {
            "/api/events": {"get": {
                "summary": "Events matching filters, by date, one page at a time.",
                "operationId": "listEvents",
                "parameters": [*_EVENT_FILTERS, *_paging(DEFAULT_LIMIT, MAX_LIMIT)],
                "responses": {**_ok("A page of events and the total that match.", "EventList"), **_ERRORS}}},
            "/api/events/{id}": {"get": {
                "summary": "One event with its claims (who said what) and evidence spans.",
                "operationId": "getEvent",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"},
                                "description": "An event id, e.g. 29ad254bd28b:e001."}],
                "responses": {**_ok("The event.", "EventDetail"), **_NOT_FOUND}}},
            "/api/documents": {"get": {
                "summary": "Stored documents with their conflict's name, dates and place.",
                "operationId": "listDocuments",
                "parameters": _paging(MAX_LIMIT, MAX_LIMIT),
                "responses": {**_ok("A page of documents.", "DocumentList"), **_ERRORS}}},
            "/api/documents/{id}": {"get": {
                "summary": "One document: source text, conflict record, audit warnings, event spans.",
                "operationId": "getDocument",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"},
                                "description": "A document id (key) from /api/documents."}],
                "responses": {**_ok("The document.", "DocumentDetail"), **_NOT_FOUND}}},
            "/api/actors": {"get": {
                "summary": "Actor names with their event counts, most first.",
                "operationId": "listActors",
                "parameters": [_query("q", "Part of the name, any case.", {"type": "string"}),
                               _query("document", "Only actors of this document.", {"type": "string"}),
                               *_paging(ACTORS_LIMIT, MAX_LIMIT)],
                "responses": {**_ok("A page of actors.", "ActorList"), **_ERRORS}}},
            "/api/search": {"get": {
                "summary": "Sentences matching a full-text query, best first.",
                "operationId": "search",
                "parameters": [{"name": "q", "in": "query", "required": True, "schema": {"type": "string"},
                                "description": 'Words, or FTS5 syntax: "a phrase", AND, OR, NOT, prefix*.'},
                               _query("limit", f"At most this many sentences (1 to {MAX_SEARCH}).",
                                      {"type": "integer", "minimum": 1, "maximum": MAX_SEARCH,
                                       "default": SEARCH_LIMIT})],
                "responses": {**_ok("The matching sentences.", "SearchResult"), **_ERRORS}}},
            "/api/summary": {"get": {
                "summary": "Counts, the date range and events per ACLED type and sub-type.",
                "operationId": "summary",
                "responses": _ok("What the database holds.", "Summary")}},
            "/api/openapi.json": {"get": {
                "summary": "This document.", "operationId": "openapi",
                "responses": {"200": {"description": "OpenAPI 3.1",
                                      "content": {"application/json": {"schema": {"type": "object"}}}}}}},
        },
        "components": {"schemas": SCHEMAS},
    }
