"""Assemble events from clauses: trigger, date, place, actors and claims.

The rules follow the gold annotation guide (one action, one day, one place):
- the lead retells the body, so it is read only when there is no body;
- background, reference and list sections hold no events;
- a clause with a trigger is an event unless it is hypothetical or negated;
- a clause that only refers back to an event ("The ensuing clashes ...", an
  undated sentence at the same place) continues that event instead;
- several places for one plural action ("two attacks near X and Y") make
  several events.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from annals.conflict.record import ConflictRecord
from annals.document import Document, Notice, Section, Span
from annals.events.claims import find_claims
from annals.events.model import Event
from annals.geo.names import skeleton
from annals.geo.relations import DISTANCE_UNIT, haversine_km

if TYPE_CHECKING:
    from annals.geo import DocumentGeography, Location
from annals.mentions.actors import CIVILIANS, ActorMention, DocumentActors
from annals.mentions.triggers import Trigger, find_triggers, trigger_kinds
from annals.resources.lexicon import Actor, load_lexicon
from annals.temporal.chain import ASIDE_SECTIONS, DatedTime, EventDate, NarrativeClock
from annals.temporal.parse import MONTHS

_SUBSET_ACTION = re.compile(
    r"(?i)\b(?:including|among\s+them|of\s+whom)\s+(?P<count>[\w-]+)\s+(?:[\w-]+\s+)?"
    r"(?:killed|dead|who\s+(?:was|were)\s+killed|who\s+died)\s+(?:when|as|after|in|by)\b"
)
_CASUALTY_SECTION = re.compile(r"(?i)^\s*(?:casualties|losses)\s*$")
# Sections that go over the whole conflict again by theme, from its start: their "On 14 May"
# follows their own last date, not where the narrative (or its aftermath) ended.
_RETELLING = re.compile(
    r"(?i)^\s*(?:[\w-]+\s+)?(?:casualties|losses|executions|massacres?|war\s+crimes|atrocities|human\s+rights|"
    r"humanitarian)(?:\s+[\w-]+){0,3}\s*$"  # "Mass executions", not "Large advances and casualties"
)
# A running total, dated by when it was reported: "60,000 had been killed since the war
# began", "By 25 May, shelling had killed 150", "died during the battle".
_CUMULATIVE = re.compile(
    r"(?i)\b(?:since|so\s+far|in\s+total|altogether|total|toll|figure|tally|count(?:ing|ed)?"
    r"|during\s+the\s+(?:battle|war|siege|fighting|offensive|conflict|invasion|campaign)"
    r"|\d{1,3}(?:,\d{3})+|thousands?)\b"
)
_BY_DATE = re.compile(r"\s*By\s+(?:\d|the\s+end|early|mid|late|[A-Z][a-z]+\s+\d)")


def _dated_incident(text: str, sentence: Span, times: list[DatedTime]) -> bool:
    """A sentence dated to the day that is no running total ("since", "By 25 May", "60,000")."""
    return (any(t.range is not None and t.range.precision == 1 for t in times)
            and not _CUMULATIVE.search(text, sentence.start, sentence.end)
            and not _BY_DATE.match(text, sentence.start))


# "... killed by airstrikes", "... died in shelling": a figure tied to a kind of action.
_KILLED_BY = re.compile(r"(?i)\b(?:killed|died|dead)\s+(?:by|in|from)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$")
_SKIP_SECTIONS = re.compile(
    r"(?i)^\s*(?:see\s+also|references?|notes?|external\s+links?|further\s+reading|bibliography|sources?|"
    r"citations?|background|prelude|context|order\s+of\s+battle|gallery|analysis|reactions?|"
    r"international\s+reactions?|domestic\s+reactions?|legacy|commemorations?|casualties|losses|belligerents|"
    r"forces|units?\s+involved|opposing\s+forces|strength|aftermath\s+and\s+analysis|assessment|footnotes|"
    r"historical\s+background|political\s+background|strategic\s+background|in\s+popular\s+culture)\s*$"
)
_CLAUSE_BREAK = re.compile(
    r";\s+|,\s+(?:while|whereas|before|after\s+which|but|although|and\s+then|and\s+later|following\s+which)\s+"
    r"|\s+(?:before|while|whereas|after\s+which)\s+(?=(?:the|it|they|ISIL|[A-Z])\w*)"
    r"|,?\s+and\s+(?=(?:(?:by|on|in|later|the\s+next|the\s+following|two|three|several|a\s+few)\b[^,]{0,30}?"
    r"(?:day|week|month|evening|morning|night|afternoon|\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2})))"
)
_HYPOTHETICAL = re.compile(
    r"(?i)\b(?:plan(?:ned|s|ning)?\s+to|threaten(?:ed|s|ing)?\s+to|intend(?:ed|s)?\s+to|aim(?:ed|s|ing)?\s+to|"
    r"expect(?:ed|s)?\s+to|vow(?:ed|s)?\s+to|prepar(?:ed|ing|es)\s+(?:to|for)|in\s+preparation\s+for|in\s+order\s+to|"
    r"(?-i:would|could|might|may)|to\s+prevent|ready\s+to|sought\s+to|seeking\s+to|wanted\s+to|hoped\s+to|"
    r"goal\s+of|aimed\s+at|fear(?:ed|s|ing)?\s+(?:of\s+)?(?:an?|the)?|possible|possibly|potential|imminent|if|"
    r"trying\s+to|try\s+to|attempting\s+to|with\s+the\s+aim\s+of)\s+(?:\S+\s+){0,3}$"
)
_BETWEEN = re.compile(r"(?i)\s*(?:\S+\s+){0,2}between\s+(?:\S+\s+){0,3}\Z")
_REPELLED = re.compile(r"(?i)repel(?:led|s)?|repulsed")
# "an attempt by the TFSA to capture it", "a fresh attempt to recapture the village", "failed to
# capture it": a fight for the place, not its capture
_ATTEMPT = re.compile(
    r"(?i)\b(?:attempt(?:s|ed)?(?:\s+by\s+(?:the\s+)?\S+)?|fail(?:ed|ure|s)?|unable|unsuccessfully\s+tried)\s+to\s+"
    r"(?:\S+\s+){0,2}$"
)
# What a capture takes when it takes no ground: men, arms, equipment. Its object right after
# it (lower-case words, numbers or acronyms, no place name, no preposition), singular or plural ...
_MEN_AND_ARMS = (
    "members|soldiers|fighters|troops|commanders|officers|militants|personnel|weapons|tanks|vehicles|equipment"
)
_CAPTURED_THINGS = re.compile(
    r"\s+(?:(?:(?!(?:by|from|and|after|before|in|near|at|with|to|while|during|on)\b)[a-z0-9][\w'’-]*|[A-Z]{2,5})\s+){0,3}?"
    rf"(?i:{_MEN_AND_ARMS}|member|soldier|fighter|commander|officer|tank|prisoners|weaponry|materiel|ammunition)\b"
)
# ... or its subject, in the passive: "200 Russian soldiers were captured"
_THINGS_CAPTURED = re.compile(
    rf"(?i)\b(?:{_MEN_AND_ARMS}|servicemen)\s+(?:were|was|had\s+been|have\s+been|being)\s+(?:\w+\s+)?\Z"
)
_NEGATED = re.compile(
    r"(?i)\b(?:not|never|no|denied|deny|denies|without|neither|nor|refused\s+to|failed\s+to\s+even)\s+(?:\S+\s+){0,2}$"
)
# "during a previous offensive in February 2015": an action of an earlier war, told in passing
_EARLIER = re.compile(r"(?i)\b(?:an?|the)\s+(?:previous|earlier|prior|former)\s+(?:[\w-]+\s+)?$")
_INSTRUMENT = re.compile(r"(?i)\b(?:involving|using|with|by\s+using|including|employing|backed\s+by|supported\s+by|"
                         r"following|after|amid|under)\s+(?:\S+\s+){0,3}$")
_DEFINITE = re.compile(r"(?i)(?:\b(?:the|this|that|these|those|its|their|his|her|ensuing|subsequent|said|same)\s+"
                       r"(?:[\w-]+\s+){0,2}|'s\s+(?:[\w-]+\s+){0,1})$")
_OF_THEM_BY = re.compile(r"^\s+of\s+(?:[\w'’-]+\s+){1,4}by\s+(?:the\s+)?$")
_BLAMING = re.compile(r"\bblaming\s+(?:the\s+)?$")
_PASSIVE_AUX = re.compile(r"(?i)\b(?:was|were|been|being|is|are|be|got)\s+(?:(?:also|then|later|reportedly|"
                          r"allegedly|repeatedly|heavily|again|\w+ly)\s+)?$")
_IRREGULAR_PARTICIPLES = frozenset(["shot", "hit", "struck", "taken", "retaken", "overrun", "blown", "beaten", "fought",
                                    "overtaken", "driven", "sent"])
# Event types whose target, when the text names none, is the other side of the war.
_TWO_SIDED = frozenset({"Battles", "Explosions/Remote violence"})
_IRREGULAR_PAST = frozenset(
    ["took", "retook", "overtook", "overran", "withdrew", "fought", "struck", "shot", "blew", "fell", "broke", "hit",
     "drove", "beat", "led", "sent"]
)
_ADJECTIVE_SLOT = re.compile(
    r"(?i)(?:\b(?:the|this|that|these|those|its|their|his|her|a|an)|\w+ly|['’]s|\b\d+)\s+$"
)
_HURT = re.compile(r"(?i)\b(?:killed|dead|died|wounded|injured|executed|slain|perished|missing|captured)\b")
_CIVILIAN_OBJECT = re.compile(
    r"(?i)\b(?:power\s+(?:stations?|plants?|grid)|infrastructure|hospitals?|schools?|markets?|residential|homes|"
    r"houses|apartment|churche?s?|mosques?|shops?|bakery|bread|water\s+supply|civilians?|factory|factories|"
    r"institute|universit(?:y|ies)|kindergartens?|theat(?:re|er)s?|museums?|hotels?|supermarkets?|"
    r"shopping\s+(?:centres?|centers?|malls?))\b"
)
_MILITARY_OBJECT = re.compile(
    r"(?i)\s*(?:[\w'’-]+\s+){0,2}?(?:positions?|bases?|lines|checkpoints?|posts?|troops|forces|convoys?|"
    r"garrisons?|headquarters|barracks|depots?|fighters|units)\b"
)
_COUNTED = re.compile(r"(?i)(?:\b(?!(?:19|20)\d\d\b)\d+(?:,\d{3})*|"  # a count, not a year
                      r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|"
                      r"several|many|some|thousands)|\bof|\bover|\bat\s+least)\s+(?:[\w-]+\s+)?$")
_AUXILIARY = re.compile(r"(?i)\b(?:was|were|been|being|is|are|be|got)\s+(?:\w+\s+){0,2}$")
_LEADING_PHRASE = re.compile(r"(?i)\s*(?:after|following|having|before|upon|on|despite|while)\b[^,]*$")
_PASSIVE_BY = re.compile(r"(?i)^\s*(?:\S+\s+){0,6}?by\s+(?:the\s+|an?\s+|both\s+(?:the\s+)?)?$")
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b"  # the time stage's month names
# "12 villages", not "On 26 June", "a convoy 40 miles long" or "after 10 days"
_PLURAL = re.compile(
    rf"(?i)(?:\b(?:two|three|four|five|several|multiple|a\s+series\s+of|\d+(?!\s+{_MONTH}))\s+"
    rf"(?!(?:{DISTANCE_UNIT}|met(?:er|re)s?|ft|feet|yards?"
    r"|hours?|minutes?|days?|weeks?|months?|years?|percent)\b)"
    r"(?:new\s+|more\s+|separate\s+|\w+\s+)?\S*\s*$)"
)
_CORRECTION = re.compile(
    r"(?i)(?:initially|originally|first|earlier)\s+(?:been\s+)?(?:blamed\s+on|attributed\s+to|reported\s+as)\s+"
    r"(?P<wrong>[^,;.]+?)(?:\s+by\s+[^,;.]+)?[,;].*?(?:later|subsequently|eventually|in\s+fact)\s+"
    r"(?:\w+\s+){0,6}?(?:carried\s+out|conducted|perpetrated|committed|done|launched)\s+by\s+(?P<right>[^,;.]+)"
)


@dataclass
class _Candidate:
    trigger: Trigger
    clause: Span
    when: EventDate
    actor1: Actor | None
    actor2: Actor | None
    assoc1: list[str]
    assoc2: list[str]
    location: Location | None
    own_place: bool
    nominal: bool


class EventAssembler:
    """Turns a document's mentions into events, walking the narrative in order."""

    def __init__(self) -> None:
        self._triggers: list[Trigger] = []
        self._trigger_starts: list[int] = []

    def __call__(self, doc: Document, conflict: ConflictRecord, actors: DocumentActors,
                 geography: DocumentGeography | None) -> tuple[list[Event], list[Notice]]:
        clock = NarrativeClock(doc, conflict.start_date, conflict.end_date)
        self._triggers = find_triggers(doc.text)  # one pass over the text; clauses take slices
        self._trigger_starts = [t.span.start for t in self._triggers]
        events: list[Event] = []
        # Section titles decide what is told where: read once per section, not per sentence.
        sections = range(len(doc.sections))
        skip = [_titled(doc, i, _SKIP_SECTIONS) for i in sections]
        background_of = [skip[i] and _titled(doc, i, _BACKGROUND) for i in sections]
        casualties_of = [skip[i] and _titled(doc, i, _CASUALTY_SECTION) for i in sections]
        retold_of = [_titled(doc, i, _RETELLING) for i in sections]  # casualty lists among them
        use_lead = not any(s.section >= 0 and not skip[s.section] for s in doc.sentences)
        for index, sentence, _ in doc.iter_sentences():
            skipped = sentence.section >= 0 and skip[sentence.section]
            background = skipped and background_of[sentence.section]
            lead = sentence.section < 0 and not use_lead  # the lead retells the body
            # With the infobox's dates known the lead must not set the year.
            times = clock.enter(sentence, background=skipped or (lead and conflict.start_date is not None),
                                retell=sentence.section >= 0 and retold_of[sentence.section])
            casualties = skipped and casualties_of[sentence.section]
            # "On 8 April, one person was killed by shelling" in a casualty section: a dated
            # incident, told as a background section tells one; a figure without a day is a tally.
            incident = casualties and _dated_incident(doc.text, sentence.span, times)
            told = not (lead or (skipped and not background))
            if incident or told:
                clauses = self._clauses(doc.text, sentence.span, times)
                made = self._sentence(doc, index, clauses, sentence.paragraph, times, clock, actors,
                                      geography, events, background or incident)
                if made or told:
                    self._claims(doc, sentence.span, clauses, sentence.paragraph, times, actors, made, events)
                    continue
            if casualties:
                self._tally(doc, sentence.span, times, actors, events)
        for number, event in enumerate(events, start=1):
            event.id = f"e{number:03d}"
        return events, clock.notices

    def _sentence(self, doc: Document, index: int, clauses: list[Span], paragraph: int, times: list[DatedTime],
                  clock: NarrativeClock, actors: DocumentActors, geography: DocumentGeography | None,
                  events: list[Event], background: bool = False) -> list[Event]:
        """Events of one sentence. In a background section only actions the sentence itself
        dates count ("the town was captured on 3 March"), never the long-term situation."""
        made: list[Event] = []
        for clause in clauses:
            triggers = [t for t in self._triggers_in(clause) if _asserted(doc.text, t, clause)]
            if not triggers:
                continue
            trigger = _attempted(doc.text, _main_trigger(doc.text, triggers, clause), clause)
            # "the attack", "ISIL's offensive" or a bare "was killed" tell more of a known event
            named = [t for t in triggers if _is_nominal(doc.text, t, clause)]
            nominal = all(t in named or t.kind.category == "killing" or (named and _REPELLED.fullmatch(t.text))
                          for t in triggers)  # "the attack was repelled": the end of a known attack
            when = clock.date_for(times, trigger.span.start, clause)
            if when is None or (background and when.how not in ("explicit", "relative")):
                continue
            if _goes_on(doc.text, trigger, clause, when):
                continue  # "shelling continued through the rest of July": a state of the war, not an event
            previous = _previous(events, paragraph)
            if nominal and when.how in ("inherited", "conflict"):
                told = _told_before(events, paragraph, trigger) or previous
                if told is not None:
                    _extend(told, clause, trigger)
                continue  # a reference to an action told elsewhere, not a new one
            mentions = actors.within(clause)
            actor1, actor2, assoc1, assoc2 = _actors(doc.text, trigger, clause, mentions, actors, previous)
            if actor1 is not None and actor1.kind == "civilian" and trigger.kind.event_type != "Protests":
                continue  # civilians evacuated or fleeing are not an armed action
            if trigger.kind.category == "withdrawal" and _left_by_civilians(trigger, mentions):
                continue  # "7,000 people had fled their homes": the flight of civilians, counted or not
            locations = self._places(doc.text, trigger, clause, geography)
            split = False  # one action at several places or days: each its own event, never merged
            days = clock.listed(times, when, clause)  # "attacks on August 25, 30, and 31": one a day
            for day, phrase in zip(days, _day_phrases(clause, days), strict=True):
                # "liberated Kupiansk on 9 September, Izium on 10 September": each day, its places
                told_at = self._places(doc.text, trigger, phrase, geography) if len(days) > 1 else []
                places = told_at if any(own for _, own in told_at) else locations
                for location, own in places:
                    acting = _trigger_before(triggers, trigger, location) if len(places) > 1 else trigger
                    candidate = _Candidate(acting, clause, day, actor1, actor2, assoc1, assoc2, location, own, nominal)
                    if previous is not None and not split and _continues(candidate, previous, doc.text):
                        _extend(previous, clause, trigger, candidate, actors.government)
                        continue
                    event = _event(candidate, actors, index, paragraph)
                    events.append(event)
                    made.append(event)
                    split = True
                    previous = event
                when = day
            if made and not background and _moves_story(clock, when):
                clock.settle(when)
        return made

    def _clauses(self, text: str, span: Span, times: list[DatedTime]) -> list[Span]:
        """Clauses, with a comma-joined action that carries its own date cut off too
        ("entered the outskirts on 9 September, recapturing the council by the next morning")."""
        out: list[Span] = []
        for clause in split_clauses(text, span):
            for comma in re.finditer(r",\s+", text[clause.start : clause.end]):
                cut = clause.start + comma.start()
                left, right = Span(clause.start, cut), Span(clause.start + comma.end(), clause.end)
                dated = any(right.start <= t.mention.span.start < right.end for t in times)
                if dated and self._triggers_in(left) and any(
                        not _is_nominal(text, t, right) for t in self._triggers_in(right)):
                    out.extend([left, right])
                    break
            else:
                out.append(clause)
        return out

    def _triggers_in(self, clause: Span) -> list[Trigger]:
        first = bisect.bisect_left(self._trigger_starts, clause.start)
        last = bisect.bisect_left(self._trigger_starts, clause.end)
        return [t for t in self._triggers[first:last] if t.span.end <= clause.end]

    def _places(self, text: str, trigger: Trigger, clause: Span,
                geography: DocumentGeography | None) -> list[tuple[Location | None, bool]]:
        if geography is None:
            return [(None, False)]
        clause = geography.action_part(clause, trigger.span.start)  # not "After X fell, ..." for an act at Y
        located = geography.locate(clause)
        own = located is not None and any(clause.contains(e) for e in located.evidence)
        if own:
            every = [loc for loc in geography.locate_all(clause) if any(clause.contains(e) for e in loc.evidence)]
            first = min(e.start for loc in every for e in loc.evidence if clause.contains(e))
            if _ROAD_ENDS.search(text, max(clause.start, first - _ROAD_ENDS_REACH), first):
                return [(located, own)]  # "the highway connecting Kyiv and Chernihiv": one road, not two places
            if len(every) > 1 and (
                _PLURAL.search(text, max(clause.start, trigger.span.start - 40), trigger.span.start)
                or _listed_towns(text, every)
            ):
                return [(loc, True) for loc in every]
            if any(loc.geo_precision == 1 and len(loc.evidence) == 1 for loc in every):  # a town to anchor a list
                listed = _listed_names(text, clause, every, geography)
                if listed:
                    return [(loc, True) for loc in listed]
                if len(every) == 1:
                    beside = _settlements_beside(text, clause, every[0], geography, self._triggers_in(clause))
                    if beside:
                        return [(loc, True) for loc in sorted([every[0], *beside], key=_first_word)]
        return [(located, own)]

    def _claims(self, doc: Document, span: Span, clauses: list[Span], paragraph: int, times: list[DatedTime],
                actors: DocumentActors, made: list[Event], events: list[Event]) -> None:
        """Attach the sentence's casualty claims to its events, or to the event it continues."""
        dates = [t.mention.span for t in times]
        told: Event | None = None  # the event an earlier clause's figures went to
        for clause in clauses:
            claims = find_claims(doc.text, clause, actors.within(clause), dates)
            if not claims:
                continue
            # "17 soldiers were killed, while the ministry said 9": one toll, two sources, one event
            target = (_continued(events, paragraph, clause) or told
                      or (made[-1] if made else _previous(events, paragraph)))
            if target is None:
                continue
            told = target
            part = _SUBSET_ACTION.search(doc.text, clause.start, clause.end)
            if part is not None and target.trigger is not None and target.trigger.start >= part.end():
                # "three deaths, including one killed when rockets hit X": the strike killed one
                piece = Span(part.start("count"), clause.end)
                claims = find_claims(doc.text, piece, actors.within(piece), dates) or claims
            target.claims.extend(claims)
            if not any(clause.overlaps(ev) for ev in target.evidence):
                target.evidence.append(clause)
        correction = _CORRECTION.search(doc.text, span.start, span.end)
        target = made[-1] if made else _previous(events, paragraph)
        if correction and target is not None:
            _correct(doc.text, correction, target, actors)


    def _tally(self, doc: Document, span: Span, times: list[DatedTime], actors: DocumentActors,
               events: list[Event]) -> None:
        """A casualty section's figure for the only event of its kind ("180 killed by airstrikes"
        when the narrative told of one air campaign); a figure that could belong to several
        events stays out of all of them."""
        dates = [t.mention.span for t in times]
        for clause in self._clauses(doc.text, span, times):
            for trigger in self._triggers_in(clause):
                cause = _KILLED_BY.search(doc.text, max(clause.start, trigger.span.start - 40), trigger.span.start)
                if cause is None:
                    continue
                kind = [e for e in events if e.sub_event_type == trigger.kind.sub_event_type]
                comma = max(doc.text.rfind(mark, clause.start, cause.start()) for mark in (",", ";"))
                first = comma + 1 if comma >= 0 else clause.start
                first += len(doc.text[first : trigger.span.end]) - len(doc.text[first : trigger.span.end].lstrip())
                piece = Span(first, trigger.span.end)  # this figure only
                claims = find_claims(doc.text, piece, actors.within(piece), dates)
                if len(kind) == 1 and claims:
                    kind[0].claims.extend(claims)
                    kind[0].evidence.append(piece)
                break


