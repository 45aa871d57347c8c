"""Event triggers: the words that say something happened, typed with ACLED.

The lexicon lives in ``resources/triggers.json``; it is compiled into one
regular expression so that a sentence is scanned once. Trigger words used in a
proper name mid-sentence ("the Battle of Mosul") are not triggers.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from annals.document import Span, lower_in_place


@dataclass(frozen=True, slots=True)
class TriggerType:
    event_type: str
    sub_event_type: str  # "territory": decided by who takes the ground
    category: str
    priority: int


@dataclass(frozen=True, slots=True)
class Trigger:
    span: Span
    kind: TriggerType
    text: str


@lru_cache(maxsize=1)
def _compiled() -> tuple[re.Pattern[str], tuple[TriggerType, ...]]:
    data: dict[str, Any] = json.loads(resources.files("annals.resources").joinpath("triggers.json").read_text("utf-8"))
    kinds: list[TriggerType] = []
    parts: list[str] = []
    for index, entry in enumerate(data["triggers"]):
        kinds.append(TriggerType(entry["event_type"], entry["sub_event_type"], entry["category"], entry["priority"]))
        parts.append(f"(?P<t{index}>{_lower_literals(entry['pattern'])})")
    # Matched case-sensitively against lower-cased text: 2.5x faster than (?i) on this alternation.
    return re.compile(r"(?<![\w-])(?=\w)(?:" + "|".join(parts) + r")(?![\w-])"), tuple(kinds)


def _lower_literals(pattern: str) -> str:
    """Lower-case the letters of a pattern, leaving escapes such as \\S or \\W alone."""
    return re.sub(r"(?<!\\)[A-Z]", lambda m: m.group().lower(), pattern)


def find_triggers(text: str, start: int = 0, end: int | None = None) -> list[Trigger]:
    """Triggers in ``text[start:end]``, in order, without those inside proper names."""
    pattern, kinds = _compiled()
    stop = len(text) if end is None else end
    lowered = lower_in_place(text)
    found: list[Trigger] = []
    for match in pattern.finditer(lowered, start, stop):
        index = int((match.lastgroup or "t0")[1:])
        word = text[match.start() : match.end()]
        if word[0].isupper() and match.start() > start and _in_name(text, match.start(), match.end()):
            continue
        found.append(Trigger(Span(match.start(), match.end()), kinds[index], word))
    return found


def _in_name(text: str, start: int, end: int) -> bool:
    """A capitalised trigger inside a sentence is part of a name ("Operation Dawn Offensive")."""
    before = text[max(0, start - 2):start]
    if before.endswith(". ") or before.endswith("\n"):
        return False
    following = text[end:end + 4]
    previous_word = re.search(r"(\S+)\s*$", text[max(0, start - 30):start])
    capital_before = previous_word is not None and previous_word.group(1)[:1].isupper()
    return following.startswith(" of ") or capital_before or text[end:end + 1] == ")"


def trigger_kinds() -> tuple[TriggerType, ...]:
    return _compiled()[1]
