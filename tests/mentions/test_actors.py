"""Actor mentions on our own sentences: names, generic words, sides."""

from __future__ import annotations

import pytest

from annals.conflict import build_conflict
from annals.mentions.actors import ActorFinder
from annals.read import read_text

SIDES = ["Syrian Arab Republic, , Russia", "Islamic State of Iraq and the Levant (ISIL) Jund al-Aqsa"]


def actors_in(sentence: str) -> list[tuple[str, str, int | None]]:
    """The actor mentions of ``sentence`` in an invented Idlib article (``mentions_under``)."""
    return mentions_under("Idlib Governorate, Syria", SIDES, sentence)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Russian troops entered the town.", [("Russian troops", "Russia", 1)]),
        ("Russian drone strikes hit the depot.", [("Russian drone strikes", "Russia", 1)]),
        # one person or a group of people with no arms name civilians
        ("A man was killed in the shelling.", [("A man", "Civilians", None)]),
        ("The shell hit a bus, killing both passengers.", [("passengers", "Civilians", None)]),
        # a state's army by its full name or acronym, and capitalised words between
        ("The Syrian Arab Army and the SAA's Tiger Forces advanced.",
         [("Syrian Arab Army", "Syrian Arab Republic", 1), ("SAA", "Syrian Arab Republic", 1),
          ("Tiger Forces", "Syrian Arab Republic", 1)]),
        ("The IDF struck a convoy, and the TAF shelled a village.",
         [("IDF", "Israel Defense Forces", None), ("TAF", "Turkish Armed Forces", None)]),
        # a state's military objects name the state, as a target mostly
        ("Another Russian ammunition depot was destroyed.", [("Russian ammunition depot", "Russia", 1)]),
        ("Shells hit a Russian command post.", [("Russian command post", "Russia", 1)]),
        ("American, British and French planes struck.",
         [("American, British and French planes", "United States", None)]),
        ("ISIL attacked the checkpoint.", [("ISIL", "Islamic State of Iraq and the Levant", 2)]),
        ("Jund al-Aqsa fighters withdrew.", [("Jund al-Aqsa", "Jund al-Aqsa", 2)]),
        ("Government forces shelled the militants.",
         [("Government forces", "Syrian Arab Republic", 1),
          ("the militants", "Islamic State of Iraq and the Levant", 2)]),
        # every country, with its demonym, not only the curated ones; short forms name the country
        ("Canadian and Dutch jets struck.", [("Canadian and Dutch jets", "Canada", None)]),
        ("The US carried out air strikes.", [("US", "United States", None)]),
        # the coalition by its full official name, however it is written
        ("US-led coalition jets struck the bridge.",
         [("US-led coalition", "Combined Joint Task Force – Operation Inherent Resolve", None)]),
        # "Coalition" alone is that coalition; the Syrian opposition's National Coalition is another body
        ("Coalition airstrikes hit the bridge.",
         [("Coalition", "Combined Joint Task Force – Operation Inherent Resolve", None)]),
        ("The Syrian National Coalition condemned the shelling.",
         [("Syrian National Coalition", "National Coalition for Syrian Revolutionary and Opposition Forces", None)]),
        ("The Syrian Army and ISIL clashed in eastern Syria.",
         [("Syrian Army", "Syrian Arab Republic", 1), ("ISIL", "Islamic State of Iraq and the Levant", 2)]),
        # a nation's people stand for its forces; a military administration is a civil office, not an actor
        ("The Russians looted the shops.", [("Russians", "Russia", 1)]),
        ("Iraqis and Syrians crossed the border.", [("Iraqis", "Iraq", None), ("Syrians", "Syrian Arab Republic", 1)]),
        ("The head of the military administration said ISIL withdrew.",
         [("ISIL", "Islamic State of Iraq and the Levant", 2)]),
        ("Army units moved out of the base.", [("Army units", "Syrian Arab Republic", 1)]),
        # singular attack nouns and "war" planes name their state as well
        ("A Russian airstrike hit the market.", [("Russian airstrike", "Russia", 1)]),
        ("Turkish war planes attacked the column.", [("Turkish war planes", "Turkey", None)]),
        # recurrent Syrian and Iraqi armed groups under any of their names
        ("Faylaq al-Sham fighters and the Zenki Movement attacked.",
         [("Faylaq al-Sham", "Sham Legion", None), ("Zenki Movement", "Nour al-Din al-Zenki Movement", None)]),
        ("Kataib Hezbollah flew in 50 fighters.", [("Kataib Hezbollah", "Kata'ib Hezbollah", None)]),
        # a group holding or leading: "ISIL-held villages", "YPG-led forces"
        ("The army shelled ISIL-held villages.",
         [("The army", "Syrian Arab Republic", 1), ("ISIL", "Islamic State of Iraq and the Levant", 2)]),
        ("YPG-led forces took the dam.", [("YPG", "People's Protection Units", None)]),
        # a weapon's model between the demonym and the noun
        ("Russian BM-21 Grad vehicles fired into the village.", [("Russian BM-21 Grad vehicles", "Russia", 1)]),
        ("Russian multiple rocket launchers hit the school.", [("Russian multiple rocket launchers", "Russia", 1)]),
        # a currency names no actor; a group backed by a side's state takes that side
        ("ISIL looted goods worth 2 million US dollars.", [("ISIL", "Islamic State of Iraq and the Levant", 2)]),
        ("Russian-backed Hezbollah fighters stormed the hill.", [("Hezbollah fighters", "Hezbollah", 1)]),
    ],
)
def test_actor_mentions_resolve_to_the_infobox_sides(sentence: str, expected: list[object]) -> None:
    assert actors_in(sentence) == expected


