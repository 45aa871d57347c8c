"""The dump job: a MediaWiki dump in, Parquet tables of documents, conflicts and events out.

dump (+ index) -> blocks of bz2 streams (one Spark task each) -> pages -> conflict
filter -> the annals pipeline (one ``Pipeline`` per Python worker, the gazetteer
loaded from the user cache) -> rows. A page that fails becomes a row of the
``failures`` table and the job goes on; a block that is cut off keeps the pages
read before the cut. The same code runs in local mode (``local[2]`` by default)
and on a cluster: run this file with ``spark-submit`` (it has a ``__main__``).
pyspark is imported only when a job starts, so annals works without it.

Tables under OUTPUT/: ``documents``, ``conflicts`` and ``events`` (partitioned by
``block``), ``failures`` and ``blocks`` (per-block counts and seconds).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annals.errors import AnnalsError, ScaleError
from annals.read.xml_dump import Page, page_document
from annals.scale.dump import DEFAULT_BLOCK_BYTES, Block, iter_block_pages, plan_blocks
from annals.scale.filter import classify_page
from annals.store.records import record_of

if TYPE_CHECKING:
    from annals.pipeline import Pipeline

__all__ = ["COLUMNS", "JobSummary", "extract_block", "main", "run_dump_job", "spark_session"]

Record = tuple[str, tuple[Any, ...]]

# Column name -> Spark SQL type, per table, in row order. ``block`` is the partition column.
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "documents": (
        ("block", "int"), ("stream_offset", "bigint"), ("page_id", "bigint"), ("revision_id", "bigint"),
        ("title", "string"), ("path", "string"), ("sha256", "string"), ("format", "string"),
        ("timestamp", "string"), ("filter_reason", "string"), ("events", "int"), ("warnings", "string"),
        ("source", "string"), ("sentences", "string"),
    ),
    "conflicts": (
        ("block", "int"), ("page_id", "bigint"), ("title", "string"), ("sha256", "string"), ("name", "string"),
        ("start_date", "string"), ("end_date", "string"), ("place", "string"), ("result", "string"),
        ("part_of", "array<string>"), ("conflict", "string"),
    ),
    "events": (
        ("block", "int"), ("page_id", "bigint"), ("title", "string"), ("path", "string"), ("sha256", "string"),
        ("event_id", "string"), ("date_start", "string"), ("date_end", "string"), ("date_precision", "int"),
        ("event_type", "string"), ("sub_event_type", "string"), ("actor1", "string"), ("actor2", "string"),
        ("location_name", "string"), ("latitude", "double"), ("longitude", "double"), ("country", "string"),
        ("geo_precision", "int"), ("fatalities_low", "bigint"), ("fatalities_best", "bigint"),
        ("fatalities_high", "bigint"), ("evidence_start", "int"), ("evidence_end", "int"), ("event", "string"),
    ),
    "failures": (
        ("block", "int"), ("stream_offset", "bigint"), ("page_id", "bigint"), ("title", "string"),
        ("code", "string"), ("path", "string"), ("reason", "string"), ("hint", "string"),
    ),
    "blocks": (
        ("block", "int"), ("start", "bigint"), ("end", "bigint"), ("kind", "string"), ("pages", "bigint"),
        ("conflict_pages", "bigint"), ("documents", "bigint"), ("events", "bigint"), ("failures", "bigint"),
        ("seconds", "double"),
    ),
}
PARTITIONED = ("documents", "conflicts", "events")


@dataclass(frozen=True)
class JobSummary:
    """What a job did: counts over all blocks, wall time, and where the tables are."""

    output: str
    blocks: int
    pages: int
    conflict_pages: int
    documents: int
    events: int
    failures: int
    seconds: float
    task_seconds: float
    master: str
    ingested: int = 0  # documents put into the SQLite store (--ingest)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def extract_block(dump: str, block: Block, pipeline: Callable[[], Pipeline]) -> Iterator[Record]:
    """Rows of every table for one block, ending with its ``blocks`` row; nothing here raises.

    ``pipeline`` is called only when the block holds a conflict page, so blocks
    without any (most of a dump) never load the gazetteer.
    """
    started = time.perf_counter()
    name = Path(dump).name
    pages = kept = documents = events = failures = 0
    offset, page_id, title = block.start, None, None
    try:
        for offset, page in iter_block_pages(dump, block):
            pages += 1
            verdict = classify_page(page)
            if not verdict.keep:
                continue
            kept += 1
            page_id, title = page.id, page.title
            try:
                rows = _page_rows(block.number, offset, page, verdict.reason, f"{name}#{page.id}", pipeline())
            except AnnalsError as error:
                failures += 1
                yield _failure(block.number, offset, page.id, page.title, error)
                continue
            except RecursionError as error:  # pathological nesting, as in Pipeline.pipe
                failures += 1
                yield _failure(block.number, offset, page.id, page.title, AnnalsError(
                    "READ-E008", f"the markup nests too deeply ({error})", path=f"{name}#{page.id}",
                    hint="the page is skipped; read it alone with --input-format plain"))
                continue
            except Exception as error:  # our bug: record it, keep the job alive
                failures += 1
                yield _failure(block.number, offset, page.id, page.title, ScaleError(
                    "SCALE-E009", f"unexpected {type(error).__name__}: {str(error)[:200]}",
                    path=f"{name}#{page.id}", hint="please report it with this page's title"))
                continue
            documents += 1
            for row in rows:
                events += row[0] == "events"
                yield row
    except AnnalsError as error:  # the block itself is cut or corrupt: keep what was read
        failures += 1
        after = f" (last page read: {title!r}, id {page_id})" if title else ""
        yield _failure(block.number, offset, None, None,
                       AnnalsError(error.code, error.reason + after, path=error.path, hint=error.hint))
    yield "blocks", (block.number, block.start, block.end, block.kind, pages, kept, documents, events, failures,
                     time.perf_counter() - started)


def _failure(block: int, offset: int, page_id: int | None, title: str | None, error: AnnalsError) -> Record:
    return "failures", (block, offset, page_id, title, error.code, error.path, error.reason, error.hint)


def _page_rows(block: int, offset: int, page: Page, reason: str, path: str, pipeline: Pipeline) -> list[Record]:
    """Extract one page; built in full before any row is given out, so a failure leaves no half page."""
    doc = page_document(page, path)
    record = record_of(pipeline(doc))  # as the store keeps it: source spans and readable sentences
    data = record.data
    sha = record.sha256  # hashed once by the record, not again for every row
    sentences = [[s.start, s.end, s.text] for s in record.sentences]
    rows: list[Record] = [("documents", (
        block, offset, page.id, page.revision_id, page.title, path, sha, doc.format, page.timestamp, reason,
        len(data["events"]), json.dumps(data["warnings"], ensure_ascii=False), doc.source,
        json.dumps(sentences, ensure_ascii=False),
    ))]
    conflict = data["conflict"]
    rows.append(("conflicts", (
        block, page.id, page.title, sha, conflict.get("name"), conflict.get("start_date"),
        conflict.get("end_date"), conflict.get("place"), conflict.get("result"), list(conflict.get("part_of") or []),
        json.dumps(conflict, ensure_ascii=False),
    )))
    for event in data["events"]:
        location = event.get("location") or {}
        fatalities = event.get("fatalities") or {}
        evidence = event["evidence"][0] if event.get("evidence") else {}
        rows.append(("events", (
            block, page.id, page.title, path, sha, event["id"], event["date_start"], event["date_end"],
            event["date_precision"], event["event_type"], event["sub_event_type"], event["actor1"], event["actor2"],
            location.get("name"), location.get("latitude"), location.get("longitude"), location.get("country"),
            location.get("geo_precision"), fatalities.get("low"), fatalities.get("best"), fatalities.get("high"),
            evidence.get("start"), evidence.get("end"), json.dumps(event, ensure_ascii=False),
        )))
    return rows


_WORKER: dict[bool, Pipeline] = {}


def _worker_pipeline(use_geo: bool) -> Pipeline:
    """One Pipeline per Python worker process, reused by every partition it runs (workers are reused)."""
    if use_geo not in _WORKER:
        from annals.pipeline import Pipeline

        _WORKER[use_geo] = Pipeline(use_geo=use_geo)
    return _WORKER[use_geo]


def _partition(blocks: Iterable[tuple[int, int, int, str]], *, dump: str, use_geo: bool) -> Iterator[Record]:
    factory = functools.partial(_worker_pipeline, use_geo)
    for number, start, end, kind in blocks:
        yield from extract_block(dump, Block(number, start, end, kind), factory)


def spark_session(master: str | None = None, app_name: str = "annals-dump") -> Any:
    """A SparkSession: ``master`` if given; under spark-submit its master; else ``local[2]``."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise ScaleError("SCALE-E006", "pyspark is not installed", hint="pip install 'annals[scale]'") from exc
    builder = SparkSession.builder.appName(app_name)
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ  # spark-submit started this driver and set the master
    if master or not submitted:
        master = master or "local[2]"
        builder = builder.master(master)
    if master and master.startswith("local"):
        # Workers must run this interpreter (the one that has annals installed), not whatever is on PATH;
        # Spark reads the environment variable when it starts the Python workers, the config is not enough.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        builder = builder.config("spark.pyspark.python", sys.executable) \
            .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false") \
            .config("spark.sql.shuffle.partitions", "4")
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # Java missing, port taken, bad master URL: all say the same to the user
        raise ScaleError("SCALE-E007", f"Spark did not start ({type(exc).__name__}: {str(exc)[:200]})",
                         hint="check that Java 17+ is installed (java -version) and the --master URL") from exc
    session.sparkContext.setLogLevel("ERROR")
    return session


