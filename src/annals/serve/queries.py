"""What the explorer's JSON API reads from the store: parameterised SQL only.

Each function takes a read-only connection (``Store(path, readonly=True).connection``)
and returns plain JSON-ready values. Query-string parameters are parsed and checked
here (``event_query``, ``paging``) so that a bad value becomes one ``ApiError`` with a
message that says which parameter is wrong, what it got and what would do.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from annals.events.taxonomy import ACLED_TYPES
from annals.store import EventFilter, StoreError
from annals.store.sqlite import fts_quote, like_escape

MAX_LIMIT = 5000  # events (or documents, actors) in one page
DEFAULT_LIMIT = 100
MAX_SEARCH = 200
ACTORS_LIMIT = 500  # default page of /api/actors
SEARCH_LIMIT = 20  # default hits of /api/search
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"  # search snippet highlight markers (split into parts before sending)

EVENT_PARAMS = ("from", "to", "type", "sub_type", "actor", "side", "country", "q", "bbox", "document",
                "limit", "offset")
SUB_TYPES = {sub: kind for kind, subs in ACLED_TYPES.items() for sub in subs}

_SUMMARY_COLUMNS = (
    "e.id, d.key, d.title, e.date_start, e.date_end, e.date_precision, e.event_type, e.sub_event_type, "
    "e.actor1, e.actor2, e.actor1_side, e.actor2_side, e.location_name, e.latitude, e.longitude, e.admin1, "
    "e.country, e.geo_precision, e.fatalities_low, e.fatalities_best, e.fatalities_high"
)


class ApiError(Exception):
    """A request the API cannot answer: an HTTP status and a message for the user."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class EventQuery:
    """The filters of ``/api/events``, checked. Dates are ISO bounds (first/last day)."""

    from_date: str | None = None
    to_date: str | None = None
    types: tuple[str, ...] = ()
    sub_types: tuple[str, ...] = ()
    actor: str | None = None
    side: int | None = None
    country: str | None = None
    q: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    document: str | None = None
    limit: int = DEFAULT_LIMIT
    offset: int = 0

    def where(self, conn: sqlite3.Connection) -> tuple[str, list[Any]]:
        """A WHERE clause over ``events e`` joined to ``documents d``, and its parameters."""
        base, params = EventFilter(from_date=self.from_date, to_date=self.to_date, country=self.country,
                                   actor=self.actor).sql()
        clauses = [base]
        if self.types:
            clauses.append(f"e.event_type IN ({', '.join('?' * len(self.types))})")
            params += self.types
        if self.sub_types:
            clauses.append(f"e.sub_event_type IN ({', '.join('?' * len(self.sub_types))})")
            params += self.sub_types
        if self.side is not None:
            clauses.append("(e.actor1_side = ? OR e.actor2_side = ?)")
            params += [self.side, self.side]
        if self.document:
            clauses.append("d.key = ?")
            params.append(self.document)
        if self.bbox:
            west, south, east, north = self.bbox
            clauses.append("e.latitude BETWEEN ? AND ?")
            params += [south, north]
            if west <= east:
                clauses.append("e.longitude BETWEEN ? AND ?")
                params += [west, east]
            else:  # the box crosses the antimeridian
                clauses.append("(e.longitude >= ? OR e.longitude <= ?)")
                params += [west, east]
        if self.q:
            match = fts_query(conn, self.q)
            clauses.append(
                "(e.id IN (SELECT v.event_id FROM sentences_fts f JOIN sentences s ON s.id = f.rowid "
                "JOIN evidence v ON v.document_id = s.document_id AND v.start < s.\"end\" AND v.\"end\" > s.start "
                "WHERE sentences_fts MATCH ?) OR e.notes LIKE ? ESCAPE '\\')")
            params += [match, "%" + like_escape(self.q) + "%"]
        return " AND ".join(clauses), params


