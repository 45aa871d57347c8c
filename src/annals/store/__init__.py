"""store stage: the extracted dataset in one SQLite file, with full-text search.

``Store(path).ingest(paths)`` extracts and stores documents (one transaction each,
idempotent by content hash); ``Store.search(query)`` finds sentences (FTS5);
``Store.events(EventFilter(...))`` reads events back for the exports;
``Store(path, readonly=True)`` is for readers such as the explorer.
The schema is in ``schema.sql`` and ``docs/store.md``.
"""

from annals.store.records import ActorInfo, DocumentRecord, Sentence, classify_actor, record_of, summarise
from annals.store.sqlite import (
    SCHEMA_VERSION,
    EventFilter,
    IngestResult,
    IngestSummary,
    SearchHit,
    Store,
    StoredEvent,
    StoreError,
    date_bound,
)

__all__ = [
    "SCHEMA_VERSION",
    "ActorInfo",
    "DocumentRecord",
    "EventFilter",
    "IngestResult",
    "IngestSummary",
    "SearchHit",
    "Sentence",
    "Store",
    "StoreError",
    "StoredEvent",
    "classify_actor",
    "date_bound",
    "record_of",
    "summarise",
]