def narrative_events(doc: Document, events: list[Event]) -> list[Event]:
    """Events told in the body's narrative: not in the lead, background, aftermath or
    casualty sections, and dated to the day by words of their own (what a conflict's own
    span is made of)."""
    def told(event: Event) -> bool:
        if not 0 <= event.sentence < len(doc.sentences):
            return False
        section = doc.sentences[event.sentence].section
        return section >= 0 and not _titled(doc, section, ASIDE_SECTIONS)
    stated = ("explicit", "relative")
    return [e for e in events if e.date.precision <= 2 and e.date_how in stated and e.date_evidence and told(e)]


def _moves_story(clock: NarrativeClock, when: EventDate) -> bool:
    """A flashback ("a few days before the assault") does not move the story's clock."""
    if when.how == "conflict":
        return False
    return not (when.how == "relative" and clock.anchor is not None and when.range.start < clock.anchor.start)


_BACKGROUND = re.compile(r"(?i)^\s*(?:background|prelude|context|(?:historical|political|strategic)\s+background)\s*$")


def _titled(doc: Document, section: int, pattern: re.Pattern[str]) -> bool:
    """Whether the section, or a section it sits in, has a title ``pattern`` finds."""
    return any(pattern.search(s.title) for s in _section_path(doc, section))


def _section_path(doc: Document, section: int) -> list[Section]:
    """The section and the higher-level sections it sits in."""
    path = [doc.sections[section]]
    level = doc.sections[section].level
    for earlier in reversed(doc.sections[:section]):
        if earlier.level < level:
            path.append(earlier)
            level = earlier.level
    return path


