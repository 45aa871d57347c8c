from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annals.temporal.parse import find_times, parse_date_range, resolve

ANCHOR = date(2018, 5, 22)


def first(text: str, anchor: date | None = ANCHOR) -> tuple[str, str, int] | None:
    mentions = find_times(text)
    assert mentions, text
    resolved = resolve(mentions[0], anchor, 2018)
    if resolved is None:
        return None
    return resolved.start.isoformat(), resolved.end.isoformat(), resolved.precision


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 22 May 2018 it began.", ("2018-05-22", "2018-05-22", 1)),
        ("On May 22, 2018 it began.", ("2018-05-22", "2018-05-22", 1)),
        ("Between 22–24 May fighting raged.", ("2018-05-22", "2018-05-24", 2)),
        ("On the night of 8–9 June they crossed.", ("2018-06-08", "2018-06-09", 2)),
        ("In early June the front moved.", ("2018-06-01", "2018-06-10", 3)),
        ("By mid-June the front moved.", ("2018-06-11", "2018-06-20", 3)),
        ("In late 2017 the group formed.", ("2017-09-01", "2017-12-31", 5)),
        ("During the first week of June, shelling.", ("2018-06-01", "2018-06-07", 3)),
        ("ISO 2018-06-03 here.", ("2018-06-03", "2018-06-03", 1)),
        ("The next day, attacks.", ("2018-05-23", "2018-05-23", 1)),
        ("Three days later, attacks.", ("2018-05-25", "2018-05-25", 1)),
        ("The day before, attacks.", ("2018-05-21", "2018-05-21", 1)),
        ("Two weeks later it ended.", ("2018-06-05", "2018-06-11", 3)),
        ("Between 29 September and 2 October, villages fell.", ("2018-09-29", "2018-10-02", 2)),
    ],
)
def test_resolve_dates_against_the_narrative(text: str, expected: tuple[str, str, int]) -> None:
    assert first(text) == expected


def test_year_rolls_over_from_december_to_january() -> None:
    mention = find_times("On 2 January the siege ended.")[0]
    resolved = resolve(mention, date(2017, 12, 28), 2017)
    assert resolved is not None and resolved.start == date(2018, 1, 2)


def test_invalid_date_is_flagged_not_crashed() -> None:
    mention = find_times("On 31 February 2018 nothing happened.")[0]
    assert mention.invalid
    assert resolve(mention, ANCHOR) is None


def test_relative_dates_need_an_anchor_and_never_use_the_clock() -> None:
    assert first("The next day, attacks.", anchor=None) is None


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [("22 May – 11 June 2018, ()", "2018-05-22", "2018-06-11"),
     ("6 November 2016 – 23 February 2017", "2016-11-06", "2017-02-23"),
     ("September 6–12, 2022", "2022-09-06", "2022-09-12"),
     ("24 February 2022 – present", "2022-02-24", None)],
)
def test_parse_date_range_reads_infobox_dates(value: str, start: str, end: str | None) -> None:
    first_range, last_range, _ = parse_date_range(value)
    assert first_range is not None and first_range.start.isoformat() == start
    assert (last_range.end.isoformat() if last_range else None) == end


@pytest.mark.parametrize(
    "text",
    ["The 2014 offensive was planned.", "He may go home.", "Army units march.",
     "Jets struck the village of Mar Shamsheh."],  # a bare abbreviation is a name, not March
)
def test_names_and_verbs_are_not_dates(text: str) -> None:
    assert find_times(text) == []


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_find_times_never_raises_and_spans_stay_inside(text: str) -> None:
    for mention in find_times(text):
        assert 0 <= mention.span.start < mention.span.end <= len(text)
        resolve(mention, ANCHOR, 2018)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Attacks were repelled on August 25, 30, and 31, the staff said.", [25, 30, 31]),
        ("Assaults came on August 18 and 19, towards the town.", [18, 19]),
        # a count after a date, a year, or a day-first date is no list
        ("On March 3, 5 soldiers were killed.", [3]),
        ("On 25 August, 30 soldiers died.", [25]),
        ("On August 25, 2022, the town fell.", [25]),
    ],
)
def test_find_times_reads_the_later_days_of_a_list(text: str, days: list[int]) -> None:
    found = [m for m in find_times(text) if m.kind != "relative"]
    assert [m.start[2] for m in found] == days
    assert [m.listed for m in found] == [False] + [True] * (len(days) - 1)
