"""load_gold: validation with coded errors, and both evidence forms resolved to offsets."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from annals.errors import EvalError
from annals.evaluate import load_gold, read_article

TEXT = "= Test =\n\nOn 2 May 2021 the militia seized the bridge at Delta. Nothing else happened.\n"
EVENT: dict[str, Any] = {
    "id": "e1",
    "evidence": "the militia seized the bridge at Delta",
    "date_start": "2021-05-02",
    "date_end": "2021-05-02",
    "event_type": "Battles",
    "sub_event_types": ["Non-state actor overtakes territory"],
    "actors_a": ["militia"],
    "actors_b": [""],
    "location": {"name": "Delta", "lat": 34.0, "lon": 40.0},
}
GOLD: dict[str, Any] = {
    "article": "Test",
    "file": "corpus/test/test.txt",
    "conflict": None,
    "events": [EVENT],
}


def write(tmp_path: Path, gold: dict[str, Any] | str) -> tuple[Path, Path]:
    shared = tmp_path / "shared"
    (shared / "corpus" / "test").mkdir(parents=True, exist_ok=True)
    (shared / "corpus" / "test" / "test.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / "gold.json"
    path.write_text(gold if isinstance(gold, str) else json.dumps(gold), encoding="utf-8")
    return path, shared


def test_load_gold_fills_defaults(tmp_path: Path) -> None:
    gold = load_gold(*write(tmp_path, GOLD))
    (event,) = gold.events
    assert event.required is True
    assert event.date_tolerance_days == 0
    assert event.location.tolerance_km == 25.0
    assert event.fatalities is None
    assert gold.conflict is None
    assert gold.path.name == "test.txt"


def test_load_gold_string_and_offset_evidence_agree(tmp_path: Path) -> None:
    by_string = load_gold(*write(tmp_path, GOLD))
    start = TEXT.index(EVENT["evidence"])
    offsets = copy.deepcopy(GOLD)
    offsets["events"][0]["evidence"] = {"start": start, "end": start + len(EVENT["evidence"])}
    by_offsets = load_gold(*write(tmp_path, offsets))
    assert by_string.events[0].evidence == by_offsets.events[0].evidence
    span = by_string.events[0].evidence
    assert read_article(by_string)[span.start : span.end] == EVENT["evidence"]


def test_load_gold_to_dict_is_json(tmp_path: Path) -> None:
    gold = load_gold(*write(tmp_path, GOLD))
    data = json.loads(json.dumps(gold.to_dict()))
    assert data["events"][0]["evidence"] == gold.events[0].evidence.to_dict()


def _set(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(gold: dict[str, Any]) -> None:
        gold["events"][0][key] = value

    return change


def _drop(key: str, *, top: bool = False) -> Callable[[dict[str, Any]], None]:
    def change(gold: dict[str, Any]) -> None:
        del (gold if top else gold["events"][0])[key]

    return change


def _duplicate(gold: dict[str, Any]) -> None:
    gold["events"].append(copy.deepcopy(gold["events"][0]))


def _missing_article(gold: dict[str, Any]) -> None:
    gold["file"] = "corpus/test/nowhere.txt"


def _bad_side(gold: dict[str, Any]) -> None:
    gold["conflict"] = {"sides": [{"side": 1, "belligerents": "Militia"}]}


@pytest.mark.parametrize(
    ("change", "code", "words"),
    [
        (_drop("events", top=True), "EVAL-E001", "'events'"),
        (_drop("file", top=True), "EVAL-E001", "'file'"),
        (_drop("date_end"), "EVAL-E001", "'date_end'"),
        (_drop("location"), "EVAL-E001", "'location'"),
        (_set("date_start", "2 May 2021"), "EVAL-E001", "ISO date"),
        (_set("date_start", "2021-05-03"), "EVAL-E001", "before date_start"),
        (_set("event_type", "Battle"), "EVAL-E001", "'Battle'"),
        (_set("sub_event_types", ["Armed Clash"]), "EVAL-E001", "'Armed Clash'"),
        (_set("sub_event_types", []), "EVAL-E001", "sub_event_types"),
        (_set("actors_a", "militia"), "EVAL-E001", "actors_a"),
        (_set("required", "yes"), "EVAL-E001", "required"),
        (_set("location", {"name": "Delta", "lat": 34.0}), "EVAL-E001", "'lon'"),
        (_set("location", {"lat": 134.0, "lon": 40.0}), "EVAL-E001", "lat/lon"),
        (_set("fatalities", {"low": 5, "high": 2}), "EVAL-E001", "below low"),
        (_set("fatalities", {"low": 5}), "EVAL-E001", "'high'"),
        (_set("date_tolerance_days", -1), "EVAL-E001", "date_tolerance_days"),
        (_duplicate, "EVAL-E001", "used twice"),
        (_bad_side, "EVAL-E001", "belligerents"),
        (_missing_article, "EVAL-E002", "nowhere.txt"),
        (_set("evidence", "the militia blew up the bridge"), "EVAL-E003", "not in the article"),
        (_set("evidence", {"start": 10, "end": 10_000}), "EVAL-E003", "outside the article"),
        (_set("evidence", {"start": 10}), "EVAL-E001", "'end'"),
    ],
)
def test_load_gold_malformed_gives_coded_error(
    tmp_path: Path, change: Callable[[dict[str, Any]], None], code: str, words: str
) -> None:
    gold = copy.deepcopy(GOLD)
    change(gold)
    path, shared = write(tmp_path, gold)
    with pytest.raises(EvalError) as caught:
        load_gold(path, shared)
    assert caught.value.code == code
    assert words in caught.value.reason
    assert caught.value.path == str(path)


@pytest.mark.parametrize("text", ['{"article": ', "[]", ""])
def test_load_gold_bad_json_gives_e001(tmp_path: Path, text: str) -> None:
    path, shared = write(tmp_path, text)
    with pytest.raises(EvalError) as caught:
        load_gold(path, shared)
    assert caught.value.code == "EVAL-E001"


def test_load_gold_names_the_event_at_fault(tmp_path: Path) -> None:
    gold = copy.deepcopy(GOLD)
    second = copy.deepcopy(EVENT)
    second["id"] = "e2"
    del second["actors_b"]
    gold["events"].append(second)
    with pytest.raises(EvalError, match=r"event 'e2' \(#2\) misses the key\(s\) 'actors_b'"):
        load_gold(*write(tmp_path, gold))


def _shared() -> Path:
    root = os.environ.get("ANNALS_SHARED")
    return Path(root) if root else Path(__file__).resolve().parents[2].parent / "shared"


def _gold_files() -> list[Path]:
    """Every gold file we can see: the shared seed gold and the project's own."""
    repo = Path(__file__).resolve().parents[2]
    return sorted([*(_shared() / "gold").glob("*.json"), *(repo / "gold").rglob("*.json")])


@pytest.mark.parametrize("path", _gold_files(), ids=lambda p: p.name)
def test_load_gold_every_gold_file_is_valid(path: Path) -> None:
    if not _shared().is_dir():
        pytest.skip(f"the shared folder is not at {_shared()}")
    gold = load_gold(path, _shared())
    text = read_article(gold)
    assert gold.events
    assert all(0 <= e.evidence.start < e.evidence.end <= len(text) for e in gold.events)
