"""Find time expressions in text and turn them into date ranges.

One precompiled regular expression finds every absolute, partial (year-less),
vague ("early June") and relative ("three days later") expression in a single
pass. ``TimeMention`` keeps what the words say; ``resolve`` turns a mention into
a ``DateRange`` given the narrative's anchor date and year, never the clock.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from annals.document import Span, lower_in_place

_MONTH_NAMES = (  # each month's full name first, then its abbreviations
    ("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"),
    ("May",), ("June", "Jun"), ("July", "Jul"), ("August", "Aug"),
    ("September", "Sep", "Sept"), ("October", "Oct"), ("November", "Nov"), ("December", "Dec"),
)
MONTHS = {name.lower(): number for number, names in enumerate(_MONTH_NAMES, start=1) for name in names}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15,
    "twenty": 20, "thirty": 30, "a couple of": 2, "a few": 3, "several": 4, "some": 3,
}
_VAGUE_COUNTS = {"a few": (2, 5), "several": (3, 7), "a couple of": (2, 3), "some": (2, 7)}

_FULL_MONTHS = frozenset(names[0] for names in _MONTH_NAMES)
_M = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_D = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_Y = r"(?:1[89]\d\d|20\d\d)"
_DASH = r"\s*(?:–|—|-|−|\bto\b|\buntil\b|\btill\b|\bthrough\b)\s*"
_N = (
    r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|thirty|"
    r"a\s+few|a\s+couple\s+of|several|some|a|an)"
)
_MOD = (
    r"(?:early|mid|late|the\s+end\s+of|end\s+of|the\s+beginning\s+of|beginning\s+of|the\s+start\s+of|"
    r"start\s+of|the\s+middle\s+of|middle\s+of|the\s+(?:first|second|third|fourth|last)\s+week\s+of|"
    r"the\s+(?:first|second|latter|last)\s+half\s+of|the\s+last\s+days\s+of|the\s+first\s+days\s+of)"
)

_PATTERN = re.compile(
    # One check at each word start before the alternatives: a digit or a letter that can begin
    # a month, "between"/"from" or a modifier. Most positions fail there at once (3x faster).
    r"(?<!\w)(?=[0-9JFMASONDbBfFeElLtTmMsSwWaA])(?:"
    + "|".join(
        [
            rf"\b(?P<iso_y>{_Y})-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)\b",
            # 22 May – 11 June 2018 / 22–24 May / between 4 and 5 October
            rf"(?P<a_between>(?i:\bbetween|\bfrom)\s+)?\b(?P<a_d>{_D})(?:\s+(?P<a_m>{_M})(?:,?\s+(?P<a_y>{_Y}))?)?"
            rf"(?:{_DASH}|\s+and\s+)(?P<b_d>{_D})\s+(?P<b_m>{_M})(?:,?\s+(?P<b_y>{_Y}))?\b",
            # May 22 – June 11, 2018 / September 6–12, 2022
            rf"(?P<c_between>(?i:\bbetween|\bfrom)\s+)?\b(?P<c_m>{_M})\s+(?P<c_d>{_D})(?:,?\s+(?P<c_y>{_Y}))?"
            rf"(?:{_DASH}|\s+and\s+)(?:(?P<d_m>{_M})\s+)?(?P<d_d>{_D})\b(?:,?\s+(?P<d_y>{_Y}))?",
            rf"\b(?P<e_d>{_D})\s+(?P<e_m>{_M})(?:,?\s+(?P<e_y>{_Y}))?\b",
            rf"\b(?P<f_m>{_M})\s+(?P<f_d>{_D})\b(?:,?\s+(?P<f_y>{_Y})\b)?",
            rf"(?i:\b(?P<g_mod>{_MOD})[\s-]+)?\b(?P<g_m>{_M})(?:,?\s+(?P<g_y>{_Y}))?\b",
            rf"(?i:\b(?P<h_mod>{_MOD})[\s-]+|\b(?P<h_season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?)?\b(?P<h_y>{_Y})\b(?!\s*(?:–|-)\s*\d)",
        ]
    )
    + ")"
)
# Relative expressions match in any case; they run over lower-cased text (much faster than (?i)).
_RELATIVE = re.compile(
    r"(?<!\w)(?=\w)(?:"
    + "".join(
        [
            r"\b(?P<rel>(?:the\s+)?(?:next|following|same|previous|preceding|subsequent)\s+"
            r"(?P<rel_w>day|morning|evening|night|afternoon|week|weekend|month)"
            r"|that\s+(?P<that>day|night|morning|evening|afternoon|week|month)"
            r"|the\s+day\s+(?P<day_ba>before|after)"
            r"|(?P<later>later|earlier)\s+(?:that|the\s+same)\s+(?P<later_w>day|week|month)"
            rf"|(?P<rel_n>{_N})\s+(?P<rel_unit>days?|weeks?|months?|hours?|nights?)\s+(?P<rel_dir>later|earlier|after(?:wards?)?|before|prior|afterwards?|on)"
            rf"|within\s+(?P<within_n>{_N}|one)\s+(?P<within_unit>days?|weeks?|hours?)"
            r"|(?:shortly|soon|immediately)\s+(?P<soon>after(?:wards?)?|before|thereafter)|hours\s+later|by\s+nightfall"
            r")\b",
        ]
    )
    + ")"
)
_PREPOSITION = re.compile(
    r"(?i:\b(?:in|since|by|until|till|during|throughout|from|to|of|on|early|late|mid|before|after|through|between|and)[\s-]*)$"
)


Ymd = tuple[int | None, int | None, int | None]  # year, month, day as the words give them


@dataclass(frozen=True, slots=True)
class DateRange:
    """An inclusive range of days and its UCDP precision (1 day ... 5 year)."""

    start: date
    end: date

    @property
    def precision(self) -> int:
        days = (self.end - self.start).days + 1
        if days <= 1:
            return 1
        if days <= 6:
            return 2
        if days <= 13:
            return 3
        if days <= 31:
            return 4
        return 5


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression as written: fixed fields, or a shift from an anchor."""

    span: Span
    kind: str  # "absolute" (has a year), "partial" (no year), "relative"
    start: tuple[int | None, int | None, int | None] = (None, None, None)  # year, month, day
    end: tuple[int | None, int | None, int | None] = (None, None, None)
    modifier: str = ""  # early / mid / late / first week of ... / season
    shift: tuple[int, int] = (0, 0)  # days from the anchor, low and high (relative)
    invalid: bool = False  # names a day that does not exist ("31 February")
    listed: bool = False  # a later day of a list ("30" and "31" of "August 25, 30, and 31")

    @property
    def has_year(self) -> bool:
        return self.start[0] is not None


