"""Numbers in digits and words, ranges and approximations, as spans.

"between 26 and 30", "26–30", "two or three", "around 400", "at least 10",
"1,200", "twenty-five", "dozens". Vague quantities ("dozens", "several") keep
their words but give no figure: a figure the text does not state is not made up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from annals.document import Span

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_VAGUE = {"dozens": (24, None), "a dozen": (12, 12), "scores": (40, None), "hundreds": (200, None),
          "thousands": (2000, None), "several": (3, None), "a few": (2, None), "many": (None, None),
          "a number of": (None, None), "tens": (20, None)}

_WORD = r"(?:" + "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True)) + r")"
_WORDNUM = rf"{_WORD}(?:[-\s]{_WORD})?(?:\s+(?:hundred|thousand)(?:\s+(?:and\s+)?{_WORD}(?:-{_WORD})?)?)?"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?(?:\s*(?:thousand|million))?"
_NUM = rf"(?:{_DIGITS}|{_WORDNUM})"
_APPROX = (
    r"(?:around|about|approximately|roughly|nearly|almost|some|up\s+to|over|more\s+than|at\s+least|fewer\s+than|"
    r"less\s+than|an\s+estimated|estimated|as\s+many\s+as|at\s+most|circa|~)"
)
_PATTERN = re.compile(
    rf"(?i:\b(?:(?P<approx>{_APPROX})\s+)?(?:between\s+(?P<b_low>{_NUM})\s+and\s+(?P<b_high>{_NUM})"
    rf"|(?P<low>{_NUM})(?:\s*(?:–|—|-|−|to|or)\s*(?P<high>{_NUM}))?)\b(?P<plus>\+)?"
    rf"|\b(?P<vague>dozens|a\s+dozen|scores|hundreds|thousands|several|a\s+few|tens|many|a\s+number\s+of)\b)"
)


@dataclass(frozen=True, slots=True)
class NumberMention:
    span: Span
    low: int | None
    high: int | None
    approx: str = ""  # "around", "at least", ... or "" for an exact figure
    vague: bool = False


def parse_number(words: str) -> int | None:
    """Digits ("1,200", "2.5 thousand") or English number words ("twenty-five")."""
    text = " ".join(words.lower().replace(",", "").split())
    scale = 1
    for word, factor in (("thousand", 1000), ("million", 1_000_000)):
        if re.fullmatch(rf"[\d.]+\s*{word}", text):
            return int(float(text.split(word)[0]) * factor)
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        value = float(text)
        return int(value) if value.is_integer() else None
    total = 0
    current = 0
    for token in re.split(r"[\s-]+", text):
        if token == "and":
            continue
        if token in _UNITS:
            current += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token in _SCALES:
            current = max(current, 1) * _SCALES[token]
            if _SCALES[token] >= 1000:
                total += current
                current = 0
        else:
            return None
    return (total + current) * scale


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[NumberMention]:
    stop = len(text) if end is None else end
    found: list[NumberMention] = []
    for match in _PATTERN.finditer(text, start, stop):
        span = Span(match.start(), match.end())
        if match.group("vague"):
            low, high = _VAGUE.get(" ".join(match.group("vague").lower().split()), (None, None))
            found.append(NumberMention(span, low, high, "", vague=True))
            continue
        low_text = match.group("b_low") or match.group("low")
        high_text = match.group("b_high") or match.group("high")
        low = parse_number(low_text) if low_text else None
        high = parse_number(high_text) if high_text else low
        if low is None:
            continue
        if high is None or high < low:
            high = low
        approx = " ".join((match.group("approx") or "").lower().split())
        if match.group("plus"):
            approx = approx or "at least"
        found.append(NumberMention(span, low, high, approx))
    return found
