-- Version 7: title-and-lead embeddings, stories, and syndication edges inside a story.

ALTER TABLE documents ADD COLUMN embedding BLOB;
ALTER TABLE documents ADD COLUMN story_id TEXT;
CREATE INDEX documents_story ON documents(story_id);

CREATE TABLE story_edges (
    story_id   TEXT NOT NULL,
    src        TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,   -- the earlier article
    dst        TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,   -- the copy, translation or rewrite
    kind       TEXT NOT NULL CHECK (kind IN ('copy', 'translation', 'rewrite')),
    similarity REAL NOT NULL,
    PRIMARY KEY (src, dst)
);
CREATE INDEX story_edges_story ON story_edges(story_id);
