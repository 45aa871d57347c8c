"""Event assembly on our own narratives and on the seed article."""

from __future__ import annotations

from typing import Any

import pytest

from annals.document import Document
from annals.pipeline import Pipeline
from annals.read import read_text

HEAD = """= Invented offensive =

Infobox
- Date: 1 June – 20 June 2019
- Place: Hama Governorate, Syria
- Combatant1: Syrian Arab Republic
- Combatant2: Hay'at Tahrir al-Sham

== Offensive ==
"""


@pytest.fixture(scope="module")
def runner() -> Pipeline:
    return Pipeline(use_geo=False)


def events(runner: Pipeline, body: str, head: str = HEAD) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = runner(read_text(head + body + "\n", format="seed")).to_dict()["events"]
    return result


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("On 3 June, the army planned to attack the town.", []),
        ("On 3 June, rebels did not attack the town.", []),
        ("Shelling of the town continued through the rest of June.", []),  # a state of the war, no event
        ("On 3 June, HTS attacked an army post. On 5 June, government forces recaptured the post.",
         [("2019-06-03", "Armed clash"), ("2019-06-05", "Government regains territory")]),
        ("On 3 June, HTS captured the village.", [("2019-06-03", "Non-state actor overtakes territory")]),
        ("On 4 June, Russian jets struck the town of Kafr Zita.", [("2019-06-04", "Air/drone strike")]),
        ("On 4 June, the army shelled rebel positions.", [("2019-06-04", "Shelling/artillery/missile attack")]),
        ("On 6 June, HTS fighters withdrew from the hill.", [("2019-06-06", "Non-violent transfer of territory")]),
        # taking back, cutting a road, an operation, beginning to shell, pushing back; flight is no event
        ("On 7 June, HTS took an army checkpoint, but government forces took it back the next day.",
         [("2019-06-07", "Non-state actor overtakes territory"), ("2019-06-08", "Government regains territory")]),
        ("On 9 June, HTS fighters cut the highway south of the town.", [("2019-06-09", "Armed clash")]),
        ("On 10 June, the army launched an operation to clear the hills.", [("2019-06-10", "Armed clash")]),
        ("On 11 June, government troops began to shell the village.",
         [("2019-06-11", "Shelling/artillery/missile attack")]),
        ("On 12 June, the army pushed HTS fighters back to the river.", [("2019-06-12", "Armed clash")]),
        ("On 12 June, many families left their homes, fearing an HTS takeover of the district.", []),
        ("On 13 June, the monitor reported that 7,000 people had fled the town over the past month.", []),
        # days told phrase by phrase after one action: one event a day; a flashback is no second day
        ("Government forces shelled the market on 14 June and the school on 16 June.",
         [("2019-06-14", "Shelling/artillery/missile attack"), ("2019-06-16", "Shelling/artillery/missile attack")]),
        ("On 17 June, the army recaptured the village, which HTS had taken on 15 June.",
         [("2019-06-17", "Government regains territory")]),
    ],
)
def test_events_typed_and_dated(runner: Pipeline, body: str, expected: list[tuple[str, str]]) -> None:
    assert [(e["date_start"], e["sub_event_type"]) for e in events(runner, body)] == expected


def test_events_continuation_joins_the_event_it_tells_more_of(runner: Pipeline) -> None:
    found = events(runner, "On 3 June, HTS attacked an army convoy. The ensuing clashes left 9 soldiers dead.")
    assert len(found) == 1
    assert found[0]["fatalities"] == {"low": 9, "best": 9, "high": 9}
    assert len(found[0]["evidence"]) == 2


def test_events_correction_gives_the_corrected_actor(runner: Pipeline) -> None:
    found = events(runner, "On 7 June, an airstrike hit a depot. The airstrike was initially blamed on Turkey, "
                           "but it was later found that it was carried out by Russia.")
    assert found[0]["actor1"] == "Russia"
    assert any(c["kind"] == "attribution" and c["stance"] == "corrected" for c in found[0]["claims"])


@pytest.fixture(scope="module")
def seed_events(seed: Document) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = Pipeline(use_geo=False)(seed).to_dict()["events"]
    return result


def test_seed_first_attack_has_disputed_toll(seed: Document, seed_events: list[dict[str, Any]]) -> None:
    first = seed_events[0]
    assert first["date_start"] == "2018-05-22"
    assert (first["actor1"], first["actor2"]) == ("Islamic State", "Syrian Arab Republic")
    assert (first["fatalities"]["low"], first["fatalities"]["high"]) == (16, 30)
    evidence = seed.source[first["evidence"][0]["start"] : first["evidence"][0]["end"]]
    assert evidence.startswith("On 22 May 2018, ISIL launched an attack")


def test_seed_convoy_attack_adds_up_the_lists(seed_events: list[dict[str, Any]]) -> None:
    convoy = seed_events[1]
    assert convoy["date_start"] == "2018-05-23"
    assert convoy["fatalities"]["low"] == 78 and convoy["fatalities"]["high"] == 78


def test_seed_dates_chain_through_the_narrative(seed_events: list[dict[str, Any]]) -> None:
    dates = [e["date_start"] for e in seed_events]
    for expected in ("2018-05-26", "2018-06-04", "2018-06-05", "2018-06-08", "2018-06-09", "2018-06-11",
                     "2018-06-17", "2018-06-18"):
        assert expected in dates
    withdrawal = next(e for e in seed_events if e["date_start"] == "2018-06-11")
    assert withdrawal["event_type"] == "Strategic developments"


def test_seed_airstrike_is_israeli_with_52_dead(seed_events: list[dict[str, Any]]) -> None:
    strike = next(e for e in seed_events if e["sub_event_type"] == "Air/drone strike")
    assert strike["actor1"] == "Israel"
    assert strike["fatalities"]["low"] == 52


def test_taxonomy_every_acled_sub_type_has_a_plover_mapping() -> None:
    from annals.events.taxonomy import ACLED_TYPES, plover

    for sub_types in ACLED_TYPES.values():
        for sub_type in sub_types:
            event_type, _ = plover(sub_type)
            assert event_type, sub_type
    assert plover("Air/drone strike") == ("FIGHT", "aerial")