def split_clauses(text: str, span: Span) -> list[Span]:
    """Clauses of a sentence, cut where a new action is introduced."""
    clauses: list[Span] = []
    cursor = span.start
    for match in _CLAUSE_BREAK.finditer(text, span.start, span.end):
        if match.start() - cursor >= 12:
            clauses.append(Span(cursor, match.start()))
            cursor = match.end()
    clauses.append(Span(cursor, span.end))
    return [c for c in clauses if c.end > c.start]


def _asserted(text: str, trigger: Trigger, clause: Span) -> bool:
    before = text[max(clause.start, trigger.span.start - 60):trigger.span.start]
    earlier = ("previous" in before or "earlier" in before or "prior" in before or "former" in before) \
        and _EARLIER.search(before) is not None
    return not (earlier or _HYPOTHETICAL.search(before) or _NEGATED.search(before))


def _attempted(text: str, trigger: Trigger, clause: Span) -> Trigger:
    """A capture told as an attempt is the fight for the place, and a capture of men or
    equipment ("captured some members of the National Guard") a fight, not ground taken:
    an armed clash."""
    if trigger.kind.sub_event_type != "territory":
        return trigger
    attempt = _ATTEMPT.search(text, max(clause.start, trigger.span.start - 60), trigger.span.start)
    if (attempt is None and not _CAPTURED_THINGS.match(text, trigger.span.end, clause.end)
            and not _THINGS_CAPTURED.search(text, max(clause.start, trigger.span.start - 60), trigger.span.start)):
        return trigger
    return replace(trigger, kind=_CLASH)


