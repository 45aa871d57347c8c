from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from annals.read import read_path, read_text
from annals.temporal.chain import NarrativeClock

STORY = """= An invented siege =

== Siege ==
On 28 December 2017, rebels surrounded the town. The next day, the army shelled their positions.

On 2 January, the rebels attacked again. Two days later, they withdrew.

== Aftermath ==
The ruins were cleared by volunteers.
"""


def test_clock_chains_relative_dates_and_rolls_the_year() -> None:
    doc = read_text(STORY, format="seed")
    clock = NarrativeClock(doc)
    dates = []
    for sentence in doc.sentences:
        times = clock.enter(sentence)
        when = clock.date_for(times, sentence.span.start + 20, sentence.span)
        dates.append(when.range.start if when else None)
        if when is not None:
            clock.settle(when)
    assert dates[:4] == [date(2017, 12, 28), date(2017, 12, 29), date(2018, 1, 2), date(2018, 1, 4)]
    assert dates[4] is None  # the aftermath does not inherit the last battle's date


LOOK_BACK = """= An invented battle =

== Battle ==
On 13 March 2022, troops fired on a car. Its driver had not worked for the paper since 2015.

On 14 March, half of the town was held by the attackers.
"""


def test_clock_a_bare_year_far_outside_the_conflict_does_not_move_the_story() -> None:
    doc = read_text(LOOK_BACK, format="seed")
    clock = NarrativeClock(doc, start=date(2022, 3, 1), end=date(2022, 3, 28))
    first, aside, last = doc.sentences
    when = clock.date_for(clock.enter(first), first.span.start + 3, first.span)
    assert when is not None
    clock.settle(when)  # an event; the aside about the driver is none
    clock.enter(aside)
    when = clock.date_for(clock.enter(last), last.span.start + 3, last.span)
    assert when is not None and when.range.start == date(2022, 3, 14)


def test_clock_story_year_from_the_short_description_when_the_text_names_none(tmp_path: Path) -> None:
    """No year in the body but "recaptured 2000 sq km" (an area, not a year): the year is
    the one the front matter's short description names."""
    path = tmp_path / "a.md"
    path.write_text(
        "---\nsubject: Battle of Testivka\nshortDescription: Battle in the 2022 invasion of Testland\n---\n\n"
        "## Battle\nOn 7 June, troops shelled the village. The army had recaptured 2000 sq km by then.\n"
    )
    doc = read_path(path)
    clock = NarrativeClock(doc)
    sentence = doc.sentences[0]
    when = clock.date_for(clock.enter(sentence), sentence.span.start + 12, sentence.span)
    assert when is not None and when.range.start == date(2022, 6, 7)


BACKGROUND = """= An invented battle =

== Background ==
On 24 February 2022, the invasion began. By 6 April, the attackers held half of the northern town.

== Battle ==
On 12 September, the defenders crossed the river.
"""


def test_clock_a_background_date_follows_the_backgrounds_own_dates() -> None:
    """The battle is in September 2022; its background's "By 6 April" follows the background's
    "24 February 2022" (April 2022), not the battle's start (which would give April 2023)."""
    doc = read_text(BACKGROUND, format="seed")
    clock = NarrativeClock(doc, start=date(2022, 9, 10), end=date(2022, 10, 2))
    _, second, _ = doc.sentences
    clock.enter(doc.sentences[0], background=True)
    when = clock.date_for(clock.enter(second, background=True), second.span.start + 3, second.span)
    assert when is not None and when.range.start == date(2022, 4, 6)


BACK_IN = """= An invented summer campaign =

== Campaign ==
On 10 July 2019, rebels attacked the town. The town had been shelled back in March, killing four people.

On 12 July, the army retook the town.
"""


def _told_with_a_look_back(text: str) -> tuple[list[tuple[date, date]], date | None]:
    """Read a story of three sentences (an event, a look back, "The next day ..."): the
    ranges the look back resolved to, and the day the last sentence is dated to."""
    doc = read_text(text, format="seed")
    clock = NarrativeClock(doc)
    first, looked, last = doc.sentences
    when = clock.date_for(clock.enter(first), first.span.start + 3, first.span)
    assert when is not None
    clock.settle(when)
    ranges = [(t.range.start, t.range.end) for t in clock.enter(looked) if t.range is not None]
    after = clock.date_for(clock.enter(last), last.span.start + 3, last.span)
    return ranges, after.range.start if after is not None else None


def test_clock_back_in_a_month_is_this_years_month_and_does_not_move_the_story() -> None:
    """"Back in March", told on 10 July 2019, is March 2019 (not March 2020, as a forward-
    moving year would have it), and "On 12 July" still follows 10 July."""
    ranges, after = _told_with_a_look_back(BACK_IN)
    assert [start for start, _ in ranges] == [date(2019, 3, 1)]
    assert after == date(2019, 7, 12)


@pytest.mark.parametrize(("told", "month", "expected_start", "expected_end"), [
    ("July 2019", "February", date(2019, 2, 1), date(2019, 2, 28)),  # the year after is a leap year
    ("July 2019", "May", date(2019, 5, 1), date(2019, 5, 31)),  # before the story's day: no roll
])
def test_clock_back_in_a_month_any_month(told: str, month: str, expected_start: date, expected_end: date) -> None:
    """"Back in February" told in July 2019 is February 2019 (the forward year would be 2020,
    whose February has 29 days); "back in May" stays May. Neither moves the story: "The
    next day" still counts from 10 July."""
    ranges, after = _told_with_a_look_back(
        f"= An invented campaign =\n\n== Campaign ==\nOn 10 {told}, rebels attacked the town. "
        f"The town had been shelled back in {month}.\n\nThe next day, the army retook the town.\n")
    assert ranges == [(expected_start, expected_end)]
    assert after == date(2019, 7, 11)


@pytest.mark.parametrize(("told", "back", "expected"), [
    (date(2020, 1, 10), "back on 31 December", date(2019, 12, 31)),  # rolled into 2020 before the fix
    (date(2021, 1, 10), "back on 28 February", date(2020, 2, 28)),  # a day stays that day in a leap year
])
def test_clock_a_day_looked_back_on_keeps_its_day_and_the_story(told: date, back: str, expected: date) -> None:
    """A single day marked as past is that day of the year before when the forward year
    would put it after the story, and "The next day" still counts from the story's day."""
    ranges, after = _told_with_a_look_back(
        f"= An invented campaign =\n\n== Campaign ==\nOn {told.day} January {told.year}, rebels attacked "
        f"the town. The town had been shelled {back}.\n\nThe next day, the army retook the town.\n")
    assert [start for start, _ in ranges] == [expected]
    assert after == date(told.year, 1, 11)
