"""export stage: the stored events in the layouts analysts' tools read.

``export(db, "acled", "events.csv", country="Syria")`` writes ACLED's 31-column CSV;
the other formats are ``ucdp`` (UCDP GED CSV), ``geojson``, ``jsonl`` and
``parquet``. Each format is one module with a ``write_<format>(events, out)``
function over ``Store.events()``; the ACLED/UCDP codes derived on the way are in
``codes.py`` and documented in docs/store.md.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from contextlib import ExitStack, closing
from pathlib import Path
from typing import IO, Any, TextIO

from annals.errors import AnnalsError
from annals.export.acled import write_acled
from annals.export.geojson import write_geojson
from annals.export.jsonl import write_jsonl
from annals.export.ucdp import write_ucdp
from annals.store import EventFilter, Store, StoredEvent

Writer = Callable[[Iterable[StoredEvent], Any], int]


def write_parquet(events: Iterable[StoredEvent], out: Any) -> int:
    """``parquet.write_parquet``, importing pyarrow only when Parquet is asked for."""
    from annals.export.parquet import write_parquet as write

    return write(events, out)


FORMATS: dict[str, Writer] = {
    "acled": write_acled,
    "ucdp": write_ucdp,
    "geojson": write_geojson,
    "jsonl": write_jsonl,
    "parquet": write_parquet,
}
BINARY = frozenset({"parquet"})

__all__ = ["BINARY", "FORMATS", "ExportError", "export", "write_acled", "write_geojson", "write_jsonl",
           "write_parquet", "write_ucdp"]


class ExportError(AnnalsError):
    """The export cannot be written as asked."""


def export(db: Store | str | Path, format: str, output: str | Path | TextIO | None = None, *,
           from_date: str | None = None, to_date: str | None = None, country: str | None = None,
           actor: str | None = None, event_type: str | None = None) -> int:
    """Write the stored events that pass the filters in ``format``; the number of rows.

    ``output`` is a file name (written whole or not at all: a temporary file is
    renamed at the end), an open text stream, or None for standard output (not for
    Parquet). ``db`` is a Store or the path of a database, opened read-only.

    Example: ``export("annals.db", "ucdp", "ged.csv", from_date="2018", actor="Islamic State")``
    """
    writer = FORMATS.get(format)
    if writer is None:
        raise ExportError("EXPORT-E001", f"unknown export format {format!r}",
                          hint=f"use one of: {', '.join(FORMATS)}")
    binary = format in BINARY
    if binary and (output is None or not isinstance(output, str | Path)):
        raise ExportError("EXPORT-E002", "Parquet is binary and needs a file name",
                          hint="give --output FILE.parquet")
    filters = EventFilter(from_date, to_date, country, actor, event_type)
    filters.sql()  # check the dates before any file is touched
    with ExitStack() as stack:
        store = db if isinstance(db, Store) else stack.enter_context(Store(db, readonly=True))
        events = stack.enter_context(closing(store.events(filters)))  # closed before the store
        if output is None:
            return writer(events, sys.stdout)
        if not isinstance(output, str | Path):
            return writer(events, output)
        return _write_file(Path(output), lambda out: writer(events, out), binary=binary)


def _write_file(target: Path, write: Callable[[IO[Any]], int], *, binary: bool) -> int:
    """Write through a temporary file in the target's folder, renamed over the target at the end."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        out: IO[Any] = os.fdopen(handle, "wb") if binary else os.fdopen(handle, "w", encoding="utf-8", newline="")
        with out:
            count = write(out)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)  # as a plain open() would have made it
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count
