-- Version 3: entity mentions, places on the map, and the entities they link to.

CREATE TABLE entities (
    id       TEXT PRIMARY KEY,        -- knowledge-base id, "<type>/auto-<key>" for corpus-made ones,
                                      -- "gn:<geonameid>", "region:<kb id>" or "country:<code>" for places
    type     TEXT NOT NULL,
    name     TEXT NOT NULL,
    source   TEXT NOT NULL CHECK (source IN ('kb', 'corpus', 'gazetteer'))
);
CREATE INDEX entities_type ON entities(type);

CREATE TABLE entity_names (
    entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    name      TEXT NOT NULL,
    lang      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (entity_id, name, lang)
);

CREATE TABLE mentions (
    doc_id         TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    text           TEXT NOT NULL,
    type           TEXT NOT NULL,
    entity_id      TEXT REFERENCES entities(id),
    name           TEXT,
    confidence     REAL NOT NULL,
    stage          TEXT NOT NULL,
    in_boilerplate INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (doc_id, start, "end")
);
CREATE INDEX mentions_entity ON mentions(entity_id);

CREATE TABLE places (
    doc_id         TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    text           TEXT NOT NULL,
    name           TEXT NOT NULL,
    country        TEXT,
    lat            REAL NOT NULL,
    lon            REAL NOT NULL,
    geonames_id    INTEGER,
    precision      INTEGER NOT NULL,
    feature        TEXT NOT NULL,
    confidence     REAL NOT NULL,
    stage          TEXT NOT NULL,
    in_boilerplate INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (doc_id, start, "end")
);
CREATE INDEX places_name ON places(name);
