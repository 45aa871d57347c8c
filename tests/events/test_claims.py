from __future__ import annotations

import pytest

from annals.conflict import build_conflict
from annals.document import Span
from annals.events.claims import find_claims, rollup
from annals.mentions.actors import ActorFinder
from annals.read import read_text

INFOBOX = """= Invented battle =

Infobox
- Date: 1 May – 9 May 2020
- Place: Idlib Governorate, Syria
- Combatant1: Syrian Arab Republic
- Combatant2: Islamic State

"""


def claims_of(sentence: str) -> list[tuple[str, int | None, int | None, str | None, str | None, str]]:
    doc = read_text(INFOBOX + sentence + "\n", format="seed")
    actors = ActorFinder()(doc, build_conflict(doc))
    span = doc.sentences[0].span
    found = find_claims(doc.text, span, actors.within(span), [])
    return [(c.kind, c.low, c.high, c.about, c.source, c.stance) for c in found]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Activists reported between 12 and 15 soldiers were killed, including 4 officers.",
         [("killed", 12, 15, "Syrian Arab Republic", "Activists", "reported")]),
        ("The fighting left 7 soldiers, 3 militiamen and 2 civilians dead.",
         [("killed", 12, 12, "Syrian Arab Republic", None, "reported")]),
        ("The army denied this and put the number of dead at 5 soldiers.",
         [("killed", 5, 5, "Syrian Arab Republic", "The army", "denied")]),
        ("An airstrike hit the market, killing 9 civilians and wounding 20 others.",
         [("killed", 9, 9, "Civilians", None, "reported"), ("wounded", 20, 20, None, None, "reported")]),
        ("According to the monitor, twenty-five militants died.",
         [("killed", 25, 25, "Islamic State", "the monitor", "reported")]),
        ("The rebels advanced 12 km and captured 3 villages.", []),
        ("Dozens of soldiers were killed.", []),
    ],
)
def test_find_claims_reads_figures_sources_and_stances(sentence: str, expected: list[object]) -> None:
    assert claims_of(sentence) == expected


def test_rollup_disagreeing_claims_give_low_and_high_and_groups_add() -> None:
    doc = read_text(INFOBOX + "Activists said 26 to 30 soldiers were killed. The army put the number of dead at "
                    "16 soldiers. Officials reported 43 militants were killed.\n", format="seed")
    actors = ActorFinder()(doc, build_conflict(doc))
    claims = [c for s in doc.sentences for c in find_claims(doc.text, s.span, actors.within(s.span), [])]
    assert rollup(claims) == (59, 59, 73)


def test_rollup_adds_an_additional_figure_for_the_same_group() -> None:
    """"69 militants were killed, with an additional 78 militants killed by airstrikes": 147
    dead, not two counts of one toll."""
    doc = read_text(INFOBOX + "At least 69 militants were reportedly killed in the clashes, with an additional "
                    "78 militants killed by airstrikes.\n", format="seed")
    actors = ActorFinder()(doc, build_conflict(doc))
    claims = [c for s in doc.sentences for c in find_claims(doc.text, s.span, actors.within(s.span), [])]
    assert [c.source for c in claims] == [None, None]  # "were reportedly killed" names no source
    assert rollup(claims) == (147, 147, 147)


def test_rollup_lists_count_each_group_and_sources_disagree_per_group() -> None:
    doc = read_text(INFOBOX + "Officials said 17 Russian soldiers and 3 Ukrainian soldiers were killed, while the "
                    "Russian defence ministry said that 9 of its soldiers had died.\n", format="seed")
    actors = ActorFinder()(doc, build_conflict(doc))
    span = doc.sentences[0].span
    from annals.events.assemble import split_clauses

    claims = [c for part in split_clauses(doc.text, span) for c in find_claims(doc.text, part, actors.within(part), [])]
    assert rollup(claims) == (12, 12, 20)


