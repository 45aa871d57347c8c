"""Property tests: any text in any field survives the store and every export unchanged."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annals.export import export
from annals.export.acled import COLUMNS as ACLED_COLUMNS
from annals.export.acled import acled_row
from annals.export.geojson import feature
from annals.export.parquet import parquet_row
from annals.export.ucdp import COLUMNS as UCDP_COLUMNS
from annals.export.ucdp import ucdp_row
from annals.store import DocumentRecord, Sentence, Store

TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
NAME = st.one_of(st.none(), TEXT)
COUNT = st.one_of(st.none(), st.integers(0, 10**9))
SPANS = st.lists(st.builds(lambda a, b: {"start": min(a, b), "end": max(a, b)},
                           st.integers(0, 10**6), st.integers(0, 10**6)), max_size=3)
TYPES = st.sampled_from(["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
                         "Strategic developments"])


@st.composite
def dates(draw: st.DrawFn) -> tuple[str, str]:
    first = draw(st.dates())
    last = draw(st.dates(min_value=first))
    return first.isoformat(), last.isoformat()


LOCATION = st.fixed_dictionaries({
    "name": TEXT, "latitude": st.floats(-90, 90), "longitude": st.floats(-180, 180), "admin1": NAME,
    "country": NAME, "iso": st.one_of(st.none(), st.sampled_from([4, 368, 760, 804, 999])),
    "geo_precision": st.integers(1, 3), "geonameid": st.one_of(st.none(), st.integers(1, 10**8)), "evidence": SPANS,
})
CLAIM = st.one_of(
    st.fixed_dictionaries({"kind": st.sampled_from(["killed", "wounded", "captured"]), "low": COUNT, "high": COUNT,
                           "about": NAME, "source": NAME, "stance": st.sampled_from(["reported", "denied"]),
                           "approx": st.one_of(st.none(), TEXT), "evidence": SPANS}),
    st.fixed_dictionaries({"kind": st.just("attribution"), "actor": TEXT, "stance": st.just("corrected"),
                           "evidence": SPANS}),
)


@st.composite
def events(draw: st.DrawFn, number: int) -> dict[str, Any]:
    start, end = draw(dates())
    return {
        "id": f"e{number:03d}", "date_start": start, "date_end": end, "date_precision": draw(st.integers(1, 5)),
        "date_evidence": draw(SPANS), "date_basis": draw(NAME), "event_type": draw(TYPES),
        "sub_event_type": draw(TEXT), "actor1": draw(NAME), "actor2": draw(NAME),
        "actor1_side": draw(st.one_of(st.none(), st.integers(1, 3))),
        "actor2_side": draw(st.one_of(st.none(), st.integers(1, 3))),
        "inter1": draw(st.one_of(st.none(), st.integers(1, 8))),
        "inter2": draw(st.one_of(st.none(), st.integers(1, 8))),
        "interaction": draw(st.one_of(st.none(), st.integers(10, 88))),
        "assoc_actor_1": draw(st.lists(TEXT, max_size=2)), "assoc_actor_2": draw(st.lists(TEXT, max_size=2)),
        "location": draw(st.one_of(st.none(), LOCATION)),
        "fatalities": {"low": draw(COUNT), "best": draw(COUNT), "high": draw(COUNT)},
        "claims": draw(st.lists(CLAIM, max_size=3)),
        "trigger": draw(st.one_of(st.none(), SPANS.filter(bool).map(lambda s: s[0]))),
        "evidence": draw(SPANS),
        "more": draw(st.dictionaries(TEXT, NAME, max_size=2)),  # a field the contract may gain later
    }


@st.composite
def records(draw: st.DrawFn) -> DocumentRecord:
    source = draw(st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=200))
    sentences = tuple(Sentence(0, len(source), text) for text in draw(st.lists(TEXT, max_size=3)))
    data = {
        "document": {"title": draw(TEXT), "path": "", "sha256": hashlib.sha256(source.encode()).hexdigest(),
                     "format": draw(st.sampled_from(["seed", "markdown", "plain"]))},
        "conflict": {"name": draw(NAME), "start_date": None, "end_date": None, "place": draw(NAME),
                     "result": draw(NAME), "part_of": draw(st.lists(TEXT, max_size=2)),
                     "sides": [{"side": 1, "belligerents": draw(st.lists(TEXT, max_size=3)), "supporters": [],
                                "killed": {"low": draw(COUNT), "high": draw(COUNT), "text": draw(TEXT)}}]},
        "events": [draw(events(number)) for number in range(1, draw(st.integers(0, 4)) + 1)],
        "warnings": draw(st.lists(st.one_of(
            st.fixed_dictionaries({"code": TEXT, "message": TEXT}),
            st.fixed_dictionaries({"code": TEXT, "message": TEXT, "evidence": SPANS.filter(bool).map(lambda s: s[:1])}),
        ), max_size=2)),
    }
    return DocumentRecord(data, source, sentences)


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_store_any_text_round_trips_through_store_and_exports(record: DocumentRecord) -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder).resolve()
        path = str(base / "doc.txt")
        record.data["document"]["path"] = path
        with Store(base / "a.db") as store:
            assert store.put(record, path=path) == ("added", None)
            assert store.document(path) == record.data
            stored = list(store.events())
            key = store.connection.execute("SELECT key FROM documents").fetchone()[0]
            assert [e.event for e in stored] == [{**e, "id": f"{key}:{e['id']}"} for e in record.data["events"]]

            out = io.StringIO()
            export(store, "jsonl", out)
            lines = [json.loads(line) for line in out.getvalue().splitlines()]
            assert [{k: v for k, v in line.items() if k not in ("document", "conflict", "notes")}
                    for line in lines] == [e.event for e in stored]

            for format, columns, row_of in (("acled", ACLED_COLUMNS, acled_row), ("ucdp", UCDP_COLUMNS, ucdp_row)):
                out = io.StringIO(newline="")
                export(store, format, out)
                table = pd.read_csv(io.StringIO(out.getvalue(), newline=""), dtype=str, keep_default_na=False)
                assert tuple(table.columns) == columns
                rows = [row for row in map(row_of, stored) if row is not None]
                assert table.to_dict("records") == [{k: _cell(v) for k, v in row.items()} for row in rows]
                assert list(csv.DictReader(io.StringIO(out.getvalue(), newline=""))) == \
                    [{k: _cell(v) for k, v in row.items()} for row in rows]

            out = io.StringIO()
            export(store, "geojson", out)
            assert json.loads(out.getvalue())["features"] == [json.loads(json.dumps(feature(e))) for e in stored]

            export(store, "parquet", base / "events.parquet")
            assert pq.read_table(base / "events.parquet").to_pylist() == [parquet_row(e) for e in stored]