def test_events_without_a_known_place_fall_back_to_the_town_the_story_centres_on(pipeline: Pipeline) -> None:
    story = """= Invented battle of Qaryat Example =

Infobox
- Date: 1 June – 9 June 2019
- Place: Hama Governorate, Syria

== Battle ==
On 1 June, rebels attacked army posts near Qaryat Example, 20 km from Salamiyah.

On 3 June, the army shelled Qaryat Example from its bases around Salamiyah.

On 5 June, rebels captured Qaryat Example.
"""
    found = pipeline(read_text(story, format="seed")).to_dict()["events"]
    last = found[-1]
    assert last["date_start"] == "2019-06-05"
    assert last["location"]["name"] == "Salamiyah"
    assert last["location"]["geo_precision"] == 3
    evidence = last["location"]["evidence"][0]
    assert story[evidence["start"] : evidence["end"]].endswith("Salamiyah")


def test_events_a_date_before_the_subject_is_not_a_casualty_count(runner: Pipeline) -> None:
    found = events(runner, "On 3 June 2019, HTS fighters attacked an army post. 12 soldiers were killed in an ambush.")
    assert found[0]["actor1"] == "Hay'at Tahrir al-Sham"


def test_events_a_verb_after_a_definite_subject_is_a_new_action(runner: Pipeline) -> None:
    """"the military recaptured" is an action told here, not a reference back to one."""
    body = (
        "On 8 June, HTS overran four army posts on the road.\n\n"
        "Throughout the morning, the military recaptured two of the posts."
    )
    assert [(e["date_start"], e["sub_event_type"]) for e in events(runner, body)] == [
        ("2019-06-08", "Non-state actor overtakes territory"),
        ("2019-06-08", "Government regains territory"),
    ]


def test_events_each_village_taken_is_its_own_event(runner: Pipeline) -> None:
    """Two villages the gazetteer may not know, taken the same day, are two events."""
    body = (
        "On 9 June, the army captured the nearby village of Al-Hamra. "
        "At the same time, government forces advancing from the north seized Tell Abu Shams."
    )
    found = events(runner, body)
    text = HEAD + body
    told = [text[e["evidence"][0]["start"] : e["evidence"][0]["end"]] for e in found]
    assert [e["sub_event_type"] for e in found] == ["Government regains territory"] * 2
    assert "Al-Hamra" in told[0] and "Tell Abu Shams" in told[1]


@pytest.mark.parametrize(
    "body",
    [
        "On 7 June, 12 HTS fighters were killed in government airstrikes.",  # the counted dead are the target
        "On 8 June, the army shelled the town.",  # no target named: the other side of a two-sided war
    ],
)
def test_events_remote_violence_targets_the_other_side(runner: Pipeline, body: str) -> None:
    (event,) = events(runner, body)
    assert event["event_type"] == "Explosions/Remote violence"
    assert (event["actor1"], event["actor2"]) == ("Syrian Arab Republic", "Hay'at Tahrir al-Sham")


@pytest.mark.parametrize(
    ("body", "actors"),
    [
        # "shelling of X positions": X is the target, the other side fired
        ("On 10 June, shelling of government positions went on all day.",
         ("Hay'at Tahrir al-Sham", "Syrian Arab Republic")),
        ("On 11 June, reports told of executions of civilians by HTS fighters.",
         ("Hay'at Tahrir al-Sham", "Civilians")),
        ("On 12 June, the hospital was shelled, with residents blaming HTS.",
         ("Hay'at Tahrir al-Sham", "Civilians")),
        # "clashes erupted between A and B": A, then B
        ("On 13 June, clashes erupted between Ahrar al-Sham and HTS in the town.",
         ("Ahrar al-Sham", "Hay'at Tahrir al-Sham")),
    ],
)
def test_events_the_agent_after_a_nominal_or_passive_action(
    runner: Pipeline, body: str, actors: tuple[str, str]
) -> None:
    (event,) = events(runner, body)
    assert (event["actor1"], event["actor2"]) == actors


def test_conflict_without_infobox_dates_spans_its_dated_events(runner: Pipeline) -> None:
    text = (
        "= Invented battle =\n\nThe battle was fought for the town.\n\n== Battle ==\n"
        "On 3 June 2019, rebels attacked the town. On 9 June 2019, the army recaptured it.\n"
    )
    record = runner(read_text(text, format="seed")).to_dict()["conflict"]
    assert (record["start_date"], record["end_date"]) == ("2019-06-03", "2019-06-09")
    spans = [text[s["start"] : s["end"]] for s in (*record["evidence"]["start_date"], *record["evidence"]["end_date"])]
    assert spans == ["3 June 2019", "9 June 2019"]


def test_events_a_passive_subject_is_the_target(runner: Pipeline) -> None:
    (event,) = events(runner, "On 9 June, HTS positions were also bombed.")
    assert (event["actor1"], event["actor2"]) == ("Syrian Arab Republic", "Hay'at Tahrir al-Sham")


@pytest.mark.parametrize(
    ("body", "typed", "dead"),
    [
        # "four deaths, including one killed when rockets hit the market": the strike killed one
        ("On 10 June, the mayor reported four civilian deaths, including one killed when government forces "
         "fired rockets into the market.", "Shelling/artillery/missile attack", (1, 1)),
        # "The attack was repelled but left eight dead" is the car bomb's toll, not a new battle
        ("On 9 June, two HTS suicide bombers blew themselves up at an army checkpoint. "
         "The attack was repelled but left 2 soldiers and 6 HTS fighters dead.", "Suicide bomb", (8, 8)),
    ],
)
def test_events_one_events_own_toll(runner: Pipeline, body: str, typed: str, dead: tuple[int, int]) -> None:
    (event,) = events(runner, body)
    assert event["sub_event_type"] == typed
    assert (event["fatalities"]["low"], event["fatalities"]["high"]) == dead


def test_events_casualty_section_figure_goes_to_the_only_event_of_its_kind(runner: Pipeline) -> None:
    body = (
        "On 12 June, government jets carried out airstrikes on HTS positions.\n\n"
        "== Casualties ==\n"
        "Estimates put HTS losses at 30 killed by ground troops, and at least 45 killed by airstrikes."
    )
    (event,) = events(runner, body)
    assert event["sub_event_type"] == "Air/drone strike"
    assert (event["fatalities"]["low"], event["fatalities"]["high"]) == (45, 45)
    text = HEAD + body + "\n"
    assert any("45 killed by airstrikes" in text[s["start"] : s["end"]] for s in event["evidence"])


