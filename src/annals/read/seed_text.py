"""Reader for the plain-text article export used by the seed article.

Layout: ``= Title =``, an ``Infobox`` line followed by ``- Key: value`` lines,
then prose with ``== Section ==`` headings and ``- `` list items.
"""

from __future__ import annotations

import re

from annals.document import Document, InfoboxField, Span, TextBuilder, normalise_key
from annals.read.items import split_items
from annals.read.structure import Heading, build_sections, build_sentences

_TITLE = re.compile(r"\A\s*=\s*(?P<title>[^=\n]+?)\s*=\s*$", re.MULTILINE)
_HEADING = re.compile(r"^(?P<marks>={2,6})\s*(?P<title>.+?)\s*(?P=marks)\s*$")
_FIELD = re.compile(r"^- (?P<key>[A-Za-z][\w ]{0,40}?):[ \t]*(?P<value>.*)$")
_LIST_ITEM = re.compile(r"^\s*[-*]\s+")


def looks_like_seed_text(source: str) -> bool:
    head = source[:4000]
    return bool(_TITLE.match(head)) and re.search(r"^Infobox\s*$", head, re.MULTILINE) is not None


def read_seed_text(source: str, path: str | None = None) -> Document:
    title_match = _TITLE.match(source)
    title = title_match.group("title") if title_match else ""
    cursor = title_match.end() if title_match else 0
    infobox, cursor = _read_infobox(source, cursor)
    builder = TextBuilder()
    headings: list[Heading] = []
    lines = [(cursor + m.start(), cursor + m.end()) for m in re.finditer(r"[^\n]*\n?", source[cursor:]) if m.group()]
    prose = [_prose(source[begin:end]) for begin, end in lines] + [False]
    for index, (begin, end) in enumerate(lines):
        _add_line(source, begin, end, builder, headings, prose[index] and prose[index + 1])
    text, offsets = builder.build()
    sections = build_sections(text, headings)
    return Document(
        source=source,
        text=text,
        offsets=offsets,
        title=title,
        format="seed",
        path=path,
        infobox=tuple(infobox),
        sections=sections,
        sentences=build_sentences(text, sections, headings),
    )


def _read_infobox(source: str, cursor: int) -> tuple[list[InfoboxField], int]:
    """Fields of the ``Infobox`` block; returns them and where the prose starts."""
    block = re.compile(r"\s*^Infobox\s*$\n", re.MULTILINE).match(source, cursor)
    if not block:
        return [], cursor
    fields: list[InfoboxField] = []
    position = block.end()
    for line in re.finditer(r"[^\n]*\n?", source[position:]):
        content = line.group().rstrip("\n")
        match = _FIELD.match(content)
        if not match:
            break
        start = position + line.start() + match.start("value")
        end = position + line.start() + match.end("value")
        value = source[start:end]
        key = normalise_key(match.group("key"))
        fields.append(InfoboxField(key, value.strip(), Span(start, end), tuple(split_items(source, start, end))))
        cursor = position + line.end()
    return fields, cursor


def _prose(line: str) -> bool:
    """A line of running text (not blank, a heading or a list item): wrapped lines join."""
    return bool(line.strip()) and not _HEADING.match(line.rstrip("\n")) and not _LIST_ITEM.match(line)


def _add_line(source: str, start: int, end: int, builder: TextBuilder, headings: list[Heading],
              joins_next: bool = False) -> None:
    line = source[start:end].rstrip("\n")
    newline_at = start + len(line)
    heading = _HEADING.match(line)
    if heading:
        if len(builder) and not builder.endswith("\n\n"):
            builder.put("\n", start, start)
        span = builder.copy(source, start + heading.start("title"), start + heading.end("title"))
        headings.append(Heading(heading.group("title"), len(heading.group("marks")) - 1, span))
    elif line.strip():
        bullet = _LIST_ITEM.match(line)
        offset = bullet.end() if bullet else len(line) - len(line.lstrip())
        builder.copy(source, start + offset, start + len(line.rstrip()))
    if end > newline_at:
        if joins_next:
            builder.put(" ", newline_at, newline_at + 1)  # a soft wrap inside a paragraph
        else:
            builder.copy(source, newline_at, newline_at + 1)
    if heading:
        builder.put("\n", newline_at, newline_at)