def fts_query(conn: sqlite3.Connection, query: str) -> str:
    """The query as FTS5 reads it: as given if it parses, else each word quoted."""
    for candidate in (query, fts_quote(query)):
        try:
            conn.execute("SELECT 1 FROM sentences_fts WHERE sentences_fts MATCH ? LIMIT 1", (candidate,)).fetchall()
        except sqlite3.OperationalError:
            continue
        return candidate
    raise ApiError(400, f"q: the search {query[:60]!r} cannot be read; put words in double quotes")


# -- parameters ------------------------------------------------------------------------------------------------


def check_names(params: Mapping[str, Any], allowed: Sequence[str]) -> None:
    """Reject parameters the endpoint does not know (a typo would silently filter nothing)."""
    unknown = sorted(set(params) - set(allowed))
    if unknown:
        raise ApiError(400, f"unknown parameter {unknown[0]!r}; this endpoint takes: {', '.join(allowed)}")


def one(params: Mapping[str, Sequence[str]], name: str) -> str | None:
    values = params.get(name) or []
    if len(values) > 1:
        raise ApiError(400, f"{name}: give it once (got {len(values)} values)")
    value = values[0].strip() if values else None
    return value or None


def integer(params: Mapping[str, Sequence[str]], name: str, default: int, low: int, high: int) -> int:
    """An integer parameter within [low, high]."""
    text = one(params, name)
    if text is None:
        return default
    try:
        value = int(text)
    except ValueError:
        raise ApiError(400, f"{name}: {text[:40]!r} is not a whole number") from None
    if not low <= value <= high:
        raise ApiError(400, f"{name}: {value} is out of range; give {low} to {high}")
    return value


def paging(params: Mapping[str, Sequence[str]], default: int = DEFAULT_LIMIT,
           maximum: int = MAX_LIMIT) -> tuple[int, int]:
    """(limit, offset) from the query string."""
    return integer(params, "limit", default, 1, maximum), integer(params, "offset", 0, 0, 10**9)


def _date(params: Mapping[str, Sequence[str]], name: str) -> str | None:
    from annals.store import date_bound

    text = one(params, name)
    if text is None:
        return None
    try:
        date_bound(text, last=False)
    except StoreError:
        raise ApiError(400, f"{name}: {text[:40]!r} is not a year, a month or a day; write 2018, 2018-05 "
                       "or 2018-05-22") from None
    return text


def _choices(params: Mapping[str, Sequence[str]], name: str, known: Mapping[str, str]) -> tuple[str, ...]:
    """Values given repeated or comma-separated, each one of ``known`` (any case)."""
    lowered = {k.lower(): k for k in known}
    found: list[str] = []
    for value in params.get(name) or []:
        for part in value.split(",") if value not in known else [value]:
            if not part.strip():
                continue
            canonical = lowered.get(part.strip().lower())
            if canonical is None:
                raise ApiError(400, f"{name}: {part.strip()[:60]!r} is not an ACLED "
                               f"{'sub-event type' if name == 'sub_type' else 'event type'}; use one of: "
                               f"{', '.join(known)}")
            found.append(canonical)
    return tuple(dict.fromkeys(found))


def _bbox(params: Mapping[str, Sequence[str]]) -> tuple[float, float, float, float] | None:
    text = one(params, "bbox")
    if text is None:
        return None
    parts = text.split(",")
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        numbers = []
    if len(numbers) != 4 or not all(math.isfinite(n) for n in numbers):
        raise ApiError(400, f"bbox: {text[:60]!r} is not four numbers west,south,east,north "
                       "(e.g. 35.5,34.0,41.0,37.5)")
    west, south, east, north = numbers
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise ApiError(400, f"bbox: {text[:60]!r} is out of range; longitudes -180..180, latitudes -90..90, "
                       "south <= north")
    return west, south, east, north


