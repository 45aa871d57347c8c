"""Finding place names in text: capitalised runs, then gazetteer look-ups of n-grams.

Speed comes from doing almost nothing per word: one precompiled regex finds runs
of capitalised words (with the particles place names carry: "Deir ez-Zor", "Dayr az
Zawr", "Battle of Aleppo"), and only inside those runs are n-grams (longest first)
looked up by skeleton key in a dict. Lower-case text is never tokenised.

The finder only proposes: it drops what cannot be a location (a common word on
its own, a person after a title, a place inside an organisation's name) and
records the clues the resolver weighs (type word after the name, partial match of
a longer name).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import NamedTuple

from annals.geo.gazetteer import ADMIN1, ADMIN2, COUNTRY, SPELL_CHECKED, Gazetteer
from annals.geo.names import skeleton, strict_key
from annals.geo.words import (
    AREA_WORDS,
    COMMON_WORDS,
    DISTRICT_WORDS,
    FEATURE_WORDS,
    FUNCTION_WORDS,
    GENERIC_TERMS,
    NOT_A_PLACE_AFTER,
    ORGANISATION_WORDS,
    REGION_WORDS,
    TITLES,
)
from annals.patterns import trie_pattern

_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſƀ-ɏḀ-ỿ"
_PARTICLES = (
    "al|el|ad|ar|as|ash|at|az|an|ez|es|ed|er|et|en|ul|ud|us|ibn|bin|de|del|di|da|du|des"
    "|la|le|von|van|der|den|of|the|and|upon|sur"
)


_CAP_WORD = rf"[{_UPPER}][\w'’.]*"
_PARTICLE_TRIE = trie_pattern(_PARTICLES.split("|"))  # the same words, read letter by letter
_SEP = r"(?:[ \t]+|[-‐–][ \t]?)"
_HAMZAS = "'’‘ʿʾ"  # "'Alil" of "Hammam al-'Alil" is a capitalised word behind its hamza
_HAMZA = f"[{_HAMZAS}]?"  # "al-'Alil": an article, a hamza, then the capitalised name
_RUN = re.compile(
    rf"(?<![\w'’])(?:(?:{_PARTICLE_TRIE})[-‐]{_HAMZA}(?=[{_UPPER}]))?{_CAP_WORD}"
    rf"(?:{_SEP}(?:(?:{_PARTICLE_TRIE}){_SEP})*(?:(?:{_PARTICLE_TRIE})[-‐]{_HAMZA})?{_CAP_WORD})*"
)
_SENTENCE_END = re.compile(r"(?<=[a-z\u00e0-\u024f]{2})\.(?=\s)")
_TOKEN = re.compile(r"[\w'’.]+")
_PARTICLE_SET = frozenset(_PARTICLES.split("|"))
_ARTICLES = frozenset(
    ["al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ez", "es", "ed", "er", "et", "en", "ul", "ud", "us"]
)
_CONNECTORS = frozenset({"and", ","})
# Lower-case words after a name that make it a first-level unit ("Idlib province"); not
# "region" or "area", which also name the land around a town ("the Qayrawan region").
_UNIT_AFTER = frozenset(["province", "governorate", "oblast", "voivodeship", "prefecture"])
# The first part of a compound of peoples ("Russo-Ukrainian", "Franco-Prussian", "Sino-Japanese").
_COMBINING_FORM = re.compile(rf"[{_UPPER}][a-z]*o-[{_UPPER}][a-z]+(?:ian|ean|ese|ish|an|ic)\b")
_TAIL_WORD = re.compile(r"[\w.]+\Z")
# A model after a name: a number joined to it ("Mil-24", "Su-25"), or a mixed-case code after
# its maker ("Mil Mi-8", "Ilyushin Il-76"; "Kharkiv TEC-5" is a plant of Kharkiv)
_MODEL_AFTER = re.compile(r"(?: [A-Z][a-z][A-Za-z]{0,2})?-\d")
_MAKER_CASE = re.compile(r"[A-Z][a-z]+[A-Z]+")  # "ZiL", "KamAZ": capitals after small letters end the word
_MAX_NGRAM = 6
_WORD_AFTER = re.compile(r"\s+([A-Za-z]+)\b")  # the plain word after a name, read once per name
_PLAIN_COMMON = COMMON_WORDS - GENERIC_TERMS  # generic terms ("Tal", "Ras") still make a name partial

REGION, DISTRICT, FEATURE, AREA = "region", "district", "feature", "area"


class Toponym(NamedTuple):
    """A proposed place name: where it is and what the text says around it.

    A named tuple: tens of thousands are made per document set, and a tuple is made
    several times faster than a frozen dataclass.
    """

    start: int
    end: int  # end of the name itself
    surface: str
    ids: tuple[int, ...]  # gazetteer candidates
    suffix: str  # "", "region", "district", "feature" or "area": the word after the name
    suffix_end: int  # end of that word (== end if none)
    partial: bool  # the name is only part of a longer capitalised run
    code: bool  # matched as an abbreviation ("U.S.")
    after: str = ""  # the plain word right after the name ("countryside", "river", "district")
    after_end: int = -1  # where that word ends


def _clean(token: str) -> str:
    """A token without possessive or sentence full stop ("Army's" -> "Army")."""
    if token.endswith(("'s", "’s")):
        token = token[:-2]
    if token.endswith(".") and not (len(token) <= 5 and token.count(".") >= 2):
        token = token.rstrip(".")
    return token.strip("'’")


def _suffix_kind(word: str) -> str:
    lower = word.lower()
    if lower in REGION_WORDS:
        return REGION
    if lower in DISTRICT_WORDS:
        return DISTRICT
    if lower in FEATURE_WORDS or lower.rstrip("s") in FEATURE_WORDS:
        return FEATURE
    if lower in AREA_WORDS:
        return AREA
    return ""


def find_toponyms(text: str, gazetteer: Gazetteer, start: int = 0, end: int | None = None) -> list[Toponym]:
    """Every place name the gazetteer knows in ``text[start:end]``, left to right."""
    stop = len(text) if end is None else end
    found: list[Toponym] = []
    cache = gazetteer.run_cache
    for run_start, words in _runs(text, start, stop):
        hits = cache.get(words)
        if hits is None:
            # Runs repeat ("Abu Kamal", "The"): each distinct run is scanned once.
            hits = []
            _scan_run(words, 0, len(words), gazetteer, hits)
            if len(cache) > 500_000:
                cache.clear()
            cache[words] = hits
        if not hits:
            continue  # most runs name no place: no need to read the word before
        if word_before(text, run_start).rstrip(".").lower() in TITLES:
            continue  # "President Bashar al-Assad", "General Ali ..."
        for hit in hits:
            next_word = _WORD_AFTER.match(text, hit.end + run_start)
            after = next_word.group(1) if next_word is not None else ""
            if after in NOT_A_PLACE_AFTER:
                continue  # "5 a.m. Moscow time", "Molotov cocktails"
            if _MODEL_AFTER.match(text, hit.end + run_start) or _MAKER_CASE.fullmatch(hit.surface):
                continue  # "a Mil-24", "an Ilyushin Il-76", "a ZiL truck": a maker or its model, not a town
            top = Toponym(
                hit.start + run_start,
                hit.end + run_start,
                hit.surface,
                hit.ids,
                hit.suffix,
                hit.suffix_end + run_start,
                hit.partial,
                hit.code,
                after,
                next_word.end() if next_word is not None else hit.end + run_start,
            )
            found.append(_with_unit_word(text, top, gazetteer) if after in _UNIT_AFTER and not top.suffix else top)
    return found


def _with_unit_word(text: str, top: Toponym, gazetteer: Gazetteer) -> Toponym:
    """``top`` followed by a lower-case unit word ("Idlib province"): the unit spelt so with
    the word ("Moscow oblast"), else the unit named after the town (a region suffix), else
    the town itself ("Sievierodonetsk oblast")."""
    whole = text[top.start : top.after_end]
    units = gazetteer.candidates(skeleton(whole))
    if gazetteer.spelt_as([p for p in units if gazetteer.kind[p] == ADMIN1], whole, every=True):
        return top._replace(end=top.after_end, surface=whole, ids=units, suffix_end=top.after_end)
    if any(gazetteer.kind[p] == ADMIN1 or p in gazetteer.capital_of for p in top.ids):
        return top._replace(suffix=REGION, suffix_end=top.after_end)
    return top


def _runs(text: str, start: int, stop: int) -> Iterator[tuple[int, str]]:
    """The runs of capitalised words, each cut at a sentence's end: "... captured Izium.
    Kupiansk fell" is the run "Izium" and then the run "Kupiansk"."""
    for run in _RUN.finditer(text, start, stop):
        words, at = run.group(), run.start()
        while (stop_at := _SENTENCE_END.search(words)) is not None:
            yield at, words[: stop_at.start()]
            rest = words[stop_at.end() :]
            at += len(words) - len(rest.lstrip())
            words = rest.lstrip()
            if _RUN.match(words) is None:
                break  # what follows is no capitalised word ("al-Qusayr" is one)
        else:
            yield at, words


