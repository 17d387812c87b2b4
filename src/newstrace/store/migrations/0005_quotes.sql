-- Version 5: direct quotations with their speaker and the outlets that carried them.

CREATE TABLE quotes (
    doc_id          TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start           INTEGER NOT NULL,
    "end"           INTEGER NOT NULL,
    speaker_text    TEXT,
    speaker_name    TEXT,
    speaker_entity  TEXT,
    via             TEXT NOT NULL DEFAULT '[]',
    stage           TEXT NOT NULL,
    PRIMARY KEY (doc_id, start)
);
