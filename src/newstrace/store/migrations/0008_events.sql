-- Version 8: events, one row per report of an event in a sentence, with its ACLED and PLOVER codes.
-- event_group joins the reports of one real-world event across the documents of a story.

CREATE TABLE events (
    id                   TEXT PRIMARY KEY,                     -- document id ":" index
    doc_id               TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx                  INTEGER NOT NULL,
    cluster              INTEGER NOT NULL,                     -- the same event within the document
    event_group          TEXT,                                 -- the same event across documents
    type                 TEXT NOT NULL,
    acled_event_type     TEXT,
    acled_sub_event_type TEXT,
    plover               TEXT,
    status               TEXT NOT NULL CHECK (status IN ('asserted', 'negated', 'hypothetical', 'future')),
    trigger_start        INTEGER NOT NULL,                     -- raw offsets of the trigger
    trigger_end          INTEGER NOT NULL,
    evidence_start       INTEGER NOT NULL,                     -- raw offsets of the sentence
    evidence_end         INTEGER NOT NULL,
    evidence             TEXT NOT NULL,
    actor1               TEXT,
    actor1_text          TEXT,
    actor1_entity        TEXT,
    actor1_side          TEXT,
    actor2               TEXT,
    actor2_text          TEXT,
    actor2_entity        TEXT,
    actor2_side          TEXT,
    place_name           TEXT,
    place_start          INTEGER,                              -- raw offsets of the place mention used
    place_end            INTEGER,
    place_source         TEXT,
    lat                  REAL,
    lon                  REAL,
    geonames_id          INTEGER,
    geo_precision        INTEGER,
    country              TEXT,
    event_date           TEXT,
    time_precision       INTEGER,
    fatalities           INTEGER,
    claim_starts         TEXT NOT NULL DEFAULT '[]',           -- JSON list of linked claims' raw starts
    stage                TEXT NOT NULL,
    UNIQUE (doc_id, idx)
);
CREATE INDEX events_doc ON events(doc_id);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_group ON events(event_group);
CREATE INDEX events_date ON events(event_date);
