"""The airfield table: air bases and airports from OurAirports, by the core of their names.

Where events at an airfield are placed is tested with the other locations (test_locate.py)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from annals.geo import Geocoder
from annals.geo.airfields import Airfields, compile_airfields, name_cores


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    return Geocoder.load()


@pytest.mark.parametrize(
    ("name", "cores"),
    [
        ("Jirah Air Base", ["Jirah"]),
        ("Kherson International Airport", ["Kherson"]),
        ("Sirt International Airport / Ghardabiya Airbase", ["Sirt", "Ghardabiya"]),
        ("Tall Afar Army Air Field", ["Tall Afar"]),
        ("Sevastopol Kozachya Bay Aerodrome (Khersones)", ["Sevastopol Kozachya Bay"]),
        ("Air Base", []),
        # kind words go from the ends only: "New" and "Old" name the place
        ("New Orleans Lakefront Airport", ["New Orleans Lakefront"]),
        ("Naval Air Station Mayport", ["Mayport"]),
        ("Pope Air Force Base", ["Pope"]),
    ],
)
def test_name_cores_drop_the_kind_of_field(name: str, cores: list[str]) -> None:
    assert name_cores(name) == cores


def test_airfield_spellings_meet_on_one_field(geocoder: Geocoder) -> None:
    table = geocoder.gazetteer.airfields
    jirah = {table.names[i] for i, _ in table.named("Jirah")}
    assert "Jirah Air Base" in jirah
    assert jirah & {table.names[i] for i, _ in table.named("Al-Jarrah")}
    # an alternate name of the field ("Kuweires" for Rasm al-Abboud), respelt
    assert any("Abboud" in table.names[i] for i, _ in table.named("Kweires"))


def test_words_that_share_only_a_skeleton_name_no_airfield(geocoder: Geocoder) -> None:
    table = geocoder.gazetteer.airfields
    assert not any(table.names[i].startswith("Lydd") for i, _ in table.named("Allied"))


def test_compile_reads_the_csv_and_skips_bad_rows(tmp_path: Path) -> None:
    rows = [
        "id,ident,type,name,latitude_deg,longitude_deg,iso_country,keywords",
        '1,X1,small_airport,"Alpha Air Base",10.5,20.5,SY,"Alfa, OS99"',
        "2,X2,heliport,Beta Heliport,11,21,SY,",
        "3,X3,heliport,Gamma Airbase,12,22,SY,",
        "4,X4,closed,Delta Airfield,not-a-number,23,SY,",
        "5,X5,large_airport,Epsilon Airport,14,24,ZZ,",
    ]
    path = tmp_path / "airports.csv.gz"
    path.write_bytes(gzip.compress("\n".join(rows).encode()))
    table = Airfields(compile_airfields(path, {"SY": 0}, lambda la, lo, cc: -1))
    assert table.names == ["Alpha Air Base", "Gamma Airbase"]  # a heliport named an airbase stays
    assert table.named("Alpha") == [(0, 1.0)]
    assert [i for i, _ in table.named("Alfa")] == [0]  # an alternate name, spelt alike
    assert table.named("OS99") == []  # codes are not names


def test_missing_data_package_means_no_airfields() -> None:
    assert len(Airfields(compile_airfields(None, {}, lambda la, lo, cc: -1))) == 0


def test_compile_survives_a_truncated_or_odd_file(tmp_path: Path) -> None:
    # no "name" column (an alternate name stands in), a file cut off mid-stream (what was
    # read stands), an empty file: nothing raises
    odd = tmp_path / "odd.csv.gz"
    header = b"id,type,latitude_deg,longitude_deg,iso_country,keywords\n"
    odd.write_bytes(gzip.compress(header + b"1,closed,1,2,SY,Alpha Air Base\n"))
    assert Airfields(compile_airfields(odd, {"SY": 0}, lambda la, lo, cc: -1)).names == ["Alpha Air Base"]
    header = b"id,type,name,latitude_deg,longitude_deg,iso_country\n"
    whole = gzip.compress(header + b"1,closed,Beta Airfield,1,2,SY\n" * 500)
    cut = tmp_path / "cut.csv.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    table = Airfields(compile_airfields(cut, {"SY": 0}, lambda la, lo, cc: -1))
    assert len(table) <= 500
    empty = tmp_path / "empty.csv.gz"
    empty.write_bytes(b"")
    assert len(Airfields(compile_airfields(empty, {"SY": 0}, lambda la, lo, cc: -1))) == 0
