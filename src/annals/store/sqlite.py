"""The SQLite store: one file, one transaction per document, readable while it is written.

A document is identified by its absolute path and versioned by the sha256 of its
decoded text. Ingesting reads the file first and skips the extraction when the
stored hash is the same, so a re-run over a corpus costs little. A changed document
is replaced inside one transaction (its old rows deleted, the new ones inserted),
so a reader, or a run killed with ``kill -9``, only ever sees the old document or
the new one. WAL journaling lets the explorer read (``readonly=True``, a
``mode=ro`` connection) while an ingest writes.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import partial
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annals.document import text_sha256
from annals.errors import AnnalsError
from annals.store.records import (
    ActorInfo,
    DocumentRecord,
    classify_actor,
    document_actors,
    home_country,
    record_of,
    summarise,
)

if TYPE_CHECKING:
    from annals.pipeline import Pipeline

SCHEMA_VERSION = 1
# (version, script in this package): applied in order, each in its own transaction.
MIGRATIONS: tuple[tuple[int, str], ...] = ((1, "schema.sql"),)
KEY_LENGTH = 12  # hex digits of sha256 in event ids; longer only when two documents share a prefix

_EVENT_KEYS = frozenset({
    "id", "date_start", "date_end", "date_precision", "date_evidence", "date_basis", "event_type",
    "sub_event_type", "actor1", "actor2", "actor1_side", "actor2_side", "inter1", "inter2", "interaction",
    "assoc_actor_1", "assoc_actor_2",
    "location", "fatalities", "claims", "trigger", "evidence",
})
_QUANTITIES = ("strength", "killed", "wounded", "captured", "missing")


class StoreError(AnnalsError):
    """The database cannot be opened, migrated, written or queried."""


@dataclass(frozen=True)
class IngestResult:
    """What happened to one input: added, replaced, unchanged, duplicate or failed."""

    path: str
    outcome: str
    events: int = 0
    error: AnnalsError | None = None
    duplicate_of: str | None = None
    extract_seconds: float = 0.0
    write_seconds: float = 0.0


@dataclass
class IngestSummary:
    """Counts per outcome over a run, and the failures with their errors."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    duplicate: int = 0
    failed: int = 0
    events: int = 0  # events written by this run
    failures: list[IngestResult] = field(default_factory=list)

    def add(self, result: IngestResult) -> None:
        setattr(self, result.outcome, getattr(self, result.outcome) + 1)
        if result.outcome in ("added", "replaced"):
            self.events += result.events
        if result.outcome == "failed":
            self.failures.append(result)

    def to_dict(self) -> dict[str, int]:
        return {"added": self.added, "replaced": self.replaced, "unchanged": self.unchanged,
                "duplicate": self.duplicate, "failed": self.failed, "events": self.events}


@dataclass(frozen=True)
class SearchHit:
    """A sentence that matches a search, with its document and its span in the source."""

    title: str
    path: str
    start: int
    end: int
    text: str
    snippet: str
    rank: float

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "path": self.path, "start": self.start, "end": self.end,
                "text": self.text, "snippet": self.snippet, "rank": self.rank}


