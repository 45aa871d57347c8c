"""The data model every stage reads: a Document with character offsets.

A reader turns a file into a ``Document``. ``source`` is the file's decoded text,
untouched; ``text`` is the readable prose (markup removed) that later stages
analyse. ``offsets`` maps any span of ``text`` back to ``source`` so that every
value the system outputs can point at the characters of the original file.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open character range ``[start, end)``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of ``text`` that came from ``source[source_start:source_end]``.

    ``verbatim`` pieces are copies, so offsets inside them map one to one;
    other pieces (a decoded entity, a link label rebuilt) map as a whole.
    """

    text_start: int
    length: int
    source_start: int
    source_end: int
    verbatim: bool


class OffsetMap:
    """Maps spans of a document's ``text`` back to spans of its ``source``."""

    def __init__(self, pieces: list[Piece]) -> None:
        self._pieces = pieces
        self._starts = [p.text_start for p in pieces]

    @classmethod
    def identity(cls, length: int, source_start: int = 0) -> OffsetMap:
        return cls([Piece(0, length, source_start, source_start + length, True)])

    def _position(self, offset: int, *, is_end: bool) -> int:
        if not self._pieces:
            return 0
        index = bisect.bisect_right(self._starts, offset) - 1
        if is_end and index > 0 and self._pieces[index].text_start == offset:
            index -= 1  # an end offset belongs to the piece it closes
        index = max(index, 0)
        piece = self._pieces[index]
        inside = offset - piece.text_start
        if inside >= piece.length:
            return piece.source_end
        if piece.verbatim:
            return piece.source_start + inside
        return piece.source_end if is_end and inside > 0 else piece.source_start

    def to_source(self, span: Span) -> Span:
        start = self._position(span.start, is_end=False)
        end = self._position(span.end, is_end=True)
        return Span(start, max(start, end))


class TextBuilder:
    """Builds a document's ``text`` piece by piece while recording offsets."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._pieces: list[Piece] = []
        self._length = 0

    def __len__(self) -> int:
        return self._length

    def copy(self, source: str, start: int, end: int) -> Span:
        """Append ``source[start:end]`` verbatim; return its span in ``text``."""
        return self.put(source[start:end], start, end, verbatim=True)

    def put(self, value: str, source_start: int, source_end: int, *, verbatim: bool = False) -> Span:
        """Append ``value`` standing for ``source[source_start:source_end]``."""
        begin = self._length
        if value:
            self._parts.append(value)
            self._pieces.append(Piece(begin, len(value), source_start, source_end, verbatim))
            self._length += len(value)
        return Span(begin, self._length)

    def endswith(self, suffix: str) -> bool:
        tail = "".join(self._parts[-3:])
        return tail.endswith(suffix)

    def build(self) -> tuple[str, OffsetMap]:
        return "".join(self._parts), OffsetMap(self._pieces)


@dataclass(frozen=True, slots=True)
class InfoboxItem:
    """One entry of a list-valued infobox field (a belligerent, a unit)."""

    text: str
    level: int
    span: Span  # in source


@dataclass(frozen=True, slots=True)
class InfoboxField:
    """One ``key: value`` of the article's infobox, with its source span."""

    key: str  # normalised: lower case, no spaces or underscores ("combatant1")
    value: str
    span: Span  # in source
    items: tuple[InfoboxItem, ...] = ()


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    level: int
    span: Span  # in text: heading and body


@dataclass(frozen=True, slots=True)
class Sentence:
    span: Span  # in text
    section: int  # index into Document.sections, -1 for the lead
    paragraph: int


@dataclass(frozen=True, slots=True)
class Notice:
    """A coded warning about odd but readable input, with where it happened."""

    code: str
    message: str
    span: Span | None = None

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"code": self.code, "message": self.message}
        if self.span is not None:
            out["span"] = self.span.to_dict()
        return out


@dataclass(frozen=True)
class Document:
    """One article: its original text, readable prose, infobox and structure."""

    source: str
    text: str
    offsets: OffsetMap
    title: str
    format: str
    path: str | None = None
    infobox: tuple[InfoboxField, ...] = ()
    sections: tuple[Section, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    metadata: dict[str, str] = field(default_factory=dict)
    notices: tuple[Notice, ...] = ()

    @property
    def sha256(self) -> str:
        return text_sha256(self.source)

    def source_span(self, span: Span) -> Span:
        return self.offsets.to_source(span)

    def field(self, *keys: str) -> InfoboxField | None:
        """The first infobox field among ``keys`` (normalised names)."""
        for key in keys:
            for item in self.infobox:
                if item.key == key:
                    return item
        return None

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.span.start : sentence.span.end]

    def section_of(self, sentence: Sentence) -> Section | None:
        return self.sections[sentence.section] if sentence.section >= 0 else None

    def iter_sentences(self) -> Iterator[tuple[int, Sentence, str]]:
        for index, sentence in enumerate(self.sentences):
            yield index, sentence, self.sentence_text(sentence)


def text_sha256(text: str) -> str:
    """The hex sha256 that identifies a document's text (``Document.sha256``)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def lower_in_place(text: str) -> str:
    """``text`` lower-cased with every offset kept: the few characters that lower-case to
    two (such as "İ") stay as they are. Case-insensitive matching then runs fast, as a
    case-sensitive regex over this string, and reports offsets valid in ``text``."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    odd = "".join(ch for ch in set(text) if len(ch.lower()) != 1)  # a handful of distinct characters
    pieces = re.split(f"([{re.escape(odd)}])", text)  # the odd characters at the odd indices
    return "".join(piece if index % 2 else piece.lower() for index, piece in enumerate(pieces))


def normalise_key(key: str) -> str:
    return "".join(ch for ch in key.lower() if ch.isalnum())
