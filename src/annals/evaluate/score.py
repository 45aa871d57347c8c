"""Scoring one extraction against one gold file, exactly as gold/FORMAT.md says.

Events are paired one to one. A predicted event can pair with a gold event when
their dates overlap (gold range widened by ``date_tolerance_days``) and either
one of its evidence spans overlaps the sentence holding the gold evidence, or
its location lies within the gold ``tolerance_km``. The rules only fix the
number of pairs; among the pairings with the most pairs the scorer takes the one
with most provenance pairs (an event citing a gold event's sentence is that
event; a nearby place is weaker evidence, so it must not steal the pair and
inflate recall), then most required gold events, then most agreeing fields.
The last two read ties in the system's favour, so scores never depend on the
order in which events were listed.

The predicted side is read leniently (missing or malformed values score as
wrong, never crash): the scorer judges output, it does not validate it.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date, timedelta
from typing import Any

from annals.document import Span
from annals.evaluate.gold import Gold, GoldConflict, GoldEvent, GoldSide
from annals.evaluate.matching import maximum_matching
from annals.read.sentences import split_sentences

__all__ = [
    "ConflictScores",
    "Counts",
    "DocumentScore",
    "FieldScores",
    "Pair",
    "Ratio",
    "SideCheck",
    "TotalScore",
    "haversine_km",
    "score_document",
    "total",
]

EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius


@dataclass(frozen=True, slots=True)
class Ratio:
    """Correct out of scored; ``value`` is None when nothing was scored."""

    numerator: int = 0
    denominator: int = 0

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.numerator + other.numerator, self.denominator + other.denominator)

    def to_dict(self) -> dict[str, Any]:
        return {"numerator": self.numerator, "denominator": self.denominator, "value": self.value}


def _ratio(checks: Iterable[bool | None]) -> Ratio:
    """Counts the checks that apply (not None) and those that passed."""
    scored = [c for c in checks if c is not None]
    return Ratio(sum(scored), len(scored))


@dataclass(frozen=True, slots=True)
class Counts:
    """Event counts. ``extracted_counted`` leaves out events paired with non-required gold."""

    extracted: int = 0
    extracted_counted: int = 0
    gold_total: int = 0
    gold_required: int = 0
    matched: int = 0
    matched_required: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def precision(self) -> float:
        """1.0 when nothing counted was extracted: no false positives were made."""
        return self.matched_required / self.extracted_counted if self.extracted_counted else 1.0

    @property
    def recall(self) -> float:
        """1.0 when no event is required: nothing could be missed."""
        return self.matched_required / self.gold_required if self.gold_required else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class FieldScores:
    """Field accuracy over the pairs (fatalities only where gold has numbers)."""

    date: Ratio = Ratio()
    type: Ratio = Ratio()
    sub_type: Ratio = Ratio()
    actors: Ratio = Ratio()
    location: Ratio = Ratio()
    fatalities: Ratio = Ratio()

    def __add__(self, other: FieldScores) -> FieldScores:
        return FieldScores(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name).to_dict() for f in fields(self)}


@dataclass(frozen=True, slots=True)
class ConflictScores:
    """Conflict-record checks; belligerents and killed are counted per gold side."""

    start_date: Ratio = Ratio()
    end_date: Ratio = Ratio()
    belligerents: Ratio = Ratio()
    killed_low: Ratio = Ratio()
    killed_high: Ratio = Ratio()

    def __add__(self, other: ConflictScores) -> ConflictScores:
        return ConflictScores(
            *(getattr(self, f.name) + getattr(other, f.name) for f in fields(self))
        )

    @property
    def all(self) -> Ratio:
        """Every conflict check together, for a one-column summary."""
        return sum((getattr(self, f.name) for f in fields(self)), Ratio())

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name).to_dict() for f in fields(self)}


@dataclass(frozen=True, slots=True)
class Pair:
    """One predicted event (index in ``events``) paired with one gold event, and why."""

    predicted: int
    gold: str
    required: bool
    provenance: bool
    distance_km: float | None
    date: bool
    type: bool
    sub_type: bool
    actors: bool
    location: bool
    fatalities: bool | None

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class SideCheck:
    """A gold conflict side, the predicted side it was compared with, and the outcome."""

    gold_side: int
    predicted_side: int | None
    belligerents: bool | None
    missing: tuple[str, ...]
    killed_low: bool | None
    killed_high: bool | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold_side": self.gold_side,
            "predicted_side": self.predicted_side,
            "belligerents": self.belligerents,
            "missing": list(self.missing),
            "killed_low": self.killed_low,
            "killed_high": self.killed_high,
        }


@dataclass(frozen=True, slots=True)
class DocumentScore:
    """The score of one document, with the pairs and misses that explain it."""

    article: str
    file: str
    counts: Counts
    fields: FieldScores
    conflict: ConflictScores
    pairs: tuple[Pair, ...]
    unmatched_gold: tuple[str, ...]
    unmatched_predicted: tuple[int, ...]
    sides: tuple[SideCheck, ...]

    @property
    def precision(self) -> float:
        return self.counts.precision

    @property
    def recall(self) -> float:
        return self.counts.recall

    @property
    def f1(self) -> float:
        return self.counts.f1

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "file": self.file,
            "counts": self.counts.to_dict(),
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "fields": self.fields.to_dict(),
            "conflict": self.conflict.to_dict(),
            "pairs": [p.to_dict() for p in self.pairs],
            "unmatched_gold": list(self.unmatched_gold),
            "unmatched_predicted": list(self.unmatched_predicted),
            "sides": [s.to_dict() for s in self.sides],
        }


@dataclass(frozen=True, slots=True)
class TotalScore:
    """Micro-averages: counts and numerators/denominators summed over documents."""

    documents: int
    counts: Counts
    fields: FieldScores
    conflict: ConflictScores

    @property
    def precision(self) -> float:
        return self.counts.precision

    @property
    def recall(self) -> float:
        return self.counts.recall

    @property
    def f1(self) -> float:
        return self.counts.f1

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "counts": self.counts.to_dict(),
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "fields": self.fields.to_dict(),
            "conflict": self.conflict.to_dict(),
        }


def total(scores: Sequence[DocumentScore]) -> TotalScore:
    """Micro-averaged total: every pair and event weighs the same, whatever its document."""
    return TotalScore(
        documents=len(scores),
        counts=sum((s.counts for s in scores), Counts()),
        fields=sum((s.fields for s in scores), FieldScores()),
        conflict=sum((s.conflict for s in scores), ConflictScores()),
    )


# --- reading the prediction --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Predicted:
    """The parts of one predicted event the scorer uses, parsed once."""

    dates: tuple[date, date] | None  # earliest start .. latest end
    start: date | None
    event_type: object
    sub_event_type: object
    actor1: str
    actor2: str
    point: tuple[float, float] | None
    fatalities: tuple[object, object] | None
    evidence: tuple[Span, ...]


def _day_range(value: object) -> tuple[date, date] | None:
    """The days an ISO date string covers: "2018-05-22", "2018-05" or "2018"."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        if len(text) >= 10:
            day = date.fromisoformat(text[:10])
            return day, day
        if len(text) == 7:
            first = date(int(text[:4]), int(text[5:7]), 1)
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, following - timedelta(days=1)
        if len(text) == 4:
            return date(int(text), 1, 1), date(int(text), 12, 31)
    except ValueError:
        return None
    return None


