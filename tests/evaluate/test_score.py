"""score_document and total: the rules of gold/FORMAT.md on small golds and on the seed."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest

from annals.evaluate import (
    Gold,
    GoldConflict,
    GoldEvent,
    load_gold,
    read_article,
    score_document,
    total,
)

# Our own narrative, not article text. Alpha, Beta and Gamma are ~60-100 km apart.
TEXT = (
    "= Battle of Testville =\n\n"
    "On 3 March 2020, rebels attacked an army post in Alpha. "
    "Two days later the army shelled Beta. "
    "On 9 March 2020, militants captured Gamma.\n"
    "Observers said the front was quiet afterwards.\n"
)
ALPHA = {"name": "Alpha", "lat": 35.0, "lon": 38.0}
BETA = {"name": "Beta", "lat": 35.5, "lon": 38.5}
GAMMA = {"name": "Gamma", "lat": 36.0, "lon": 39.5}
FAR = {"latitude": 10.0, "longitude": 10.0}
NEAR_ALPHA = {"latitude": 35.05, "longitude": 38.05}  # ~7 km from Alpha

EVENTS: list[dict[str, Any]] = [
    {
        "id": "g1",
        "required": True,
        "evidence": "rebels attacked an army post in Alpha",
        "date_start": "2020-03-03",
        "date_end": "2020-03-03",
        "event_type": "Battles",
        "sub_event_types": ["Armed clash", "Attack"],
        "actors_a": ["Rebels", "Free Army"],
        "actors_b": ["Syrian Army", "army"],
        "location": ALPHA,
        "fatalities": {"low": 3, "high": 5},
    },
    {
        "id": "g2",
        "required": True,
        "evidence": "the army shelled Beta",
        "date_start": "2020-03-05",
        "date_end": "2020-03-05",
        "event_type": "Explosions/Remote violence",
        "sub_event_types": ["Shelling/artillery/missile attack"],
        "actors_a": ["Syrian Army"],
        "actors_b": ["", "Civilians"],
        "location": BETA,
        "fatalities": None,
    },
    {
        "id": "g3",
        "required": False,
        "evidence": "militants captured Gamma",
        "date_start": "2020-03-09",
        "date_end": "2020-03-09",
        "event_type": "Battles",
        "sub_event_types": ["Non-state actor overtakes territory"],
        "actors_a": ["Militants"],
        "actors_b": [],
        "location": GAMMA,
        "fatalities": None,
    },
]
CONFLICT: dict[str, Any] = {
    "start_date": "2020-03-03",
    "end_date": "2020-03-09",
    "place": "Testville",
    "sides": [
        {"side": 1, "belligerents": ["Rebels"], "killed": {"low": 10, "high": 12}},
        {"side": 2, "belligerents": ["Syria", "Allies"], "killed": None},
    ],
}


def write_gold(
    tmp_path: Path, events: list[dict[str, Any]] | None = None, conflict: Any = CONFLICT
) -> Gold:
    shared = tmp_path / "shared"
    (shared / "corpus" / "test").mkdir(parents=True, exist_ok=True)
    (shared / "corpus" / "test" / "testville.txt").write_text(TEXT, encoding="utf-8")
    gold = {
        "article": "Battle of Testville",
        "file": "corpus/test/testville.txt",
        "conflict": conflict,
        "events": EVENTS if events is None else events,
    }
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    return load_gold(path, shared)


def predict(event: GoldEvent, **changes: Any) -> dict[str, Any]:
    """The output-contract event a perfect system would give for ``event``."""
    fatalities = event.fatalities
    predicted: dict[str, Any] = {
        "id": f"p-{event.id}",
        "date_start": event.date_start.isoformat(),
        "date_end": event.date_end.isoformat(),
        "date_precision": 1,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_types[0],
        "actor1": event.actors_a[0] if event.actors_a else None,
        "actor2": event.actors_b[0] or None if event.actors_b else None,
        "assoc_actor_1": [],
        "assoc_actor_2": [],
        "location": {
            "name": event.location.name,
            "latitude": event.location.lat,
            "longitude": event.location.lon,
            "geo_precision": 1,
        },
        "fatalities": {"low": fatalities.low, "best": fatalities.low, "high": fatalities.high}
        if fatalities
        else None,
        "claims": [],
        "evidence": [event.evidence.to_dict()],
    }
    predicted.update(changes)
    return predicted


def predict_conflict(conflict: GoldConflict | None) -> dict[str, Any] | None:
    if conflict is None:
        return None
    return {
        "name": "x",
        "start_date": conflict.start_date.isoformat() if conflict.start_date else None,
        "end_date": conflict.end_date.isoformat() if conflict.end_date else None,
        "sides": [
            {
                "side": side.side,
                "belligerents": list(side.belligerents),
                "killed": {"low": side.killed_low, "high": side.killed_high},
            }
            for side in conflict.sides
        ],
    }


def document(gold: Gold, events: list[dict[str, Any]], conflict: Any = "perfect") -> dict[str, Any]:
    return {
        "document": {"title": gold.article, "path": gold.file, "sha256": "", "format": "plain"},
        "conflict": predict_conflict(gold.conflict) if conflict == "perfect" else conflict,
        "events": events,
        "warnings": [],
    }


def by_id(gold: Gold) -> dict[str, GoldEvent]:
    return {event.id: event for event in gold.events}


def assert_perfect(gold: Gold, text: str) -> None:
    score = score_document(document(gold, [predict(e) for e in gold.events]), gold, text)
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)
    for name, ratio in score.fields.to_dict().items():
        assert ratio["value"] in (1.0, None), name
    for name, ratio in score.conflict.to_dict().items():
        assert ratio["value"] in (1.0, None), name
    assert score.unmatched_gold == ()
    assert score.unmatched_predicted == ()
    assert sorted(p.gold for p in score.pairs) == sorted(e.id for e in gold.events)
    assert all(p.gold == gold.events[p.predicted].id for p in score.pairs)


# --- small synthetic golds ---------------------------------------------------------------


def test_score_document_perfect_prediction_scores_one(tmp_path: Path) -> None:
    gold = write_gold(tmp_path)
    assert_perfect(gold, TEXT)
    score = score_document(document(gold, [predict(e) for e in gold.events]), gold, TEXT)
    assert score.counts.to_dict() == {
        "extracted": 3,
        "extracted_counted": 2,
        "gold_total": 3,
        "gold_required": 2,
        "matched": 3,
        "matched_required": 2,
    }
    assert score.fields.fatalities.denominator == 1  # only g1 has numbers


def test_score_document_missing_event_lowers_recall(tmp_path: Path) -> None:
    gold = write_gold(tmp_path)
    g = by_id(gold)
    score = score_document(document(gold, [predict(g["g2"]), predict(g["g3"])]), gold, TEXT)
    assert score.recall == 0.5
    assert score.precision == 1.0
    assert score.unmatched_gold == ("g1",)


def test_score_document_extra_event_lowers_precision(tmp_path: Path) -> None:
    gold = write_gold(tmp_path)
    g = by_id(gold)
    extra = predict(g["g1"], date_start="2020-04-20", date_end="2020-04-20")
    events = [predict(g["g1"]), predict(g["g2"]), extra]
    score = score_document(document(gold, events), gold, TEXT)
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == 1.0
    assert score.unmatched_predicted == (2,)


@pytest.mark.parametrize("with_neutral", [False, True])
def test_score_document_non_required_pair_is_neutral(tmp_path: Path, with_neutral: bool) -> None:
    gold = write_gold(tmp_path)
    g = by_id(gold)
    events = [predict(g["g1"])] + ([predict(g["g3"])] if with_neutral else [])
    score = score_document(document(gold, events), gold, TEXT)
    assert (score.precision, score.recall) == (1.0, 0.5)
    assert score.counts.extracted_counted == 1
    assert score.counts.matched == 1 + with_neutral


@pytest.mark.parametrize(
    ("tolerance", "date_start", "date_end", "paired", "date_ok"),
    [
        (0, "2020-03-05", "2020-03-05", True, True),
        (0, "2020-03-07", "2020-03-07", False, False),
        (2, "2020-03-07", "2020-03-07", True, True),
        (2, "2020-03-02", "2020-03-02", False, False),
        (0, "2020-03-04", "2020-03-06", True, False),  # range overlaps, start is off
        (0, "2020-03", "2020-03", True, False),  # month precision covers the day
        (0, None, None, False, False),
    ],
)
def test_score_document_date_tolerance(
    tmp_path: Path,
    tolerance: int,
    date_start: str | None,
    date_end: str | None,
    paired: bool,
    date_ok: bool,
) -> None:
    events = copy.deepcopy(EVENTS)
    events[1]["date_tolerance_days"] = tolerance
    gold = write_gold(tmp_path, events)
    event = predict(by_id(gold)["g2"], date_start=date_start, date_end=date_end)
    score = score_document(document(gold, [event]), gold, TEXT)
    assert [p.gold for p in score.pairs] == (["g2"] if paired else [])
    assert score.fields.date.numerator == int(date_ok)


def test_score_document_location_only_match(tmp_path: Path) -> None:
    gold = write_gold(tmp_path)
    event = predict(by_id(gold)["g1"], evidence=[{"start": 0, "end": 5}])  # the title
    event["location"].update(NEAR_ALPHA)
    score = score_document(document(gold, [event]), gold, TEXT)
    (pair,) = score.pairs
    assert (pair.gold, pair.provenance, pair.location) == ("g1", False, True)
    assert pair.distance_km is not None and pair.distance_km < 10


def test_score_document_provenance_only_match(tmp_path: Path) -> None:
    gold = write_gold(tmp_path)
    g1 = by_id(gold)["g1"]
    # a span elsewhere in the gold sentence, not the evidence itself
    sentence_start = TEXT.index("On 3 March 2020")
    event = predict(g1, evidence=[{"start": sentence_start, "end": sentence_start + 15}])
    event["location"].update(FAR)
    score = score_document(document(gold, [event]), gold, TEXT)
    (pair,) = score.pairs
    assert (pair.gold, pair.provenance, pair.location) == ("g1", True, False)
    assert score.fields.location.value == 0.0


def test_score_document_needs_provenance_or_location(tmp_path: Path) -> None:
    gold = write_gold(tmp_path)
    event = predict(by_id(gold)["g1"], evidence=[{"start": 0, "end": 5}])
    event["location"].update(FAR)
    score = score_document(document(gold, [event]), gold, TEXT)
    assert score.pairs == ()
    assert score.precision == 0.0


@pytest.mark.parametrize(
    ("gold_id", "actor1", "actor2", "expected"),
    [
        ("g1", "Rebels", "Syrian Army", True),
        ("g1", "Syrian Army", "Rebels", True),  # either order
        ("g1", "free  ARMY", "army", True),  # case and spacing
        ("g1", "Rebels", "Syrian Army units", False),  # whole names only
        ("g1", "Rebels", None, False),  # no "" in the gold list
        ("g2", "Syrian Army", None, True),  # "" accepts no named target
        ("g2", "Syrian Army", "", True),
        ("g2", None, "Syrian Army", True),
        ("g3", "Militants", None, True),  # empty actors_b list, one-sided
        ("g3", "Militants", "Rebels", False),
    ],
)
def test_score_document_actors_either_order(
    tmp_path: Path, gold_id: str, actor1: str | None, actor2: str | None, expected: bool
) -> None:
    gold = write_gold(tmp_path)
    event = predict(by_id(gold)[gold_id], actor1=actor1, actor2=actor2)
    score = score_document(document(gold, [event]), gold, TEXT)
    assert score.fields.actors.numerator == int(expected)
    assert score.fields.actors.denominator == 1


@pytest.mark.parametrize(
    ("gold_id", "fatalities", "expected"),
    [
        ("g1", {"low": 3, "best": 4, "high": 5}, (1, 1)),
        ("g1", {"low": 3, "best": 5, "high": 5.0}, (1, 1)),
        ("g1", {"low": 4, "best": 4, "high": 5}, (0, 1)),
        ("g1", {"low": 3, "best": 3, "high": None}, (0, 1)),
        ("g1", None, (0, 1)),
        ("g2", {"low": 9, "best": 9, "high": 9}, (0, 0)),  # gold gives no number
    ],
)
def test_score_document_fatalities(
    tmp_path: Path, gold_id: str, fatalities: dict[str, Any] | None, expected: tuple[int, int]
) -> None:
    gold = write_gold(tmp_path)
    event = predict(by_id(gold)[gold_id], fatalities=fatalities)
    score = score_document(document(gold, [event]), gold, TEXT)
    fat = score.fields.fatalities
    assert (fat.numerator, fat.denominator) == expected


@pytest.mark.parametrize(
    ("field", "value", "ratio"),
    [
        ("event_type", "Battles", "type"),
        ("sub_event_type", "Attack", "sub_type"),
    ],
)
def test_score_document_type_and_sub_type(
    tmp_path: Path, field: str, value: str, ratio: str
) -> None:
    gold = write_gold(tmp_path)
    g = by_id(gold)
    right = predict(g["g1"], **{field: value})
    wrong = predict(g["g2"], **{field: value})
    score = score_document(document(gold, [right, wrong]), gold, TEXT)
    result = getattr(score.fields, ratio)
    assert (result.numerator, result.denominator) == (1, 2)


def test_score_document_maximum_matching_beats_greedy(tmp_path: Path) -> None:
    # Two gold events on the same day; the first prediction could take either,
    # the second only the first gold event. Greedy in listing order pairs 1.
    events = copy.deepcopy(EVENTS[:2])
    events[1]["date_start"] = events[1]["date_end"] = "2020-03-03"
    gold = write_gold(tmp_path, events)
    g = by_id(gold)
    both = predict(g["g1"], location={"latitude": BETA["lat"], "longitude": BETA["lon"]})
    only_first = predict(g["g1"])
    only_first["location"].update(FAR)
    score = score_document(document(gold, [both, only_first]), gold, TEXT)
    assert sorted((p.predicted, p.gold) for p in score.pairs) == [(0, "g2"), (1, "g1")]
    assert score.recall == 1.0


def test_score_document_prefers_provenance_then_required(tmp_path: Path) -> None:
    events = copy.deepcopy(EVENTS)
    for event in events:
        event["date_start"] = event["date_end"] = "2020-03-03"
    events[2]["location"] = ALPHA
    gold = write_gold(tmp_path, events)
    g = by_id(gold)
    at_alpha = {"latitude": ALPHA["lat"], "longitude": ALPHA["lon"]}
    # cites g3's sentence (non-required) and lies in Alpha (g1): the citation wins
    event = predict(g["g3"])
    event["location"].update(at_alpha)
    score = score_document(document(gold, [event]), gold, TEXT)
    assert [(p.gold, p.provenance) for p in score.pairs] == [("g3", True)]
    # cites nothing, lies in Alpha (g1 required, g3 not): the required event wins
    event = predict(g["g3"], evidence=[{"start": 0, "end": 5}])
    event["location"].update(at_alpha)
    score = score_document(document(gold, [event]), gold, TEXT)
    assert [p.gold for p in score.pairs] == ["g1"]
    # g1's values but citing g2's sentence: provenance beats agreeing fields
    event = predict(g["g1"], evidence=[g["g2"].evidence.to_dict()])
    score = score_document(document(gold, [event]), gold, TEXT)
    assert [(p.gold, p.provenance) for p in score.pairs] == [("g2", True)]


def test_score_document_tolerates_malformed_predictions(tmp_path: Path) -> None:
    gold = write_gold(tmp_path)
    junk: list[Any] = [
        "not an event",
        {},
        {"date_start": "soon", "location": {"latitude": "x"}, "evidence": [{"start": -1}]},
    ]
    score = score_document(document(gold, [*junk, predict(by_id(gold)["g1"])]), gold, TEXT)
    assert score.counts.extracted == 4
    assert [p.predicted for p in score.pairs] == [3]
    assert score.unmatched_predicted == (0, 1, 2)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {},
            {"start_date": 1, "end_date": 1, "belligerents": 2, "killed_low": 1, "killed_high": 1},
        ),
        (
            {"start_date": "2020-03-04", "end_date": "2020-03"},
            {"start_date": 0, "end_date": 0, "belligerents": 2, "killed_low": 1, "killed_high": 1},
        ),
        (
            {"swap_numbers": True},
            {"start_date": 1, "end_date": 1, "belligerents": 2, "killed_low": 1, "killed_high": 1},
        ),
        (
            {"drop": "Allies", "killed": {"low": 10, "high": 15}},
            {"start_date": 1, "end_date": 1, "belligerents": 1, "killed_low": 1, "killed_high": 0},
        ),
    ],
)
def test_score_document_conflict_record(
    tmp_path: Path, change: dict[str, Any], expected: dict[str, int]
) -> None:
    gold = write_gold(tmp_path)
    conflict = predict_conflict(gold.conflict)
    assert conflict is not None
    conflict["sides"][1]["belligerents"].append("Volunteers")  # extras are not penalised
    conflict.update({k: v for k, v in change.items() if k.endswith("_date")})
    if change.get("swap_numbers"):
        conflict["sides"][0]["side"], conflict["sides"][1]["side"] = 2, 1
        conflict["sides"].reverse()
    if "drop" in change:
        conflict["sides"][1]["belligerents"].remove(change["drop"])
    if "killed" in change:
        conflict["sides"][0]["killed"] = change["killed"]
    score = score_document(document(gold, [], conflict=conflict), gold, TEXT)
    assert {k: v["numerator"] for k, v in score.conflict.to_dict().items()} == expected
    denominators = {k: v["denominator"] for k, v in score.conflict.to_dict().items()}
    assert denominators == {
        "start_date": 1,
        "end_date": 1,
        "belligerents": 2,
        "killed_low": 1,
        "killed_high": 1,
    }
    if "drop" in change:
        assert [s.missing for s in score.sides] == [(), ("Allies",)]


def test_score_document_conflict_missing_from_prediction(tmp_path: Path) -> None:
    gold = write_gold(tmp_path)
    score = score_document(document(gold, [], conflict=None), gold, TEXT)
    assert score.conflict.all.numerator == 0
    assert score.conflict.all.denominator == 6
    assert all(s.predicted_side is None for s in score.sides)


def test_score_document_no_gold_conflict_scores_nothing(tmp_path: Path) -> None:
    gold = write_gold(tmp_path, conflict=None)
    score = score_document(document(gold, []), gold, TEXT)
    assert score.conflict.all.denominator == 0


def test_total_micro_averages(tmp_path: Path) -> None:
    gold = write_gold(tmp_path)
    g = by_id(gold)
    perfect = score_document(document(gold, [predict(e) for e in gold.events]), gold, TEXT)
    extra = predict(g["g1"], date_start="2021-01-01", date_end="2021-01-01")
    partial = score_document(document(gold, [predict(g["g1"]), extra]), gold, TEXT)
    summary = total([perfect, partial])
    assert summary.documents == 2
    assert summary.counts.matched_required == 3
    assert summary.precision == pytest.approx(3 / 4)  # (2 + 1) / (2 + 2)
    assert summary.recall == pytest.approx(3 / 4)  # (2 + 1) / (2 + 2)
    assert summary.fields.date.denominator == 4
    assert summary.to_dict()["counts"]["extracted"] == 5


def test_total_of_nothing_is_empty() -> None:
    summary = total([])
    assert summary.documents == 0
    assert summary.counts.extracted == 0
    assert summary.fields.date.value is None


# --- the seed gold -----------------------------------------------------------------------

SEED_GOLD = "gold/deir_ez-zor_offensive_2018.json"


@pytest.fixture(scope="module")
def seed() -> tuple[Gold, str]:
    root = os.environ.get("ANNALS_SHARED")
    shared = Path(root) if root else Path(__file__).resolve().parents[2].parent / "shared"
    if not (shared / SEED_GOLD).is_file():
        pytest.skip(f"the shared folder with {SEED_GOLD} is not at {shared}")
    gold = load_gold(shared / SEED_GOLD, shared)
    return gold, read_article(gold)


def test_score_document_seed_perfect_prediction(seed: tuple[Gold, str]) -> None:
    gold, text = seed
    assert_perfect(gold, text)


def test_score_document_seed_missing_event_lowers_recall(seed: tuple[Gold, str]) -> None:
    gold, text = seed
    events = [predict(e) for e in gold.events if e.id != "e01"]
    score = score_document(document(gold, events), gold, text)
    required = sum(1 for e in gold.events if e.required)
    assert score.recall == pytest.approx((required - 1) / required)
    assert score.precision == 1.0
    assert score.unmatched_gold == ("e01",)


def test_score_document_seed_extra_event_lowers_precision(seed: tuple[Gold, str]) -> None:
    gold, text = seed
    events = [predict(e) for e in gold.events]
    events.append(predict(gold.events[0], date_start="2018-08-01", date_end="2018-08-01"))
    score = score_document(document(gold, events), gold, text)
    required = sum(1 for e in gold.events if e.required)
    assert score.precision == pytest.approx(required / (required + 1))
    assert score.recall == 1.0
    assert score.unmatched_predicted == (len(events) - 1,)


def test_score_document_seed_same_sentence_events_keep_their_places(
    seed: tuple[Gold, str],
) -> None:
    # e04 and e05 share one sentence; listed in reverse they must still pair by place.
    gold, text = seed
    g = by_id(gold)
    score = score_document(document(gold, [predict(g["e05"]), predict(g["e04"])]), gold, text)
    assert sorted((p.predicted, p.gold) for p in score.pairs) == [(0, "e05"), (1, "e04")]
    assert score.fields.location.value == 1.0
