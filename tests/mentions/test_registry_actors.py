"""Registry actors in prose: our own sentences, and one article of the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from annals.conflict import build_conflict
from annals.mentions.actors import ActorFinder
from annals.read import read_path, read_text
from annals.resources.lexicon import load_lexicon
from annals.store.records import classify_actor

HEAD = """= Invented campaign =

Infobox
- Place: Lake Chad region, Nigeria
- Combatant1: Nigeria
- Combatant2: Harakat al-Shabaab al-Mujahideen

"""


def actors_in(sentence: str) -> list[tuple[str, str, str, int | None]]:
    doc = read_text(HEAD + sentence + "\n", format="seed")
    found = ActorFinder()(doc, build_conflict(doc))
    return [(m.text, m.actor.name, m.actor.kind, m.actor.side) for m in found.mentions if not m.generic]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("At dawn Boko Haram raided a market outside the town.",
         [("Boko Haram", "Boko Haram", "nonstate", None)]),
        ("The African Union asked both sides to stop.",
         [("African Union", "African Union", "international", None)]),
        ("Later the Red Cross brought food to the camp.",
         [("Red Cross", "Red Cross", "international", None)]),
        ("Escaped captives described the Lord's Resistance Army camps.",
         [("Lord's Resistance Army", "Lord's Resistance Army", "nonstate", None)]),
        # the registry knows the infobox's long name as the same group: the mention takes its side
        ("al-Shabaab fighters ambushed a convoy.",
         [("al-Shabaab", "Harakat al-Shabaab al-Mujahideen", "nonstate", 2)]),
    ],
)
def test_registry_actors_are_found_in_our_sentences(sentence: str, expected: list[object]) -> None:
    assert actors_in(sentence) == expected


def test_a_speaker_for_a_registry_group_is_no_actor() -> None:
    assert actors_in("A spokesman for the Lord's Resistance Army said nothing.") == []


def test_stored_actor_kinds_come_from_the_registry_too() -> None:
    assert classify_actor("Boko Haram") == ("nonstate", None)
    assert classify_actor("Kurdistan Regional Government") == ("state", "Iraq")
    assert classify_actor("International Committee of the Red Cross") == ("international", None)


def test_a_corpus_article_names_an_organisation_only_the_registry_knows(shared: Path) -> None:
    doc = read_path(shared / "corpus" / "wikipedia" / "syria" / "aleppo_offensive_(november–december_2016).md")
    found = ActorFinder()(doc, build_conflict(doc))
    lexicon = load_lexicon()
    registry_only = {(m.actor.name, m.actor.kind) for m in found.mentions
                     if m.actor.name.lower() not in lexicon.groups and m.actor.kind == "international"}
    assert ("International Committee of the Red Cross", "international") in registry_only