def _schema(table: str) -> str:
    return ", ".join(f"`{name}` {kind}" for name, kind in COLUMNS[table])


def run_dump_job(dump: str | Path, output: str | Path, *, index: str | Path | None = None,
                 master: str | None = None, block_bytes: int = DEFAULT_BLOCK_BYTES, use_geo: bool = True,
                 ingest: str | Path | None = None, spark: Any = None) -> JobSummary:
    """Run the dump job and write its Parquet tables under ``output`` (each table is replaced).

    Example: ``run_dump_job("enwiki-multistream.xml.bz2", "out", index="enwiki-index.txt.bz2")``
    """
    started = time.perf_counter()
    dump_path = str(Path(dump).resolve())
    blocks = plan_blocks(dump_path, index, block_bytes=block_bytes)
    owned = spark is None and _active_session() is None  # stop only a session this job started
    session = spark if spark is not None else spark_session(master)
    out = Path(output)
    try:
        context = session.sparkContext
        from pyspark import StorageLevel

        work = context.parallelize([(b.number, b.start, b.end, b.kind) for b in blocks], max(1, len(blocks)))
        records = work.mapPartitions(functools.partial(_partition, dump=dump_path, use_geo=use_geo))
        records = records.persist(StorageLevel.MEMORY_AND_DISK)
        for table in COLUMNS:
            rows = records.filter(lambda record, name=table: record[0] == name).map(lambda record: record[1])
            frame = session.createDataFrame(rows, _schema(table))
            writer = frame.write.mode("overwrite")
            if table in PARTITIONED:
                writer = writer.partitionBy("block")
            writer.parquet(str(out / table))
        stats = records.filter(lambda record: record[0] == "blocks").map(lambda record: record[1]).collect()
        records.unpersist()
        used = str(context.master)
    except AnnalsError:
        raise
    except Exception as exc:
        raise ScaleError("SCALE-E007", f"the Spark job failed ({type(exc).__name__}: {str(exc)[:300]})",
                         path=str(out), hint="run with --debug for the Spark trace; check free disk space") from exc
    finally:
        if owned:
            session.stop()
    summary = JobSummary(
        output=str(out), blocks=len(blocks), pages=sum(s[4] for s in stats), conflict_pages=sum(s[5] for s in stats),
        documents=sum(s[6] for s in stats), events=sum(s[7] for s in stats), failures=sum(s[8] for s in stats),
        seconds=time.perf_counter() - started, task_seconds=sum(s[9] for s in stats), master=used,
    )
    if ingest is not None:
        summary = replace(summary, ingested=_ingest(out, ingest))
    return summary