def find_times(text: str, start: int = 0, end: int | None = None) -> list[TimeMention]:
    """Every time expression in ``text[start:end]``, in order."""
    stop = len(text) if end is None else end
    mentions: list[TimeMention] = []
    for match in _PATTERN.finditer(text, start, stop):
        mention = _mention(match, text)
        if mention is not None:
            mentions.append(mention)
    mentions.extend(more for mention in list(mentions) for more in _listed_days(text, mention, stop))
    lowered = lower_in_place(text[:stop])  # a lead sentence need not lower the whole article
    taken = [(m.span.start, m.span.end) for m in mentions]
    for match in _RELATIVE.finditer(lowered, start, stop):
        if not any(a < match.end() and match.start() < b for a, b in taken):
            mentions.append(TimeMention(Span(match.start(), match.end()), "relative", shift=_shift(match)))
    mentions.sort(key=lambda m: m.span.start)
    return mentions


# ", 30, and 31" after "August 25": more days of the same month, each followed by a break
_MORE_DAYS = re.compile(
    rf"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?P<day>{_D})(?=\s*(?:[,.;:)]|and\b|$))"
)


def _listed_days(text: str, mention: TimeMention, stop: int) -> list[TimeMention]:
    """The later days of a list after a "Month D" date ("August 25, 30, and 31", "August 18
    and 19"): one mention each, of the same month and year, marked ``listed``."""
    year, month, day = mention.start
    if day is None or mention.start != mention.end or not text[mention.span.end - 1].isalnum() \
            or not text[mention.span.start].isalpha():
        return []  # a single day written month first ("25 August, 30 soldiers ..." is no list)
    out: list[TimeMention] = []
    at, last = mention.span.end, day
    while (match := _MORE_DAYS.match(text, at, stop)) is not None:
        later = _day(match.group("day"))
        if later is None or later <= last:
            break  # days of a list go forward
        found = _fixed(Span(match.start("day"), match.end("day")), (year, month, later), (year, month, later))
        out.append(replace(found, listed=True))
        at, last = match.end("day"), later
    return out


