"""Narrative time: date every event by chaining through the story.

A war narrative dates most events relative to the one before ("The next day",
"Three days later"), and gives day and month without the year ("On 10 June").
``NarrativeClock`` walks the sentences in order, keeps the year in force and the
date of the last event, and resolves each expression against the event it
refers to (the last dated event), not the clock and not merely the last date
string. Background and aftermath sections do not inherit a stale date.
"""

from __future__ import annotations

import calendar
import itertools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from annals.document import Document, Notice, Sentence, Span
from annals.temporal.parse import DateRange, TimeMention, find_times, resolve

_FLASHBACK = timedelta(days=60)  # how far before the story's last date a past perfect looks back
# Words that mark a year-less date as past: "back in March", "earlier in May".
_LOOKING_BACK = re.compile(
    r"\b(?:back|earlier|previously|already|before)\s+(?:in|on|since)\s+(?:early\s+|mid-?|late\s+)?\Z", re.IGNORECASE
)
_PAST_PERFECT = re.compile(r"\bhad\s+(?:\w+\s+)?(?:been\s+)?\w+(?:ed|en|wn|ot|ht|ck)\b")
_STARTS_A_SPAN = re.compile(r"(?i)\b(?:beginning|starting|begun|began|started|launched|commencing)\s+(?:on\s+|in\s+)?$")
_AFTER_THE_STORY = re.compile(
    r"\s*(?P<words>(?:after|following)\s+(?:the\s+)?(?:occupation|fighting|battle|siege|capture|recapture|"
    r"withdrawal|liberation|retreat|offensive|clashes))\b",
    re.IGNORECASE,
)
# Sections that step aside from the story (context, aftermath, losses): their events are
# not the story's own days, and a relative date there does not continue the last event.
_ASIDE_WORDS = (
    r"background|prelude|aftermath|reactions?|analysis|legacy|casualties|losses|history|overview|"
    r"investigation|consequences"
)
ASIDE_SECTIONS = re.compile(rf"(?i)\b(?:{_ASIDE_WORDS})\b")
_FRESH_SECTIONS = re.compile(rf"(?i)\b(?:{_ASIDE_WORDS}|order of battle|forces|belligerents)\b")


@dataclass(frozen=True, slots=True)
class DatedTime:
    """A time mention with the range it resolved to (None: not enough context)."""

    mention: TimeMention
    range: DateRange | None


@dataclass(frozen=True, slots=True)
class EventDate:
    """The date chosen for an event and the words that support it."""

    range: DateRange
    evidence: tuple[Span, ...]  # in doc.text; empty when inherited from the previous event
    how: str  # "explicit", "relative", "inherited", "conflict"


