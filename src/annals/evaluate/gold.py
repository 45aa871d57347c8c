"""Gold files (``gold/FORMAT.md``): loaded, validated and resolved to offsets.

Validation happens once, here, so that scoring never meets a half-formed gold
event: a typo in a gold file would otherwise silently turn into a system error.
String evidence is resolved to character offsets at load time, so the scorer
handles both evidence forms the same way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from annals.document import Span
from annals.errors import EvalError
from annals.events.taxonomy import ACLED_TYPES
from annals.read import decode

__all__ = [
    "DEFAULT_TOLERANCE_KM",
    "EVENT_TYPES",
    "SUB_EVENT_TYPES",
    "Gold",
    "GoldConflict",
    "GoldEvent",
    "GoldFatalities",
    "GoldLocation",
    "GoldSide",
    "load_gold",
    "read_article",
]

DEFAULT_TOLERANCE_KM = 25.0

# ACLED's 6 event types and 25 sub-event types, the same table the events stage types with.
# Gold files are checked against them so that a misspelt type fails loudly at load time.
EVENT_TYPES: dict[str, tuple[str, ...]] = ACLED_TYPES
SUB_EVENT_TYPES = frozenset(sub for subs in EVENT_TYPES.values() for sub in subs)

_FIX = "see gold/FORMAT.md for the layout"


@dataclass(frozen=True, slots=True)
class GoldLocation:
    name: str
    lat: float
    lon: float
    tolerance_km: float = DEFAULT_TOLERANCE_KM

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "tolerance_km": self.tolerance_km,
        }


@dataclass(frozen=True, slots=True)
class GoldFatalities:
    low: int
    high: int

    def to_dict(self) -> dict[str, Any]:
        return {"low": self.low, "high": self.high}


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One gold event; ``evidence`` is always offsets into the article text."""

    id: str
    required: bool
    evidence: Span
    date_start: date
    date_end: date
    date_tolerance_days: int
    event_type: str
    sub_event_types: tuple[str, ...]
    actors_a: tuple[str, ...]
    actors_b: tuple[str, ...]
    location: GoldLocation
    fatalities: GoldFatalities | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "required": self.required,
            "evidence": self.evidence.to_dict(),
            "date_start": self.date_start.isoformat(),
            "date_end": self.date_end.isoformat(),
            "date_tolerance_days": self.date_tolerance_days,
            "event_type": self.event_type,
            "sub_event_types": list(self.sub_event_types),
            "actors_a": list(self.actors_a),
            "actors_b": list(self.actors_b),
            "location": self.location.to_dict(),
            "fatalities": self.fatalities.to_dict() if self.fatalities else None,
        }


@dataclass(frozen=True, slots=True)
class GoldSide:
    side: int
    belligerents: tuple[str, ...]
    killed_low: int | None
    killed_high: int | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "side": self.side,
            "belligerents": list(self.belligerents),
            "killed": {"low": self.killed_low, "high": self.killed_high},
        }


@dataclass(frozen=True, slots=True)
class GoldConflict:
    start_date: date | None
    end_date: date | None
    place: str | None
    sides: tuple[GoldSide, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "start_date": self.start_date.isoformat() if self.start_date else None,
            "end_date": self.end_date.isoformat() if self.end_date else None,
            "place": self.place,
            "sides": [s.to_dict() for s in self.sides],
        }


@dataclass(frozen=True, slots=True)
class Gold:
    """A validated gold file. ``path`` is the article file it describes."""

    article: str
    file: str
    path: Path
    source: str
    conflict: GoldConflict | None
    events: tuple[GoldEvent, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "file": self.file,
            "source": self.source,
            "conflict": self.conflict.to_dict() if self.conflict else None,
            "events": [e.to_dict() for e in self.events],
        }


def read_article(gold: Gold) -> str:
    """The article's decoded text, decoded exactly as the readers decode it.

    Evidence offsets (gold and predicted) index this string, so it must match
    the reader's decoding (UTF-8, BOM dropped, line ends untouched).
    """
    try:
        data = gold.path.read_bytes()
    except OSError as exc:
        raise EvalError(
            "EVAL-E002",
            f"the article {gold.file!r} cannot be read: {exc.strerror}",
            path=gold.source,
            hint='check the gold file\'s "file" key and the shared folder',
        ) from exc
    return decode(data, str(gold.path))