def _name(value: object) -> str:
    """A comparable actor name: case-folded, white space collapsed; None is ""."""
    if isinstance(value, dict):
        value = value.get("name")
    return " ".join(value.split()).casefold() if isinstance(value, str) else ""


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        return None
    return float(value)


def _predicted(raw: object) -> _Predicted:
    event: dict[str, Any] = raw if isinstance(raw, dict) else {}
    start = _day_range(event.get("date_start"))
    end = _day_range(event.get("date_end")) or start
    dates = (min(start[0], end[0]), max(start[1], end[1])) if start and end else None
    location = event.get("location")
    point = None
    if isinstance(location, dict):
        lat, lon = _number(location.get("latitude")), _number(location.get("longitude"))
        if lat is not None and lon is not None:
            point = (lat, lon)
    fatalities = event.get("fatalities")
    evidence = []
    for item in event.get("evidence") or []:
        if isinstance(item, dict):
            s, e = item.get("start"), item.get("end")
            if isinstance(s, int) and isinstance(e, int) and 0 <= s < e:
                evidence.append(Span(s, e))
    return _Predicted(
        dates=dates,
        start=start[0] if start else None,
        event_type=event.get("event_type"),
        sub_event_type=event.get("sub_event_type"),
        actor1=_name(event.get("actor1")),
        actor2=_name(event.get("actor2")),
        point=point,
        fatalities=(fatalities.get("low"), fatalities.get("high"))
        if isinstance(fatalities, dict)
        else None,
        evidence=tuple(evidence),
    )


