"""Exports of a real store read back with pandas, pyarrow and json equal the store's rows."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

import pandas as pd
import pyarrow.parquet as pq
import pytest

from annals.export import FORMATS, ExportError, export
from annals.export.acled import COLUMNS as ACLED_COLUMNS
from annals.export.codes import VIOLENT_TYPES, interaction
from annals.export.parquet import SCHEMA
from annals.export.ucdp import COLUMNS as UCDP_COLUMNS
from annals.export.ucdp import numeric_id
from annals.pipeline import Pipeline
from annals.store import EventFilter, Store, StoredEvent

ARTICLES = ("corpus/seed/deir_ez-zor_offensive_2018.txt",
            "corpus/wikipedia/syria/2014_eastern_syria_offensive.md",
            "corpus/wikipedia/ukraine/battle_of_sumy.md",
            "corpus/wikipedia/ukraine/2022_snake_island_campaign.md")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, shared: Path, pipeline: Pipeline) -> Path:
    path = tmp_path_factory.mktemp("export") / "annals.db"
    with Store(path) as store:
        assert store.ingest([shared / a for a in ARTICLES], pipeline=pipeline).failed == 0
    return path


@pytest.fixture(scope="module")
def stored(db: Path) -> list[StoredEvent]:
    with Store(db, readonly=True) as store:
        return list(store.events())


def _records(table: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows with empty cells as None (pandas reads them as NaN)."""
    return [{k: None if pd.isna(v) else v for k, v in row.items()} for row in table.to_dict("records")]


def test_export_acled_has_the_31_columns_in_order_and_the_store_values(
        db: Path, stored: list[StoredEvent], tmp_path: Path) -> None:
    target = tmp_path / "acled.csv"
    assert export(db, "acled", target) == len(stored) > 0
    table = pd.read_csv(target)
    assert tuple(table.columns) == ACLED_COLUMNS and len(ACLED_COLUMNS) == 31
    for row, item in zip(_records(table), stored, strict=True):
        event = item.event
        location = event["location"] or {}
        assert row["event_id_cnty"].endswith("-" + event["id"])
        assert row["event_date"] == event["date_start"] if event["date_start"] == event["date_end"] else True
        assert event["date_start"] <= row["event_date"] <= event["date_end"]
        assert row["time_precision"] in (1, 2, 3) and row["geo_precision"] in (1, 2, 3, None)
        assert row["fatalities"] == (event["fatalities"]["low"] or 0)
        assert (row["actor1"], row["event_type"], row["sub_event_type"]) == (
            event["actor1"], event["event_type"], event["sub_event_type"])
        assert (row["latitude"], row["longitude"]) == (location.get("latitude"), location.get("longitude"))
        assert row["notes"] == item.notes
        for claim in event["claims"]:
            if claim.get("source"):
                assert claim["source"] in row["notes"]
        assert row["inter1"] in range(9) and row["inter2"] in range(9)
        assert row["interaction"] == interaction(row["inter1"], row["inter2"])
        assert (row["inter1"] == 0) == (event["actor1"] is None)


def test_export_ucdp_keeps_organised_violence_in_the_ged_layout(
        db: Path, stored: list[StoredEvent], tmp_path: Path) -> None:
    target = tmp_path / "ged.csv"
    violent = [e for e in stored if e.event["event_type"] in VIOLENT_TYPES]
    assert export(db, "ucdp", target) == len(violent) > 0
    table = pd.read_csv(target)
    assert tuple(table.columns) == UCDP_COLUMNS and len(UCDP_COLUMNS) == 49
    for row, item in zip(_records(table), violent, strict=True):
        event = item.event
        assert (row["id"], row["relid"]) == (numeric_id(event["id"]), event["id"])
        assert (row["date_start"], row["date_end"], row["date_prec"]) == (
            event["date_start"], event["date_end"], event["date_precision"])
        assert row["type_of_violence"] in (1, 2, 3)
        assert {row["side_a"], row["side_b"]} >= {a for a in (event["actor1"], event["actor2"]) if a}
        assert row["where_prec"] in (1, 2, 4, 6, None)
        fatalities = event["fatalities"]
        assert [row["low"], row["best"], row["high"]] == [fatalities[k] for k in ("low", "best", "high")]