def test_events_casualty_section_figure_for_several_events_is_left_out(runner: Pipeline) -> None:
    body = (
        "On 12 June, government jets carried out airstrikes on HTS positions. "
        "On 14 June, government jets carried out airstrikes on the town.\n\n"
        "== Casualties ==\nAt least 45 fighters were killed by airstrikes."
    )
    assert [e["fatalities"]["low"] for e in events(runner, body)] == [None, None]


@pytest.mark.parametrize(
    ("body", "typed"),
    [
        ("On 13 June, the mayor surrendered the town to HTS.", ("Non-violent transfer of territory", None)),
        ("On 14 June, a civilian car was shot at near the checkpoint.", ("Attack", "Civilians")),
        ("On 15 June, government jets reportedly killed a senior HTS commander.", ("Air/drone strike", None)),
    ],
)
def test_events_more_ways_to_say_an_action(runner: Pipeline, body: str, typed: tuple[str, str | None]) -> None:
    (event,) = events(runner, body)
    assert event["sub_event_type"] == typed[0]
    if typed[1] is not None:
        assert event["actor2"] == typed[1]


def test_events_a_titled_person_killed_counts_one_dead(runner: Pipeline) -> None:
    (event,) = events(runner, "On 15 June, government jets reportedly killed a senior HTS commander.")
    assert (event["fatalities"]["low"], event["fatalities"]["high"]) == (1, 1)


def test_events_the_lead_does_not_set_the_year_of_the_body(runner: Pipeline) -> None:
    """A lead that recalls an earlier year ("broken in April 2013") must not date the
    body's year-less days; the infobox and the body's own dates do."""
    text = (
        "= Invented siege =\n\nInfobox\n- Date: 4 April – 15 December 2014\n- Place: Idlib Governorate, Syria\n"
        "- Combatant1: Free Syrian Army\n- Combatant2: Syrian Arab Republic\n\n"
        "An earlier siege of the base was broken in April 2013 by the army.\n\n"
        "== Background ==\nOn 5 March 2014, rebels launched an offensive in the province.\n\n"
        "== Siege ==\nOn 4 April, rebels captured the village.\n"
    )
    found = runner(read_text(text, format="seed")).to_dict()["events"]
    assert "2014-04-04" in [e["date_start"] for e in found]
    assert all(e["date_start"].startswith("2014") for e in found)


def test_events_destroying_a_structure_is_property_destruction(runner: Pipeline) -> None:
    (event,) = events(runner, "On 16 June, after taking the post, HTS fighters destroyed the checkpoint.")
    assert (event["event_type"], event["sub_event_type"]) == ("Strategic developments", "Looting/property destruction")


def test_events_an_attack_on_civilians_is_not_more_of_the_battle(runner: Pipeline) -> None:
    body = "On 17 June, HTS fighters attacked an army post in the town. A civilian car was shot at nearby."
    assert [e["sub_event_type"] for e in events(runner, body)] == ["Armed clash", "Attack"]


def test_events_a_passive_target_after_an_attacker_keeps_that_attacker(runner: Pipeline) -> None:
    """"Russian jets struck the town. HTS positions were also bombed.": the same jets, not
    the side's lead (the Syrian government) by default."""
    head = HEAD.replace("- Combatant1: Syrian Arab Republic", "- Combatant1: Syrian Arab Republic, Russia")
    body = "On 18 June, Russian jets struck the town. HTS positions were also bombed."
    found = events(runner, body, head)
    assert [(e["actor1"], e["actor2"]) for e in found] == [("Russia", "Hay'at Tahrir al-Sham")]


@pytest.mark.parametrize(
    ("body", "actors"),
    [
        # a strength figure or "of" still names the agent
        ("On 9 June, 200 HTS fighters attacked the army post.", ("Hay'at Tahrir al-Sham", "Syrian Arab Republic")),
        ("On 9 June, fighters of HTS attacked the army post.", ("Hay'at Tahrir al-Sham", "Syrian Arab Republic")),
        ("On 9 June, a new offensive of the Syrian Army began.", ("Syrian Arab Republic", "Hay'at Tahrir al-Sham")),
        # the passive's own subject is the target, not an actor of an earlier clause part
        ("On 9 June, as HTS fighters advanced on the hill, army positions were shelled.",
         ("Hay'at Tahrir al-Sham", "Syrian Arab Republic")),
        # an implied attacker of a bombing in a market gets no invented target
        ("On 8 June, a car bomb exploded in the market.", ("Hay'at Tahrir al-Sham", None)),
    ],
)
def test_events_agents_and_targets_in_harder_wording(runner: Pipeline, body: str, actors: tuple[str, str]) -> None:
    (event,) = events(runner, body)
    assert (event["actor1"], event["actor2"]) == actors


def test_events_an_adjective_participle_is_no_new_action(runner: Pipeline) -> None:
    body = "On 3 June, HTS attacked an army post. The heavily shelled town had been emptied of civilians."
    assert len(events(runner, body)) == 1


def test_events_without_infobox_dates_the_lead_still_sets_the_year(runner: Pipeline) -> None:
    text = (
        "= Invented battle =\n\nThe battle was fought in May 2015 for the town.\n\n"
        "== Background ==\nIn March 2014 protests began. On 5 August 2014 the army left the area.\n\n"
        "== Battle ==\nOn 4 May, rebels attacked the town. On 9 May, the army recaptured it.\n"
    )
    extraction = runner(read_text(text, format="seed")).to_dict()
    assert [e["date_start"] for e in extraction["events"] if e["date_start"] >= "2015"] == ["2015-05-04", "2015-05-09"]
    # the conflict spans the body's own dated events, not the background's
    assert (extraction["conflict"]["start_date"], extraction["conflict"]["end_date"]) == ("2015-05-04", "2015-05-09")


def test_events_strikes_on_civilian_infrastructure_name_no_armed_target(runner: Pipeline) -> None:
    """Power stations are civilian property: the target is Civilians, not the rebels."""
    body = "On 11 June, government forces carried out missile strikes on power stations in the city."
    (event,) = events(runner, body)
    assert (event["actor1"], event["actor2"]) == ("Syrian Arab Republic", "Civilians")


