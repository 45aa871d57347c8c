"""Property tests: any text, any span: no exception, evidence always inside the text; bearings
and destinations agree."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from annals.document import Document, OffsetMap, Sentence, Span
from annals.geo import Geocoder
from annals.geo.relations import compass_bearing, destination, initial_bearing
from annals.read.sentences import split_sentences

GEOCODER = Geocoder.load()
PLACEY = st.sampled_from(
    [
        "Homs",
        "near Palmyra",
        "between Homs and Hama",
        "the K-7 Pumping Station",
        "al-Bab District",
        "10 km north of",
        "Deir ez-Zor-Abu Kamal highway",
        "from Mayadin to Abu Kamal front",
        "Aleppo Governorate",
        "U.S.",
        "\n",
        ". ",
    ]
)
TEXT = st.lists(st.one_of(st.text(max_size=40), PLACEY), max_size=25).map(" ".join)


def make_doc(text: str) -> Document:
    sentences = []
    for number, line in enumerate(re.finditer(r"[^\n]+", text)):
        sentences.extend(Sentence(span, -1, number) for span in split_sentences(text, line.start(), line.end()))
    return Document(
        source=text,
        text=text,
        offsets=OffsetMap.identity(len(text)),
        title="t",
        format="plain",
        sentences=tuple(sentences),
    )


@settings(max_examples=150, deadline=None)
@given(text=TEXT, data=st.data())
def test_geography_never_raises_and_evidence_is_inside(text: str, data: st.DataObject) -> None:
    geo = GEOCODER.for_document(make_doc(text))
    for mention in geo.mentions:
        assert 0 <= mention.evidence.start <= mention.span.start < mention.span.end <= mention.evidence.end <= len(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for location in [geo.locate(Span(start, end)), *geo.locate_all(Span(start, end))]:
        if location is None:
            continue
        assert location.geo_precision in (1, 2, 3)
        assert -90 <= location.latitude <= 90 and -180 <= location.longitude <= 180
        assert all(0 <= s.start < s.end <= len(text) for s in location.evidence)


@settings(max_examples=60, deadline=None)
@given(text=TEXT)
def test_resolve_spans_never_raises(text: str) -> None:
    spans = [Span(m.start(), m.end()) for m in re.finditer(r"\S+", text)][:30]
    places = GEOCODER.resolve_spans(text, spans)
    assert len(places) == len(spans)


@given(
    st.floats(-60, 60),
    st.floats(-179, 179),
    st.sampled_from(["north", "south-east", "western", "west-northwest", "southwest"]),
    st.floats(1, 300),
)
def test_a_point_moved_along_a_bearing_lies_on_that_bearing(lat: float, lon: float, word: str, km: float) -> None:
    """``_wrong_side`` compares the stated direction with the bearing back from the anchor."""
    bearing = compass_bearing(word)
    assert bearing is not None
    moved = destination(lat, lon, bearing, km)
    off = (initial_bearing(lat, lon, *moved) - bearing + 180.0) % 360.0 - 180.0
    assert abs(off) < 0.5
