"""The shipped registry (``phoenix_actors.json``) and its matcher."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from annals.resources.lexicon import load_lexicon
from annals.resources.phoenix_build import compile_registry, dump_registry, registry_document, source_note
from annals.resources.registry import load_registry, name_key

REPO = Path(__file__).resolve().parents[2]
WORDS = Path("/usr/share/dict/words")


@pytest.fixture(scope="module")
def shipped() -> dict[str, Any]:
    text = resources.files("annals.resources").joinpath("phoenix_actors.json").read_text("utf-8")
    assert len(text.encode()) < 1_000_000
    data: dict[str, Any] = json.loads(text)
    return data


def by_name(shipped: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {a["name"]: a for a in shipped["actors"]}


def test_registry_says_where_it_comes_from(shipped: dict[str, Any]) -> None:
    source = shipped["source"]
    assert source["repo"] == "github.com/openeventdata/petrarch2"
    assert source["commit"].startswith("676801cd9cb2924bbbad09f86d15c9323e7097bf")
    assert source["licence"].startswith("MIT") and "Permission is hereby granted" in source["licence_text"]


@pytest.mark.parametrize(
    ("name", "kind", "country", "file"),
    [
        ("Boko Haram", "nonstate", "Nigeria", "MilNonState"),
        ("Lord's Resistance Army", "nonstate", None, "MilNonState"),
        ("Al-Shabaab", "nonstate", "Somalia", "MilNonState"),
        ("International Committee of the Red Cross", "international", None, "International"),
        ("Kurdistan Regional Government", "state", "Iraq", "Countries"),
        ("Islamic State of Iraq and the Levant", "nonstate", None, "Countries"),
        ("Israel Defence Forces", "state", "Israel", "Countries"),
    ],
)
def test_registry_knows_organisations_with_kind_and_country(
    shipped: dict[str, Any], name: str, kind: str, country: str | None, file: str
) -> None:
    actor = by_name(shipped)[name]
    assert (actor["kind"], actor.get("country"), actor["file"]) == (kind, country, file)


def test_registry_holds_no_people(shipped: dict[str, Any]) -> None:
    names = {name_key(alias) for actor in shipped["actors"] for alias in actor["aliases"]}
    for person in ("Joseph Kony", "Abu Bakr al-Baghdadi", "Kofi Annan", "Barack Obama", "Bashar al-Assad",
                   "Hassan Rouhani", "Ban Ki-moon", "Khaled Meshaal", "Osama bin Laden"):
        assert name_key(person) not in names, person


def test_registry_drops_common_words_and_unexplained_acronyms(shipped: dict[str, Any]) -> None:
    aliases = {alias for actor in shipped["actors"] for alias in actor["aliases"]}
    assert not {"Tigers", "Youth", "Organization", "Zero", "Revolutionary Army", "Holy Men"} & aliases
    for actor in shipped["actors"]:  # one-word names only for armed groups ("Hisba", "Contras")
        assert all(len(name_key(a).split()) > 1 or actor["kind"] == "nonstate" for a in actor["aliases"]), actor
    acronyms = {a for actor in shipped["actors"] for a in actor.get("acronyms", [])}
    assert "ALF" in acronyms  # "ANIMAL_LIBERATION_FRONT_(ALF)_"
    assert not {"FARC", "PKK", "UNHCR", "ETA", "PLA"} & acronyms  # bare words, an English word, two armies


def test_curated_lexicon_wins_and_absorbs_registry_records() -> None:
    registry, lexicon = load_registry(), load_lexicon()
    assert registry.lookup("Islamic State of Iraq and the Levant") is None  # the lexicon's own name
    jamaat = registry.lookup("Jama'at al-Tawhid wal-Jihad")  # in the Phoenix ISIL record
    assert jamaat is not None and jamaat == lexicon.groups["islamic state"]
    assert not set(registry.acronyms) & lexicon.aliases


def find(text: str) -> list[tuple[str, str, str]]:
    return [(text[start:end], actor.name, actor.kind) for start, end, actor in load_registry().find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("When Boko Haram raided the village, Red Cross staff left.",
         [("Boko Haram", "Boko Haram", "nonstate"), ("Red Cross", "Red Cross", "international")]),
        ("Fighters of the Lord's Resistance Army crossed the river.",
         [("Lord's Resistance Army", "Lord's Resistance Army", "nonstate")]),
        ("Boko Haram's commanders and al-Shabaab traded messages.",
         [("Boko Haram", "Boko Haram", "nonstate"), ("al-Shabaab", "Al-Shabaab", "nonstate")]),
        ("BOKO HARAM is written in capitals here.", [("BOKO HARAM", "Boko Haram", "nonstate")]),
        ("The Red Cross Hospital was shelled.", []),  # a longer name: a place
        ("The Kurdistan Revolutionary Army is invented.", []),
        ("A unit of the Islamic Union of the Soldiers of the Levant.", []),
        ("pro-Boko Haram militias", []),
        ("Members of the ALF freed the animals.", [("ALF", "Animal Liberation Front", "nonstate")]),
        ("the alf and the Alf", []),  # acronyms as written only
        ("boko haram in lower case is no name", []),
    ],
)
def test_registry_finds_names_on_runs_of_capitalised_words(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert find(text) == expected


@pytest.mark.skipif(not WORDS.exists(), reason="no English word list to rebuild with (apt-get install wamerican)")
def test_shipped_registry_is_what_the_build_script_makes(shipped: dict[str, Any]) -> None:
    source = REPO.parent / "shared" / "lexicons" / "phoenix"
    if not source.is_dir():
        pytest.skip("the Phoenix dictionaries (../shared/lexicons/phoenix) are not available")
    lines = [w.strip() for w in WORDS.read_text("utf-8", errors="replace").splitlines() if w.strip()]
    english = frozenset(w for w in lines if w == w.lower())
    rebuilt = dump_registry(registry_document(compile_registry(source, english), source_note(source)))
    assert json.loads(rebuilt) == shipped, "run: python scripts/build_phoenix.py"
