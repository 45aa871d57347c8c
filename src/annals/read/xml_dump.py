"""Streaming reader for MediaWiki XML dumps (``.xml`` or ``.xml.bz2``).

An English dump is about 100 GB of XML, so nothing here holds more than one
chunk of input and the pages finished in it: expat's pull parser is fed 256 KiB
at a time and every ``<page>`` is cleared once read. A cut dump (a download that
stopped) still yields every complete page, then raises ``ScaleError`` naming the
file and the byte where it ends. ``parse_fragment`` reads the bare ``<page>``
run of one multistream block (``annals.scale.dump`` finds the blocks).
"""

from __future__ import annotations

import bz2
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from annals.document import Document
from annals.errors import ReadError, ScaleError

__all__ = ["Page", "PageParser", "iter_pages", "page_document", "parse_fragment"]

RAW_CHUNK = 256 * 1024  # compressed bytes read at a time
OUT_CHUNK = 4 * 1024 * 1024  # at most this much decompressed text per step (bounds memory on very compressible input)
_REDIRECT = re.compile(r"\s*#\s*redirect\b", re.I)
_HINT_CUT = ("download the dump again (compare its size or sha1 with the mirror's list); "
             "the pages before the cut were read")


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a dump: its identity and the text of its last revision."""

    title: str
    ns: int
    id: int
    text: str
    redirect: str | None = None
    revision_id: int | None = None
    timestamp: str | None = None
    model: str = "wikitext"

    @property
    def is_redirect(self) -> bool:
        return self.redirect is not None or bool(_REDIRECT.match(self.text[:64]))


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _int(text: str | None, default: int = 0) -> int:
    try:
        return int((text or "").strip())
    except ValueError:
        return default


def _page(elem: ET.Element) -> Page:
    """A ``Page`` from a finished ``<page>`` element (namespaced or not)."""
    title, ns, page_id, redirect = "", 0, 0, None
    revision: ET.Element | None = None
    for child in elem:
        tag = _local(child.tag)
        if tag == "title":
            title = child.text or ""
        elif tag == "ns":
            ns = _int(child.text)
        elif tag == "id":
            page_id = _int(child.text)
        elif tag == "redirect":
            redirect = child.get("title", "")
        elif tag == "revision":
            revision = child  # history dumps hold several; the last one is current
    text, revision_id, timestamp, model = "", None, None, "wikitext"
    if revision is not None:
        for child in revision:
            tag = _local(child.tag)
            if tag == "text":
                text = child.text or ""
            elif tag == "id":
                revision_id = _int(child.text, -1)
            elif tag == "timestamp":
                timestamp = child.text
            elif tag == "model":
                model = (child.text or "wikitext").strip()
    return Page(title, ns, page_id, text, redirect, revision_id, timestamp, model)


class PageParser:
    """Incremental page parser: ``feed`` bytes, get back the pages they finished.

    ``fragment=True`` reads a bare run of ``<page>`` elements (one multistream
    block) by wrapping it in a root of its own.
    """

    def __init__(self, name: str, *, fragment: bool = False) -> None:
        self.name = name
        self.pages = 0
        self.last: Page | None = None
        self.fed = 0  # decompressed bytes given to the parser
        self._parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
        self._root: ET.Element | None = None
        self._fragment = fragment
        if fragment:
            self._parser.feed(b"<fragment>")

    def feed(self, data: bytes) -> Iterator[Page]:
        self.fed += len(data)
        self._parser.feed(data)
        yield from self._drain(closing=False)

    def close(self) -> Iterator[Page]:
        """Finish the input; a dump that stops inside an element raises SCALE-E002."""
        if self._fragment:
            self._parser.feed(b"</fragment>")
        try:
            self._parser.close()
        except ET.ParseError as error:
            yield from self._drain(closing=True)
            raise self._error(error, closing=True) from error
        yield from self._drain(closing=True)

    def _drain(self, *, closing: bool) -> Iterator[Page]:
        try:
            for item in self._parser.read_events():
                event, elem = item[0], item[-1]  # only ("start"|"end", element) events are asked for
                if not isinstance(elem, ET.Element):
                    continue
                if event == "start":
                    if self._root is None:
                        self._root = elem
                elif _local(elem.tag) == "page":
                    page = _page(elem)
                    self.pages += 1
                    self.last = page
                    elem.clear()
                    if self._root is not None:
                        self._root.clear()  # drop finished pages (and siteinfo): memory stays bounded
                    yield page
        except ET.ParseError as error:
            raise self._error(error, closing=closing) from error

    def where(self) -> str:
        after = f"after page {self.last.title!r} (id {self.last.id})" if self.last else "before the first page"
        return f"{after}, {self.pages} complete page(s) read"

    def _error(self, error: ET.ParseError, *, closing: bool) -> ScaleError:
        line, column = getattr(error, "position", (0, 0))
        if closing:
            return ScaleError(
                "SCALE-E002",
                f"the XML ends inside an element at line {line}, column {column} "
                f"(byte {self.fed:,} of the XML) {self.where()}",
                path=self.name, hint=_HINT_CUT)
        return ScaleError(
            "SCALE-E003",
            f"the XML is malformed at line {line}, column {column} ({str(error).split(':')[0]}) {self.where()}",
            path=self.name,
            hint="check that the file is a MediaWiki XML export (Special:Export or dumps.wikimedia.org)")


def iter_pages(source: str | Path, *, name: str | None = None) -> Iterator[Page]:
    """Every page of a dump file, in order, with memory bounded by one chunk.

    Example: ``next(iter_pages("enwiki-pages-articles-multistream.xml.bz2")).title``
    """
    label = name or str(source)
    try:
        handle = open(source, "rb")  # noqa: SIM115 - closed below, after the generator is drained
    except OSError as exc:
        raise ScaleError("SCALE-E001", f"cannot open the dump: {exc.strerror}", path=label,
                         hint="check the path and permissions") from exc
    with handle:
        yield from _parse(handle, label)


def _parse(handle: BinaryIO, name: str) -> Iterator[Page]:
    magic = handle.read(3)
    handle.seek(0)
    parser = PageParser(name)
    chunks = bz2_chunks(handle, name, parser.where) if magic == b"BZh" else iter(lambda: handle.read(RAW_CHUNK), b"")
    for chunk in chunks:
        yield from parser.feed(chunk)
    yield from parser.close()


def bz2_chunks(handle: BinaryIO, name: str, where: Callable[[], str] | None = None) -> Iterator[bytes]:
    """Decompressed text of every bz2 stream in ``handle``, one bounded chunk at a time.

    Multistream dumps are many bz2 streams back to back; each ending starts a new
    decompressor on the bytes left over. ``where`` (a callable giving the reader's
    progress) makes the cut-file message say which page came last.
    """
    decompressor = bz2.BZ2Decompressor()
    stream_start = handle.tell()
    fed = False
    position = stream_start
    while True:
        raw = handle.read(RAW_CHUNK)
        if not raw:
            break
        position += len(raw)
        pending = raw
        fed = True
        while True:
            try:
                out = decompressor.decompress(pending, OUT_CHUNK)
            except OSError as exc:
                raise ScaleError("SCALE-E003", f"the bz2 data is corrupt in the stream that starts at byte "
                                 f"{stream_start:,} ({exc})", path=name,
                                 hint="download the dump again; bz2recover can save the intact blocks") from exc
            pending = b""
            if out:
                yield out
            if decompressor.eof:
                pending = decompressor.unused_data
                stream_start = position - len(pending)
                decompressor = bz2.BZ2Decompressor()
                fed = bool(pending)
                if not pending:
                    break
                continue
            if decompressor.needs_input:
                break
    if fed and not decompressor.eof:
        progress = f" {where()}" if where is not None else ""
        raise ScaleError(
            "SCALE-E002",
            f"the bz2 stream that starts at byte {stream_start:,} is cut off at byte {position:,} "
            f"(end of file){progress}",
            path=name, hint=_HINT_CUT)


def parse_fragment(data: bytes, name: str, *, complete: bool = True) -> list[Page]:
    """The pages in one multistream block: bare ``<page>`` elements, maybe with the header or footer.

    ``complete=False`` is for the decompressed part of a cut stream: the pages it
    holds whole are returned and the unfinished one is left for the caller's error.
    """
    head = data.find(b"</siteinfo>")
    if head >= 0:
        data = data[head + len(b"</siteinfo>"):]
    foot = data.rfind(b"</mediawiki>")
    if foot >= 0:
        data = data[:foot]
    parser = PageParser(name, fragment=True)
    pages = list(parser.feed(data))
    if complete:
        pages.extend(parser.close())
    return pages


def iter_fragments(chunks: Iterable[bytes], name: str) -> Iterator[Page]:
    """Pages from a stream of fragment chunks (used for byte ranges of a plain XML dump)."""
    parser = PageParser(name, fragment=True)
    for chunk in chunks:
        yield from parser.feed(chunk)
    yield from parser.close()


def page_document(page: Page, path: str | None = None) -> Document:
    """The page as a ``Document``: its wikitext read like a single page, with its dump identity kept.

    Evidence offsets index ``page.text``, the revision text as the dump (or the
    API) gives it, so a span can be checked against the same revision anywhere.
    """
    if not page.text.strip():
        raise ReadError("READ-E002", f"page {page.title!r} (id {page.id}) has no text", path=path,
                        hint="the revision may be deleted or suppressed; skip it")
    from annals.read.wikitext import read_wikitext

    doc = read_wikitext(page.text, path, page.title)
    metadata = {**doc.metadata, "page_id": str(page.id), "ns": str(page.ns)}
    if page.revision_id is not None:
        metadata["revision_id"] = str(page.revision_id)
    if page.timestamp:
        metadata["timestamp"] = page.timestamp
    return replace(doc, metadata=metadata)
