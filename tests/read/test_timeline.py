"""The JSON timeline reader: days as date lines, events as paragraphs mapped to their strings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annals.errors import ReadError
from annals.pipeline import Pipeline
from annals.read import read_path, read_text

# Written for these tests, in the shape of the scraped Syrian timelines.
DAYS = {
    "3 March": [
        {"event": "Rebels shelled an army checkpoint near Saraqib, killing four soldiers.",
         "refs": [{"href": "http://example.org/1", "source": "Example News", "text": "Checkpoint shelled"}]},
        {"event": "Government jets bombed Maarrat al-Numan \u2013 two civilians died.", "refs": []},
    ],
    "5 March": [{"event": "Troops captured Kafr Nabl, the \"gateway\" to the plain.", "refs": []}],
}


def write(tmp_path: Path, data: object, name: str = "Timeline_of_the_war_(March_2013).json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=4))
    return path


def test_days_lead_their_events_and_refs_are_left_out(tmp_path: Path) -> None:
    doc = read_path(write(tmp_path, DAYS))
    assert doc.format == "timeline"
    assert doc.title == "Timeline of the war (March 2013)"
    paragraphs = [p for p in doc.text.split("\n\n") if p]
    assert paragraphs == [
        "3 March 2013.",
        "Rebels shelled an army checkpoint near Saraqib, killing four soldiers.",
        "Government jets bombed Maarrat al-Numan – two civilians died.",
        "5 March 2013.",
        'Troops captured Kafr Nabl, the "gateway" to the plain.',
    ]
    assert "Example News" not in doc.text and "http" not in doc.text


def test_every_sentence_maps_back_to_its_json_string(tmp_path: Path) -> None:
    doc = read_path(write(tmp_path, DAYS))
    for sentence in doc.sentences:
        span = doc.source_span(sentence.span)
        raw = doc.source[span.start : span.end]
        text = doc.sentence_text(sentence)
        if text.endswith("2013."):  # a date line maps to its day's key
            assert raw == text.rsplit(" ", 1)[0]
        else:  # an event maps to its string, escapes undecoded
            assert json.loads(f'"{raw}"') == text
            assert '"refs"' not in raw


def test_events_take_their_days_date(tmp_path: Path) -> None:
    doc = read_path(write(tmp_path, DAYS))
    events = Pipeline()(doc).to_dict()["events"]
    dates = {doc.source[e["evidence"][0]["start"] : e["evidence"][0]["end"]]: e["date_start"] for e in events}
    assert any(text.startswith("Rebels shelled") and day == "2013-03-03" for text, day in dates.items()), dates
    assert any(text.startswith("Troops") and day == "2013-03-05" for text, day in dates.items()), dates


def test_month_keys_give_the_year(tmp_path: Path) -> None:
    nested = {"January 2015": [{"7 January": [{"event": "A car bomb exploded in Qamishli.", "refs": []}]}]}
    doc = read_path(write(tmp_path, nested, name="timeline.json"))
    assert doc.text.startswith("7 January 2015.\n\nA car bomb exploded in Qamishli.")


@pytest.mark.parametrize(
    ("source", "reason"),
    [('{"3 March": [{"event": "Rebels shelled', "not valid JSON"), ('{"name": "no entries"}', "no timeline entries")],
)
def test_a_cut_or_foreign_json_file_is_named_with_its_reason(tmp_path: Path, source: str, reason: str) -> None:
    path = tmp_path / "broken.json"
    path.write_text(source)
    with pytest.raises(ReadError) as raised:
        read_path(path)
    assert raised.value.code == "READ-E009"
    assert reason in str(raised.value) and "broken.json" in str(raised.value)


def test_a_timeline_in_memory_is_detected_by_its_content() -> None:
    doc = read_text('{"2 May": [{"event": "Rebels shelled a town near Idlib."}]}')
    assert doc.format == "timeline" and doc.title == "Timeline"
    assert doc.text.startswith("2 May.")
