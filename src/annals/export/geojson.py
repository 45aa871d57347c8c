"""GeoJSON (RFC 7946): a FeatureCollection with one Point feature per event.

Properties are the event's flat fields plus its claims and evidence. An event
without a location is kept with a null geometry (RFC 7946, 3.2), so the feature
count is the event count; map tools skip such features.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

from annals.export.jsonl import dumps_line
from annals.store import StoredEvent


def feature(item: StoredEvent) -> dict[str, Any]:
    event = item.event
    location = event.get("location") or {}
    fatalities = event.get("fatalities") or {}
    geometry = None
    if location.get("latitude") is not None and location.get("longitude") is not None:
        geometry = {"type": "Point", "coordinates": [location["longitude"], location["latitude"]]}
    properties = {
        "id": event["id"], "title": item.document.get("title"), "path": item.document.get("path"),
        "conflict": item.conflict, "date_start": event["date_start"], "date_end": event["date_end"],
        "date_precision": event.get("date_precision"), "event_type": event["event_type"],
        "sub_event_type": event["sub_event_type"], "actor1": event.get("actor1"), "actor2": event.get("actor2"),
        "actor1_side": event.get("actor1_side"), "actor2_side": event.get("actor2_side"),
        "assoc_actor_1": event.get("assoc_actor_1") or [], "assoc_actor_2": event.get("assoc_actor_2") or [],
        "location_name": location.get("name"), "admin1": location.get("admin1"),
        "country": location.get("country"), "iso": location.get("iso"),
        "geo_precision": location.get("geo_precision"), "fatalities_low": fatalities.get("low"),
        "fatalities_best": fatalities.get("best"), "fatalities_high": fatalities.get("high"),
        "notes": item.notes, "claims": event.get("claims") or [], "evidence": event.get("evidence") or [],
    }
    return {"type": "Feature", "id": event["id"], "geometry": geometry, "properties": properties}


def write_geojson(events: Iterable[StoredEvent], out: TextIO) -> int:
    """Stream the collection (one feature per line); the number of features."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    count = 0
    for item in events:
        out.write((",\n" if count else "") + dumps_line(feature(item)))
        count += 1
    out.write("\n]}\n")
    return count
