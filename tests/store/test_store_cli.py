"""`annals ingest`, `annals search` and `annals export`, run as a user would."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from annals.cli import app
from annals.export.acled import COLUMNS

runner = CliRunner()

STORY = """= Invented hill battle =

Infobox
- Date: 2 July – 4 July 2020
- Place: Idlib Governorate, Syria
- Combatant1: Syrian Arab Republic
- Combatant2: Hay'at Tahrir al-Sham

== Battle ==
On 2 July 2020, HTS fighters attacked an army post near Saraqib. The next day, government forces shelled the hill.
A monitoring group said 5 fighters were killed.
"""


@pytest.fixture()
def story(tmp_path: Path) -> Path:
    path = tmp_path / "hill.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def test_cli_ingest_reports_a_summary_and_is_idempotent(story: Path, tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    first = runner.invoke(app, ["ingest", str(story), "--db", str(db), "--no-geo"])
    assert first.exit_code == 0, first.output
    assert "1 added, 0 unchanged, 0 replaced, 0 failed" in first.stdout
    again = runner.invoke(app, ["ingest", str(story), "--db", str(db), "--no-geo"])
    assert "0 added, 1 unchanged, 0 replaced, 0 failed; 0 events written" in again.stdout


def test_cli_ingest_exits_1_when_a_file_fails(story: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text(" \n")
    result = runner.invoke(app, ["ingest", str(empty), str(story), "--db", str(tmp_path / "a.db"), "--no-geo"])
    assert result.exit_code == 1
    assert "READ-E002" in result.output and "1 added" in result.stdout and "1 failed" in result.stdout


def test_cli_search_shows_title_offsets_and_snippet(story: Path, tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    runner.invoke(app, ["ingest", str(story), "--db", str(db), "--no-geo"])
    result = runner.invoke(app, ["search", "Saraqib", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    hit = json.loads(result.stdout.splitlines()[0])
    assert hit["title"] == "Invented hill battle" and "Saraqib" in hit["snippet"]
    assert "Saraqib" in STORY[hit["start"]:hit["end"]]
    shown = runner.invoke(app, ["search", "Saraqib", "--db", str(db)])
    assert "Invented hill battle" in shown.stdout and f"{hit['start']}-{hit['end']}" in shown.stdout
    missing = runner.invoke(app, ["search", "Saraqib", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "STORE-E001" in missing.output


def test_cli_export_writes_each_format(story: Path, tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    runner.invoke(app, ["ingest", str(story), "--db", str(db), "--no-geo"])
    target = tmp_path / "events.csv"
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "acled", "--output", str(target),
                                 "--from", "2020-07-03", "--type", "Explosions/Remote violence"])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(target)
    assert tuple(table.columns) == COLUMNS
    assert list(table["event_date"]) == ["2020-07-03"]
    lines = runner.invoke(app, ["export", "--db", str(db), "-f", "jsonl", "--actor", "tahrir"]).stdout.splitlines()
    assert lines and all("Hay'at Tahrir al-Sham" in (e["actor1"], e["actor2"]) for e in map(json.loads, lines))
    assert runner.invoke(app, ["export", "--db", str(db), "-f", "parquet"]).exit_code == 1
    assert runner.invoke(app, ["export", "--db", str(db), "-f", "xml"]).exit_code == 2
    bad_date = runner.invoke(app, ["export", "--db", str(db), "-f", "jsonl", "--to", "3 July"])
    assert bad_date.exit_code == 1 and "STORE-E005" in bad_date.output
