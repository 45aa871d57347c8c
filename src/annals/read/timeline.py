"""Reader for dated timelines in JSON: ``{"<day month>": [{"event": text, ...}]}``.

Scraped Wikipedia timelines ("Timeline of the Syrian Civil War") come as one JSON
object per file: each key a day ("1 August", also "November 29", "26–27 September"
or "1 July – Friday of Departure"), each value the day's entries, each entry an
``event`` string with ``refs`` beside it. Later files nest the days in months
(``{"January 2015": [{"3 January": [...]}]}``). The year is in a month key, else in
the file name ("... (September–December 2011).json").

Each entry becomes a paragraph, mapped to its JSON string, escapes and all, after a
line of its day ("1 August 2012."), mapped to the day's key: the narrative clock dates
every entry from its own key, not from a date the entry before happened to state, and
every evidence span points at the source. Under a "Month YYYY" key with no day, the
line is the month's; under a key that names no day there ("31 February", "Unsorted",
a bare "March") there is none, and the clock carries the last date on.
``refs`` (link titles and sources) are not narrative and are left out.

The source is read once, token by token (strings and brackets), so that nesting is
known without a second parser and a file of any size reads in linear time.
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from pathlib import Path

from annals.document import Document, TextBuilder
from annals.errors import ReadError
from annals.read.structure import build_sections, build_sentences
from annals.temporal.parse import MONTHS

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))  # "September" before "Sep"
_YEAR = r"1[89][0-9]{2}|20[0-9]{2}"
_OBJECT_START = re.compile(r"[\ufeff \t\r\n]*\{")
# A JSON string (quotes included) or a bracket: the tokens whose nesting matters.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]]')
_KEY_COLON = re.compile(r"\s*:")
_DAY_FIRST = re.compile(rf"(?i)(?P<day>[0-9]{{1,2}})(?:\s*[–—-]\s*[0-9]{{1,2}})?\s+(?P<month>{_MONTH})\b")
_MONTH_FIRST = re.compile(rf"(?i)(?P<month>{_MONTH})\.?\s+(?P<day>[0-9]{{1,2}})\b")
_MONTH_YEAR = re.compile(rf"(?i)(?P<month>{_MONTH})\.?,?\s+(?P<year>{_YEAR})\b")
_NAMED_MONTH = re.compile(rf"(?i)\b(?P<month>{_MONTH})\b(?:\s+(?P<year>{_YEAR}))?")
_ANY_YEAR = re.compile(rf"(?<![0-9])(?:{_YEAR})(?![0-9])")
# An escape: a surrogate pair first (one character), then any other.
_ESCAPE = re.compile(r"\\(?:u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)")


@dataclass(frozen=True, slots=True)
class _Date:
    """What a key says of the date: a day or a month, and a year if it names one."""

    month: int
    day: int | None
    year: int | None


@dataclass(frozen=True, slots=True)
class _Frame:
    """An open object or list, with the key whose value it is ("" at the top and in lists)
    and the date that key names, read once when the frame opens."""

    bracket: str
    key: str
    key_start: int  # where that key's string starts in the source (-1 if none)
    key_end: int
    date: _Date | None = None


def looks_like_timeline(source: str) -> bool:
    """A JSON object whose entries carry ``"event"`` strings. Asked of every document read,
    so it copies nothing (a 50 MB article is not stripped or sliced to answer)."""
    return _OBJECT_START.match(source) is not None and source.find('"event"', 0, 200_000) >= 0


def read_timeline(source: str, path: str | None = None) -> Document:
    try:
        json.loads(source.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        raise ReadError(
            "READ-E009",
            f"the timeline is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
            path=path,
            hint="the file may be cut short; fetch it again, or read it as text with --input-format plain",
        ) from exc
    years = _file_years(path)
    builder = TextBuilder()
    stack: list[_Frame] = []
    key, key_start, key_end = "", -1, -1  # the key waiting for its value in the innermost object
    events = 0
    for token in _TOKEN.finditer(source):
        text = token.group()
        if text in ("{", "["):
            if stack and stack[-1].bracket == "{":  # the value of ``key``
                stack.append(_Frame(text, key, key_start, key_end, _key_date(key)))
            else:
                stack.append(_Frame(text, "", -1, -1))
            key = ""
            continue
        if text in ("}", "]"):
            if stack:
                stack.pop()
            key = ""
            continue
        if _KEY_COLON.match(source, token.end()):
            key, key_start, key_end = json.loads(text), token.start(), token.end()
            continue
        is_event = key == "event" and bool(stack) and stack[-1].bracket == "{"
        key = ""
        if not is_event or any(frame.key == "refs" for frame in stack) or not json.loads(text).strip():
            continue  # a reference's field, another field, or an empty entry
        line, owner = _date_line(stack, years)
        if line:  # before every entry: each is dated by its key, not by the entry before
            builder.put(line, owner.key_start + 1, owner.key_end - 1)
        _copy_json_string(source, token.start() + 1, token.end() - 1, builder)
        builder.put("\n\n", token.end(), token.end())
        events += 1
    if not events:
        raise ReadError(
            "READ-E009",
            'the JSON holds no timeline entries (no "event" under a day such as "1 August")',
            path=path,
            hint='annals reads timelines shaped {"1 August": [{"event": ...}]}; convert other JSON to text',
        )
    text, offsets = builder.build()
    sections = build_sections(text, [])
    return Document(
        source=source,
        text=text,
        offsets=offsets,
        title=Path(path).stem.replace("_", " ") if path else "Timeline",
        format="timeline",
        path=path,
        sections=sections,
        sentences=build_sentences(text, sections, []),
    )


def _date_line(stack: list[_Frame], years: dict[int, int]) -> tuple[str, _Frame]:
    """The date line for an entry: its nearest key naming a day (or else a month), with
    the year that key names, else an enclosing "Month YYYY" key's, else the file name's.
    ("", innermost frame) when no key names a date."""
    dates = [(frame.date, frame) for frame in reversed(stack) if frame.date is not None]
    if not dates:
        return "", stack[-1]
    date, frame = next(((d, f) for d, f in dates if d.day is not None), dates[0])
    year = date.year or next((d.year for d, _ in dates if d.day is None and d.year), None) or years.get(date.month)
    if date.day is not None and year is not None and date.day > calendar.monthrange(year, date.month)[1]:
        return "", stack[-1]  # "29 February 2013" is no day
    words = f"{date.day} {calendar.month_name[date.month]}" if date.day is not None else calendar.month_name[date.month]
    return (f"{words} {year}.\n\n" if year is not None else f"{words}.\n\n"), frame


def _key_date(key: str) -> _Date | None:
    """The day or month a key names at its start ("26–27 September", "November 29",
    "January 2015", "1 July – Friday of Departure"); None if it names neither."""
    key = key.strip()
    for pattern in (_DAY_FIRST, _MONTH_FIRST):
        match = pattern.match(key)
        if match is not None:
            day = int(match.group("day"))
            month = MONTHS[match.group("month").lower()]
            if 1 <= day <= calendar.monthrange(2000, month)[1]:  # a leap year: "29 February" is a day
                years = _ANY_YEAR.findall(key[match.end() :])
                return _Date(month, day, int(years[0]) if years else None)
    match = _MONTH_YEAR.match(key)
    if match is not None:
        return _Date(MONTHS[match.group("month").lower()], None, int(match.group("year")))
    return None


def _file_years(path: str | None) -> dict[int, int]:
    """Month -> year from the file name: "(May–August 2012)" gives May to August 2012,
    "(December 2011–January 2012)" December 2011 and January 2012, and a month outside
    the range the range's last year; a name with a year and no month gives every month
    that year."""
    if not path:
        return {}
    stem = Path(path).stem.replace("_", " ")
    named = [(MONTHS[m.group("month").lower()], int(m.group("year")) if m.group("year") else None)
             for m in _NAMED_MONTH.finditer(stem)]
    if not named:
        found = _ANY_YEAR.findall(stem)
        return {month: int(found[-1]) for month in range(1, 13)} if found else {}
    # Years run backwards from the next month that states one ("May–August 2012").
    filled: list[tuple[int, int]] = []
    following: int | None = None
    for month, year in reversed(named):
        following = year or following
        if following is not None:
            filled.append((month, following))
    filled.reverse()
    if not filled:
        return {}
    years: dict[int, int] = {}
    (month, year), (last_month, last_year) = filled[0], filled[-1]
    for _ in range(24):  # the months of the range, rolling over a new year
        years.setdefault(month, year)
        if (month, year) == (last_month, last_year):
            break
        month, year = (1, year + 1) if month == 12 else (month + 1, year)
    for other in range(1, 13):  # a day outside the range: the range's last year
        years.setdefault(other, last_year)
    return years


def _copy_json_string(source: str, start: int, end: int, builder: TextBuilder) -> None:
    """The decoded string ``source[start:end]``: plain runs copied verbatim, each escape
    put as the character it stands for (mapped to the escape's own span); control
    characters become spaces and a lone surrogate the replacement character."""
    cursor = start
    for escape in _ESCAPE.finditer(source, start, end):
        builder.copy(source, cursor, escape.start())
        char = json.loads(f'"{escape.group()}"')
        if len(char) == 1 and (char < " " or "\ud800" <= char <= "\udfff"):
            char = "\ufffd" if char >= "\ud800" else " "
        builder.put(char, escape.start(), escape.end())
        cursor = escape.end()
    builder.copy(source, cursor, end)
