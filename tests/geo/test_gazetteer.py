"""The compiled gazetteer: loads fast, knows admin-1 regions, fails clearly."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest

from annals.errors import GeoError
from annals.geo import gazetteer as gazetteer_module
from annals.geo.gazetteer import ADMIN1, COUNTRY, Gazetteer, cache_dir
from annals.geo.names import skeleton
from annals.geo.relations import haversine_km


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def test_gazetteer_loads_from_the_cache_without_compiling(gaz: Gazetteer, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_compile() -> None:
        raise AssertionError("the cached gazetteer was compiled again")

    monkeypatch.setattr(gazetteer_module, "compile_gazetteer", no_compile)
    assert len(Gazetteer.load()) == len(gaz)


def test_gazetteer_cache_dir_honours_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ANNALS_CACHE_DIR", str(tmp_path))
    assert cache_dir() == tmp_path


@pytest.mark.parametrize(
    ("name", "country", "lat", "lon", "km"),
    [
        ("Dayr az Zawr", "SY", 35.0, 40.4, 120),  # the governorate, not only its capital
        ("Donetska oblast", "UA", 48.0, 37.8, 120),
        ("Texas", "US", 31.2, -99.4, 250),
    ],
)
def test_gazetteer_admin1_regions_have_centres(
    gaz: Gazetteer, name: str, country: str, lat: float, lon: float, km: float
) -> None:
    found = [p for p in gaz.candidates(skeleton(name)) if gaz.kind[p] == ADMIN1 and gaz.country_code(p) == country]
    assert found, name
    assert haversine_km(gaz.lat[found[0]], gaz.lon[found[0]], lat, lon) < km


def _town_admin1(gaz: Gazetteer, name: str, country: str) -> str:
    found = [p for p in gaz.candidates(skeleton(name)) if gaz.kind[p] == 0 and gaz.country_code(p) == country]
    assert found, name
    return gaz.admin1_name(found[0])


@pytest.mark.parametrize(
    ("town", "country", "admin1"),
    [
        # Turkey's plate codes follow GeoNames' numbers only to 67: the capital's name decides
        ("Tarsus", "TR", "Mersin"),
        ("Adana", "TR", "Adana"),
        ("Kilis", "TR", "Kilis"),
        # a capital that is not the unit's namesake does not name it
        ("Recife", "BR", "Pernambuco"),
        # a unit named after its capital keeps the short name analysts use
        ("Kharkiv", "UA", "Kharkiv"),
        ("Aleppo", "SY", "Aleppo"),
        ("Dnipro", "UA", "Dnipro"),  # the old name, Dnipropetrovsk, is the unit's
        ("Al Qunayţirah", "SY", "Al Qunayţirah"),  # GeoNames' "Quneitra", transliterated
        ("Damascus", "SY", "Damascus"),  # GeoNames' "Dimashq", romanised otherwise
        # a loose name match does not outweigh a code GeoNames shares with ISO
        ("Milwaukee", "US", "Wisconsin"),
        ("Seattle", "US", "Washington"),
    ],
)
def test_gazetteer_towns_lie_in_their_own_admin1_unit(gaz: Gazetteer, town: str, country: str, admin1: str) -> None:
    assert _town_admin1(gaz, town, country) == admin1


@pytest.mark.parametrize(("name", "iso"), [("Syria", 760), ("Ukraine", 804), ("Iraq", 368)])
def test_gazetteer_countries_carry_iso_numeric(gaz: Gazetteer, name: str, iso: int) -> None:
    place = next(gaz.place(p) for p in gaz.candidates(skeleton(name)) if gaz.kind[p] == COUNTRY)
    assert place.iso == iso and place.name == name


def test_gazetteer_missing_data_raises_geo_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(gazetteer_module, "_data_files", lambda: [tmp_path / "cities500.json"])
    with pytest.raises(GeoError) as raised:
        Gazetteer.load(tmp_path)
    assert raised.value.code == "GEO-E001"
    assert "cities500.json" in str(raised.value)


def test_gazetteer_damaged_cache_is_rebuilt(gaz: Gazetteer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    real = next(cache_dir().glob("gazetteer-*.marshal"))
    data = marshal.loads(real.read_bytes())
    (tmp_path / real.name).write_bytes(b"not a gazetteer")
    monkeypatch.setattr(gazetteer_module, "compile_gazetteer", lambda: data)
    rebuilt = Gazetteer.load(tmp_path)
    assert len(rebuilt) == len(gaz)
    assert marshal.loads((tmp_path / real.name).read_bytes())["version"] == data["version"]


def test_gazetteer_a_state_name_is_that_state_only(gaz: Gazetteer) -> None:
    # GeoNames lists "Maine" among Milwaukee's names; Wisconsin must not answer to it
    states = [p for p in gaz.candidates(skeleton("Maine")) if gaz.kind[p] == ADMIN1 and gaz.country_code(p) == "US"]
    assert [gaz.names[p] for p in states] == ["Maine"]
