"""From the Phoenix actor dictionaries to ``phoenix_actors.json``: which records annals
keeps, under which names, with which kind and country.

Build-time only (``scripts/build_phoenix.py``); the reader is ``phoenix.py``, run time
``registry.py``. Kept: organisations and armed groups of the MilNonState file, the IGOs and
NGOs of the International file, the organisations of the Countries file. Left out: people
(heads of state and ministers, leaders listed under their group, office holders), places,
companies, media and rights monitors, names of one common English word, generic
descriptions ("Revolutionary Army") and acronyms the dictionary never spells out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from annals.resources.phoenix import CameoCode, PhoenixEntry, read_actors

# A CAMEO code is a three-letter prefix (an ISO 3166 alpha-3 country, a region such as
# WEU or SAS, or a kind of organisation such as IGO) followed by three-letter roles:
# SYRREBMUS is a Syrian rebel, Muslim; IGOUNOREFHCR is the UN refugee agency.

PREFIX_KINDS = {  # organisations that are not of one country
    "IGO": "international",  # intergovernmental organisation
    "NGO": "international",  # non-governmental organisation
    "IMG": "nonstate",  # international militarised group
}
ROLE_KINDS = {  # the role of a country-coded actor
    "GOV": "state", "MIL": "state", "COP": "state", "SPY": "state", "JUD": "state", "LEG": "state",
    "REB": "nonstate", "INS": "nonstate", "SEP": "nonstate", "UAF": "nonstate", "IMG": "nonstate",
    "CVL": "civilian", "REF": "civilian",
}
SOURCE_ROLES = frozenset({"MED", "HRI"})  # media and rights monitors report events; they are left out

_ORGANISATION_WORDS = frozenset({  # a name with one of these is no person's
    "ARMY", "ARMIES", "FRONT", "FORCE", "FORCES", "FACTION", "GANG", "PARTY", "STATE", "MOVEMENT",
    "ORGANIZATION", "ORGANISATION", "BRIGADE", "BRIGADES", "BATTALION", "BATTALIONS", "GROUP", "GROUPS",
    "COUNCIL", "UNION", "LEAGUE", "ALLIANCE", "COMMITTEE", "ASSOCIATION", "FEDERATION", "FOUNDATION", "FUND",
    "INSTITUTE", "CENTER", "CENTRE", "SOCIETY", "NETWORK", "AGENCY", "BANK", "COMMISSION", "COURT", "TRIBUNAL",
    "OFFICE", "PROGRAMME", "PROGRAM", "MISSION", "CORPS", "GUARD", "GUARDS", "MILITIA", "MILITIAS", "NATIONS",
    "COMMUNITY", "CONGRESS", "ASSEMBLY", "PARLIAMENT", "MINISTRY", "DEPARTMENT", "SERVICE", "SERVICES",
    "POLICE", "COMMAND", "COMMANDO", "COMMANDOS", "CELLS", "NUCLEI", "NUCLEUS", "SQUAD", "SQUADS", "UNITS",
    "COALITION", "CONFERENCE", "SECRETARIAT", "DIRECTORATE", "BUREAU", "AUTHORITY", "GOVERNMENT",
    "ADMINISTRATION", "TREATY", "INTERNATIONAL", "LIBERATION", "RESISTANCE", "REVOLUTIONARY", "JAISH", "JAYSH",
    "LASHKAR", "HARAKAT", "HARKAT", "JABHAT", "KATIBAT", "KATAIB", "KATAEB", "LIWA", "LIWAA", "HIZB", "HIZBUL",
    "TANZIM", "TANZEEM", "JAMAAT", "JAMA'AT", "JAMIAT", "JAMAAH", "JEMAAH", "SARAYA", "SARAYAT", "ANSAR",
    "MUJAHIDEEN", "MUJAHIDIN", "TEHRIK", "TEHREEK", "SIPAH",
})
_HONORIFICS = frozenset({
    "ABU", "ABOU", "SHEIKH", "SHAIKH", "SHEIK", "MULLAH", "MAULANA", "MAULVI", "AYATOLLAH", "IMAM",
    "HOJATOLISLAM", "EMIR", "PRINCE", "KING", "QUEEN", "SIR", "LORD", "BARON", "DR", "DR.", "MR", "MR.", "MRS",
    "MRS.", "MS", "PRESIDENT", "PRIME", "VICE", "SECRETARY", "MINISTER", "CHANCELLOR", "AMBASSADOR", "SENATOR",
    "GENERAL", "GEN.", "COLONEL", "COL.", "CAPTAIN", "COMMANDER", "MARSHAL", "ADMIRAL", "FORMER",
})
_OFFICES = frozenset({  # a phrase naming an office names a person
    "PRESIDENT", "CHAIRMAN", "CHAIRWOMAN", "SECRETARY", "AMBASSADOR", "MINISTER", "SPOKESMAN", "SPOKESWOMAN",
    "SPOKESPERSON", "DIRECTOR", "LEADER", "CHIEF", "OFFICIAL", "OFFICIALS", "JUSTICES", "SENATOR", "GOVERNOR",
    "RESIDENT", "COORDINATOR", "REPRESENTATIVE", "ENVOY",
})
_DESCRIPTIVE = frozenset({  # capitalised in the word list, yet they describe, not name
    "ISLAMIC", "ISLAMIST", "MUSLIM", "CHRISTIAN", "JEWISH", "ARAB", "SUNNI", "SHIA", "SHIITE", "CATHOLIC",
})
_PARTICLES = frozenset({"AL", "EL", "AD", "AS", "ASH", "AN", "AR", "AT", "AZ", "UL", "UR", "E", "I", "WA", "WAL",
                        "BIN", "IBN"})
_SMALL = frozenset({"OF", "THE", "AND", "FOR", "IN", "ON", "TO", "AT", "BY", "DE", "DEL", "LA", "LE", "DU", "DES",
                    "DA", "DO", "DOS", "DAS", "DI", "Y", "ET"}) | _PARTICLES
_ACRONYM_AT_END = re.compile(r"^(?P<name>.+?)\s*\((?P<acr>[A-Z][A-Z0-9-]{2,9})\)$")
_PARENTHESES = re.compile(r"\s*\([^)]*\)\s*")


def words_of(phrase: str) -> list[str]:
    """The words of a dictionary phrase: "LORD'S_RESISTANCE_ARMY_" -> LORD'S, RESISTANCE, ARMY."""
    return [w for w in re.split(r"[_\s]+", phrase.replace("+", " ")) if w.strip(",;")]


