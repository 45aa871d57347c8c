"""The ACLED and UCDP codes derived from stored events: each mapping as a table of cases."""

from __future__ import annotations

from typing import Any

import pytest

from annals.export.codes import (
    disorder_type,
    event_date,
    inter_code,
    inter_codes,
    interaction,
    priogrid,
    time_precision,
    type_of_violence,
    where_precision,
)
from annals.export.regions import acled_region, alpha3, ucdp_region
from annals.export.ucdp import ucdp_row
from annals.store import ActorInfo, StoredEvent


@pytest.mark.parametrize(("date_prec", "expected"), [(1, 1), (2, 2), (3, 2), (4, 3), (5, 3), (None, 1)])
def test_codes_time_precision_maps_ucdp_to_acled(date_prec: int | None, expected: int) -> None:
    assert time_precision(date_prec) == expected


@pytest.mark.parametrize(("geo", "name", "country", "expected"), [
    (1, "Palmyra", "Syria", 1), (2, "Mayadin", "Syria", 2), (3, "Deir ez-Zor Governorate", "Syria", 4),
    (3, "Syria", "Syria", 6), (None, None, None, None),
])
def test_codes_where_precision_maps_acled_to_ucdp(geo: int | None, name: str | None, country: str | None,
                                                  expected: int | None) -> None:
    assert where_precision(geo, name, country) == expected


@pytest.mark.parametrize(("start", "end", "expected"), [
    ("2018-05-22", "2018-05-22", "2018-05-22"), ("2018-05-01", "2018-05-31", "2018-05-16"),
    ("2018-12-30", "2019-01-01", "2018-12-31"),
])
def test_codes_event_date_is_the_middle_of_the_range(start: str, end: str, expected: str) -> None:
    assert event_date(start, end) == expected


@pytest.mark.parametrize(("inter1", "inter2", "expected"), [(2, 1, 12), (1, 8, 18), (7, 3, 37), (2, 0, 20),
                                                             (0, 0, 0), (1, 1, 11)])
def test_codes_interaction_joins_the_lower_code_first(inter1: int, inter2: int, expected: int) -> None:
    assert interaction(inter1, inter2) == expected


@pytest.mark.parametrize(("actor", "country", "government", "expected"), [
    (None, "Syria", 2, 0),
    (ActorInfo("Syrian Arab Republic", "state", "Syria", 2), "Syria", 2, 1),
    (ActorInfo("Israel", "state", "Israel", None), "Syria", 2, 8),
    (ActorInfo("government forces", "state", None, None), "Syria", None, 1),
    (ActorInfo("Combined Joint Task Force", "international", None, 1), "Iraq", 1, 8),
    (ActorInfo("Civilians", "civilian", None, None), "Syria", 2, 7),
    (ActorInfo("Islamic State", "nonstate", None, 1), "Syria", 2, 2),
    (ActorInfo("Local Defence Forces", "nonstate", None, 2), "Syria", 2, 3),
])
def test_codes_inter_code_from_actor_kind_and_side(actor: ActorInfo | None, country: str, government: int | None,
                                                   expected: int) -> None:
    assert inter_code(actor, country, government) == expected


@pytest.mark.parametrize(("event_type", "inter1", "inter2", "expected"), [
    ("Battles", 2, 1, 1), ("Battles", 2, 3, 2), ("Explosions/Remote violence", 8, 0, 1),
    ("Violence against civilians", 2, 7, 3), ("Explosions/Remote violence", 1, 7, 3),
    ("Strategic developments", 1, 2, None), ("Protests", 6, 0, None),
])
def test_codes_type_of_violence_follows_ucdp(event_type: str, inter1: int, inter2: int,
                                              expected: int | None) -> None:
    assert type_of_violence(event_type, inter1, inter2) == expected


@pytest.mark.parametrize(("event_type", "sub_event_type", "expected"), [
    ("Battles", "Armed clash", "Political violence"),
    ("Protests", "Peaceful protest", "Demonstrations"),
    ("Protests", "Excessive force against protesters", "Political violence; Demonstrations"),
    ("Riots", "Violent demonstration", "Demonstrations"),
    ("Riots", "Mob violence", "Political violence"),
    ("Strategic developments", "Agreement", "Strategic developments"),
])
def test_codes_disorder_type_from_event_type(event_type: str, sub_event_type: str, expected: str) -> None:
    assert disorder_type(event_type, sub_event_type) == expected


