"""Shortcuts taken for speed give exactly what the plain computation gives."""

from __future__ import annotations

import random
import re
from typing import cast

import pytest

from annals.geo.finder import _names_seat, word_before
from annals.geo.gazetteer import ADMIN2, CITY, Gazetteer
from annals.geo.names import lcs_length, similarity, skeleton
from annals.geo.relations import relation_before
from annals.geo.resolve import _FEATURE, _feature_matches
from annals.patterns import trie_pattern

# The plain computation the finder's backwards scan stands for (on text whose line breaks
# have no blanks beside them).
_WORD_BEFORE = re.compile(r"([\w.]+)[ \t]*$")

TEXT = (
    "On 3 May the army shelled the T-3 Pumping Station and the Haditha Dam complex near Haditha.\n"
    "President Bashar al-Assad visited  Aleppo; General Ali Mamluk met\nColonel Smith in Homs. "
    "Fighting moved 20 km southeast of the town of Mayadin, close to Abu Kamal, not far from Hajin "
    "and between Hama and Salamiyah, from Raqqa to the Tabqa Airbase, in the northern outskirts of Deir ez-Zor, "
    "outside of Manbij, on the edge of Al-Bab, the Battle of Mosul, Governor of Idlib, next to Afrin airfields, "
    "in northern Latakia."
)


def test_finder_word_before_matches_the_pattern() -> None:
    for position in range(len(TEXT) + 1):
        found = _WORD_BEFORE.search(TEXT, max(0, position - 30), position)
        assert word_before(TEXT, position) == (found.group(1) if found else ""), position


def test_finder_trie_pattern_matches_like_the_alternation() -> None:
    words = ["air", "airbase", "airport", "base", "bases", "dam", "de", "del", "des", "station"]
    trie = re.compile(rf"\b(?:{trie_pattern(words)})\b")
    plain = re.compile(rf"\b(?:{'|'.join(sorted(words, key=len, reverse=True))})\b")
    text = "the airbase and air port, a dam, del des de bases station airports"
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_resolve_feature_matches_equal_a_full_scan() -> None:
    text = TEXT + " " + TEXT.replace("Dam", "dam") + " İstanbul Atatürk Airport"
    expected = [(m.span(), m.group("name"), m.group("head")) for m in _FEATURE.finditer(text)]
    got = [(m.span(), m.group("name"), m.group("head")) for m in _feature_matches(text)]
    assert got == expected and len(expected) >= 4


def test_relations_shortcuts_keep_every_relation() -> None:
    found = {relation_before(TEXT, 0, m.start()).kind for m in re.finditer(r"[A-Z]", TEXT)}
    assert {"offset", "near", "between", "from", "part"} <= found
    battle = TEXT.index("Mosul")
    assert relation_before(TEXT, 0, battle).kind == ""  # "Battle of": no relation


def _lcs_table(a: str, b: str) -> int:
    row = [0] * (len(b) + 1)
    for ch in a:
        previous = 0
        for j, other in enumerate(b):
            current = row[j + 1]
            row[j + 1] = previous + 1 if ch == other else max(row[j + 1], row[j])
            previous = current
    return row[-1]


def test_names_lcs_length_matches_the_table_with_cached_masks() -> None:
    rng = random.Random(4)
    for _ in range(500):
        a = "".join(rng.choice("abcd") for _ in range(rng.randint(0, 10)))
        b = "".join(rng.choice("abcd") for _ in range(rng.randint(0, 10)))
        assert lcs_length(a, b) == _lcs_table(a, b)
        assert lcs_length(a, b) == lcs_length(a, b)  # the masks of b now come from the cache


def test_gazetteer_closest_name_floor_skips_only_hopeless_names() -> None:
    gaz = Gazetteer.load()
    place = next(p for p in gaz.candidates("mVdVn") if gaz.kind[p] == CITY)
    names = [n for n in gaz.strict[place].split("|") if n]
    best = max(similarity("mayadeen", n) for n in names)
    assert gaz.closest_name(place, "mayadeen") == pytest.approx(best)
    assert gaz.closest_name(place, "mayadeen", floor=best) == pytest.approx(best)
    assert gaz.closest_name(place, "mayadeen", floor=min(1.0, best + 0.01)) == 0.0


class _StubGazetteer:
    """The three members _names_seat reads."""

    def __init__(self) -> None:
        self.kind = bytes([CITY, ADMIN2])
        self.seat_of = {1: 0}
        self.keys = {skeleton("Manbij"): (0,)}

    def candidates(self, key: str) -> tuple[int, ...]:
        return self.keys.get(key, ())


def test_finder_district_with_an_eponymous_seat_reads_as_the_town() -> None:
    text = "Manbij District"
    tokens = [(0, 6, "Manbij"), (7, 15, "District")]
    gaz = cast(Gazetteer, _StubGazetteer())
    assert _names_seat(text, tokens, 0, 2, (1,), gaz)
    assert not _names_seat(text, tokens, 0, 2, (0, 1), gaz)  # a town of that name too: keep the long name
