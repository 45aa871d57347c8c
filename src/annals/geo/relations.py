"""Relative positions around a place name: "southeast of X", "10 km north of X",
"near X", "on the outskirts of X", "between X and Y", "a front from X to Y".

Each pattern reads the few words just before (or between) the names, inside the
sentence, so the cost is a handful of anchored regex searches per place mention.
The resolver turns the relation into a point and an ACLED geo_precision: the
anchor itself at precision 2, a point moved by a stated distance, or the midpoint
of two places at precision 2 (close) or 3 (a front).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from annals.geo.words import DIRECTIONS

_DIRS = "|".join(re.escape(d) for d in DIRECTIONS)
# "the town of X": the settlement words, also read by ``_BEFORE_OF``.
_SETTLEMENT_WORDS = (
    "city", "town", "village", "villages", "towns", "cities", "settlement", "area", "district", "suburb",
    "neighbourhood", "neighborhood", "region",
)
_SETTLEMENT = r"(?:the\s+(?:" + "|".join(_SETTLEMENT_WORDS) + r")\s+of\s+)?"
DISTANCE_UNIT = r"(?:km|kms|kilomet(?:er|re)s?|mi|miles?)"  # "10 km", "6 miles"
_DIST_DIR = re.compile(
    rf"(?P<num>\d+(?:[.,]\d+)?)(?:\s*|-)(?P<unit>{DISTANCE_UNIT})\s+"
    rf"(?:to\s+the\s+)?(?P<dir>{_DIRS})\s+of\s+{_SETTLEMENT}$",
    re.IGNORECASE,
)
_DIR = re.compile(rf"\b(?:to\s+the\s+)?(?P<dir>{_DIRS})\s+of\s+{_SETTLEMENT}$", re.IGNORECASE)
_PART = re.compile(
    rf"\b(?:the\s+)?(?P<dir>{_DIRS})(?:ern)\s+(?:(?:parts?|outskirts|countryside|edge|suburbs|side)\s+of\s+)?$",
    re.IGNORECASE,
)
_NEAR = re.compile(
    r"\b(?P<rel>near(?:by)?|close\s+to|outside(?:\s+of)?|around|in\s+the\s+vicinity\s+of|vicinity\s+of"
    r"|(?:on\s+)?the\s+outskirts\s+of|outskirts\s+of|on\s+the\s+edge\s+of|next\s+to|adjacent\s+to"
    r"|not\s+far\s+from|(?:the\s+)?(?:countryside|environs|suburbs|surroundings|area)\s+of"
    r"|in\s+the\s+(?:area|region|countryside)\s+of)\s+" + _SETTLEMENT + r"$",
    re.IGNORECASE,
)
# "between X and Y"; a road "connecting X and Y" is the line between them.
_BETWEEN = re.compile(r"\b(?:between|connecting|linking|joining)\s+" + _SETTLEMENT + r"$", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s+" + _SETTLEMENT + r"$", re.IGNORECASE)
_FRONT_WORD = re.compile(
    r"\b(?:front(?:line)?s?|front\s+lines?|lines?|stretch|road|highway|axis|corridor|kilomet(?:er|re)s?|km|miles?|belt|strip)\b",
    re.IGNORECASE,
)
_AND_GAP = re.compile(r"\s*(?:and|&)\s+" + _SETTLEMENT + r"$", re.IGNORECASE)
_TO_GAP = re.compile(r"\s*(?:to|and|through)\s+" + _SETTLEMENT + r"$", re.IGNORECASE)
_DASH_GAP = re.compile(r"\s*[-‐–—/]\s*$")
_ROAD_AFTER = re.compile(
    r"\s*(?:highway|road|motorway|railway|front(?:line)?|axis|corridor|pipeline|route|line|border|frontier)\b",
    re.IGNORECASE,
)
_BEARINGS = {
    "north": 0.0,
    "north-northeast": 22.5,
    "northeast": 45.0,
    "north-east": 45.0,
    "east-northeast": 67.5,
    "east": 90.0,
    "east-southeast": 112.5,
    "southeast": 135.0,
    "south-east": 135.0,
    "south-southeast": 157.5,
    "south": 180.0,
    "south-southwest": 202.5,
    "southwest": 225.0,
    "south-west": 225.0,
    "west-southwest": 247.5,
    "west": 270.0,
    "west-northwest": 292.5,
    "northwest": 315.0,
    "north-west": 315.0,
    "north-northwest": 337.5,
}
LOOKBACK = 80
# A phrase ending in "of" ("southeast of", "the outskirts of", "the town of") has one
# of these words right before "of"; any other word there rules every pattern out.
_BEFORE_OF = (
    *DIRECTIONS, *_SETTLEMENT_WORDS, "vicinity", "outskirts", "edge", "countryside",
    "environs", "suburbs", "surroundings", "parts", "part", "side", "outside",
)


@dataclass(frozen=True, slots=True)
class Relation:
    """What the words before a place say about where something is relative to it."""

    kind: str  # "", "near", "direction", "offset", "part", "between", "from"
    label: str  # the words as written, lower-cased ("southeast of", "on the outskirts of")
    start: int  # where those words start in the text
    distance_km: float = 0.0
    bearing: float = 0.0


NO_RELATION = Relation("", "", -1)


# The patterns (in order of precedence) that can end with a given last word; the
# others cannot match, so they are not tried. Words ending in "-ern" share one entry.
_ALL_PATTERNS = ((_DIR, "direction"), (_NEAR, "near"), (_PART, "part"), (_BETWEEN, "between"), (_FROM, "from"))
_PATTERNS_ENDING = {
    "of": _ALL_PATTERNS,
    "to": ((_NEAR, "near"),),
    "from": ((_NEAR, "near"), (_FROM, "from")),
    "near": ((_NEAR, "near"),),
    "nearby": ((_NEAR, "near"),),
    "around": ((_NEAR, "near"),),
    "outside": ((_NEAR, "near"),),
    "between": ((_BETWEEN, "between"),),
    "connecting": ((_BETWEEN, "between"),),
    "linking": ((_BETWEEN, "between"),),
    "joining": ((_BETWEEN, "between"),),
    "*ern": ((_PART, "part"),),
}
# Every relation phrase ends with one of these words (checked before any regex).
_LAST_WORDS = frozenset(_PATTERNS_ENDING.keys() - {"*ern"} | {f"{d}ern" for d in DIRECTIONS})


def relation_before(text: str, floor: int, start: int) -> Relation:
    """The relation phrase ending right before ``start`` (not before ``floor``)."""
    begin = max(floor, start - LOOKBACK)
    if start <= begin or not text[start - 1].isspace():
        return NO_RELATION
    # The last two words decide whether any pattern can match; they are read from
    # the last 40 characters (the whole window only if those hold fewer than three).
    near = max(begin, start - 40)
    words = text[near:start].rsplit(None, 2)
    if len(words) < 3 and near > begin:
        words = text[begin:start].rsplit(None, 2)
    last = words[-1].lower() if words else ""
    if last not in _LAST_WORDS:
        return NO_RELATION  # most names have no relation: skip the regexes
    if last == "of" and (len(words) < 2 or not words[-2].lower().endswith(_BEFORE_OF)):
        return NO_RELATION  # "Battle of", "Governor of": no relation phrase ends so
    if last == "to" and (len(words) < 2 or not words[-2].lower().endswith(("close", "next", "adjacent"))):
        return NO_RELATION  # only "close to", "next to", "adjacent to" end in "to"
    window = text[begin:start]
    match = _DIST_DIR.search(window) if last == "of" else None
    if match:
        distance = float(match.group("num").replace(",", "."))
        unit = match.group("unit").lower()
        if unit.startswith("mi"):
            distance *= 1.609344
        direction = match.group("dir").lower()
        return Relation(
            "offset",
            _squash(match.group()),
            begin + match.start(),
            distance_km=distance,
            bearing=_BEARINGS.get(direction, 0.0),
        )
    for pattern, kind in _PATTERNS_ENDING.get(last, _PATTERNS_ENDING["*ern"]):
        match = pattern.search(window)
        if match:
            return Relation(kind, _squash(match.group()), begin + match.start())
    return NO_RELATION


def joins_pair(text: str, first_end: int, second_start: int, kind: str) -> bool:
    """Whether the text between two names links them as "X and Y" / "X to Y"."""
    gap = text[first_end:second_start]
    if len(gap) > 40:
        return False
    if kind == "between":
        return _AND_GAP.fullmatch(gap) is not None or (_AND_GAP.match(gap) is not None and gap.strip() == "and")
    return _TO_GAP.fullmatch(gap) is not None


def is_front(text: str, floor: int, relation_start: int) -> bool:
    """Whether "from X to Y" describes a line (a front, a road) rather than a movement."""
    window = text[max(floor, relation_start - LOOKBACK) : relation_start]
    return _FRONT_WORD.search(window) is not None


def dash_road(text: str, first_end: int, second_start: int, second_end: int) -> bool:
    """Whether "X-Y highway" / "X–Y front" names a line between two places."""
    return _DASH_GAP.fullmatch(text[first_end:second_start]) is not None and (
        _ROAD_AFTER.match(text, second_end, min(len(text), second_end + 30)) is not None
    )


def _squash(words: str) -> str:
    return " ".join(words.split()).lower()


def compass_bearing(word: str) -> float | None:
    """The bearing of a compass word ("southeast", "north-west", "eastern"); None if none."""
    word = word.lower()
    return _BEARINGS.get(word[:-3] if word.endswith("ern") else word)


def initial_bearing(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Degrees clockwise from north of the way from the first point to the second."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.atan2(x, y)) % 360.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def destination(lat: float, lon: float, bearing: float, distance_km: float) -> tuple[float, float]:
    """The point ``distance_km`` from (lat, lon) along ``bearing`` degrees."""
    delta = distance_km / 6371.0088
    theta = math.radians(bearing)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(delta) + math.cos(p1) * math.sin(delta) * math.cos(theta))
    l2 = l1 + math.atan2(
        math.sin(theta) * math.sin(delta) * math.cos(p1), math.cos(delta) - math.sin(p1) * math.sin(p2)
    )
    return math.degrees(p2), (math.degrees(l2) + 540.0) % 360.0 - 180.0


def midpoint(lat1: float, lon1: float, lat2: float, lon2: float) -> tuple[float, float]:
    """The great-circle midpoint of two points."""
    p1, l1, p2 = math.radians(lat1), math.radians(lon1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    bx = math.cos(p2) * math.cos(dl)
    by = math.cos(p2) * math.sin(dl)
    p3 = math.atan2(math.sin(p1) + math.sin(p2), math.hypot(math.cos(p1) + bx, by))
    l3 = l1 + math.atan2(by, math.cos(p1) + bx)
    return math.degrees(p3), (math.degrees(l3) + 540.0) % 360.0 - 180.0