def event_query(params: Mapping[str, Sequence[str]]) -> EventQuery:
    """Parse and check the query string of ``/api/events``."""
    check_names(params, EVENT_PARAMS)
    from_date, to_date = _date(params, "from"), _date(params, "to")
    if from_date and to_date:
        from annals.store import date_bound

        if date_bound(from_date, last=False) > date_bound(to_date, last=True):
            raise ApiError(400, f"from {from_date!r} is after to {to_date!r}")
    side_text = one(params, "side")
    side = None
    if side_text is not None:
        side = integer(params, "side", 0, 1, 9)
    limit, offset = paging(params)
    return EventQuery(
        from_date=from_date, to_date=to_date,
        types=_choices(params, "type", {t: t for t in ACLED_TYPES}),
        sub_types=_choices(params, "sub_type", SUB_TYPES),
        actor=one(params, "actor"), side=side, country=one(params, "country"), q=one(params, "q"),
        bbox=_bbox(params), document=one(params, "document"), limit=limit, offset=offset,
    )


# -- reading ---------------------------------------------------------------------------------------------------


def events(conn: sqlite3.Connection, query: EventQuery) -> dict[str, Any]:
    """One page of events matching the query, by date, and the total that match."""
    where, params = query.where(conn)
    conn.execute("BEGIN")  # one snapshot for the count and the page
    try:
        total = conn.execute(f"SELECT count(*) FROM events e JOIN documents d ON d.id = e.document_id WHERE {where}",
                             params).fetchone()[0]
        rows = conn.execute(
            f"SELECT {_SUMMARY_COLUMNS} FROM events e JOIN documents d ON d.id = e.document_id WHERE {where} "
            "ORDER BY e.date_start, d.key, e.position LIMIT ? OFFSET ?",
            (*params, query.limit, query.offset)).fetchall()
    finally:
        conn.execute("COMMIT")
    return {"ok": True, "total": int(total), "limit": query.limit, "offset": query.offset,
            "events": [_summary(row) for row in rows]}


def _summary(row: Sequence[Any]) -> dict[str, Any]:
    (event_id, key, title, start, end, precision, kind, sub, actor1, actor2, side1, side2, place, lat, lon,
     admin1, country, geo_precision, low, best, high) = row
    location = None
    if place is not None or lat is not None:
        location = {"name": place, "latitude": lat, "longitude": lon, "admin1": admin1, "country": country,
                    "geo_precision": geo_precision}
    return {"id": event_id, "document": key, "title": title, "date_start": start, "date_end": end,
            "date_precision": precision, "event_type": kind, "sub_event_type": sub, "actor1": actor1,
            "actor2": actor2, "actor1_side": side1, "actor2_side": side2, "location": location,
            "fatalities": {"low": low, "best": best, "high": high}}


def event(conn: sqlite3.Connection, event_id: str) -> dict[str, Any] | None:
    """One event in the output contract's shape, with its claims, every evidence span
    (each with the words it covers as ``text``), its document and ACLED notes."""
    from annals.store.sqlite import _event_dict

    cursor = conn.execute("SELECT * FROM events WHERE id = ?", (event_id,))
    row = cursor.fetchone()
    if row is None:
        return None
    values = dict(zip([c[0] for c in cursor.description], row, strict=True))
    document_id = values["document_id"]
    key, title, path, source = conn.execute("SELECT key, title, path, source FROM documents WHERE id = ?",
                                            (document_id,)).fetchone()
    conflict = conn.execute("SELECT name FROM conflicts WHERE document_id = ?", (document_id,)).fetchone()
    spans: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for role, item, start, end in conn.execute(
            "SELECT role, item, start, \"end\" FROM evidence WHERE event_id = ? ORDER BY role, item, position",
            (event_id,)):
        spans.setdefault((role, item), []).append({"start": start, "end": end, "text": source[start:end]})
    claims = [{**json.loads(claim), "evidence": spans.get(("claim", number), [])}
              for number, claim in conn.execute("SELECT position, claim FROM claims WHERE event_id = ? "
                                                "ORDER BY position", (event_id,))]
    data = _event_dict(values, claims, lambda role: spans.get((role, 0), []))
    data["document"] = {"id": key, "title": title, "path": path}
    data["conflict"] = conflict[0] if conflict else None
    data["notes"] = values["notes"]
    return {"ok": True, "event": data}


