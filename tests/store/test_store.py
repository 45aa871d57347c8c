"""The SQLite store on real files: ingest, idempotence, replacement, bad input, search, modes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annals.pipeline import Pipeline
from annals.read import read_path
from annals.store import EventFilter, Store, StoreError, classify_actor, date_bound, summarise

NARRATIVE = """= Invented river crossing =

Infobox
- Date: 12 March – 14 March 2019
- Place: Raqqa Governorate, Syria
- Combatant1: Syrian Democratic Forces
- Combatant2: Islamic State
- Casualties2: 9 killed

== Crossing ==
On 12 March 2019, SDF fighters attacked Islamic State positions near Raqqa. Activists said 9 militants were killed.
Two days later, ISIL shelled the bridge at Tabqa.
"""
CHANGED = NARRATIVE.replace(
    "Two days later, ISIL shelled the bridge at Tabqa.",
    "Two days later, ISIL shelled the dam at Tabqa. On 15 March 2019, Islamic State fighters ambushed an SDF "
    "convoy near Mansoura, killing 4 fighters.",
)
CORPUS = ("corpus/wikipedia/syria/2014_eastern_syria_offensive.md",
          "corpus/wikipedia/ukraine/battle_of_sumy.md",
          "corpus/wikipedia/ukraine/2022_snake_island_campaign.md")


@pytest.fixture()
def articles(shared: Path) -> list[Path]:
    return [shared / "corpus/seed/deir_ez-zor_offensive_2018.txt", *(shared / p for p in CORPUS)]


@pytest.fixture()
def narrative(tmp_path: Path) -> Path:
    path = tmp_path / "crossing.txt"
    path.write_text(NARRATIVE, encoding="utf-8")
    return path


def test_store_ingest_keeps_the_output_contract_of_every_document(
        tmp_path: Path, articles: list[Path], pipeline: Pipeline) -> None:
    with Store(tmp_path / "a.db") as store:
        summary = store.ingest(articles, pipeline=pipeline)
        assert summary.to_dict() | {"events": 0} == {"added": 4, "replaced": 0, "unchanged": 0, "duplicate": 0,
                                                      "failed": 0, "events": 0}
        assert store.verify() == []
        for path in articles:
            expected = pipeline.extract_path(path.resolve()).to_dict()
            assert store.document(path) == expected
        assert summary.events == store.stats()["events"] > 0
        assert store.source(articles[0]) == articles[0].read_text(encoding="utf-8")


def test_store_reingest_of_unchanged_documents_does_nothing(
        tmp_path: Path, articles: list[Path], pipeline: Pipeline) -> None:
    with Store(tmp_path / "a.db") as store:
        store.ingest(articles, pipeline=pipeline)
        before = (store.stats(), store.documents())
        again = store.ingest(articles, pipeline=pipeline)
        assert again.to_dict() == {"added": 0, "replaced": 0, "unchanged": 4, "duplicate": 0, "failed": 0,
                                   "events": 0}
        assert (store.stats(), store.documents()) == before


def test_store_changed_document_replaces_all_its_rows(tmp_path: Path, narrative: Path, pipeline: Pipeline) -> None:
    with Store(tmp_path / "a.db") as store:
        store.ingest([narrative], pipeline=pipeline)
        old_ids = {e.event["id"] for e in store.events()}
        assert store.search("bridge")
        narrative.write_text(CHANGED, encoding="utf-8")
        summary = store.ingest([narrative], pipeline=pipeline)
        assert (summary.replaced, summary.added) == (1, 0)
        new_ids = {e.event["id"] for e in store.events()}
        assert len(new_ids) == 3 and not old_ids & new_ids  # ids carry the new text's hash
        assert store.search("bridge") == []  # no stale sentence left in the full-text index
        assert [h.text for h in store.search("Mansoura")]
        assert store.document(narrative) == pipeline.extract_path(narrative.resolve()).to_dict()
        assert len(store.documents()) == 1 and store.verify() == []


def test_store_same_text_under_two_paths_is_stored_once(tmp_path: Path, narrative: Path, pipeline: Pipeline) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_text(NARRATIVE, encoding="utf-8")
    with Store(tmp_path / "a.db") as store:
        summary = store.ingest([narrative, copy], pipeline=pipeline)
        assert (summary.added, summary.duplicate) == (1, 1)
        assert [d["path"] for d in store.documents()] == [str(narrative.resolve())]


def test_store_bad_input_is_reported_and_earlier_data_kept(
        tmp_path: Path, narrative: Path, pipeline: Pipeline) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    junk = tmp_path / "junk.md"
    junk.write_bytes(bytes(range(256)) * 8)
    with Store(tmp_path / "a.db") as store:
        store.ingest([narrative], pipeline=pipeline)
        before = store.document(narrative)
        summary = store.ingest([empty, junk, tmp_path / "missing.txt"], pipeline=pipeline)
        assert summary.failed == 3
        assert [f.error.code for f in summary.failures if f.error] == ["READ-E002", "READ-E003", "READ-E001"]
        narrative.write_bytes(b"\x00\x01\x02 now binary")  # a stored file turned bad keeps its last good rows
        assert store.ingest([narrative], pipeline=pipeline).failed == 1
        assert store.document(narrative) == before
        assert store.verify() == []


def test_store_search_finds_a_sentence_with_its_source_offsets(
        tmp_path: Path, articles: list[Path], pipeline: Pipeline) -> None:
    with Store(tmp_path / "a.db") as store:
        store.ingest(articles[:1], pipeline=pipeline)
        hits = store.search("T-3 pumping station", limit=3)
        assert hits and hits[0].title == "Deir ez-Zor offensive (2018)"
        source = articles[0].read_text(encoding="utf-8")
        assert "T-3 Pumping Station" in source[hits[0].start:hits[0].end]
        assert "[Pumping]" in hits[0].snippet
        assert store.search('"ISIL launched" AND Palmyra')
        assert store.search("nonexistentword") == []
        with pytest.raises(StoreError) as caught:
            store.search("   ")
        assert caught.value.code == "STORE-E007"


def test_store_readonly_reads_and_refuses_to_write(tmp_path: Path, narrative: Path, pipeline: Pipeline) -> None:
    path = tmp_path / "a.db"
    with Store(path) as store:
        store.ingest([narrative], pipeline=pipeline)
    with Store(path, readonly=True) as reader:
        assert reader.search("Tabqa")
        assert len(list(reader.events())) == 2
        with pytest.raises(StoreError) as caught:
            reader.ingest([narrative])
        assert caught.value.code == "STORE-E004"
        with pytest.raises(sqlite3.OperationalError):
            reader.connection.execute("DELETE FROM documents")
    with pytest.raises(StoreError) as missing:
        Store(tmp_path / "none.db", readonly=True)
    assert missing.value.code == "STORE-E001"


def test_store_reader_sees_committed_documents_while_a_writer_is_busy(
        tmp_path: Path, narrative: Path, pipeline: Pipeline) -> None:
    path = tmp_path / "a.db"
    with Store(path) as writer, Store(path, readonly=True) as reader:
        writer.ingest([narrative], pipeline=pipeline)
        writer.connection.execute("BEGIN IMMEDIATE")
        writer.connection.execute("DELETE FROM documents")  # not committed: WAL keeps the reader's view
        assert len(reader.documents()) == 1 and reader.search("Tabqa")
        writer.connection.execute("ROLLBACK")


def test_store_refuses_files_it_cannot_use(tmp_path: Path) -> None:
    text = tmp_path / "notes.db"
    text.write_text("this is not a database, just some words " * 50)
    with pytest.raises(StoreError) as caught:
        Store(text)
    assert caught.value.code == "STORE-E001"
    newer = tmp_path / "newer.db"
    Store(newer).close()
    with sqlite3.connect(newer) as conn:
        conn.execute("INSERT INTO schema_version VALUES (99, 'later')")
    conn.close()
    with pytest.raises(StoreError) as too_new:
        Store(newer)
    assert too_new.value.code == "STORE-E002"


def test_store_new_database_has_the_current_schema_and_wal(tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as store:
        assert store.schema_version == 1
        assert store.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in store.connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"documents", "conflicts", "sides", "belligerents", "actors", "events", "claims", "evidence",
                "sentences", "sentences_fts", "warnings", "schema_version"} <= tables
    with Store(tmp_path / "a.db") as again:  # opening again migrates nothing
        assert again.connection.execute("SELECT count(*) FROM schema_version").fetchone()[0] == 1


def test_store_events_filter_by_date_country_actor_and_type(
        tmp_path: Path, articles: list[Path], pipeline: Pipeline) -> None:
    with Store(tmp_path / "a.db") as store:
        store.ingest(articles, pipeline=pipeline)
        every = [e.event for e in store.events()]

        def ids(**filters: str) -> set[str]:
            return {e.event["id"] for e in store.events(EventFilter(**filters))}

        assert ids(from_date="2018-06-01", to_date="2018-06-30") == {
            e["id"] for e in every if e["date_end"] >= "2018-06-01" and e["date_start"] <= "2018-06-30"}
        assert ids(country="ukraine") == ids(country="UKR") == {
            e["id"] for e in every if (e["location"] or {}).get("country") == "Ukraine"}
        assert ids(actor="islamic state") == {
            e["id"] for e in every
            if any("islamic state" in (a or "").lower()
                   for a in (e["actor1"], e["actor2"], *e["assoc_actor_1"], *e["assoc_actor_2"]))}
        assert ids(event_type="battles") == {e["id"] for e in every if e["event_type"] == "Battles"}
        assert ids(event_type="Air/drone strike") == {e["id"] for e in every
                                                      if e["sub_event_type"] == "Air/drone strike"}
        assert ids(actor="100%_") == set()  # LIKE wildcards are plain characters


@pytest.mark.parametrize(("text", "last", "expected"), [
    ("2018", False, "2018-01-01"), ("2018", True, "2018-12-31"), ("2016-02", True, "2016-02-29"),
    ("2018-12", True, "2018-12-31"), ("2018-05-22", False, "2018-05-22"),
])
def test_store_date_bound_reads_years_months_and_days(text: str, last: bool, expected: str) -> None:
    assert date_bound(text, last=last) == expected


@pytest.mark.parametrize("text", ["2018-13", "22 May", "2018-02-30", ""])
def test_store_date_bound_rejects_what_is_not_a_date(text: str) -> None:
    with pytest.raises(StoreError) as caught:
        date_bound(text, last=False)
    assert caught.value.code == "STORE-E005"


@pytest.mark.parametrize(("name", "kind", "country"), [
    ("Syrian Arab Republic", "state", "Syria"),
    ("Republic of Iraq", "state", "Iraq"),
    ("Russian Armed Forces", "state", "Russia"),
    ("Islamic State", "nonstate", None),
    ("Combined Joint Task Force", "international", None),
    ("Civilians", "civilian", None),
    ("government forces", "state", None),
    ("Donetsk People's Republic", "nonstate", None),
    ("An invented brigade", "nonstate", None),
])
def test_store_classify_actor_gives_kind_and_country(name: str, kind: str, country: str | None) -> None:
    assert classify_actor(name) == (kind, country)


def test_store_summarise_names_every_claim_and_its_source() -> None:
    event = {
        "date_start": "2019-03-12", "date_end": "2019-03-12", "event_type": "Battles", "sub_event_type": "Armed clash",
        "actor1": "Syrian Democratic Forces", "actor2": "Islamic State",
        "location": {"name": "Raqqa", "admin1": "Raqqa", "country": "Syria", "geo_precision": 2},
        "claims": [
            {"kind": "killed", "low": 20, "high": 25, "about": "Islamic State", "source": "a monitoring group",
             "stance": "reported"},
            {"kind": "killed", "low": 3, "high": 3, "about": None, "source": None, "stance": "reported"},
            {"kind": "attribution", "actor": "United States", "stance": "corrected"},
        ],
    }
    assert summarise(event) == (
        "Armed clash between Syrian Democratic Forces and Islamic State near Raqqa (Syria), 2019-03-12. "
        "Claims: a monitoring group reported 20-25 killed (Islamic State); 3 killed, unattributed; "
        "first attributed to United States, later corrected.")


def test_store_read_path_and_ingest_agree_on_the_hash(narrative: Path, tmp_path: Path, pipeline: Pipeline) -> None:
    with Store(tmp_path / "a.db") as store:
        store.ingest([narrative], pipeline=pipeline)
        assert store.documents()[0]["sha256"] == read_path(narrative).sha256


def test_store_delete_removes_a_document_and_all_it_produced(
        tmp_path: Path, narrative: Path, pipeline: Pipeline) -> None:
    with Store(tmp_path / "a.db") as store:
        store.ingest([narrative], pipeline=pipeline)
        assert store.delete(narrative) is True
        assert store.stats() == dict.fromkeys(store.stats(), 0)
        assert store.search("Tabqa") == [] and store.verify() == []
        assert store.delete(narrative) is False