def _is_nominal(text: str, trigger: Trigger, clause: Span) -> bool:
    """A trigger that refers back to a known action ("the ensuing clashes")."""
    before = text[max(clause.start, trigger.span.start - 40):trigger.span.start]
    if _DEFINITE.search(before) is None:
        return False
    word = text[trigger.span.start:trigger.span.end].lower().split()[0]
    # A finite verb after a definite subject is a new action ("the military recaptured"),
    # unless it stands right after the article as an adjective ("the captured town").
    verb = word.endswith("ed") or word in _IRREGULAR_PAST
    return not verb or _ADJECTIVE_SLOT.search(before) is not None  # "the heavily shelled town", "the army's besieged"


def _main_trigger(text: str, triggers: list[Trigger], clause: Span) -> Trigger:
    """The trigger that types the clause: the strongest asserted action, instruments last."""
    def rank(trigger: Trigger) -> tuple[int, int, int, int]:
        before = text[max(clause.start, trigger.span.start - 30):trigger.span.start]
        instrument = 1 if _INSTRUMENT.search(before) else 0
        nominal = 1 if _is_nominal(text, trigger, clause) else 0
        said = 0 if trigger.kind.category == "killing" else 1  # "were killed ... after shelling": the shelling
        return (said, -instrument, trigger.kind.priority - 2 * nominal, -trigger.span.start)
    return max(triggers, key=rank)


_SPECIFIC = 4  # trigger priority from which an action names its kind (shelling, air strike, capture ...)


def _day_phrases(clause: Span, days: list[EventDate]) -> list[Span]:
    """Per day of a clause, the words from the last day's end (the clause's start) to its own end."""
    spans = []
    start = clause.start
    for day in days:
        end = day.evidence[0].end if day.evidence else clause.end
        spans.append(Span(start, max(start, end)))
        start = max(start, end)
    return spans


def _left_by_civilians(trigger: Trigger, mentions: list[ActorMention]) -> bool:
    """Whether the actor named last before a withdrawal is civilians ("4,000 people had fled")."""
    before = [m for m in mentions if m.span.end <= trigger.span.start]
    return bool(before) and before[-1].actor.kind == "civilian"


def _trigger_before(triggers: list[Trigger], main: Trigger, location: Location | None) -> Trigger:
    """For one of several places in a clause, the action told just before it ("an offensive
    in A, with fierce shelling in B and C": B and C were shelled); the clause's main action
    when none comes before."""
    if location is None or not location.evidence:
        return main
    start = location.evidence[0].start
    before = [t for t in triggers if main.span.end <= t.span.start and t.span.end <= start
              and t.kind.category not in ("civilians", "killing")]  # who died, not how
    last = before[-1] if before else main
    return last if last.kind.priority >= _SPECIFIC else main


