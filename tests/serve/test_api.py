"""The explorer's JSON API, against a real uvicorn server on loopback."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
import pytest
from live import build_db

from annals.pipeline import Pipeline
from annals.serve import create_app
from annals.serve.app import allowed_hosts_for
from annals.serve.openapi import openapi
from annals.serve.server import running
from annals.store import Store, StoreError

STATIC = Path(__file__).resolve().parents[2] / "src" / "annals" / "serve" / "static"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Path:
    return build_db(tmp_path_factory.mktemp("api"), pipeline)


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[httpx.Client]:
    with running(db) as url, httpx.Client(base_url=url, timeout=30) as http:
        yield http


@pytest.fixture(scope="module")
def every_event(client: httpx.Client) -> list[dict[str, Any]]:
    data = client.get("/api/events", params={"limit": 5000}).json()
    assert data["total"] == len(data["events"]) > 10
    return list(data["events"])


@pytest.fixture(scope="module")
def documents(client: httpx.Client) -> dict[str, dict[str, Any]]:
    return {d["path"].rsplit("/", 1)[-1]: d for d in client.get("/api/documents").json()["documents"]}


# -- a hand-written OpenAPI conformance check -------------------------------------------------------------------

SPEC = openapi()
TYPES: dict[str, Any] = {"null": type(None), "string": str, "object": dict, "array": list, "boolean": bool}


def conform(value: Any, schema: dict[str, Any], where: str = "$") -> list[str]:
    """Where ``value`` breaks ``schema`` (the JSON Schema subset the API document uses)."""
    if "$ref" in schema:
        schema = SPEC["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    if "oneOf" in schema:
        matching = [s for s in schema["oneOf"] if not conform(value, s, where)]
        return [] if len(matching) == 1 else [f"{where}: matches {len(matching)} of oneOf"]
    if "const" in schema and value != schema["const"]:
        return [f"{where}: {value!r} is not {schema['const']!r}"]
    if "enum" in schema and value not in schema["enum"]:
        return [f"{where}: {value!r} not in enum"]
    kinds = schema.get("type")
    if kinds is not None:
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if not any(_is(value, kind) for kind in kinds):
            return [f"{where}: {type(value).__name__} is not {kinds}"]
    problems: list[str] = []
    if isinstance(value, dict):
        problems += [f"{where}: missing {key!r}" for key in schema.get("required", []) if key not in value]
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                problems += conform(value[key], sub, f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            problems += conform(item, schema["items"], f"{where}[{index}]")
    return problems


def _is(value: Any, kind: str) -> bool:
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, TYPES[kind]) and not (kind == "string" and isinstance(value, bool))


def response_schema(path: str, status: int) -> dict[str, Any]:
    for template, item in SPEC["paths"].items():
        if re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", template), path):
            answer = item["get"]["responses"][str(status)]
            return dict(answer["content"]["application/json"]["schema"])
    raise AssertionError(f"{path} is not in the OpenAPI document")


# -- events ------------------------------------------------------------------------------------------------------


def test_api_events_pages_partition_the_whole_list(client: httpx.Client, every_event: list[dict[str, Any]]) -> None:
    pages = []
    for offset in range(0, len(every_event), 4):
        page = client.get("/api/events", params={"limit": 4, "offset": offset}).json()
        assert page["total"] == len(every_event) and page["limit"] == 4 and page["offset"] == offset
        pages += page["events"]
    assert [e["id"] for e in pages] == [e["id"] for e in every_event]
    assert [e["date_start"] for e in every_event] == sorted(e["date_start"] for e in every_event)


def _overlaps(event: dict[str, Any], low: str, high: str) -> bool:
    return bool(event["date_end"] >= low and event["date_start"] <= high)


FILTERS = [
    ({"type": "Battles"}, lambda e: e["event_type"] == "Battles"),
    ({"type": "battles,Strategic developments"}, lambda e: e["event_type"] in ("Battles", "Strategic developments")),
    ({"sub_type": "Armed clash"}, lambda e: e["sub_event_type"] == "Armed clash"),
    ({"actor": "ukrain"}, lambda e: "ukrain" in f"{e['actor1']} {e['actor2']}".lower()),
    ({"side": "2"}, lambda e: 2 in (e["actor1_side"], e["actor2_side"])),
    ({"from": "2022-09-10", "to": "2022-09-12"}, lambda e: _overlaps(e, "2022-09-10", "2022-09-12")),
    ({"from": "2022-10"}, lambda e: e["date_end"] >= "2022-10-01"),
    ({"country": "UKR"}, lambda e: (e["location"] or {}).get("country") == "Ukraine"),
    ({"country": "syria"}, lambda e: (e["location"] or {}).get("country") == "Syria"),
    ({"bbox": "36.5,49.0,37.5,49.8"},
     lambda e: e["location"] and 36.5 <= e["location"]["longitude"] <= 37.5
     and 49 <= e["location"]["latitude"] <= 49.8),
]


@pytest.mark.parametrize(("params", "keeps"), FILTERS, ids=[str(p) for p, _ in FILTERS])
def test_api_events_filter_keeps_exactly_the_matching_events(
        client: httpx.Client, every_event: list[dict[str, Any]], params: dict[str, str], keeps: Any) -> None:
    data = client.get("/api/events", params={**params, "limit": 5000}).json()
    expected = [e["id"] for e in every_event if keeps(e)]
    assert 0 < len(expected) < len(every_event)
    assert [e["id"] for e in data["events"]] == expected
    assert data["total"] == len(expected)


def test_api_events_filter_by_document_and_text(client: httpx.Client, documents: dict[str, dict[str, Any]]) -> None:
    hill = documents["hill.txt"]["id"]
    data = client.get("/api/events", params={"document": hill}).json()
    assert data["total"] == documents["hill.txt"]["event_count"] > 0
    assert {e["document"] for e in data["events"]} == {hill}
    found = client.get("/api/events", params={"q": "Balakliia"}).json()
    assert found["total"] > 0
    assert all(e["title"].startswith("Kharkiv") for e in found["events"])
    assert client.get("/api/events", params={"q": "T-3 pumping"}).json()["total"] == 0  # a hyphen is plain text


BAD = [
    ("type=Batles", "type: 'Batles' is not an ACLED event type"),
    ("sub_type=Gunfight", "sub_type: 'Gunfight' is not an ACLED sub-event type"),
    ("from=2020-13", "from: '2020-13' is not a year, a month or a day"),
    ("from=2022-10&to=2022-09", "is after to"),
    ("limit=0", "limit: 0 is out of range"),
    ("limit=5001", "limit: 5001 is out of range"),
    ("offset=-1", "offset: -1 is out of range"),
    ("limit=ten", "limit: 'ten' is not a whole number"),
    ("side=left", "side: 'left' is not a whole number"),
    ("bbox=1,2,3", "bbox: '1,2,3' is not four numbers"),
    ("bbox=0,80,10,20", "bbox: '0,80,10,20' is out of range"),
    ("bbox=nan,1,2,3", "is not four numbers"),
    ("fromm=2020", "unknown parameter 'fromm'"),
    ("actor=a&actor=b", "actor: give it once"),
]


@pytest.mark.parametrize(("query", "message"), BAD, ids=[q for q, _ in BAD])
def test_api_events_rejects_a_bad_parameter_with_one_error_shape(client: httpx.Client, query: str,
                                                                 message: str) -> None:
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"ok", "error", "status"} and body["ok"] is False and body["status"] == 400
    assert message in body["error"]


def test_api_event_has_claims_and_evidence_that_index_the_source(client: httpx.Client,
                                                                 every_event: list[dict[str, Any]]) -> None:
    sources: dict[str, str] = {}
    claims = 0
    for summary in every_event:
        event = client.get(f"/api/events/{summary['id']}").json()["event"]
        key = event["document"]["id"]
        assert key == summary["document"]
        if key not in sources:
            sources[key] = client.get(f"/api/documents/{key}").json()["source"]
        spans = [*event["evidence"], *event["date_evidence"], *[s for c in event["claims"] for s in c["evidence"]]]
        assert event["evidence"]
        for span in spans:
            assert span["text"] == sources[key][span["start"]:span["end"]]
        claims += len(event["claims"])
        assert event["notes"]
    assert claims > 0


def test_api_event_shows_who_said_what(client: httpx.Client, every_event: list[dict[str, Any]]) -> None:
    shelling = next(e for e in every_event if e["title"].startswith("Kharkiv") and e["location"]["name"] == "Balakliia"
                    and e["event_type"] == "Explosions/Remote violence")
    event = client.get(f"/api/events/{shelling['id']}").json()["event"]
    assert [(c["source"], c["kind"], c["low"], c["about"]) for c in event["claims"]] == [
        ("Local officials", "killed", 4, "Civilians")]
    assert event["claims"][0]["evidence"][0]["text"] == "4"


def test_api_unknown_ids_are_404_in_the_error_shape(client: httpx.Client) -> None:
    for path in ("/api/events/nope:e001", "/api/documents/feedface", "/api/nothing", "/nothing"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json()["ok"] is False and response.json()["status"] == 404


# -- documents, actors, search -------------------------------------------------------------------------------------


def test_api_document_has_its_source_conflict_record_warnings_and_event_spans(
        client: httpx.Client, db: Path, documents: dict[str, dict[str, Any]]) -> None:
    key = documents["kharkiv.txt"]["id"]
    data = client.get(f"/api/documents/{key}").json()
    with Store(db, readonly=True) as store:
        stored = store.document(data["document"]["path"])
        assert data["source"] == store.source(data["document"]["path"])
    assert stored is not None
    assert data["conflict"] == stored["conflict"]
    assert data["conflict"]["name"] == "Kharkiv counteroffensive (example narrative)"
    assert [w["code"] for w in data["warnings"]] == [w["code"] for w in stored["warnings"]]
    assert [e["id"].split(":")[1] for e in data["events"]] == [e["id"] for e in stored["events"]]
    assert all(e["evidence"] for e in data["events"])


def test_api_documents_list_every_document(client: httpx.Client, documents: dict[str, dict[str, Any]]) -> None:
    assert set(documents) == {"kharkiv.txt", "hill.txt", "hostile.txt"}
    assert documents["hill.txt"]["conflict"] == "Invented hill battle"
    assert client.get("/api/documents", params={"limit": 1, "offset": 1}).json()["documents"][0]["id"] in {
        d["id"] for d in documents.values()}


def test_api_actors_count_the_events_that_name_them(client: httpx.Client, every_event: list[dict[str, Any]]) -> None:
    actors = {a["name"]: a for a in client.get("/api/actors").json()["actors"]}
    expected = sum(1 for e in every_event if "Ukraine" in (e["actor1"], e["actor2"]))
    assert actors["Ukraine"]["events"] == expected > 0
    assert actors["Ukraine"]["kind"] == "state"
    narrowed = client.get("/api/actors", params={"q": "russ"}).json()
    assert [a["name"] for a in narrowed["actors"]] == ["Russia"]


def test_api_search_finds_sentences_with_their_events(client: httpx.Client) -> None:
    data = client.get("/api/search", params={"q": "Balakliia"}).json()
    assert data["hits"]
    for hit in data["hits"]:
        assert any(part["match"] and part["text"] == "Balakliia" for part in hit["snippet"])
        assert "".join(p["text"] for p in hit["snippet"]).replace("…", "") in hit["text"]
    assert any(hit["events"] for hit in data["hits"])
    assert client.get("/api/search", params={"q": '"unbalanced'}).status_code == 200  # quoted as words instead
    assert client.get("/api/search").status_code == 400
    assert client.get("/api/search", params={"q": "x", "limit": 1000}).status_code == 400


# -- the OpenAPI document ------------------------------------------------------------------------------------------


def test_api_responses_conform_to_the_openapi_document(client: httpx.Client, every_event: list[dict[str, Any]],
                                                       documents: dict[str, dict[str, Any]]) -> None:
    requests = [
        "/api/events", "/api/events?type=Battles&limit=3", "/api/events?q=shelled", "/api/events?limit=0",
        "/api/documents", "/api/actors", "/api/actors?limit=-1", "/api/search?q=army", "/api/search?q=",
        "/api/summary", "/api/openapi.json", "/api/events/none", "/api/documents/none",
        *[f"/api/events/{e['id']}" for e in every_event],
        *[f"/api/documents/{d['id']}" for d in documents.values()],
    ]
    for path in requests:
        response = client.get(path)
        schema = response_schema(path.split("?")[0], response.status_code)
        assert conform(response.json(), schema) == [], path
        assert response.headers["content-type"] == "application/json"


def test_api_openapi_describes_every_route_and_nothing_else(db: Path, client: httpx.Client) -> None:
    app = create_app(db)
    routes = {re.sub(r"\{[^}]+\}", "{}", r.path) for r in app.routes if r.path.startswith("/api")}  # type: ignore[attr-defined]
    assert routes == {re.sub(r"\{[^}]+\}", "{}", p) for p in SPEC["paths"]}
    served = client.get("/api/openapi.json").json()
    assert served["openapi"].startswith("3.") and served["paths"].keys() == SPEC["paths"].keys()
    for item in served["paths"].values():
        for parameter in item["get"].get("parameters", []):
            assert parameter["description"] and parameter["in"] in ("query", "path")


# -- security --------------------------------------------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_api_page_and_api_send_the_security_headers(client: httpx.Client) -> None:
    for path in ("/", "/api/summary", "/static/js/main.js", "/api/events?type=x"):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


def test_api_page_has_no_inline_script_or_style_and_no_outside_address() -> None:
    page = _Tags()
    page.feed((STATIC / "index.html").read_text())
    scripts = [attrs for tag, attrs in page.tags if tag == "script"]
    assert scripts and all(attrs.get("src", "").startswith("/static/") for attrs in scripts)
    assert not [tag for tag, attrs in page.tags if "style" in attrs or any(a.startswith("on") for a in attrs)]
    assert not [tag for tag, _ in page.tags if tag == "style"]
    for path in [STATIC / "index.html", STATIC / "app.css", *sorted((STATIC / "js").glob("*.js"))]:
        text = path.read_text()
        assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", text), path
        assert "innerHTML" not in text and "insertAdjacentHTML" not in text and "eval(" not in text, path


def test_api_vendored_libraries_keep_their_licences() -> None:
    vendor = STATIC / "vendor"
    for library, main in (("leaflet", "leaflet.js"), ("topojson-client", "topojson-client.min.js"),
                          ("world-atlas", "countries-50m.json")):
        assert (vendor / library / main).is_file()
        assert "Permission" in (vendor / library / "LICENSE").read_text() or "Redistribution" in (
            vendor / library / "LICENSE").read_text()
    assert "leaflet 1.9.4" in (vendor / "README.md").read_text().lower()


def test_api_rejects_a_host_header_that_is_not_this_machine(client: httpx.Client) -> None:
    response = client.get("/api/summary", headers={"Host": "attacker.example:8765"})
    assert response.status_code == 400 and "Host header" in response.json()["error"]
    assert client.get("/api/summary", headers={"Host": "localhost:1"}).status_code == 200
    assert allowed_hosts_for("0.0.0.0") is None
    assert allowed_hosts_for("::1") == allowed_hosts_for("127.0.0.1")


def test_api_is_read_only(client: httpx.Client) -> None:
    response = client.post("/api/events", json={})
    assert response.status_code == 405 and response.json()["status"] == 405
    assert client.delete("/api/events/x").status_code == 405


def test_api_opens_every_connection_read_only(client: httpx.Client, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[tuple[Any, ...]] = []
    connect = sqlite3.connect

    def spy(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        opened.append((args[0], kwargs.get("uri")))
        return connect(*args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", spy)
    for path in ("/api/events", "/api/summary", "/api/actors", "/api/search?q=army", "/api/documents"):
        assert client.get(path).status_code == 200
    assert len(opened) == 5
    assert all(uri is True and str(target).endswith("?mode=ro") for target, uri in opened)


@pytest.mark.parametrize("params", [
    {"actor": "x' OR 1=1 --"}, {"document": "' OR '1'='1"}, {"country": "'; DROP TABLE events; --"},
    {"q": "\"); DROP TABLE events; --"}, {"q": "NEAR(a b"}, {"actor": "Syrian%Republic"}, {"actor": "Syrian_Arab"},
])
def test_api_sql_in_a_parameter_is_only_a_value(client: httpx.Client, every_event: list[dict[str, Any]],
                                                params: dict[str, str]) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert response.json()["total"] == 0
    assert client.get("/api/events").json()["total"] == len(every_event)


def test_api_needs_an_existing_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as caught:
        create_app(tmp_path / "missing.db")
    assert caught.value.code == "STORE-E001"


def test_api_gzips_large_answers(client: httpx.Client) -> None:
    response = client.get("/api/events", params={"limit": 5000}, headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
