"""Finding place names: capitalised runs, with no false positives on common words."""

from __future__ import annotations

import pytest

from annals.geo.finder import REGION, find_toponyms
from annals.geo.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.mark.parametrize(
    "sentence",
    [
        "Hope faded on Sunday as the Army and the Mayor waited for the General.",
        "In March the Islamic State claimed that Russian and Ukrainian units had left.",
        "ISIL and the SDF traded fire; May was quiet, and One Brigade stayed put.",
        "The Syrian Democratic Forces and the Free Syrian Army met at noon.",
    ],
)
def test_find_toponyms_ignores_common_words(gaz: Gazetteer, sentence: str) -> None:
    assert [t.surface for t in find_toponyms(sentence, gaz)] == []


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("President Hafez Homs spoke on the radio.", "Homs"),
        ("The Deir ez-Zor Military Council issued a statement.", "Deir ez-Zor"),
    ],
)
def test_find_toponyms_skips_people_and_organisations(gaz: Gazetteer, sentence: str, absent: str) -> None:
    assert absent not in [t.surface for t in find_toponyms(sentence, gaz)]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("Shelling hit Dayr az Zawr and al-Mayadin overnight.", ["Dayr az Zawr", "al-Mayadin"]),
        ("Troops moved from Kharkiv towards Izium.", ["Kharkiv", "Izium"]),
        ("The Deir ez-Zor-Abu Kamal highway was cut.", ["Deir ez-Zor", "Abu Kamal"]),
    ],
)
def test_find_toponyms_finds_names_with_particles(gaz: Gazetteer, sentence: str, names: list[str]) -> None:
    # The finder proposes ("Shelling" is a village somewhere); the resolver decides.
    found = [t.surface for t in find_toponyms(sentence, gaz)]
    assert [name for name in found if name in names] == names


def test_find_toponyms_marks_region_type_word(gaz: Gazetteer) -> None:
    (top,) = find_toponyms("Fighting spread across Aleppo Governorate.", gaz)
    assert top.surface == "Aleppo" and top.suffix == REGION


@pytest.mark.parametrize(
    "sentence",
    [
        "The assault began at 8 A.M. and ended by 9 P.M.",  # not Armenia, not Saint Pierre
        "A film crew from L.A. filmed the V.C. positions.",  # not Laos, not Saint Vincent
        "The S.S. and the S.A. marched past.",  # not South Sudan, not Saudi Arabia
    ],
)
def test_find_toponyms_dotted_letters_are_not_country_codes(gaz: Gazetteer, sentence: str) -> None:
    assert [t.surface for t in find_toponyms(sentence, gaz)] == []


def test_find_toponyms_dotted_country_abbreviations_in_common_use(gaz: Gazetteer) -> None:
    found = [t.surface for t in find_toponyms("Envoys of the U.S., the U.K. and the DPRK met.", gaz)]
    assert found == ["U.S.", "U.K.", "DPRK"]


def test_find_toponyms_two_names_side_by_side_are_parts_of_one_unknown_name(gaz: Gazetteer) -> None:
    # "Suleiman Bek" is one town the gazetteer lacks, not Suleiman and Bek.
    found = {t.surface: t.partial for t in find_toponyms("They retook the town of Suleiman Bek.", gaz)}
    assert found and all(found.values())
    # A hyphen or "and" joins two names: each stays whole.
    found = {t.surface: t.partial for t in find_toponyms("Fighting spread along the Homs-Hama road.", gaz)}
    assert found == {"Homs": False, "Hama": False}
    # A hyphen joining a loose match to a name is one compound village name the gazetteer lacks.
    found = {t.surface: t.partial for t in find_toponyms("Troops attacked Ivano-Darivka at dawn.", gaz)}
    assert found and all(found.values())


@pytest.mark.parametrize(
    "sentence",
    [
        "The militia Liwa al-Quds reopened the road.",  # liwa: brigade; al-Quds is Jerusalem
        "Fighters of Suqour al-Sham joined the assault.",  # suqour: falcons; al-Sham is Damascus
        "Ahrar al-Sham and Ansar al-Sham held the ridge.",  # ahrar: free men; ansar: supporters
    ],
)
def test_find_toponyms_arabic_unit_words_mark_organisations(gaz: Gazetteer, sentence: str) -> None:
    assert [t.surface for t in find_toponyms(sentence, gaz)] == []