def test_events_after_the_fighting_in_an_aftermath_is_the_week_after_the_story(runner: Pipeline) -> None:
    """No infobox date: "After the occupation, ..." in the aftermath is dated to the week after
    the last event told, as a range (the text gives no day)."""
    text = (
        "= Invented battle =\n\nThe town was fought over in June 2019.\n\n"
        "== Battle ==\nOn 3 June 2019, rebels attacked the town. On 9 June 2019, the army recaptured it.\n\n"
        "== Aftermath ==\n"
        "After the occupation of the town, five civilians were killed by booby traps left by the rebels.\n"
    )
    found = runner(read_text(text, format="seed")).to_dict()["events"]
    last = found[-1]
    assert (last["date_start"], last["date_end"]) == ("2019-06-09", "2019-06-15")
    assert (last["fatalities"]["low"], last["fatalities"]["high"]) == (5, 5)


@pytest.mark.parametrize(
    ("body", "dead"),
    [
        # An aside between the count and the verb does not hide what is counted.
        ("On 15 June, 21 rebels (including a defected officer and a battalion commander) and a number of "
         "army soldiers were reportedly killed in clashes around the town.", 21),
        ("On 15 June, 21 rebels (including 3 officers) were killed in clashes around the town.", 21),
        # An assassination is an event, and one death.
        ("On 16 June, a commander of an HTS battalion was assassinated by unknown gunmen.", 1),
    ],
)
def test_events_counts_behind_asides_and_assassinations(runner: Pipeline, body: str, dead: int) -> None:
    (event,) = events(runner, body)
    assert event["fatalities"]["low"] == dead


@pytest.mark.parametrize(
    ("body", "typed"),
    [
        ("On 10 June, the village of Tell Sukkar was occupied by HTS.", "Non-state actor overtakes territory"),
        ("On 10 June, HTS occupied the village of Tell Sukkar.", "Non-state actor overtakes territory"),
        ("On 11 June, an army unit neutralized the HTS fighters at the crossroads.", "Armed clash"),
        ("On 12 June, the government air force attacked the town.", "Air/drone strike"),
        ("On 13 June, a bomb-laden drone hit an army patrol.", "Air/drone strike"),
        # An air raid alarm is not an air raid: the shelling is the action.
        ("On 14 June, residents heard an air raid alarm as the army began shelling the town.",
         "Shelling/artillery/missile attack"),
    ],
)
def test_events_occupied_neutralized_air_forces_and_alarms(runner: Pipeline, body: str, typed: str) -> None:
    (event,) = events(runner, body)
    assert event["sub_event_type"] == typed


def test_events_bodies_retrieved_from_rubble_are_not_a_recapture(runner: Pipeline) -> None:
    body = "On 8 June, government jets struck the town. Five people were retrieved from the debris."
    assert [e["sub_event_type"] for e in events(runner, body)] == ["Air/drone strike"]


@pytest.mark.parametrize(
    ("body", "dead", "wounded", "fatal"),
    [
        ("On 15 June, a local man died getting into an abandoned truck that had been mined.", 1, None, 1),
        # wounded counted and no dead: no deaths reported, 0 as ACLED codes it
        ("On 16 June, HTS fired two rockets on the town, leaving eight civilians injured.", None, 8, 0),
        ("On 17 June, a 37-year-old volunteer from the town was wounded when the army shelled it.", None, None, None),
        ("On 18 June, 8 civilians, including 2 children, were killed when the army shelled the road.", 8, None, 8),
        ("On 19 June, HTS fighters shot at a car, killing American journalist John Doe and injuring two others.",
         1, 2, 1),
    ],
)
def test_events_one_person_ages_and_leaving_wounded(
    runner: Pipeline, body: str, dead: int | None, wounded: int | None, fatal: int | None
) -> None:
    (event,) = events(runner, body)
    assert event["fatalities"]["low"] == fatal
    claims = {c["kind"]: c["low"] for c in event.get("claims", [])}
    assert claims.get("wounded") == wounded
    assert claims.get("killed") == dead


def test_events_storming_is_an_assault_not_a_capture(runner: Pipeline) -> None:
    body = "On 20 June, HTS fighters stormed the army defences but were driven back."
    assert [e["sub_event_type"] for e in events(runner, body)] == ["Armed clash"]


def test_events_unnamed_aircraft_in_a_civil_war_fly_for_the_government(runner: Pipeline) -> None:
    body = "On 21 June, HTS fighters took the village. On 22 June, air strikes on the village left 14 people dead."
    strike = events(runner, body)[-1]
    assert (strike["sub_event_type"], strike["actor1"]) == ("Air/drone strike", "Syrian Arab Republic")


def test_events_one_action_at_listed_towns_is_one_event_per_town(pipeline: Pipeline) -> None:
    """ACLED codes one event per place: "shelled Kafr Zita, Morek and Khan Shaykhun" is three."""
    body = "On 23 June, government forces shelled Kafr Zita, Morek and Khan Shaykhun."
    found = events(pipeline, body)
    assert [e["sub_event_type"] for e in found] == ["Shelling/artillery/missile attack"] * 3
    assert [e["location"]["name"] for e in found] == ["Kafr Zita", "Morek", "Khan Shaykhun"]


def test_events_each_listed_town_takes_the_action_told_just_before_it(pipeline: Pipeline) -> None:
    """"an offensive in Morek and Kafr Zita, with fierce shelling in Kafr Nabudah and Khan
    Shaykhun": the towns named after the shelling were shelled, not stormed."""
    body = ("On 23 June, a major offensive took place in Morek and Kafr Zita, with fierce shelling taking place "
            "in Kafr Nabudah and Khan Shaykhun.")
    typed = {e["location"]["name"]: e["sub_event_type"] for e in events(pipeline, body)}
    assert typed["Kafr Nabudah"] == typed["Khan Shaykhun"] == "Shelling/artillery/missile attack"


def test_events_the_attack_was_repelled_ends_the_attack_told_before(runner: Pipeline) -> None:
    """"Still, the attack was eventually repelled" tells how the car bomb attack ended: no new clash."""
    body = ("On 10 June, HTS shelled army positions near the town. A suicide car bomb then struck a checkpoint. "
            "Still, the attack was eventually repelled by the army.")
    assert [e["sub_event_type"] for e in events(runner, body)] == ["Suicide bomb"]


