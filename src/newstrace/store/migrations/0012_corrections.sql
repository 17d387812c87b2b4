-- Version 12: the analyst's corrections, kept apart from what the pipeline wrote so that re-analysis
-- never loses them. An annotation is named by its document, its own raw span (figure, mention or
-- trigger) and a key (its surface text, plus the claim kind the pipeline gave) by which it is found
-- again when the pipeline moves it. No foreign key to documents: a correction outlives its document's
-- annotations (orphaned, never deleted). A later correction of the same annotation supersedes the
-- earlier one, which stays as history.

CREATE TABLE corrections (
    id              INTEGER PRIMARY KEY,
    doc_id          TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('claim', 'place', 'entity_link', 'event')),
    start           INTEGER NOT NULL,
    "end"           INTEGER NOT NULL,
    key             TEXT NOT NULL,
    subkind         TEXT NOT NULL DEFAULT '',
    evidence_start  INTEGER,
    evidence_end    INTEGER,
    action          TEXT NOT NULL CHECK (action IN ('confirm', 'correct', 'reject')),
    fields          TEXT NOT NULL DEFAULT '{}',
    original        TEXT NOT NULL DEFAULT '{}',
    note            TEXT,
    who             TEXT NOT NULL,
    at              TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'attached' CHECK (status IN ('attached', 'orphaned')),
    superseded_by   INTEGER REFERENCES corrections(id)
);
CREATE INDEX corrections_target ON corrections(doc_id, kind, start, "end");
CREATE INDEX corrections_active ON corrections(superseded_by, status);
