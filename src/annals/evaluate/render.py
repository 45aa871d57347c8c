"""Scores for people (a rich table) and for programs (JSON).

Each accuracy cell shows the value and the counts behind it, because a 1.00
over 2 pairs and a 1.00 over 200 pairs mean different things.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from rich.table import Table

from annals.evaluate.score import (
    ConflictScores,
    Counts,
    DocumentScore,
    FieldScores,
    Ratio,
    TotalScore,
    total,
)

__all__ = ["format_table", "to_json"]

_FIELDS = ("date", "type", "sub_type", "actors", "location", "fatalities")
_HEADERS = ("date", "type", "subtype", "actors", "location", "fatalities")


def _cell(ratio: Ratio) -> str:
    if ratio.value is None:
        return "–"
    return f"{ratio.value:.2f} ({ratio.numerator}/{ratio.denominator})"


def _row(name: str, counts: Counts, scores: FieldScores, conflict: ConflictScores) -> list[str]:
    return [
        name,
        f"{counts.gold_required}/{counts.gold_total}",
        f"{counts.extracted}",
        f"{counts.precision:.2f}",
        f"{counts.recall:.2f}",
        f"{counts.f1:.2f}",
        *(_cell(getattr(scores, field)) for field in _FIELDS),
        _cell(conflict.all),
    ]


def format_table(scores: Sequence[DocumentScore], summary: TotalScore | None = None) -> Table:
    """One row per article and a micro-averaged total row.

    ``gold`` is required/all gold events: only required events count for recall.
    """
    summary = summary if summary is not None else total(scores)
    table = Table(title="annals eval", show_footer=False)
    table.add_column("article", overflow="fold")
    table.add_column("gold", justify="right")
    table.add_column("extracted", justify="right")
    for header in ("P", "R", "F1", *_HEADERS, "conflict"):
        table.add_column(header, justify="right")
    for score in scores:
        table.add_row(*_row(score.article, score.counts, score.fields, score.conflict))
    table.add_section()
    table.add_row(
        *_row(f"total ({summary.documents})", summary.counts, summary.fields, summary.conflict),
        style="bold",
    )
    return table


def to_json(
    scores: Sequence[DocumentScore], summary: TotalScore | None = None, *, indent: int | None = 2
) -> str:
    """``{"documents": [...], "total": {...}}`` with every pair and miss spelled out."""
    summary = summary if summary is not None else total(scores)
    payload = {"documents": [s.to_dict() for s in scores], "total": summary.to_dict()}
    return json.dumps(payload, indent=indent, ensure_ascii=False)
