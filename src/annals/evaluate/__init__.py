"""evaluate stage: score extracted events against gold files (gold/FORMAT.md).

``load_gold`` validates a gold file, ``score_document`` pairs one document's
events with the gold and measures them, ``total`` micro-averages documents, and
``format_table`` / ``to_json`` present the result.
"""

from annals.evaluate.gold import Gold, GoldConflict, GoldEvent, GoldSide, load_gold, read_article
from annals.evaluate.matching import maximum_matching
from annals.evaluate.render import format_table, to_json
from annals.evaluate.score import (
    ConflictScores,
    Counts,
    DocumentScore,
    FieldScores,
    Pair,
    Ratio,
    SideCheck,
    TotalScore,
    haversine_km,
    score_document,
    total,
)

__all__ = [
    "ConflictScores",
    "Counts",
    "DocumentScore",
    "FieldScores",
    "Gold",
    "GoldConflict",
    "GoldEvent",
    "GoldSide",
    "Pair",
    "Ratio",
    "SideCheck",
    "TotalScore",
    "format_table",
    "haversine_km",
    "load_gold",
    "maximum_matching",
    "read_article",
    "score_document",
    "to_json",
    "total",
]