def test_find_claims_skips_numbers_that_are_dates() -> None:
    doc = read_text(INFOBOX + "On 3 May 4 soldiers were killed.\n", format="seed")
    actors = ActorFinder()(doc, build_conflict(doc))
    span = doc.sentences[0].span
    date_at = doc.text.index("3 May")
    found = find_claims(doc.text, span, actors.within(span), [Span(date_at, date_at + 5)])
    assert [(c.low, c.high) for c in found] == [(4, 4)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a kill word does not reach across "while" to the next figure
        ("Six soldiers were killed while no less than 40 were injured.",
         [("killed", 6, 6, "Syrian Arab Republic", None, "reported"), ("wounded", 40, 40, None, None, "reported")]),
        ("The remains of seven soldiers killed in 2012 were found at the base.", []),  # an old toll
        # ... however far the year comes after the number
        ("The remains of seven soldiers of the local garrison brigade and of the militia that had held the "
         "town, killed in 2012, were found at the base.", []),
        ("The bodies of 13 civilians were pulled from the rubble.",
         [("killed", 13, 13, "Civilians", None, "reported")]),
        ("A tank opened fire on the car, killing both passengers.", [("killed", 2, 2, "Civilians", None, "reported")]),
        ("Both were killed by a sniper.", [("killed", 2, 2, None, None, "reported")]),
        ("Clashes killed both civilians and fighters.", []),  # "both X and Y" is no count
        ("Both sides claimed to have killed hundreds.", []),
        ("The death toll of 2000 was confirmed.", [("killed", 2000, 2000, None, None, "reported")]),
        ("Rebels murdered 4 aid workers.", [("killed", 4, 4, "Civilians", None, "reported")]),
        # one person, told by the title or the verb
        ("A drone strike killed the senior ISIL commander for the southern front, Abu Omar.",
         [("killed", 1, 1, "Islamic State", None, "reported")]),
        ("A local council member was killed in the shelling.", [("killed", 1, 1, None, None, "reported")]),
        ("Witnesses said a captured militant had been tortured to death.",
         [("killed", 1, 1, None, "Witnesses", "reported")]),
        ("The militants beheaded a teacher in the square.", [("killed", 1, 1, None, None, "reported")]),
        ("A sniper killed the commander's driver.", []),  # not the commander
        ("The raid killed 8 soldiers at the cost of 12 militants.",
         [("killed", 8, 8, "Syrian Arab Republic", None, "reported"),
          ("killed", 12, 12, "Islamic State", None, "reported")]),
        ("The bombers blew themselves up, killing a total of 12 people.",
         [("killed", 12, 12, "Civilians", None, "reported")]),
        # a part of a figure told before is no toll of its own; "11 of them" is the whole
        ("More than 160 of those executed were FSA fighters.", []),
        ("A bomber attacked the soldiers, killing 11 of them.", [("killed", 11, 11, None, None, "reported")]),
        # an execution of prisoners is their death, not their capture
        ("The group announced the execution of 30-40 prisoners.", [("killed", 30, 40, None, "The group", "reported")]),
        # as many dead as names; nations are not names
        ("A missile hit the tank, killing Vasko, Petrenko and Shevchuk.", [("killed", 3, 3, None, None, "reported")]),
        ("The strike killed Russians.", []),
        ("The town was 40% destroyed, and 132 civilians were found shot.",
         [("killed", 132, 132, "Civilians", None, "reported")]),
        # survivors are no toll; an officer who died is one dead
        ("Of the 80 soldiers in the column, only 3 wounded men survived.", []),
        ("Militia officer Petro Vasko died in battle near the town.", [("killed", 1, 1, None, None, "reported")]),
        # the named one and the others with him; two one-person deaths joined by "and"
        ("Commander Abu Hamza and four others were killed by an airstrike.",
         [("killed", 5, 5, None, None, "reported")]),
        ("Troops killed a journalist and an ambulance driver near the bridge.",
         [("killed", 2, 2, None, None, "reported")]),
        ("Shelling killed a civilian and a soldier was wounded.", [("killed", 1, 1, None, None, "reported")]),
        ("In general, most of the wounded died in hospital.", []),  # "general" is no officer here
        ("In Bakhmut Raion, three soldiers and four others were killed.",  # no named one: seven
         [("killed", 7, 7, "Syrian Arab Republic", None, "reported")]),
        # "17 of those killed" is a part of a toll told before; "the 3000 apartments" is a place, no count
        ("At least 17 of those killed were fighters; one, who led raids at the 3000 apartments, was killed.", []),
        # bodies and the buried are dead; bodies of water are not, nor a part of the bodies counted
        ("Residents buried 67 people in a mass grave behind the church.",
         [("killed", 67, 67, "Civilians", None, "reported")]),
        ("A reporter saw at least twenty bodies of civilians, with two of the bodies bound.",
         [("killed", 20, 20, "Civilians", None, "reported")]),
        ("The strike spilled 1,600 tons of fuel into bodies of water.", []),
        # a named one with an appositive, and the kin killed with him
        ("A drone strike killed Ivan Petrenko, the owner of a mill, along with his wife.",
         [("killed", 2, 2, None, None, "reported")]),
        ("Samir Haddad, a teacher who had joined the militia, was later killed by shelling.",
         [("killed", 1, 1, None, None, "reported")]),
        ("Omar Khalil, born in the town, died in the battle.", [("killed", 1, 1, None, None, "reported")]),
        ("Idlib, a city of 100,000, was shelled again.", []),
        # an aside left unclosed before its verb, and a figure in quotes
        ("The army said eleven militants, including two commanders were killed in the raid.",
         [("killed", 11, 11, "Islamic State", "The army", "reported")]),
        ('Air raids in one week alone had killed "more than 500" civilians.',
         [("killed", 500, 500, "Civilians", None, "reported")]),
    ],
)
def test_find_claims_more_ways_to_count_the_dead(sentence: str, expected: list[object]) -> None:
    assert claims_of(sentence) == expected