def _unflip(words: list[str]) -> list[str]:
    """"ORDER,_THE_" -> ORDER; "CITIZENS_FOUNDATION,_THE_" -> CITIZENS FOUNDATION."""
    if len(words) > 1 and words[-1].upper() == "THE" and words[-2].endswith(","):
        return [*words[:-2], words[-2].rstrip(",")]
    return words


def _content_parts(words: list[str]) -> list[str]:
    """The parts that carry meaning: hyphens split, particles and small words dropped."""
    parts = [p.strip(",;:") for w in words for p in w.split("-") if p.strip(",;:")]
    return [p for p in parts if p.upper() not in _SMALL and len(p) > 1]


def _plain(word: str, english: frozenset[str]) -> bool:
    """A common English word (the word list's lower-case entries; "'s" ignored)."""
    lowered = re.sub(r"['’]s$", "", word.lower())
    return lowered in english or (lowered.endswith("s") and lowered[:-1] in english)


def cameo_country(prefix: str) -> str | None:
    """The country an ISO 3166 alpha-3 prefix stands for, named as the lexicon names it; None for regions."""
    import pycountry

    from annals.resources.lexicon import load_lexicon

    country = pycountry.countries.get(alpha_3=prefix)
    if country is None:
        return None
    demonyms = load_lexicon().demonyms
    names = [getattr(country, "common_name", None), country.name, getattr(country, "official_name", None)]
    for name in names:
        if name and name.lower() in demonyms:
            return demonyms[name.lower()]
    name = str(names[0] or country.name)
    head, comma, tail = name.partition(", ")  # "Congo, The Democratic Republic of the": "Democratic Republic ..."
    if comma and re.search(r"\bof(?: the)?$", tail):
        name = re.sub(r"^The ", "", f"{tail} {head}")
    return name


def actor_of(code: str) -> tuple[str, str | None] | None:
    """(kind, country) of a CAMEO code by the tables above; None when annals has no use for it."""
    prefix, roles = code[:3], [code[i : i + 3] for i in range(3, len(code), 3)]
    if SOURCE_ROLES.intersection(roles):
        return None
    if prefix in PREFIX_KINDS:
        return PREFIX_KINDS[prefix], None
    for role in roles:
        if role in ROLE_KINDS:
            return ROLE_KINDS[role], cameo_country(prefix)
    return None


