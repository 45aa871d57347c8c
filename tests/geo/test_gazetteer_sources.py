"""Optional data packages read by the gazetteer compiler, tested on small made-up files."""

from __future__ import annotations

import gzip
import json
from array import array
from pathlib import Path
from typing import Any

from annals.geo.gazetteer import (
    ADMIN2,
    CITY,
    _add_admin2_units,
    _country_points,
    _geonames_admin_names,
    _optional_path,
    _outline_centroid,
)


def _square(lat: float, lon: float, half: float) -> dict[str, Any]:
    ring = [[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half], [lon - half, lat + half]]
    return {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [ring]}}


def test_gazetteer_outline_centroid_takes_the_largest_polygon() -> None:
    outline = {"type": "FeatureCollection", "features": [_square(10.0, 20.0, 2.0), _square(-30.0, 100.0, 0.1)]}
    lat, lon = _outline_centroid(str(outline))  # countryinfo stores a Python literal string
    assert abs(lat - 10.0) < 1e-9 and abs(lon - 20.0) < 1e-9


def test_gazetteer_outline_centroid_rejects_code_and_garbage() -> None:
    assert _outline_centroid("__import__('os').system('true')") is None
    assert _outline_centroid("not a literal") is None
    assert _outline_centroid(None) is None


def test_gazetteer_country_points_average_reference_point_and_outline(tmp_path: Path) -> None:
    outline = {"type": "FeatureCollection", "features": [_square(12.0, 24.0, 3.0)]}
    row = {"ISO": {"alpha2": "xx"}, "latlng": [10, 20], "geoJSON": str(outline)}
    (tmp_path / "xland.json").write_text(json.dumps(row), encoding="utf-8")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    (tmp_path / "nocode.json").write_text(json.dumps({"latlng": [1, 2]}), encoding="utf-8")
    assert _country_points(tmp_path) == {"XX": (11.0, 22.0)}
    assert _country_points(None) == {}


def test_gazetteer_geonames_admin_names_join_by_coordinates(tmp_path: Path) -> None:
    cities = {
        "1": {"countrycode": "US", "admin1code": "KY", "latitude": 37.12898, "longitude": -84.08326},
        "2": {"countrycode": "US", "admin1code": "KY", "latitude": 36.96064, "longitude": -84.09326},
        "3": {"countrycode": "US", "admin1code": "TN", "latitude": 36.3, "longitude": -88.3},
    }
    records = [
        {"country_code": "US", "latitude": 37.12898, "longitude": -84.08326, "state": "Kentucky",
         "county": "Laurel County"},
        {"country_code": "US", "latitude": 36.96064, "longitude": -84.09326, "state": "Kentucky"},
        {"country_code": "US", "latitude": 1.0, "longitude": 1.0, "state": "Nowhere", "county": "None County"},
    ]
    path = tmp_path / "geocode.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        json.dump(records, handle)
    admin1, admin2 = _geonames_admin_names(cities, path)
    assert admin1 == {("US", "KY"): "Kentucky"}
    assert admin2 == {"1": "Laurel County"}
    (tmp_path / "bad.gz").write_bytes(b"not gzip")
    assert _geonames_admin_names(cities, tmp_path / "bad.gz") == ({}, {})


def test_gazetteer_admin2_units_need_a_type_word_and_find_their_seat() -> None:
    cities = {
        "1": {"countrycode": "SY", "admin1code": "02", "latitude": 36.5, "longitude": 37.95, "name": "Manbij",
              "population": 100_000},
        "2": {"countrycode": "SY", "admin1code": "02", "latitude": 36.6, "longitude": 38.1, "name": "Abu Qilqil",
              "population": 2_000},
        "3": {"countrycode": "GB", "admin1code": "ENG", "latitude": 51.2, "longitude": 0.7, "name": "Ashford",
              "population": 70_000},
    }
    added: list[tuple[str, int]] = []
    admin2 = array("i", [-1, -1, -1])

    def add(name: str, la: float, lo: float, pop: int, gid: int, k: int, cc: int, a1: int, alts: Any) -> int:
        added.append((name, k))
        admin2.append(-1)
        return len(admin2) - 1

    names = {"1": "Manbij District", "2": "Manbij District", "3": "Kent"}
    seats = _add_admin2_units(cities, names, {"1": 0, "2": 1, "3": 2}, {}, {"SY": 0, "GB": 1}, add, admin2)
    assert added == [("Manbij District", ADMIN2)]  # "Kent" has no type word: left to towns
    unit = len(admin2) - 1
    assert seats == {unit: 0}  # the town Manbij is the district's seat
    assert list(admin2[:3]) == [unit, unit, -1]
    assert CITY != ADMIN2


def test_gazetteer_optional_path_is_none_for_missing_packages() -> None:
    assert _optional_path("annals_no_such_package_here") is None
