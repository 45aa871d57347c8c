"""ACLED layout: the 31 columns of an ACLED export, in ACLED's order, as CSV.

``fatalities`` is ACLED's conservative figure (the lowest of the claims, 0 when none
is reported); ``notes`` keeps every claim (who said what); ``source`` is the article.
``event_id_cnty`` is the country's ISO alpha-3 code and the store's event id.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import datetime
from typing import Any, TextIO

from annals.export.codes import disorder_type, event_date, inter_codes, interaction, time_precision
from annals.export.regions import acled_region, alpha3
from annals.store import StoredEvent

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)


def acled_row(item: StoredEvent) -> dict[str, Any]:
    """One event as an ACLED row (column -> value; None is an empty cell)."""
    event = item.event
    location = event.get("location") or {}
    inter1, inter2 = inter_codes(item)
    when = event_date(event["date_start"], event["date_end"])
    iso = location.get("iso")
    return {
        "event_id_cnty": f"{alpha3(iso) or 'XXX'}-{event['id']}",
        "event_date": when,
        "year": int(when[:4]),
        "time_precision": time_precision(event.get("date_precision")),
        "disorder_type": disorder_type(event["event_type"], event["sub_event_type"]),
        "event_type": event["event_type"],
        "sub_event_type": event["sub_event_type"],
        "actor1": event.get("actor1"),
        "assoc_actor_1": "; ".join(event.get("assoc_actor_1") or []),
        "inter1": inter1,
        "actor2": event.get("actor2"),
        "assoc_actor_2": "; ".join(event.get("assoc_actor_2") or []),
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if 7 in (inter1, inter2) else None,
        "iso": iso,
        "region": acled_region(iso),
        "country": location.get("country"),
        "admin1": location.get("admin1"),
        "admin2": None,
        "admin3": None,
        "location": location.get("name"),
        "latitude": location.get("latitude"),
        "longitude": location.get("longitude"),
        "geo_precision": location.get("geo_precision"),
        "source": item.document.get("title"),
        "source_scale": "Other",
        "notes": item.notes,
        "fatalities": (event.get("fatalities") or {}).get("low") or 0,
        "tags": None,
        "timestamp": int(datetime.fromisoformat(item.document["ingested_at"]).timestamp()),
    }


def write_acled(events: Iterable[StoredEvent], out: TextIO) -> int:
    """Write the header and one row per event; the number of rows."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    count = 0
    for item in events:
        writer.writerow(acled_row(item))
        count += 1
    return count