def test_events_days_told_phrase_by_phrase_keep_their_own_places(pipeline: Pipeline) -> None:
    """"recaptured Morek on 14 June, Kafr Zita on 15 June and Suran on 16 June": three
    events, each on its day at its town."""
    body = "Government forces recaptured Morek on 14 June, Kafr Zita on 15 June and Suran on 16 June."
    found = events(pipeline, body)
    assert [(e["date_start"], e["location"]["name"]) for e in found] == [
        ("2019-06-14", "Morek"), ("2019-06-15", "Kafr Zita"), ("2019-06-16", "Suran")]


def test_events_villages_the_gazetteer_lacks_in_a_list_get_their_own_events(pipeline: Pipeline) -> None:
    """"for Sukkariyeh, Tell Bazzam and Morek": the two villages the gazetteer lacks are
    placed at Morek, the town of the list it knows, with geo_precision 2 and their own names."""
    body = "On 24 June, fighting intensified for the villages of Sukkariyeh, Tell Bazzam and especially Morek."
    found = events(pipeline, body)
    assert [e["location"]["name"] for e in found] == ["Sukkariyeh", "Tell Bazzam", "Morek"]
    assert [e["location"]["geo_precision"] for e in found] == [2, 2, 1]
    assert len({(e["location"]["latitude"], e["location"]["longitude"]) for e in found}) == 1


def test_events_a_road_connecting_two_towns_is_one_place(pipeline: Pipeline) -> None:
    """"Recaptured the highway connecting Khan Shaykhun and Morek": one road, one event, on
    the line between the towns (not one event at each end)."""
    body = "On 26 June, government forces recaptured the highway connecting Khan Shaykhun and Morek."
    (event,) = events(pipeline, body)
    assert event["location"]["name"] == "Khan Shaykhun–Morek"
    assert event["location"]["geo_precision"] == 3


@pytest.mark.parametrize(("body", "place"), [
    ("On 15 June, YPG fighters took the village of Qarmash, south of Tell Abyad, "
     "joining the Kurdish-held enclaves of Kobani and Cizire.", "Tell Abyad"),
    ("On 3 May, rebels seized Qarmash, east of Azaz, linking the two rebel pockets of Marea and Kafr Kalbin.",
     "Azaz"),
])
def test_events_the_areas_an_advance_links_are_not_where_it_happened(
    pipeline: Pipeline, body: str, place: str
) -> None:
    """"Took X, south of Y, linking the pockets of A and B": one capture, placed by Y; the two
    areas the advance joins are no list of places acted on."""
    (event,) = events(pipeline, body)
    assert event["location"]["name"] == place


def test_events_a_stretch_between_several_towns_is_one_event(pipeline: Pipeline) -> None:
    """"Attacks on the line between Kafr Zita, Morek and Khan Shaykhun": one front, not an
    attack at each town."""
    body = "On 28 June, rebels attacked the army line between Kafr Zita, Morek and Khan Shaykhun."
    assert len(events(pipeline, body)) == 1


@pytest.mark.parametrize(("body", "count"), [
    # a stretch between towns is one place
    ("On 26 June, fighting broke out between Khan Shaykhun, Morek and Kafr Zita.", 1),
    # "13 June," is a date, not "13 clashes": one clash in two parts of provinces
    ("On 13 June, clashes erupted in northern Hama and southern Idlib.", 1),
    # "3 separate airstrikes" are several ("separate" is no month)
    ("On 5 June, 3 separate airstrikes hit Morek as well as Kafr Zita.", 2),
    # "a column of trucks 12 miles long" is one column: a length is no count
    ("On 4 June, a column of trucks 12 miles long arrived at Morek in readiness for a push on Khan Shaykhun.", 1),
    ("On 4 June, a column of trucks 3 mi long arrived at Morek in readiness for a push on Khan Shaykhun.", 1),
])
def test_events_a_day_of_the_month_or_a_length_is_no_plural_action(pipeline: Pipeline, body: str, count: int) -> None:
    assert len(events(pipeline, body)) == count


def test_events_a_listed_town_keeps_its_own_place_beside_a_feature_remembered_there(pipeline: Pipeline) -> None:
    """"The last towns north of the Wadi Hilal Dam, Morek and Kafr Zita": Morek's location in
    the clause cites the dam (remembered at Morek), yet Morek is a town the gazetteer knows;
    it was put at Kafr Zita, the list's other town."""
    body = ("On 20 May, government forces shelled Morek and the nearby Wadi Hilal Dam.\n"
            "On 27 May, the last towns north of the Wadi Hilal Dam, Morek and Kafr Zita, fell to the rebels.")
    found = [e["location"] for e in events(pipeline, body)[1:]]
    places = {loc["name"]: (loc["latitude"], loc["geo_precision"]) for loc in found}
    assert places["Morek"][1] == 1 and places["Kafr Zita"][1] == 1
    assert places["Morek"][0] != places["Kafr Zita"][0]


def test_events_a_supporter_named_first_is_not_the_actor(runner: Pipeline) -> None:
    body = "On 25 June, with the support of Russian jets, government troops attacked the village."
    (event,) = events(runner, body)
    assert event["actor1"] == "Syrian Arab Republic"


