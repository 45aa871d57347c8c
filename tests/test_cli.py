"""The command line, run as a user would through Typer's runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annals.cli import app

runner = CliRunner()

STORY = """= Invented clash =

Infobox
- Date: 3 May – 5 May 2021
- Place: Idlib Governorate, Syria
- Combatant1: Syrian Arab Republic
- Combatant2: Hay'at Tahrir al-Sham
- Casualties1: 12 killed

== Fighting ==
On 3 May 2021, HTS fighters attacked an army checkpoint. The next day, government forces recaptured the checkpoint.
Activists reported 7 soldiers were killed.
"""


@pytest.fixture()
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def test_cli_extract_prints_the_contract(story: Path) -> None:
    result = runner.invoke(app, ["extract", str(story), "--format", "json", "--no-geo"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"document", "conflict", "events", "warnings"}
    assert data["conflict"]["start_date"] == "2021-05-03"
    first, second = data["events"][:2]
    assert (first["date_start"], first["actor1"], first["actor2"]) == ("2021-05-03", "Hay'at Tahrir al-Sham",
                                                                      "Syrian Arab Republic")
    assert (second["date_start"], second["sub_event_type"]) == ("2021-05-04", "Government regains territory")
    assert second["fatalities"] == {"low": 7, "best": 7, "high": 7}
    text = story.read_text(encoding="utf-8")
    for event in data["events"]:
        for span in event["evidence"]:
            assert text[span["start"] : span["end"]].strip()


def test_cli_extract_skips_a_bad_file_and_goes_on(story: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = runner.invoke(app, ["extract", str(empty), str(story), "--format", "jsonl", "--no-geo"])
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 1 and json.loads(lines[0])["document"]["path"] == str(story)
    assert "READ-E002" in result.stderr and str(empty) in result.stderr


def test_cli_extract_reads_a_directory(story: Path) -> None:
    result = runner.invoke(app, ["extract", str(story.parent), "--format", "jsonl", "--no-geo"])
    assert result.exit_code == 0
    assert len(result.stdout.strip().splitlines()) == 1


def test_cli_extract_reads_a_directorys_json_timelines_too(story: Path) -> None:
    timeline = story.parent / "timeline_2021.json"
    timeline.write_text(json.dumps({"4 May": [{"event": "Rebels shelled a checkpoint near Saraqib."}]}))
    result = runner.invoke(app, ["extract", str(story.parent), "--format", "jsonl", "--no-geo"])
    assert result.exit_code == 0, result.output
    documents = [json.loads(line) for line in result.stdout.strip().splitlines()]
    timelines = [d for d in documents if d["document"]["path"] == str(timeline)]
    assert len(documents) == 2 and timelines[0]["events"][0]["date_start"] == "2021-05-04"


def test_cli_extract_leaves_other_json_in_a_directory_alone(story: Path) -> None:
    (story.parent / "package.json").write_text(json.dumps({"name": "site", "version": "1.0"}))
    result = runner.invoke(app, ["extract", str(story.parent), "--format", "jsonl", "--no-geo"])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.strip().splitlines()) == 1


def test_cli_extract_rejects_an_unknown_output_format(story: Path) -> None:
    result = runner.invoke(app, ["extract", str(story), "--format", "xml"])
    assert result.exit_code == 2


def test_cli_audit_reports_infobox_and_prose_disagreements(story: Path) -> None:
    result = runner.invoke(app, ["audit", str(story)])
    assert result.exit_code == 0
    assert "warning" in result.stdout


def test_cli_help_explains_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("extract", "eval", "audit", "demo"):
        assert command in result.stdout