def _previous(events: list[Event], paragraph: int) -> Event | None:
    return events[-1] if events and events[-1].paragraph == paragraph else None


def _latest(events: list[Event], paragraph: int, fits: Callable[[Event], bool]) -> Event | None:
    """The paragraph's latest event that ``fits`` (events are told in order)."""
    for event in reversed(events):
        if event.paragraph != paragraph:
            return None
        if fits(event):
            return event
    return None


def _told_before(events: list[Event], paragraph: int, trigger: Trigger) -> Event | None:
    """The paragraph's latest event of the kind a nominal trigger names ("The strikes killed
    38": the air strikes told before, not the capture told since)."""
    kind = trigger.kind
    if kind.category == "killing":
        return None  # "was killed" names no kind of action
    return _latest(events, paragraph, lambda event: event.sub_event_type == kind.sub_event_type or (
        kind.sub_event_type in ("Armed clash", "territory") and event.event_type == kind.event_type))


def _continued(events: list[Event], paragraph: int, clause: Span) -> Event | None:
    """The paragraph's event whose evidence holds ``clause``: one made from it, or one it was
    folded into ("The attack killed 20, before being repelled": the attack told a sentence
    back, not the repulse made from this one)."""
    return _latest(events, paragraph, lambda event: any(clause.overlaps(ev) for ev in event.evidence))


def _actors(text: str, trigger: Trigger, clause: Span, mentions: list[ActorMention], actors: DocumentActors,
            previous: Event | None) -> tuple[Actor | None, Actor | None, list[str], list[str]]:
    """actor1 (who acts), actor2 (against whom) and the associated actors of each."""
    def main(mention: ActorMention) -> Actor:
        return mention.parent if mention.actor.kind in ("unit", "person") and mention.parent else mention.actor

    owner = next((m for m in mentions if m.span.start < trigger.span.start < m.span.end
                  and m.actor.kind != "civilian"), None)  # "Russian shelling", "Russian jets struck": the actor
    # "70 troops were killed in the shelling": the counted dead are the target; a strength
    # figure ("200 HTS fighters attacked") still names the agent.
    counted = [m for m in mentions if m.span.end <= trigger.span.start
               and _COUNTED.search(text, max(0, m.span.start - 25), m.span.start)
               and _HURT.search(text, m.span.end, trigger.span.start)]
    subjects = [m for m in mentions if m.span.end <= trigger.span.start and m not in counted]
    before = [m for m in subjects if m.actor.kind != "civilian"]
    # "with the support of the US Air Force, the troops": the supporter is not the agent
    before = [m for m in before if not _SUPPORTING.search(text, max(clause.start, m.span.start - 30), m.span.start)]
    before = [m for m in before if not _speaker(text, m, before, clause)]
    after = [m for m in mentions if m.span.start >= trigger.span.end
             and not _RELATIVE_CLAUSE.search(text, trigger.span.end, m.span.start)]  # "..., which served the US"
    agent: ActorMention | None = owner
    passive = _AUXILIARY.search(text, max(clause.start, trigger.span.start - 30), trigger.span.start) is not None
    for mention in after if agent is None else ():
        between = text[trigger.span.end:mention.span.start]
        if (
            (_PASSIVE_BY.match(between) and (passive or len(between.split()) <= 2))
            or _FELL_TO.match(between)  # "fell to the ISIL"
            or _OF_THEM_BY.match(between)  # "executions of civilians by Russian troops"
            or (passive and _BLAMING.search(between))  # "was shelled, with residents blaming Russian forces"
        ):
            agent = mention  # "was captured by the rebels", "fell to ISIL"; not "captured villages held by ISIL"
            break
    if agent is None and not before and after and _LEADING_PHRASE.match(text, clause.start, trigger.span.start):
        comma = text.find(",", trigger.span.end, clause.end)
        follower = next((m for m in after if comma >= 0 and m.span.start > comma), None)
        if follower is not None and not text[comma + 1 : follower.span.start].strip(" the"):
            agent = follower  # "After regaining control of X, the Iraqi Army ..."
    # "reinforcements from the Republican Guard", "an offensive of the Syrian Army": the agent;
    # "shelling of Russian positions" names the target.
    target_of = bool(after) and (trigger.kind.event_type == "Explosions/Remote violence"
                                 or _MILITARY_OBJECT.match(text, after[0].span.end) is not None)
    link = "from" if target_of else "from|of"
    if agent is None and not before and after and re.search(
            rf"(?i)^\s*(?:\S+\s+){{0,1}}(?:{link})\s+(?:the\s+)?$", text[trigger.span.end:after[0].span.start]):
        agent = after[0]
    if agent is None and not before and len(after) > 1 and _BETWEEN.match(text, trigger.span.end, after[0].span.start):
        agent = after[0]  # "clashes erupted between Ahrar al-Sham and Tahrir al-Sham": the first named, then the other
    boundary = max(text.rfind(mark, clause.start, trigger.span.start) for mark in (",", ";", " that "))
    near_subjects = [m for m in subjects if m.span.start > boundary]  # "as HTS advanced, army positions were shelled"
    suffered = agent is None and bool(near_subjects) and _suffered(text, trigger, clause)
    if agent is not None:
        actor1: Actor | None = main(agent)
        # "50 civilians had been killed by Russian occupiers": the civilians named before are the target
        hurt = [m for m in subjects if m.actor.kind == "civilian"]
        patients = [m for m in (*before, *hurt, *after) if m is not agent and main(m) != actor1]
    elif suffered:
        actor1 = None  # "ISIL positions were also bombed", "a civilian car was shot at": the subject is the target
        patients = [*reversed(near_subjects), *after]
    else:
        actor1 = main(before[0]) if before else None
        patients = [m for m in after if actor1 is None or main(m) != actor1]
    patients = [m for m in counted if actor1 is None or main(m) != actor1] + patients  # the counted dead
    target_sides = {main(m).side for m in near_subjects} if suffered else set()
    from_air = trigger.kind.sub_event_type == "Air/drone strike"
    if actor1 is None and previous is not None and previous.actor1 is not None and (
        not before or (suffered and previous.actor1_side is not None and previous.actor1_side not in target_sides)
    ) and not (from_air and previous.actor1_kind != "state"):
        # "... planes struck. ISIL positions were also bombed": the same planes
        actor1 = Actor(previous.actor1, previous.actor1_kind or "nonstate", None, previous.actor1_side)
    if actor1 is None and from_air and _civil_war(actors) and not any(
        main(m) == actors.government for m in near_subjects  # "government positions were bombed"
    ):
        actor1 = actors.government  # unnamed aircraft in a civil war fly for the state, not the rebels
    actor2: Actor | None = None
    for mention in patients:
        candidate = main(mention)
        if actor1 is not None and candidate.side is not None and candidate.side == actor1.side:
            continue
        actor2 = candidate
        break
    struck = (max(clause.start, boundary) if passive else trigger.span.end, clause.end)  # a passive's subject too
    if actor2 is None and actor1 is not None and trigger.kind.event_type == "Explosions/Remote violence" \
            and _CIVILIAN_OBJECT.search(text, *struck):
        actor2 = CIVILIANS  # "a factory had been bombed", "shelled the market": civilian property
    if actor2 is None and actor1 is not None and (trigger.kind.sub_event_type == "Looting/property destruction"
                                                  or trigger.kind.event_type == "Violence against civilians"):
        actor2 = CIVILIANS  # looting or executions with no named victim: civilians
    if actor2 is None and actor1 is not None and (trigger.kind.event_type in _TWO_SIDED
                                                  or trigger.kind.event_type == "Strategic developments"):
        actor2 = actors.opponent(actor1)
    if actor1 is None and trigger.kind.event_type != "Strategic developments":
        actor1 = _implied_attacker(actor2, actors)
        if actor2 is None and actor1 is not None and (
            trigger.kind.event_type == "Battles" or (trigger.kind.event_type in _TWO_SIDED
                                                     and _MILITARY_OBJECT.search(text, trigger.span.end, clause.end))
        ):  # "a car bomb exploded in the market" names no side for a target
            actor2 = actors.opponent(actor1)
    assoc1 = sorted({m.actor.name for m in mentions if actor1 is not None and m.actor != actor1
                     and (m.parent == actor1 or (m.actor.side is not None and m.actor.side == actor1.side))
                     and m.actor.name != (actor2.name if actor2 else None)})
    assoc2 = sorted({m.actor.name for m in mentions if actor2 is not None and m.actor != actor2
                     and (m.parent == actor2 or (m.actor.side is not None and m.actor.side == actor2.side))
                     and m.actor.name not in assoc1 and actor1 is not None and m.actor.name != actor1.name})
    return actor1, actor2, assoc1, assoc2