@pytest.mark.parametrize(
    ("body", "typed"),
    [
        ("On 26 June, the village of Tell Sukkar came under fire.", "Shelling/artillery/missile attack"),
        ("On 27 June, government Grad launchers hit the hospital.", "Shelling/artillery/missile attack"),
        ("On 28 June, the air force dropped heavy bombs on the town.", "Air/drone strike"),
        ("On 29 June, HTS detonated two suicide cars at the army base.", "Suicide bomb"),
        ("On 30 June, the checkpoint was struck by a tunnel bomb.", "Remote explosive/landmine/IED"),
        ("On 1 June, an army column was defeated by HTS near the town.", "Armed clash"),
        ("On 2 June, HTS fighters killed a journalist and an ambulance driver near the town.", "Attack"),
        ("On 3 June, HTS fighters surrounded the town of Morek.", "Armed clash"),
        ("On 4 June, army units began entering the town from the south.", "Armed clash"),
        ("On 5 June, the school was struck by rockets.", "Shelling/artillery/missile attack"),
        ("On 6 June, there were dozens of artillery assaults on the town.", "Shelling/artillery/missile attack"),
        ("On 7 June, government air-strikes on the town intensified.", "Air/drone strike"),
        ("On 8 June, government jets launched a heavy attack on HTS positions.", "Air/drone strike"),
        ("On 9 June, the army used helicopters to bomb the town.", "Air/drone strike"),
        ("On 10 June, HTS bombardments renewed on the town.", "Shelling/artillery/missile attack"),
        ("On 11 June, a government missile had hit the HTS headquarters.", "Shelling/artillery/missile attack"),
        ("On 12 June, HTS fighters were clashing with the army near the town.", "Armed clash"),
        ("On 13 June, firefights were reported between HTS and the army.", "Armed clash"),
        ("On 14 June, HTS was in full control of the town.", "Non-state actor overtakes territory"),
        ("On 15 June, HTS made significant gains near the town.", "Non-state actor overtakes territory"),
        ("On 16 June, the army re-seized the village from HTS.", "Government regains territory"),
        ("On 17 June, the army secured the hilltops around the village.", "Government regains territory"),
        ("On 18 June, HTS took territory near the town.", "Non-state actor overtakes territory"),
        ("On 19 June, HTS had taken partial control of the town.", "Non-state actor overtakes territory"),
        ("On 20 June, two villages were once again under HTS control.", "Non-state actor overtakes territory"),
        ("On 21 June, a teacher was murdered by HTS fighters.", "Attack"),
        ("On 22 June, HTS fighters reached the outskirts of the town.", "Armed clash"),
        # an attempt to take a place is the fight for it
        ("On 23 June, HTS made a fresh attempt to recapture the village, but was repelled.", "Armed clash"),
        ("On 24 June, the hospital came under fire in an attempt by HTS to capture it.", "Armed clash"),
        ("On 25 June, HTS failed to capture the hill after the army put up resistance.", "Armed clash"),
        # a capture of men or arms takes no ground; a capture of a town from militants does
        ("On 26 June, HTS fighters captured some members of the army's 4th Division.", "Armed clash"),
        ("On 26 June, HTS said that 20 soldiers were captured near the town.", "Armed clash"),
        ("On 27 June, the army recaptured Morek from HTS militants.", "Government regains territory"),
        ("On 11 June, government artillery units struck HTS command posts near the town.",
         "Shelling/artillery/missile attack"),
        # "..., and later took control of the village" folds into the attack; the affiliate's
        # capture is still the government's
        ("On 6 June, Syrian-backed Hezbollah attacked HTS positions in the village, and later took control of it.",
         "Government regains territory"),
    ],
)
def test_events_fire_grads_and_dropped_bombs(runner: Pipeline, body: str, typed: str) -> None:
    (event,) = events(runner, body)
    assert event["sub_event_type"] == typed


def test_events_casualty_section_dated_incident_is_an_event_of_the_conflicts_year(runner: Pipeline) -> None:
    """A casualty list goes over the conflict again from its start: "On 4 June" there is
    June 2019, though the narrative ended in 2020; a running total is no event."""
    body = (
        "On 12 June, government jets carried out airstrikes on HTS positions. "
        "On 2 March 2020, HTS fighters attacked an army post near the town.\n\n"
        "== Casualties ==\n"
        "On 4 June, three civilians were killed by government shelling of the market. "
        "By 18 June, the shelling had killed 40 civilians since the offensive began."
    )
    found = events(runner, body)
    assert [(e["date_start"], e["sub_event_type"]) for e in found] == [
        ("2019-06-12", "Air/drone strike"),
        ("2020-03-02", "Armed clash"),
        ("2019-06-04", "Shelling/artillery/missile attack"),
    ]
    assert (found[2]["fatalities"]["low"], found[2]["fatalities"]["high"]) == (3, 3)


def test_events_the_speaker_of_a_report_is_not_the_actor(runner: Pipeline) -> None:
    """"HTS announced that government forces had captured X": the army captured it."""
    (event,) = events(runner, "On 5 June, HTS announced that government forces had captured the village of Kafr Nabl.")
    assert (event["actor1"], event["actor2"]) == ("Syrian Arab Republic", "Hay'at Tahrir al-Sham")
    assert event["sub_event_type"] == "Government regains territory"


def test_events_a_group_backed_by_a_state_fights_on_its_side(runner: Pipeline) -> None:
    """Hezbollah is not in the infobox; "Syrian-backed" puts it on the government's side, and
    a capture by a government affiliate is "Government regains territory" (ACLED)."""
    (event,) = events(runner, "On 6 June, Syrian-backed Hezbollah fighters captured the hill.")
    assert (event["actor1"], event["actor2"]) == ("Hezbollah", "Hay'at Tahrir al-Sham")
    assert event["sub_event_type"] == "Government regains territory"


def test_events_a_relative_clause_names_no_target(runner: Pipeline) -> None:
    """"..., which had served as a base for the Russian military": not who was attacked."""
    body = "On 7 June, HTS fighters seized the airport, which had served as a base for the Russian military."
    (event,) = events(runner, body)
    assert (event["actor1"], event["actor2"]) == ("Hay'at Tahrir al-Sham", "Syrian Arab Republic")


def test_events_a_list_ending_in_surrounding_villages_is_one_event_per_named_village(pipeline: Pipeline) -> None:
    """"Shelling hit Bohorodychne, Shchurove, and surrounding villages": two events, the
    village the gazetteer lacks placed at the known one with geo_precision 2."""
    head = ("= Invented battle =\n\nInfobox\n- Date: 1 July – 30 July 2022\n- Place: Donetsk Oblast, Ukraine\n"
            "- Combatant1: Russia\n- Combatant2: Ukraine\n\n== Battle ==\n")
    body = "On 21 July, Russian artillery shelled Bohorodychne, Shchurove, and surrounding villages."
    found = pipeline(read_text(head + body + "\n", format="seed")).to_dict()["events"]
    assert [(e["location"]["name"], e["location"]["geo_precision"]) for e in found] == [
        ("Bohorodychne", 1), ("Shchurove", 2)]


def test_events_a_mass_executions_section_goes_back_to_the_conflicts_year(runner: Pipeline) -> None:
    """After a later offensive moves the story to 2020, "Mass executions" goes over the
    June 2019 fighting again: its "On 14 June" and "The following day" are in 2019."""
    body = (
        "On 12 June, government jets carried out airstrikes on HTS positions.\n\n"
        "== Later offensives ==\nIn March 2020, government forces launched another offensive on the town.\n\n"
        "== Mass executions ==\nOn 14 June, HTS fighters executed 12 prisoners in the town. "
        "The following day, HTS fighters executed 5 more prisoners."
    )
    dates = [e["date_start"] for e in events(runner, body) if e["sub_event_type"] == "Attack"]
    assert dates == ["2019-06-14", "2019-06-15"]