def load_gold(path: str | Path, shared_dir: Path) -> Gold:
    """Load and validate a gold file; its ``file`` is relative to ``shared_dir``."""
    source = str(path)
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise EvalError(
            "EVAL-E001",
            f"the gold file cannot be read: {exc.strerror}",
            path=source,
            hint="check the path",
        ) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvalError(
            "EVAL-E001",
            f"the gold file is not valid JSON ({exc})",
            path=source,
            hint="fix the JSON syntax",
        ) from exc
    check = _Checker(source)
    top = check.mapping(raw, "the gold file")
    article = check.string(top, "article", "the gold file")
    file = check.string(top, "file", "the gold file")
    events_raw = check.key(top, "events", "the gold file")
    if not isinstance(events_raw, list):
        check.fail('"events" must be a list')
    article_path = Path(shared_dir) / file
    if not article_path.is_file():
        raise EvalError(
            "EVAL-E002",
            f"the article {file!r} is not in the shared folder {str(shared_dir)!r}",
            path=source,
            hint='set ANNALS_SHARED to the shared folder, or fix the gold file\'s "file" key',
        )
    gold = Gold(article, file, article_path, source, None, ())
    text = read_article(gold)
    conflict = _conflict(check, top.get("conflict"))
    events = tuple(_event(check, item, index, text) for index, item in enumerate(events_raw))
    seen: set[str] = set()
    for event in events:
        if event.id in seen:
            check.fail(f"event id {event.id!r} is used twice")
        seen.add(event.id)
    return Gold(article, file, article_path, source, conflict, events)


