-- newstrace store, version 1: documents, their removed spans, sentences and flags, rejected inputs,
-- ingest runs, and full-text search over the clean text.

CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    status      TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'interrupted')),
    inputs      TEXT NOT NULL,           -- JSON list of the paths given
    settings    TEXT NOT NULL,           -- JSON of the settings in force
    accepted    INTEGER NOT NULL DEFAULT 0,
    duplicates  INTEGER NOT NULL DEFAULT 0,
    rejected    INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE documents (
    id            TEXT PRIMARY KEY,
    source        TEXT NOT NULL,
    source_id     TEXT,
    fmt           TEXT NOT NULL,
    url           TEXT,
    outlet        TEXT,
    encoding      TEXT,
    raw           TEXT NOT NULL,
    clean         TEXT NOT NULL,
    clean_map     TEXT NOT NULL,         -- JSON runs mapping clean offsets to raw offsets
    title         TEXT,
    title_source  TEXT,
    title_start   INTEGER,
    title_end     INTEGER,
    lang          TEXT,
    lang_score    REAL,
    date          TEXT,
    date_precision TEXT,
    date_source   TEXT NOT NULL DEFAULT 'none',
    date_start    INTEGER,
    date_end      INTEGER,
    meta_title    TEXT,
    meta_date     TEXT,
    meta_lang     TEXT,
    extra         TEXT,
    duplicate_of  TEXT REFERENCES documents(id),
    content_hash  TEXT NOT NULL,
    minhash       BLOB,
    stages        TEXT NOT NULL,         -- JSON list of the stages that made the annotations
    run_id        INTEGER REFERENCES runs(id)
);
CREATE INDEX documents_content_hash ON documents(content_hash);
CREATE INDEX documents_date ON documents(date);
CREATE INDEX documents_lang ON documents(lang);
CREATE INDEX documents_duplicate_of ON documents(duplicate_of);
CREATE INDEX documents_source ON documents(source);

CREATE TABLE removed_spans (
    doc_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start   INTEGER NOT NULL,
    "end"   INTEGER NOT NULL,
    reason  TEXT NOT NULL,
    text    TEXT NOT NULL,
    stage   TEXT NOT NULL,
    PRIMARY KEY (doc_id, start, "end")
);
CREATE INDEX removed_spans_reason ON removed_spans(reason);

CREATE TABLE sentences (
    doc_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx     INTEGER NOT NULL,
    start   INTEGER NOT NULL,
    "end"   INTEGER NOT NULL,
    lang    TEXT NOT NULL,
    stage   TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE flags (
    doc_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start   INTEGER NOT NULL,
    "end"   INTEGER NOT NULL,
    kind    TEXT NOT NULL,
    stage   TEXT NOT NULL,
    PRIMARY KEY (doc_id, start, kind)
);

CREATE TABLE rejections (
    id         INTEGER PRIMARY KEY,
    source     TEXT NOT NULL,
    source_id  TEXT NOT NULL DEFAULT '',
    reason     TEXT NOT NULL,
    detail     TEXT NOT NULL,
    run_id     INTEGER REFERENCES runs(id),
    UNIQUE (source, source_id, reason)
);

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, clean, content='documents', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, clean) VALUES (new.rowid, new.title, new.clean);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, clean) VALUES ('delete', old.rowid, old.title, old.clean);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, clean ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, clean) VALUES ('delete', old.rowid, old.title, old.clean);
    INSERT INTO documents_fts(rowid, title, clean) VALUES (new.rowid, new.title, new.clean);
END;
