from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annals.document import Document
from annals.errors import ReadError
from annals.read import FORMATS, detect_format, read_path, read_text


def words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9]+", text)


def assert_spans_map_back(doc: Document) -> None:
    """Every sentence's words appear, in order, in the source text its span maps to."""
    for sentence in doc.sentences:
        source = doc.source_span(sentence.span)
        original = doc.source[source.start : source.end]
        assert 0 <= source.start <= source.end <= len(doc.source)
        position = 0
        for word in words(doc.text[sentence.span.start : sentence.span.end]):
            found = original.find(word, position)
            assert found >= 0, (word, original)
            position = found + len(word)


def test_seed_reader_reads_title_infobox_and_sections(seed: Document) -> None:
    assert seed.format == "seed"
    assert seed.title == "Deir ez-Zor offensive (2018)"
    belligerents = seed.field("combatant2")
    assert belligerents is not None
    assert [item.text for item in belligerents.items] == ["Syrian Arab Republic", "Hezbollah"]
    units = seed.field("units2")
    assert units is not None
    assert ("Republican Guard", 1) in [(item.text, item.level) for item in units.items]
    assert [s.title for s in seed.sections][:3] == ["The offensive", "Initial attacks and assault on the highway",
                                                    "Attack on Abu Kamal"]
    for field in seed.infobox:
        for item in field.items:
            assert seed.source[item.span.start : item.span.end] == item.text
    assert_spans_map_back(seed)


def test_seed_reader_sentence_offsets_are_verbatim(seed: Document) -> None:
    first = next(s for s in seed.sentences if seed.sentence_text(s).startswith("On 22 May 2018"))
    source = seed.source_span(first.span)
    assert seed.source[source.start : source.end] == seed.sentence_text(first)


def test_markdown_reader_keeps_front_matter_and_drops_markup(shared: Path) -> None:
    doc = read_path(shared / "corpus/wikipedia/syria/battle_of_al-bab.md")
    assert doc.format == "markdown"
    assert doc.title == "Battle of al-Bab"
    date = doc.field("date")
    assert date is not None and "6 November 2016" in date.value
    assert doc.field("combatant1") is not None
    assert "**" not in doc.text and "](" not in doc.text and "[object Object]" not in doc.text
    assert_spans_map_back(doc)


