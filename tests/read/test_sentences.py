from __future__ import annotations

import pytest

from annals.read.sentences import split_sentences


def texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gen. Ali led the attack. The town fell.", ["Gen. Ali led the attack.", "The town fell."]),
        ("Lt. Col. Smith arrived. He left.", ["Lt. Col. Smith arrived.", "He left."]),
        ("The U.S. Army struck. Then it paused.", ["The U.S. Army struck.", "Then it paused."]),
        ("They advanced 1.5 km to the north. It was night.", ["They advanced 1.5 km to the north.", "It was night."]),
        ("George W. Bush spoke. Nobody listened.", ["George W. Bush spoke.", "Nobody listened."]),
        ("Attack on the town\nOn 3 May the army moved.", ["Attack on the town", "On 3 May the army moved."]),
        ('He said "retreat." The men ran.', ['He said "retreat."', "The men ran."]),
        ("Was it over? No, it was not!", ["Was it over?", "No, it was not!"]),
    ],
)
def test_sentences_split_where_a_reader_would(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_sentences_never_cross_a_line() -> None:
    text = "Heading without period\nBody sentence one. Body two."
    assert all("\n" not in part for part in texts(text))


@pytest.mark.parametrize("text", ["İstanbul and ISTANBUL", "Straße", "plain ascii"])
def test_lower_in_place_keeps_every_offset(text: str) -> None:
    from annals.document import lower_in_place

    lowered = lower_in_place(text)
    assert len(lowered) == len(text)
    assert lowered.replace("İ", "i") == text.lower().replace("i̇", "i")