class _Checker:
    """Raises EVAL-E001 naming the gold file, the place and the bad key."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, reason: str) -> NoReturn:
        raise EvalError("EVAL-E001", reason, path=self.source, hint=_FIX)

    def mapping(self, value: object, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(f"{where} must be a JSON object, not {type(value).__name__}")
        return value

    def key(self, obj: dict[str, Any], key: str, where: str) -> Any:
        if key not in obj:
            self.fail(f"{where} misses the key {key!r}")
        return obj[key]

    def string(self, obj: dict[str, Any], key: str, where: str, *, empty: bool = False) -> str:
        value = self.key(obj, key, where)
        if not isinstance(value, str) or (not empty and not value.strip()):
            self.fail(f"{where}: {key!r} must be a non-empty string, not {_short(value)}")
        return value

    def strings(self, obj: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = self.key(obj, key, where)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(f"{where}: {key!r} must be a list of strings, not {_short(value)}")
        return tuple(value)

    def number(self, value: object, where: str, *, integer: bool) -> float:
        kinds = (int,) if integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds) or value < 0:
            kind = "a non-negative integer" if integer else "a non-negative number"
            self.fail(f"{where} must be {kind}, not {_short(value)}")
        return value

    def integer(self, obj: dict[str, Any], key: str, where: str) -> int:
        """A required non-negative integer ``obj[key]``."""
        return int(self.number(self.key(obj, key, where), f"{where} {key}", integer=True))

    def day(self, value: object, where: str) -> date:
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(f"{where} must be an ISO date (YYYY-MM-DD), not {_short(value)}")


def _short(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False) if value is not None else "null"
    return text if len(text) <= 40 else text[:37] + "..."


def _conflict(check: _Checker, raw: object) -> GoldConflict | None:
    if raw is None:
        return None
    obj = check.mapping(raw, '"conflict"')
    where = "conflict"
    start = obj.get("start_date")
    end = obj.get("end_date")
    place = obj.get("place")
    sides_raw = obj.get("sides") or []
    if not isinstance(sides_raw, list):
        check.fail('conflict: "sides" must be a list')
    sides = []
    for index, item in enumerate(sides_raw):
        side_where = f"conflict side #{index + 1}"
        side = check.mapping(item, side_where)
        number = int(
            check.number(check.key(side, "side", side_where), f'{side_where}: "side"', integer=True)
        )
        belligerents = check.strings(side, "belligerents", side_where)
        killed = side.get("killed")
        low = high = None
        if killed is not None:
            killed = check.mapping(killed, f'{side_where}: "killed"')
            low = _optional_int(check, killed.get("low"), f"{side_where}: killed low")
            high = _optional_int(check, killed.get("high"), f"{side_where}: killed high")
        sides.append(GoldSide(number, belligerents, low, high))
    return GoldConflict(
        start_date=check.day(start, f"{where}: start_date") if start is not None else None,
        end_date=check.day(end, f"{where}: end_date") if end is not None else None,
        place=place if isinstance(place, str) else None,
        sides=tuple(sides),
    )


def _optional_int(check: _Checker, value: object, where: str) -> int | None:
    return None if value is None else int(check.number(value, where, integer=True))


_EVENT_KEYS = (
    "id",
    "evidence",
    "date_start",
    "date_end",
    "event_type",
    "sub_event_types",
    "actors_a",
    "actors_b",
    "location",
)


def _event(check: _Checker, raw: object, index: int, text: str) -> GoldEvent:
    obj = check.mapping(raw, f"event #{index + 1}")
    event_id = obj.get("id")
    where = f"event #{index + 1}"
    if isinstance(event_id, str):
        where = f"event {event_id!r} (#{index + 1})"
    missing = [key for key in _EVENT_KEYS if key not in obj]
    if missing:
        check.fail(f"{where} misses the key(s) {', '.join(repr(k) for k in missing)}")
    event_id = check.string(obj, "id", where)
    required = obj.get("required", True)
    if not isinstance(required, bool):
        check.fail(f'{where}: "required" must be true or false, not {_short(required)}')
    start = check.day(obj["date_start"], f"{where}: date_start")
    end = check.day(obj["date_end"], f"{where}: date_end")
    if end < start:
        check.fail(f"{where}: date_end {end} is before date_start {start}")
    tolerance = int(
        check.number(
            obj.get("date_tolerance_days", 0) or 0, f"{where}: date_tolerance_days", integer=True
        )
    )
    event_type = check.string(obj, "event_type", where)
    if event_type not in EVENT_TYPES:
        check.fail(
            f"{where}: event_type {event_type!r} is not one of ACLED's: {', '.join(EVENT_TYPES)}"
        )
    sub_types = check.strings(obj, "sub_event_types", where)
    if not sub_types:
        check.fail(f'{where}: "sub_event_types" is empty; give at least the preferred one')
    unknown = [s for s in sub_types if s not in SUB_EVENT_TYPES]
    if unknown:
        check.fail(f"{where}: {unknown[0]!r} is not an ACLED sub-event type")
    actors_a = check.strings(obj, "actors_a", where)
    actors_b = check.strings(obj, "actors_b", where)
    return GoldEvent(
        id=event_id,
        required=required,
        evidence=_evidence(check, obj["evidence"], where, text),
        date_start=start,
        date_end=end,
        date_tolerance_days=tolerance,
        event_type=event_type,
        sub_event_types=sub_types,
        actors_a=actors_a,
        actors_b=actors_b,
        location=_location(check, obj["location"], where),
        fatalities=_fatalities(check, obj.get("fatalities"), where),
    )


def _evidence(check: _Checker, raw: object, where: str, text: str) -> Span:
    """Offsets of the evidence: the first occurrence of a string, or given offsets."""
    if isinstance(raw, str):
        if not raw.strip():
            check.fail(f'{where}: "evidence" is empty')
        found = text.find(raw)
        if found < 0:
            raise EvalError(
                "EVAL-E003",
                f"{where}: the evidence {_short(raw)} is not in the article",
                path=check.source,
                hint="copy the evidence verbatim from the article (same quotes and dashes)",
            )
        return Span(found, found + len(raw))
    obj = check.mapping(raw, f'{where}: "evidence"')
    start = check.integer(obj, "start", f"{where}: evidence")
    end = check.integer(obj, "end", f"{where}: evidence")
    if end <= start or end > len(text):
        raise EvalError(
            "EVAL-E003",
            f"{where}: evidence offsets [{start}, {end}) are empty or outside the article "
            f"({len(text)} characters)",
            path=check.source,
            hint="offsets index the article file's decoded text; recompute them",
        )
    return Span(start, end)


def _location(check: _Checker, raw: object, where: str) -> GoldLocation:
    obj = check.mapping(raw, f'{where}: "location"')
    lat = check.key(obj, "lat", f"{where}: location")
    lon = check.key(obj, "lon", f"{where}: location")
    if (
        isinstance(lat, bool)
        or not isinstance(lat, int | float)
        or not -90 <= lat <= 90
        or isinstance(lon, bool)
        or not isinstance(lon, int | float)
        or not -180 <= lon <= 180
    ):
        check.fail(f"{where}: location lat/lon must be numbers in range, not {_short([lat, lon])}")
    tolerance = obj.get("tolerance_km")
    tolerance_km = (
        DEFAULT_TOLERANCE_KM
        if tolerance is None
        else check.number(tolerance, f"{where}: tolerance_km", integer=False)
    )
    name = obj.get("name")
    return GoldLocation(
        name if isinstance(name, str) else "", float(lat), float(lon), float(tolerance_km)
    )


def _fatalities(check: _Checker, raw: object, where: str) -> GoldFatalities | None:
    if raw is None:
        return None
    obj = check.mapping(raw, f'{where}: "fatalities"')
    low = check.integer(obj, "low", f"{where}: fatalities")
    high = check.integer(obj, "high", f"{where}: fatalities")
    if high < low:
        check.fail(f"{where}: fatalities high {high} is below low {low}")
    return GoldFatalities(low, high)
