"""Event dates: annals' narrative clock against dateparser, on the same gold events.

For every gold event (seed gold and gold/dev) both systems read the sentence that
reports it:
- dateparser: ``search.search_dates`` on that sentence with RELATIVE_BASE set to the
  article's start date (its documented way to resolve "the next day"); the first
  date it finds is its answer;
- annals: the date of the extracted event whose evidence overlaps that sentence
  (the narrative clock chains relative dates to the previous event).
A date is right when it falls inside the gold range widened by its tolerance.
Speed is words per second over the full articles: dateparser's search alone versus
annals' whole time stage (finding and resolving every expression in order).

Run: ``python bench/dates.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from annals.conflict import build_conflict
from annals.document import Document, Span
from annals.pipeline import Pipeline
from annals.read import read_path
from annals.read.sentences import split_sentences
from annals.temporal.chain import NarrativeClock

REPO = Path(__file__).resolve().parents[1]


def gold_files(shared: Path) -> list[Path]:
    return [shared / "gold" / "deir_ez-zor_offensive_2018.json", *sorted((REPO / "gold" / "dev").glob("*.json"))]


def evidence_sentence(text: str, evidence: Any) -> Span:
    if isinstance(evidence, str):
        start = text.index(evidence)
        end = start + len(evidence)
    else:
        start, end = evidence["start"], evidence["end"]
    around = [s for s in split_sentences(text) if s.start < end and start < s.end]
    return Span(around[0].start, around[-1].end) if around else Span(start, end)


def within(found: date | None, event: dict[str, Any]) -> bool:
    if found is None:
        return False
    slack = timedelta(days=int(event.get("date_tolerance_days", 0)))
    low = date.fromisoformat(event["date_start"]) - slack
    high = date.fromisoformat(event["date_end"]) + slack
    return low <= found <= high


def dateparser_date(sentence: str, base: date | None) -> date | None:
    from dateparser.search import search_dates

    settings: dict[str, Any] = {}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    found = search_dates(sentence, languages=["en"], settings=settings)
    return found[0][1].date() if found else None


def annals_date(extracted: dict[str, Any], sentence: Span) -> date | None:
    for event in extracted["events"]:
        if any(e["start"] < sentence.end and sentence.start < e["end"] for e in event["evidence"]):
            return date.fromisoformat(event["date_start"])
    return None


def time_stage(doc: Document) -> None:
    conflict = build_conflict(doc)
    clock = NarrativeClock(doc, conflict.start_date, conflict.end_date)
    for sentence in doc.sentences:
        times = clock.enter(sentence)
        when = clock.date_for(times, sentence.span.start, sentence.span)
        if when is not None and when.how != "conflict":
            clock.settle(when)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path(os.environ.get("ANNALS_SHARED", REPO.parent / "shared")))
    args = parser.parse_args()
    pipeline = Pipeline()
    totals = {"events": 0, "annals": 0, "dateparser": 0}
    rows = []
    docs: list[Document] = []
    for path in gold_files(args.shared):
        gold = json.loads(path.read_text(encoding="utf-8"))
        doc = read_path(args.shared / gold["file"])
        docs.append(doc)
        extracted = pipeline(doc).to_dict()
        base = build_conflict(doc).start_date
        right = {"annals": 0, "dateparser": 0}
        for event in gold["events"]:
            sentence = evidence_sentence(doc.source, event["evidence"])
            right["annals"] += within(annals_date(extracted, sentence), event)
            right["dateparser"] += within(dateparser_date(doc.source[sentence.start : sentence.end], base), event)
        count = len(gold["events"])
        totals["events"] += count
        totals["annals"] += right["annals"]
        totals["dateparser"] += right["dateparser"]
        rows.append((gold["article"], count, right["annals"], right["dateparser"]))
    words = sum(len(doc.source.split()) for doc in docs)
    start = time.perf_counter()
    for doc in docs:
        time_stage(doc)
    annals_seconds = time.perf_counter() - start
    from dateparser.search import search_dates

    start = time.perf_counter()
    for doc in docs:
        for line in doc.sentences:
            search_dates(doc.text[line.span.start : line.span.end], languages=["en"])
    dateparser_seconds = time.perf_counter() - start

    table = Table(title="Event dates on gold events: annals vs dateparser.search_dates (same sentences, same run)")
    for column in ("article", "gold events", "annals right", "dateparser right"):
        table.add_column(column, justify="left" if column == "article" else "right")
    for article, count, ours, theirs in rows:
        table.add_row(article, str(count), f"{ours / count:.2f} ({ours})", f"{theirs / count:.2f} ({theirs})")
    n = totals["events"]
    table.add_row("total", str(n), f"{totals['annals'] / n:.3f}", f"{totals['dateparser'] / n:.3f}", style="bold")
    table.add_row("words/s (time stage vs search_dates)", f"{words:,} words",
                  f"{words / annals_seconds:,.0f}", f"{words / dateparser_seconds:,.0f}")
    Console(width=160).print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
