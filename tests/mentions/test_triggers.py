"""The trigger lexicon: what a phrase is read as, and alternatives that can match at all."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from annals.mentions.triggers import find_triggers


@pytest.mark.parametrize(
    ("sentence", "trigger", "category"),
    [
        ("Russian forces occupied the town.", "occupied", "capture"),
        ("The town was occupied by Russian forces.", "was occupied", "capture"),
        ("The army secured the hilltops at dawn.", "secured the hilltops", "capture"),
        ("Rebels recaptured the village.", "recaptured", "recapture"),
        ("Ground offensives resumed south of the town.", "offensives", "clash"),
        ("Militias kept counterattacking at dawn.", "counterattacking", "clash"),
        ("Gunmen in pickups were shooting at checkpoints.", "shooting at", "clash"),
        ("Soldiers would shoot at passing cars.", "shoot at", "clash"),
        ("Army units confronted the rebels near the town.", "confronted", "clash"),
        ("Russian artillery targeted the bridge.", "artillery targeted", "shelling"),
        ("Russian forces were withdrawing from the region.", "withdrawing", "withdrawal"),
        ("The army confirmed the destruction of a depot.", "destruction of", "strike"),
        ("The separatists entered the northern part of the city.", "entered the northern part", "capture"),
        ("Two groups of fighters re-entered the eastern district.", "re-entered", "recapture"),
        ("Troops were advancing in the forest.", "advancing", "clash"),
        ("The brigade broke through the lines.", "broke through", "clash"),
        ("Troops fired on the village.", "fired on", "clash"),
        ("Twelve men were found shot in a cellar.", "found shot", "civilians"),
    ],
)
def test_a_phrase_is_read_as_its_trigger(sentence: str, trigger: str, category: str) -> None:
    (found,) = find_triggers(sentence)
    assert (found.text, found.kind.category) == (trigger, category)


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern (split at ``|`` outside groups and classes)."""
    parts, depth, start, in_class, escaped = [], 0, 0, False, False
    for index, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
    return [*parts, pattern[start:]]


_TRAILING_LOOKAHEAD = re.compile(r"\(\?[=!](?:[^()]|\([^()]*\))*\)\Z")


def test_no_alternative_ends_in_a_blank_that_the_word_boundary_rules_out() -> None:
    """Every trigger must be followed by a non-word character, so an alternative whose
    match ends in a blank ("occupied (?=the)") can never match."""
    data = json.loads(resources.files("annals.resources").joinpath("triggers.json").read_text("utf-8"))
    dead = []
    for entry in data["triggers"]:
        for alternative in _alternatives(entry["pattern"]):
            body = alternative
            while (lookahead := _TRAILING_LOOKAHEAD.search(body)) is not None:
                body = body[: lookahead.start()]
            if body.endswith((" ", "\\s", "\\s+", "\\s*")):
                dead.append(alternative)
    assert dead == []
