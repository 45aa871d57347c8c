"""General actor knowledge, compiled once per process (``actors.json``).

Shared by the conflict stage (repairing infobox names) and the mentions stage
(finding actors in prose), so it lives with the tables it reads.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import pycountry
from countryinfo import all_countries

from annals.patterns import trie_pattern


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor: its name, kind, country (for states) and side."""

    name: str
    kind: str  # state | nonstate | international | civilian | person | unit
    country: str | None = None
    side: int | None = None


@dataclass(frozen=True)
class Lexicon:
    """The general actor knowledge, compiled once per process."""

    pattern: re.Pattern[str]  # names: groups, countries, national forces (case matters: "IS")
    generic: re.Pattern[str]  # generic words, matched against lower-cased text
    groups: dict[str, Actor]  # alias (lower case) -> actor
    aliases: frozenset[str]  # the group aliases as written
    demonyms: dict[str, str]  # demonym or country name (lower case) -> country
    countries: tuple[str, ...]
    adjectives: dict[str, str]  # country -> its adjective ("Syria" -> "Syrian")
    spellings: dict[str, tuple[str, ...]]  # canonical -> its names, as listed
    parents: dict[str, tuple[str, ...]]  # canonical -> the actors it fights within
    allies: dict[str, tuple[str, ...]]  # canonical -> the states it fights beside
    rebels: frozenset[str]  # canonical names of the groups "the rebels" means ("Free Syrian Army")


def alternation(words: list[str]) -> str:
    """The words as one regex alternation, longest match first (a prefix tree: fast)."""
    return trie_pattern(words)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    data: dict[str, Any] = json.loads(resources.files("annals.resources").joinpath("actors.json").read_text("utf-8"))
    groups: dict[str, Actor] = {}
    aliases: set[str] = set()  # as written: matching is case-sensitive ("IS" is not "is")
    spellings: dict[str, tuple[str, ...]] = {}
    parents: dict[str, tuple[str, ...]] = {}
    allies: dict[str, tuple[str, ...]] = {}
    for entry in data["groups"]:
        actor = Actor(entry["canonical"], entry["kind"], entry.get("country"))
        listed = spellings[actor.name] = (entry["canonical"], *entry["aliases"])
        if entry.get("part_of"):
            parents[actor.name] = tuple(entry["part_of"])
        if entry.get("fights_with"):
            allies[actor.name] = tuple(entry["fights_with"])
        for alias in listed:
            groups[alias.lower()] = actor
            aliases.add(alias)
    rebels = frozenset(entry["canonical"] for entry in data["groups"] if entry.get("rebels"))
    countries: dict[str, list[str]] = {**data["countries"], **_more_countries(data["countries"])}
    demonyms: dict[str, str] = {}
    peoples: list[str] = []  # "the Russians", "Iraqis": a nation's people named for its forces
    for country, names in countries.items():
        demonyms[country.lower()] = country
        for name in names:
            demonyms[name.lower()] = country
            if name.endswith(("an", "i")) and " " not in name:
                peoples.append(name + "s")
                demonyms[name.lower() + "s"] = country
    adjectives = [n for names in countries.values() for n in names]
    nouns = alternation(data["state_nouns"])
    demonym_words = alternation(adjectives + list(countries))
    national = (
        rf"(?:pro-)?(?P<demonym>{demonym_words})(?:-backed|-led|-allied)?"
        rf"(?:,?\s+(?:and\s+)?(?:{demonym_words})(?=[,\s]))*"  # "American, British, and French planes": the first leads
        rf"(?:\s+(?i:government|regime|military|regular|special|armed|naval|border|national|state|elite|air|ground|war|"
        rf"airborne|mechanized|marine|defence|defense|security|arab|{_WEAPON_MODELS}))*"
        rf"\s+(?P<noun>{nouns})\b"  # "Syrian Arab Army", "Russian BM-21 Grad vehicles"
    )
    pattern = re.compile(
        rf"(?<![\w-])(?=\w)(?:(?P<national>{national})"
        rf"|(?P<group>{alternation(list(aliases))})"
        rf"|(?P<country>{alternation([*countries, *_acronyms(countries), *peoples])})"
        rf"(?!\s+(?:Governorate|Oblast|Province|Raion|dollars?)))"  # "US dollars": a currency
        r"(?:(?![\w-])|(?=-(?:held|led|controlled|occupied|run)\b))"  # "ISIL-held villages", "YPG-led forces"
    )
    # Generic words match in any case; run over lower-cased text, which is much faster than (?i).
    generic = re.compile(
        rf"(?<![\w-])(?=\w)(?:(?P<gov>{alternation([w.lower() for w in data['generic_government']])})"
        r"(?!\s+(?:administrations?|council|academy|court|prosecutor'?s?|hospital|school|college|intelligence|"
        r"commissariat|enlistment|governor|office|ministry|spokes(?:man|woman|person)))"
        rf"|(?P<reb>(?:the\s+)?{alternation([w.lower() for w in data['generic_rebels']])})"
        rf"|(?P<opp>(?:the\s+)?{alternation([w.lower() for w in data['generic_opposition']])})"
        rf"|(?P<occ>{alternation([w.lower() for w in data['generic_occupiers']])})"
        rf"|(?P<civ>{alternation([w.lower() for w in data['civilians']])}))(?![\w-])"
    )
    adjective = {country: names[0] for country, names in countries.items() if names}
    return Lexicon(pattern, generic, groups, frozenset(aliases), demonyms, tuple(countries), adjective, spellings,
                   parents, allies, rebels)