# --- event checks ------------------------------------------------------------------------


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _evidence_sentence(sentences: list[Span], evidence: Span) -> Span:
    """The sentence holding the evidence (the hull of several if it crosses them)."""
    starts = [s.start for s in sentences]
    first = max(bisect.bisect_right(starts, evidence.start) - 1, 0)
    hit = []
    for sentence in itertools.islice(sentences, first, None):
        if sentence.start >= evidence.end:
            break
        if sentence.overlaps(evidence):
            hit.append(sentence)
    if not hit:
        return evidence  # evidence in white space between sentences: use it as is
    return Span(min(hit[0].start, evidence.start), max(hit[-1].end, evidence.end))


def _actors_match(event: _Predicted, gold: GoldEvent) -> bool:
    """Both actors right, either order; "" (or an empty gold list) accepts no target."""
    side_a = {_name(a) for a in gold.actors_a} or {""}
    side_b = {_name(b) for b in gold.actors_b} or {""}
    a1, a2 = event.actor1, event.actor2
    return (a1 in side_a and a2 in side_b) or (a1 in side_b and a2 in side_a)


def _fatalities_match(event: _Predicted, gold: GoldEvent) -> bool | None:
    if gold.fatalities is None:
        return None
    if event.fatalities is None:
        return False
    low, high = (_number(v) for v in event.fatalities)
    return low == gold.fatalities.low and high == gold.fatalities.high


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A possible pair: it meets the pairing rule; the checks are kept for scoring."""

    pair: Pair
    agreement: int


def _candidate(index: int, event: _Predicted, gold: GoldEvent, sentence: Span) -> _Candidate | None:
    if event.dates is None or event.start is None:
        return None
    tolerance = timedelta(days=gold.date_tolerance_days)
    low, high = gold.date_start - tolerance, gold.date_end + tolerance
    if event.dates[1] < low or event.dates[0] > high:
        return None
    provenance = any(span.overlaps(sentence) for span in event.evidence)
    distance = (
        haversine_km(event.point[0], event.point[1], gold.location.lat, gold.location.lon)
        if event.point
        else None
    )
    near = distance is not None and distance <= gold.location.tolerance_km
    if not (provenance or near):
        return None
    pair = Pair(
        predicted=index,
        gold=gold.id,
        required=gold.required,
        provenance=provenance,
        distance_km=round(distance, 3) if distance is not None else None,
        date=low <= event.start <= high,
        type=event.event_type == gold.event_type,
        sub_type=event.sub_event_type in gold.sub_event_types,
        actors=_actors_match(event, gold),
        location=near,
        fatalities=_fatalities_match(event, gold),
    )
    checks = (pair.date, pair.type, pair.sub_type, pair.actors, pair.location, pair.fatalities)
    return _Candidate(pair, sum(1 for c in checks if c))


def _pair_events(
    candidates: dict[tuple[int, int], _Candidate], n_pred: int, n_gold: int
) -> list[Pair]:
    """A maximum matching, ranked by provenance, then required, then agreeing fields.

    Integer weights in mixed radix make the ranking strict: each unit exceeds
    the most that all lower ranks together can add over k pairs, so one more
    pair always outweighs any tie-break total (see matching.py).
    """
    k = min(n_pred, n_gold)
    agree_unit = 1  # at most 6 agreeing fields per pair
    required_unit = 6 * k + 1
    provenance_unit = (k + 1) * required_unit
    pair_unit = (k + 1) * provenance_unit
    weights = {
        edge: pair_unit
        + required_unit * c.pair.required
        + provenance_unit * c.pair.provenance
        + agree_unit * c.agreement
        for edge, c in candidates.items()
    }
    return [candidates[edge].pair for edge in maximum_matching(n_pred, n_gold, weights)]


# --- conflict record ---------------------------------------------------------------------


def _sides(raw: object) -> list[dict[str, Any]]:
    if not isinstance(raw, dict) or not isinstance(raw.get("sides"), list):
        return []
    return [side for side in raw["sides"] if isinstance(side, dict)]


def _killed(side: dict[str, Any], key: str) -> float | None:
    killed = side.get("killed")
    return _number(killed.get(key)) if isinstance(killed, dict) else None


def _score_conflict(
    gold: GoldConflict | None, raw: object
) -> tuple[ConflictScores, list[SideCheck]]:
    """Dates equal; per gold side, all its belligerents named and killed low/high equal.

    Side numbers only say in which infobox column a side stood, and a reader can
    number them differently without being wrong (as ACLED's actor order carries
    no meaning). So gold sides are paired one to one with the predicted sides
    that name most of their belligerents, and the same side number only breaks
    ties. One predicted side cannot serve two gold sides. A gold side counts as
    right when every gold belligerent is among the predicted ones (extra
    predicted names, such as supporters, are not penalised).
    """
    if gold is None:
        return ConflictScores(), []
    predicted: dict[str, Any] = raw if isinstance(raw, dict) else {}

    def same_day(expected: date | None, value: object) -> bool | None:
        if expected is None:
            return None
        days = _day_range(value)
        return days is not None and days == (expected, expected)

    sides = _sides(predicted)
    names = [{_name(b) for b in side.get("belligerents") or []} for side in sides]
    k = min(len(gold.sides), len(sides))
    overlap_unit = 2 * k + 1
    weights = {}
    for g, gold_side in enumerate(gold.sides):
        wanted = {_name(b) for b in gold_side.belligerents}
        for p, side in enumerate(sides):
            same = side.get("side") == gold_side.side
            weights[(g, p)] = overlap_unit * len(wanted & names[p]) + same + 1
    paired = dict(maximum_matching(len(gold.sides), len(sides), weights))
    checks = [
        _check_side(
            gold_side,
            sides[paired[g]] if g in paired else None,
            names[paired[g]] if g in paired else set(),
        )
        for g, gold_side in enumerate(gold.sides)
    ]
    scores = ConflictScores(
        start_date=_ratio([same_day(gold.start_date, predicted.get("start_date"))]),
        end_date=_ratio([same_day(gold.end_date, predicted.get("end_date"))]),
        belligerents=_ratio(c.belligerents for c in checks),
        killed_low=_ratio(c.killed_low for c in checks),
        killed_high=_ratio(c.killed_high for c in checks),
    )
    return scores, checks


def _check_side(gold: GoldSide, side: dict[str, Any] | None, names: set[str]) -> SideCheck:
    missing = tuple(b for b in gold.belligerents if _name(b) not in names)
    number = side.get("side") if side is not None else None
    low = _killed(side, "low") if side is not None else None
    high = _killed(side, "high") if side is not None else None
    return SideCheck(
        gold_side=gold.side,
        predicted_side=number if isinstance(number, int) else None,
        belligerents=not missing if gold.belligerents else None,
        missing=missing,
        killed_low=None if gold.killed_low is None else low == gold.killed_low,
        killed_high=None if gold.killed_high is None else high == gold.killed_high,
    )


# --- the document score ------------------------------------------------------------------


def score_document(predicted: dict[str, Any], gold: Gold, text: str) -> DocumentScore:
    """Score one output-contract dict against ``gold``; ``text`` is the article's decoded text.

    ``text`` must be the string evidence offsets index (see ``read_article``):
    it defines the gold evidence sentences.
    """
    raw_events = predicted.get("events") if isinstance(predicted, dict) else None
    events = [_predicted(e) for e in raw_events] if isinstance(raw_events, list) else []
    sentences = split_sentences(text)
    candidates: dict[tuple[int, int], _Candidate] = {}
    for g, gold_event in enumerate(gold.events):
        sentence = _evidence_sentence(sentences, gold_event.evidence)
        for p, event in enumerate(events):
            candidate = _candidate(p, event, gold_event, sentence)
            if candidate is not None:
                candidates[(p, g)] = candidate
    pairs = _pair_events(candidates, len(events), len(gold.events))
    paired_gold = {pair.gold for pair in pairs}
    paired_pred = {pair.predicted for pair in pairs}
    neutral = sum(1 for pair in pairs if not pair.required)
    counts = Counts(
        extracted=len(events),
        extracted_counted=len(events) - neutral,
        gold_total=len(gold.events),
        gold_required=sum(1 for e in gold.events if e.required),
        matched=len(pairs),
        matched_required=len(pairs) - neutral,
    )
    field_scores = FieldScores(
        date=_ratio(p.date for p in pairs),
        type=_ratio(p.type for p in pairs),
        sub_type=_ratio(p.sub_type for p in pairs),
        actors=_ratio(p.actors for p in pairs),
        location=_ratio(p.location for p in pairs),
        fatalities=_ratio(p.fatalities for p in pairs),
    )
    conflict, sides = _score_conflict(
        gold.conflict, predicted.get("conflict") if isinstance(predicted, dict) else None
    )
    return DocumentScore(
        article=gold.article,
        file=gold.file,
        counts=counts,
        fields=field_scores,
        conflict=conflict,
        pairs=tuple(sorted(pairs, key=lambda p: p.predicted)),
        unmatched_gold=tuple(e.id for e in gold.events if e.id not in paired_gold),
        unmatched_predicted=tuple(i for i in range(len(events)) if i not in paired_pred),
        sides=tuple(sides),
    )