def test_markdown_reader_link_label_maps_to_its_source(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\nsubject: Test\n---\n\nThe army entered [Kupiansk](https://x.org/K) on **9 May**.\n")
    doc = read_path(path)
    at = doc.text.index("Kupiansk")
    source = doc.source_span(type(doc.sentences[0].span)(at, at + len("Kupiansk")))
    assert doc.source[source.start : source.end] == "Kupiansk"
    assert "9 May" in doc.text


def test_markdown_reader_sides_skip_the_short_title_and_split_wide_gaps(tmp_path: Path) -> None:
    """The first tag may repeat the title without its year; two names on one line with a
    wide gap (a flag icon's place) are two belligerents."""
    path = tmp_path / "b.md"
    path.write_text(
        "---\nsubject: Battle of Testville (2013)\ntags:\n  - Battle of Testville\n"
        "  - the Testville campaign and the civil war\n"
        "  - |-\n    Northern Front\n     Eastern Brigade  Western Brigade\n"
        "  - |-\n    Republic of Testland\n  - Battles of the civil war\n---\n\nThe town fell.\n"
    )
    doc = read_path(path)
    side1, side2 = doc.field("combatant1"), doc.field("combatant2")
    assert side1 is not None and side2 is not None
    assert [item.text for item in side1.items] == ["Northern Front", "Eastern Brigade", "Western Brigade"]
    assert side2.value == "Republic of Testland"


@pytest.mark.parametrize(
    "front",
    [
        # "Testland Governorate in the civil war" is a category tag, not a third belligerent.
        "subject: Testville offensive\ntags:\n  - Testville offensive\n  - |-\n    Northern Front\n"
        "  - Republic of Testland\n  - North Testland Governorate in the civil war\n"
        "  - Military operations of the civil war in 2015\n",
        # "Testville" after the two sides of "Testville offensive (May 2015)" files the article
        # under its place; it is no third belligerent.
        "subject: Testville offensive (May 2015)\ntags:\n  - Testville offensive (May 2015)\n"
        "  - the civil war\n  - Northern Front\n  - |-\n    Republic of Testland\n    * Testland Army\n"
        "  - Testville\n  - May 2015 events in Testland\n",
    ],
    ids=["a region in the war's category", "the title's place after the sides"],
)
def test_markdown_reader_a_category_tag_after_the_sides_is_not_a_side(tmp_path: Path, front: str) -> None:
    path = tmp_path / "d.md"
    path.write_text(f"---\n{front}---\n\nThe town fell.\n")
    doc = read_path(path)
    assert doc.field("combatant2") is not None and doc.field("combatant3") is None


def test_markdown_reader_first_tag_naming_the_event_in_fewer_words_is_not_a_side(tmp_path: Path) -> None:
    """"Battle of Testville (2016)" for "Third Battle of Testville" names the subject."""
    path = tmp_path / "f.md"
    path.write_text(
        "---\nsubject: Third Battle of Testville\ntags:\n  - Battle of Testville (2016)\n"
        "  - the civil war\n  - |-\n    Republic of Testland\n  - Northern Front\n"
        "  - Conflicts in 2016\n---\n\nThe town fell.\n"
    )
    doc = read_path(path)
    side1 = doc.field("combatant1")
    assert side1 is not None and side1.value == "Republic of Testland"


def test_markdown_reader_first_tag_naming_the_subject_otherwise_is_not_a_side(tmp_path: Path) -> None:
    path = tmp_path / "c.md"
    path.write_text(
        "---\nsubject: Battle of Testville (2019)\ntags:\n  - Second Battle of Testville\n"
        "  - the civil war and the 2019 offensive\n  - |-\n    Republic of Testland\n"
        "  - |-\n    Northern Front\n  - Battles of the civil war\n---\n\nThe town fell.\n"
    )
    doc = read_path(path)
    side1, side2 = doc.field("combatant1"), doc.field("combatant2")
    assert side1 is not None and side1.value == "Republic of Testland"
    assert side2 is not None and side2.value == "Northern Front"


def test_wikitext_reader_reads_infobox_and_prose(fixtures: Path) -> None:
    doc = read_path(fixtures / "river_crossing.wiki")
    assert doc.format == "wikitext"
    assert doc.title == "Battle of the Northern Crossing"
    combatants = doc.field("combatant1")
    assert combatants is not None
    assert [i.text for i in combatants.items] == ["Syria", "Hezbollah"]
    commanders = doc.field("commander1")
    assert commanders is not None
    assert [i.text for i in commanders.items] == ["Suheil al-Hassan", "Col. Example Person KIA"]
    units = doc.field("units1")
    assert units is not None
    assert [(i.text, i.level) for i in units.items] == [("Syrian Army", 1), ("4th Armoured Division", 2),
                                                         ("Tiger Forces", 2)]
    assert "<ref" not in doc.text and "[[" not in doc.text and "wikitable" not in doc.text
    assert "the city of Raqqa" in doc.text
    assert [s.title for s in doc.sections] == ["Battle", "Counter-attack", "See also"]
    assert_spans_map_back(doc)


@pytest.mark.parametrize(
    ("data", "code"),
    [(b"", "READ-E002"), (b"   \n\n", "READ-E002"), (b"\x00\x01\x02binary\x00", "READ-E003"),
     (b"caf\xe9 au lait", "READ-E007")],
)
def test_read_path_rejects_bad_files_with_a_clear_error(tmp_path: Path, data: bytes, code: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(ReadError) as raised:
        read_path(path)
    assert raised.value.code == code
    assert raised.value.path == str(path)
    assert str(path) in raised.value.render()


def test_read_path_names_a_missing_file() -> None:
    with pytest.raises(ReadError) as raised:
        read_path("/nonexistent/article.md")
    assert raised.value.code == "READ-E001"


def test_read_path_refuses_files_over_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import annals.read as read

    monkeypatch.setattr(read, "MAX_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000)
    with pytest.raises(ReadError) as raised:
        read_path(path)
    assert raised.value.code == "READ-E004"


def test_markdown_reader_reports_broken_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "broken.md"
    path.write_text("---\nsubject: [unclosed\ndate: : :\n---\n\nText.\n")
    with pytest.raises(ReadError) as raised:
        read_path(path)
    assert raised.value.code == "READ-E006"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("= T =\n\nInfobox\n- Date: 1 May 2020\n\nBody.", "seed"), ("---\na: 1\n---\nBody", "markdown"),
     ("{{Infobox military conflict\n| date = 2020\n}}\nBody", "wikitext"), ("Just a sentence.", "plain"),
     ('{"2 May": [{"event": "Rebels shelled a town."}]}', "timeline")],
)
def test_detect_format_recognises_each_reader(text: str, expected: str) -> None:
    assert detect_format(text) == expected


def test_broken_wikitext_is_read_not_rejected() -> None:
    broken = "{{Infobox military conflict\n| date = 3 May\n[[Unclosed link and '''bold\n== Head"
    doc = read_text(broken, format="wikitext")
    assert doc.format == "wikitext"


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=400), st.sampled_from(sorted(FORMATS)))
def test_readers_never_crash_and_spans_stay_inside(text: str, name: str) -> None:
    try:
        doc = read_text(text, format=name)
    except ReadError as error:
        assert error.code == "READ-E002" or (name == "timeline" and error.code == "READ-E009")
        return
    for sentence in doc.sentences:
        assert 0 <= sentence.span.start < sentence.span.end <= len(doc.text)
        source = doc.source_span(sentence.span)
        assert 0 <= source.start <= source.end <= len(doc.source)


@pytest.mark.parametrize("fmt", ["seed", "markdown", "plain"])
def test_readers_join_lines_wrapped_inside_a_paragraph(fmt: str) -> None:
    heads = {"seed": "= T =\n\nInfobox\n- Date: 1 May 2020\n\n", "markdown": "---\nsubject: T\n---\n\n", "plain": ""}
    head = heads[fmt]
    doc = read_text(head + "On 3 May the army\nshelled the town. Rebels\nwithdrew the next day.\n", format=fmt)
    sentences = [doc.sentence_text(s) for s in doc.sentences]
    assert "On 3 May the army shelled the town." in sentences
    assert "Rebels withdrew the next day." in sentences
    assert_spans_map_back(doc)
