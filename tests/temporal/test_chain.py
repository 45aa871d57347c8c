from __future__ import annotations

from datetime import date

from annals.read import read_text
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
