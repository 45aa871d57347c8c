"""One event told by many articles becomes one event with all its sources.

An offensive's article, its campaign's article and a timeline tell the same
capture of a village; counted three times it would triple the dataset's
fighting. Two events from different documents merge when, and only when, all of
these hold (precision first: a wrong merge erases a real event, a missed one
only leaves a duplicate that ``number_of_sources`` makes visible):

- their date ranges overlap and neither is wider than ``max_days``;
- they are at the same place: the same GeoNames id or name, or within
  ``radius_km`` (10 km) when both are located to a town (a region-wide location
  only matches the same region);
- the same ACLED event type and sub-event type (battle outcomes count as one
  family: a capture in one article is an armed clash in another);
- their actors agree: at least one actor in common, and no actor that the
  other event names differently (compared through canonical names, so "ISIL"
  and "Islamic State" agree, "Syrian Arab Army" and "Syria" agree);
- when the documents' texts are at hand, their evidence sentences share enough
  rare words (``Similarity`` >= ``min_similarity``): in a two-sided war every
  clash near a town on one day has the same actors, type and place, and only the
  words ("the mayor", "a pontoon bridge") tell the events apart.

Clusters grow by complete linkage: an event joins a group only if it is
compatible with every member and its document is not already there, so two
clashes on one day in one town cannot be chained together through a third.
The merged event keeps every member's evidence (document + spans), counts its
sources as UCDP does (``number_of_sources``) and keeps what the members
disagree on (date, place, type, actors, fatalities) as claims.
"""

from __future__ import annotations

import json
import math
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from annals.document import text_sha256
from annals.errors import ScaleError
from annals.read import decoded_file
from annals.scale.defaults import MAX_DAYS, MIN_SIMILARITY, RADIUS_KM

__all__ = [
    "MergedEvent", "PairScore", "Similarity", "SourceEvent", "actor_key", "load_inputs", "merge_events",
    "merge_sources", "score_pairs", "source_events", "why_not",
]

# Sub-event types that one article may report where another reports a sibling: the
# fight for a place and its change of hands are one event told two ways.
COMPATIBLE_SUBTYPES = (
    frozenset({"Armed clash", "Government regains territory", "Non-state actor overtakes territory"}),
)
_STATE_NOUNS = re.compile(
    r"\b(?:army|armed forces|military|government|republic|air force|navy|regime|national guard|ground forces)\b",
    re.I)


@dataclass(frozen=True)
class SourceEvent:
    """One event as one document tells it (the output contract's event and its document)."""

    document: dict[str, Any]
    event: dict[str, Any]
    order: int = 0  # position in the input, for stable output
    text: str | None = None  # the evidence sentences, when the document's source text is at hand
    start: date = field(init=False)
    end: date = field(init=False)
    actors: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "start", date.fromisoformat(self.event["date_start"][:10]))
        object.__setattr__(self, "end", date.fromisoformat(self.event["date_end"][:10]))
        names = (self.event.get("actor1"), self.event.get("actor2"))
        object.__setattr__(self, "actors", frozenset(actor_key(n) for n in names if n))

    @property
    def doc_key(self) -> str:
        return str(self.document.get("sha256") or self.document.get("path") or self.document.get("title"))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def location(self) -> dict[str, Any] | None:
        location = self.event.get("location")
        if not location or location.get("latitude") is None or location.get("longitude") is None:
            return None
        return dict(location)


@lru_cache(maxsize=4096)
def actor_key(name: str) -> str:
    """A key under which every name of one actor agrees: canonical group, or the state's country."""
    from annals.resources.lexicon import load_lexicon

    lexicon = load_lexicon()
    clean = " ".join(name.split()).strip()
    lower = clean.lower()
    group = lexicon.groups.get(lower)
    if group is not None:
        return f"state:{group.country}" if group.kind == "state" and group.country else f"group:{group.name.lower()}"
    if lower in lexicon.demonyms:
        return f"state:{lexicon.demonyms[lower]}"
    match = lexicon.pattern.fullmatch(clean)
    if match is not None and match.lastgroup == "national" and match.group("demonym"):
        country = lexicon.demonyms.get(match.group("demonym").lower().removeprefix("pro-"))
        if country:
            return f"state:{country}"
    if _STATE_NOUNS.search(clean):  # "Syrian Arab Army", "Armed Forces of Ukraine"
        words = re.findall(r"[\w'-]+", lower)
        for size in (3, 2, 1):
            for first in range(len(words) - size + 1):
                country = lexicon.demonyms.get(" ".join(words[first:first + size]))
                if country:
                    return f"state:{country}"
    return f"name:{lower}"