_FELL_TO = re.compile(r"^\s+to\s+(?:the\s+)?$")
_RELATIVE_CLAUSE = re.compile(r",\s+(?:which|who|whose|where)\b")


def _speaker(text: str, mention: ActorMention, before: list[ActorMention], clause: Span) -> bool:
    """Whether ``mention`` only reports what a later subject did: "the Ukrainian government
    announced that Russian forces had captured the town", "according to ISIL, its fighters ..."."""
    if _ACCORDING_TO.search(text, max(clause.start, mention.span.start - 24), mention.span.start):
        return any(other.span.start > mention.span.end for other in before)
    return any(other.span.start > mention.span.end and _REPORTING.search(text, mention.span.end, other.span.start)
               for other in before)


# Lower case only: "United States" and "the claims" are no reporting verbs.
_REPORTING = re.compile(
    r"\b(?:said|says|announced|announces|reported|reports|claimed|claims|stated|states|confirmed|"
    r"added|alleged|declared|acknowledged|admitted)\b(?!\s+(?:of|by)\b)"
)
_ACCORDING_TO = re.compile(r"(?i)\baccording\s+to\s+(?:the\s+)?\Z")


_SUPPORTING = re.compile(
    r"(?i)\b(?:support\s+of|supported\s+by|backed\s+by|help\s+of|aided\s+by|assisted\s+by|cover\s+of|"
    r"escorted\s+by|air\s+support\s+from)\s+(?:the\s+)?\Z"
)
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?(?:especially\s+|also\s+)?|\s+and\s+(?:especially\s+|also\s+)?)\s*")


def _listed_towns(text: str, places: list[Location]) -> bool:
    """Towns named as a list ("attacks on Spirne, Ivano-Darivka and Bilohorivka"): one action at
    each, which ACLED codes as one event per place. Not "between X and Y" (one location)."""
    if any(loc.geo_precision != 1 or len(loc.evidence) != 1 for loc in places):
        return False
    spans = sorted(loc.evidence[0] for loc in places)  # (a road's two ends were ruled out by the caller)
    return all(_LIST_JOIN.fullmatch(text, a.end, b.start) is not None for a, b in itertools.pairwise(spans))


_LIST_ITEM = r"[A-Z][\w'’]+(?:[- ][A-Z][\w'’]+){0,2}"  # one capitalised name of a list of places
# "A, B and C", "A, B, and the nearby village of C", "A, B, and surrounding villages"
_NAME_LIST = re.compile(
    rf"{_LIST_ITEM}(?:,\s+(?:and\s+)?(?:especially\s+)?{_LIST_ITEM})*"
    rf"(?:,?\s+and\s+(?:especially\s+)?(?:the\s+(?:nearby\s+)?(?:village|town)\s+of\s+)?{_LIST_ITEM}"
    rf"|,\s+{_LIST_ITEM}(?=,?\s+and\s+(?:the\s+)?(?:surrounding|nearby|other|several)\b))"
)
_LIST_NAME = re.compile(_LIST_ITEM)
# "the road connecting Kyiv and Chernihiv", "linking the two rebel pockets of Marea and Kafr Kalbin"
_ROAD_ENDS = re.compile(r"\b(?:connecting|linking|joining|between)\s+(?:the\s+(?:[\w-]+\s+){1,3}of\s+)?\Z")
_ROAD_ENDS_REACH = 60  # how far before the first name the linking word may stand


def _listed_names(text: str, clause: Span, places: list[Location], geography: DocumentGeography) -> list[Location]:
    """One place per name of a list of villages some of which the gazetteer lacks
    ("for Verkhnokamyanske, Hryhorivka, Spirne and especially Bilohorivka").

    A name the gazetteer knows keeps its own place; one it lacks is put, as ACLED does,
    at the town of the list it knows (the first), with geo_precision 2 and its own name
    and words as evidence. The list must hold at least one known town and one unknown
    name; otherwise [] (all known towns are split by ``_listed_towns``).
    """
    single = [loc for loc in places if len(loc.evidence) == 1]
    for match in _NAME_LIST.finditer(text, clause.start, clause.end):
        if _ROAD_ENDS.search(text, max(clause.start, match.start() - _ROAD_ENDS_REACH), match.start()):
            continue  # "the M01 highway connecting Kyiv and Chernihiv": one road, not two places
        names = [Span(m.start(), m.end()) for m in _LIST_NAME.finditer(text, match.start(), match.end())
                 if text[m.start():m.end()].lower() not in ("and", "especially")]
        known = {name: _named_at(name, single) for name in names}
        if any(loc is not None and loc.geo_precision != 1 for loc in known.values()):
            continue  # a region or country in the list: not a list of villages
        anchor = next((loc for loc in known.values() if loc is not None), None)
        if anchor is None or all(loc is not None for loc in known.values()):
            continue
        return [loc or _unlisted(text, name, anchor, geography) for name, loc in known.items()]
    return []


# "and captured the village of Saqlawiyah": a settlement the text introduces as such
_INTRODUCED = re.compile(rf"\b(?:village|town|city|settlement)\s+of\s+(?P<name>{_LIST_ITEM})")
# "near the town of X", "towards the village of X", "from the town of X": not where it happened
_REFERENCE_BEFORE = re.compile(r"\b(?:near|towards?|from|outside|around)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}\Z")
# "X near Hlukhiv", "X, west of Y", "X in Idlib", "X, Baniyas": a name placed by the place after it
_PLACED_BY_NEXT = re.compile(r",?\s*(?:(?:near|outside|in|(?:[\w-]+\s+){0,3}(?:of|from))\s+(?:the\s+)?)?")