class NarrativeClock:
    """Resolves dates sentence by sentence; events tell it when they happen."""

    def __init__(self, doc: Document, start: date | None = None, end: date | None = None,
                 start_evidence: tuple[Span, ...] = ()) -> None:
        self.doc = doc
        self.conflict_range = DateRange(start, end or start) if start else None
        self.conflict_evidence = start_evidence
        self._mentions = find_times(doc.text)
        self._cursor = 0
        self.year = start.year if start else _story_year(doc)
        # With no infobox dates, the story's own year bounds what a bare year may move to.
        self._bounds = self.conflict_range or (
            DateRange(date(self.year, 1, 1), date(self.year, 12, 31)) if self.year is not None else None)
        self.context: date | None = start  # the last date the narrative stated (for years)
        self.anchor: DateRange | None = None  # the date of the last event (for relative words)
        self.inherited: DateRange | None = None  # what an undated sentence continues
        self.story_end: DateRange | None = None  # the last event's date when an aftermath begins
        self._section = -2
        # The section's own last date: a retelling's (from the conflict's start) or a background's.
        self._own: date | None = None
        # The story's anchor, inherited date and end while a section retells (None otherwise);
        # a retelling never moves the story's context or year, so those need no saving.
        self._saved: tuple[DateRange | None, DateRange | None, DateRange | None] | None = None
        self.notices: list[Notice] = []
        self._looked_back: set[Span] = set()  # dates of flashbacks, which events do not settle on

    def enter(self, sentence: Sentence, background: bool = False, retell: bool = False) -> list[DatedTime]:
        """Resolve the time expressions of the next sentence, in text order.

        A ``background`` sentence (a section of context) is resolved but does not move
        the story's year or anchor: "in 2014 the war began" must not date "On 11 April".
        A ``retell`` section (casualties, executions, war crimes) goes over the conflict again
        from its start, with a clock of its own: its "On 8 April" follows its own last date,
        not where the narrative ended, and the story's clock resumes after it. It needs the
        conflict's dates; without them the section is read as any other.
        """
        if sentence.section != self._section:
            self._section = sentence.section
            if self._saved is not None:  # leaving a retelling: the story's clock resumes where it was
                self.anchor, self.inherited, self.story_end = self._saved
                self._saved = None
            self._own = self.conflict_range.start if retell and self.conflict_range is not None else None
            if self._own is not None:
                self._saved = (self.anchor, self.inherited, self.story_end)
            section = self.doc.section_of(sentence)
            if section is not None and _FRESH_SECTIONS.search(section.title):
                if self.inherited is not None:
                    self.story_end = self.inherited  # what "after the fighting" in an aftermath counts from
                self.inherited = None
        found: list[DatedTime] = []
        while self._cursor < len(self._mentions) and self._mentions[self._cursor].span.start < sentence.span.start:
            self._cursor += 1
        while self._cursor < len(self._mentions) and self._mentions[self._cursor].span.start < sentence.span.end:
            mention = self._mentions[self._cursor]
            self._cursor += 1
            if mention.invalid:
                words = self.doc.text[mention.span.start : mention.span.end]
                self.notices.append(Notice("TIME-W001", f"no such date: {words!r}", mention.span))
                continue
            if mention.kind == "relative":
                # "On 23 June ... by the next day": a day the sentence itself stated comes first
                found.append(self._relative(mention, _stated_before(found)))
                continue
            if self._saved is not None and self._own is not None:  # a retelling
                resolved = resolve(mention, self._own, self._own.year)
                if resolved is not None and not self._aside_year(resolved):
                    self._own = resolved.start
                    if mention.span.start - sentence.span.start < 40 and resolved.precision <= 2:
                        self.anchor = self.inherited = resolved  # "The following day" counts from here
                found.append(DatedTime(mention, resolved))
                continue
            if background and self._own is not None and not mention.has_year:
                # "24 February 2022 ... By 6 April": a background's year-less date follows its own dates
                resolved = resolve(mention, self._own, self._own.year)
            else:
                resolved = resolve(mention, self.context, self.year)
                looked_back = self._looking_back(mention, resolved)
                if looked_back is not None:  # "back in March", told in July: this year's March
                    self._looked_back.add(mention.span)
                    found.append(DatedTime(mention, looked_back))
                    continue
            if background and resolved is not None and mention.has_year and resolved.precision <= 4:
                self._own = resolved.start
            if resolved is not None and not background and self._flashback(mention, resolved, sentence):
                self._looked_back.add(mention.span)
            elif resolved is not None and not background and not self._aside_year(resolved):
                self.context = resolved.start
                self.year = resolved.start.year
                if mention.span.start - sentence.span.start < 40 and resolved.precision <= 2:
                    self.anchor = self.inherited = resolved  # "On 23 February, ..." moves the story on
            found.append(DatedTime(mention, resolved))
        return found

    def _looking_back(self, mention: TimeMention, found: DateRange | None) -> DateRange | None:
        """A year-less date the words before mark as past ("back in March", "earlier in
        May"): it dates its own event but does not take the story on or back. One the
        forward-moving year put after the story's last date is the same days a year before."""
        if found is None or mention.has_year or self.context is None:
            return None
        if _LOOKING_BACK.search(self.doc.text, max(0, mention.span.start - 30), mention.span.start) is None:
            return None
        if found.start <= self.context:
            return found
        whole_month = found.start.day == 1 and found.end.day == calendar.monthrange(found.end.year, found.end.month)[1]
        return DateRange(_year_before(found.start), _year_before(found.end, month_end=whole_month))

    def _flashback(self, mention: TimeMention, found: DateRange, sentence: Sentence) -> bool:
        """A dated past perfect well before the story's last date tells of earlier days
        ("On 25 November 2013, they had shot down a helicopter" in August 2014): it dates its
        own event but does not take the story back."""
        return (mention.has_year and self.context is not None and found.end < self.context - _FLASHBACK
                and _PAST_PERFECT.search(self.doc.text, sentence.span.start, sentence.span.end) is not None)

    def _aside_year(self, found: DateRange) -> bool:
        """A bare year far outside the conflict is a look back or ahead, not the story moving:
        "he had not worked there since 2015" in a 2022 battle must not date "On 14 March"."""
        bounds = self._bounds
        whole_year = (found.start.month, found.start.day, found.end.month, found.end.day) == (1, 1, 12, 31)
        return bounds is not None and whole_year and found.start.year == found.end.year and not (
            bounds.start.year - 1 <= found.start.year and found.end.year <= bounds.end.year + 1
        )

    def _relative(self, mention: TimeMention, local: DateRange | None = None) -> DatedTime:
        """A relative expression counted from a day stated earlier in its sentence, else from
        the last event (or the last stated date)."""
        anchor = local or self.anchor or (DateRange(self.context, self.context) if self.context else None)
        if anchor is None:
            return DatedTime(mention, None)
        if mention.shift == (0, 0):
            return DatedTime(mention, anchor)  # "the same day" after a ranged event is that range
        return DatedTime(mention, resolve(mention, _relative_base(mention, anchor), self.year))

    def date_for(self, times: list[DatedTime], offset: int, clause: Span) -> EventDate | None:
        """The date of an event whose trigger sits at ``offset`` in ``clause``."""
        best: DatedTime | None = None
        best_distance = 10**9
        local: DateRange | None = None  # the last day the sentence has stated so far
        stated = any(t.mention.kind != "relative" and t.range is not None and clause.overlaps(t.mention.span)
                     for t in times)
        for dated in times:
            if dated.mention.kind == "relative" and stated and self._refers_elsewhere(dated.mention):
                continue  # "On 2 October, two days after Russia's annexation": 2 October itself
            if dated.mention.kind == "relative":
                # "On 8 April ... three days later ... the next day": from the day stated just
                # before in the sentence, else from the latest event (settled mid-sentence)
                dated = self._relative(dated.mention, local)
            if dated.range is not None and dated.range.precision <= 2:
                local = dated.range
            if not clause.overlaps(dated.mention.span) or dated.range is None:
                continue
            span = dated.mention.span
            distance = offset - span.end if span.end <= offset else int((span.start - offset) * 1.5)
            distance += 40 * (dated.range.precision - 1)  # a stated day beats a nearer year or month
            if _STARTS_A_SPAN.search(self.doc.text, max(0, span.start - 25), span.start):
                distance += 80  # "a counter-offensive beginning on 23 March recaptured it by 26 March"
            if distance < best_distance:
                best, best_distance = dated, distance
        if best is not None and best.range is not None and not self._vaguer_than_inherited(best.range):
            how = "relative" if best.mention.kind == "relative" else "explicit"
            return EventDate(best.range, (best.mention.span,), how)
        if self.inherited is not None:
            return EventDate(self.inherited, (), "inherited")
        if self.conflict_range is not None:
            return EventDate(self.conflict_range, self.conflict_evidence, "conflict")
        after = _AFTER_THE_STORY.match(self.doc.text, clause.start) if self.story_end is not None else None
        if after is not None and self.story_end is not None:
            # "After the occupation of the city, seven civilians were killed": in the week after
            # the story's last dated event, a range, not a day the text does not give.
            end = self.story_end.end
            return EventDate(DateRange(end, end + timedelta(days=6)), (Span(*after.span("words")),), "relative")
        return None

    def listed(self, times: list[DatedTime], when: EventDate, clause: Span) -> list[EventDate]:
        """Every day of the list ``when`` was read from ("attacks on August 25, 30, and 31"),
        one date each, when the clause dates its action so; else just ``when``."""
        runs: list[list[tuple[TimeMention, DateRange]]] = []  # a stated day and the listed days after it
        for dated in times:
            if dated.range is None or dated.mention.kind == "relative" or not clause.contains(dated.mention.span):
                continue
            if dated.mention.listed and runs:
                runs[-1].append((dated.mention, dated.range))
            else:
                runs.append([(dated.mention, dated.range)])
        for run in runs:
            if len(run) > 1 and when.evidence and any(mention.span == when.evidence[0] for mention, _ in run):
                return [EventDate(found, (mention.span,), "explicit") for mention, found in run]
        return self._phrased_days(times, when, clause) or [when]

    def _phrased_days(self, times: list[DatedTime], when: EventDate, clause: Span) -> list[EventDate]:
        """Days told phrase by phrase after one action ("an attack on the industrial zone on
        26 March, on the coking plant on 26 April"): one date each; [] otherwise."""
        days = [d for d in times if d.range is not None and d.mention.kind != "relative"
                and d.range.precision == 1 and clause.contains(d.mention.span)]
        if len(days) < 2 or not when.evidence or days[0].mention.span != when.evidence[0]:
            return []
        text = self.doc.text
        if any(_NEXT_PHRASE.match(text, a.mention.span.end, b.mention.span.start) is None
               for a, b in itertools.pairwise(days)):
            return []
        return [EventDate(d.range, (d.mention.span,), "explicit") for d in days if d.range is not None]

    def _refers_elsewhere(self, mention: TimeMention) -> bool:
        """Whether "N days after/before" counts from a thing the text names next ("after the
        signing"), not from the story's last date."""
        words = self.doc.text[mention.span.start : mention.span.end].lower()
        return words.endswith(("after", "before")) and _NAMED_NEXT.match(self.doc.text, mention.span.end) is not None

    def _vaguer_than_inherited(self, found: DateRange) -> bool:
        """A month or year that merely contains the ongoing day does not replace it."""
        inherited = self.inherited
        return inherited is not None and found.precision >= 4 and found.start <= inherited.start \
            and inherited.end <= found.end

    def settle(self, when: EventDate) -> None:
        """An event happened at ``when``: later relative words count from it."""
        if when.how == "conflict" or self._aside_year(when.range) or any(e in self._looked_back for e in when.evidence):
            return  # "a stronghold since fighting broke out in 2015" does not take the story back
        self.anchor = self.inherited = when.range  # in a retelling, restored after it
        if self._saved is None and when.how != "inherited":
            self.context = when.range.start
            self.year = when.range.start.year


