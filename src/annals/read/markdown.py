"""Reader for Markdown articles with YAML front matter (``corpus/wikipedia``).

The front matter keeps part of the infobox: ``subject`` (the title), ``date``,
``place`` and, inside ``tags``, the part-of line and the belligerent lists among
the categories. The body is Markdown: headings, links, images, emphasis.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from annals.document import Document, InfoboxField, InfoboxItem, Span, TextBuilder
from annals.errors import ReadError
from annals.read.items import make_item
from annals.read.structure import Heading, build_sections, build_sentences

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 20x faster
_FRONT = re.compile(r"\A\ufeff?---[ \t]*\n(?P<yaml>.*?\n)---[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^(?P<marks>#{1,6})\s+(?P<title>.+?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+|^\s*>\s?")
_INLINE = re.compile(
    r"(?P<image>!\[[^\]\n]*\]\([^)\n]*\))"
    r"|(?P<junk>\[object Object\]|\\\[\d+\\\]|\[\d+\])"
    r"|(?P<link>\[(?P<label>[^\]\n]*)\]\((?:[^()\n]|\([^)\n]*\))*\))"
    r"|(?P<strong>\*\*|__)"
    r"|(?P<em>(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*]))"
    r"|(?P<tag></?[A-Za-z][^>\n]{0,200}>)"
    r"|(?P<entity>&(?:nbsp|amp|lt|gt|quot|#\d{1,6});)"
)
_ENTITIES = {"&nbsp;": " ", "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"'}
_CATEGORY = re.compile(
    r"^(?:Military operations|Battles|Conflicts|Sieges|Massacres|Airstrikes|Attacks|Wars|Military history|"
    r"History of|Mass murder|Terrorist incidents|Explosions|(?:19|20)\d\d\b)|\bevents in\b|\bcontroversies\b|"
    r"\b(?:in|of)\s+(?:19|20)\d\d$|\bin\s+(?:19|20)\d\d\b(?!\s*[–-])"
    r"|\b(?:Governorate|Province|Oblast|District|Region)\s+in\s+the\b",  # "Raqqa Governorate in the Syrian civil war"
    re.IGNORECASE,
)
_SIDE_HINT = re.compile("[\U0001f1e6-\U0001f1ff]|[Ss]upport(?:ed by)?:|^\\s*\\*", re.M)
_PART_OF_HINT = re.compile(
    r"^the\b|\b(?:war|campaign|conflict|intervention|invasion|insurgency|crisis|operation|offensive|uprising)s?\b", re.I
)


def looks_like_markdown(source: str) -> bool:
    return _FRONT.match(source) is not None or re.search(r"^#{1,6} \S", source[:20000], re.M) is not None


def read_markdown(source: str, path: str | None = None) -> Document:
    front = _FRONT.match(source)
    meta: dict[str, Any] = {}
    body_start = 0
    if front:
        try:
            loaded = yaml.load(front.group("yaml"), Loader=_LOADER)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" (line {mark.line + 2})" if mark is not None else ""
            raise ReadError(
                "READ-E006",
                f"the YAML front matter does not parse{where}: {getattr(exc, 'problem', exc)}",
                path=path,
                hint="quote the offending value, or read the file as plain text with --input-format plain",
            ) from exc
        meta = loaded if isinstance(loaded, dict) else {}
        body_start = front.end()
    fields = _front_matter_fields(source, front.end("yaml") if front else 0, meta)
    builder = TextBuilder()
    headings: list[Heading] = []
    position = body_start
    lines = source[body_start:].splitlines(keepends=True)
    prose = [_prose(line) for line in lines] + [False]
    for index, line in enumerate(lines):
        _add_line(source, position, position + len(line), builder, headings, prose[index] and prose[index + 1])
        position += len(line)
    text, offsets = builder.build()
    sections = build_sections(text, headings)
    title = str(meta.get("subject") or meta.get("title") or (headings[0].title if headings else ""))
    keys = ("subject", "shortDescription", "pubDate", "author")
    metadata: dict[str, str] = {k: str(meta[k]) for k in keys if k in meta}
    return Document(
        source=source,
        text=text,
        offsets=offsets,
        title=title,
        format="markdown",
        path=path,
        infobox=tuple(fields),
        sections=sections,
        sentences=build_sentences(text, sections, headings),
        metadata=metadata,
    )


def _prose(line: str) -> bool:
    """A line of running text: wrapped lines of one paragraph join into one."""
    stripped = line.strip()
    return bool(stripped) and not _HEADING.match(stripped) and not stripped.startswith("|") \
        and not _BULLET.match(line)


def _add_line(source: str, start: int, end: int, builder: TextBuilder, headings: list[Heading],
              joins_next: bool = False) -> None:
    line = source[start:end].rstrip("\r\n")
    newline = start + len(line)
    heading = _HEADING.match(line)
    if heading:
        if len(builder) and not builder.endswith("\n\n"):
            builder.put("\n", start, start)
        text_start = len(builder)
        _add_inline(source, start + heading.start("title"), start + heading.end("title"), builder)
        headings.append(Heading(heading.group("title"), len(heading.group("marks")), Span(text_start, len(builder))))
        builder.put("\n\n", newline, end)
        return
    if line.lstrip().startswith("|") or not line.strip():
        builder.put("\n", newline, end)  # blank line or table row: a paragraph break
        return
    bullet = _BULLET.match(line)
    offset = bullet.end() if bullet else len(line) - len(line.lstrip())
    _add_inline(source, start + offset, start + len(line.rstrip()), builder)
    builder.put(" " if joins_next else "\n", newline, end)


def _add_inline(source: str, start: int, end: int, builder: TextBuilder) -> None:
    """Copy one line, dropping Markdown markup and keeping link labels verbatim."""
    cursor = start
    for match in _INLINE.finditer(source, start, end):
        builder.copy(source, cursor, match.start())
        if match.group("link") is not None:
            builder.copy(source, match.start("label"), match.end("label"))
        elif match.group("entity") is not None:
            value = match.group("entity")
            decoded = _ENTITIES.get(value) or chr(int(value[2:-1]))
            builder.put(decoded, match.start(), match.end())
        cursor = match.end()
    builder.copy(source, cursor, end)


def _front_matter_fields(source: str, limit: int, meta: dict[str, Any]) -> list[InfoboxField]:
    """Infobox fields from the front matter, each pointing at its text there."""
    fields: list[InfoboxField] = []
    for key in ("date", "place"):
        values = _strings(meta.get(key))
        if values:
            fields.append(_field(source, limit, key, values))
    tags = _strings(meta.get("tags"))
    title = str(meta.get("subject") or "")
    part_of, sides = _classify_tags(tags, title)
    if part_of:
        fields.append(_field(source, limit, "partof", [part_of]))
    for number, side in enumerate(sides, start=1):
        fields.append(_field(source, limit, f"combatant{number}", [side]))
    return fields


def _classify_tags(tags: list[str], title: str) -> tuple[str | None, list[str]]:
    """Split the tags into the part-of line, the belligerent lists and categories."""
    # The first tag repeats the title, sometimes without its qualifier ("Battle of Raqqa" for
    # "Battle of Raqqa (2013)"): neither is a side.
    short = _QUALIFIER.sub("", title).strip()
    title_words = _words(short)
    names = {title.strip().lower(), short.lower()}
    rest = [t for t in tags if t.strip() and t.strip().lower() not in names]
    if rest and _names_the_title(rest[0], title_words):
        rest.pop(0)  # "Second Battle of Ras al-Ayn" for "Battle of Ras al-Ayn (2019)"
    parents: list[str] = []
    while rest and not _SIDE_HINT.search(rest[0]) and _PART_OF_HINT.search(rest[0]) and not _CATEGORY.search(rest[0]):
        parents.append(rest.pop(0))
    part_of = "\n".join(parents) or None
    sides: list[str] = []
    for tag in rest:
        if _CATEGORY.search(tag) and not _SIDE_HINT.search(tag):
            break
        if len(sides) >= 2 and _within_title(tag, title_words):
            break  # "Palmyra" after the two sides of "Palmyra offensive": the place's category
        sides.append(tag)
    return part_of, sides[:4]


_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")  # "Battle of Raqqa (2013)" -> "Battle of Raqqa"


def _words(text: str) -> set[str]:
    return set(re.findall(r"[\w'-]+", text.lower()))


def _within_title(tag: str, title_words: set[str]) -> bool:
    """Whether a one-line tag is made of some of the title's words ("Palmyra")."""
    words = _words(tag) if "\n" not in tag.strip() else set()
    return bool(words) and words < title_words


