"""What the store keeps of one extraction, and the few facts it derives on the way in.

``DocumentRecord`` is the output contract (``Extraction.to_dict()``) plus the
source text and its sentences: everything the store writes, and nothing it has to
recompute. The store also derives, once per document, what the exports need and
the contract does not carry: the kind of each actor (state, non-state, ...), the
home country, and a one-paragraph summary of each event and its claims (ACLED's
``notes``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from annals.resources.lexicon import load_lexicon
from annals.resources.registry import load_registry

if TYPE_CHECKING:
    from annals.pipeline import Extraction


@dataclass(frozen=True)
class Sentence:
    """A sentence of the document: its span in the source and its readable text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class DocumentRecord:
    """One document as the store writes it."""

    data: dict[str, Any]  # the output contract: document, conflict, events, warnings
    source: str
    sentences: tuple[Sentence, ...] = ()

    @property
    def sha256(self) -> str:
        return str(self.data["document"]["sha256"])


def record_of(extraction: Extraction) -> DocumentRecord:
    """The record of one extraction; sentence offsets are mapped to the source text."""
    doc = extraction.document
    sentences = []
    for _, sentence, text in doc.iter_sentences():
        span = doc.source_span(sentence.span)
        sentences.append(Sentence(span.start, span.end, " ".join(text.split())))
    return DocumentRecord(extraction.to_dict(), doc.source, tuple(sentences))


@dataclass(frozen=True)
class ActorInfo:
    """An actor as the exports need it: its kind, its country (for states) and its side."""

    name: str
    kind: str  # state | nonstate | international | civilian
    country: str | None
    side: int | None


_STATE_NOUN = re.compile(r"(?i)\b(?:armed forces|army|military|navy|air force|national guard|ground forces|"
                         r"government|police|security forces)\b")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


@lru_cache(maxsize=4096)
def classify_actor(name: str) -> tuple[str, str | None]:
    """(kind, country) of an actor name, from the general lexicon and the Phoenix registry.

    Rough on purpose (a later issue refines it): a known group keeps its lexicon
    kind; a country, its official name or its national forces is a state; a registry
    actor keeps its registry kind; generic
    words ("government forces", "civilians", "rebels") give their kind; anything
    else is a non-state group.
    """
    lexicon = load_lexicon()
    lowered = name.lower().strip()
    group = lexicon.groups.get(lowered)
    if group is not None:
        return group.kind, group.country
    if lowered in lexicon.demonyms:
        return "state", lexicon.demonyms[lowered]
    country = _official_country(name)
    if country is not None:
        return "state", country
    known = load_registry().lookup(name)
    if known is not None:
        return known.kind, known.country
    match = lexicon.pattern.fullmatch(name)
    if match is not None and match.lastgroup in ("national", "demonym", "noun", "country"):
        found = match.group("demonym") or match.group("country") or ""
        return "state", lexicon.demonyms.get(found.lower())
    if _STATE_NOUN.search(name):
        for word in _WORD.findall(name):
            if word.lower() in lexicon.demonyms:
                return "state", lexicon.demonyms[word.lower()]
    generic = lexicon.generic.fullmatch(lowered)
    if generic is not None:
        return {"gov": ("state", None), "civ": ("civilian", None)}.get(generic.lastgroup or "", ("nonstate", None))
    return "nonstate", None


def _official_country(name: str) -> str | None:
    """The common name of a country given by its official name ("Republic of Iraq" -> "Iraq")."""
    import pycountry

    try:
        country = pycountry.countries.lookup(name)
    except LookupError:
        return None
    return str(getattr(country, "common_name", None) or country.name)


def document_actors(data: dict[str, Any]) -> list[ActorInfo]:
    """Every actor named by the document's events or infobox sides, classified once."""
    sides: dict[str, int | None] = {}
    for side in data["conflict"].get("sides") or []:
        for name in side.get("belligerents") or []:
            sides.setdefault(name, side.get("side"))
    for event in data["events"]:
        for name, side in ((event.get("actor1"), event.get("actor1_side")),
                           (event.get("actor2"), event.get("actor2_side"))):
            if name and sides.get(name) is None:
                sides[name] = side
        for name in (*(event.get("assoc_actor_1") or ()), *(event.get("assoc_actor_2") or ())):
            sides.setdefault(name, None)
    return [ActorInfo(name, *classify_actor(name), side) for name, side in sides.items()]


def home_country(events: Iterable[dict[str, Any]]) -> str | None:
    """The country most of the document's events are located in (its 'home government')."""
    counts = Counter(e["location"]["country"] for e in events if e.get("location") and e["location"].get("country"))
    return counts.most_common(1)[0][0] if counts else None


_STANCE = {"reported": "reported", "confirmed": "confirmed", "denied": "denied the other figures and gave",
           "corrected": "corrected"}


def summarise(event: dict[str, Any]) -> str:
    """ACLED-style notes: what happened, where and when, then who claimed how many.

    The CSV layouts have one fatalities figure; the notes keep the disagreement
    (who said what) so that the export loses no claim.
    """
    what = event.get("sub_event_type") or event.get("event_type") or "Event"
    actors = [a for a in (event.get("actor1"), event.get("actor2")) if a]
    who = f" between {actors[0]} and {actors[1]}" if len(actors) == 2 else (f" by {actors[0]}" if actors else "")
    where = ""
    location = event.get("location")
    if location and location.get("name"):
        within = ", ".join(x for x in (location.get("admin1"), location.get("country")) if x and x != location["name"])
        near = {1: "in", 2: "near", 3: "in the area of"}.get(location.get("geo_precision") or 0, "in")
        where = f" {near} {location['name']}" + (f" ({within})" if within else "")
    start, end = event.get("date_start"), event.get("date_end")
    when = f", {start}" if start == end else f", between {start} and {end}"
    parts = [f"{what}{who}{where}{when}."]
    claims = [_claim_phrase(c) for c in event.get("claims") or []]
    if claims:
        parts.append("Claims: " + "; ".join(claims) + ".")
    return " ".join(parts)


def _claim_phrase(claim: dict[str, Any]) -> str:
    if claim.get("kind") == "attribution":
        return f"first attributed to {claim.get('actor') or 'another actor'}, later corrected"
    stance = _STANCE.get(claim.get("stance") or "reported", str(claim.get("stance")))
    low, high = claim.get("low"), claim.get("high")
    figure = "an unknown number" if low is None else (f"{low}" if high in (None, low) else f"{low}-{high}")
    about = f" ({claim['about']})" if claim.get("about") else ""
    said = f"{figure} {claim.get('kind') or 'casualties'}{about}"
    return f"{claim['source']} {stance} {said}" if claim.get("source") else f"{said}, unattributed"