@pytest.mark.parametrize("phrase", ["Northeastern Ukraine", "Northwestern Syria"])
def test_find_toponyms_compass_adjectives_are_not_places(gaz: Gazetteer, phrase: str) -> None:
    # "Northeastern" is also a governorate of Oman and "Northwestern" a province of Zambia.
    found = find_toponyms(phrase, gaz)
    assert [(t.surface, t.partial) for t in found] == [(phrase.split()[1], False)]


def test_find_toponyms_time_zones_and_eponyms_are_no_places(gaz: Gazetteer) -> None:
    """"5 a.m. Moscow time" names a clock, "Molotov cocktails" a weapon (Molotov is Perm's old name)."""
    text = "At 5 a.m. Moscow time, residents armed with Molotov cocktails met the column near Kherson."
    assert [t.surface for t in find_toponyms(text, gaz)] == ["Kherson"]


def test_find_toponyms_makers_models_are_no_places(gaz: Gazetteer) -> None:
    """"a Mil-24" is a helicopter (Mil is a town in Turkey), "a ZiL lorry" a truck's maker: a
    name joined to a number, or one whose capitals follow its small letters, is a model."""
    text = "Near Saraqib, rebels downed a Mil-24 and burned a ZiL lorry."
    assert [t.surface for t in find_toponyms(text, gaz)] == ["Saraqib"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("A transport Ilyushin Il-76 touched down at Latakia.", ["Latakia"]),
        ("Tupolev Tu-22M3 bombers flew south past Mariupol.", ["Mariupol"]),
        ("Russian missiles hit Kharkiv TEC-5 before dawn.", ["Kharkiv"]),  # a plant's number, not a model
    ],
)
def test_find_toponyms_a_makers_name_before_its_model_is_no_place(gaz: Gazetteer, text: str, names: list[str]) -> None:
    """"Ilyushin Il-76": the maker's name (a village's too) before a model code in mixed case."""
    assert [t.surface for t in find_toponyms(text, gaz)] == names


@pytest.mark.parametrize(
    ("sentence", "absent", "present"),
    [
        ("The Russo-Ukrainian War reached Kharkiv.", "Russo", "Kharkiv"),
        ("After the Franco-Prussian War, Paris was besieged.", "Franco", "Paris"),
        ("The Austro-Hungarian army crossed into Serbia.", "Austro", "Serbia"),
    ],
)
def test_find_toponyms_skips_combining_forms_of_peoples(gaz: Gazetteer, sentence: str, absent: str,
                                                        present: str) -> None:
    """"Russo-" in "Russo-Ukrainian" is no place, though Rueso (Thailand) has "Russo" as a name."""
    found = [t.surface for t in find_toponyms(sentence, gaz)]
    assert absent not in found and present in found


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Protests reached Porto-Novo.", "Porto-Novo"),
        ("Troops closed the Kosovo-Serbian border.", "Kosovo"),  # a country, not a combining form
        ("Talks on the Morocco-Algerian border failed.", "Morocco"),
    ],
)
def test_find_toponyms_keeps_hyphenated_place_names(gaz: Gazetteer, sentence: str, name: str) -> None:
    assert name in [t.surface for t in find_toponyms(sentence, gaz)]


@pytest.mark.parametrize("sentence", ["Troops neared Hammam al-'Alil.", "Troops neared Hammam al‘Alil yesterday."])
def test_find_toponyms_an_article_and_a_hamza_keep_a_name_whole(gaz: Gazetteer, sentence: str) -> None:
    """"Hammam" is only the first word of "Hammam al-'Alil", a town the gazetteer lacks: a
    partial name, which a far "Hamam" may not stand for."""
    found = {top.surface: top.partial for top in find_toponyms(sentence.replace("al‘", "al-‘"), gaz)}
    assert found.get("Hammam") is True