# Between two days told phrase by phrase: ", on the area of the coking plant on", " and the school on"
_NEXT_PHRASE = re.compile(
    r"(?:,\s+(?:and\s+)?|\s+and\s+)(?:(?!\b(?:which|that|who|whom|had|has|have|since|until|after|before|also|confirm\w*)\b)"
    r"[^,;.])*?\bon\s+(?:the\s+)?\Z"
)
_NAMED_NEXT = re.compile(r"\s+(?:the|a|an|his|her|its|their|[A-Z])")


def _year_before(day: date, month_end: bool = False) -> date:
    """The same day a year before (29 February: the 28th); with ``month_end``, the end of a
    month-wide range, the month's last day (February 2020 ends on the 29th, 2019 on the 28th)."""
    year = day.year - 1
    last = calendar.monthrange(year, day.month)[1]
    return date(year, day.month, last if month_end else min(day.day, last))


def _stated_before(times: list[DatedTime]) -> DateRange | None:
    """The last day (or few days) the sentence has stated so far, if any."""
    return next((t.range for t in reversed(times) if t.range is not None and t.range.precision <= 2), None)


def _relative_base(mention: TimeMention, anchor: DateRange) -> date:
    """Forward shifts count from the end of a ranged anchor, backward from its start."""
    return anchor.end if mention.shift[0] > 0 else anchor.start


