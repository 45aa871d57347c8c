"""Airfields: air bases and airports the town gazetteer lacks, from OurAirports.

An air base is often where a battle is fought (a siege of an airbase, a raid on an
airport), and GeoNames' populated places do not hold it: the nearest town may lie
20 km away. The ``ourairports`` package ships the OurAirports dataset (public
domain): about 50,000 airfields with coordinates, country and alternate names
("Kuweires, Rasin El Abboud"), closed and military fields included.

Each airfield is indexed by the skeleton key (``names.skeleton``) of its name's
core, the words left when the kind of field is dropped: "Jirah Air Base" -> Jirah,
"Kherson International Airport" -> Kherson, "Sirt International Airport /
Ghardabiya Airbase" -> Sirt and Ghardabiya. Running text is then read from each
airfield noun back ("the Abu al-Duhur military airbase") for the longest run of
words whose key is an airfield's; ``resolve.DocumentGeography`` keeps a match only
in the story's countries and near the places it names.
"""

from __future__ import annotations

import csv
import gzip
import io
import math
import re
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annals.geo.names import similarity, skeleton, spelling_key
from annals.geo.words import AIRFIELD_KIND_WORDS

# Kinds of OurAirports entry kept: fields with a runway, open or closed (a closed
# field of the 1990s can be a front line today). Heliports, seaplane bases and
# balloon ports are kept only when their name calls them an air base.
_FIELD_TYPES = frozenset(["small_airport", "medium_airport", "large_airport", "closed"])
_NAMED_BASE = re.compile(r"(?i)\bair\s*base\b|\bairbase\b|\bmilitary\b")
_SPLIT_NAMES = re.compile(r"\s+/\s+|\s*,\s*")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*|\d[\w-]*")
_ICAO_LIKE = re.compile(r"\A[A-Z0-9-]{3,}\Z")  # "OS72", "UA-0045": codes, not names
_CORE_WORDS = 4  # a core longer than this is a description, not a name
# Skeletons collide ("Allied" and "Lydd"); a name must also be spelt alike, article aside
# ("Kwayres" and "Kuweires" are 0.67 alike, "Allied" and "Lydd" 0.4).
SPELLING_FLOOR = 0.6


@dataclass(frozen=True, slots=True)
class Airfield:
    """One airfield, materialised for callers."""

    id: int
    name: str
    latitude: float
    longitude: float
    country: int  # index into the gazetteer's country table
    admin1: int  # index into the gazetteer's admin-1 table, -1 if unknown


class Airfields:
    """Airfields in parallel arrays plus a skeleton-key index of their name cores."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.names: list[str] = data["names"]
        self.cores: list[str] = data["cores"]  # "|"-joined spelling keys of each airfield's cores
        self.keys: dict[str, tuple[int, ...]] = data["keys"]
        self.lat = array("d")
        self.lat.frombytes(data["lat"])
        self.lon = array("d")
        self.lon.frombytes(data["lon"])
        self.country = array("H")
        self.country.frombytes(data["country"])
        self.admin1 = array("i")
        self.admin1.frombytes(data["admin1"])

    def __len__(self) -> int:
        return len(self.names)

    def named(self, words: str) -> list[tuple[int, float]]:
        """(airfield, spelling likeness) for the airfields whose name core has the skeleton
        of ``words`` ("Abu al-Duhur") and a spelling at least ``SPELLING_FLOOR`` alike."""
        probe = spelling_key(words)
        found = []
        for ident in self.keys.get(skeleton(words), ()):
            alike = max(similarity(probe, core) for core in self.cores[ident].split("|"))
            if alike >= SPELLING_FLOOR:
                found.append((ident, alike))
        return found

    def airfield(self, ident: int) -> Airfield:
        return Airfield(
            ident, self.names[ident], self.lat[ident], self.lon[ident], self.country[ident], self.admin1[ident]
        )


def empty() -> dict[str, Any]:
    """The table when the data package is not installed: no airfields."""
    return {"names": [], "cores": [], "keys": {}, "lat": b"", "lon": b"", "country": b"", "admin1": b""}


def name_cores(name: str) -> list[str]:
    """The cores of an airfield name, one per name it holds.

    "Jirah Air Base" -> ["Jirah"]; "Sirt International Airport / Ghardabiya Airbase"
    -> ["Sirt", "Ghardabiya"]; "Tall Afar Army Air Field" -> ["Tall Afar"].
    Kind words go from either end only ("New Orleans Lakefront Airport" keeps "New");
    bracketed asides go; a name that is all kind words ("Air Base") has no core.
    """
    cores = []
    for part in _SPLIT_NAMES.split(re.sub(r"\([^)]*\)", " ", name)):
        words = _WORD.findall(part)
        while words and words[-1].lower().strip(".") in AIRFIELD_KIND_WORDS:
            words.pop()
        while words and words[0].lower().strip(".") in AIRFIELD_KIND_WORDS:
            words.pop(0)
        if 0 < len(words) <= _CORE_WORDS and any(ch.isalpha() for ch in "".join(words)):
            cores.append(" ".join(words))
    return cores


def compile_airfields(
    path: Path | None,
    country_index: dict[str, int],
    nearest_admin1: Callable[[float, float, int], int],
) -> dict[str, Any]:
    """Read the OurAirports CSV at ``path`` into the table ``Airfields`` loads."""
    if path is None:
        return empty()
    names: list[str] = []
    cores: list[str] = []
    lat, lon = array("d"), array("d")
    country, admin1 = array("H"), array("i")
    buckets: dict[str, list[int]] = defaultdict(list)
    for row in _rows(path):
        code = row.get("iso_country") or ""
        kept = row.get("type") in _FIELD_TYPES or _NAMED_BASE.search(row.get("name") or "") is not None
        if not kept or code not in country_index:
            continue
        try:
            la, lo = float(row["latitude_deg"]), float(row["longitude_deg"])
        except (KeyError, TypeError, ValueError):
            continue
        if not (-90 <= la <= 90 and -180 <= lo <= 180) or math.isnan(la + lo):
            continue
        known = [text for text in _all_names(row) if text]
        found = [core for text in known for core in name_cores(text)]
        keys = {skeleton(core) for core in found} - {""}
        if not keys:
            continue
        ident = len(names)
        names.append(known[0])  # its name, else its first alternate name
        cores.append("|".join(dict.fromkeys(spelling_key(core) for core in found)))
        lat.append(la)
        lon.append(lo)
        country.append(country_index[code])
        admin1.append(nearest_admin1(la, lo, country_index[code]))
        for key in keys:
            buckets[key].append(ident)
    return {
        "names": names,
        "cores": cores,
        "keys": {key: tuple(ids) for key, ids in buckets.items()},
        "lat": lat.tobytes(),
        "lon": lon.tobytes(),
        "country": country.tobytes(),
        "admin1": admin1.tobytes(),
    }


def _rows(path: Path) -> Iterator[dict[str, str]]:
    """The CSV's rows; a damaged file yields what it holds up to the damage."""
    try:
        with gzip.open(path, "rb") as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as text:
            yield from csv.DictReader(text)
    except (OSError, EOFError, csv.Error, UnicodeDecodeError):
        return


def _all_names(row: dict[str, str]) -> list[str]:
    """The entry's name and its alternate names in Latin letters (codes and other scripts dropped)."""
    out = [row.get("name") or ""]
    for keyword in (row.get("keywords") or "").split(","):
        keyword = keyword.strip()
        if len(keyword) >= 3 and not _ICAO_LIKE.match(keyword) and keyword.isascii() and keyword[0].isupper():
            out.append(keyword)
    return out
