"""Reader for plain text: paragraphs separated by blank lines.

Soft line breaks inside a paragraph (text wrapped at 72 columns) become spaces,
so a sentence may run over several lines of the file. A first short line with
no final full stop is taken as the title.
"""

from __future__ import annotations

import re

from annals.document import Document, TextBuilder
from annals.read.structure import Heading, build_sections, build_sentences

_PARAGRAPHS = re.compile(r"(?:[^\n]*\S[^\n]*(?:\n|$))+")


def read_plain(source: str, path: str | None = None) -> Document:
    builder = TextBuilder()
    headings: list[Heading] = []
    title = ""
    for block in _PARAGRAPHS.finditer(source):
        lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", block.group())]
        lines = [(block.start() + a, block.start() + b) for a, b in lines]
        for index, (start, end) in enumerate(lines):
            builder.copy(source, start, end)
            if index + 1 < len(lines):
                builder.put(" ", end, end + 1)
        builder.put("\n\n", block.end(), block.end())
        if not title and len(lines) == 1:
            candidate = source[lines[0][0] : lines[0][1]].strip()
            if len(candidate) < 120 and not candidate.endswith((".", "!", "?")):
                title = candidate.strip("=# ")
    text, offsets = builder.build()
    sections = build_sections(text, headings)
    return Document(
        source=source,
        text=text,
        offsets=offsets,
        title=title,
        format="plain",
        path=path,
        sections=sections,
        sentences=build_sentences(text, sections, headings),
    )