def documents(conn: sqlite3.Connection, limit: int, offset: int) -> dict[str, Any]:
    """The stored documents, by title, with their conflict's name, dates and home country."""
    total = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    rows = conn.execute(
        "SELECT d.key, d.title, d.path, d.format, d.sha256, d.ingested_at, d.event_count, c.name, c.start_date, "
        "c.end_date, c.place, c.country, (SELECT count(*) FROM warnings w WHERE w.document_id = d.id) "
        "FROM documents d LEFT JOIN conflicts c ON c.document_id = d.id ORDER BY d.title, d.key LIMIT ? OFFSET ?",
        (limit, offset)).fetchall()
    keys = ("id", "title", "path", "format", "sha256", "ingested_at", "event_count", "conflict", "start_date",
            "end_date", "place", "country", "warning_count")
    return {"ok": True, "total": int(total), "limit": limit, "offset": offset,
            "documents": [dict(zip(keys, row, strict=True)) for row in rows]}


def document(conn: sqlite3.Connection, key: str) -> dict[str, Any] | None:
    """One document: its source text (what spans index), conflict record, warnings, and
    each event's id, type and evidence spans (to mark them in the text)."""
    row = conn.execute("SELECT id, key, title, path, format, sha256, ingested_at, event_count, source "
                       "FROM documents WHERE key = ?", (key,)).fetchone()
    if row is None:
        return None
    document_id = row[0]
    record = conn.execute("SELECT record FROM conflicts WHERE document_id = ?", (document_id,)).fetchone()
    warnings = []
    for code, message, start, end in conn.execute(
            "SELECT code, message, start, \"end\" FROM warnings WHERE document_id = ? ORDER BY position",
            (document_id,)):
        warnings.append({"code": code, "message": message,
                         "evidence": [] if start is None else [{"start": start, "end": end}]})
    spans: dict[str, list[dict[str, int]]] = {}
    for event_id, start, end in conn.execute(
            "SELECT event_id, start, \"end\" FROM evidence WHERE document_id = ? AND role = 'event' "
            "ORDER BY event_id, position", (document_id,)):
        spans.setdefault(event_id, []).append({"start": start, "end": end})
    events_ = [{"id": event_id, "date_start": start, "event_type": kind, "sub_event_type": sub,
                "evidence": spans.get(event_id, [])}
               for event_id, start, kind, sub in conn.execute(
                   "SELECT id, date_start, event_type, sub_event_type FROM events WHERE document_id = ? "
                   "ORDER BY position", (document_id,))]
    keys = ("id", "title", "path", "format", "sha256", "ingested_at", "event_count")
    return {"ok": True, "document": dict(zip(keys, row[1:8], strict=True)), "source": row[8],
            "conflict": json.loads(record[0]) if record else None, "warnings": warnings, "events": events_}


