"""Name keys: transliteration variants share a skeleton, different places do not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annals.geo.names import fold, relational, similarity, single_letters, skeleton, strict_key


@pytest.mark.parametrize(
    "variants",
    [
        ("Abu Kamal", "Albu Kamal", "Al-Bukamal", "Abou Kemal"),
        ("Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor", "Dair az-Zaur"),
        ("Sievierodonetsk", "Severodonetsk", "Syeverodonets'k"),
        ("Mar'yinka", "Marinka", "Mariinka"),
        ("Raqqa", "Ar-Raqqah", "Rakka"),
        ("Horlivka", "Gorlovka"),
        ("Zaporizhzhia", "Zaporozhye"),
        ("Kharkiv", "Kharkov"),
        ("Mayadin", "Al Mayadin", "Al-Mayadeen"),
        ("Avdiivka", "Avdeevka", "Avdiyivka"),
        ("Dhi Qar", "Thi Qar"),
        ("Ḩamāh", "Hamah", "Hama"),
    ],
)
def test_skeleton_transliteration_variants_match(variants: tuple[str, ...]) -> None:
    keys = {skeleton(name) for name in variants}
    assert len(keys) == 1 and "" not in keys


@pytest.mark.parametrize(
    ("first", "second"),
    [("Homs", "Hama"), ("Raqqa", "Ruqqa Dam Road"), ("Idlib", "Aleppo"), ("Western Cape", "Eastern Cape"),
     ("Northeast", "Northwest"), ("East Ghouta", "West Ghouta")],
)
def test_skeleton_different_places_differ(first: str, second: str) -> None:
    assert skeleton(first) != skeleton(second)


@pytest.mark.parametrize(
    ("name", "folded"), [("Ḩalab", "halab"), ("Mar’yinka", "maryinka"), ("Deir ez-Zor", "deir ez zor")]
)
def test_fold_removes_marks_and_splits_hyphens(name: str, folded: str) -> None:
    assert fold(name) == folded
    assert strict_key(name) == folded.replace(" ", "")


@pytest.mark.parametrize("name", ["Ohio", "Iowa", "Ottawa"])
def test_skeleton_short_names_fall_back_to_spelling(name: str) -> None:
    key = skeleton(name)
    assert key.startswith("=") and key == skeleton(name.upper())


@pytest.mark.parametrize(("a", "b", "low", "high"), [("hamas", "humus", 0.0, 0.7), ("mayadeen", "mayadin", 0.75, 1.0)])
def test_similarity_separates_lookalikes(a: str, b: str, low: float, high: float) -> None:
    assert low <= similarity(a, b) <= high


def _lcs_table(a: str, b: str) -> int:
    previous = [0] * (len(b) + 1)
    for char in a:
        current = [0]
        for j, other in enumerate(b):
            current.append(previous[j] + 1 if char == other else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdeh", max_size=14), st.text(alphabet="abcdeh", max_size=14))
def test_lcs_length_equals_the_quadratic_table(a: str, b: str) -> None:
    from annals.geo.names import lcs_length

    assert lcs_length(a, b) == _lcs_table(a, b)


@pytest.mark.parametrize(("key", "single"), [("aynissa", "aynisa"), ("hassakah", "hasakah"), ("raqqa", "raqa")])
def test_single_letters_writes_doubled_letters_once(key: str, single: str) -> None:
    assert single_letters(key) == single


@pytest.mark.parametrize(
    ("name", "suffixed"),
    [("Saqlawiyah", True), ("Hamadiyeh", True), ("Derbassiye", True), ("al-Ladhiqiyya", True),
     ("Shaqlawah", False), ("Rutbah", False), ("Qaryatayn", False), ("Daraya", False), ("Suwayda", False)],
)
def test_relational_suffix_is_told_from_a_plain_ending(name: str, suffixed: bool) -> None:
    assert relational(strict_key(name)) is suffixed