def _month(value: str | None) -> int | None:
    return MONTHS.get(value.rstrip(".").lower()) if value else None


def _day(value: str | None) -> int | None:
    return int(re.sub(r"\D", "", value)) if value else None


def _year(value: str | None) -> int | None:
    return int(value) if value else None


def _mention(match: re.Match[str], text: str) -> TimeMention | None:
    group = match.group
    span = Span(match.start(), match.end())
    if group("iso_y"):
        iso: Ymd = (int(group("iso_y")), int(group("iso_m")), int(group("iso_d")))
        return _fixed(span, iso, iso)
    if group("b_d"):
        if not group("a_between") and match.group(0).find(" and ") >= 0:
            return _single_from_range(match, text)
        year = _year(group("b_y"))
        first = (_year(group("a_y")) or year, _month(group("a_m")) or _month(group("b_m")), _day(group("a_d")))
        return _fixed(_trim_between(span, group("a_between")), first, (year, _month(group("b_m")), _day(group("b_d"))))
    if group("d_d"):
        if not group("c_between") and match.group(0).find(" and ") >= 0:
            return _single_from_range(match, text)
        year = _year(group("d_y")) or _year(group("c_y"))
        first = (_year(group("c_y")) or year, _month(group("c_m")), _day(group("c_d")))
        last = (year, _month(group("d_m")) or first[1], _day(group("d_d")))
        return _fixed(_trim_between(span, group("c_between")), first, last)
    if group("e_d"):
        day: Ymd = (_year(group("e_y")), _month(group("e_m")), _day(group("e_d")))
        return _fixed(span, day, day)
    if group("f_d"):
        day = (_year(group("f_y")), _month(group("f_m")), _day(group("f_d")))
        return _fixed(span, day, day)
    if group("g_m"):
        modifier = _norm(group("g_mod"))
        if not modifier and not group("g_y"):  # a bare month name: what else makes it a date?
            if not _PREPOSITION.search(text, max(0, span.start - 12), span.start):
                return None
            if group("g_m").rstrip(".") not in _FULL_MONTHS:
                return None  # "the village of Mar Shamsheh": a bare abbreviation is a name, not March
            if group("g_m") == "May":
                before = text[max(0, span.start - 6) : span.start].lower()
                if not re.search(r"\b(?:in|by|since|until|of|early|late|mid)\s*$", before):
                    return None
        month: Ymd = (_year(group("g_y")), _month(group("g_m")), None)
        return _fixed(span, month, month, modifier)
    if group("h_y"):
        modifier = _norm(group("h_mod") or group("h_season"))
        if not modifier and not _PREPOSITION.search(text, max(0, span.start - 12), span.start):
            return None  # a year in a name ("the 2014 offensive") is not a date of an event
        whole_year: Ymd = (_year(group("h_y")), None, None)
        return _fixed(span, whole_year, whole_year, modifier)
    return None


def _norm(value: str | None) -> str:
    return " ".join(value.lower().split()) if value else ""


def _trim_between(span: Span, prefix: str | None) -> Span:
    return Span(span.start + len(prefix), span.end) if prefix and not prefix.lower().startswith("between") else span


def _single_from_range(match: re.Match[str], text: str) -> TimeMention | None:
    """'on 3 and 4 June' without 'between' is a range; 'on March 3, 2022 and 12 ...' is not."""
    whole = match.group(0)
    and_at = whole.find(" and ")
    head = whole[:and_at]
    sub = _PATTERN.match(text, match.start(), match.start() + len(head))
    if sub is not None and sub.end() == match.start() + len(head):
        return _mention(sub, text)
    group = match.group
    year = _year(group("b_y") or group("d_y"))
    if group("b_d"):
        return _fixed(Span(match.start(), match.end()), (year, _month(group("b_m")), _day(group("a_d"))),
                      (year, _month(group("b_m")), _day(group("b_d"))))
    return None