def test_events_a_look_back_to_an_earlier_year_does_not_move_the_story(runner: Pipeline) -> None:
    """"A stronghold since fighting broke out in 2012" is dated 2012 at most; "On 14 June"
    after it is still June 2019."""
    body = ("On 12 June, HTS fighters attacked the checkpoint. "
            "The army had built the fort after fighting broke out in 2012.\n\n"
            "On 14 June, government forces recaptured the checkpoint.")
    assert [e["date_start"] for e in events(runner, body)][-1] == "2019-06-14"


def test_events_the_story_clock_resumes_after_a_retelling_section(runner: Pipeline) -> None:
    """A "War crimes" section goes back to June; the next section's "The following day"
    still counts from where the narrative was (20 June), not from the retold date."""
    body = (
        "On 19 June, government jets carried out airstrikes on HTS positions. "
        "On 20 June, HTS fighters attacked an army checkpoint.\n\n"
        "== War crimes ==\nOn 3 June, HTS fighters executed 12 prisoners in the town.\n\n"
        "== Withdrawal ==\nThe following day, HTS fighters attacked the army base."
    )
    dates = [e["date_start"] for e in events(runner, body)]
    assert dates == ["2019-06-19", "2019-06-20", "2019-06-03", "2019-06-21"]


@pytest.mark.parametrize(
    ("body", "count"),
    [
        ("On 14 June, government forces continued their advance and captured the village of Kafr Nabl.", 1),
        ("On 14 June, the Syrian Army, backed by United States aircraft, and HTS clashed near the town.", 1),
    ],
)
def test_events_a_goes_on_verb_or_a_reporting_noun_elsewhere_in_the_clause_changes_nothing(
    runner: Pipeline, body: str, count: int
) -> None:
    found = events(runner, body)
    assert len(found) == count and found[0]["actor1"] == "Syrian Arab Republic"


@pytest.mark.parametrize(
    ("body", "dates"),
    [
        # relative words count from the day the sentence has just stated
        ("On 8 June, HTS fighters attacked an army checkpoint and three days later captured the village, "
         "but government forces recaptured it the next day.", ["2019-06-08", "2019-06-11", "2019-06-12"]),
        # "two days after <something>" describes the day the sentence states
        ("On 9 June, two days after the ceasefire collapsed, HTS fighters attacked the army base.", ["2019-06-09"]),
    ],
)
def test_events_relative_days_in_one_sentence(runner: Pipeline, body: str, dates: list[str]) -> None:
    assert [e["date_start"] for e in events(runner, body)] == dates


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # "The attack killed 12 ..., before being repelled": the attack's toll, told a sentence
        # back, not the repulse's made from the same sentence
        ("On 5 June, HTS fighters launched an attack on the army post. The government denied it. "
         "The attack killed 12 soldiers, according to activists, before being repelled by the army.",
         [("Armed clash", 12), ("Armed clash", None)]),
        # "The airstrikes killed 14" tells more of the air strikes, though a capture came between
        ("On 5 June, government jets struck HTS positions near the town. "
         "HTS fighters then captured a hill from the army. The airstrikes killed 14 HTS fighters.",
         [("Air/drone strike", 14), ("Non-state actor overtakes territory", None)]),
    ],
)
def test_events_a_toll_goes_to_the_event_it_tells_more_of(
        runner: Pipeline, body: str, expected: list[tuple[str, int | None]]) -> None:
    found = events(runner, body)
    assert [(e["sub_event_type"], e["fatalities"]["low"]) for e in found] == expected


def test_events_two_people_killed_one_by_one_count_two(runner: Pipeline) -> None:
    """"killed a journalist and an ambulance driver": two deaths, not one."""
    (event,) = events(runner, "On 2 June, HTS fighters killed a journalist and an ambulance driver near the town.")
    assert (event["fatalities"]["low"], event["fatalities"]["high"]) == (2, 2)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # civilian property struck, after the verb or as the passive's subject
        ("On 8 June, HTS fighters shelled the central market of the town.",
         ("Shelling/artillery/missile attack", "Hay'at Tahrir al-Sham", "Civilians")),
        ("On 8 June, a bakery was bombed by government jets.",
         ("Air/drone strike", "Syrian Arab Republic", "Civilians")),
        # the civilians named before a passive are its target, not the agent's opponent
        ("On 9 June, at least 12 civilians had been killed by HTS fighters.",
         ("Attack", "Hay'at Tahrir al-Sham", "Civilians")),
        # looting or executions with no named victim are against civilians
        ("On 12 June, HTS fighters looted shops in the town.",
         ("Looting/property destruction", "Hay'at Tahrir al-Sham", "Civilians")),
        ("On 13 June, HTS fighters carried out summary executions in the village.",
         ("Attack", "Hay'at Tahrir al-Sham", "Civilians")),
    ],
)
def test_events_civilian_targets_are_civilians(runner: Pipeline, body: str, expected: tuple[str, str, str]) -> None:
    (event,) = events(runner, body)
    assert (event["sub_event_type"], event["actor1"], event["actor2"]) == expected


def test_events_an_earlier_wars_action_told_in_passing_is_no_event(runner: Pipeline) -> None:
    """"after a previous offensive in May 2019" neither makes an event nor sets the day
    "Later on the same day" counts from."""
    body = ("On 5 June, it was reported that HTS had freed the last prisoners. This happened after a previous "
            "offensive in May 2019. Later on the same day, HTS fighters attacked the army post.")
    found = events(runner, body)
    assert [(e["date_start"], e["sub_event_type"]) for e in found] == [("2019-06-05", "Armed clash")]


def test_events_a_dated_flashback_does_not_take_the_story_back(runner: Pipeline) -> None:
    """"On 25 November 2018, they had shot down a helicopter": its own event, dated so, but
    "On 14 August" after it is still August 2019, not the August before the flashback."""
    head = HEAD.replace("1 June – 20 June 2019", "23 July – 28 August 2019")
    body = ("On 7 August, HTS fighters captured the base. In the past, rebel groups besieged the air base. "
            "On 25 November 2018, they had shot down a government helicopter outside the base. "
            "On 14 August, the army shelled the town.")
    found = events(runner, body, head)
    assert [e["date_start"] for e in found] == ["2019-08-07", "2018-11-25", "2019-08-14"]


