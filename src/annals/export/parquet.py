"""Parquet: one row per event with a typed schema (dates as dates, lists as lists).

Column names are the store's (``location_name``, ``fatalities_low``, ...). Claims
and evidence are nested lists of structs; rows are written in batches so an export
of any size runs in bounded memory.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from annals.store import StoredEvent

SPAN = pa.struct([("start", pa.int64()), ("end", pa.int64())])
CLAIM = pa.struct([
    ("kind", pa.string()), ("low", pa.int64()), ("high", pa.int64()), ("about", pa.string()),
    ("source", pa.string()), ("stance", pa.string()), ("approx", pa.string()), ("actor", pa.string()),
    ("evidence", pa.list_(SPAN)),
])
SCHEMA = pa.schema([
    ("id", pa.string()), ("title", pa.string()), ("path", pa.string()), ("sha256", pa.string()),
    ("conflict", pa.string()),
    ("date_start", pa.date32()), ("date_end", pa.date32()), ("date_precision", pa.int8()),
    ("date_basis", pa.string()),
    ("event_type", pa.string()), ("sub_event_type", pa.string()),
    ("actor1", pa.string()), ("actor2", pa.string()), ("actor1_side", pa.int16()), ("actor2_side", pa.int16()),
    ("assoc_actor_1", pa.list_(pa.string())), ("assoc_actor_2", pa.list_(pa.string())),
    ("location_name", pa.string()), ("latitude", pa.float64()), ("longitude", pa.float64()),
    ("admin1", pa.string()), ("country", pa.string()), ("iso", pa.int32()), ("geo_precision", pa.int8()),
    ("geonameid", pa.int64()),
    ("fatalities_low", pa.int64()), ("fatalities_best", pa.int64()), ("fatalities_high", pa.int64()),
    ("notes", pa.string()), ("claims", pa.list_(CLAIM)), ("evidence", pa.list_(SPAN)),
])
BATCH = 10_000


def parquet_row(item: StoredEvent) -> dict[str, Any]:
    event = item.event
    location = event.get("location") or {}
    fatalities = event.get("fatalities") or {}
    return {
        "id": event["id"], "title": item.document.get("title"), "path": item.document.get("path"),
        "sha256": item.document.get("sha256"), "conflict": item.conflict,
        "date_start": date.fromisoformat(event["date_start"]), "date_end": date.fromisoformat(event["date_end"]),
        "date_precision": event.get("date_precision"), "date_basis": event.get("date_basis"),
        "event_type": event["event_type"], "sub_event_type": event["sub_event_type"],
        "actor1": event.get("actor1"), "actor2": event.get("actor2"),
        "actor1_side": event.get("actor1_side"), "actor2_side": event.get("actor2_side"),
        "assoc_actor_1": event.get("assoc_actor_1") or [], "assoc_actor_2": event.get("assoc_actor_2") or [],
        "location_name": location.get("name"), "latitude": location.get("latitude"),
        "longitude": location.get("longitude"), "admin1": location.get("admin1"), "country": location.get("country"),
        "iso": location.get("iso"), "geo_precision": location.get("geo_precision"),
        "geonameid": location.get("geonameid"),
        "fatalities_low": fatalities.get("low"), "fatalities_best": fatalities.get("best"),
        "fatalities_high": fatalities.get("high"), "notes": item.notes,
        "claims": [{name: claim.get(name) for name in CLAIM.names} for claim in event.get("claims") or []],
        "evidence": event.get("evidence") or [],
    }


def write_parquet(events: Iterable[StoredEvent], out: str | IO[bytes]) -> int:
    """Write every event to one Parquet file; the number of rows."""
    count = 0
    with pq.ParquetWriter(out, SCHEMA) as writer:
        batch: list[dict[str, Any]] = []
        for item in events:
            batch.append(parquet_row(item))
            if len(batch) >= BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=SCHEMA))
                count += len(batch)
                batch = []
        if batch or not count:
            writer.write_table(pa.Table.from_pylist(batch, schema=SCHEMA))
            count += len(batch)
    return count