def _more_countries(known: dict[str, list[str]]) -> dict[str, list[str]]:
    """Every other country with its demonym, from countryinfo ("Canada" -> "Canadian"):
    coalition members and neighbours turn up in any war's narrative."""
    taken = {name.lower() for names in known.values() for name in names} | {c.lower() for c in known}
    more: dict[str, list[str]] = {}
    for country in all_countries():
        info = country.info()
        name, demonym = info.get("name"), info.get("demonym")
        if not name or not demonym or name.lower() in taken or demonym.lower() in taken or "," in name:
            continue
        more[name] = [demonym]
        taken |= {name.lower(), demonym.lower()}
    return more


# A weapon's model between a demonym and its noun: a designation with a digit ("BM-21", "T-72",
# "Su-25") or a system's name ("Grad", "Kalibr"), as in "Russian BM-21 Grad vehicles".
_WEAPON_MODELS = (
    r"(?-i:[A-Z][A-Za-z]*-?\d+[A-Za-z0-9-]*)|grad|uragan|smerch|tornado|kalibr|iskander|tochka|himars|bayraktar|"
    r"shahed|lancet|tomahawk|katyusha|hellfire|multiple\s+rocket|rocket|cruise|ballistic"
)


def _acronyms(countries: dict[str, list[str]]) -> list[str]:
    """Short forms that name the country itself ("US", "U.S.", "UK"), matched case-sensitively."""
    return [n for names in countries.values() for n in names if len(n) >= 2 and n.replace(".", "").isupper()]


_FLAG = re.compile("[\U0001f1e6-\U0001f1ff]{2}")


def flag_country(text: str) -> str | None:
    """The country a flag emoji stands for ("🇮🇷" -> "Iran"), via ISO 3166 and the lexicon."""
    match = _FLAG.search(text)
    if match is None:
        return None
    code = "".join(chr(ord(ch) - 0x1F1E6 + ord("A")) for ch in match.group())
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return None
    lexicon = load_lexicon()
    for name in (getattr(country, "common_name", None), country.name, getattr(country, "official_name", None)):
        if name and name.lower() in lexicon.demonyms:
            return lexicon.demonyms[name.lower()]
    return str(getattr(country, "common_name", None) or country.name)


def split_glued(name: str) -> list[str]:
    """Names run together where flag icons were stripped ("Turkey Syrian rebels",
    "Islamic State of Iraq and the Levant (ISIL) Jund al-Aqsa")."""
    lexicon = load_lexicon()
    parts = [p.strip() for p in re.split(r"(?<=\))\s+(?=[A-Z])", name) if p.strip()]
    if len(parts) > 1:
        return [piece for part in parts for piece in split_glued(part)]
    bare = re.sub(r"\s*\([^)]*\)\s*$", "", name).strip()
    if bare.lower() in lexicon.groups or bare in lexicon.countries:
        return [name]
    for known in _known_names():
        if name.startswith(known + " ") and name[len(known) + 1:][:1].isupper():
            return [known, *split_glued(name[len(known) + 1:].strip())]
    return [name]


@lru_cache(maxsize=1)
def _known_names() -> list[str]:
    lexicon = load_lexicon()
    names = {alias for alias in lexicon.aliases if len(alias) > 3}
    names |= set(lexicon.countries)
    return sorted(names, key=len, reverse=True)
