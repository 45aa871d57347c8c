"""conflict stage: the infobox normalised into one ``ConflictRecord``.

Every value keeps the source span of the infobox text it came from.
"""

from annals.conflict.record import (
    Commander,
    ConflictRecord,
    Named,
    Quantity,
    Side,
    Unit,
    build_conflict,
    parse_commander,
    parse_quantity,
    with_dates,
    with_sides,
)

__all__ = [
    "Commander",
    "ConflictRecord",
    "Named",
    "Quantity",
    "Side",
    "Unit",
    "build_conflict",
    "parse_commander",
    "parse_quantity",
    "with_dates",
    "with_sides",
]
