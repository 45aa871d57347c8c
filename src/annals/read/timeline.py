"""Reader for dated timelines in JSON: ``{"<day month>": [{"event": text, ...}]}``.

Scraped Wikipedia timelines ("Timeline of the Syrian Civil War") come as one JSON
object per file: each key a day ("1 August"), each value the day's entries, each
entry an ``event`` string (with ``refs`` beside it). Later files nest the days in
months (``{"January 2015": [{"3 January": [...]}]}``). The year is in a month key
or else in the file name.

Each day becomes a line of its own ("1 August 2012."), mapped to the day's key, and
each event a paragraph after it, mapped to its JSON string, escapes and all: the
narrative clock dates the entries from the day line, and every evidence span points
at the source. ``refs`` (link titles and sources) are not narrative and are left out.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from annals.document import Document, TextBuilder
from annals.errors import ReadError
from annals.read.structure import build_sections, build_sentences

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
# A JSON string with its quotes, then a colon: an object key and where its value starts.
_KEY = re.compile(r'"((?:[^"\\]|\\.)*)"\s*:\s*')
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_DAY = re.compile(rf"^(?P<day>\d{{1,2}})\s+(?P<month>{_MONTHS})$")
_MONTH_YEAR = re.compile(rf"^(?:{_MONTHS})\s+(?P<year>\d{{4}})$")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_ESCAPE = re.compile(r"\\(?:u[0-9a-fA-F]{4}|.)")
_SIMPLE_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def looks_like_timeline(source: str) -> bool:
    """A JSON object whose entries carry ``"event"`` strings."""
    head = source.lstrip("\ufeff \t\r\n")[:1]
    return head == "{" and '"event"' in source[:200_000]


def read_timeline(source: str, path: str | None = None) -> Document:
    try:
        json.loads(source)
    except json.JSONDecodeError as exc:
        raise ReadError(
            "READ-E009",
            f"the timeline is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
            path=path,
            hint="the file may be cut short; fetch it again, or read it as text with --input-format plain",
        ) from exc
    year = _file_year(path)
    builder = TextBuilder()
    day: tuple[str, int, bool] | None = None  # the day's words, where its key starts, whether written
    events = 0
    for key in _KEY.finditer(source):
        name = key.group(1)
        month_year = _MONTH_YEAR.match(name)
        if month_year:
            year = int(month_year.group("year"))
            continue
        if _DAY.match(name):
            day = (name, key.start(), False)
            continue
        if name != "event" or day is None:
            continue
        value = _STRING.match(source, key.end())
        if value is None:
            continue
        words, day_start, led = day
        if not led:  # the day once, as a line of its own: its entries inherit the date
            builder.put(f"{words} {year}.\n\n" if year is not None else f"{words}.\n\n", day_start + 1,
                        day_start + 1 + len(words))
            day = (words, day_start, True)
        _copy_json_string(source, value.start(1), value.end(1), builder)
        builder.put("\n\n", value.end(), value.end())
        events += 1
    if not events:
        raise ReadError(
            "READ-E009",
            'the JSON holds no timeline entries (no "event" under a day such as "1 August")',
            path=path,
            hint="annals reads timelines shaped {\"1 August\": [{\"event\": ...}]}; convert other JSON to text",
        )
    text, offsets = builder.build()
    sections = build_sections(text, [])
    return Document(
        source=source,
        text=text,
        offsets=offsets,
        title=_title(path),
        format="timeline",
        path=path,
        sections=sections,
        sentences=build_sentences(text, sections, []),
    )


def _copy_json_string(source: str, start: int, end: int, builder: TextBuilder) -> None:
    """The decoded string ``source[start:end]``: plain runs copied verbatim, each escape
    put as the character it stands for (mapped to the escape's own span)."""
    cursor = start
    for escape in _ESCAPE.finditer(source, start, end):
        builder.copy(source, cursor, escape.start())
        code = escape.group()[1:]
        char = chr(int(code[1:], 16)) if code.startswith("u") else _SIMPLE_ESCAPES.get(code, code)
        builder.put(" " if char in "\r\n\t" else char, escape.start(), escape.end())
        cursor = escape.end()
    builder.copy(source, cursor, end)


def _file_year(path: str | None) -> int | None:
    """The last year in the file name ("Timeline ... (May–August 2012).json")."""
    if not path:
        return None
    found = _YEAR.findall(Path(path).stem)
    return int(found[-1]) if found else None


def _title(path: str | None) -> str:
    return Path(path).stem.replace("_", " ") if path else "Timeline"
