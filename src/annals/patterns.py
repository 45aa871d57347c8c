"""Regex helpers shared by the stages that match long word lists (actors, places).

Python's ``re`` tries the branches of an alternation one by one at every position;
a list of several hundred names is much faster as a prefix tree, where the engine
reads each letter once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any


def trie_pattern(words: Iterable[str]) -> str:
    """An alternation of ``words`` as a prefix tree ("air(?:base|port)"), longest match
    first: greedy optional branches try the longer word before the shorter."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(tree)
