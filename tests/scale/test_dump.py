"""Multistream dumps: the index, blocks read alone by offset, and cut or mismatched files."""

from __future__ import annotations

import bz2
from pathlib import Path

import pytest
from wiki_pages import build_dump, load_pages

from annals.errors import ScaleError
from annals.read.xml_dump import Page, iter_pages, parse_fragment
from annals.scale.dump import (
    Block,
    iter_block_pages,
    plan_blocks,
    read_index,
    read_stream,
    scan_stream_offsets,
    write_multistream,
)


@pytest.fixture()
def built(tmp_path: Path) -> tuple[Path, Path]:
    return build_dump(tmp_path, pages_per_stream=2)


def _titles(dump: Path, blocks: list[Block]) -> list[str]:
    return [page.title for block in blocks for _, page in iter_block_pages(dump, block)]


def test_read_index_lists_every_page_at_its_stream(built: tuple[Path, Path]) -> None:
    dump, index = built
    entries = list(read_index(index))
    assert [e.page_id for e in entries] == [p.id for p in load_pages()]
    assert [e.title for e in entries] == [p.title for p in load_pages()]
    assert len({e.offset for e in entries}) == 4  # 7 pages, 2 per stream
    for entry in entries:
        assert entry.title in {p.title for p in parse_fragment(read_stream(dump, entry.offset), "s")}


def test_scan_stream_offsets_finds_the_index_offsets_without_the_index(built: tuple[Path, Path]) -> None:
    dump, index = built
    scanned = scan_stream_offsets(dump)
    assert {e.offset for e in read_index(index)} < set(scanned)
    assert scanned[0] == 0 and len(scanned) == 6  # header, 4 page streams, footer


@pytest.mark.parametrize("use_index", [True, False])
def test_plan_blocks_one_stream_each_reads_every_page_once(built: tuple[Path, Path], use_index: bool) -> None:
    dump, index = built
    blocks = plan_blocks(dump, index if use_index else None, block_bytes=1)
    assert len(blocks) >= 4 and all(b.kind == "streams" for b in blocks)
    assert _titles(dump, blocks) == [p.title for p in iter_pages(dump)]


def test_plan_blocks_groups_streams_up_to_the_byte_target(built: tuple[Path, Path]) -> None:
    dump, index = built
    assert len(plan_blocks(dump, index)) == 1  # 16 MiB by default: the whole test dump
    blocks = plan_blocks(dump, index, block_bytes=1500)
    assert 1 < len(blocks) < 4
    assert _titles(dump, blocks) == [p.title for p in load_pages()]


def test_plan_blocks_splits_plain_xml_into_ranges_that_own_their_pages(built: tuple[Path, Path],
                                                                       tmp_path: Path) -> None:
    plain = tmp_path / "plain.xml"
    plain.write_bytes(bz2.decompress(built[0].read_bytes()))
    for size in (200, 700, 5000, 10**6):
        blocks = plan_blocks(plain, block_bytes=size)
        assert all(b.kind == "xml" for b in blocks)
        assert _titles(plain, blocks) == [p.title for p in load_pages()], size


def test_plan_blocks_single_stream_bz2_is_one_whole_block(tmp_path: Path, built: tuple[Path, Path]) -> None:
    single = tmp_path / "single.xml.bz2"
    single.write_bytes(bz2.compress(bz2.decompress(built[0].read_bytes())))
    blocks = plan_blocks(single)
    assert [b.kind for b in blocks] == ["whole"]
    assert _titles(single, blocks) == [p.title for p in load_pages()]


def test_read_stream_at_a_wrong_offset_is_scale_e005(built: tuple[Path, Path]) -> None:
    dump, index = built
    offset = next(read_index(index)).offset
    with pytest.raises(ScaleError) as caught:
        read_stream(dump, offset + 7)
    assert caught.value.code == "SCALE-E005" and f"byte {offset + 7:,}" in caught.value.reason


def test_read_index_bad_line_is_scale_e004(tmp_path: Path) -> None:
    index = tmp_path / "index.txt.bz2"
    index.write_bytes(bz2.compress(b"600:10:Good title\nnot an index line\n"))
    with pytest.raises(ScaleError) as caught:
        list(read_index(index))
    assert caught.value.code == "SCALE-E004" and "line 2" in caught.value.reason


def test_plan_blocks_cut_dump_keeps_good_blocks_and_reports_the_rest(built: tuple[Path, Path],
                                                                     tmp_path: Path) -> None:
    dump, index = built
    offsets = sorted({e.offset for e in read_index(index)})
    cut = tmp_path / "cut.xml.bz2"
    cut.write_bytes(dump.read_bytes()[: offsets[2] + 40])  # inside the third page stream
    blocks = plan_blocks(cut, index, block_bytes=1)
    good, bad = blocks[:2], blocks[2:]
    assert _titles(cut, good) == [p.title for p in load_pages()][:4]
    codes = []
    for block in bad:
        with pytest.raises(ScaleError) as caught:
            list(iter_block_pages(cut, block))
        codes.append(caught.value.code)
    assert set(codes) == {"SCALE-E002"} and bad[-1].kind == "missing"


def test_iter_block_pages_cut_stream_gives_its_whole_pages_first(tmp_path: Path) -> None:
    """A stream larger than one bz2 block (900 kB) keeps the pages of its intact bz2 blocks."""
    pages = [Page(f"Long page {n}", 0, n + 1, " ".join(f"w{n}x{k}" for k in range(6000))) for n in range(40)]
    dump, index = tmp_path / "long.xml.bz2", tmp_path / "long-index.txt.bz2"
    write_multistream(pages, dump, index, pages_per_stream=40)
    cut = tmp_path / "cut.xml.bz2"
    cut.write_bytes(dump.read_bytes()[:-300])  # the footer stream and the end of the page stream
    [block] = plan_blocks(cut, index)
    seen = []
    with pytest.raises(ScaleError) as caught:
        for _, page in iter_block_pages(cut, block):
            seen.append(page)
    assert caught.value.code == "SCALE-E002"
    assert 10 < len(seen) < 40 and seen == pages[: len(seen)]
