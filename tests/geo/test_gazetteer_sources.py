"""Optional data packages read by the gazetteer compiler, tested on small made-up files."""

from __future__ import annotations

import gzip
import json
from array import array
from pathlib import Path
from typing import Any

from annals.geo.areas import outline_centroid, parse_outline
from annals.geo.gazetteer import (
    ADMIN2,
    CITY,
    _add_admin2_units,
    _country_outlines,
    _country_points,
    _geonames_admin_names,
    _optional_path,
    _territory_centres,
)


def _square(lat: float, lon: float, half: float) -> dict[str, Any]:
    ring = [[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half], [lon - half, lat + half]]
    return {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [ring]}}


def test_gazetteer_outline_centroid_takes_the_largest_polygon() -> None:
    outline = {"type": "FeatureCollection", "features": [_square(10.0, 20.0, 2.0), _square(-30.0, 100.0, 0.1)]}
    centre = outline_centroid(parse_outline(str(outline)))  # countryinfo stores a Python literal string
    assert centre is not None
    assert abs(centre[0] - 10.0) < 1e-9 and abs(centre[1] - 20.0) < 1e-9


def test_gazetteer_outline_parser_rejects_code_and_garbage() -> None:
    assert parse_outline("__import__('os').system('true')") == []
    assert parse_outline("not a literal") == []
    assert parse_outline(None) == []
    assert outline_centroid([]) is None


def test_gazetteer_country_points_average_reference_point_and_outline(tmp_path: Path) -> None:
    outline = {"type": "FeatureCollection", "features": [_square(12.0, 24.0, 3.0)]}
    row = {"ISO": {"alpha2": "xx"}, "latlng": [10, 20], "geoJSON": str(outline)}
    (tmp_path / "xland.json").write_text(json.dumps(row), encoding="utf-8")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    (tmp_path / "nocode.json").write_text(json.dumps({"latlng": [1, 2]}), encoding="utf-8")
    outlines = _country_outlines(tmp_path)
    assert list(outlines) == ["XX"]
    assert _country_points(outlines) == {"XX": (11.0, 22.0)}
    assert _country_outlines(None) == {}


def test_gazetteer_territory_centres_lie_in_the_units_land_not_among_their_towns(tmp_path: Path) -> None:
    # A made-up country 10 degrees tall whose towns all sit along its southern edge:
    # the west unit's and the east unit's centres are mid-country, not on the edge.
    ring = [[0.0, 40.0], [10.0, 40.0], [10.0, 50.0], [0.0, 50.0]]
    outline = {"type": "FeatureCollection", "features": [{"geometry": {"type": "Polygon", "coordinates": [ring]}}]}
    row = {"ISO": {"alpha2": "xx"}, "latlng": [45, 5], "geoJSON": str(outline)}
    (tmp_path / "xland.json").write_text(json.dumps(row), encoding="utf-8")
    cities = {
        str(i): {"countrycode": "XX", "admin1code": "W" if lon < 5 else "E", "latitude": 40.2, "longitude": lon}
        for i, lon in enumerate([0.5, 1.5, 2.5, 3.5, 6.5, 7.5, 8.5, 9.5])
    }
    centres = _territory_centres(cities, _country_outlines(tmp_path))
    assert set(centres) == {("XX", "W"), ("XX", "E")}
    west, east = centres[("XX", "W")], centres[("XX", "E")]
    assert 44 < west[0] < 46 and 1.5 < west[1] < 3.5
    assert 44 < east[0] < 46 and 6.5 < east[1] < 8.5


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