def main_code(entry: PhoenixEntry) -> CameoCode | None:
    """The code that stands for the record: its undated default, else the latest."""
    if not entry.codes:
        return None
    undated = [c for c in entry.codes if c.start is None and c.end is None]
    if undated:
        return undated[0]
    return max(entry.codes, key=lambda c: (c.end or date.max, c.start or date.min))


KNOWN_ACRONYMS = frozenset({"UN", "US", "EU", "UK", "USA", "NATO", "IRA"})


def display_name(phrase: str, acronyms: frozenset[str] = KNOWN_ACRONYMS) -> str:
    """Proper case for a dictionary phrase: "LORD'S_RESISTANCE_ARMY_" -> "Lord's Resistance Army"."""
    words = words_of(_PARENTHESES.sub(" ", phrase))
    if words and words[0].upper() == "THE" and len(words) > 1:
        words = words[1:]
    words = ["–" if set(w) <= {"-"} else w for w in _unflip(words)]  # "PALESTINE_-_GENERAL_COMMAND"
    out = []
    for index, word in enumerate(words):
        parts = []
        for position, part in enumerate(word.split("-")):
            upper = part.upper()
            if re.fullmatch(r"\d+(?:ST|ND|RD|TH|S)", upper):
                parts.append(part.lower())  # "20TH" -> "20th"
            elif upper in _SMALL:
                parts.append(part.lower() if index or position else part.capitalize())
            elif (upper in acronyms or re.fullmatch(r"(?:[A-Z]{1,2}\.)+", upper) or re.search(r"[/\d]", part)
                  or not re.search("[AEIOUY]", upper)):
                parts.append(part)  # "UN", "U.S.", "KDP"
            else:
                parts.append(part[:1].upper() + part[1:].lower())
        out.append("-".join(parts))
    return " ".join(out)


@dataclass
class NameSets:
    """What the filters know: common English words and the names of people."""

    english: frozenset[str]  # the word list's lower-case entries
    given: frozenset[str]  # first words of people's names in the Countries file
    person_words: frozenset[str]  # every word of those names


def name_sets(countries: list[PhoenixEntry], english: frozenset[str]) -> NameSets:
    """Names of people from ``Phoenix.Countries.actors.txt``: its "CountryInfo" records
    of two words or more without an organisation word are heads of state and ministers."""
    given: set[str] = set()
    every: set[str] = set()
    for entry in countries:
        words = words_of(entry.name)
        if "countryinfo" not in entry.comment.lower() or len(words) < 2 or _organisation(words):
            continue
        given.add(words[0])
        every.update(words)
    def usable(word: str) -> bool:
        return len(word) > 2 and not _plain(word, english)
    return NameSets(english, frozenset(filter(usable, given)), frozenset(filter(usable, every)))


def _organisation(words: list[str]) -> bool:
    return any(p.upper().strip("'") in _ORGANISATION_WORDS for w in words for p in w.split("-"))


def _person(words: list[str], names: NameSets, primary: bool) -> bool:
    """A person's name or office: an office word, or no organisation word and a title,
    a known given name or (for a synonym) any word of a known person's name first."""
    if not words:
        return False
    if any(w.upper() in _OFFICES for w in words):
        return True
    if _organisation(words):
        return False
    first, last = words[0], re.sub(r"^(?:AL|EL|AS|AD|ASH)-", "", words[-1])
    if first.upper() in _HONORIFICS or first in names.given:
        return True
    if primary:
        return len(words) > 1 and first in names.person_words and last in names.person_words
    return first in names.person_words or last in names.person_words


@dataclass(frozen=True, slots=True)
class Alias:
    name: str  # display form
    acronym: str | None  # the parenthesised acronym written with it, if any


