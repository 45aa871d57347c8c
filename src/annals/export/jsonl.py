"""JSON Lines: one event per line in the output contract's shape, with its document.

The line is the stored event (the store's global ``id``) plus ``document`` (title,
path, sha256, format, ingested_at), ``conflict`` (its name) and ``notes``, so a
line stands alone and its evidence offsets can be resolved against the document.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from annals.store import StoredEvent

# Characters that some readers (Python's str.splitlines, JavaScript) take as line ends;
# json.dumps leaves them raw with ensure_ascii=False, so they are escaped here.
_LINE_ENDS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def dumps_line(value: Any) -> str:
    """Compact JSON on exactly one line, whatever the text inside."""
    return json.dumps(value, ensure_ascii=False).translate(_LINE_ENDS)


def event_line(item: StoredEvent) -> dict[str, Any]:
    return {**item.event, "document": item.document, "conflict": item.conflict, "notes": item.notes}


def write_jsonl(events: Iterable[StoredEvent], out: TextIO) -> int:
    """One JSON object per line; the number of lines."""
    count = 0
    for item in events:
        out.write(dumps_line(event_line(item)) + "\n")
        count += 1
    return count