def test_generic_rebels_are_the_sides_lead_group() -> None:
    """With no belligerent called "rebels", "the rebels" are the first group the infobox lists
    for the non-government side, whichever coalition that is."""
    head = (
        "= Invented siege =\n\nInfobox\n- Place: Idlib Governorate, Syria\n"
        "- Combatant1: Army of Conquest, Al-Nusra Front, Free Syrian Army\n"
        "- Combatant2: Syrian Arab Republic\n\n"
    )
    doc = read_text(head + "On 9 May the rebels stormed the airbase.\n", format="seed")
    found = ActorFinder()(doc, build_conflict(doc))
    assert [(m.text, m.actor.name) for m in found.mentions] == [("the rebels", "Army of Conquest")]


def test_islamic_state_of_iraq_is_a_group_not_the_iraqi_state() -> None:
    head = (
        "= Invented battle =\n\nInfobox\n- Place: Raqqa, Syria\n"
        "- Combatant1: Ahrar ash-Sham, Islamic State of Iraq\n- Combatant2: Syrian Arab Republic\n\n"
    )
    doc = read_text(head + "The town fell.\n", format="seed")
    sides = ActorFinder()(doc, build_conflict(doc)).sides
    assert [(a.name, a.kind) for a in sides[1]] == [
        ("Ahrar ash-Sham", "nonstate"),
        ("Islamic State of Iraq", "nonstate"),
    ]


def test_infobox_variant_spelling_takes_the_groups_usual_name() -> None:
    """"Islamic State in Iraq and the Levant" is a variant of the lexicon's "Islamic State of Iraq
    and the Levant": one group keeps one long name across articles; names the lexicon lists
    as they are keep their spelling."""
    head = (
        "= Invented offensive =\n\nInfobox\n- Place: Nineveh Governorate, Iraq\n"
        "- Combatant1: Iraq\n- Combatant2: Islamic State in Iraq and the Levant\n\n"
    )
    doc = read_text(head + "The town fell.\n", format="seed")
    sides = ActorFinder()(doc, build_conflict(doc)).sides
    assert [a.name for a in sides[2]] == ["Islamic State of Iraq and the Levant"]


def mentions_under(place: str, sides: list[str], sentence: str) -> list[tuple[str, str, int | None]]:
    """The actor mentions of ``sentence`` in an article whose infobox gives ``place`` and ``sides``."""
    infobox = "".join(f"- Combatant{n}: {side}\n" for n, side in enumerate(sides, start=1))
    doc = read_text(f"= Invented battle =\n\nInfobox\n- Place: {place}\n{infobox}\n{sentence}\n", format="seed")
    return [(m.text, m.actor.name, m.actor.side) for m in ActorFinder()(doc, build_conflict(doc)).mentions]


