"""Sentence and paragraph splitting over a document's readable text.

A rule splitter, not a model: it is fast, deterministic and good enough for
encyclopedic prose. Lines never join (a heading or a list item is its own
sentence); inside a line, a full stop ends a sentence unless it closes a known
abbreviation ("Gen.", "Lt. Col.", "U.S."), an initial, or sits inside a number.
"""

from __future__ import annotations

import re

from annals.document import Span

# Abbreviations after which a full stop does not end a sentence, lower-cased,
# without their final period.
ABBREVIATIONS = frozenset(
    """
    gen lt col maj capt cpt sgt cpl pvt adm brig cmdr cmd lieut gov pres sen rep
    mr mrs ms dr prof st mt ft no nos vs etc approx est al jr sr inc ltd co corp
    jan feb mar apr jun jul aug sep sept oct nov dec km sq ca cf ibid fig u.s u.n
    u.k e.g i.e a.m p.m d.c u.s.a u.s.s.r govt dept div bn bde regt sqn
    """.split()  # noqa: SIM905 - a word list reads better as text
)

_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+)")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_LINE = re.compile(r"[^\n]+")


def _is_boundary(text: str, end: int, line_end: int) -> bool:
    """Whether the punctuation run ending at ``end`` closes a sentence."""
    rest = text[end:line_end].lstrip()
    if not rest:
        return True
    first = rest[0]
    if first.islower() or first in ",;:)":
        return False
    punct_at = end
    while punct_at > 0 and text[punct_at - 1] in "\"'”’)]":
        punct_at -= 1
    if text[punct_at - 1] != ".":
        return True  # ! or ?
    match = _WORD_BEFORE.search(text, max(0, punct_at - 40), punct_at - 1)
    word = match.group(1) if match else ""
    bare = word.rstrip(".").lower()
    if bare in ABBREVIATIONS:
        return False
    if len(bare) == 1 and bare.isalpha() and word[:1].isupper():
        return False  # an initial: "George W. Bush"
    return not (re.fullmatch(r"(?:[a-z]\.)+[a-z]", bare) is not None)


def split_line(text: str, start: int, end: int) -> list[Span]:
    """Split one line ``text[start:end]`` into sentence spans (trimmed)."""
    spans: list[Span] = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        if _is_boundary(text, match.end(), end):
            spans.append(Span(cursor, match.end()))
            cursor = match.end()
    spans.append(Span(cursor, end))
    return [trimmed for span in spans if (trimmed := _trim(text, span)) is not None]


def _trim(text: str, span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """All sentence spans in ``text[start:end]``; no sentence crosses a line break."""
    stop = len(text) if end is None else end
    spans: list[Span] = []
    for line in _LINE.finditer(text, start, stop):
        spans.extend(split_line(text, line.start(), line.end()))
    return spans
