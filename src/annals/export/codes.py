"""The numeric codes of ACLED and UCDP GED, derived from what annals stores.

Every mapping here is a documented approximation (docs/store.md): annals reads
encyclopedia prose, not the reports the two projects code from.

- ACLED ``time_precision`` (1 day, 2 week, 3 month) from UCDP ``date_prec``
  (1 day; 2 within 2-6 days; 3 within a week to a month; 4 within a year;
  5 over a year): 1 -> 1, 2-3 -> 2, 4-5 -> 3.
- UCDP ``where_prec`` (1 exact place ... 7 international waters) from ACLED
  ``geo_precision`` (1 the place, 2 near it, 3 a region or front): 1 -> 1, 2 -> 2,
  3 -> 4 (a province-sized area), and 6 when the location is the country itself.
- ACLED ``inter`` codes: the events stage's, when the event has them; else from the
  actor's kind: a state's forces are 1 when the
  state is the event's country (else the article's home country), 8 when foreign;
  international forces 8; civilians 7; a non-state group 3 (political militia) when
  it fights on the home government's side, else 2 (rebels). No actor is 0.
- UCDP ``type_of_violence``: 3 (one-sided) for violence against civilians, 1
  (state-based) when a state's forces take part, else 2 (non-state). Events outside
  organised violence (protests, riots, strategic developments) have none.
"""

from __future__ import annotations

from datetime import date

from annals.events.taxonomy import interaction as interaction  # re-exported: every ACLED code from here
from annals.store import ActorInfo, StoredEvent

VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def time_precision(date_precision: int | None) -> int:
    """ACLED time_precision (1-3) from UCDP date_prec (1-5)."""
    if date_precision is None or date_precision <= 1:
        return 1
    return 2 if date_precision <= 3 else 3


def where_precision(geo_precision: int | None, name: str | None, country: str | None) -> int | None:
    """UCDP where_prec (1-7) from ACLED geo_precision (1-3); None without a location."""
    if geo_precision is None and name is None:
        return None
    if name and country and name.strip().lower() == country.strip().lower():
        return 6
    return {1: 1, 2: 2, 3: 4}.get(geo_precision or 3, 4)


def event_date(start: str, end: str) -> str:
    """ACLED's one date for a range: the day itself, else the middle of the range."""
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    return date.fromordinal((first.toordinal() + last.toordinal()) // 2).isoformat()


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """ACLED's disorder_type from the event type (and the two sub-types that straddle)."""
    if sub_event_type == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if event_type == "Protests" or sub_event_type == "Violent demonstration":
        return "Demonstrations"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return "Political violence"


def government_side(item: StoredEvent) -> int | None:
    """The infobox side of the home country's state forces, if the article has one."""
    home = item.event.get("location", {}) or {}
    country = home.get("country") or item.home_country
    for actor in item.actors.values():
        if actor.kind == "state" and actor.country == country and actor.side is not None:
            return actor.side
    return None


def inter_code(actor: ActorInfo | None, country: str | None, side_of_government: int | None) -> int:
    """ACLED inter1/inter2 of one actor in an event located in ``country``."""
    if actor is None:
        return 0
    if actor.kind == "civilian":
        return 7
    if actor.kind == "state":
        return 1 if actor.country is None or country is None or actor.country == country else 8
    if actor.kind == "international":
        return 8
    return 3 if side_of_government is not None and actor.side == side_of_government else 2


def inter_codes(item: StoredEvent) -> tuple[int, int]:
    """(inter1, inter2) of a stored event: the events stage's codes where it gave them
    (it knows each actor's kind in context), else derived here from the stored actors."""
    event = item.event
    country = (event.get("location") or {}).get("country") or item.home_country
    side = government_side(item)
    codes = []
    for number in ("1", "2"):
        given = event.get(f"inter{number}")
        codes.append(int(given) if given is not None else
                     inter_code(item.actor(event.get(f"actor{number}")), country, side))
    return codes[0], codes[1]


def type_of_violence(event_type: str, inter1: int, inter2: int) -> int | None:
    """UCDP's type_of_violence (1 state-based, 2 non-state, 3 one-sided), None outside its scope."""
    if event_type not in VIOLENT_TYPES:
        return None
    if event_type == "Violence against civilians" or 7 in (inter1, inter2):
        return 3
    if {1, 8} & {inter1, inter2}:
        return 1
    return 2


def priogrid(latitude: float | None, longitude: float | None) -> int | None:
    """The PRIO-GRID cell (0.5 degrees; cell 1 at 90S 180W, numbered by row from the south)."""
    if latitude is None or longitude is None:
        return None
    row = min(int((latitude + 90) / 0.5), 359)
    column = min(int((longitude + 180) / 0.5), 719)
    return row * 720 + column + 1
