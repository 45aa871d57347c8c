"""Every error annals raises, with a code, where it happened, why, and a fix.

The library raises ``AnnalsError`` subclasses; the CLI prints them in three
lines (where, why, what to do) and exits 1. Codes are ``<STAGE>-E<nnn>`` and
are never reused; ``docs/errors.md`` lists them all (checked by a test).
"""

from __future__ import annotations


class AnnalsError(Exception):
    """Base class: ``code``, ``path`` (or None), ``reason`` and ``hint``."""

    def __init__(self, code: str, reason: str, *, path: str | None = None, hint: str = "") -> None:
        self.code = code
        self.reason = reason
        self.path = path
        self.hint = hint
        super().__init__(self.render())

    def render(self) -> str:
        where = f" {self.path}" if self.path else ""
        lines = [f"{self.code}{where}", f"  {self.reason}"]
        if self.hint:
            lines.append(f"  fix: {self.hint}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "path": self.path, "reason": self.reason, "hint": self.hint}


class ReadError(AnnalsError):
    """The input cannot be read as a document."""


class EvalError(AnnalsError):
    """A gold file is malformed or its article is missing."""


class GeoError(AnnalsError):
    """The gazetteer cannot be built or loaded."""


class ScaleError(AnnalsError):
    """A dump, its index, the Spark job or a merge input cannot be processed."""


class FetchError(AnnalsError):
    """A page cannot be fetched from the MediaWiki API."""


# The catalogue: code -> one-line meaning. docs/errors.md mirrors it.
CODES: dict[str, str] = {
    "READ-E001": "the file does not exist or cannot be opened",
    "READ-E002": "the file is empty or holds only white space",
    "READ-E003": "the file is binary, not text",
    "READ-E004": "the file is larger than the size limit",
    "READ-E005": "the format name is unknown",
    "READ-E006": "the YAML front matter does not parse",
    "READ-E007": "the text is not valid UTF-8",
    "READ-E008": "the markup nests too deeply to parse",
    "READ-E009": "a JSON timeline does not parse or holds no entries",
    "EVAL-E001": "the gold file is not valid JSON or misses required keys",
    "EVAL-E002": "the article named by the gold file cannot be found",
    "EVAL-E003": "a gold evidence string is not in the article",
    "GEO-E001": "the gazetteer data cannot be loaded",
    "STORE-E001": "the database cannot be opened (missing, or not an SQLite file)",
    "STORE-E002": "the database was written by a newer annals (schema version too high)",
    "STORE-E003": "the database needs a migration but is open read-only",
    "STORE-E004": "a write was asked of a database open read-only",
    "STORE-E005": "a filter date is not a year, a month or a day",
    "STORE-E006": "a document could not be written to the database",
    "STORE-E007": "the search query is empty or cannot be read",
    "EXPORT-E001": "the export format is unknown",
    "EXPORT-E002": "a binary format (Parquet) needs an output file",
    "SCALE-E001": "the dump or index file does not exist or cannot be read",
    "SCALE-E002": "the dump ends early (a cut bz2 stream or unfinished XML)",
    "SCALE-E003": "the dump is not a MediaWiki XML export (bad bz2 data or malformed XML)",
    "SCALE-E004": "a line of the multistream index is not offset:page_id:title",
    "SCALE-E005": "an index offset does not start a bz2 stream in the dump",
    "SCALE-E006": "pyspark is not installed (the scale extra)",
    "SCALE-E007": "the Spark job could not start or write its output",
    "SCALE-E009": "a page failed with an unexpected error (recorded, the job goes on)",
    "SCALE-E010": "the merge input is not extraction JSON, JSON Lines or a dump job's output",
    "FETCH-E001": "the MediaWiki API cannot be reached (offline, refused, timed out)",
    "FETCH-E002": "the MediaWiki API answered with an HTTP or API error",
    "FETCH-E003": "the MediaWiki API answer is not the JSON annals expects",
    "FETCH-E004": "the page does not exist on the wiki",
    "FETCH-E005": "the page holds no wikitext (another content model)",
    "FETCH-E006": "the fetched page cannot be written to the output folder",
    "READ-W001": "an infobox value could not be split into items",
    "READ-W002": "text was decoded with a fallback encoding",
    "TIME-W001": "a date in the text does not exist (e.g. 31 February)",
    "CONFLICT-W001": "an infobox date range could not be parsed",
    "AUDIT-W001": "infobox casualties and the narrative's claims disagree",
    "AUDIT-W002": "an event falls outside the infobox date range",
}
