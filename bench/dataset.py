"""The dataset stage end to end: ingest the whole corpus into a new SQLite store, then export it.

Prints, as rich tables: the ingest rate (documents/s and events/s, with the share of
time spent writing to SQLite), a re-run over the unchanged corpus, the database size
with its row counts, and the time, rows and size of each export format.
Run: ``python bench/dataset.py [--shared ../shared] [--limit N] [--no-geo] [--keep DIR]``.
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from annals.export import FORMATS, export
from annals.pipeline import Pipeline
from annals.store import IngestSummary, Store

SUFFIXES = (".md", ".txt")
EXTENSIONS = {"acled": "csv", "ucdp": "csv", "geojson": "geojson", "jsonl": "jsonl", "parquet": "parquet"}


def corpus_files(shared: Path, limit: int | None) -> list[Path]:
    """Every article of the corpus (Wikipedia and the seed), in a stable order."""
    files = sorted(p for p in (shared / "corpus").rglob("*") if p.suffix in SUFFIXES and p.name != "SOURCE.txt")
    return files[:limit] if limit else files


def megabytes(size: int) -> str:
    return f"{size / 1e6:.2f} MB"


def run(files: list[Path], folder: Path, *, use_geo: bool, console: Console) -> None:
    db = folder / "annals.db"
    clock = time.perf_counter()
    pipeline = Pipeline(use_geo=use_geo)
    load = time.perf_counter() - clock

    summary = IngestSummary()
    extract = write = 0.0
    clock = time.perf_counter()
    with Store(db) as store:
        for result in store.ingest_each(files, pipeline=pipeline):
            summary.add(result)
            extract += result.extract_seconds
            write += result.write_seconds
        ingest = time.perf_counter() - clock
        clock = time.perf_counter()
        rerun = store.ingest(files, pipeline=pipeline)
        again = time.perf_counter() - clock
        stats = store.stats()
    size = db.stat().st_size  # closing checkpointed the WAL into the file

    table = Table(title=f"Ingest: {len(files)} corpus files into a new database")
    for column in ("run", "documents", "events", "seconds", "documents/s", "events/s", "note"):
        table.add_column(column, justify="left" if column in ("run", "note") else "right")
    stored = summary.added + summary.replaced
    table.add_row("first ingest", str(stored), str(summary.events), f"{ingest:.2f}", f"{stored / ingest:.1f}",
                  f"{summary.events / ingest:.0f}",
                  f"extract {extract:.2f} s, SQLite writes {write:.2f} s ({100 * write / ingest:.1f}%); "
                  f"{summary.failed} failed, {summary.duplicate} duplicate")
    table.add_row("SQLite writes only", str(stored), str(summary.events), f"{write:.2f}",
                  f"{stored / write:.0f}", f"{summary.events / write:.0f}", "one transaction per document")
    table.add_row("re-run, unchanged", str(rerun.unchanged), "0", f"{again:.2f}", f"{rerun.unchanged / again:.0f}",
                  "", "read + hash, no extraction")
    table.add_row("pipeline load", "", "", f"{load:.2f}", "", "", "gazetteer and lexicons, once")
    console.print(table)

    sizes = Table(title=f"Database: {megabytes(size)}")
    for name in stats:
        sizes.add_column(name, justify="right")
    sizes.add_row(*(f"{n:,}" for n in stats.values()))
    console.print(sizes)

    exports = Table(title="Export: every stored event, per format")
    for column in ("format", "rows", "seconds", "rows/s", "size"):
        exports.add_column(column, justify="left" if column == "format" else "right")
    for format in FORMATS:
        target = folder / f"events.{EXTENSIONS[format]}"
        clock = time.perf_counter()
        rows = export(db, format, target)
        seconds = time.perf_counter() - clock
        exports.add_row(format, f"{rows:,}", f"{seconds:.3f}", f"{rows / seconds:,.0f}",
                        megabytes(target.stat().st_size))
    console.print(exports)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path(os.environ.get("ANNALS_SHARED", "../shared")))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--no-geo", action="store_true", help="skip place resolution")
    parser.add_argument("--keep", type=Path, default=None, help="write the database and exports here")
    args = parser.parse_args()
    files = corpus_files(args.shared, args.limit)
    if not files:
        print(f"no corpus under {args.shared}/corpus", file=sys.stderr)
        return 1
    console = Console()
    console.print(f"annals dataset bench: Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
                  f"{platform.machine()}, {os.cpu_count()} CPUs", highlight=False)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        run(files, args.keep, use_geo=not args.no_geo, console=console)
    else:
        with tempfile.TemporaryDirectory() as folder:
            run(files, Path(folder), use_geo=not args.no_geo, console=console)
    return 0


if __name__ == "__main__":
    sys.exit(main())
