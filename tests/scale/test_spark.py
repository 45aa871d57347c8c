"""The dump job in a real SparkSession (local[2]) over a multistream dump built from our pages."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds
import pytest
from typer.testing import CliRunner
from wiki_pages import build_dump, conflict_titles, load_pages

from annals.pipeline import Pipeline
from annals.read.xml_dump import page_document
from annals.scale.cli import app
from annals.scale.merge import load_inputs, merge_events
from annals.scale.spark import COLUMNS, run_dump_job, spark_session

pytest.importorskip("pyspark")
pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    session = spark_session("local[2]", app_name="annals-tests")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build_dump(tmp_path_factory.mktemp("dump"), pages_per_stream=2)


@pytest.fixture(scope="module")
def job(spark: Any, built: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    output = tmp_path_factory.mktemp("out")
    summary = run_dump_job(built[0], output, index=built[1], block_bytes=1, spark=spark)
    return output, summary


def table(output: Path, name: str) -> list[dict[str, Any]]:
    return ds.dataset(str(output / name), format="parquet", partitioning="hive").to_table().to_pylist()


def test_run_dump_job_counts_pages_and_conflict_articles(job: tuple[Path, Any]) -> None:
    _, summary = job
    assert (summary.blocks, summary.pages, summary.conflict_pages, summary.documents) == (4, 7, 3, 3)
    assert summary.failures == 0 and summary.events > 0 and summary.master == "local[2]"


def test_run_dump_job_writes_tables_partitioned_by_block(job: tuple[Path, Any]) -> None:
    output, _ = job
    for name in ("documents", "conflicts", "events"):
        assert sorted(p.name for p in (output / name).glob("block=*")) == ["block=0", "block=1"], name
    documents = table(output, "documents")
    assert {d["title"] for d in documents} == conflict_titles()
    assert set(documents[0]) == {name for name, _ in COLUMNS["documents"]}
    assert {c["name"] for c in table(output, "conflicts")} >= {"Northern Lakes offensive"}
    assert sum(b["pages"] for b in table(output, "blocks")) == len(load_pages())


def test_run_dump_job_events_match_the_local_pipeline(job: tuple[Path, Any], pipeline: Pipeline) -> None:
    """Spark changes where the work runs, not what comes out: same events, spans into the page text."""
    output, _ = job
    sources = {d["page_id"]: d["source"] for d in table(output, "documents")}
    events = table(output, "events")
    local = pipeline
    for page in load_pages():
        if page.id not in sources:
            continue
        expected = local(page_document(page, f"testwiki-multistream.xml.bz2#{page.id}")).to_dict()["events"]
        got = sorted((e for e in events if e["page_id"] == page.id), key=lambda e: e["event_id"])
        assert [json.loads(e["event"]) for e in got] == expected
        for row in got:
            assert sources[page.id][row["evidence_start"]:row["evidence_end"]].strip()


def test_run_dump_job_cut_dump_records_failures_and_keeps_the_rest(
        spark: Any, built: tuple[Path, Path], tmp_path: Path) -> None:
    dump, index = built
    cut = tmp_path / "cut.xml.bz2"
    cut.write_bytes(dump.read_bytes()[:-200])  # inside the last page stream
    summary = run_dump_job(cut, tmp_path / "out", index=index, block_bytes=1, spark=spark, use_geo=False)
    failures = table(tmp_path / "out", "failures")
    assert summary.failures == len(failures) >= 1
    assert {f["code"] for f in failures} == {"SCALE-E002"} and all(f["path"] == str(cut) for f in failures)
    assert summary.documents == 3  # every conflict page sits before the cut


def test_merge_events_over_the_job_output_joins_the_two_fixture_articles(job: tuple[Path, Any]) -> None:
    output, _ = job
    extractions, texts = load_inputs([output])
    assert len(texts) == len(extractions) == 3
    shared = [m for m in merge_events(extractions, texts=texts) if m["number_of_sources"] > 1]
    titles = [sorted(s["document"]["title"] for s in m["sources"]) for m in shared]
    assert ["Northern Lakes offensive", "Upper Euphrates campaign"] in titles


def test_run_dump_job_ingests_into_the_store(spark: Any, built: tuple[Path, Path], tmp_path: Path) -> None:
    from annals.store import Store

    database = tmp_path / "annals.db"
    summary = run_dump_job(built[0], tmp_path / "out", index=built[1], spark=spark, use_geo=False, ingest=database)
    assert summary.ingested == 3
    with Store(database, readonly=True) as store:
        assert {d["title"] for d in store.documents()} == conflict_titles()


def test_cli_dump_runs_the_job_and_prints_its_summary(spark: Any, built: tuple[Path, Path], tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["dump", str(built[0]), "--index", str(built[1]), "--output",
                                      str(tmp_path / "out"), "--no-geo", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["pages"], summary["conflict_pages"], summary["failures"]) == (7, 3, 0)
    assert spark.sparkContext._jsc is not None  # the session the tests share is still running
