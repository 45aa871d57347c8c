"""The pipeline: read -> conflict -> mentions -> time -> events -> geo, one way.

``Pipeline`` holds the resources that are costly to load (the gazetteer, the
actor lexicon) and runs every stage over one ``Document``. ``pipe`` streams
many inputs and turns a failing one into a ``Failure`` record so that one bad
document never stops a batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annals.conflict import ConflictRecord, build_conflict, with_dates, with_sides
from annals.document import Document, Notice, Span
from annals.errors import AnnalsError
from annals.events.assemble import EventAssembler, narrative_events
from annals.events.audit import audit
from annals.events.claims import rollup
from annals.events.model import Event
from annals.events.taxonomy import interaction, plover
from annals.mentions.actors import ActorFinder, DocumentActors
from annals.read import read_path, read_text

if TYPE_CHECKING:
    from annals.geo import Geocoder


@dataclass(frozen=True)
class Extraction:
    """Everything annals found in one document."""

    document: Document
    conflict: ConflictRecord
    events: tuple[Event, ...]
    warnings: tuple[Notice, ...]

    def to_dict(self) -> dict[str, Any]:
        """The output contract of DESIGN.md; every span indexes the source text."""
        doc = self.document
        return {
            "document": {"title": doc.title, "path": doc.path, "sha256": doc.sha256, "format": doc.format},
            "conflict": self.conflict.to_dict(),
            "events": [event_to_dict(doc, event, self.conflict) for event in self.events],
            "warnings": [_notice_dict(doc, n) for n in self.warnings],
        }


@dataclass(frozen=True)
class Failure:
    """A document that could not be processed, and why."""

    path: str
    error: AnnalsError

    def to_dict(self) -> dict[str, Any]:
        return {"error": self.error.to_dict()}


def _spans(doc: Document, spans: Iterable[Span]) -> list[dict[str, int]]:
    return [doc.source_span(s).to_dict() for s in spans]


def _notice_dict(doc: Document, notice: Notice) -> dict[str, Any]:
    out: dict[str, Any] = {"code": notice.code, "message": notice.message}
    if notice.span is not None:
        in_source = notice.code.startswith(("CONFLICT", "AUDIT"))  # these point into the infobox or were mapped
        out["evidence"] = [notice.span.to_dict() if in_source else doc.source_span(notice.span).to_dict()]
    return out


def event_to_dict(doc: Document, event: Event, conflict: ConflictRecord) -> dict[str, Any]:
    low, best, high = rollup(event.claims)
    location = None
    if event.location is not None:
        loc = event.location
        location = {
            "name": loc.name, "latitude": round(loc.latitude, 5), "longitude": round(loc.longitude, 5),
            "admin1": loc.admin1, "country": loc.country, "iso": loc.iso, "geo_precision": loc.geo_precision,
            "geonameid": loc.geonameid, "evidence": _spans(doc, loc.evidence),
        }
    date_evidence = (_spans(doc, event.date_evidence) if event.date_how != "conflict"
                     else [s.to_dict() for s in conflict.evidence.get("start_date", ())])
    plover_type, plover_mode = plover(event.sub_event_type, event.category)
    claims = [{**c.to_dict(), "evidence": _spans(doc, c.evidence)} for c in event.claims]
    claims += [{**a, "evidence": _spans(doc, a["evidence"])} for a in event.attribution_claims]
    return {
        "id": event.id,
        "date_start": event.date.start.isoformat(),
        "date_end": event.date.end.isoformat(),
        "date_precision": event.date.precision,
        "date_evidence": date_evidence,
        "date_basis": event.date_how,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "plover_type": plover_type,
        "plover_mode": plover_mode,
        "actor1": event.actor1,
        "actor2": event.actor2,
        "actor1_side": event.actor1_side,
        "actor2_side": event.actor2_side,
        "inter1": event.inter1,
        "inter2": event.inter2,
        "interaction": interaction(event.inter1 or 0, event.inter2 or 0) or None,
        "assoc_actor_1": event.assoc_actor_1,
        "assoc_actor_2": event.assoc_actor_2,
        "location": location,
        "fatalities": {"low": low, "best": best, "high": high},
        "claims": claims,
        "trigger": doc.source_span(event.trigger).to_dict() if event.trigger is not None else None,
        "evidence": _spans(doc, event.evidence),
    }


class Pipeline:
    """Runs every stage over documents; load once, call many times."""

    def __init__(self, geocoder: Geocoder | None = None, *, use_geo: bool = True) -> None:
        if geocoder is None and use_geo:
            from annals.geo import Geocoder

            geocoder = Geocoder.load()
        self.geocoder = geocoder
        self.actor_finder = ActorFinder()
        self.assembler = EventAssembler()

    def __call__(self, doc: Document) -> Extraction:
        conflict = build_conflict(doc)
        actors = self.actor_finder(doc, conflict)
        names = [m.span for m in actors.mentions if " " in m.text.strip()]  # "Islamic State of Iraq and Syria"
        geography = self.geocoder.for_document(doc, names) if self.geocoder is not None else None
        home = geography.main_country() if geography is not None else None
        if home:
            actors.adopt_country(home)
        events, notices = self.assembler(doc, conflict, actors, geography)
        conflict = _dated_by_events(doc, conflict, events)
        conflict = _sided_by_prose(doc, conflict, actors)
        warnings = (*doc.notices, *conflict.notices, *notices, *audit(doc, conflict, events))
        return Extraction(doc, conflict, tuple(events), tuple(warnings))

    def extract_path(self, path: str | Path, *, format: str | None = None) -> Extraction:
        return self(read_path(path, format=format))

    def pipe(self, paths: Iterable[str | Path], *, format: str | None = None) -> Iterator[Extraction | Failure]:
        """Extract each path in turn; a bad one yields a ``Failure`` and the batch goes on."""
        for path in paths:
            try:
                yield self.extract_path(path, format=format)
            except AnnalsError as error:
                yield Failure(str(path), error)
            except RecursionError as error:  # pathological markup nesting
                yield Failure(str(path), AnnalsError("READ-E008", f"the markup nests too deeply ({error})",
                                                     path=str(path), hint="simplify or read as --input-format plain"))


def _sided_by_prose(doc: Document, conflict: ConflictRecord, actors: DocumentActors) -> ConflictRecord:
    """An article with no infobox sides has the two sides its prose names most (the actors
    stage's implied sides), each with the first mention of it as evidence."""
    if not actors.implied_sides:
        return conflict
    first: dict[str, Span] = {}
    for mention in actors.mentions:
        if not mention.generic:
            first.setdefault(mention.actor.name, mention.span)
    sides: dict[int, list[tuple[str, tuple[Span, ...]]]] = {}
    for number, members in actors.sides.items():
        for actor in members:
            named = first.get(actor.name)
            evidence = (doc.source_span(named),) if named is not None else ()
            sides.setdefault(number, []).append((actor.name, evidence))
    return with_sides(conflict, sides)


def _dated_by_events(doc: Document, conflict: ConflictRecord, events: list[Event]) -> ConflictRecord:
    """An article with no infobox date and none in its lead spans its dated events; one whose
    lead gives only the start ends with its last dated event."""
    if conflict.start_date is not None and (conflict.end_date is not None or doc.field("date", "dates")):
        return conflict
    dated = narrative_events(doc, events)
    last = max(dated, key=lambda e: e.date.end, default=None)
    if conflict.start_date is not None:
        evidence = conflict.evidence.get("start_date", ())
        if last is None or last.date.end <= conflict.start_date:  # "The attack took place on 8 April 2022"
            return with_dates(conflict, conflict.start_date, conflict.start_date, evidence, evidence)
        return with_dates(conflict, conflict.start_date, last.date.end, evidence, _source_spans(doc, last))
    if last is None:
        return conflict
    first = min(dated, key=lambda e: e.date.start)
    return with_dates(conflict, first.date.start, last.date.end, _source_spans(doc, first), _source_spans(doc, last))


def _source_spans(doc: Document, event: Event) -> tuple[Span, ...]:
    """The words that date ``event``, as spans in the source."""
    return tuple(doc.source_span(s) for s in event.date_evidence)


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT


def extract(source: str | Path, *, format: str | None = None, pipeline: Pipeline | None = None) -> Extraction:
    """Extract one document from a path (``Path`` or an existing file name) or from text.

    Example: ``annals.extract("article.md").to_dict()["events"]``
    """
    runner = pipeline or default_pipeline()
    if isinstance(source, Path) or ("\n" not in source and len(source) < 4096 and Path(source).is_file()):
        return runner.extract_path(source, format=format)
    return runner(read_text(str(source), format=format))