@dataclass(frozen=True)
class EventFilter:
    """Which events to read. Dates may be a year, a month or a day (ISO 8601); events
    overlapping [from_date, to_date] match. ``actor`` matches part of any actor name,
    ``country`` a country name or ISO 3166 code, ``event_type`` an event or sub-event type."""

    from_date: str | None = None
    to_date: str | None = None
    country: str | None = None
    actor: str | None = None
    event_type: str | None = None

    def sql(self) -> tuple[str, list[Any]]:
        """A WHERE clause over ``events e`` and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.from_date:
            clauses.append("e.date_end >= ?")
            params.append(date_bound(self.from_date, last=False))
        if self.to_date:
            clauses.append("e.date_start <= ?")
            params.append(date_bound(self.to_date, last=True))
        if self.country:
            iso = _iso_numeric(self.country)
            clauses.append("(e.country = ? COLLATE NOCASE OR e.iso = ?)")
            params += [self.country.strip(), iso]
        if self.actor:
            pattern = "%" + like_escape(self.actor) + "%"
            clauses.append(
                "(e.actor1 LIKE ? ESCAPE '\\' OR e.actor2 LIKE ? ESCAPE '\\'"
                " OR EXISTS (SELECT 1 FROM json_each(e.assoc_actor_1) WHERE value LIKE ? ESCAPE '\\')"
                " OR EXISTS (SELECT 1 FROM json_each(e.assoc_actor_2) WHERE value LIKE ? ESCAPE '\\'))")
            params += [pattern] * 4
        if self.event_type:
            clauses.append("(e.event_type = ? COLLATE NOCASE OR e.sub_event_type = ? COLLATE NOCASE)")
            params += [self.event_type.strip()] * 2
        return (" AND ".join(clauses) or "1"), params


def date_bound(text: str, *, last: bool) -> str:
    """An ISO date from a year, month or day; ``last`` gives the end of a year or month."""
    value = text.strip()
    try:
        if len(value) == 4 and value.isdigit():
            return f"{value}-12-31" if last else f"{value}-01-01"
        if len(value) == 7:
            first = date.fromisoformat(value + "-01")
            if not last:
                return first.isoformat()
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1).isoformat()
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise StoreError("STORE-E005", f"the date {value[:40]!r} is not a year, a month or a day",
                         hint="write it as 2018, 2018-05 or 2018-05-22") from exc


def _iso_numeric(country: str) -> int | None:
    value = country.strip()
    if value.isdigit():
        return int(value)
    if len(value) in (2, 3) and value.isalpha():
        import pycountry

        found = pycountry.countries.get(alpha_3=value.upper()) or pycountry.countries.get(alpha_2=value.upper())
        return int(found.numeric) if found is not None else None
    return None


@dataclass(frozen=True)
class StoredEvent:
    """One stored event with what the export layouts need around it.

    ``event`` has the output contract's shape, with the store's global ``id``
    ("<document key>:<contract id>").
    """

    event: dict[str, Any]
    document: dict[str, Any]  # title, path, sha256, format, ingested_at
    conflict: str | None
    notes: str
    actors: Mapping[str, ActorInfo]
    home_country: str | None
    location_text: str | None = None  # the words of the source that name the place

    def actor(self, name: str | None) -> ActorInfo | None:
        """An actor's kind and side; names the store did not classify are classified now."""
        if not name:
            return None
        known = self.actors.get(name)
        return known if known is not None else ActorInfo(name, *classify_actor(name), None)


