"""Multistream dumps: the index, blocks of bz2 streams, and reading one block alone.

A ``pages-articles-multistream.xml.bz2`` dump is ~230,000 bz2 streams of 100
pages each, back to back, and its index (``offset:page_id:title`` per page)
says where each stream starts. Any stream decompresses on its own, so a block
(a run of consecutive streams) can be read by seeking to its offset: that is
what lets many workers read one dump at once. Without an index, stream starts
are found by scanning for the bz2 stream header; a plain ``.xml`` dump is split
into byte ranges that each own the pages starting inside them.
"""

from __future__ import annotations

import bz2
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape, quoteattr

from annals.errors import ScaleError
from annals.read.xml_dump import RAW_CHUNK, Page, iter_fragments, iter_pages, parse_fragment
from annals.scale.defaults import DEFAULT_BLOCK_BYTES

__all__ = [
    "DEFAULT_BLOCK_BYTES",
    "Block",
    "IndexEntry",
    "iter_block_pages",
    "iter_streams",
    "plan_blocks",
    "read_index",
    "read_stream",
    "scan_stream_offsets",
    "write_multistream",
]

# A bz2 stream starts "BZh" + block size digit, then the first block's magic (pi in BCD), byte aligned.
_STREAM_START = re.compile(rb"BZh[1-9]\x31\x41\x59\x26\x53\x59")
_EXPORT_NS = "http://www.mediawiki.org/xml/export-0.11/"


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One line of a multistream index: the page and the byte offset of its stream."""

    offset: int
    page_id: int
    title: str


@dataclass(frozen=True, slots=True)
class Block:
    """A unit of parallel work: streams ``[start, end)`` of a bz2 dump, or a byte range of an XML dump.

    ``kind`` is ``streams`` (seek and decompress stream by stream), ``xml`` (a byte
    range of an uncompressed dump), ``whole`` (a single-stream bz2 file, read in one
    go) or ``missing`` (streams the index lists past the end of a cut dump: reading
    it raises SCALE-E002, so the job records the loss and goes on).
    """

    number: int
    start: int
    end: int
    kind: str = "streams"


def _open_maybe_bz2(path: str | Path) -> IO[bytes]:
    name = str(path)
    try:
        handle = open(name, "rb")  # noqa: SIM115 - returned to the caller, who closes it
        magic = handle.read(3)
        handle.seek(0)
    except OSError as exc:
        raise ScaleError("SCALE-E001", f"cannot open the file: {exc.strerror}", path=name,
                         hint="check the path and permissions") from exc
    if magic == b"BZh":
        return bz2.BZ2File(handle)  # a BZ2File closes nothing it did not open: close the handle with it
    return handle


def read_index(path: str | Path) -> Iterator[IndexEntry]:
    """The entries of a multistream index (``.txt`` or ``.txt.bz2``), in file order."""
    name = str(path)
    handle = _open_maybe_bz2(path)
    try:
        for number, raw in enumerate(handle, 1):
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if not line:
                continue
            offset, _, rest = line.partition(":")
            page_id, sep, title = rest.partition(":")
            if not sep or not offset.isdigit() or not page_id.isdigit():
                raise ScaleError(
                    "SCALE-E004", f"line {number} is not offset:page_id:title ({line[:60]!r})", path=name,
                    hint="give the index that was published with this dump (…-multistream-index.txt.bz2)")
            yield IndexEntry(int(offset), int(page_id), title)
    except EOFError as exc:
        raise ScaleError("SCALE-E002", "the index file is cut off (its bz2 stream has no end)", path=name,
                         hint="download the index again") from exc
    except OSError as exc:
        raise ScaleError("SCALE-E003", f"the index is not readable bz2 or text ({exc})", path=name,
                         hint="give the …-multistream-index.txt.bz2 file that matches the dump") from exc
    finally:
        if isinstance(handle, bz2.BZ2File):
            handle._fp.close()  # type: ignore[attr-defined]  # the raw file we opened for it
        handle.close()


def scan_stream_offsets(path: str | Path) -> list[int]:
    """Byte offsets of every bz2 stream in a file, found by their headers (no index needed)."""
    name = str(path)
    offsets: list[int] = []
    try:
        with open(name, "rb") as handle:
            base, tail = 0, b""
            while True:
                chunk = handle.read(8 * 1024 * 1024)
                if not chunk:
                    break
                window = tail + chunk
                start = base - len(tail)
                offsets.extend(start + m.start() for m in _STREAM_START.finditer(window)
                               if not offsets or start + m.start() > offsets[-1])
                tail = window[-9:]
                base += len(chunk)
    except OSError as exc:
        raise ScaleError("SCALE-E001", f"cannot read the dump: {exc.strerror}", path=name,
                         hint="check the path and permissions") from exc
    return offsets


def plan_blocks(dump: str | Path, index: str | Path | None = None, *,
                block_bytes: int = DEFAULT_BLOCK_BYTES) -> list[Block]:
    """Split a dump into blocks of about ``block_bytes`` that can be read independently.

    Blocks follow stream boundaries (from the index, else scanned); a stream is
    never split, so a block may be larger than ``block_bytes`` by one stream.
    """
    name = str(dump)
    try:
        size = os.path.getsize(name)
        with open(name, "rb") as handle:
            magic = handle.read(3)
    except OSError as exc:
        raise ScaleError("SCALE-E001", f"cannot open the dump: {exc.strerror}", path=name,
                         hint="check the path and permissions") from exc
    if magic != b"BZh":
        step = max(1, block_bytes)
        return [Block(n, start, min(size, start + step), "xml") for n, start in enumerate(range(0, size, step))]
    missing: list[int] = []
    if index is not None:
        listed = sorted({entry.offset for entry in read_index(index)})
        offsets = [o for o in listed if o < size]
        missing = listed[len(offsets):]  # the dump is cut, or the index is another dump's
        if not offsets:
            return [Block(0, missing[0], missing[-1] + 1, "missing")]
    else:
        offsets = scan_stream_offsets(name)
        if len(offsets) <= 1:
            return [Block(0, 0, size, "whole")]
    blocks: list[Block] = []
    start = offsets[0]
    for following in [*offsets[1:], size]:
        if following - start >= block_bytes or following == size:
            blocks.append(Block(len(blocks), start, following))
            start = following
    if missing:
        blocks.append(Block(len(blocks), missing[0], missing[-1] + 1, "missing"))
    return blocks


def iter_streams(dump: str | Path, start: int, end: int | None = None) -> Iterator[tuple[int, bytes]]:
    """``(offset, text)`` of each bz2 stream that starts in ``[start, end)``, each decompressed whole.

    One stream holds ~100 pages, so a stream at a time is the memory bound.
    A cut stream raises SCALE-E002 (``_streams`` also hands over what it held).
    """
    for offset, data, cut in _streams(str(dump), start, end):
        if cut is not None:
            raise cut
        yield offset, data


def _streams(name: str, start: int, end: int | None) -> Iterator[tuple[int, bytes, ScaleError | None]]:
    """``iter_streams``, but a cut stream comes out with its decompressed part and the error to raise."""
    try:
        handle = open(name, "rb")  # noqa: SIM115 - closed in the finally below
    except OSError as exc:
        raise ScaleError("SCALE-E001", f"cannot open the dump: {exc.strerror}", path=name,
                         hint="check the path and permissions") from exc
    try:
        handle.seek(start)
        position, pending = start, b""
        limit = end if end is not None else os.path.getsize(name)
        while position < limit:
            if len(pending) < 3:
                pending += handle.read(RAW_CHUNK)
            if not pending.startswith(b"BZh"):
                raise ScaleError(
                    "SCALE-E005", f"byte {position:,} does not start a bz2 stream",
                    path=name, hint="the index belongs to another dump: use the index with the same date")
            decompressor, offset = bz2.BZ2Decompressor(), position
            parts: list[bytes] = []
            while not decompressor.eof:
                if not pending:
                    pending = handle.read(RAW_CHUNK)
                    if not pending:
                        yield offset, b"".join(parts), ScaleError(
                            "SCALE-E002", f"the bz2 stream that starts at byte {offset:,} is cut off at byte "
                            f"{position:,} (end of file)", path=name,
                            hint="download the dump again; the streams before this one are intact")
                        return
                consumed = len(pending)
                try:
                    parts.append(decompressor.decompress(pending))
                except OSError as exc:
                    raise ScaleError("SCALE-E003", f"the bz2 stream at byte {offset:,} is corrupt ({exc})",
                                     path=name, hint="download the dump again") from exc
                pending = decompressor.unused_data if decompressor.eof else b""
                position += consumed - len(pending)
            yield offset, b"".join(parts), None
    finally:
        handle.close()


def read_stream(dump: str | Path, offset: int) -> bytes:
    """The decompressed text of the one bz2 stream at ``offset``."""
    for _, data in iter_streams(dump, offset, offset + 1):
        return data
    raise ScaleError("SCALE-E005", f"no bz2 stream at byte {offset:,}", path=str(dump),
                     hint="check the offset against the dump's index")


def iter_block_pages(dump: str | Path, block: Block) -> Iterator[tuple[int, Page]]:
    """``(stream offset, page)`` for every page of a block."""
    name = str(dump)
    if block.kind == "missing":
        raise ScaleError(
            "SCALE-E002", f"the dump ends before byte {block.start:,}, where its index lists more streams "
            f"(up to byte {block.end - 1:,}): the file is cut off", path=name,
            hint="download the dump again, or give the index published with this dump")
    if block.kind == "whole":
        for page in iter_pages(name):
            yield block.start, page
    elif block.kind == "xml":
        for page in iter_fragments(_xml_range(name, block.start, block.end), f"{name}@{block.start}"):
            yield block.start, page
    else:
        for offset, data, cut in _streams(name, block.start, block.end):
            for page in parse_fragment(data, f"{name}@{offset}", complete=cut is None):
                yield offset, page
            if cut is not None:  # the pages the cut stream held whole came first
                raise cut


def _xml_range(name: str, start: int, end: int) -> Iterator[bytes]:
    """The bytes of the pages whose ``<page>`` tag starts in ``[start, end)`` of a plain XML dump.

    Text inside a page has ``<`` escaped, so a literal ``<page>`` is always a tag:
    the range runs from the first one at or after ``start`` to the first one at or
    after ``end`` (or the closing ``</mediawiki>``).
    """
    size = os.path.getsize(name)
    with open(name, "rb") as handle:
        first = _find(handle, start, b"<page>")
        if first < 0 or first >= end:
            return
        stop = _find(handle, end, b"<page>") if end < size else -1
        if stop < 0:
            handle.seek(max(0, size - 64))
            tail = handle.read()
            closing = tail.rfind(b"</mediawiki>")
            stop = size - len(tail) + closing if closing >= 0 else size  # a cut file: the parser says where
        handle.seek(first)
        remaining = stop - first
        while remaining > 0:
            chunk = handle.read(min(RAW_CHUNK, remaining))
            if not chunk:
                return
            remaining -= len(chunk)
            yield chunk


def _find(handle: IO[bytes], position: int, needle: bytes) -> int:
    """The file offset of the first ``needle`` at or after ``position``, or -1."""
    handle.seek(position)
    tail = b""
    while True:
        chunk = handle.read(RAW_CHUNK)
        if not chunk:
            return -1
        window = tail + chunk
        found = window.find(needle)
        if found >= 0:
            return position - len(tail) + found
        tail = window[-(len(needle) - 1):]
        position += len(chunk)


def _page_xml(page: Page) -> str:
    redirect = f"    <redirect title={quoteattr(page.redirect)} />\n" if page.redirect is not None else ""
    revision = f"      <id>{page.revision_id}</id>\n" if page.revision_id is not None else ""
    stamp = f"      <timestamp>{escape(page.timestamp)}</timestamp>\n" if page.timestamp else ""
    return (
        f"  <page>\n    <title>{escape(page.title, {chr(13): '&#13;'})}</title>\n"
        f"    <ns>{page.ns}</ns>\n    <id>{page.id}</id>\n"
        f"{redirect}    <revision>\n{revision}{stamp}      <model>{escape(page.model)}</model>\n"
        f"      <format>text/x-wiki</format>\n"
        f"      <text bytes=\"{len(page.text.encode('utf-8'))}\" xml:space=\"preserve\">"
        f"{escape(page.text, {chr(13): '&#13;'})}</text>\n"
        f"    </revision>\n  </page>\n"
    )


def write_multistream(pages: Iterable[Page], dump: str | Path, index: str | Path | None = None, *,
                      pages_per_stream: int = 100, dbname: str = "annalswiki") -> list[IndexEntry]:
    """Write pages as a multistream dump (and its bz2 index), laid out like dumps.wikimedia.org's.

    Used by the tests and the benchmark to make dumps from our own pages; the
    header and the footer are streams of their own, as in the published files.
    """
    entries: list[IndexEntry] = []
    header = (
        f'<mediawiki xmlns="{_EXPORT_NS}" version="0.11" xml:lang="en">\n  <siteinfo>\n'
        f"    <sitename>annals</sitename>\n    <dbname>{escape(dbname)}</dbname>\n"
        '    <namespaces>\n      <namespace key="0" case="first-letter" />\n'
        '      <namespace key="1" case="first-letter">Talk</namespace>\n    </namespaces>\n  </siteinfo>\n'
    )
    with open(dump, "wb") as out:
        out.write(bz2.compress(header.encode("utf-8")))
        batch: list[Page] = []

        def flush() -> None:
            offset = out.tell()
            out.write(bz2.compress("".join(_page_xml(p) for p in batch).encode("utf-8")))
            entries.extend(IndexEntry(offset, p.id, p.title) for p in batch)
            batch.clear()

        for page in pages:
            batch.append(page)
            if len(batch) >= pages_per_stream:
                flush()
        if batch:
            flush()
        out.write(bz2.compress(b"</mediawiki>\n"))
    if index is not None:
        lines = "".join(f"{e.offset}:{e.page_id}:{e.title}\n" for e in entries)
        Path(index).write_bytes(bz2.compress(lines.encode("utf-8")))
    return entries