def _settlements_beside(text: str, clause: Span, town: Location, geography: DocumentGeography,
                        triggers: list[Trigger]) -> list[Location]:
    """Settlements the clause introduces ("captured the village of X") that the gazetteer
    lacks, beside the one town it names ("entered the city of Fallujah and captured the
    village of Saqlawiyah"): each is an action of its own, put as ACLED does at the known
    town with geo_precision 2. Both must be what an action word acts on; not a name another
    place places ("the village of X near Makariv") nor one named as a reference ("near the
    town of X")."""
    if not _acted_on(text, min(e.start for e in town.evidence), triggers):
        return []
    found = []
    for match in _INTRODUCED.finditer(text, clause.start, clause.end):
        name = Span(match.start("name"), match.end("name"))
        if any(name.overlaps(e) for e in town.evidence):
            continue
        if geography.names_place(name):
            continue  # a name the gazetteer knows, left out of the clause's places on purpose
        if _REFERENCE_BEFORE.search(text, max(clause.start, match.start() - 30), match.start()):
            return []
        if not _acted_on(text, match.start(), triggers):
            continue
        later = [m.span.start for m in geography.mentions_within(name.end, name.end + 40)]
        if later and _PLACED_BY_NEXT.fullmatch(text, name.end, min(later)):
            return []
        found.append(replace(town, name=text[name.start:name.end], geo_precision=max(2, town.geo_precision),
                             evidence=(name,), geonameid=None))
    return found


# "entering the city of ", "captured the nearby village of ", "seized ": from an action to its object
_ACTION_OBJECT = re.compile(r"\s+(?:the\s+)?(?:[\w-]+\s+){0,3}(?:of\s+)?")


def _acted_on(text: str, start: int, triggers: list[Trigger]) -> bool:
    """Whether the words at ``start`` are the object of an action word just before them."""
    return any(
        start - 40 <= t.span.end <= start and _ACTION_OBJECT.fullmatch(text, t.span.end, start) is not None
        for t in triggers
    )


def _first_word(location: Location) -> int:
    return min(e.start for e in location.evidence)


def _named_at(name: Span, places: list[Location]) -> Location | None:
    """The first of ``places`` whose evidence holds ``name`` (or lies in it)."""
    return next((loc for loc in places if any(name.contains(e) or e.contains(name) for e in loc.evidence)), None)


def _unlisted(text: str, name: Span, anchor: Location, geography: DocumentGeography) -> Location:
    """The place of a listed name the clause's locations do not hold as such: the town the
    name itself resolves to (a town whose location in the clause also cites an earlier
    mention, "north of the Donets river, Lyman and Sviatohirsk"), else, at geo_precision 2
    under its own name, where the name's own words place it (a feature remembered at a
    town) or the list's known town."""
    own = geography.locate(name)
    if own is not None and any(name.contains(e) for e in own.evidence):
        if own.geo_precision == 1 and own.evidence == (name,):
            return own
        anchor = own
    return replace(anchor, name=text[name.start:name.end], geo_precision=max(2, anchor.geo_precision),
                   evidence=(name,), geonameid=None)


def _civil_war(actors: DocumentActors) -> bool:
    """A government against non-state groups only (no foreign state among its enemies)."""
    government = actors.government
    if government is None or government.side is None:
        return False
    enemies = [a for side, members in actors.sides.items() if side != government.side for a in members]
    return bool(enemies) and all(a.kind != "state" for a in enemies)


def _suffered(text: str, trigger: Trigger, clause: Span) -> bool:
    """A passive participle right after its auxiliary ("were also bombed", "was shelled")."""
    word = text[trigger.span.start:trigger.span.end].lower().split()[0]
    participle = word.endswith("ed") or word in _IRREGULAR_PARTICIPLES
    return participle and _PASSIVE_AUX.search(text, max(clause.start, trigger.span.start - 40), trigger.span.start) \
        is not None


def _implied_attacker(target: Actor | None, actors: DocumentActors) -> Actor | None:
    """Who attacked when the text does not say: in a two-sided war, the other side of the
    target, or the home government's opponent when civilians or no one are named."""
    if len(actors.sides) != 2:
        return None
    if target is not None and target.side is not None:
        return actors.opponent(target)
    if target is None or target.kind == "civilian":
        return actors.opponent(actors.government) if actors.government is not None else None
    return None


def _sub_event_type(trigger: Trigger, actor1: Actor | None, actor2: Actor | None,
                    government: Actor | None) -> tuple[str, str]:
    event_type, sub_type = trigger.kind.event_type, trigger.kind.sub_event_type
    if sub_type == "territory":
        if actor1 is None:
            sub_type = "Armed clash"
        elif _affiliate(actor1, government):
            sub_type = "Government regains territory"  # "government forces or their affiliates" (ACLED)
        elif actor1.kind == "nonstate":
            sub_type = "Non-state actor overtakes territory"
        elif government is not None and actor1.kind == "state" and _same_state(actor1, government):
            sub_type = "Government regains territory"
        else:
            sub_type = "Armed clash"
    if event_type == "Battles" and actor2 is not None and actor2.kind == "civilian":
        return "Violence against civilians", "Attack"
    return event_type, sub_type


def _affiliate(actor: Actor, government: Actor | None) -> bool:
    """A non-state group fighting on the side of the state the war is in ("the Iraqi PMF"),
    unless the lexicon knows it fights beside other states only: the SDF, beside the
    Syrian army against ISIL in one infobox, is no pro-government militia."""
    if government is None or actor.kind != "nonstate" or government.side is None or actor.side != government.side:
        return False
    lexicon = load_lexicon()
    known = actor.name in lexicon.spellings
    return not known or government.country in lexicon.allies.get(actor.name, ())


def _same_state(actor: Actor, government: Actor) -> bool:
    return actor.name == government.name or (actor.country is not None and actor.country == government.country)


def _event(candidate: _Candidate, actors: DocumentActors, sentence: int, paragraph: int) -> Event:
    event_type, sub_type = _sub_event_type(candidate.trigger, candidate.actor1, candidate.actor2, actors.government)
    inter1, inter2 = _inter(candidate.actor1, actors.government), _inter(candidate.actor2, actors.government)
    return Event(
        id="",
        date=candidate.when.range,
        date_evidence=candidate.when.evidence,
        event_type=event_type,
        sub_event_type=sub_type,
        category=candidate.trigger.kind.category,
        actor1=candidate.actor1.name if candidate.actor1 else None,
        actor2=candidate.actor2.name if candidate.actor2 else None,
        actor1_side=candidate.actor1.side if candidate.actor1 else None,
        actor1_kind=candidate.actor1.kind if candidate.actor1 else "",
        actor2_side=candidate.actor2.side if candidate.actor2 else None,
        assoc_actor_1=candidate.assoc1,
        assoc_actor_2=candidate.assoc2,
        location=candidate.location,
        evidence=[candidate.clause],
        trigger=candidate.trigger.span,
        sentence=sentence,
        paragraph=paragraph,
        date_how=candidate.when.how,
        inter1=inter1,
        inter2=inter2,
    )


def _inter(actor: Actor | None, government: Actor | None) -> int | None:
    """ACLED's inter code of an actor: 1 the home state's forces, 8 another state or an
    international force, 2 a non-state armed group, 7 civilians (None when no actor)."""
    if actor is None:
        return None
    if actor.kind == "civilian":
        return 7
    if actor.kind == "international":
        return 8
    if actor.kind == "state":
        return 1 if government is None or _same_state(actor, government) else 8
    return 2


def _distance_km(a: Location, b: Location) -> float:
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)