def test_export_geojson_is_a_feature_collection_of_the_events(
        db: Path, stored: list[StoredEvent], tmp_path: Path) -> None:
    target = tmp_path / "events.geojson"
    export(db, "geojson", target)
    collection = json.loads(target.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    assert [f["id"] for f in collection["features"]] == [e.event["id"] for e in stored]
    for feature, item in zip(collection["features"], stored, strict=True):
        location = item.event["location"]
        if location is None:
            assert feature["geometry"] is None
        else:
            assert feature["geometry"] == {"type": "Point",
                                           "coordinates": [location["longitude"], location["latitude"]]}
        assert feature["properties"]["claims"] == item.event["claims"]


def test_export_jsonl_lines_are_the_stored_events(db: Path, stored: list[StoredEvent], tmp_path: Path) -> None:
    target = tmp_path / "events.jsonl"
    export(db, "jsonl", target)
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").split("\n") if line]
    assert [{k: v for k, v in line.items() if k not in ("document", "conflict", "notes")} for line in lines] == \
        [e.event for e in stored]
    assert all(line["document"]["title"] and line["notes"] for line in lines)
    frame = pd.read_json(target, lines=True)
    assert list(frame["id"]) == [e.event["id"] for e in stored]


def test_export_parquet_has_a_typed_schema_and_the_store_values(
        db: Path, stored: list[StoredEvent], tmp_path: Path) -> None:
    target = tmp_path / "events.parquet"
    export(db, "parquet", target)
    table = pq.read_table(target)
    assert table.schema.equals(SCHEMA)
    rows = table.to_pylist()
    assert [r["id"] for r in rows] == [e.event["id"] for e in stored]
    for row, item in zip(rows, stored, strict=True):
        event = item.event
        assert row["date_start"].isoformat() == event["date_start"]
        assert row["fatalities_low"] == event["fatalities"]["low"]
        assert row["evidence"] == event["evidence"]
        assert [c["kind"] for c in row["claims"]] == [c["kind"] for c in event["claims"]]
    frame = pd.read_parquet(target)
    assert len(frame) == len(stored)


def test_export_filters_select_the_same_events_in_every_format(db: Path, tmp_path: Path) -> None:
    filters = {"from_date": "2018-05-25", "to_date": "2018-06", "country": "Syria", "actor": "islamic",
               "event_type": "Battles"}
    with Store(db, readonly=True) as store:
        expected = [e.event["id"] for e in store.events(EventFilter(**filters))]
    assert expected
    out = io.StringIO()
    assert export(db, "jsonl", out, **filters) == len(expected)
    assert [json.loads(line)["id"] for line in out.getvalue().splitlines()] == expected
    export(db, "parquet", tmp_path / "f.parquet", **filters)
    assert pq.read_table(tmp_path / "f.parquet").column("id").to_pylist() == expected
    for event in (json.loads(line) for line in out.getvalue().splitlines()):
        assert event["date_end"] >= "2018-05-25" and event["date_start"] <= "2018-06-30"
        assert event["location"]["country"] == "Syria" and event["event_type"] == "Battles"


def test_export_refuses_unknown_formats_and_parquet_without_a_file(db: Path) -> None:
    with pytest.raises(ExportError) as unknown:
        export(db, "xlsx", io.StringIO())
    assert unknown.value.code == "EXPORT-E001"
    with pytest.raises(ExportError) as binary:
        export(db, "parquet", None)
    assert binary.value.code == "EXPORT-E002"


def test_export_leaves_no_partial_file_when_it_fails(
        db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.csv"
    target.write_text("the previous export\n")

    def broken(events: Iterable[StoredEvent], out: TextIO) -> int:
        out.write("half a row")
        raise OSError("disk full")

    monkeypatch.setitem(FORMATS, "acled", broken)
    with pytest.raises(OSError, match="disk full"):
        export(db, "acled", target)
    assert target.read_text() == "the previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