def usable_alias(phrase: str, primary: bool, kind: str, names: NameSets, formal: bool = False) -> Alias | None:
    """The phrase as a name annals can match in prose, or None when it is unsafe.

    Dropped: people and offices; names of one word unless a non-English primary name of
    an armed group with five letters or more that is no one's name; names of one or two
    common English words ("Revolutionary Army", "Holy Men") unless the primary name of an
    international organisation ("Red Cross"); armed groups' synonyms of three words or fewer
    that are all common words ("Islamic Jihad" is said of several groups); synonyms of three words or fewer without an
    organisation word where the record's name has one (``formal``): the leaders that records
    list under their group ("Lord's Resistance Army" lists its commanders); phrases with no letters.
    """
    text = phrase.strip().strip("_").strip()
    acronym: str | None = None
    match = _ACRONYM_AT_END.match(" ".join(words_of(text)))
    if match:
        text, acronym = match.group("name"), match.group("acr")
    words = _unflip(words_of(_PARENTHESES.sub(" ", text)))
    if words and words[0].upper() == "THE":
        words = words[1:]
    if not words or _person(words, names, primary):
        return None
    content = _content_parts(words)
    if not content or not any(ch.isalpha() for ch in "".join(content)):
        return None
    if len(content) == 1:
        word = content[0]
        alphabetic = re.sub(r"[^A-Za-z]", "", word)
        if not (primary and kind == "nonstate") or len(alphabetic) < 5 or _plain(word, names.english):
            return None
        if word in names.person_words or word.upper() in _HONORIFICS or not re.search("[AEIOU]", word.upper()):
            return None
    if all(_plain(w, names.english) for w in content) and len(content) <= 2 and not (
            primary and kind == "international"):
        return None
    if formal and not primary and len(content) <= 3 and not _organisation(words):
        return None
    if kind == "nonstate" and not primary and len(content) <= 3 and all(
            w.upper() in _DESCRIPTIVE or _plain(w, names.english) for w in content):
        return None  # "Islamic Jihad", "National Liberation Movement": many groups' description
    if acronym is not None and (len(content) < 2 or _plain(acronym, names.english)):
        acronym = None
    return Alias(" ".join(words), acronym)


@dataclass
class Record:
    """A dictionary record as an annals actor, before conflicts between records are settled."""

    name: str
    kind: str
    country: str | None
    cameo: str
    source: str
    aliases: list[tuple[str, bool]]  # (display name, is the record's primary name)
    acronyms: list[tuple[str, str]]  # (acronym, the display name written with it)


def _record(entry: PhoenixEntry, names: NameSets) -> Record | None:
    """One dictionary record as an actor, or None (people, places, companies, media, ...)."""
    code = main_code(entry)
    mapped = actor_of(code.code) if code else None
    if code is None or mapped is None:
        return None
    kind, country = mapped
    countries_file = "Countries" in entry.source
    if countries_file and "countryinfo" in entry.comment.lower():
        return None  # heads of state and ministers, by office
    roles = {c.code[i : i + 3] for c in entry.codes for i in range(3, len(c.code), 3)}
    dated = any(c.start or c.end for c in entry.codes)
    primary_words = words_of(entry.name)
    if _person(primary_words, names, True) or (not _organisation(primary_words) and (
            "ELI" in roles or (dated and kind == "international")
            or (code.code.startswith("IMG") and len(_content_parts(primary_words)) <= 3))):
        return None  # a person, or one holding an office for a time
    armed = kind == "nonstate"
    aliases: list[tuple[str, bool]] = []
    acronyms: list[tuple[str, str]] = []
    for index, phrase in enumerate(entry.phrases):
        alias = usable_alias(phrase, index == 0, kind, names, _organisation(primary_words))
        if alias is None or (countries_file and not armed and not _organisation(words_of(alias.name))):
            continue  # the Countries file mixes places and people into its organisations
        aliases.append((alias.name, index == 0))
        if alias.acronym:
            acronyms.append((alias.acronym, alias.name))
    if not aliases:
        return None
    known = KNOWN_ACRONYMS.union(a for a, _ in acronyms)
    shown = [(display_name(a, known), primary) for a, primary in aliases]
    acronyms = [(a, display_name(name, known)) for a, name in acronyms]
    same = [a for a, _ in shown if _key(a) == _key(shown[0][0])]  # "Ahrar al Sham" is shown "Ahrar al-Sham"
    shown[0] = (max(same, key=lambda a: len(re.findall(r"[-'’]", a))), True)
    return Record(shown[0][0], kind, country, code.code, entry.source, shown, acronyms)


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower().replace("’", "'")).strip()