def word_before(text: str, position: int) -> str:
    """The word (letters, digits, dots) right before ``position``, across blanks and at
    most one line break, within 30 characters; "" if none. A backwards scan, not a regex
    tried at each of the 30 positions."""
    low = max(0, position - 30)
    if position >= 2 and text[position - 1] == " " and text[position - 2] != " ":
        # The usual case, "in Aleppo": one blank after a plain word.
        space = text.rfind(" ", low, position - 1)
        word = text[(space + 1 if space >= 0 else low) : position - 1]
        if word.isalpha():
            return word
    head = text[low:position].rstrip(" \t")
    if head.endswith("\n"):
        head = head[:-1]
    if not head or head[-1].isspace():
        return ""
    found = _TAIL_WORD.search(head, max(0, len(head) - len(head.rsplit(None, 1)[-1])))
    return found.group() if found is not None else ""


def _well_known(gazetteer: Gazetteer, word: str) -> bool:
    """Whether ``word`` names a country, or is the main name of a region or a city of
    100,000+: "Kosovo" of "Kosovo-Serbian" is the country; "Russo" of "Russo-Ukrainian"
    (another name of Rueso) and "Luso" of "Luso-Brazilian" (of Puning) are not."""
    probe = strict_key(word)
    for p in gazetteer.candidates(skeleton(word))[:SPELL_CHECKED]:
        exact = gazetteer.exactness(p, probe)
        if (exact and gazetteer.kind[p] == COUNTRY) or (
            exact == 2 and (gazetteer.kind[p] == ADMIN1 or gazetteer.population[p] >= 100_000)
        ):
            return True
    return False


