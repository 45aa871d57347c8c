"""The PETRARCH/TABARI dictionary reader and the filters that build the registry,
on small dictionaries written here."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from annals.resources.phoenix import CameoCode, parse_actors, parse_agents, parse_code, parse_date
from annals.resources.phoenix_build import actor_of, compile_registry, display_name, main_code, registry_document


def test_parser_reads_records_synonyms_codes_and_comments() -> None:
    text = (
        "# a comment line\n"
        "\n"
        "RIVER_VALLEY_LIBERATION_FRONT_ [XYZREB] # added by hand\n"
        "+VALLEY_FRONT_\n"
        "+RVLF_\n"
        "\n"
        "MOUNTAIN_GUARD_ [ABCMIL]\n"
    )
    first, second = parse_actors(text, "Test.actors.txt")
    assert first.name == "RIVER_VALLEY_LIBERATION_FRONT_"
    assert first.synonyms == ("VALLEY_FRONT_", "RVLF_")
    assert first.codes == (CameoCode("XYZREB"),)
    assert first.comment == "added by hand"
    assert (first.source, first.line) == ("Test.actors.txt", 3)
    assert second.phrases == ("MOUNTAIN_GUARD_",)


def test_parser_reads_date_restricted_codes_on_tab_lines() -> None:
    text = (
        "JOHN_EXAMPLE_  # CountryInfo.txt\n"
        "\t[XYZELI 650101-891231]\n"
        "\t[XYZGOV >900101]\n"
        "\t[XYZGOV <19641231]\n"
        "\t[XYZGOV 2004017-20061201]\n"  # seven digits: not a date, the line is skipped
        "\t[---]\n"
    )
    (entry,) = parse_actors(text)
    assert entry.codes == (
        CameoCode("XYZELI", date(1965, 1, 1), date(1989, 12, 31)),
        CameoCode("XYZGOV", start=date(1990, 1, 1)),
        CameoCode("XYZGOV", end=date(1964, 12, 31)),
    )
    assert entry.comment == "CountryInfo.txt"


def test_parser_lets_uncoded_primary_phrases_share_the_codes_that_follow() -> None:
    text = (
        "OLD_NAME_ [QQQ]\n"
        "FIRST_ALIAS_\n"  # no code: it and the next phrase share the tab line's code
        "SECOND_ALIAS_\n"
        "+THIRD_ALIAS_\n"
        "\t[QQQGOV]\n"
        "NEXT_ONE_ [RRR]\n"
    )
    entries = parse_actors(text)
    assert [e.name for e in entries] == ["OLD_NAME_", "FIRST_ALIAS_", "NEXT_ONE_"]
    assert entries[1].synonyms == ("SECOND_ALIAS_", "THIRD_ALIAS_")
    assert entries[1].codes == (CameoCode("QQQGOV"),)


def test_parser_splits_glued_synonyms_and_reads_several_codes_on_a_line() -> None:
    text = ("A_GROUP_ [AAAREB]\n+B_GROUP_+_C_GROUP_\nSOMEONE_\t[XYZGOV <061231] [IGOUNO]\t[---]\n"
            "---STOP---\nIGNORED_ [ZZZ]\n")
    group, person = parse_actors(text)
    assert group.synonyms == ("B_GROUP_", "_C_GROUP_")
    assert person.codes == (CameoCode("XYZGOV", end=date(2006, 12, 31)), CameoCode("IGOUNO"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("000717", date(2000, 7, 17)), ("310101", date(1931, 1, 1)), ("19990230", None), ("2004017", None),
     ("abc", None)],
)
def test_dates_are_yymmdd_or_yyyymmdd(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_codes_parse_with_their_restriction() -> None:
    assert parse_code("SYRGOV >000717") == CameoCode("SYRGOV", start=date(2000, 7, 17))
    assert parse_code("SYRGOV 121231-000717") is None  # ends before it starts
    assert parse_code("---") is None


def test_agent_macros_expand_and_plurals_are_kept() -> None:
    text = (
        "!PERSON! = MAN, WOMAN\n"
        "BOAT!PERSON! [~AGR] # fishing\n"
        "AIR_FORCE {} [~MIL]\n"
        "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]\n"
        "UNKNOWN!MACRO! [~GOV]\n"
    )
    agents = parse_agents(text, "Test.agents.txt")
    assert [(a.phrase, a.plural, a.code) for a in agents] == [
        ("BOATMAN", "", "~AGR"), ("BOATWOMAN", "", "~AGR"), ("AIR_FORCE", "", "~MIL"),
        ("ATTORNEY_GENERAL", "ATTORNEYS_GENERAL", "~GOVATG"),
    ]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("SYRREBMUS", ("nonstate", "Syria")),
        ("USAMILSPY", ("state", "United States")),
        ("IRNGOVLEG", ("state", "Iran")),
        ("IGOUNOKID", ("international", None)),
        ("NGOHLHIRC", ("international", None)),
        ("IMGMUSALQ", ("nonstate", None)),
        ("WEUREB", ("nonstate", None)),  # a region, not a country
        ("NGOHRI", None),  # rights monitors and media report events
        ("MNCUSA", None),  # companies
        ("USAELI", None),  # elites: people
    ],
)
def test_cameo_codes_map_to_kind_and_country(code: str, expected: tuple[str, str | None] | None) -> None:
    assert actor_of(code) == expected


def test_the_undated_code_stands_for_the_record_else_the_latest() -> None:
    (dated,) = parse_actors("ARMY_OF_X_\n\t[XYZREB 19830101-20110711]\n\t[ABCMIL >20110711]\n")
    (default,) = parse_actors("ARMY_OF_Y_ [XYZREB]\n\t[ABCMIL >20110711]\n")
    assert main_code(dated) == CameoCode("ABCMIL", start=date(2011, 7, 11))
    assert main_code(default) == CameoCode("XYZREB")


@pytest.mark.parametrize(
    ("phrase", "shown"),
    [
        ("LORD'S_RESISTANCE_ARMY_", "Lord's Resistance Army"),
        ("AL-SHABAAB", "Al-Shabaab"),
        ("AHRAR_AL-SHAM_", "Ahrar al-Sham"),
        ("THE_UNITED_NATIONS_", "United Nations"),
        ("US_AGENCY_FOR_INTERNATIONAL_DEVELOPMENT_", "US Agency for International Development"),
        ("U.S._ARMY", "U.S. Army"),
        ("20TH_REVOLUTION_BRIGADES_", "20th Revolution Brigades"),
        ("CITIZENS_FOUNDATION,_THE_", "Citizens Foundation"),
        ("ANIMAL_LIBERATION_FRONT_(ALF)_", "Animal Liberation Front"),
    ],
)
def test_display_names_are_in_proper_case(phrase: str, shown: str) -> None:
    assert display_name(phrase) == shown


ENGLISH = frozenset({"tigers", "army", "revolutionary", "holy", "men", "red", "cross", "security", "council",
                     "liberation", "front", "national", "movement", "resistance", "lord's"})

MILNONSTATE = """\
RIVER_VALLEY_LIBERATION_FRONT_(RVLF)_ [XYZREB] # invented
+VALLEY_FRONT_
+JOHN_SMITH_
+HOLY_MEN_
+NATIONAL_LIBERATION_MOVEMENT_

