"""Audit: where the infobox and the prose disagree, as coded warnings.

A Wikipedia editor wants to know when the infobox says 138 killed but the
narrative's own claims add up to something else, or when an event in the body
falls outside the infobox's dates. These are warnings, never errors.
"""

from __future__ import annotations

import re
from datetime import timedelta

from annals.conflict.record import ConflictRecord
from annals.document import Document, Notice
from annals.events.model import Event


def audit(doc: Document, conflict: ConflictRecord, events: list[Event]) -> list[Notice]:
    notices: list[Notice] = []
    for side in conflict.sides:
        if side.killed is None or side.killed.low is None:
            continue
        claimed = [c for e in events for c in e.claims if c.kind == "killed" and c.about_side == side.side]
        if not claimed:
            continue
        total = sum(c.high or c.low or 0 for c in claimed)
        if side.killed.high is not None and total > side.killed.high:
            names = ", ".join(b.name for b in side.belligerents) or f"side {side.side}"
            notices.append(Notice(
                "AUDIT-W001",
                f"the prose claims {total} killed on the side of {names}, more than the infobox's "
                f"{side.killed.text!r}",
                side.killed.evidence[0] if side.killed.evidence else None,
            ))
    if conflict.start_date and conflict.end_date:
        slack = timedelta(days=1)
        for event in events:
            if _after_the_fact(doc, event):
                continue
            if event.date_how in ("explicit", "relative") and (
                    event.date.end < conflict.start_date - slack or event.date.start > conflict.end_date + slack):
                notices.append(Notice(
                    "AUDIT-W002",
                    f"event {event.id} on {event.date.start.isoformat()} falls outside the infobox dates "
                    f"{conflict.start_date.isoformat()} – {conflict.end_date.isoformat()}",
                    doc.source_span(event.evidence[0]),
                ))
    return notices


def _after_the_fact(doc: Document, event: Event) -> bool:
    """Events told in an aftermath or background section may lie outside the dates."""
    sentence = doc.sentences[event.sentence] if 0 <= event.sentence < len(doc.sentences) else None
    section = doc.section_of(sentence) if sentence else None
    return section is not None and _OUTSIDE.search(section.title) is not None


_OUTSIDE = re.compile(r"(?i)\b(?:aftermath|background|prelude|legacy|subsequent|later|after)\b")