def actors(conn: sqlite3.Connection, text: str | None, document_key: str | None, limit: int,
           offset: int) -> dict[str, Any]:
    """Actor names with how many events name them (as actor1, actor2 or associated), most first."""
    scope, params = ("WHERE e.document_id = (SELECT id FROM documents WHERE key = ?)", [document_key]) \
        if document_key else ("", [])
    names = (
        f"SELECT e.actor1 AS name, e.id AS event_id FROM events e {scope} "
        f"UNION SELECT e.actor2, e.id FROM events e {scope} "
        f"UNION SELECT j.value, e.id FROM events e, json_each(e.assoc_actor_1) j {scope} "
        f"UNION SELECT j.value, e.id FROM events e, json_each(e.assoc_actor_2) j {scope}"
    )
    params = params * 4
    having = ""
    if text:
        having = "AND n.name LIKE ? ESCAPE '\\'"
        params.append("%" + like_escape(text) + "%")
    sql = (f"SELECT n.name, count(DISTINCT n.event_id) AS events FROM ({names}) n WHERE n.name IS NOT NULL "
           f"AND n.name != '' {having} GROUP BY n.name")
    total = conn.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]
    rows = conn.execute(f"{sql} ORDER BY events DESC, n.name LIMIT ? OFFSET ?", (*params, limit, offset)).fetchall()
    kinds: dict[str, tuple[str, str | None]] = {}
    if rows:
        marks = ", ".join("?" * len(rows))
        for name, kind, country in conn.execute(
                f"SELECT name, kind, country FROM actors WHERE name IN ({marks}) GROUP BY name",
                [r[0] for r in rows]):
            kinds[name] = (kind, country)
    return {"ok": True, "total": int(total), "limit": limit, "offset": offset,
            "actors": [{"name": name, "events": count, "kind": kinds.get(name, (None, None))[0],
                        "country": kinds.get(name, (None, None))[1]} for name, count in rows]}


def search(conn: sqlite3.Connection, query: str, limit: int) -> dict[str, Any]:
    """Sentences matching a full-text query, best first, each with its document and the
    events whose evidence overlaps it. Snippets come as parts: text, and whether it matched."""
    match = fts_query(conn, query)
    rows = conn.execute(
        "SELECT d.key, d.title, s.start, s.\"end\", s.text, "
        "snippet(sentences_fts, 0, ?, ?, '…', 24), s.document_id "
        "FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid JOIN documents d ON d.id = s.document_id "
        "WHERE sentences_fts MATCH ? ORDER BY bm25(sentences_fts), d.path, s.position LIMIT ?",
        (MARK_OPEN, MARK_CLOSE, match, limit)).fetchall()
    hits = []
    for key, title, start, end, text, snippet, document_id in rows:
        overlapping = [r[0] for r in conn.execute(
            "SELECT DISTINCT event_id FROM evidence WHERE document_id = ? AND start < ? AND \"end\" > ? "
            "ORDER BY event_id", (document_id, end, start))]
        hits.append({"document": key, "title": title, "start": start, "end": end, "text": text,
                     "snippet": snippet_parts(snippet), "events": overlapping})
    return {"ok": True, "query": query, "hits": hits}


def snippet_parts(snippet: str) -> list[dict[str, Any]]:
    """A marked snippet as [{text, match}] parts, so that clients never parse markup."""
    parts: list[dict[str, Any]] = []
    for index, chunk in enumerate(snippet.split(MARK_OPEN)):
        inside, _, after = chunk.partition(MARK_CLOSE) if index else ("", "", chunk)
        if inside:
            parts.append({"text": inside, "match": True})
        if after:
            parts.append({"text": after, "match": False})
    return parts


def summary(conn: sqlite3.Connection) -> dict[str, Any]:
    """What the database holds: counts, the date range, and events per type and sub-type."""
    documents_, events_, located, first, last = conn.execute(
        "SELECT (SELECT count(*) FROM documents), count(*), count(latitude), min(date_start), max(date_end) "
        "FROM events").fetchone()
    per_type: dict[str, dict[str, Any]] = {}
    for kind, sub, count in conn.execute(
            "SELECT event_type, sub_event_type, count(*) FROM events GROUP BY 1, 2 ORDER BY 1, 3 DESC"):
        entry = per_type.setdefault(kind, {"event_type": kind, "events": 0, "sub_event_types": []})
        entry["events"] += count
        entry["sub_event_types"].append({"sub_event_type": sub, "events": count})
    ordered = [per_type.pop(t) for t in ACLED_TYPES if t in per_type] + list(per_type.values())
    return {"ok": True, "documents": documents_, "events": events_, "located": located, "date_min": first,
            "date_max": last, "event_types": ordered}
