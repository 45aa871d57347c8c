-- annals store, schema version 1.
--
-- One row per document in `documents`; every other table hangs off it and goes
-- with it (ON DELETE CASCADE), so replacing a document is one DELETE and the
-- INSERTs that follow, inside one transaction. Column names are the output
-- contract's keys; nested keys are flattened (`location.name` -> `location_name`,
-- `fatalities.low` -> `fatalities_low`). Offsets (`start`, `end`) are Python str
-- indices into `documents.source`, end-exclusive, as everywhere in annals.

CREATE TABLE documents (
    id             INTEGER PRIMARY KEY,
    path           TEXT NOT NULL UNIQUE,      -- absolute path: the identity of a document
    key            TEXT NOT NULL UNIQUE,      -- sha256 prefix (12 hex, longer on a clash): event ids start with it
    title          TEXT NOT NULL,
    sha256         TEXT NOT NULL UNIQUE,      -- of the decoded text; the same text twice is stored once
    format         TEXT NOT NULL,
    source         TEXT NOT NULL,             -- the whole decoded file, so evidence can be shown in place
    ingested_at    TEXT NOT NULL,             -- ISO 8601, UTC
    annals_version TEXT NOT NULL,
    event_count    INTEGER NOT NULL           -- written with the events: a check that none is missing
);

CREATE TABLE conflicts (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    name        TEXT,
    start_date  TEXT,
    end_date    TEXT,
    place       TEXT,
    result      TEXT,
    country     TEXT,                         -- home country: where most of the document's events are
    record      TEXT NOT NULL                 -- the contract's "conflict" object as JSON
);

CREATE TABLE sides (
    document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    side          INTEGER NOT NULL,
    strength_low  INTEGER, strength_high INTEGER,
    killed_low    INTEGER, killed_high   INTEGER,
    wounded_low   INTEGER, wounded_high  INTEGER,
    captured_low  INTEGER, captured_high INTEGER,
    missing_low   INTEGER, missing_high  INTEGER
);
CREATE INDEX sides_document ON sides(document_id);

CREATE TABLE belligerents (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    side        INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    supporter   INTEGER NOT NULL              -- 1: listed as a supporter of the side
);
CREATE INDEX belligerents_document ON belligerents(document_id);

CREATE TABLE actors (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,                -- state | nonstate | international | civilian
    country     TEXT,                         -- for states: which one
    side        INTEGER,
    PRIMARY KEY (document_id, name)
);

CREATE TABLE events (
    id              TEXT PRIMARY KEY,         -- "<documents.key>:<contract id>", e.g. "29ad254bd28b:e001"
    document_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,         -- order in the document's event list
    date_start      TEXT NOT NULL,
    date_end        TEXT NOT NULL,
    date_precision  INTEGER NOT NULL,         -- UCDP date_prec 1-5
    date_basis      TEXT,
    event_type      TEXT NOT NULL,
    sub_event_type  TEXT NOT NULL,
    actor1          TEXT,
    actor2          TEXT,
    actor1_side     INTEGER,
    actor2_side     INTEGER,
    inter1          INTEGER,                  -- ACLED inter codes as the events stage gave them
    inter2          INTEGER,
    interaction     INTEGER,
    assoc_actor_1   TEXT NOT NULL,            -- JSON list of names
    assoc_actor_2   TEXT NOT NULL,
    location_name   TEXT,
    latitude        REAL,
    longitude       REAL,
    admin1          TEXT,
    country         TEXT,
    iso             INTEGER,                  -- ISO 3166 numeric, as ACLED
    geo_precision   INTEGER,                  -- ACLED geo_precision 1-3
    geonameid       INTEGER,
    fatalities_low  INTEGER,
    fatalities_best INTEGER,
    fatalities_high INTEGER,
    notes           TEXT NOT NULL,            -- a summary of the event and its claims (ACLED "notes")
    extra           TEXT NOT NULL             -- contract keys without a column, as a JSON object
);
CREATE INDEX events_document ON events(document_id);
CREATE INDEX events_date ON events(date_start, date_end);
CREATE INDEX events_country ON events(country COLLATE NOCASE);

CREATE TABLE claims (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    event_id    TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    kind        TEXT NOT NULL,                -- killed | wounded | captured | missing | attribution
    low         INTEGER,
    high        INTEGER,
    about       TEXT,
    source      TEXT,
    stance      TEXT,                         -- reported | denied | confirmed | corrected
    claim       TEXT NOT NULL                 -- the whole claim as JSON (without evidence)
);
CREATE INDEX claims_event ON claims(event_id);
CREATE INDEX claims_document ON claims(document_id);

CREATE TABLE evidence (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    event_id    TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    role        TEXT NOT NULL,                -- event | date | location | trigger | claim
    item        INTEGER NOT NULL,             -- for role 'claim': the claim's position, else 0
    position    INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL
);
CREATE INDEX evidence_event ON evidence(event_id);
CREATE INDEX evidence_document ON evidence(document_id);

CREATE TABLE warnings (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    code        TEXT NOT NULL,
    message     TEXT NOT NULL,
    start       INTEGER,
    "end"       INTEGER
);
CREATE INDEX warnings_document ON warnings(document_id);

CREATE TABLE sentences (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    start       INTEGER NOT NULL,             -- in documents.source
    "end"       INTEGER NOT NULL,
    text        TEXT NOT NULL                 -- the readable sentence (markup removed)
);
CREATE INDEX sentences_document ON sentences(document_id);

-- Full-text index over sentences (external content: the text is stored once).
CREATE VIRTUAL TABLE sentences_fts USING fts5(
    text, content='sentences', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER sentences_insert AFTER INSERT ON sentences BEGIN
    INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER sentences_delete AFTER DELETE ON sentences BEGIN
    INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
