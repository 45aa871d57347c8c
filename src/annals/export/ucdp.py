"""UCDP GED layout: GED's 49 columns, in GED's order, as CSV.

Only organised violence is in GED's scope (battles, explosions and remote violence,
violence against civilians); other events are left out. ``side_a`` is the state
in state-based violence and the perpetrator in one-sided violence. Columns that
need UCDP's own registers (conflict, dyad and actor ids, Gleditsch-Ward codes) are
empty. GED proper only holds events with at least one death; filter on ``best`` to
get the same.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable
from typing import Any, TextIO

from annals.export.codes import inter_codes, priogrid, type_of_violence, where_precision
from annals.export.regions import ucdp_region
from annals.store import StoredEvent

COLUMNS = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id", "conflict_new_id",
    "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a",
    "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
    "source_date", "source_headline", "source_original", "where_prec", "where_coordinates", "where_description",
    "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob",
)


def numeric_id(event_id: str) -> int:
    """A stable integer id (GED's ``id`` is numeric): 52 bits of the event id's sha256."""
    return int(hashlib.sha256(event_id.encode("utf-8")).hexdigest()[:13], 16)


def ucdp_row(item: StoredEvent) -> dict[str, Any] | None:
    """One event as a GED row, or None when it is not organised violence."""
    event = item.event
    inter1, inter2 = inter_codes(item)
    violence = type_of_violence(event["event_type"], inter1, inter2)
    if violence is None:
        return None
    side_a, side_b = event.get("actor1"), event.get("actor2")
    if violence == 1 and inter2 in (1, 8) and inter1 not in (1, 8):
        side_a, side_b = side_b, side_a  # GED puts the state on side A
    if violence == 3 and inter1 == 7:
        side_a, side_b = side_b, side_a  # the perpetrator on side A
    if violence == 3 and not side_b:
        side_b = "Civilians"
    location = event.get("location") or {}
    fatalities = event.get("fatalities") or {}
    claim_sources = sorted({c["source"] for c in event.get("claims") or [] if c.get("source")})
    latitude, longitude = location.get("latitude"), location.get("longitude")
    return {
        "id": numeric_id(event["id"]),
        "relid": event["id"],
        "year": int(event["date_start"][:4]),
        "active_year": None,
        "code_status": None,
        "type_of_violence": violence,
        "conflict_dset_id": None,
        "conflict_new_id": None,
        "conflict_name": item.conflict,
        "dyad_dset_id": None,
        "dyad_new_id": None,
        "dyad_name": " - ".join(x for x in (side_a, side_b) if x) or None,
        "side_a_dset_id": None,
        "side_a_new_id": None,
        "side_a": side_a,
        "side_b_dset_id": None,
        "side_b_new_id": None,
        "side_b": side_b,
        "number_of_sources": 1 + len(claim_sources),
        "source_article": item.document.get("title"),
        "source_office": None,
        "source_date": None,
        "source_headline": None,
        "source_original": "; ".join(claim_sources) or None,
        "where_prec": where_precision(location.get("geo_precision"), location.get("name"), location.get("country")),
        "where_coordinates": location.get("name"),
        "where_description": item.location_text,
        "adm_1": location.get("admin1"),
        "adm_2": None,
        "latitude": latitude,
        "longitude": longitude,
        "geom_wkt": f"POINT ({longitude} {latitude})" if latitude is not None and longitude is not None else None,
        "priogrid_gid": priogrid(latitude, longitude),
        "country": location.get("country"),
        "country_id": None,
        "region": ucdp_region(location.get("iso")),
        "event_clarity": 1 if (event.get("date_precision") or 1) <= 2 else 2,
        "date_prec": event.get("date_precision"),
        "date_start": event["date_start"],
        "date_end": event["date_end"],
        "deaths_a": None,
        "deaths_b": None,
        "deaths_civilians": None,
        "deaths_unknown": None,
        "best": fatalities.get("best"),
        "high": fatalities.get("high"),
        "low": fatalities.get("low"),
        "gwnoa": None,
        "gwnob": None,
    }


def write_ucdp(events: Iterable[StoredEvent], out: TextIO) -> int:
    """Write the header and one row per event of organised violence; the number of rows."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    count = 0
    for item in events:
        row = ucdp_row(item)
        if row is not None:
            writer.writerow(row)
            count += 1
    return count
