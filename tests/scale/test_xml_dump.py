"""The streaming dump reader: pages out, bounded memory, cut files reported after the good pages."""

from __future__ import annotations

import bz2
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from wiki_pages import build_dump, load_pages

from annals.errors import ReadError, ScaleError
from annals.read.xml_dump import Page, iter_pages, page_document, parse_fragment
from annals.scale.dump import write_multistream


@pytest.fixture()
def dump(tmp_path: Path) -> Path:
    return build_dump(tmp_path)[0]


def _plain(dump: Path) -> Path:
    target = dump.with_suffix("")  # .xml
    target.write_bytes(bz2.decompress(dump.read_bytes()))  # multistream: every stream in turn
    return target


def test_iter_pages_reads_every_page_with_its_identity(dump: Path) -> None:
    pages = list(iter_pages(dump))
    assert [(p.title, p.ns, p.id, p.redirect) for p in pages] == \
        [(p.title, p.ns, p.id, p.redirect) for p in load_pages()]
    assert [p.text for p in pages] == [p.text for p in load_pages()]
    assert pages[0].revision_id == 9101 and pages[0].timestamp == "2021-05-01T12:00:00Z"


def test_iter_pages_reads_plain_xml_like_bz2(dump: Path) -> None:
    assert list(iter_pages(_plain(dump))) == list(iter_pages(dump))


def test_iter_pages_marks_redirects_and_talk_pages(dump: Path) -> None:
    by_title = {p.title: p for p in iter_pages(dump)}
    assert by_title["Lakes offensive"].is_redirect
    assert by_title["Talk:Northern Lakes offensive"].ns == 1
    assert not by_title["Northern Lakes offensive"].is_redirect


def test_iter_pages_cut_bz2_yields_complete_pages_then_names_file_and_byte(dump: Path, tmp_path: Path) -> None:
    data = dump.read_bytes()
    cut = tmp_path / "cut.xml.bz2"
    cut.write_bytes(data[: len(data) * 2 // 3])
    seen: list[str] = []
    with pytest.raises(ScaleError) as caught:
        for page in iter_pages(cut):
            seen.append(page.title)
    error = caught.value
    assert error.code == "SCALE-E002" and error.path == str(cut)
    assert f"byte {len(data) * 2 // 3:,}" in error.reason and "complete page(s) read" in error.reason
    assert seen and seen == [p.title for p in load_pages()][: len(seen)]


def test_iter_pages_cut_xml_reports_line_and_column(dump: Path, tmp_path: Path) -> None:
    text = _plain(dump).read_bytes()
    cut = tmp_path / "cut.xml"
    middle = text.index(b"<title>Example Crossing") + 40
    cut.write_bytes(text[:middle])
    seen: list[str] = []
    with pytest.raises(ScaleError) as caught:
        for page in iter_pages(cut):
            seen.append(page.title)
    assert caught.value.code == "SCALE-E002"
    assert "line" in caught.value.reason and "after page 'Siege of the Kulayb silos'" in caught.value.reason
    assert seen[-1] == "Siege of the Kulayb silos"


def test_iter_pages_malformed_xml_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<mediawiki><page><title>A</title></pag></mediawiki>", encoding="utf-8")
    with pytest.raises(ScaleError) as caught:
        list(iter_pages(bad))
    assert caught.value.code == "SCALE-E003" and "line 1" in caught.value.reason


def test_iter_pages_missing_file_is_scale_e001(tmp_path: Path) -> None:
    with pytest.raises(ScaleError) as caught:
        list(iter_pages(tmp_path / "nope.xml.bz2"))
    assert caught.value.code == "SCALE-E001"


def test_iter_pages_memory_stays_bounded_on_a_large_dump(tmp_path: Path) -> None:
    """~40 MB of XML read with a peak far below its size: finished pages are dropped."""
    filler = "On 3 March 2021 the crossing was shelled again. " * 80  # ~4 KB per page
    pages = (Page(f"Page {n}", 0, n, filler) for n in range(10_000))
    dump = tmp_path / "big.xml.bz2"
    write_multistream(pages, dump, pages_per_stream=100)
    tracemalloc.start()
    count = sum(1 for _ in iter_pages(dump))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 10_000
    assert peak < 8 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"


def test_parse_fragment_skips_the_header_and_footer_streams(dump: Path) -> None:
    streams = [bz2.decompress(dump.read_bytes())]
    assert [p.title for p in parse_fragment(streams[0], "whole")] == [p.title for p in load_pages()]
    assert parse_fragment(b"</mediawiki>\n", "footer") == []


def test_page_document_keeps_offsets_into_the_page_text() -> None:
    page = next(p for p in load_pages() if p.title == "Northern Lakes offensive")
    doc = page_document(page, "testwiki#101")
    assert doc.source == page.text and doc.title == page.title and doc.format == "wikitext"
    assert doc.metadata["page_id"] == "101" and doc.metadata["revision_id"] == "9101"
    for sentence in doc.sentences:
        span = doc.source_span(sentence.span)
        assert 0 <= span.start < span.end <= len(page.text)


def test_page_document_empty_text_is_read_e002() -> None:
    with pytest.raises(ReadError) as caught:
        page_document(Page("Blank", 0, 1, "  \n"))
    assert caught.value.code == "READ-E002"


_XML_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="".join(
    chr(c) for c in range(32) if c not in (9, 10, 13)) + "\ufffe\uffff"), max_size=300)


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(_XML_TEXT, min_size=1, max_size=5), title=_XML_TEXT.filter(lambda t: t.strip() == t))
def test_iter_pages_round_trips_any_text(tmp_path_factory: pytest.TempPathFactory, texts: list[str],
                                         title: str) -> None:
    """Whatever the page text (markup, entities, CR, ']]>'), the reader gives back exactly what was written."""
    pages = [Page(f"{title}{n}", n % 3, n + 1, text) for n, text in enumerate(texts)]
    dump = tmp_path_factory.mktemp("prop") / "p.xml.bz2"
    write_multistream(pages, dump, pages_per_stream=2)
    assert list(iter_pages(dump)) == pages