def test_events_one_toll_told_by_two_sources_stays_on_one_event(runner: Pipeline) -> None:
    """"Officials said 17 soldiers were killed in the assault, while the army said 9": one
    toll with two sources, on the assault it tells more of, not split over two events."""
    body = ("On 7 June, HTS fighters attacked the town. On 8 June, the army withdrew from the town. "
            "Activists said that 17 soldiers were killed in the assault, "
            "while the army said that 9 of its soldiers had died.")
    found = events(runner, body)
    assert [(e["fatalities"]["low"], e["fatalities"]["high"]) for e in found] == [(9, 17), (None, None)]


def test_events_a_withdrawal_in_a_two_sided_war_names_the_other_side(runner: Pipeline) -> None:
    """Strategic developments between the sides (a withdrawal, reinforcements) name the
    opponent as the second actor, as the annotators code them."""
    (event,) = events(runner, "On 11 June, the army retreated from the base.")
    assert (event["sub_event_type"], event["actor1"], event["actor2"]) == (
        "Non-violent transfer of territory", "Syrian Arab Republic", "Hay'at Tahrir al-Sham")


def test_events_a_co_belligerent_is_no_pro_government_militia(runner: Pipeline) -> None:
    """Beside the Syrian army against ISIL in one infobox, the SDF is not a government
    affiliate (the lexicon knows it fights beside no state); Hezbollah, which fights beside
    Syria, is."""
    head = (HEAD.replace("Hama Governorate", "Aleppo Governorate")
            .replace("- Combatant1: Syrian Arab Republic",
                     "- Combatant1: Syrian Arab Republic, Syrian Democratic Forces, Hezbollah")
            .replace("- Combatant2: Hay'at Tahrir al-Sham", "- Combatant2: Islamic State"))
    body = "On 5 June, the SDF captured three villages from ISIL. On 6 June, Hezbollah captured a hill from ISIL."
    found = events(runner, body, head)
    assert [(e["actor1"], e["sub_event_type"]) for e in found] == [
        ("Syrian Democratic Forces", "Non-state actor overtakes territory"),
        ("Hezbollah", "Government regains territory"),
    ]


def test_events_one_action_on_a_list_of_days_is_one_event_a_day(runner: Pipeline) -> None:
    """ACLED codes one event per day: "attacked on June 5, 8, and 9" is three."""
    found = events(runner, "HTS fighters attacked the army post on June 5, 8, and 9, the army said.")
    assert [e["date_start"] for e in found] == ["2019-06-05", "2019-06-08", "2019-06-09"]


_FALLUJAH_HEAD = ("= Invented battle =\n\nInfobox\n- Date: 1 May – 30 June 2016\n"
                  "- Place: Fallujah, Anbar Governorate, Iraq\n- Combatant1: Iraq\n- Combatant2: Islamic State\n\n"
                  "== Battle ==\n")


def test_events_a_settlement_the_gazetteer_lacks_beside_a_town_is_an_event_of_its_own(pipeline: Pipeline) -> None:
    """"stormed the city of Fallujah and seized the village of Saqlawiyah": two actions, the
    village (which the gazetteer lacks) put at Fallujah with geo_precision 2 under its own
    name; a later action in Fallujah is not more of the village's."""
    body = ("On 30 May, Iraqi troops stormed the city of Fallujah at dawn and seized the village of "
            "Saqlawiyah. Iraqi troops also repelled an attack in the south of the city of Fallujah.")
    found = pipeline(read_text(_FALLUJAH_HEAD + body + "\n", format="seed")).to_dict()["events"]
    assert [(e["location"]["name"], e["location"]["geo_precision"]) for e in found[:2]] == [
        ("Fallujah", 1), ("Saqlawiyah", 2)]
    assert found[2]["location"]["name"] == "Fallujah"
    assert found[1]["location"]["latitude"] == found[0]["location"]["latitude"]


@pytest.mark.parametrize(
    "body",
    [
        "On 30 May, Iraqi troops stormed Fallujah and captured the village of Saqlawiyah near Fallujah.",
        "On 30 May, Iraqi troops stormed Fallujah and shelled near the village of Saqlawiyah.",
    ],
    ids=["placed by the town", "a reference point"],
)
def test_events_a_settlement_placed_by_a_town_is_one_event(pipeline: Pipeline, body: str) -> None:
    found = pipeline(read_text(_FALLUJAH_HEAD + body + "\n", format="seed")).to_dict()["events"]
    assert len(found) == 1


@pytest.mark.parametrize(("body", "place"), [
    # the opening clauses set the scene; the pull-out itself was from Kafr Zita
    ("On 9 March, amid heavy losses around Hama, and after the loss of Morek to the army, the rebels were "
     "said to have pulled out of the town of Kafr Zita.", "Kafr Zita"),
    # a list in the opening clause goes on past its commas; the shelling was at Khan Shaykhun
    ("On 3 May, after rebels captured Morek, Hish and Kafr Zita, the army shelled Khan Shaykhun.", "Khan Shaykhun"),
    # "while" joins two actions: no scene is set
    ("On 3 May, while rebels shelled Morek, the army held Khan Shaykhun.", "Morek"),
    # the action told is the opening clause's own: it stays there
    ("When rebels shelled Morek on 2 May, the army stormed Khan Shaykhun.", "Morek"),
    # every comma goes on with a list: the main clause begins after the first
    ("After rebels took Morek, Hish and Kafr Zita were shelled by the army on 3 May.", "Hish"),
    # a place before the scene is its setting: the shelling, the opening clause's action, is there
    ("In Hama, after rebels shelled Hish, the army struck Khan Shaykhun on 3 May.", "Hama"),
    # a main clause naming only where forces came from does not take the action away
    ("After the army took Morek on 2 May, rebels advanced from Hish.", "Morek"),
])
def test_events_a_scene_setting_opening_clause_is_not_where_the_main_action_happened(
    pipeline: Pipeline, body: str, place: str
) -> None:
    assert [e["location"]["name"] for e in events(pipeline, body)][:1] == [place]