class Store:
    """One SQLite database of documents, events, claims and the evidence for each.

    Example: ``Store("annals.db").ingest(["article.md"])``; ``Store(path, readonly=True)``
    for readers (the explorer), which never write or migrate.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False, timeout: float = 30.0) -> None:
        self.path = Path(path)
        self.readonly = readonly
        try:
            if readonly:
                if not self.path.is_file():
                    raise StoreError("STORE-E001", "the database does not exist", path=str(path),
                                     hint="create it with `annals ingest FILES --db PATH`")
                self._conn = sqlite3.connect(self.path.resolve().as_uri() + "?mode=ro", uri=True,
                                             timeout=timeout, isolation_level=None)
                self._conn.execute("PRAGMA query_only = ON")
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
                self._conn.execute("PRAGMA journal_mode = WAL")
                self._conn.execute("PRAGMA synchronous = NORMAL")
                self._conn.execute("PRAGMA foreign_keys = ON")
            self._conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError("STORE-E001", f"the file cannot be opened as a database ({exc})", path=str(path),
                             hint="check the path, or give a new file name to start a new database") from exc

    # -- life cycle --------------------------------------------------------------------------------------------

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The underlying connection, for queries the API does not offer."""
        return self._conn

    @property
    def schema_version(self) -> int:
        return self._version()

    def _version(self) -> int:
        exists = self._conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").fetchone()
        if not exists:
            return 0
        row = self._conn.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def _migrate(self) -> None:
        """Bring the schema to ``SCHEMA_VERSION``; readers only check it."""
        current = self._version()
        if current > SCHEMA_VERSION:
            raise StoreError("STORE-E002", f"the database has schema version {current}; this annals knows "
                             f"up to {SCHEMA_VERSION}", path=str(self.path), hint="upgrade annals")
        if current == SCHEMA_VERSION:
            return
        if self.readonly:
            raise StoreError("STORE-E003", f"the database has schema version {current}, not {SCHEMA_VERSION}, "
                             "and it is open read-only", path=str(self.path),
                             hint="open it once for writing (`annals ingest --db PATH`) to migrate it")
        for version, script in MIGRATIONS:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._conn.execute("CREATE TABLE IF NOT EXISTS schema_version "
                                   "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
                if version <= self._version():  # another process got here first
                    self._conn.execute("COMMIT")
                    continue
                for statement in _statements(resources.files("annals.store").joinpath(script).read_text("utf-8")):
                    self._conn.execute(statement)
                self._conn.execute("INSERT INTO schema_version VALUES (?, ?)", (version, _now()))
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise

    # -- writing -----------------------------------------------------------------------------------------------

    def ingest(self, paths: Iterable[str | Path], *, format: str | None = None, pipeline: Pipeline | None = None,
               use_geo: bool = True, force: bool = False) -> IngestSummary:
        """Extract and store each file; unchanged files are skipped, bad ones reported.

        ``force`` extracts unchanged files again (after an annals upgrade).

        Example: ``Store("annals.db").ingest(["a.md", "b.md"]).to_dict()``
        """
        summary = IngestSummary()
        for result in self.ingest_each(paths, format=format, pipeline=pipeline, use_geo=use_geo, force=force):
            summary.add(result)
        return summary

    def ingest_each(self, paths: Iterable[str | Path], *, format: str | None = None,
                    pipeline: Pipeline | None = None, use_geo: bool = True,
                    force: bool = False) -> Iterator[IngestResult]:
        """``ingest`` one file at a time, for progress bars. The pipeline loads on first need."""
        from annals.read import decoded_file, read_path, read_text

        self._writable()
        runner = pipeline
        for given in paths:
            path = str(Path(given).resolve())
            clock = time.perf_counter()
            text = decoded_file(path)  # read once: for the unchanged-file check and for the reader
            known = None if force else self._known(path, text_sha256(text) if text is not None else None)
            if known is not None:
                outcome, other = known
                yield IngestResult(path, outcome, duplicate_of=other)
                continue
            try:
                doc = read_text(text, format=format, path=path) if text is not None else read_path(path, format=format)
                if runner is None:
                    from annals.pipeline import Pipeline

                    runner = Pipeline(use_geo=use_geo)
                record = record_of(runner(doc))
            except AnnalsError as error:
                yield IngestResult(path, "failed", error=error)
                continue
            except RecursionError as error:  # pathological markup nesting, as Pipeline.pipe reports it
                yield IngestResult(path, "failed", error=AnnalsError(
                    "READ-E008", f"the markup nests too deeply ({error})", path=path,
                    hint="simplify or read as --input-format plain"))
                continue
            extracted = time.perf_counter()
            try:
                outcome, other = self.put(record, path=path, force=force)
            except StoreError as error:
                yield IngestResult(path, "failed", error=error)
                continue
            yield IngestResult(path, outcome, len(record.data["events"]), duplicate_of=other,
                               extract_seconds=extracted - clock, write_seconds=time.perf_counter() - extracted)

    def _writable(self) -> None:
        if self.readonly:
            raise StoreError("STORE-E004", "the database is open read-only", path=str(self.path),
                             hint="open it without readonly=True to write")

    def _known(self, path: str, sha256: str | None) -> tuple[str, str | None] | None:
        """('unchanged', None) or ('duplicate', other path) when no extraction is needed."""
        if sha256 is None:
            return None
        row = self._conn.execute("SELECT sha256 FROM documents WHERE path = ?", (path,)).fetchone()
        if row is not None and row[0] == sha256:
            return "unchanged", None
        other = self._conn.execute("SELECT path FROM documents WHERE sha256 = ? AND path != ?",
                                   (sha256, path)).fetchone()
        if other is not None and row is None:
            return "duplicate", str(other[0])
        return None

    def put(self, record: DocumentRecord, *, path: str | None = None, force: bool = False) -> tuple[str, str | None]:
        """Write one document in one transaction: (outcome, path of the copy it duplicates).

        The same path with the same text is 'unchanged'; with other text its old rows
        are deleted and the new ones inserted ('replaced'). Text already stored under
        another path is a 'duplicate' and is not stored twice (its events would count twice).
        """
        self._writable()
        path = path or str(record.data["document"]["path"])
        sha256 = record.sha256
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as exc:
            raise StoreError("STORE-E006", f"the database cannot be written ({exc})", path=str(self.path),
                             hint="check that no other process holds a lock on it and that the disk has room") \
                from exc
        try:
            old = conn.execute("SELECT id, sha256 FROM documents WHERE path = ?", (path,)).fetchone()
            if old is not None and old[1] == sha256 and not force:
                conn.execute("ROLLBACK")
                return "unchanged", None
            if old is not None:
                conn.execute("DELETE FROM documents WHERE id = ?", (old[0],))
            other = conn.execute("SELECT path FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
            if other is not None:
                conn.execute("COMMIT")
                return "duplicate", str(other[0])
            self._insert(path, self._free_key(sha256), record)
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.DatabaseError):
                raise StoreError("STORE-E006", f"the document could not be written ({exc})", path=path,
                                 hint="re-run the ingest; report it as a bug if it happens again") from exc
            raise
        return ("replaced" if old is not None else "added"), None

    def _free_key(self, sha256: str) -> str:
        for length in range(KEY_LENGTH, len(sha256) + 1, 4):
            key = sha256[:length]
            if self._conn.execute("SELECT 1 FROM documents WHERE key = ?", (key,)).fetchone() is None:
                return key
        return sha256

    def _insert(self, path: str, key: str, record: DocumentRecord) -> None:
        """Insert every row of one document (inside the caller's transaction)."""
        from annals import __version__

        conn = self._conn
        data = record.data
        doc, conflict, events = data["document"], data["conflict"], data["events"]
        cursor = conn.execute(
            "INSERT INTO documents (path, key, title, sha256, format, source, ingested_at, annals_version, "
            "event_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (path, key, doc.get("title") or "", record.sha256, doc.get("format") or "", record.source, _now(),
             __version__, len(events)))
        document_id = cursor.lastrowid
        conn.execute(
            "INSERT INTO conflicts VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (document_id, conflict.get("name"), conflict.get("start_date"), conflict.get("end_date"),
             conflict.get("place"), conflict.get("result"), home_country(events), _json(conflict)))
        sides = conflict.get("sides") or []
        conn.executemany(
            "INSERT INTO sides VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(document_id, side.get("side"),
              *(bound for name in _QUANTITIES for bound in _bounds(side.get(name)))) for side in sides])
        conn.executemany(
            "INSERT INTO belligerents VALUES (?, ?, ?, ?, ?)",
            [(document_id, side.get("side"), position, name, int(name in (side.get("supporters") or ())))
             for side in sides for position, name in enumerate(side.get("belligerents") or [])])
        conn.executemany("INSERT INTO actors VALUES (?, ?, ?, ?, ?)",
                         [(document_id, a.name, a.kind, a.country, a.side) for a in document_actors(data)])
        event_rows, claim_rows, evidence_rows = [], [], []
        for position, event in enumerate(events):
            event_id = f"{key}:{event['id']}"
            event_rows.append(_event_row(event_id, document_id, position, event))
            for number, claim in enumerate(event.get("claims") or []):
                claim_rows.append((document_id, event_id, number, claim.get("kind") or "", claim.get("low"),
                                   claim.get("high"), claim.get("about"), claim.get("source"), claim.get("stance"),
                                   _json({k: v for k, v in claim.items() if k != "evidence"})))
                evidence_rows += _spans(document_id, event_id, "claim", number, claim.get("evidence"))
            evidence_rows += _spans(document_id, event_id, "event", 0, event.get("evidence"))
            evidence_rows += _spans(document_id, event_id, "date", 0, event.get("date_evidence"))
            evidence_rows += _spans(document_id, event_id, "location", 0, (event.get("location") or {}).get("evidence"))
            evidence_rows += _spans(document_id, event_id, "trigger", 0, [event["trigger"]] if event.get("trigger")
                                    else [])
        conn.executemany(f"INSERT INTO events VALUES ({', '.join('?' * 31)})", event_rows)
        conn.executemany("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", claim_rows)
        conn.executemany("INSERT INTO evidence VALUES (?, ?, ?, ?, ?, ?, ?)", evidence_rows)
        conn.executemany(
            "INSERT INTO warnings VALUES (?, ?, ?, ?, ?, ?)",
            [(document_id, position, w.get("code") or "", w.get("message") or "",
              *((w["evidence"][0]["start"], w["evidence"][0]["end"]) if w.get("evidence") else (None, None)))
             for position, w in enumerate(data.get("warnings") or [])])
        conn.executemany("INSERT INTO sentences (document_id, position, start, \"end\", text) VALUES (?, ?, ?, ?, ?)",
                         [(document_id, position, s.start, s.end, s.text)
                          for position, s in enumerate(record.sentences)])

    def delete(self, path: str | Path) -> bool:
        """Remove a document and everything extracted from it; False if it was not stored."""
        self._writable()
        with self._transaction():
            cursor = self._conn.execute("DELETE FROM documents WHERE path = ?", (str(Path(path).resolve()),))
        return cursor.rowcount > 0

    def _transaction(self) -> _Transaction:
        return _Transaction(self._conn)

    # -- reading -----------------------------------------------------------------------------------------------

    def search(self, query: str, *, limit: int = 20, highlight: tuple[str, str] = ("[", "]")) -> list[SearchHit]:
        """Sentences matching an FTS5 query, best first. Plain words work as they are
        ("T-3 pumping station"); FTS5 syntax (AND, OR, NOT, "phrases", prefix*) too.

        Example: ``Store("annals.db").search("Palmyra", limit=5)``
        """
        if not query.strip():
            raise StoreError("STORE-E007", "the search query is empty", hint='give some words, e.g. "Palmyra"')
        sql = (
            "SELECT d.title, d.path, s.start, s.\"end\", s.text, "
            "snippet(sentences_fts, 0, ?, ?, '…', 24), bm25(sentences_fts) AS rank "
            "FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid "
            "JOIN documents d ON d.id = s.document_id "
            "WHERE sentences_fts MATCH ? ORDER BY rank, d.path, s.position LIMIT ?"
        )
        error: sqlite3.OperationalError | None = None
        for candidate in (query, fts_quote(query)):
            try:
                rows = self._conn.execute(sql, (*highlight, candidate, limit)).fetchall()
            except sqlite3.OperationalError as exc:
                error = exc
                continue
            return [SearchHit(*row) for row in rows]
        raise StoreError("STORE-E007", f"the search query {query[:60]!r} cannot be read ({error})",
                         hint='put words in double quotes, e.g. "Deir ez-Zor"')

    def stats(self) -> dict[str, int]:
        """Row counts per table (documents, events, claims, ...)."""
        tables = ("documents", "events", "claims", "evidence", "actors", "sentences", "warnings")
        return {t: int(self._conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables}

    def documents(self) -> list[dict[str, Any]]:
        """Every stored document: path, title, sha256, format, ingested_at, event_count."""
        rows = self._conn.execute(
            "SELECT path, title, sha256, format, ingested_at, event_count FROM documents ORDER BY path")
        keys = ("path", "title", "sha256", "format", "ingested_at", "event_count")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def source(self, path: str | Path) -> str | None:
        """The stored text of a document, which evidence offsets index."""
        row = self._conn.execute("SELECT source FROM documents WHERE path = ?", (str(Path(path).resolve()),))
        found = row.fetchone()
        return None if found is None else str(found[0])

    def document(self, path: str | Path) -> dict[str, Any] | None:
        """A stored document in the output contract's shape, as ``Extraction.to_dict()`` gave it."""
        row = self._conn.execute("SELECT id, title, path, sha256, format FROM documents WHERE path = ?",
                                 (str(Path(path).resolve()),)).fetchone()
        if row is None:
            return None
        document_id = row[0]
        record = self._conn.execute("SELECT record FROM conflicts WHERE document_id = ?", (document_id,)).fetchone()
        events = [event for event, _ in self._events_of(document_id, "1", [], local_ids=True)]
        warnings = []
        for code, message, start, end in self._conn.execute(
                "SELECT code, message, start, \"end\" FROM warnings WHERE document_id = ? ORDER BY position",
                (document_id,)):
            warning: dict[str, Any] = {"code": code, "message": message}
            if start is not None:
                warning["evidence"] = [{"start": start, "end": end}]
            warnings.append(warning)
        return {"document": {"title": row[1], "path": row[2], "sha256": row[3], "format": row[4]},
                "conflict": json.loads(record[0]) if record else {}, "events": events, "warnings": warnings}

    def events(self, filters: EventFilter | None = None) -> Generator[StoredEvent, None, None]:
        """The stored events that pass ``filters``, by document path then document order,
        read from one snapshot even while an ingest writes."""
        where, params = (filters or EventFilter()).sql()
        began = not self._conn.in_transaction
        if began:
            self._conn.execute("BEGIN")
        try:
            documents = self._conn.execute(
                "SELECT d.id, d.title, d.path, d.sha256, d.format, d.ingested_at, d.source, c.name, c.country "
                "FROM documents d LEFT JOIN conflicts c ON c.document_id = d.id "
                f"WHERE EXISTS (SELECT 1 FROM events e WHERE e.document_id = d.id AND {where}) ORDER BY d.path",
                params).fetchall()
            for document_id, title, path, sha256, format, ingested_at, source, conflict, home in documents:
                actors = {name: ActorInfo(name, kind, country, side) for name, kind, country, side in
                          self._conn.execute("SELECT name, kind, country, side FROM actors WHERE document_id = ?",
                                             (document_id,))}
                info = {"title": title, "path": path, "sha256": sha256, "format": format, "ingested_at": ingested_at}
                for event, notes in self._events_of(document_id, where, params, local_ids=False):
                    spans = (event.get("location") or {}).get("evidence") or []
                    place = " ".join(source[spans[0]["start"]:spans[0]["end"]].split()) if spans else None
                    yield StoredEvent(event, info, conflict, notes, actors, home, place)
        finally:
            if began and self._conn.in_transaction:
                self._conn.execute("COMMIT")

    def _events_of(self, document_id: int, where: str, params: list[Any], *,
                   local_ids: bool) -> list[tuple[dict[str, Any], str]]:
        conn = self._conn
        cursor = conn.execute(f"SELECT * FROM events e WHERE e.document_id = ? AND {where} ORDER BY e.position",
                              (document_id, *params))
        columns = [c[0] for c in cursor.description]
        rows = cursor.fetchall()
        claims: dict[str, list[dict[str, Any]]] = {}
        for event_id, claim in conn.execute("SELECT event_id, claim FROM claims WHERE document_id = ? "
                                            "ORDER BY event_id, position", (document_id,)):
            claims.setdefault(event_id, []).append(json.loads(claim))
        spans: dict[tuple[str, str, int], list[dict[str, int]]] = {}
        for event_id, role, item, start, end in conn.execute(
                "SELECT event_id, role, item, start, \"end\" FROM evidence WHERE document_id = ? "
                "ORDER BY event_id, role, item, position", (document_id,)):
            spans.setdefault((event_id, role, item), []).append({"start": start, "end": end})
        out = []
        for row in rows:
            values = dict(zip(columns, row, strict=True))
            event_id = values["id"]
            event_claims = [{**claim, "evidence": spans.get((event_id, "claim", number), [])}
                            for number, claim in enumerate(claims.get(event_id, []))]
            event = _event_dict(values, event_claims, partial(_spans_of, spans, event_id))
            if local_ids:
                event["id"] = event_id.split(":", 1)[1]
            out.append((event, str(values["notes"])))
        return out

    def verify(self) -> list[str]:
        """Problems found in the database (empty when sound): SQLite's integrity and foreign
        key checks, the full-text index, and every document complete (its event count)."""
        conn = self._conn
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"foreign key: {tuple(r)}" for r in conn.execute("PRAGMA foreign_key_check")]
        if not self.readonly:
            try:
                conn.execute("INSERT INTO sentences_fts(sentences_fts) VALUES ('integrity-check')")
            except sqlite3.DatabaseError as exc:
                problems.append(f"full-text index: {exc}")
        for path, expected, found, conflicts in conn.execute(
                "SELECT d.path, d.event_count, (SELECT count(*) FROM events e WHERE e.document_id = d.id), "
                "(SELECT count(*) FROM conflicts c WHERE c.document_id = d.id) FROM documents d"):
            if expected != found or conflicts != 1:
                problems.append(f"{path}: {found} of {expected} events, {conflicts} conflict record(s)")
        return problems