def _km(a: dict[str, Any], b: dict[str, Any]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a["latitude"], a["longitude"], b["latitude"], b["longitude"]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _same_name(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a.get("geonameid") and a.get("geonameid") == b.get("geonameid"):
        return True
    return bool(a.get("name")) and str(a["name"]).casefold() == str(b.get("name") or "").casefold()


def _subtypes_agree(a: str | None, b: str | None) -> bool:
    return a == b or any(a in family and b in family for family in COMPATIBLE_SUBTYPES)


def why_not(a: SourceEvent, b: SourceEvent, *, radius_km: float = RADIUS_KM, max_days: int = MAX_DAYS) -> str | None:
    """Why ``a`` and ``b`` are not the same event, or None when they are (the merge rule, in words)."""
    if a.doc_key == b.doc_key:
        return "same document"
    if a.days > max_days or b.days > max_days:
        return f"a date range wider than {max_days} days"
    if a.start > b.end or b.start > a.end:
        return "dates do not overlap"
    if a.event.get("event_type") != b.event.get("event_type"):
        return "different event types"
    if not _subtypes_agree(a.event.get("sub_event_type"), b.event.get("sub_event_type")):
        return "different sub-event types"
    where_a, where_b = a.location, b.location
    if where_a is None or where_b is None:
        return "a location is unknown"
    if not _same_name(where_a, where_b):
        if max(where_a.get("geo_precision") or 3, where_b.get("geo_precision") or 3) >= 3:
            return "a region-wide location matches only the same region"
        if _km(where_a, where_b) > radius_km:
            return f"places more than {radius_km:g} km apart"
    if not a.actors or not b.actors:
        return "an event has no actor"
    if not a.actors & b.actors:
        return "no actor in common"
    if len(a.actors) == 2 and len(b.actors) == 2 and a.actors != b.actors:
        return "different actor pairs"
    if a.event.get("sub_event_type") != b.event.get("sub_event_type") and (len(a.actors) < 2 or len(b.actors) < 2):
        return "sibling sub-event types need both actors to agree"
    return None


@dataclass
class MergedEvent:
    """Events from several documents judged to be one; ``to_dict`` is the merged record."""

    members: list[SourceEvent]

    @property
    def number_of_sources(self) -> int:
        return len({m.doc_key for m in self.members})

    def to_dict(self, number: int) -> dict[str, Any]:
        members = sorted(self.members, key=lambda m: (m.event.get("date_precision") or 9, m.order))
        start = max(m.start for m in members)
        end = min(m.end for m in members)
        if start > end:  # cannot happen for pairwise-overlapping intervals; kept as a guard
            start, end = min(m.start for m in members), max(m.end for m in members)
        days = (end - start).days + 1
        subtype = _majority([m.event.get("sub_event_type") for m in members])
        typed = next(m for m in members if m.event.get("sub_event_type") == subtype)
        actored = max(members, key=lambda m: (len(m.actors), -m.order))
        located = min(members, key=lambda m: ((m.location or {}).get("geo_precision") or 9, m.order))
        claims = [{**claim, "document": _doc_ref(m)} for m in members for claim in m.event.get("claims", ())]
        claims += _disagreements(members, start, end, subtype, actored, located)
        return {
            "id": f"m{number:06d}",
            "date_start": start.isoformat(),
            "date_end": end.isoformat(),
            "date_precision": 1 if days == 1 else 2 if days <= 6 else min(
                (m.event.get("date_precision") or 3) for m in members),
            "event_type": typed.event.get("event_type"),
            "sub_event_type": subtype,
            "actor1": actored.event.get("actor1"),
            "actor2": actored.event.get("actor2"),
            "assoc_actor_1": sorted({a for m in members for a in m.event.get("assoc_actor_1") or ()}),
            "assoc_actor_2": sorted({a for m in members for a in m.event.get("assoc_actor_2") or ()}),
            "location": located.event.get("location"),
            "fatalities": _fatalities(members),
            "number_of_sources": self.number_of_sources,
            "sources": [{"document": _doc_ref(m), "event_id": m.event.get("id"),
                         "evidence": m.event.get("evidence", [])} for m in sorted(self.members, key=lambda m: m.order)],
            "evidence": [{"document": _doc_ref(m), **span} for m in sorted(self.members, key=lambda m: m.order)
                         for span in m.event.get("evidence", [])],
            "claims": claims,
        }


def _doc_ref(member: SourceEvent) -> dict[str, Any]:
    return {k: member.document.get(k) for k in ("title", "path", "sha256")}


def _majority(values: list[Any]) -> Any:
    counts: dict[Any, int] = defaultdict(int)
    for value in values:
        counts[value] += 1
    return max(values, key=lambda v: counts[v])  # ties: the first (most precisely dated) member


def _fatalities(members: list[SourceEvent]) -> dict[str, int | None]:
    """UCDP-style across sources: lowest low, highest high, median of the sources' best."""
    numbers = [m.event.get("fatalities") or {} for m in members]
    lows = [n["low"] for n in numbers if n.get("low") is not None]
    highs = [n["high"] for n in numbers if n.get("high") is not None]
    bests = [n["best"] for n in numbers if n.get("best") is not None]
    return {"low": min(lows) if lows else None, "best": int(statistics.median_low(bests)) if bests else None,
            "high": max(highs) if highs else None}


def _disagreements(members: list[SourceEvent], start: date, end: date, subtype: Any, actored: SourceEvent,
                   located: SourceEvent) -> list[dict[str, Any]]:
    """What the sources disagree on, each as a claim with the document and evidence that says it."""
    claims: list[dict[str, Any]] = []
    for m in sorted(members, key=lambda m: m.order):
        base = {"document": _doc_ref(m), "evidence": m.event.get("evidence", [])}
        if (m.start, m.end) != (start, end):
            claims.append({"kind": "date", "date_start": m.start.isoformat(), "date_end": m.end.isoformat(),
                           **base})
        if m.event.get("sub_event_type") != subtype:
            claims.append({"kind": "sub_event_type", "value": m.event.get("sub_event_type"), **base})
        if m.actors != actored.actors:
            claims.append({"kind": "actors", "actor1": m.event.get("actor1"), "actor2": m.event.get("actor2"),
                           **base})
        place, chosen = m.location or {}, located.location or {}
        if place and not _same_name(place, chosen):
            claims.append({"kind": "location", "name": place.get("name"), "latitude": place.get("latitude"),
                           "longitude": place.get("longitude"), "geo_precision": place.get("geo_precision"),
                           **base})
        numbers = m.event.get("fatalities") or {}
        if numbers.get("low") is not None or numbers.get("high") is not None:
            claims.append({"kind": "fatalities", "low": numbers.get("low"), "best": numbers.get("best"),
                           "high": numbers.get("high"), **base})
    if len({(c["low"], c["high"]) for c in claims if c["kind"] == "fatalities"}) <= 1:
        claims = [c for c in claims if c["kind"] != "fatalities"]  # they agree: nothing to report
    return claims


def source_events(extractions: Iterable[dict[str, Any]],
                  texts: Mapping[str, str] | None = None) -> list[SourceEvent]:
    """Every event of every extraction (output-contract dicts), with its document.

    ``texts`` maps a document's sha256 to its source text; with it each event
    carries its evidence sentences, which the merge compares.
    """
    events: list[SourceEvent] = []
    for extraction in extractions:
        document = extraction.get("document") or {}
        source = (texts or {}).get(str(document.get("sha256")))
        for event in extraction.get("events") or ():
            text = None
            if source is not None:
                text = " ".join(source[span["start"]:span["end"]] for span in event.get("evidence") or ())
            events.append(SourceEvent(document, event, len(events), text))
    return events


def merge_events(extractions: Iterable[dict[str, Any]], *, texts: Mapping[str, str] | None = None,
                 radius_km: float = RADIUS_KM, max_days: int = MAX_DAYS,
                 min_similarity: float = MIN_SIMILARITY) -> list[dict[str, Any]]:
    """Merge the events of many documents; every input event ends up in exactly one output event.

    ``texts`` (sha256 -> source text) lets the merge compare evidence sentences;
    without it only the structured fields decide.
    Example: ``merge_events([annals.extract(a).to_dict(), annals.extract(b).to_dict()])``
    """
    return merge_sources(source_events(extractions, texts), radius_km=radius_km, max_days=max_days,
                         min_similarity=min_similarity)


def merge_sources(events: list[SourceEvent], *, radius_km: float = RADIUS_KM, max_days: int = MAX_DAYS,
                  min_similarity: float = MIN_SIMILARITY) -> list[dict[str, Any]]:
    """``merge_events`` over events already wrapped as ``SourceEvent``s, in date order."""
    groups = cluster(events, radius_km=radius_km, max_days=max_days, min_similarity=min_similarity)
    ordered = sorted(groups, key=lambda g: (min(m.start for m in g.members), min(m.order for m in g.members)))
    return [group.to_dict(number) for number, group in enumerate(ordered, 1)]


def candidate_pairs(events: list[SourceEvent], *, max_days: int = MAX_DAYS) -> Iterator[tuple[int, int]]:
    """Pairs that share a day (the only ones that can merge), each once: a blocking step, not n²."""
    by_day: dict[date, list[int]] = defaultdict(list)
    for number, event in enumerate(events):
        if event.days <= max_days:
            for offset in range(event.days):
                by_day[event.start + timedelta(days=offset)].append(number)
    seen: set[tuple[int, int]] = set()
    for members in by_day.values():
        for i, first in enumerate(members):
            for second in members[i + 1:]:
                pair = (first, second) if first < second else (second, first)
                if pair not in seen:
                    seen.add(pair)
                    yield pair


def cluster(events: list[SourceEvent], *, radius_km: float = RADIUS_KM, max_days: int = MAX_DAYS,
            min_similarity: float = MIN_SIMILARITY) -> list[MergedEvent]:
    """Complete-linkage groups over the compatible pairs, closest pairs first."""
    weights = Similarity([e.text for e in events if e.text is not None])
    compatible: dict[tuple[int, int], float] = {}
    for i, j in candidate_pairs(events, max_days=max_days):
        a, b = events[i], events[j]
        if why_not(a, b, radius_km=radius_km, max_days=max_days) is not None:
            continue
        likeness = weights(a.text, b.text) if a.text is not None and b.text is not None else None
        if likeness is not None and likeness < min_similarity:
            continue
        compatible[(i, j)] = _distance(a, b) - 100.0 * (likeness or 0.0)
    group_of = list(range(len(events)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(events))}
    for (i, j), _ in sorted(compatible.items(), key=lambda item: (item[1], item[0])):
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        left, right = members[gi], members[gj]
        if {events[k].doc_key for k in left} & {events[k].doc_key for k in right}:
            continue  # one document is one source
        if not all((min(x, y), max(x, y)) in compatible for x in left for y in right):
            continue  # complete linkage: no chaining through a third event
        for k in right:
            group_of[k] = gi
        left.extend(right)
        del members[gj]
    return [MergedEvent([events[k] for k in group]) for group in members.values()]


_STOP = frozenset("""a about above after again against all also although among an and any are as at be been before
being between both but by can could did do does during each either for from further had has have having he her here
him his how however if in into is it its itself just later may meanwhile more most near nearby no nor not of off on
once only or other our out over own same several she should since so some such than that the their them then there
these they this those through to too under until up very was were what when where which while who whom why will with
would day days next following previous reportedly reported according said stated claimed announced""".split())  # noqa: SIM905
_MONTHS = frozenset("""january february march april may june july august september october november december""".split())  # noqa: SIM905
_TOKEN = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> set[str]:
    """The words that can tell two sentences' events apart: no stop words, months, years or days of the month."""
    words = set()
    for token in _TOKEN.findall(text.lower()):
        if token in _STOP or token in _MONTHS or (len(token) < 3 and not token.isdigit()):
            continue
        if token.isdigit() and (len(token) <= 2 or (len(token) == 4 and token[:2] in ("19", "20"))):
            continue
        words.add(_stem(token))
    return words


class Similarity:
    """Evidence overlap weighted by rarity (IDF over the merge input's own sentences).

    Words every sentence of a war shares ("forces", "Russian") weigh little; the
    ones that name this event ("mayor", "pontoon", a district) weigh most. The
    score is the weight of the shared words over the lighter sentence's weight.
    """

    def __init__(self, texts: list[str]) -> None:
        counts: dict[str, int] = defaultdict(int)
        self._words = {text: content_words(text) for text in set(texts)}  # each sentence read once, not per pair
        for text in texts:  # a sentence told twice (split events, mirrored articles) counts twice
            for word in self._words[text]:
                counts[word] += 1
        self.total = len(texts)
        self.counts = counts
        self._mass: dict[str, float] = {}

    def weight(self, word: str) -> float:
        return math.log((self.total + 1) / (self.counts.get(word, 0) + 1)) + 1.0

    def __call__(self, a: str, b: str) -> float:
        left, right = self._words_of(a), self._words_of(b)
        if not left or not right:
            return 0.0
        shared = sum(self.weight(w) for w in left & right)
        return shared / min(self._weight_of(a, left), self._weight_of(b, right))

    def _words_of(self, text: str) -> set[str]:
        words = self._words.get(text)
        return words if words is not None else content_words(text)

    def _weight_of(self, text: str, words: set[str]) -> float:
        mass = self._mass.get(text)
        if mass is None:
            mass = self._mass[text] = sum(self.weight(w) for w in words)
        return mass


def _distance(a: SourceEvent, b: SourceEvent) -> float:
    """Closeness of a compatible pair (smaller first): days apart, then kilometres."""
    gap = abs((a.start - b.start).days) + abs((a.end - b.end).days)
    where_a, where_b = a.location, b.location
    km = _km(where_a, where_b) if where_a and where_b else 0.0
    return gap * 100.0 + km + (0.0 if a.event.get("sub_event_type") == b.event.get("sub_event_type") else 50.0)


def load_inputs(paths: Iterable[str | Path]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Extractions and their documents' texts (sha256 -> text) from files and dump job folders.

    Files are ``annals extract``/``annals fetch`` JSON or JSON Lines; their texts
    are read from each document's path when that file still has the same sha256.
    A folder is a dump job's output: events from ``events``, texts from ``documents``.
    """
    extractions: list[dict[str, Any]] = []
    texts: dict[str, str] = {}
    for path in paths:
        target = Path(path)
        if target.is_dir():
            found, sources = _from_parquet(target)
            extractions.extend(found)
            texts.update(sources)
        else:
            extractions.extend(_from_json(target))
    for extraction in extractions:
        document = extraction.get("document") or {}
        sha, where = str(document.get("sha256")), document.get("path")
        if sha not in texts and where and Path(str(where)).is_file():
            text = decoded_file(str(where))
            if text is not None and text_sha256(text) == sha:
                texts[sha] = text
    return extractions, texts


def _from_json(target: Path) -> Iterator[dict[str, Any]]:
    try:
        text = target.read_text(encoding="utf-8")
    except OSError as exc:
        raise ScaleError("SCALE-E001", f"cannot open the file: {exc.strerror}", path=str(target),
                         hint="check the path") from exc
    decoder = json.JSONDecoder()
    position, count = 0, 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position >= len(text):
            break
        try:
            item, position = decoder.raw_decode(text, position)
        except ValueError as exc:
            raise ScaleError("SCALE-E010", f"not JSON at character {position} ({str(exc).split(':')[0]})",
                             path=str(target),
                             hint="give the output of `annals extract … --format jsonl` or a dump job's folder") \
                from exc
        for one in item if isinstance(item, list) else [item]:
            if not isinstance(one, dict) or "events" not in one or "document" not in one:
                raise ScaleError("SCALE-E010", f"object {count + 1} has no 'document' and 'events'",
                                 path=str(target), hint="give the output of `annals extract … --format jsonl`")
            count += 1
            yield one


def _from_parquet(folder: Path) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Per-document extractions rebuilt from a dump job's ``events`` table, texts from ``documents``."""
    import pyarrow.dataset as ds

    try:
        table = ds.dataset(str(folder / "events"), format="parquet", partitioning="hive") \
            .to_table(columns=["title", "path", "sha256", "event"])
    except Exception as exc:
        raise ScaleError("SCALE-E010", f"no readable events table ({type(exc).__name__}: {str(exc)[:120]})",
                         path=str(folder), hint="give the --output folder of `annals dump`") from exc
    documents: dict[str, dict[str, Any]] = {}
    for row in table.to_pylist():
        doc = documents.setdefault(row["sha256"], {
            "document": {"title": row["title"], "path": row["path"], "sha256": row["sha256"]}, "events": []})
        doc["events"].append(json.loads(row["event"]))
    texts: dict[str, str] = {}
    if (folder / "documents").is_dir():
        sources = ds.dataset(str(folder / "documents"), format="parquet", partitioning="hive") \
            .to_table(columns=["sha256", "source"])
        texts = {row["sha256"]: row["source"] for row in sources.to_pylist() if row["sha256"] in documents}
    return list(documents.values()), texts


@dataclass(frozen=True)
class PairScore:
    """Merge quality on hand-labelled pairs (``tests/fixtures/merge_pairs.json``)."""

    tp: int
    fp: int
    fn: int
    tn: int
    missing: int  # labelled positives where a side has no extracted event (an extraction miss, not a merge miss)
    unlabelled_merges: int  # cross-document merges between the labelled documents that no label covers

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def merge_recall(self) -> float:
        """Recall over the positives whose both sentences were extracted as events: the merge step alone."""
        found = self.tp + self.fn - self.missing
        return self.tp / found if found else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "merge_recall": round(self.merge_recall, 3)}


def score_pairs(pairs: list[dict[str, Any]], merged: list[dict[str, Any]]) -> PairScore:
    """Score merged events against labelled pairs whose sides are ``{"file", "start", "end"}``.

    A side stands for the merged events holding an event of that file whose evidence
    overlaps the labelled sentence; a pair is predicted "same" when its sides share one.
    """
    def clusters(side: dict[str, Any]) -> set[str]:
        found = set()
        for event in merged:
            for source in event["sources"]:
                path = str(source["document"].get("path") or "")
                if path.endswith(side["file"]) and any(
                        span["start"] < side["end"] and side["start"] < span["end"] for span in source["evidence"]):
                    found.add(event["id"])
        return found

    tp = fp = fn = tn = missing = 0
    covered: set[str] = set()
    for pair in pairs:
        left, right = clusters(pair["a"]), clusters(pair["b"])
        covered |= left & right
        same = bool(left & right)
        if pair["same"]:
            tp += same
            fn += not same
            missing += not (left and right)
        else:
            fp += same
            tn += not same
    files = {side["file"] for pair in pairs for side in (pair["a"], pair["b"])}
    unlabelled = 0
    for event in merged:
        paths = {str(s["document"].get("path") or "") for s in event["sources"]}
        if event["number_of_sources"] > 1 and event["id"] not in covered and \
                sum(any(p.endswith(f) for p in paths) for f in files) >= 2:
            unlabelled += 1
    return PairScore(tp, fp, fn, tn, missing, unlabelled)