@pytest.mark.parametrize(("iso", "code", "acled", "ucdp"), [
    (760, "SYR", "Middle East", "Middle East"), (804, "UKR", "Europe", "Europe"), (643, "RUS", "Europe", "Europe"),
    (792, "TUR", "Middle East", "Europe"), (818, "EGY", "Northern Africa", "Middle East"),
    (4, "AFG", "South Asia", "Asia"), (268, "GEO", "Caucasus and Central Asia", "Europe"),
    (None, None, None, None),
])
def test_codes_regions_as_acled_and_ucdp_name_them(iso: int | None, code: str | None, acled: str | None,
                                                   ucdp: str | None) -> None:
    assert (alpha3(iso), acled_region(iso), ucdp_region(iso)) == (code, acled, ucdp)


@pytest.mark.parametrize(("lat", "lon", "expected"), [(-90.0, -180.0, 1), (-89.9, -179.4, 2), (0.1, 0.1, 129961),
                                                      (90.0, 180.0, 259200), (None, 1.0, None)])
def test_codes_priogrid_cell_from_coordinates(lat: float | None, lon: float | None, expected: int | None) -> None:
    assert priogrid(lat, lon) == expected


def _stored(event: dict[str, Any], actors: list[ActorInfo], home: str = "Syria") -> StoredEvent:
    base = {"id": "abc:e001", "date_start": "2018-05-22", "date_end": "2018-05-22", "date_precision": 1,
            "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": None, "actor2": None,
            "location": {"name": "Palmyra", "latitude": 34.56, "longitude": 38.28, "admin1": "Homs",
                         "country": "Syria", "iso": 760, "geo_precision": 1, "evidence": []},
            "fatalities": {"low": None, "best": None, "high": None}, "claims": [], "evidence": []}
    return StoredEvent({**base, **event}, {"title": "A", "path": "/a", "ingested_at": "2024-01-01T00:00:00+00:00"},
                       "A war", "", {a.name: a for a in actors}, home)


def test_codes_ucdp_puts_the_state_on_side_a_and_the_perpetrator_first() -> None:
    actors = [ActorInfo("Islamic State", "nonstate", None, 1), ActorInfo("Syrian Arab Republic", "state", "Syria", 2),
              ActorInfo("Civilians", "civilian", None, None)]
    battle = _stored({"actor1": "Islamic State", "actor2": "Syrian Arab Republic"}, actors)
    assert inter_codes(battle) == (2, 1)
    row = ucdp_row(battle)
    assert row is not None and (row["side_a"], row["side_b"], row["type_of_violence"]) == (
        "Syrian Arab Republic", "Islamic State", 1)
    massacre = _stored({"actor1": "Civilians", "actor2": "Islamic State", "event_type": "Violence against civilians",
                        "sub_event_type": "Attack"}, actors)
    row = ucdp_row(massacre)
    assert row is not None and (row["side_a"], row["side_b"], row["type_of_violence"]) == (
        "Islamic State", "Civilians", 3)
    assert ucdp_row(_stored({"event_type": "Strategic developments", "sub_event_type": "Agreement"}, actors)) is None


def test_codes_inter_codes_prefer_the_events_stage_and_fill_what_it_left_out() -> None:
    actors = [ActorInfo("Islamic State", "nonstate", None, 1), ActorInfo("Local Defence Forces", "nonstate", None, 2),
              ActorInfo("Syrian Arab Republic", "state", "Syria", 2)]
    given = _stored({"actor1": "Islamic State", "actor2": "Local Defence Forces", "inter1": 2, "inter2": 4}, actors)
    assert inter_codes(given) == (2, 4)
    derived = _stored({"actor1": "Islamic State", "actor2": "Local Defence Forces", "inter1": 2, "inter2": None},
                      actors)
    assert inter_codes(derived) == (2, 3)  # a non-state group on the government's side: a militia