def _names_the_title(tag: str, title_words: set[str]) -> bool:
    """Whether a one-line tag is another name of the article's subject: it holds every word
    of the title without its qualifier, or it is an event's name made of the title's words
    ("Battle of Fallujah (2016)" for "Third Battle of Fallujah")."""
    if "\n" in tag.strip() or not title_words:
        return False
    own = _words(_QUALIFIER.sub("", tag))
    return title_words <= own or (own <= title_words and _EVENT_NAME.search(tag) is not None)


_EVENT_NAME = re.compile(r"(?i)\b(?:battle|siege|offensive|campaign|operation|capture|fall|clashes|massacre)s?\b")


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value if v is not None and str(v).strip()]
    return [str(value)] if str(value).strip() else []


_GAP = re.compile(r"(?<=\S) {2,}(?=\S)")


def _field(source: str, limit: int, key: str, values: list[str]) -> InfoboxField:
    """A field whose items are the lines of ``values`` found in the front matter."""
    items: list[InfoboxItem] = []
    cursor = 0
    for value in values:
        # Two names on one line with a wide gap between them ("Al-Nusra Front  Islamic State
        # of Iraq") lost the flag icon that stood there: they are two items.
        for line in (part for raw in value.splitlines() for part in _GAP.split(raw.strip())):
            found = source.find(line, cursor, limit) if line else -1
            if found < 0:
                continue
            cursor = found + len(line)
            item = make_item(source, found, cursor)
            if item is not None:
                items.append(item)
    span = Span(items[0].span.start, items[-1].span.end) if items else Span(0, 0)
    text = "\n".join(values)
    return InfoboxField(key, text.strip(), span, tuple(items))
