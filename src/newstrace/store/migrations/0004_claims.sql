-- Version 4: attributed claims and the sourcing chains stated in the text.

CREATE TABLE claims (
    doc_id            TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start             INTEGER NOT NULL,       -- the figure in the raw text
    "end"             INTEGER NOT NULL,
    kind              TEXT NOT NULL,
    low               REAL,
    high              REAL,
    bound             TEXT NOT NULL CHECK (bound IN ('exact', 'at_least', 'at_most', 'about')),
    unit              TEXT NOT NULL,
    subject           TEXT,
    side              TEXT,
    claimant_text     TEXT,
    claimant_name     TEXT,
    claimant_entity   TEXT,
    via               TEXT NOT NULL DEFAULT '[]',   -- JSON list of outlets, in order
    as_of             TEXT,
    scope             TEXT,
    of_total          REAL,
    evidence_start    INTEGER NOT NULL,
    evidence_end      INTEGER NOT NULL,
    stage             TEXT NOT NULL,
    PRIMARY KEY (doc_id, start, kind)
);
CREATE INDEX claims_kind ON claims(kind, subject);
CREATE INDEX claims_claimant ON claims(claimant_name);

CREATE TABLE attributions (
    doc_id         TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    source_text    TEXT NOT NULL,
    source_name    TEXT,
    source_entity  TEXT,
    via            TEXT NOT NULL,
    stage          TEXT NOT NULL,
    PRIMARY KEY (doc_id, start, source_text)
);