def _scan_run(text: str, run_start: int, run_end: int, gazetteer: Gazetteer, found: list[Toponym]) -> None:
    tokens: list[tuple[int, int, str]] = []
    for match in _TOKEN.finditer(text, run_start, run_end):
        word = _clean(match.group())
        if word:
            begin = match.start() + (match.group().find(word) if not match.group().startswith(word) else 0)
            tokens.append((begin, begin + len(word), word))
    if not tokens:
        return
    for position, (_, _, word) in enumerate(tokens[:-1]):
        if word.rstrip(".").lower() in TITLES and word[:1].isupper():
            tokens = tokens[:position]  # "... General Ali Muhammad": a person follows
            break
    if not tokens:
        return
    organisation, segment_of = _organisation_segments(tokens)
    hits: list[tuple[int, int]] = []  # token ranges of the names found in this run
    i = 0
    while i < len(tokens):
        begin, _, word = tokens[i]
        lower = word.lower()
        if (lower in _PARTICLE_SET and lower not in _ARTICLES) or (lower in COMMON_WORDS and i + 1 >= len(tokens)):
            i += 1
            continue
        if _COMBINING_FORM.match(text, tokens[i][0]) and not _well_known(gazetteer, word):
            i += 1  # "Russo-Ukrainian": a people's combining form, not the place Rueso
            continue
        hit = _longest_match(text, tokens, i, gazetteer)
        if hit is None or (
            lower in FUNCTION_WORDS and word[1:].islower() and hit[0] > i + 1
            and all(t[2].lower() in FUNCTION_WORDS for t in tokens[:i])  # only words like it before
            and text[tokens[i][1] : tokens[i][1] + 1] == " "
            and not gazetteer.spelt_as(hit[1], text[tokens[i][0] : tokens[hit[0] - 1][1]], every=True)
        ):
            # "In Aleppo, ..." or "At Hama": a sentence's first word, unless a place is spelt so
            # ("In Salah", "As Sukhnah"); an article joined by a hyphen stays ("As-Sukhnah");
            # likewise "Although an Italian corps": no place "an Italian".
            i += 1
            continue
        j, ids, code = hit
        name_start, name_end = tokens[i][0], tokens[j - 1][1]
        suffix, suffix_end = "", name_end
        if j < len(tokens):
            suffix = _suffix_kind(tokens[j][2])
            if suffix:
                suffix_end = tokens[j][1]
        if organisation[i] and suffix != FEATURE:
            i = j
            continue
        hits.append((i, j + (1 if suffix else 0)))
        found.append(
            Toponym(
                start=name_start,
                end=name_end,
                surface=text[name_start:name_end],
                ids=ids,
                suffix=suffix,
                suffix_end=suffix_end,
                partial=False,
                code=code,
            )
        )
        i = j + (1 if suffix else 0)
    # A name is partial when its stretch holds a capitalised word no name explains:
    # "Rasm" of "Rasm Al-Nafal" is, "Homs" of "Homs-Hama" is not; or when its stretch
    # holds another name with nothing between them: "Suleiman" and "Bek" are two
    # far towns, "Suleiman Bek" one the gazetteer lacks.
    covered = {k for a, b in hits for k in range(a, b)}
    unexplained = {
        segment_of[k]
        for k, (_, _, word) in enumerate(tokens)
        if k not in covered and word.lstrip(_HAMZAS)[:1].isupper() and word.lower() not in _PLAIN_COMMON
    }
    first = len(found) - len(hits)  # this run's names are the last len(hits) found
    for index, ((_, left_end), (right, _)) in enumerate(itertools.pairwise(hits)):
        gap = text[tokens[left_end - 1][1] : tokens[right][0]]
        if segment_of[left_end - 1] != segment_of[right]:
            continue
        # "Ivano-Darivka": a hyphen joins a loose match to a name, one village the gazetteer lacks
        # (whereas "Homs-Hama" joins two names spelt exactly).
        loose = gap == "-" and not all(
            _exact(found[first + k], gazetteer) for k in (index, index + 1)
        )
        if gap.isspace() or loose:
            unexplained.add(segment_of[right])
    for index, (a, _) in enumerate(hits):
        if segment_of[a] in unexplained:
            found[first + index] = found[first + index]._replace(partial=True)