def _story_year(doc: Document) -> int | None:
    """The year a narrative without an infobox date is about: the one it names most
    (in dates and in names like "the 2022 invasion"), the later one on a tie; with none
    in the text, the one its title or short description names ("Battle in the 2022
    Russian invasion of Ukraine")."""
    counts = Counter(_years(doc.text))
    if not counts:
        about = " ".join([doc.title, doc.metadata.get("shortDescription", "")])
        counts = Counter(_years(about))
    if not counts:
        return None
    return max(counts, key=lambda year: (counts[year], year))


# A year, not a quantity of the same digits ("recaptured 2000 sq km", "2000 troops"); after
# "in", "since", "by" ... it is a year whatever follows ("in 2014 people fled").
_YEAR = re.compile(r"(?<![\d,.])(?:19|20)\d\d(?!\d)")
_QUANTITY_AFTER = re.compile(
    r"\s*(?:sq|km\b|kilomet|miles?\b|hectares?|troops|soldiers|people|civilians|fighters|men\b|militants|"
    r"residents|casualties|tons?\b|tonnes|vehicles|shells|rounds)"
)
_PREPOSITION_BEFORE = re.compile(r"\b(?i:in|since|by|until|from|during|of|to|after|before)\s+\Z")


def _years(text: str) -> Iterator[int]:
    """The years ``text`` names, in order (the digits are found first: a fast scan)."""
    for match in _YEAR.finditer(text):
        if _QUANTITY_AFTER.match(text, match.end()) and not _PREPOSITION_BEFORE.search(
                text, max(0, match.start() - 20), match.start()):
            continue
        yield int(match.group())
