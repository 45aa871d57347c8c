"""The event taxonomies: ACLED's types (what annals codes) and PLOVER's (an extra view).

ACLED's six event types and 25 sub-event types come from the trigger lexicon;
this module maps them to PLOVER event types and modes from a resource table, so
that users of PLOVER-coded data can join annals' events.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

ACLED_TYPES = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, list[str]]]:
    data: dict[str, dict[str, list[str]]] = json.loads(
        resources.files("annals.resources").joinpath("plover.json").read_text("utf-8"))
    return data


def plover(sub_event_type: str, category: str = "") -> tuple[str, str]:
    """PLOVER (event type, mode) for an ACLED sub-event type ("" when unmapped)."""
    table = _table()
    chosen = table["categories"].get(f"category:{category}") or table["sub_event_types"].get(sub_event_type)
    return (chosen[0], chosen[1]) if chosen else ("", "")


def interaction(inter1: int, inter2: int) -> int:
    """ACLED's joint code: the two inter codes, lower first (12); one actor alone is 10, 20, ..."""
    if not inter1 or not inter2:
        return max(inter1, inter2) * 10
    return min(inter1, inter2) * 10 + max(inter1, inter2)