def _exact(top: Toponym, gazetteer: Gazetteer) -> bool:
    """Whether a found name is spelt exactly as one of its candidates' names (or is a code)."""
    return top.code or gazetteer.spelt_as(top.ids, top.surface)


def _longest_match(
    text: str, tokens: list[tuple[int, int, str]], i: int, gazetteer: Gazetteer
) -> tuple[int, tuple[int, ...], bool] | None:
    """The longest n-gram from token ``i`` that names a place: (end token, ids, is-code)."""
    top = min(len(tokens), i + _MAX_NGRAM)
    for j in range(top, i, -1):
        last = tokens[j - 1][2]
        lower_last = last.lower()
        if lower_last in _PARTICLE_SET or (not last[:1].isupper() and not last[:1].isdigit()):
            continue
        if j - i == 1:
            if lower_last in COMMON_WORDS or _suffix_kind(last):
                return None
            if last.replace(".", "").isupper() and len(last) > 1:
                ident = gazetteer.codes.get(last)
                # An acronym ("ISIL", "SDF") is not a place unless it is a country code.
                return (j, (ident,), True) if ident is not None else None
        surface = text[tokens[i][0] : tokens[j - 1][1]]
        key = skeleton(surface)
        if not key:
            continue
        ids = gazetteer.candidates(key)
        if ids:
            if j - i >= 2 and _suffix_kind(last) == DISTRICT and _names_seat(text, tokens, i, j, ids, gazetteer):
                continue  # "Manbij District": the town Manbij, with a district word after it
            return j, ids, False
    return None


def _names_seat(
    text: str, tokens: list[tuple[int, int, str]], i: int, j: int, ids: tuple[int, ...], gazetteer: Gazetteer
) -> bool:
    """Whether ``tokens[i:j]`` names only districts whose eponymous town is ``tokens[i:j-1]``.

    Events in "X District" are coded to its seat X (ACLED), as before districts
    were in the gazetteer; a district named otherwise keeps its own centre.
    """
    if any(gazetteer.kind[p] != ADMIN2 for p in ids):
        return False
    seats = {gazetteer.seat_of[p] for p in ids if p in gazetteer.seat_of}
    if not seats:
        return False
    shorter = skeleton(text[tokens[i][0] : tokens[j - 2][1]])
    return not seats.isdisjoint(gazetteer.candidates(shorter)) if shorter else False


def _organisation_segments(tokens: list[tuple[int, int, str]]) -> tuple[list[bool], list[int]]:
    """Per token: whether its stretch (between "and"s) names an organisation, and which stretch.

    "State" counts only before more words ("Islamic State of Iraq"), not at the end
    of a region's name ("Rakhine State").
    """
    flags = [False] * len(tokens)
    segment_of = [0] * len(tokens)
    segment: list[int] = []

    def close() -> None:
        is_org = False
        for position, k in enumerate(segment):
            lower = tokens[k][2].lower()
            if lower in ORGANISATION_WORDS and tokens[k][2][:1].isupper():
                is_org = True
            if lower == "state" and position < len(segment) - 1:
                is_org = True
        for k in segment:
            flags[k] = is_org

    number = 0
    for k, (_, _, word) in enumerate(tokens):
        if word.lower() in _CONNECTORS:
            close()
            segment = []
            number += 1
        else:
            segment.append(k)
        segment_of[k] = number
    close()
    return flags, segment_of
