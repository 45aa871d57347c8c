"""`annals eval` over the seed gold and the project's dev gold.

The scores are reported (run with -s to see the table), not asserted: this test
checks that every gold file is scored and that the figures are well formed.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from annals.cli import app

REPO = Path(__file__).resolve().parents[1]


def test_eval_scores_every_gold_article(shared: Path) -> None:
    gold = [str(shared / "gold" / "deir_ez-zor_offensive_2018.json"), str(REPO / "gold" / "dev")]
    result = CliRunner().invoke(app, ["eval", *gold, "--shared", str(shared), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    articles = report["articles"]
    assert len(articles) == 1 + len(list((REPO / "gold" / "dev").glob("*.json")))
    for article in articles:
        assert article["counts"]["gold_required"] > 0
        assert 0.0 <= article["f1"] <= 1.0
        assert 0.0 <= article["precision"] <= 1.0 and 0.0 <= article["recall"] <= 1.0
    total = report["total"]
    print("\nannals eval total:", json.dumps({k: total[k] for k in ("precision", "recall", "f1")}))
    table = CliRunner().invoke(app, ["eval", *gold, "--shared", str(shared)])
    print(table.stdout)
