"""Sections and sentences from a reader's text and the headings it found.

Readers only need to emit prose lines, blank lines between paragraphs, and
record where each heading sits; this module turns that into the structure that
every format shares.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from annals.document import Section, Sentence, Span
from annals.read.sentences import split_sentences

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")


@dataclass(frozen=True, slots=True)
class Heading:
    title: str
    level: int
    span: Span  # in text


def build_sections(text: str, headings: list[Heading]) -> tuple[Section, ...]:
    """One section per heading, running to the next heading of any level."""
    sections: list[Section] = []
    for index, heading in enumerate(headings):
        end = headings[index + 1].span.start if index + 1 < len(headings) else len(text)
        sections.append(Section(heading.title, heading.level, Span(heading.span.start, end)))
    return tuple(sections)


def build_sentences(
    text: str, sections: tuple[Section, ...], headings: list[Heading], start: int = 0
) -> tuple[Sentence, ...]:
    """Sentences of the prose, skipping heading lines, numbered by paragraph."""
    heading_spans = {h.span.start for h in headings}
    section_starts = [s.span.start for s in sections]
    sentences: list[Sentence] = []
    paragraph = 0
    cursor = start
    breaks = [m.end() for m in _PARAGRAPH_BREAK.finditer(text, start)] + [len(text)]
    section_index = -1
    for block_end in breaks:
        for span in split_sentences(text, cursor, block_end):
            if span.start in heading_spans:
                paragraph += 1
                continue
            while section_index + 1 < len(section_starts) and section_starts[section_index + 1] <= span.start:
                section_index += 1
            sentences.append(Sentence(span, section_index, paragraph))
        paragraph += 1
        cursor = block_end
    return tuple(sentences)