class _Transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, or ``ROLLBACK`` on any exception."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __enter__(self) -> None:
        self._conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        self._conn.execute("COMMIT" if kind is None else "ROLLBACK")


def _event_row(event_id: str, document_id: int | None, position: int, event: dict[str, Any]) -> tuple[Any, ...]:
    location = event.get("location") or {}
    fatalities = event.get("fatalities") or {}
    extra = {k: v for k, v in event.items() if k not in _EVENT_KEYS}
    return (
        event_id, document_id, position, event["date_start"], event["date_end"], event["date_precision"],
        event.get("date_basis"), event["event_type"], event["sub_event_type"], event.get("actor1"),
        event.get("actor2"), event.get("actor1_side"), event.get("actor2_side"), event.get("inter1"),
        event.get("inter2"), event.get("interaction"), _json(event.get("assoc_actor_1") or []),
        _json(event.get("assoc_actor_2") or []),
        location.get("name"), location.get("latitude"), location.get("longitude"), location.get("admin1"),
        location.get("country"), location.get("iso"), location.get("geo_precision"), location.get("geonameid"),
        fatalities.get("low"), fatalities.get("best"), fatalities.get("high"), summarise(event), _json(extra),
    )


def _event_dict(values: dict[str, Any], claims: list[dict[str, Any]],
                spans: Callable[[str], list[dict[str, int]]]) -> dict[str, Any]:
    """The contract's event object from an events row, its claims and its evidence."""
    location = None
    if values["location_name"] is not None or values["latitude"] is not None:
        location = {"name": values["location_name"], "latitude": values["latitude"],
                    "longitude": values["longitude"], "admin1": values["admin1"], "country": values["country"],
                    "iso": values["iso"], "geo_precision": values["geo_precision"],
                    "geonameid": values["geonameid"], "evidence": spans("location")}
    trigger = spans("trigger")
    return {
        "id": values["id"],
        "date_start": values["date_start"], "date_end": values["date_end"],
        "date_precision": values["date_precision"], "date_evidence": spans("date"),
        "date_basis": values["date_basis"],
        "event_type": values["event_type"], "sub_event_type": values["sub_event_type"],
        "actor1": values["actor1"], "actor2": values["actor2"],
        "actor1_side": values["actor1_side"], "actor2_side": values["actor2_side"],
        "inter1": values["inter1"], "inter2": values["inter2"], "interaction": values["interaction"],
        "assoc_actor_1": json.loads(values["assoc_actor_1"]), "assoc_actor_2": json.loads(values["assoc_actor_2"]),
        "location": location,
        "fatalities": {"low": values["fatalities_low"], "best": values["fatalities_best"],
                       "high": values["fatalities_high"]},
        "claims": claims,
        "trigger": trigger[0] if trigger else None,
        "evidence": spans("event"),
        **json.loads(values["extra"]),
    }


def _spans_of(spans: dict[tuple[str, str, int], list[dict[str, int]]], event_id: str,
              role: str) -> list[dict[str, int]]:
    return spans.get((event_id, role, 0), [])


def _spans(document_id: int | None, event_id: str, role: str, item: int,
           spans: Iterable[dict[str, int]] | None) -> list[tuple[Any, ...]]:
    return [(document_id, event_id, role, item, position, s["start"], s["end"])
            for position, s in enumerate(spans or [])]


def _bounds(quantity: dict[str, Any] | None) -> tuple[Any, Any]:
    return (quantity.get("low"), quantity.get("high")) if quantity else (None, None)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def like_escape(text: str) -> str:
    """``text`` stripped, with LIKE's wildcards and escape character escaped (for ESCAPE '\\')."""
    return text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def fts_quote(query: str) -> str:
    """Every word as an FTS5 string, so hyphens and colons in names are plain text."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in query.split())


def _statements(script: str) -> Iterator[str]:
    """The complete SQL statements of a script (trigger bodies hold semicolons)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        if not pending and (not line.strip() or line.lstrip().startswith("--")):
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending.strip()
            pending = ""
    if pending.strip():
        yield pending.strip()