_THE_ATTACK = re.compile(  # not "The second attack", "The next raid": those are new ones
    r"\s*(?:The|This|That)\s+(?!(?:second|third|fourth|next|following|new|later|last|final|other)\b)"
    r"(?:[a-z]+\s+)?(?:attack|assault|raid|bombing|strike|airstrike|ambush|explosion|blast)\b"
)


def _continues(candidate: _Candidate, previous: Event, text: str) -> bool:
    """Whether a new clause tells more of the previous event rather than a new one."""
    # the type the new event would get ("a civilian car was shot at" is no more of the battle)
    event_type, _ = _sub_event_type(candidate.trigger, candidate.actor1, candidate.actor2, None)
    # "The attack was repelled but left eight dead": the outcome of the attack just told
    told_again = candidate.when.how == "inherited" and _THE_ATTACK.match(text, candidate.clause.start) is not None
    if event_type != previous.event_type and not told_again:
        return False
    same_place = (not candidate.own_place or candidate.location is None or previous.location is None
                  or (_distance_km(candidate.location, previous.location) < 5
                      and not _stand_in_for_another(candidate.location, previous.location, text)))
    told = " ".join(text[s.start : s.end] for s in previous.evidence)
    if previous.location is not None:
        told += " " + previous.location.name
    pattern = _SETTLEMENT_NAME if candidate.own_place else _PLACE_NAME
    if _new_place_name(text[candidate.clause.start : candidate.clause.end], told, pattern):
        same_place = False  # a place the gazetteer does not know is still another place
    if not same_place:
        return False
    if candidate.actor1 is not None and previous.actor1 is not None and candidate.actor1.name != previous.actor1 \
            and not candidate.nominal and not told_again:
        return False  # another actor's action is another event, even on the same day
    if candidate.when.how == "inherited":
        return True
    return candidate.when.range == previous.date and candidate.trigger.kind.category == previous.category


def _stand_in_for_another(a: Location, b: Location, text: str) -> bool:
    """Whether one of two locations only stands in, at a known town's point, for a named
    place the gazetteer lacks, and the other is another name: the village of Saqlawiyah,
    put at Fallujah, is not Fallujah ("Saqlawiya" would be the same village)."""
    return (_stand_in(a, text) or _stand_in(b, text)) and skeleton(a.name) != skeleton(b.name)


def _stand_in(location: Location, text: str) -> bool:
    """A location named by the words it cites alone and put at another place's point
    (``_settlements_beside``, ``_unlisted``); not a road, a front or a feature."""
    if location.geonameid is not None or location.geo_precision != 2 or len(location.evidence) != 1:
        return False
    words = location.evidence[0]
    return text[words.start : words.end] == location.name


_GOES_ON_VERB = r"(?:continu(?:ed|es|ing)|persist(?:ed|s)|went\s+on|carried\s+on)"
_GOES_ON = re.compile(rf"(?i)\b{_GOES_ON_VERB}\b")
_GOES_ON_INTO = re.compile(rf"(?i)\b{_GOES_ON_VERB}\s+(?:into|through|throughout|until)\b")


def _goes_on(text: str, trigger: Trigger, clause: Span, when: EventDate) -> bool:
    """Whether the action itself is said to go on over a month or more ("shelling and small
    assaults continued through the rest of July", "continued shelling in July"), not a new one
    ("continued their advance and captured Izium" captures Izium). The verb must stand by the
    trigger: just before it, or after it within the clause."""
    near = Span(max(clause.start, trigger.span.start - 16), min(clause.end, trigger.span.end + 60))
    if when.range.precision >= 4:
        return _GOES_ON.search(text, near.start, near.end) is not None
    return when.how == "inherited" and _GOES_ON_INTO.search(text, near.start, near.end) is not None


# A capitalised name, with the Arabic articles place names carry ("al-Mughayrat").
_PLACE_WORDS = r"(?:al-|el-|as-|ar-|ash-|ad-)?[A-Z][\w'’]+(?:[- ](?:al-|el-)?[A-Z][\w'’]+)*"
_PLACE_NAME = re.compile(
    r"\b(?:in|at|near|on|towards?|into|outside|around|of|from|captured|seized|took|recaptured|entered)\s+"
    r"(?:the\s+)?(?:(?:nearby|small|strategic|key|large|northern|southern|eastern|western|neighbou?ring|adjacent|"
    r"last|remaining)\s+)?(?:(?:village|town|city|hill|area|settlement|district|neighbou?rhood)s?\s+(?:of\s+)?)?"
    rf"(?P<name>{_PLACE_WORDS})"
)


# A name the text itself calls a settlement or says was taken ("the nearby village of
# Al-Mughayrat", "seized Shilallah"): another place even beside a known one.
_SETTLEMENT_NAME = re.compile(
    r"\b(?:(?:village|town|city|hill|settlement)s?\s+of|(?:captured|seized|took|recaptured|retook|entered|"
    r"liberated)(?:\s+(?:the\s+)?(?:nearby\s+)?(?:village|town|city|hill|settlement))?)\s+"
    rf"(?P<name>{_PLACE_WORDS})"
)


def _new_place_name(clause: str, previous: str, pattern: re.Pattern[str]) -> bool:
    """Whether the clause names a place (known to the gazetteer or not) the previous event did not."""
    names = {m.group("name") for m in pattern.finditer(clause)}
    return any(name not in previous for name in names)


def _extend(event: Event, clause: Span, trigger: Trigger, candidate: _Candidate | None = None,
            government: Actor | None = None) -> None:
    """Fold a continuation into ``event``: more evidence, a sharper type."""
    if not any(clause.overlaps(e) for e in event.evidence):
        event.evidence.append(clause)
    if candidate is None:
        return
    if candidate.trigger.kind.priority > _PRIORITY.get(event.category, 0) and \
            candidate.trigger.kind.event_type == event.event_type:
        event.category = candidate.trigger.kind.category
        if candidate.trigger.kind.sub_event_type == "territory":
            actor1 = candidate.actor1
            if actor1 is None and event.actor1:
                actor1 = Actor(event.actor1, event.actor1_kind or "nonstate", None, event.actor1_side)
            _, event.sub_event_type = _sub_event_type(candidate.trigger, actor1, candidate.actor2, government) \
                if actor1 is None or actor1.kind == "nonstate" else ("", event.sub_event_type)
        else:
            event.sub_event_type = candidate.trigger.kind.sub_event_type
    if event.location is None and candidate.location is not None:
        event.location = candidate.location


_PRIORITY = {kind.category: kind.priority for kind in trigger_kinds()}
_CLASH = next(kind for kind in trigger_kinds() if kind.category == "clash")


def _correct(text: str, match: re.Match[str], event: Event, actors: DocumentActors) -> None:
    """'initially blamed on X ... later found to be carried out by Y': Y acts, X stays as a claim."""
    right_span = Span(match.start("right"), match.end("right"))
    named = [m for m in actors.mentions if right_span.start <= m.span.start < right_span.end]
    if not named:
        return
    wrong = text[match.start("wrong"):match.end("wrong")].strip()
    event.attribution_claims.append({"kind": "attribution", "actor": wrong, "stance": "corrected",
                                     "evidence": [Span(match.start("wrong"), match.end("wrong"))]})
    actor = named[0].parent if named[0].actor.kind in ("unit", "person") and named[0].parent else named[0].actor
    event.actor1 = actor.name
    event.actor1_side = actor.side
    event.actor1_kind = actor.kind
    event.evidence.append(Span(match.start(), match.end()))
