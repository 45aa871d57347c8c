"""Split list-valued infobox text into items, keeping each item's source span.

Infobox values arrive as one line ("Syrian Army, * 11th Tank Division, , Hezbollah")
in the plain-text export, or as several lines / ``<br>`` breaks in wikitext. A
leading ``*`` marks a child of the item before it (units trees); empty items,
the residue of removed flag templates, are dropped; image sizes ("16px") go.
"""

from __future__ import annotations

import re

from annals.document import InfoboxItem, Span

_IMAGE_SIZE = re.compile(r"(?:\d+x)?\d+px\s+", re.IGNORECASE)
_FLAG = re.compile("[\U0001f1e6-\U0001f1ff]{2}")
_BULLETS = re.compile(r"^\s*(\*+|#+|-)\s*")


def split_items(source: str, start: int, end: int, *, separators: str = ",\n") -> list[InfoboxItem]:
    """Items of ``source[start:end]`` split at top-level separators (outside brackets)."""
    items: list[InfoboxItem] = []
    depth = 0
    cursor = start
    for index in range(start, end + 1):
        char = source[index] if index < end else "\n"
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(0, depth - 1)
        elif char in separators and depth == 0 and _is_separator(source, index, end):
            item = make_item(source, cursor, index)
            if item is not None:
                items.append(item)
            cursor = index + 1
    return items


def _is_separator(source: str, index: int, end: int) -> bool:
    """A comma inside a number ("1,200") is not a separator."""
    if source[index] != ",":
        return True
    before = source[index - 1] if index > 0 else " "
    after = source[index + 1] if index + 1 < end else " "
    return not (before.isdigit() and after.isdigit())


def make_item(source: str, start: int, end: int) -> InfoboxItem | None:
    """One item from ``source[start:end]``: bullets give its level; blanks give None."""
    raw = source[start:end]
    level = 0
    bullet = _BULLETS.match(raw)
    offset = 0
    if bullet:
        marks = bullet.group(1)
        level = len(marks) if marks[0] in "*#" else 0
        offset = bullet.end()
    while offset < len(raw) and raw[offset].isspace():
        offset += 1
    size = _IMAGE_SIZE.match(raw, offset)
    if size:
        offset = size.end()
    text = raw[offset:]
    stripped = text.strip(" \t\r\n,;")
    flag = _FLAG.search(stripped)
    while stripped and not (stripped[0].isalnum() or stripped[0] in "\"'(“"):
        stripped = stripped[1:].lstrip()  # flag emoji and other decoration
    if not stripped or not any(ch.isalnum() for ch in stripped):
        if flag is None:
            return None
        stripped = flag.group()  # a lone flag still names a country; the conflict stage reads it
    lead = offset + text.index(stripped)
    return InfoboxItem(stripped, level, Span(start + lead, start + lead + len(stripped)))