def compile_registry(directory: Path, english: frozenset[str]) -> list[Record]:
    """The useful subset of the Phoenix actor files as records with unambiguous aliases.

    Records with the same name are one actor, as the first file (MilNonState, International,
    Countries) describes it. A name two actors share is kept by the one whose primary name
    it is; shared otherwise, it is dropped from both; so is an acronym two actors share.
    """
    files = {name: read_actors(directory / f"Phoenix.{name}.actors.txt")
             for name in ("MilNonState", "International", "Countries")}
    names = name_sets(files["Countries"], english)
    records = [r for entries in files.values() for e in entries if (r := _record(e, names)) is not None]
    identity = {id(r): _key(r.name) for r in records}  # one actor a name: the first file's record says what
    owners: dict[str, dict[str, bool]] = {}
    for record in records:
        for alias, primary in record.aliases:
            seen = owners.setdefault(_key(alias), {})
            seen[identity[id(record)]] = seen.get(identity[id(record)], False) or primary
    by_acronym: dict[str, set[str]] = {}
    for record in records:
        for acronym, _ in record.acronyms:
            by_acronym.setdefault(acronym, set()).add(identity[id(record)])
    kept: dict[str, Record] = {}
    for record in records:
        me = identity[id(record)]
        aliases = []
        for alias, _ in record.aliases:
            seen = owners[_key(alias)]
            primaries = [who for who, primary in seen.items() if primary]
            if len(seen) == 1 or primaries == [me]:
                aliases.append(alias)
        keys = {_key(a) for a in aliases}
        acronyms = [(a, name) for a, name in record.acronyms if len(by_acronym[a]) == 1 and _key(name) in keys]
        if not aliases and not acronyms:
            continue
        merged = kept.setdefault(me, Record(record.name, record.kind, record.country, record.cameo,
                                            record.source, [], []))
        merged.aliases.extend((a, False) for a in aliases if (a, False) not in merged.aliases)
        merged.acronyms.extend(a for a in acronyms if a not in merged.acronyms)
    return sorted(kept.values(), key=lambda r: (r.source, r.name))


def source_note(directory: Path) -> dict[str, str]:
    """Where the dictionaries come from (``SOURCE.txt`` beside them) and their licence,
    as the header of ``Phoenix.Countries.actors.txt`` states it."""
    note: dict[str, str] = {}
    path = directory / "SOURCE.txt"
    for line in path.read_text("utf-8").splitlines() if path.exists() else []:
        key, colon, value = line.partition(":")
        if colon and key.strip() in ("Repo", "Path", "Commit", "Licence"):
            note[key.strip().lower()] = value.strip()
    countries = directory / "Phoenix.Countries.actors.txt"
    header = countries.read_text("utf-8", errors="replace").split("\n\n", 1)[0] if countries.exists() else ""
    licence = header[header.find("# The MIT License"):] if "# The MIT License" in header else ""
    text = " ".join(line.lstrip("#").strip() for line in licence.splitlines()).strip()
    if text:
        note["licence_text"] = re.sub(r"\s+", " ", text)
    return note


def registry_document(records: list[Record], note: dict[str, str]) -> dict[str, object]:
    """The JSON document ``phoenix_actors.json`` holds."""
    actors = []
    for record in records:
        item: dict[str, object] = {"name": record.name, "kind": record.kind}
        if record.country:
            item["country"] = record.country
        item["cameo"] = record.cameo
        item["file"] = record.source.removeprefix("Phoenix.").removesuffix(".actors.txt")
        item["aliases"] = [alias for alias, _ in record.aliases]
        if record.acronyms:
            item["acronyms"] = [acronym for acronym, _ in record.acronyms]
        actors.append(item)
    return {
        "_about": "Organisations and armed groups from the Phoenix (PETRARCH/TABARI) actor dictionaries, "
                  "compiled by scripts/build_phoenix.py; annals matches 'aliases' case-insensitively and "
                  "'acronyms' as written. 'country' is the CAMEO country (annals keeps it for states only).",
        "source": note,
        "kinds": {"prefixes": PREFIX_KINDS, "roles": ROLE_KINDS, "left_out_roles": sorted(SOURCE_ROLES)},
        "actors": actors,
    }


def dump_registry(document: dict[str, object]) -> str:
    """JSON with one actor a line, so that a rebuild reads as a small diff."""
    import json

    actors = document["actors"]
    assert isinstance(actors, list)
    head = json.dumps({k: v for k, v in document.items() if k != "actors"}, ensure_ascii=False, indent=1)
    lines = ",\n".join("  " + json.dumps(a, ensure_ascii=False, separators=(",", ":")) for a in actors)
    return head[:-2] + ',\n "actors": [\n' + lines + "\n ]\n}\n"
