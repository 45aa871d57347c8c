"""The JSON timeline reader: days as date lines, events as paragraphs mapped to their strings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annals.document import Span
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
        "3 March 2013.",
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


def test_an_entry_is_dated_by_its_key_not_by_a_date_the_entry_before_stated(tmp_path: Path) -> None:
    data = {"3 March": [
        {"event": "Four days after the battle, rebels shelled Saraqib, killing two soldiers."},
        {"event": "Government jets bombed Maarrat al-Numan, killing five civilians."},
    ]}
    doc = read_path(write(tmp_path, data))
    events = Pipeline()(doc).to_dict()["events"]
    bombing = [e for e in events if "bombed" in doc.source[e["evidence"][0]["start"] : e["evidence"][0]["end"]]]
    assert bombing and all(e["date_start"] == "2013-03-03" for e in bombing), events


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


@pytest.mark.parametrize(
    ("key", "line"),
    [
        ("November 29", "29 November 2013."),
        ("26–27 September", "26 September 2013."),
        ('1 July – "Friday of Departure"', "1 July 2013."),
        ("Sept 5", "5 September 2013."),
    ],
)
def test_a_key_that_starts_with_a_day_names_that_day(tmp_path: Path, key: str, line: str) -> None:
    doc = read_path(write(tmp_path, {key: [{"event": "Rebels shelled a town near Idlib."}]},
                          name="timeline_(2013).json"))
    assert doc.text.startswith(line + "\n\n")


def test_an_entry_under_a_key_with_no_date_keeps_its_text_but_gets_no_day(tmp_path: Path) -> None:
    data = {"3 March": [{"event": "Rebels shelled Saraqib."}], "Unsorted": [{"event": "Jets bombed Idlib."}]}
    doc = read_path(write(tmp_path, data))
    assert doc.text.split("\n\n")[2:4] == ["Jets bombed Idlib.", ""]  # no date line of its own
    assert doc.text.count("2013.") == 1


def test_an_event_inside_refs_and_an_empty_entry_are_no_narrative(tmp_path: Path) -> None:
    data = {"3 March": [
        {"event": "  ", "refs": []},
        {"event": "Rebels shelled Saraqib.", "refs": [{"event": "a link title", "text": "Shelling report"}]},
    ]}
    doc = read_path(write(tmp_path, data))
    assert [p for p in doc.text.split("\n\n") if p] == ["3 March 2013.", "Rebels shelled Saraqib."]


def test_escapes_decode_to_single_characters_and_map_to_their_escape(tmp_path: Path) -> None:
    raw = '{"3 March": [{"event": "A drone \\ud83d\\ude00 hit Idlib;\\nlone \\ud83d and tab\\t end."}]}'
    path = tmp_path / "t.json"
    path.write_text(raw)
    doc = read_path(path)
    event = doc.text.split("\n\n")[1]
    assert event == "A drone \U0001f600 hit Idlib; lone \ufffd and tab  end."
    assert not any("\ud800" <= c <= "\udfff" for c in doc.text)  # no lone surrogate reaches the store
    emoji = doc.text.index("\U0001f600")
    span = doc.source_span(Span(emoji, emoji + 1))
    assert doc.source[span.start : span.end] == "\\ud83d\\ude00"


def test_a_long_entry_full_of_escaped_quotes_reads_in_linear_time(tmp_path: Path) -> None:
    """Each escaped quote once made the key scanner start over: 256 KB took minutes."""
    entry = 'He said \\"no\\". ' * 16_000
    path = tmp_path / "quotes.json"
    path.write_text('{"3 March": [{"event": "' + entry + '"}]}')
    doc = read_path(path)  # the suite's time limit is the assertion
    assert doc.text.count('"no"') == 16_000


def test_a_byte_order_mark_does_not_stop_the_reader() -> None:
    doc = read_text('\ufeff{"2 May": [{"event": "Rebels shelled a town near Idlib."}]}')
    assert doc.format == "timeline"


@pytest.mark.parametrize(
    ("name", "key", "year"),
    [
        ("Timeline_(December_2011–January_2012).json", "15 December", 2011),
        ("Timeline_(December_2011–January_2012).json", "3 January", 2012),
        ("Timeline_(November_2011–February_2012).json", "9 December", 2011),
        ("Timeline_(May–August_2012).json", "1 June", 2012),
    ],
)
def test_the_year_comes_from_the_months_the_file_name_spans(tmp_path: Path, name: str, key: str, year: int) -> None:
    doc = read_path(write(tmp_path, {key: [{"event": "Rebels shelled a town."}]}, name=name))
    assert doc.text.startswith(f"{key} {year}.")


@pytest.mark.parametrize("key", ["31 February", "29 February"])
def test_a_day_that_does_not_exist_gives_no_date_line(tmp_path: Path, key: str) -> None:
    data = {"28 February": [{"event": "Rebels shelled Saraqib."}], key: [{"event": "Jets bombed Idlib."}]}
    doc = read_path(write(tmp_path, data))  # 2013: no 29 February either
    assert doc.text == "28 February 2013.\n\nRebels shelled Saraqib.\n\nJets bombed Idlib.\n\n"