def _fixed(span: Span, start: tuple[int | None, int | None, int | None],
           end: tuple[int | None, int | None, int | None], modifier: str = "") -> TimeMention:
    kind = "absolute" if start[0] is not None or end[0] is not None else "partial"
    return TimeMention(span, kind, start, end, modifier, invalid=not (_valid(start) and _valid(end)))


def _valid(ymd: tuple[int | None, int | None, int | None]) -> bool:
    year, month, day = ymd
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None and month is not None:
        limit = calendar.monthrange(year if year is not None else 2000, month)[1]
        return 1 <= day <= limit
    return True


def _count(word: str) -> tuple[int, int]:
    word = " ".join(word.lower().split())
    if word in _VAGUE_COUNTS:
        return _VAGUE_COUNTS[word]
    value = int(word) if word.isdigit() else NUMBER_WORDS.get(word, 1)
    return value, value


def _shift(match: re.Match[str]) -> tuple[int, int]:
    group = match.group
    unit_days = {"day": 1, "night": 1, "hour": 0, "week": 7, "month": 30}
    if group("rel_w"):
        word = group("rel_w").lower()
        phrase = group("rel").lower()
        sign = -1 if re.search(r"previous|preceding", phrase) else (0 if "same" in phrase else 1)
        span = unit_days.get(word, 1 if word != "weekend" else 7)
        if word in ("morning", "evening", "night", "afternoon"):
            return (sign, sign)
        if word in ("week", "weekend", "month"):
            return (sign * span, sign * span + span - 1) if sign >= 0 else (-span, -1)
        return (sign, sign)
    if group("that"):
        return (0, 6) if group("that").lower() == "week" else ((0, 29) if group("that").lower() == "month" else (0, 0))
    if group("day_ba"):
        return (-1, -1) if group("day_ba").lower() == "before" else (1, 1)
    if group("later"):
        word = group("later_w").lower()
        return {"day": (0, 0), "week": (0, 6), "month": (0, 29)}[word]
    if group("rel_n"):
        low, high = _count(group("rel_n"))
        unit = unit_days[group("rel_unit").lower().rstrip("s")]
        if unit == 0:
            return (0, 1)
        backwards = group("rel_dir").lower() in ("earlier", "before", "prior")
        if backwards:
            return (-high * unit, -low * unit)
        return (low * unit, high * unit + (unit - 1 if unit > 1 and low == high else 0))
    if group("within_n"):
        low, high = _count(group("within_n"))
        unit = unit_days[group("within_unit").lower().rstrip("s")]
        return (0, max(0, high * unit))
    if group("soon"):
        return (-1, 0) if group("soon").lower() == "before" else (0, 1)
    return (0, 0)


def _month_part(year: int, month: int, modifier: str) -> tuple[date, date]:
    last = calendar.monthrange(year, month)[1]
    first_day, last_day = 1, last
    if modifier in ("early", "the beginning of", "beginning of", "the start of", "start of", "the first days of"):
        last_day = 10
    elif modifier in ("mid", "the middle of", "middle of"):
        first_day, last_day = 11, 20
    elif modifier in ("late", "the end of", "end of", "the last days of"):
        first_day = 21
    elif "week of" in modifier:
        index = {"first": 0, "second": 1, "third": 2, "fourth": 3}.get(modifier.split()[1], -1)
        first_day = 1 + 7 * index if index >= 0 else last - 6
        last_day = min(last, first_day + 6)
    elif "half of" in modifier:
        half = modifier.split()[1]
        first_day, last_day = (1, 15) if half == "first" else (16, last)
    return date(year, month, first_day), date(year, month, last_day)


