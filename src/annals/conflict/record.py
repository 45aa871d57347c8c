"""Build the conflict record from infobox fields.

Infobox keys vary by source ("combatant1", "side1", "belligerents1"); the
record groups them per side. Rendering damage is repaired generally: empty list
items left by removed flag templates are dropped, statuses glued to names
("al-HusseinKIA") are split off, image sizes ("16px") are removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from annals.document import Document, InfoboxField, InfoboxItem, Notice, Span
from annals.mentions.numbers import find_numbers
from annals.resources.lexicon import flag_country, split_glued
from annals.temporal.parse import find_times, parse_date_range, resolve

_STATUS = {"kia": "killed", "wia": "wounded", "pow": "captured", "mia": "missing",
           "executed": "executed", "†": "killed", "killed": "killed", "captured": "captured",
           "wounded": "wounded", "surrendered": "captured", "arrested": "captured"}
_STATUS_SUFFIX = re.compile(
    r"(?:\s*[\(\[]\s*|\s+|(?<=[a-z\)\]\.\"']))(?P<status>KIA|WIA|POW|MIA|†|\(?[Ee]xecuted\)?|killed|captured|wounded|surrendered|arrested)"
    r"\s*[\)\]]?\s*$"
)
_RANK = re.compile(
    r"^(?:(?:Lt\.?|Lieutenant|Maj\.?|Major|Brig\.?|Brigadier|Col\.?|Colonel|Gen\.?|General|Capt\.?|Captain|"
    r"Adm\.?|Admiral|Vice|Rear|Field\s+Marshal|Marshal|Sgt\.?|Sergeant|Cmdr\.?|Commander|Colonel-General|"
    r"Colonel\s+General|Major\s+General|Lieutenant\s+General|Brigadier\s+General|Sheikh|Emir|President|"
    r"Prime\s+Minister|Minister|Defence\s+Minister|Defense\s+Minister)\s+)+"
)
_NICKNAME = re.compile(r"[\"“”][^\"“”]{1,40}[\"“”]\s*")
_IMAGE_FILE = re.compile(r"^.{0,80}?\.(?:svg|png|jpe?g|gif)\b\s*", re.IGNORECASE)
_TRAILING_NOTE = re.compile(r"\s*[\(\[][^\)\]]*[\)\]]\s*$")
_KINDS = {
    "killed": re.compile(r"(?i)\b(?:killed|dead|deaths?|fatalities|KIA)\b"),
    "wounded": re.compile(r"(?i)\b(?:wounded|injured|WIA)\b"),
    "captured": re.compile(r"(?i)\b(?:captured|prisoners?|POWs?|taken\s+prisoner|surrendered|detained|arrested)\b"),
    "missing": re.compile(r"(?i)\b(?:missing|MIA)\b"),
}


@dataclass(frozen=True)
class Quantity:
    """A count with low/high bounds and the text it was read from."""

    low: int | None
    high: int | None
    text: str
    evidence: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"low": self.low, "high": self.high, "text": self.text,
                "evidence": [s.to_dict() for s in self.evidence]}


@dataclass(frozen=True)
class Named:
    name: str
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Commander:
    name: str
    status: str | None
    evidence: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "status": self.status, "evidence": [s.to_dict() for s in self.evidence]}


@dataclass(frozen=True)
class Unit:
    name: str
    children: tuple[Unit, ...] = ()
    evidence: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "children": [c.to_dict() for c in self.children],
                "evidence": [s.to_dict() for s in self.evidence]}


@dataclass(frozen=True)
class Side:
    side: int
    belligerents: tuple[Named, ...] = ()
    supporters: tuple[Named, ...] = ()
    commanders: tuple[Commander, ...] = ()
    units: tuple[Unit, ...] = ()
    strength: Quantity | None = None
    killed: Quantity | None = None
    wounded: Quantity | None = None
    captured: Quantity | None = None
    missing: Quantity | None = None

    def to_dict(self) -> dict[str, Any]:
        def qty(value: Quantity | None) -> dict[str, Any] | None:
            return value.to_dict() if value else None

        return {
            "side": self.side,
            "belligerents": [b.name for b in (*self.belligerents, *self.supporters)],
            "supporters": [b.name for b in self.supporters],
            "commanders": [c.to_dict() for c in self.commanders],
            "units": [u.to_dict() for u in self.units],
            "strength": qty(self.strength),
            "killed": qty(self.killed),
            "wounded": qty(self.wounded),
            "captured": qty(self.captured),
            "missing": qty(self.missing),
            "evidence": [s.to_dict() for b in self.belligerents for s in b.evidence],
        }


@dataclass(frozen=True)
class ConflictRecord:
    name: str
    start_date: date | None = None
    end_date: date | None = None
    place: str | None = None
    result: str | None = None
    part_of: tuple[str, ...] = ()
    sides: tuple[Side, ...] = ()
    evidence: dict[str, tuple[Span, ...]] = field(default_factory=dict)
    notices: tuple[Notice, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "start_date": self.start_date.isoformat() if self.start_date else None,
            "end_date": self.end_date.isoformat() if self.end_date else None,
            "place": self.place,
            "result": self.result,
            "part_of": list(self.part_of),
            "sides": [s.to_dict() for s in self.sides],
            "evidence": {k: [s.to_dict() for s in v] for k, v in self.evidence.items()},
        }

    def all_belligerents(self) -> list[tuple[int, str]]:
        return [(side.side, b.name) for side in self.sides for b in (*side.belligerents, *side.supporters)]


def parse_commander(text: str) -> tuple[str, str | None]:
    """Name and status of an infobox commander entry ("Gen. X al-HusseinKIA")."""
    status = None
    value = text.strip().strip(",;")
    match = _STATUS_SUFFIX.search(value)
    if match:
        status = _STATUS[match.group("status").strip("()").lower()]
        value = value[: match.start()].rstrip(" ([")
    value = _NICKNAME.sub("", value).strip()
    value = _TRAILING_NOTE.sub("", value).strip()
    value = _RANK.sub("", value).strip()
    return value, status


def parse_quantity(text: str, span: Span, kind: str | None = None, *, exact: bool = True) -> Quantity | None:
    """A count from infobox text; ``kind`` picks killed/wounded/... from a list of them."""
    if not text.strip():
        return None
    numbers = find_numbers(text)
    chosen = []
    for number in numbers:
        if number.vague or number.low is None:
            continue
        if kind not in (None, "strength"):
            after = text[number.span.end : number.span.end + 40]
            after = re.split(r"[,;\n]|\band\b", after, maxsplit=1)[0]
            labels = [k for k, pattern in _KINDS.items() if pattern.search(after)]
            if labels and kind not in labels:
                continue
            if not labels and kind != "killed":
                continue
        chosen.append(number)
    if not chosen:
        return Quantity(None, None, text.strip(), (span,)) if kind in (None, "killed", "strength") else None
    low = sum(n.low or 0 for n in chosen)
    high = sum(n.high or n.low or 0 for n in chosen)
    if not exact:  # the value was rebuilt from markup: point at the whole field
        return Quantity(low, high, text.strip(), (span,))
    evidence = tuple(Span(span.start + n.span.start, span.start + n.span.end) for n in chosen)
    return Quantity(low, high, text.strip(), evidence)


_SIDE_KEYS = {
    "belligerents": ("combatant", "side", "belligerent", "belligerents", "combatants"),
    "commanders": ("commander", "commanders", "leader"),
    "units": ("units", "unit"),
    "strength": ("strength",),
    "casualties": ("casualties", "casualty", "losses"),
}


def _side_fields(doc: Document) -> dict[int, dict[str, InfoboxField]]:
    """Infobox fields grouped by side number ("combatant2" -> side 2, "units2")."""
    sides: dict[int, dict[str, InfoboxField]] = {}
    for item in doc.infobox:
        match = re.fullmatch(r"([a-z]+?)(\d)([a-z]?)", item.key)
        if not match:
            continue
        prefix, number, extra = match.group(1), int(match.group(2)), match.group(3)
        for role, prefixes in _SIDE_KEYS.items():
            if prefix in prefixes:
                key = role if not extra else f"{role}_{extra}"
                sides.setdefault(number, {}).setdefault(key, item)
    return sides


def _belligerents(item: InfoboxField | None) -> tuple[tuple[Named, ...], tuple[Named, ...]]:
    """Belligerents and supporters ("Support:" starts the supporters).

    Sub-items (a national army under its state) are belligerents too; a lone flag
    names its country; names glued together by stripped flag icons are split.
    """
    if item is None:
        return (), ()
    main: list[Named] = []
    support: list[Named] = []
    target = main
    for entry in item.items:
        pieces = re.split(r"(?i)\s*\b(?:supported\s+by|(?:air\s+|aid\s+|naval\s+)?support(?:ed)?)\s*:\s*", entry.text)
        for index, piece in enumerate(pieces):
            if index > 0:
                target = support
            for name in _names(piece):
                if all(n.name != name for n in (*main, *support)):
                    target.append(Named(name, (entry.span,)))
    return tuple(main), tuple(support)


def _names(text: str) -> list[str]:
    country = flag_country(text) if not any(ch.isalpha() for ch in text) else None
    if country:
        return [country]
    cleaned = _IMAGE_FILE.sub("", _TRAILING_NOTE.sub("", text)).strip(" *:")
    return [name for name in split_glued(cleaned) if name] if cleaned else []


def _units(item: InfoboxField | None) -> tuple[Unit, ...]:
    if item is None:
        return ()
    roots: list[tuple[InfoboxItem, list[InfoboxItem]]] = []
    for entry in item.items:
        if entry.level > 0 and roots:
            roots[-1][1].append(entry)
        else:
            roots.append((entry, []))

    def unit(entry: InfoboxItem, children: list[InfoboxItem]) -> Unit:
        kids = tuple(Unit(_TRAILING_NOTE.sub("", c.text).strip(), (), (c.span,)) for c in children)
        return Unit(_TRAILING_NOTE.sub("", entry.text).strip(), kids, (entry.span,))

    return tuple(unit(e, c) for e, c in roots)


def _commanders(item: InfoboxField | None) -> tuple[Commander, ...]:
    if item is None:
        return ()
    found = []
    for entry in item.items:
        name, status = parse_commander(entry.text)
        if name and len(name) > 1:
            found.append(Commander(name, status, (entry.span,)))
    return tuple(found)


_LEAD_SPAN = re.compile(
    r"(?i)\b(?:began|begun|started|launched|lasted|took\s+place|was\s+fought|fought|ran|occurred|from|between)\b"
)
_LEAD_END = re.compile(r"(?i)\b(?:ended|end(?:ing)?|until|till|concluded|to|and)\b")


def _dates_from_lead(doc: Document) -> tuple[date | None, date | None, tuple[Span, ...]]:
    """Without an infobox date, the lead's own statement of it ("began on X and ended on Y").

    Only a lead sentence that says when the conflict ran counts, and only dates with a
    day; the end is taken when the same sentence names it after an ending word.
    """
    for sentence in [s for s in doc.sentences if s.section < 0][:4]:
        span = sentence.span
        if not _LEAD_SPAN.search(doc.text, span.start, span.end):
            continue
        found = [m for m in find_times(doc.text, span.start, span.end) if m.kind == "absolute" and m.start[2]]
        if not found:
            continue
        first = resolve(found[0], None, found[0].start[0])
        if first is None:
            continue
        end = first.end if first.end > first.start else None  # "27 February – 31 March 2022"
        named = 1
        if len(found) > 1 and _LEAD_END.search(doc.text, found[0].span.end, found[1].span.start):
            end = (resolve(found[1], first.start, first.start.year) or first).end
            named = 2
        # no end named: the narrative's last event gives it
        return first.start, end, tuple(doc.source_span(m.span) for m in found[:named])
    return None, None, ()


def with_dates(conflict: ConflictRecord, start: date, end: date,
               start_evidence: tuple[Span, ...], end_evidence: tuple[Span, ...]) -> ConflictRecord:
    """The record with dates taken from elsewhere (the narrative's first and last dated
    events, for a record whose infobox and lead give none); spans are in source."""
    evidence = {**conflict.evidence, "start_date": start_evidence, "end_date": end_evidence}
    return replace(conflict, start_date=start, end_date=end, evidence=evidence)


def with_sides(conflict: ConflictRecord, sides: dict[int, list[tuple[str, tuple[Span, ...]]]]) -> ConflictRecord:
    """The record with sides told by the prose (side -> (belligerent, source spans naming it)),
    for an article whose infobox lists none; a record that has sides keeps them."""
    if conflict.sides or not sides:
        return conflict
    found = tuple(
        Side(number, belligerents=tuple(Named(name, evidence) for name, evidence in members))
        for number, members in sorted(sides.items())
    )
    return replace(conflict, sides=found)


def build_conflict(doc: Document) -> ConflictRecord:
    """The conflict record of ``doc``'s infobox (empty sides when it has none)."""
    evidence: dict[str, tuple[Span, ...]] = {}
    notices: list[Notice] = []
    start = end = None
    date_field = doc.field("date", "dates")
    if date_field is not None:
        first, last, _ = parse_date_range(date_field.value)
        if first is None:
            notices.append(Notice("CONFLICT-W001", f"cannot read the infobox date {date_field.value[:60]!r}",
                                  date_field.span))
        else:
            start = first.start
            end = last.end if last else None
            evidence["start_date"] = evidence["end_date"] = (date_field.span,)
    else:
        start, end, spans = _dates_from_lead(doc)
        if spans:
            evidence["start_date"] = spans
            if end is not None:
                evidence["end_date"] = spans
    sides = []
    for number, fields in sorted(_side_fields(doc).items()):
        belligerents, supporters = _belligerents(fields.get("belligerents"))
        casualties = fields.get("casualties")
        strength = fields.get("strength")

        def count(kind: str, source: InfoboxField | None = casualties) -> Quantity | None:
            if source is None:
                return None
            exact = doc.source[source.span.start : source.span.end] == source.value
            return parse_quantity(source.value, source.span, kind, exact=exact)

        sides.append(
            Side(
                side=number,
                belligerents=belligerents,
                supporters=supporters,
                commanders=_commanders(fields.get("commanders")),
                units=_units(fields.get("units")),
                strength=count("strength", strength) if strength else None,
                killed=count("killed"),
                wounded=count("wounded"),
                captured=count("captured"),
                missing=count("missing"),
            )
        )
    for key in ("place", "result", "partof"):
        item = doc.field(key)
        if item is not None:
            evidence[key] = (item.span,)
    place = doc.field("place", "location")
    result = doc.field("result")
    part_of = doc.field("partof")
    name = doc.field("conflict", "name")
    return ConflictRecord(
        name=(name.value if name is not None else doc.title) or doc.title,
        start_date=start,
        end_date=end,
        place=" ".join(place.value.split()) if place else None,
        result=result.value if result else None,
        part_of=tuple(i.text for i in part_of.items) if part_of and part_of.items else (),
        sides=tuple(sides),
        evidence=evidence,
        notices=tuple(notices),
    )
