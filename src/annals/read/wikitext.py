"""Reader for a MediaWiki wikitext page, built on mwparserfromhell.

mwparserfromhell is lossless (``str(node)`` is its source text), so walking the
tree while counting characters gives every piece of prose its offset in the
file. Templates are dropped except those that render words (``{{convert}}``,
``{{flag}}``, ``{{lang}}``); references, comments, files and tables go too.
"""

from __future__ import annotations

import re

import mwparserfromhell
from mwparserfromhell.nodes import (
    Comment,
    ExternalLink,
    HTMLEntity,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.nodes import (
    Heading as HeadingNode,
)
from mwparserfromhell.wikicode import Wikicode

from annals.document import Document, InfoboxField, InfoboxItem, Span, TextBuilder, normalise_key
from annals.read.items import make_item
from annals.read.structure import Heading, build_sections, build_sentences

_LINE_MARKUP = re.compile(r"(?m)^[*#:;]+[ \t]*")
_DROPPED_LINKS = re.compile(r"^\s*:?\s*(?:file|image|category|media|wikt|wiktionary)\s*:", re.I)
_DROPPED_TAGS = {"ref", "table", "gallery", "math", "syntaxhighlight", "source", "timeline", "references", "score"}
_WORD_TEMPLATES = {"nowrap", "nobr", "small", "lang", "transl", "nowiki", "big", "abbr", "sic", "ill"}
_FLAG_TEMPLATES = {"flag", "flagcountry", "flagu", "army", "navy", "air force"}
_STATUS_TEMPLATES = {"kia": "KIA", "wia": "WIA", "pow": "POW", "executed": "executed", "mia": "MIA"}
_LIST_TEMPLATES = {"plainlist", "plain list", "ubl", "unbulleted list", "flatlist", "hlist", "collapsible list"}
_MONTHS = "January February March April May June July August September October November December".split()  # noqa: SIM905


def looks_like_wikitext(source: str) -> bool:
    head = source[:20000]
    return bool(re.search(r"\{\{\s*Infobox|'''|\[\[[^\]]+\]\]|^==[^=\n]+==\s*$", head, re.M | re.I))


def read_wikitext(source: str, path: str | None = None, title: str = "") -> Document:
    code = mwparserfromhell.parse(source)
    builder = TextBuilder()
    headings: list[Heading] = []
    fields: list[InfoboxField] = []
    position = 0
    for node in code.nodes:
        text = str(node)
        if isinstance(node, Template) and _name(node).startswith("infobox") and not fields:
            fields = _infobox_fields(source, node, position)
        else:
            _emit(source, node, position, builder, headings)
        position += len(text)
    body, offsets = builder.build()
    sections = build_sections(body, headings)
    if not title:
        title = _title_from_lead(code) or (headings[0].title if headings else "")
    return Document(
        source=source,
        text=body,
        offsets=offsets,
        title=title,
        format="wikitext",
        path=path,
        infobox=tuple(fields),
        sections=sections,
        sentences=build_sentences(body, sections, headings),
    )


def _name(template: Template) -> str:
    return " ".join(str(template.name).split()).lower().replace("_", " ")


def _title_from_lead(code: Wikicode) -> str:
    """The first bold phrase of the lead, which is how articles name themselves."""
    for tag in code.filter_tags(recursive=False):
        if str(tag.wiki_markup or "") == "'''":
            return tag.contents.strip_code().strip()
    return ""


def _emit(source: str, node: object, position: int, builder: TextBuilder, headings: list[Heading]) -> None:
    """Append the readable text of ``node``, which starts at ``position`` in source."""
    raw = str(node)
    if isinstance(node, Text):
        _emit_text(source, position, position + len(raw), builder)
    elif isinstance(node, HeadingNode):
        if len(builder) and not builder.endswith("\n\n"):
            builder.put("\n", position, position)
        inner = position + raw.index(str(node.title))
        start = len(builder)
        _emit_code(source, node.title, inner, builder, headings)
        title = node.title.strip_code().strip()
        headings.append(Heading(title, node.level, Span(start, len(builder))))
        builder.put("\n", position + len(raw), position + len(raw))
    elif isinstance(node, Wikilink):
        if _DROPPED_LINKS.match(str(node.title)):
            return
        label = node.text if node.text is not None else node.title
        _emit_code(source, label, position + raw.index(str(label), 2), builder, headings)
    elif isinstance(node, ExternalLink):
        if node.title is not None:
            _emit_code(source, node.title, position + raw.rindex(str(node.title)), builder, headings)
    elif isinstance(node, Template):
        _emit_template(source, node, position, builder, headings)
    elif isinstance(node, Tag):
        tag = str(node.tag).lower()
        if tag == "br":
            builder.put("\n", position, position + len(raw))
        elif tag not in _DROPPED_TAGS and node.contents is not None and not node.self_closing:
            contents = str(node.contents)
            if contents:
                _emit_code(source, node.contents, position + raw.index(contents), builder, headings)
    elif isinstance(node, HTMLEntity):
        builder.put(node.normalize(), position, position + len(raw))
    elif isinstance(node, Comment):
        return


def _emit_code(source: str, code: Wikicode, position: int, builder: TextBuilder, headings: list[Heading]) -> None:
    for node in code.nodes:
        _emit(source, node, position, builder, headings)
        position += len(str(node))


def _emit_text(source: str, start: int, end: int, builder: TextBuilder) -> None:
    """Copy plain text, dropping list and indent markup at line starts."""
    cursor = start
    for match in _LINE_MARKUP.finditer(source, start, end):
        if match.start() > start or start == 0 or source[start - 1] == "\n":
            builder.copy(source, cursor, match.start())
            cursor = match.end()
    builder.copy(source, cursor, end)


def _emit_template(source: str, node: Template, position: int, builder: TextBuilder, headings: list[Heading]) -> None:
    raw = str(node)
    name = _name(node)
    positional = [p for p in node.params if not p.showkey]
    if name in ("convert", "cvt") and len(positional) >= 2:
        value, unit = str(positional[0].value).strip(), str(positional[1].value).strip()
        builder.put(f"{value} {unit}", position, position + len(raw))
    elif (name in _WORD_TEMPLATES or name.startswith("lang-")) and positional:
        param = positional[-1] if name in ("lang", "transl") else positional[0]
        _emit_code(source, param.value, position + _param_value_offset(raw, param), builder, headings)
    elif name in _FLAG_TEMPLATES and positional:
        builder.put(str(positional[0].value).strip(), position, position + len(raw))
    elif name in ("start date", "end date", "start date and age", "date") and positional:
        rendered = _render_date([str(p.value).strip() for p in positional[:3]])
        if rendered:
            builder.put(rendered, position, position + len(raw))


def _param_value_offset(raw: str, param: object) -> int:
    text = str(param)
    value = str(getattr(param, "value", ""))
    return raw.index(text) + len(text) - len(value)


def _render_date(parts: list[str]) -> str:
    numbers = [p for p in parts if p.isdigit()]
    if len(numbers) == 3 and 1 <= int(numbers[1]) <= 12:
        return f"{int(numbers[2])} {_MONTHS[int(numbers[1]) - 1]} {numbers[0]}"
    if len(numbers) == 2 and 1 <= int(numbers[1]) <= 12:
        return f"{_MONTHS[int(numbers[1]) - 1]} {numbers[0]}"
    return numbers[0] if numbers else ""


def _infobox_fields(source: str, template: Template, position: int) -> list[InfoboxField]:
    """Each named parameter of the infobox as a field with items and spans."""
    raw = str(template)
    fields: list[InfoboxField] = []
    cursor = 0
    for param in template.params:
        text = str(param)
        found = raw.find(text, cursor)
        if found < 0:
            continue
        cursor = found + len(text)
        value_start = position + found + len(text) - len(str(param.value))
        value_end = position + cursor
        plain = _plain_value(param.value)
        items = _locate_items(source, value_start, value_end, plain)
        key = normalise_key(str(param.name))
        fields.append(InfoboxField(key, plain.strip(), _trim(source, value_start, value_end), tuple(items)))
    return fields


def _trim(source: str, start: int, end: int) -> Span:
    while start < end and source[start].isspace():
        start += 1
    while end > start and source[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _plain_value(code: Wikicode) -> str:
    """Readable text of an infobox value, one list item per line."""
    parts: list[str] = []
    for node in code.nodes:
        if isinstance(node, Text):
            parts.append(str(node))
        elif isinstance(node, Wikilink):
            if not _DROPPED_LINKS.match(str(node.title)):
                parts.append(_plain_value(node.text if node.text is not None else node.title))
        elif isinstance(node, Template):
            parts.append(_plain_template(node))
        elif isinstance(node, Tag):
            tag = str(node.tag).lower()
            if tag in ("br", "hr"):
                parts.append("\n")
            elif tag in ("li", "dt", "dd"):
                mark = str(node.wiki_markup or "*")
                if parts and re.fullmatch(r"\n[*#:;]+ ", parts[-1]):
                    parts[-1] = parts[-1][:-1] + mark + " "  # "**" arrives as two list tags
                else:
                    parts.append("\n" + mark + " ")
            elif tag not in _DROPPED_TAGS and node.contents is not None:
                parts.append(_plain_value(node.contents))
        elif isinstance(node, HTMLEntity):
            parts.append(node.normalize())
        elif isinstance(node, ExternalLink) and node.title is not None:
            parts.append(_plain_value(node.title))
    return "".join(parts)


def _plain_template(node: Template) -> str:
    name = _name(node)
    positional = [p for p in node.params if not p.showkey]
    if name in _STATUS_TEMPLATES:
        return _STATUS_TEMPLATES[name]
    if name in _LIST_TEMPLATES:
        return "\n" + "\n".join(_plain_value(p.value).strip() for p in positional) + "\n"
    if name in _FLAG_TEMPLATES and positional:
        return str(positional[0].value).strip()
    if (name in _WORD_TEMPLATES or name.startswith("lang-")) and positional:
        return _plain_value(positional[-1].value if name == "lang" else positional[0].value)
    if name in ("convert", "cvt") and len(positional) >= 2:
        return f"{str(positional[0].value).strip()} {str(positional[1].value).strip()}"
    if name in ("start date", "end date", "date", "start date and age"):
        return _render_date([str(p.value).strip() for p in positional[:3]])
    return ""


def _locate_items(source: str, start: int, end: int, plain: str) -> list[InfoboxItem]:
    """Items (one per line of the plain value), each spanning its words in source."""
    items: list[InfoboxItem] = []
    cursor = start
    for line in plain.split("\n"):
        item = make_item(line, 0, len(line))
        if item is None:
            continue
        found = source.find(item.text, cursor, end)
        span = Span(found, found + len(item.text)) if found >= 0 else _first_word_span(source, cursor, end, item.text)
        if found >= 0:
            cursor = found + len(item.text)
        items.append(InfoboxItem(item.text, item.level, span))
    return items


def _first_word_span(source: str, start: int, end: int, text: str) -> Span:
    """Where an item was rebuilt from a template: the template's span that names it."""
    word = text.split()[0] if text.split() else text
    found = source.find(word, start, end)
    if found < 0:
        return Span(start, start)
    close = source.find("}}", found, end)
    return Span(source.rfind("{{", start, found) if source.rfind("{{", start, found) >= 0 else found,
                close + 2 if close >= 0 else found + len(word))