def _year_part(year: int, modifier: str) -> tuple[date, date]:
    ranges = {
        "early": ((1, 1), (4, 30)), "mid": ((5, 1), (8, 31)), "late": ((9, 1), (12, 31)),
        "spring": ((3, 1), (5, 31)), "summer": ((6, 1), (8, 31)), "autumn": ((9, 1), (11, 30)),
        "fall": ((9, 1), (11, 30)), "winter": ((12, 1), (12, 31)),
        "the end of": ((10, 1), (12, 31)), "end of": ((10, 1), (12, 31)),
        "the beginning of": ((1, 1), (3, 31)), "beginning of": ((1, 1), (3, 31)),
        "the first half of": ((1, 1), (6, 30)), "the second half of": ((7, 1), (12, 31)),
    }
    (m1, d1), (m2, d2) = ranges.get(modifier, ((1, 1), (12, 31)))
    return date(year, m1, d1), date(year, m2, d2)


def choose_year(month: int, day: int | None, anchor: date | None, default_year: int | None) -> int | None:
    """The year of a year-less date: the one that keeps the narrative moving forward.

    A story told in order rarely jumps back by more than a couple of months, so
    "on 2 January" after "on 28 December 2017" is 2018 (the year rolls over).
    """
    if anchor is None:
        return default_year
    best = anchor.year
    candidate = date(anchor.year, month, min(day or 1, 28))
    if (anchor - candidate).days > 120:
        best = anchor.year + 1
    elif (candidate - anchor).days > 300:
        best = anchor.year - 1
    return best


def resolve(mention: TimeMention, anchor: date | None, default_year: int | None = None) -> DateRange | None:
    """The date range a mention stands for, given the narrative's anchor date.

    Year-less dates take their year from the anchor (or ``default_year``, the
    article's own year); relative expressions shift from the anchor. Returns None
    when the text does not say enough (never a guess from the clock).
    """
    if mention.invalid:
        return None
    if mention.kind == "relative":
        if anchor is None:
            return None
        low, high = mention.shift
        return DateRange(anchor + timedelta(days=low), anchor + timedelta(days=high))
    (y1, m1, d1), (y2, m2, d2) = mention.start, mention.end
    if y1 is None and m1 is not None:
        y1 = choose_year(m1, d1, anchor, default_year)
    if y2 is None and m2 is not None:
        y2 = y1 if y1 is not None and m1 is not None and m2 >= m1 else choose_year(m2, d2, anchor, default_year)
        if y2 is not None and y1 is not None and m1 is not None and m2 < m1:
            y2 = y1 + 1
    if y1 is None:
        return None
    try:
        return _range(y1, m1, d1, y2 if y2 is not None else y1, m2, d2, mention.modifier)
    except ValueError:
        return None


def _range(y1: int, m1: int | None, d1: int | None, y2: int, m2: int | None, d2: int | None,
           modifier: str) -> DateRange:
    if m1 is None:
        start, end = _year_part(y1, modifier)
        return DateRange(start, end if y2 == y1 else date(y2, 12, 31))
    if d1 is None:
        start, end = _month_part(y1, m1, modifier)
        return DateRange(start, end)
    first = date(y1, m1, d1)
    last = date(y2, m2 or m1, d2 or d1)
    if last < first:
        last = first
    return DateRange(first, last)


def parse_date_range(value: str) -> tuple[DateRange | None, DateRange | None, list[TimeMention]]:
    """Start and end of an infobox date value ("22 May – 11 June 2018", "2014 – present").

    Returns the range of the first and of the last date expression, so that an
    open-ended conflict gives a start and no end.
    """
    mentions = [m for m in find_times(value) if m.kind != "relative"]
    if not mentions:
        bare = [TimeMention(Span(m.start(), m.end()), "absolute", (int(m.group()), None, None),
                            (int(m.group()), None, None)) for m in re.finditer(_Y, value)]
        mentions = bare
    if not mentions:
        return None, None, []
    default_year = next((m.start[0] or m.end[0] for m in mentions if m.has_year or m.end[0]), None)
    first = resolve(mentions[0], None, default_year or mentions[-1].end[0])
    last_mention = mentions[-1]
    last = resolve(last_mention, first.start if first else None, default_year)
    if re.search(r"\b(?:present|ongoing)\b", value, re.I):
        last = None
    return first, last, mentions
