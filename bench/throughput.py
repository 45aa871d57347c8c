"""Throughput of the whole pipeline over every article in ../shared/corpus.

Prints words per second (end to end, and per stage) and peak memory as a
table. Run: ``python bench/throughput.py [--repeat 3] [--limit N]``.
Timings are measured here, never asserted in the test suite.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

from rich.console import Console
from rich.table import Table

from annals.conflict import build_conflict
from annals.errors import AnnalsError
from annals.events.assemble import EventAssembler
from annals.mentions.actors import ActorFinder
from annals.pipeline import Pipeline
from annals.read import read_path

SUFFIXES = (".md", ".txt")


def corpus_files(shared: Path, limit: int | None) -> list[Path]:
    files = sorted(p for p in (shared / "corpus").rglob("*") if p.suffix in SUFFIXES and p.name != "SOURCE.txt")
    return files[:limit] if limit else files


def run(files: list[Path], pipeline: Pipeline) -> dict[str, float]:
    """One pass: seconds per stage and words processed."""
    stages = {"read": 0.0, "conflict": 0.0, "actors": 0.0, "geo": 0.0, "events": 0.0}
    words = 0
    finder = ActorFinder()
    assembler = EventAssembler()
    for path in files:
        clock = time.perf_counter()
        try:
            doc = read_path(path)
        except AnnalsError:
            continue
        now = time.perf_counter()
        stages["read"] += now - clock
        clock = now
        conflict = build_conflict(doc)
        now = time.perf_counter()
        stages["conflict"] += now - clock
        clock = now
        actors = finder(doc, conflict)
        now = time.perf_counter()
        stages["actors"] += now - clock
        clock = now
        geography = pipeline.geocoder.for_document(doc) if pipeline.geocoder else None
        now = time.perf_counter()
        stages["geo"] += now - clock
        clock = now
        assembler(doc, conflict, actors, geography)
        stages["events"] += time.perf_counter() - clock
        words += len(doc.source.split())
    stages["words"] = words
    return stages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path(os.environ.get("ANNALS_SHARED", "../shared")))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    files = corpus_files(args.shared, args.limit)
    if not files:
        print(f"no corpus under {args.shared}/corpus", file=sys.stderr)
        return 1
    load_start = time.perf_counter()
    pipeline = Pipeline()
    load_seconds = time.perf_counter() - load_start
    run(files[:5], pipeline)  # warm up
    end_to_end: list[float] = []
    words = 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        for path in files:
            try:
                pipeline.extract_path(path).to_dict()
            except AnnalsError:
                continue
        end_to_end.append(time.perf_counter() - start)
    stage_times = run(files, pipeline)
    words = int(stage_times.pop("words"))
    tracemalloc.start()
    for path in files[:40]:
        try:
            pipeline.extract_path(path)
        except AnnalsError:
            continue
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    table = Table(title=f"annals throughput: {len(files)} documents, {words:,} words, 1 core")
    table.add_column("measure")
    table.add_column("value", justify="right")
    best = min(end_to_end)
    table.add_row(f"whole pipeline, words/s (best of {args.repeat})", f"{words / best:,.0f}")
    table.add_row("whole pipeline, words/s (median)", f"{words / statistics.median(end_to_end):,.0f}")
    table.add_row("documents/s", f"{len(files) / best:,.1f}")
    for stage, seconds in stage_times.items():
        if seconds > 0:
            table.add_row(f"  stage {stage}, words/s", f"{words / seconds:,.0f}")
    table.add_row("resource load (gazetteer, lexicons), s", f"{load_seconds:.2f}")
    table.add_row("peak RSS, MiB", f"{peak_rss:,.0f}")
    table.add_row("peak traced Python allocations over 40 docs, MiB", f"{traced_peak / 2**20:,.1f}")
    table.add_row("bar (DESIGN.md)", "100,000 words/s per core")
    Console().print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