def test_a_group_takes_the_side_of_the_larger_actor_the_infobox_lists() -> None:
    """The infobox names Rojava; the YPG, its armed force, fights on Rojava's side."""
    found = mentions_under("Raqqa Governorate, Syria", ["Rojava", "Islamic State of Iraq and the Levant"],
                           "The YPG captured two villages from ISIL.")
    assert found == [("YPG", "Rojava", 1), ("ISIL", "Islamic State of Iraq and the Levant", 2)]


def test_the_rebels_are_the_side_of_the_group_called_rebels() -> None:
    """Three sides: the SDF is named first, but "the rebels" are the side of the Syrian
    National Army (which the lexicon knows as "Turkish-backed rebels")."""
    sides = ["Syrian Democratic Forces", "Islamic State of Iraq and the Levant", "Turkey, Syrian National Army"]
    found = mentions_under("Aleppo Governorate, Syria", sides, "The rebels seized two farms.")
    assert found == [("The rebels", "Syrian National Army", 3)]


def test_a_group_the_lexicon_knows_fights_beside_a_state_takes_its_side() -> None:
    """The infobox lists Russia and Ukraine only; the LPR fights beside Russia."""
    found = mentions_under("Luhansk Oblast, Ukraine", ["Russia", "Ukraine"],
                           "The LPR announced that fighting for the town had begun.")
    assert found == [("LPR", "Luhansk People's Republic", 1)]


def test_sides_from_prose_are_not_two_allies() -> None:
    """No infobox: Russia and the DPR are named most, but they fight on one side; the other
    side is Ukraine, and the DPR, an ally named twice, joins Russia's side as a belligerent."""
    text = ("= Invented battle =\n\nRussian forces and the DPR attacked the suburb. Russian forces shelled it again. "
            "The DPR claimed the village. Ukraine said its troops held the line. Russian forces withdrew.\n")
    doc = read_text(text, format="seed")
    found = ActorFinder()(doc, build_conflict(doc))
    assert {n: [a.name for a in members] for n, members in found.sides.items()} == {
        1: ["Russia", "Donetsk People's Republic"], 2: ["Ukraine"]}
    assert {m.actor.name: m.actor.side for m in found.mentions}["Donetsk People's Republic"] == 1


def test_sides_from_prose_take_a_states_army_and_its_name_as_one() -> None:
    """No infobox: "the SAA" is named most and "Syrian forces" next; both are Syria, so the
    other side is ISIL, and "Syrian forces" joins the SAA's side under its name."""
    text = ("= Invented battle =\n\nThe SAA shelled the village. The SAA attacked it again. The SAA advanced. "
            "Syrian forces claimed the hill. ISIL counterattacked.\n")
    doc = read_text(text, format="seed")
    found = ActorFinder()(doc, build_conflict(doc))
    assert {n: [a.name for a in members] for n, members in found.sides.items()} == {
        1: ["Syrian Arab Army"], 2: ["Islamic State"]}
    assert [(m.text, m.actor.name, m.actor.side) for m in found.mentions][-2:] == [
        ("Syrian forces", "Syrian Arab Army", 1), ("ISIL", "Islamic State", 2)]


def test_an_ally_named_once_does_not_join_a_side_from_prose() -> None:
    text = ("= Invented battle =\n\nRussian forces attacked the suburb. Russian forces shelled it again. "
            "The LPR claimed a village. Ukraine said its troops held the line. Ukrainian troops counterattacked.\n")
    doc = read_text(text, format="seed")
    found = ActorFinder()(doc, build_conflict(doc))
    assert {n: [a.name for a in members] for n, members in found.sides.items()} == {1: ["Russia"], 2: ["Ukraine"]}


@pytest.mark.parametrize("sentence", ["The occupying troops looted the shops.", "The invaders shelled the town."])
def test_the_occupiers_are_the_state_fighting_the_countrys_own(sentence: str) -> None:
    """In Kyiv Oblast the government is Ukraine's; "the occupiers" are the other side's state."""
    found = mentions_under("Kyiv Oblast, Ukraine", ["Ukraine", "Russia"], sentence)
    assert [(name, side) for _, name, side in found] == [("Russia", 2)]