TIGERS_ [XYZREB]

ZANTIVALA_ [XYZREB]

REVOLUTIONARY_ARMY_ [XYZREB]

MOUNTAIN_FRONT_ [XYZREB]
+KKF_

EASTERN_STARS_BRIGADE_ [XYZREB]
+SHARED_NAME_BRIGADE_

WESTERN_MOON_BRIGADE_ [ABCREB]
+SHARED_NAME_BRIGADE_
"""
INTERNATIONAL = """\
RED_CROSS_\t[NGOHLHIRC]
OBSERVER_NETWORK_FOR_FREEDOM_\t[NGOHRI]
DAILY_EXAMPLE_\t[MED]
EXAMPLE_MOTORS_INC_\t[MNCUSA]
MARIA_ROSSI_\t[IGOUNO 950101-991231]
SECURITY_COUNCIL_\t[IGOUNO]
"""
COUNTRIES = """\
XYZLAND_  [XYZ]
+XYZLANDER_
+CAPITAL_CITY_

JOHN_SMITH_  # CountryInfo.txt
\t[XYZGOV 900101-991231]

MARY_JONES_  # CountryInfo.txt
\t[XYZGOV 000101-041231]

XYZLAND_DEFENCE_FORCES_ [XYZMIL]
+DEFENCE_MINISTER_MARY_JONES_
+XYZLAND_HILLS_
"""


@pytest.fixture()
def dictionaries(tmp_path: Path) -> Path:
    for name, text in (("MilNonState", MILNONSTATE), ("International", INTERNATIONAL), ("Countries", COUNTRIES)):
        (tmp_path / f"Phoenix.{name}.actors.txt").write_text(text, "utf-8")
    (tmp_path / "SOURCE.txt").write_text("Repo:    example.org/dictionaries\nLicence: MIT\n", "utf-8")
    return tmp_path


def test_compiled_registry_keeps_organisations_and_drops_unsafe_names(dictionaries: Path) -> None:
    records = {r.name: r for r in compile_registry(dictionaries, ENGLISH)}
    front = records["River Valley Liberation Front"]
    assert (front.kind, front.country, front.cameo) == ("nonstate", None, "XYZREB")
    aliases = [a for a, _ in front.aliases]
    assert "Valley Front" in aliases
    assert "John Smith" not in aliases  # a leader listed under the group
    assert "Holy Men" not in aliases and "National Liberation Movement" not in aliases  # descriptions
    assert front.acronyms == [("RVLF", "River Valley Liberation Front")]  # written "(RVLF)" after the name
    assert "Tigers" not in records and "Revolutionary Army" not in records  # common words
    assert "Zantivala" in records  # one word, but no English word and no one's name
    assert records["Mountain Front"].acronyms == []  # "KKF" was never spelt out
    assert not any("Shared Name Brigade" in [a for a, _ in r.aliases] for r in records.values())  # two actors
    assert records["Red Cross"].kind == "international"
    assert "Security Council" in records  # an international organisation's own name
    assert not {"Observer Network for Freedom", "Daily Example", "Example Motors Inc", "Maria Rossi"} & set(records)
    assert "John Smith" not in records and "Mary Jones" not in records  # people of the Countries file
    forces = records["Xyzland Defence Forces"]
    assert forces.kind == "state" and [a for a, _ in forces.aliases] == ["Xyzland Defence Forces"]


def test_registry_document_carries_the_attribution(dictionaries: Path) -> None:
    from annals.resources.phoenix_build import source_note

    document = registry_document(compile_registry(dictionaries, ENGLISH), source_note(dictionaries))
    assert document["source"] == {"repo": "example.org/dictionaries", "licence": "MIT"}
    assert any(a["name"] == "Red Cross" for a in document["actors"])  # type: ignore[attr-defined]
