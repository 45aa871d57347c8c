"""Resolving known place spans: units that hold towns, capitals, abbreviations, demonyms."""

from __future__ import annotations

import pytest

from annals.document import Span
from annals.geo import Geocoder, Place
from annals.geo.gazetteer import COUNTRY
from annals.geo.names import skeleton, strict_key
from annals.geo.resolve import _drop_named_in_full, _Name


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    return Geocoder.load()


def resolve(geocoder: Geocoder, text: str, *names: str) -> list[Place | None]:
    spans = []
    for name in names:
        start = text.index(name)
        spans.append(Span(start, start + len(name)))
    return geocoder.resolve_spans(text, spans)


def test_resolve_containment_town_in_named_region_wins(geocoder: Geocoder) -> None:
    # Paris, France is far larger, but the text names Tennessee, which holds a Paris.
    paris, state = resolve(geocoder, "Paris police said the Tennessee highway was closed.", "Paris", "Tennessee")
    assert paris is not None and state is not None
    assert (paris.kind, paris.country_code, paris.admin1) == ("city", "US", state.name)


def test_resolve_focus_name_does_not_vouch_for_itself(geocoder: Geocoder) -> None:
    # Without other context the capital of France stays the reading of "Paris".
    (paris,) = resolve(geocoder, "Paris police said on Monday that the road was closed.", "Paris")
    assert paris is not None and paris.country_code == "FR"


def test_resolve_capital_beats_region_of_same_name(geocoder: Geocoder) -> None:
    (place,) = resolve(geocoder, "Officials in Washington said talks would resume.", "Washington")
    assert place is not None and place.kind == "city" and place.country_code == "US"
    assert 38.5 < place.latitude < 39.5  # the District of Columbia, not Washington State


@pytest.mark.parametrize(
    ("surface", "region"), [("Ky.", "Kentucky"), ("W.Va.", "West Virginia"), ("S.C.", "South Carolina")]
)
def test_resolve_region_abbreviations_name_us_states(geocoder: Geocoder, surface: str, region: str) -> None:
    (place,) = resolve(geocoder, f"He lives in Lexington, {surface} with his family.", surface)
    assert place is not None and place.kind == "admin1" and place.country_code == "US"
    assert region.lower() in place.name.lower() or region.lower() in place.admin1.lower()


@pytest.mark.parametrize(("word", "country"), [("Sri Lankan", "LK"), ("Lebanese", "LB"), ("German", "DE")])
def test_resolve_demonyms_map_to_their_country(geocoder: Geocoder, word: str, country: str) -> None:
    (place,) = resolve(geocoder, f"The {word} government protested.", word)
    assert place is not None and place.kind == "country" and place.country_code == country


def test_resolve_union_names_stand_for_the_continent(geocoder: Geocoder) -> None:
    (place,) = resolve(geocoder, "The EU imposed sanctions.", "EU")
    assert place is not None and place.kind == "continent" and place.name == "Europe"


def test_resolve_unknown_span_falls_back_to_the_place_inside(geocoder: Geocoder) -> None:
    (place,) = resolve(geocoder, "He won the Dubai World Cup again.", "Dubai World Cup")
    assert place is not None and place.name == "Dubai" and place.country_code == "AE"


def _name_with_candidates(geocoder: Geocoder, surface: str) -> _Name:
    """A document name with its gazetteer candidates spelt exactly (2 main name, 1 alternate)."""
    gaz = geocoder.gazetteer
    key, probe = skeleton(surface), strict_key(surface)
    entry = _Name(surface, key, gaz.candidates(key), False, False, False)
    entry.candidates = [(p, float(e)) for p in entry.ids if (e := gaz.exactness(p, probe)) > 0]
    return entry


def test_resolve_bare_name_beside_its_city_in_full_loses_the_city(geocoder: Geocoder) -> None:
    # The writer says "Mexico City" for the capital: a bare "Mexico" is the country.
    full, bare = _name_with_candidates(geocoder, "Mexico City"), _name_with_candidates(geocoder, "Mexico")
    capital = [p for p, e in full.candidates if e >= 2]
    assert capital and any(p in capital for p, _ in bare.candidates)
    _drop_named_in_full([full, bare], geocoder.gazetteer)
    assert not any(p in capital for p, _ in bare.candidates)
    assert any(geocoder.gazetteer.kind[p] == COUNTRY for p, _ in bare.candidates)


def test_resolve_short_form_of_a_town_named_in_full_keeps_the_town(geocoder: Geocoder) -> None:
    # "Avondale" names no country or region: after "Avondale Estates" it may be that town.
    full, short = _name_with_candidates(geocoder, "Avondale Estates"), _name_with_candidates(geocoder, "Avondale")
    town = [p for p, e in full.candidates if e >= 2]
    before = list(short.candidates)
    assert town and any(p in town for p, _ in before)
    _drop_named_in_full([full, short], geocoder.gazetteer)
    assert short.candidates == before


def test_resolve_bare_country_name_in_text_with_its_capital(geocoder: Geocoder) -> None:
    text = "Migrants left Mexico City for Puebla and Oaxaca, in the south of Mexico."
    last = text.rindex("Mexico")
    *_, country = geocoder.resolve_spans(
        text,
        [Span(text.index(name), text.index(name) + len(name)) for name in ("Mexico City", "Puebla", "Oaxaca")]
        + [Span(last, last + 6)],
    )
    assert country is not None and country.kind == "country" and country.country_code == "MX"


@pytest.mark.parametrize(
    ("word", "country"), [("Philippine", "PH"), ("Uzbek", "UZ"), ("Kazakh", "KZ"), ("Holy See", "VA")]
)
def test_resolve_adjectives_and_official_names_of_countries(geocoder: Geocoder, word: str, country: str) -> None:
    (place,) = resolve(geocoder, f"The {word} delegation arrived.", word)
    assert place is not None and place.kind == "country" and place.country_code == country


def test_two_sides_of_a_name_are_two_places(geocoder: Geocoder) -> None:
    """Skeletons drop vowels, but "Western" and "Eastern" are no spellings of one word."""
    text = "Farmers in the Eastern Cape and in the Western Cape lost their harvest."
    eastern, western = resolve(geocoder, text, "Eastern Cape", "Western Cape")
    assert eastern is not None and western is not None
    assert (eastern.name, western.name) == ("Eastern Cape", "Western Cape")


def test_resolve_names_told_together_share_their_region(geocoder: Geocoder) -> None:
    """With no infobox place, the state most of the names can lie in is the story's: Indiana
    holds a Hagerstown, a New Castle and a Columbus; Maryland, Pennsylvania and Ohio one each."""
    text = "Voters in Hagerstown, New Castle and Columbus backed the school levy on Tuesday."
    places = resolve(geocoder, text, "Hagerstown", "New Castle", "Columbus")
    assert [(p.country_code, p.admin1) for p in places if p is not None] == [("US", "Indiana")] * 3
