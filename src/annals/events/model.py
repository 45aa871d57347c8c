"""The event record: one action, on one day or span, at one place, with evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from annals.events.claims import Claim

if TYPE_CHECKING:
    from annals.geo import Location
from annals.temporal.parse import DateRange


@dataclass
class Event:
    """An event as assembled from one clause (and any continuations of it).

    Spans are in the document's ``text``; ``to_dict`` maps them to the source.
    """

    id: str
    date: DateRange
    date_evidence: tuple[Any, ...]
    event_type: str
    sub_event_type: str
    category: str
    actor1: str | None
    actor2: str | None
    actor1_side: int | None = None
    actor1_kind: str = ""  # state | nonstate | international | civilian ('' unknown)
    actor2_side: int | None = None
    assoc_actor_1: list[str] = field(default_factory=list)
    assoc_actor_2: list[str] = field(default_factory=list)
    location: Location | None = None
    claims: list[Claim] = field(default_factory=list)
    evidence: list[Any] = field(default_factory=list)  # clause spans
    trigger: Any = None  # the trigger span
    sentence: int = -1
    paragraph: int = -1
    attribution_claims: list[dict[str, Any]] = field(default_factory=list)
    inter1: int | None = None  # ACLED inter codes: 1 state, 2 rebels, 7 civilians, 8 external forces
    inter2: int | None = None
    date_how: str = "explicit"
