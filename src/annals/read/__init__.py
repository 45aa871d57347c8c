"""read stage: one ``Document`` from a file or a string, in any supported format.

The format is sniffed from the content (and the file name) unless named.
Bad input raises ``ReadError`` naming the file and the reason.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from annals.document import Document
from annals.errors import ReadError
from annals.read.markdown import looks_like_markdown, read_markdown
from annals.read.plain import read_plain
from annals.read.seed_text import looks_like_seed_text, read_seed_text
from annals.read.timeline import looks_like_timeline, read_timeline
from annals.read.wikitext import looks_like_wikitext, read_wikitext

__all__ = ["FORMATS", "MAX_BYTES", "decode", "decoded_file", "detect_format", "read_path", "read_text"]

MAX_BYTES = int(os.environ.get("ANNALS_MAX_BYTES", str(64 * 1024 * 1024)))

Reader = Callable[[str, "str | None"], Document]
FORMATS: dict[str, Reader] = {
    "seed": read_seed_text,
    "markdown": read_markdown,
    "wikitext": read_wikitext,
    "plain": read_plain,
    "timeline": read_timeline,
}
_SUFFIXES = {
    ".md": "markdown", ".markdown": "markdown", ".wiki": "wikitext", ".mediawiki": "wikitext", ".json": "timeline"
}


def detect_format(source: str, path: str | None = None) -> str:
    """The reader for ``source``: by content first, then by file suffix."""
    if looks_like_seed_text(source):
        return "seed"
    if looks_like_timeline(source):
        return "timeline"
    if source.lstrip("\ufeff").startswith("---\n"):
        return "markdown"
    suffix = Path(path).suffix.lower() if path else ""
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    if looks_like_wikitext(source):
        return "wikitext"
    if looks_like_markdown(source):
        return "markdown"
    return "plain"


def read_text(source: str, *, format: str | None = None, path: str | None = None) -> Document:
    """A ``Document`` from text already in memory."""
    if not source.strip():
        raise ReadError("READ-E002", "the document is empty", path=path, hint="check that the file has text")
    name = format or detect_format(source, path)
    reader = FORMATS.get(name)
    if reader is None:
        raise ReadError(
            "READ-E005",
            f"unknown input format {name!r}",
            path=path,
            hint=f"use one of: {', '.join(FORMATS)}",
        )
    return reader(source, path)


def decode(data: bytes, path: str | None = None) -> str:
    """Text from bytes: UTF-8 (with or without BOM), else a clear error for binaries."""
    if not data.strip():
        raise ReadError("READ-E002", "the file is empty", path=path, hint="check that the file has text")
    sample = data[:8192]
    if b"\x00" in sample or _control_share(sample) > 0.05:
        raise ReadError(
            "READ-E003",
            "the file is binary, not text",
            path=path,
            hint="give a text file (.txt, .md, .wiki); decompress archives first",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(
            "READ-E007",
            f"the file is not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 4]!r})",
            path=path,
            hint="convert it to UTF-8, e.g. `iconv -f latin1 -t utf-8 FILE`",
        ) from exc


def _control_share(sample: bytes) -> float:
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13, 12))
    return controls / max(1, len(sample))


def _file_bytes(name: str) -> bytes:
    """The bytes of a file no larger than MAX_BYTES, or a ReadError saying why not."""
    try:
        size = os.path.getsize(name)
        if size > MAX_BYTES:
            raise ReadError(
                "READ-E004",
                f"the file is {size / 1e6:.1f} MB, over the {MAX_BYTES / 1e6:.0f} MB limit",
                path=name,
                hint="split it, or raise the limit with ANNALS_MAX_BYTES",
            )
        with open(name, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise ReadError("READ-E001", f"cannot open the file: {exc.strerror}", path=name,
                        hint="check the path and permissions") from exc


def decoded_file(path: str | Path) -> str | None:
    """The file's text as ``read_path`` decodes it, or None when it cannot be read (for
    quick checks such as "is this file unchanged?"; ``read_path`` reports the reason)."""
    try:
        return decode(_file_bytes(str(path)), str(path))
    except ReadError:
        return None


def read_path(path: str | Path, *, format: str | None = None) -> Document:
    """A ``Document`` from a file on disk."""
    name = str(path)
    return read_text(decode(_file_bytes(name), name), format=format, path=name)
