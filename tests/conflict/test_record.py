from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from annals.conflict import build_conflict, parse_commander, parse_quantity
from annals.document import Document, Span
from annals.pipeline import Pipeline
from annals.read import read_path, read_text


@pytest.mark.parametrize(
    ("text", "name", "status"),
    [
        ("Gen. Ali Muhammad al-HusseinKIA", "Ali Muhammad al-Hussein", "killed"),
        ('"Abu Hussian" Haj Nasser Jamil HadrajKIA', "Haj Nasser Jamil Hadraj", "killed"),
        ("Abu Bakr al-Baghdadi", "Abu Bakr al-Baghdadi", None),
        ("Maj. Gen. Ivan Petrov (POW)", "Ivan Petrov", "captured"),
        ("John SmithWIA", "John Smith", "wounded"),
        ("Colonel Omar Example (executed)", "Omar Example", "executed"),
    ],
)
def test_parse_commander_splits_glued_status(text: str, name: str, status: str | None) -> None:
    assert parse_commander(text) == (name, status)


@pytest.mark.parametrize(
    ("text", "kind", "low", "high"),
    [
        ("400 fighters (al-Shafa area)", None, 400, 400),
        ("Unknown", None, None, None),
        ("1,200–1,500 killed", "killed", 1200, 1500),
        ("138 killed, 12 captured", "killed", 138, 138),
        ("138 killed, 12 captured", "captured", 12, 12),
        ("45 killed, 80 wounded", "wounded", 80, 80),
    ],
)
def test_parse_quantity_reads_low_high(text: str, kind: str | None, low: int | None, high: int | None) -> None:
    quantity = parse_quantity(text, Span(0, len(text)), kind)
    assert quantity is not None
    assert (quantity.low, quantity.high) == (low, high)
    assert quantity.text == text


def test_conflict_record_of_the_seed(seed: Document) -> None:
    record = build_conflict(seed)
    assert record.start_date is not None and record.start_date.isoformat() == "2018-05-22"
    assert record.end_date is not None and record.end_date.isoformat() == "2018-06-11"
    assert record.place == "Deir ez-Zor Governorate, Syria"
    side1, side2 = record.sides
    assert [b.name for b in side1.belligerents] == ["Islamic State"]
    assert [b.name for b in side2.belligerents] == ["Syrian Arab Republic", "Hezbollah"]
    assert [(c.name, c.status) for c in side2.commanders] == [
        ("Ali Muhammad al-Hussein", "killed"), ("Haj Nasser Jamil Hadraj", "killed")]
    assert side1.strength is not None and (side1.strength.low, side1.strength.high) == (400, 400)
    assert side1.killed is not None and side1.killed.low == 138
    assert side2.killed is not None and side2.killed.low == 246
    army = side2.units[0]
    assert army.name == "Syrian Army"
    assert [c.name for c in army.children] == ["11th Tank Division", "9th Division", "Republican Guard", "5th Corps"]
    for span in (*side2.killed.evidence, *side1.strength.evidence):
        assert seed.source[span.start : span.end].isdigit()


def test_conflict_record_from_wikitext(fixtures: Path) -> None:
    record = build_conflict(read_path(fixtures / "river_crossing.wiki"))
    assert record.start_date is not None and record.start_date.isoformat() == "2019-03-02"
    side1, side2 = record.sides
    assert [b.name for b in side1.belligerents] == ["Syria", "Hezbollah"]
    assert ("Example Person", "killed") in [(c.name, c.status) for c in side1.commanders]
    assert side2.killed is not None and (side2.killed.low, side2.killed.high) == (1200, 1500)
    assert side2.captured is not None and side2.captured.low == 30
    assert [c.name for c in side1.units[0].children] == ["4th Armoured Division", "Tiger Forces"]


def conflict_of(seed_text: str) -> tuple[Document, dict[str, Any]]:
    """The document read from a seed-format story and the conflict record built for it."""
    doc = read_text(seed_text, format="seed")
    return doc, Pipeline(use_geo=False)(doc).to_dict()["conflict"]


def test_conflict_record_from_markdown_front_matter(shared: Path) -> None:
    record = build_conflict(read_path(shared / "corpus/wikipedia/syria/battle_of_al-bab.md"))
    assert record.start_date is not None and record.start_date.isoformat() == "2016-11-06"
    assert record.end_date is not None and record.end_date.isoformat() == "2017-02-23"
    names = [b.name for side in record.sides for b in side.belligerents]
    assert "Turkey" in names and "Islamic State of Iraq and the Levant" in names


def test_names_glued_by_stripped_flags_are_split_by_the_lexicon() -> None:
    """"Sham Legion Jund al-Aqsa": two groups the lexicon knows, run together where a flag was."""
    text = "= Invented siege =\n\nInfobox\n- Combatant1: Sham Legion Jund al-Aqsa\n- Combatant2: Syria\n\nText.\n"
    record = build_conflict(read_text(text, format="seed"))
    assert [b.name for b in record.sides[0].belligerents] == ["Sham Legion", "Jund al-Aqsa"]


def test_sides_come_from_the_prose_when_the_infobox_lists_none() -> None:
    """No infobox: the two actors the prose names most are the sides, each with the words
    that name it first as evidence."""
    text = (
        "= Battle of Testville =\n\n== Battle ==\n"
        "On 3 May 2022, Russian forces attacked Testville. Ukrainian troops held the bridge.\n\n"
        "On 5 May, Russian troops withdrew after Ukrainian artillery struck their column.\n"
    )
    doc, record = conflict_of(text)
    sides = {tuple(side["belligerents"]): side["evidence"] for side in record["sides"]}
    assert set(sides) == {("Russia",), ("Ukraine",)}
    first = sides[("Russia",)][0]
    assert doc.source[first["start"] : first["end"]] == "Russian forces"


def test_a_lead_that_names_only_the_start_ends_with_the_last_event() -> None:
    """"The battle began on 3 May 2022" gives no end: the last dated event of the narrative
    does, with its date words as evidence (not the start date again)."""
    text = (
        "= Battle of Testville =\n\nThe Battle of Testville began on 3 May 2022 between Russia and Ukraine.\n\n"
        "== Battle ==\nOn 3 May 2022, Russian forces attacked Testville.\n\n"
        "On 19 May, Ukrainian troops recaptured the town.\n"
    )
    _, record = conflict_of(text)
    assert (record["start_date"], record["end_date"]) == ("2022-05-03", "2022-05-19")


def test_a_lead_that_names_one_day_ends_that_day() -> None:
    """"The attack took place on 8 April 2022" with no later event: a one-day conflict."""
    text = (
        "= Testville station attack =\n\nThe Testville station attack took place on 8 April 2022 in Testland.\n\n"
        "== Attack ==\nOn 8 April 2022, a missile struck the station.\n"
    )
    _, record = conflict_of(text)
    assert (record["start_date"], record["end_date"]) == ("2022-04-08", "2022-04-08")
