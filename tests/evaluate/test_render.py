"""format_table and to_json over real scores."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich.console import Console

from annals.evaluate import DocumentScore, format_table, load_gold, score_document, to_json

TEXT = "= Test =\n\nOn 2 May 2021 the militia seized the bridge at Delta.\n"
GOLD: dict[str, Any] = {
    "article": "Test of Delta",
    "file": "test.txt",
    "conflict": None,
    "events": [
        {
            "id": "e1",
            "evidence": "the militia seized the bridge at Delta",
            "date_start": "2021-05-02",
            "date_end": "2021-05-02",
            "event_type": "Battles",
            "sub_event_types": ["Non-state actor overtakes territory"],
            "actors_a": ["militia"],
            "actors_b": [""],
            "location": {"name": "Delta", "lat": 34.0, "lon": 40.0},
            "fatalities": {"low": 1, "high": 1},
        }
    ],
}
PREDICTED: dict[str, Any] = {
    "document": {},
    "conflict": None,
    "events": [
        {
            "date_start": "2021-05-02",
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "actor1": "Militia",
            "actor2": None,
            "location": {"latitude": 34.0, "longitude": 40.0},
            "fatalities": None,
            "evidence": [{"start": 24, "end": 30}],
        }
    ],
    "warnings": [],
}


def _score(tmp_path: Path) -> DocumentScore:
    (tmp_path / "test.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    gold = load_gold(tmp_path / "gold.json", tmp_path)
    return score_document(PREDICTED, gold, TEXT)


def test_format_table_has_a_row_per_article_and_a_total(tmp_path: Path) -> None:
    score = _score(tmp_path)
    console = Console(record=True, width=250)
    console.print(format_table([score, score]))
    out = console.export_text()
    assert out.count("Test of Delta") == 2
    assert "total (2)" in out
    assert "0.00 (0/2)" in out  # sub-type and fatalities wrong in the total
    assert "1.00 (2/2)" in out
    for header in ("gold", "extracted", "F1", "subtype", "actors", "location", "fatalities"):
        assert header in out


def test_to_json_holds_documents_and_total(tmp_path: Path) -> None:
    score = _score(tmp_path)
    data = json.loads(to_json([score]))
    assert data["total"]["counts"]["matched"] == 1
    (document,) = data["documents"]
    assert document["pairs"][0]["gold"] == "e1"
    assert document["fields"]["sub_type"] == {"numerator": 0, "denominator": 1, "value": 0.0}
    assert document["fields"]["fatalities"]["value"] == 0.0
    assert document["f1"] == 1.0