def _active_session() -> Any:
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        return None
    return SparkSession.getActiveSession()


def _ingest(output: Path, database: str | Path) -> int:
    """Put every extracted document into the SQLite store, one transaction each, block by block.

    Runs on the driver after the job (SQLite has one writer); the documents table
    carries everything a store record needs, so nothing is extracted twice.
    """
    import pyarrow.dataset as ds

    from annals.store import DocumentRecord, Sentence, Store

    def table(name: str) -> Any:
        return ds.dataset(str(output / name), format="parquet", partitioning="hive")

    documents, conflicts, events = table("documents"), table("conflicts"), table("events")
    blocks = sorted({row["block"] for row in documents.to_table(columns=["block"]).to_pylist()})
    stored = 0
    with Store(database) as store:
        for block in blocks:
            where = ds.field("block") == block
            by_doc: dict[str, list[tuple[str, dict[str, Any]]]] = {}
            for row in events.to_table(columns=["sha256", "event_id", "event"], filter=where).to_pylist():
                by_doc.setdefault(row["sha256"], []).append((row["event_id"], json.loads(row["event"])))
            conflict_of = {row["sha256"]: json.loads(row["conflict"]) for row in
                           conflicts.to_table(columns=["sha256", "conflict"], filter=where).to_pylist()}
            for row in documents.to_table(filter=where).to_pylist():
                sha = row["sha256"]
                data = {
                    "document": {"title": row["title"], "path": row["path"], "sha256": sha, "format": row["format"]},
                    "conflict": conflict_of.get(sha, {}),
                    "events": [event for _, event in sorted(by_doc.get(sha, []), key=lambda item: item[0])],
                    "warnings": json.loads(row["warnings"] or "[]"),
                }
                sentences = tuple(Sentence(int(a), int(b), str(t)) for a, b, t in json.loads(row["sentences"] or "[]"))
                store.put(DocumentRecord(data, row["source"], sentences), path=row["path"])
                stored += 1
    return stored


def main(argv: list[str] | None = None) -> int:
    """Entry point for ``spark-submit annals/scale/spark.py DUMP --output DIR [--index INDEX]``."""
    parser = argparse.ArgumentParser(description="annals dump job")
    parser.add_argument("dump")
    parser.add_argument("--output", required=True)
    parser.add_argument("--index")
    parser.add_argument("--master")
    parser.add_argument("--block-bytes", type=int, default=DEFAULT_BLOCK_BYTES)
    parser.add_argument("--no-geo", action="store_true")
    args = parser.parse_args(argv)
    try:
        summary = run_dump_job(args.dump, args.output, index=args.index, master=args.master,
                               block_bytes=args.block_bytes, use_geo=not args.no_geo)
    except AnnalsError as error:
        print(f"annals: {error.render()}", file=sys.stderr)
        return 1
    print(json.dumps(summary.to_dict()))
    return 0


if __name__ == "__main__":
    # Under spark-submit this file is __main__; run the importable module's main so that the
    # functions shipped to executors are pickled by reference to annals.scale.spark, not by value.
    from annals.scale.spark import main as _main

    sys.exit(_main())
