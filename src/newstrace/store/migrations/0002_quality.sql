-- Version 2: text quality (spun and machine-translated passages) and the repaired view of the text.

ALTER TABLE documents ADD COLUMN quality_label TEXT;
ALTER TABLE documents ADD COLUMN quality_score REAL;
ALTER TABLE documents ADD COLUMN repaired TEXT;
ALTER TABLE documents ADD COLUMN repaired_map TEXT;    -- JSON runs mapping repaired offsets to raw
CREATE INDEX documents_quality ON documents(quality_label);

CREATE TABLE quality_spans (
    doc_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    repair     TEXT,
    confidence REAL NOT NULL,
    stage      TEXT NOT NULL,
    PRIMARY KEY (doc_id, start, "end")
);
