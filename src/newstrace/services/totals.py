"""What the whole store holds of one kind (documents, claims, events, entities, stories): how many, and
the values a filter on them could take; for saying why a filtered list came out empty."""

from __future__ import annotations

import sqlite3

from newstrace.store.sqlite import Database

# kind: (count of the whole store, the values a filter could take (most common first), what those values
# are, why a store has none of the kind at all)
_QUERIES: dict[str, tuple[str, str, str, str]] = {
    "documents": (
        "SELECT count(*) FROM documents",
        "SELECT lang FROM documents WHERE lang IS NOT NULL GROUP BY lang ORDER BY count(*) DESC",
        "languages",
        "nothing was ingested into this store: run `newstrace ingest PATH` (or `newstrace demo`)",
    ),
    "claims": (
        "SELECT count(*) FROM claims",
        "SELECT kind FROM claims GROUP BY kind ORDER BY count(*) DESC",
        "kinds",
        "no attributed figure was found (or the claims stage did not run)",
    ),
    "events": (
        "SELECT count(*) FROM events",
        "SELECT type FROM events GROUP BY type ORDER BY count(*) DESC",
        "types",
        "the events stage found no event (or the store was made before events existed)",
    ),
    "entities": (
        "SELECT count(*) FROM entities",
        "SELECT type FROM entities GROUP BY type ORDER BY count(*) DESC",
        "types",
        "no name was recognised (or the entities stage did not run)",
    ),
    "stories": (
        "SELECT count(DISTINCT story_id) FROM documents",
        "SELECT lang FROM documents WHERE lang IS NOT NULL GROUP BY lang",
        "languages",
        "no document was grouped into a story (the embedding stage did not run?)",
    ),
}


def described(kind: str) -> tuple[str, str]:
    """What the values of ``store_values`` are ("languages"), and why a store may have none of ``kind``."""
    return _QUERIES[kind][2], _QUERIES[kind][3]


def store_total(db: Database, kind: str) -> int:
    """How many of ``kind`` the store holds; 0 where the store was made before the table existed."""
    try:
        return int(db.conn.execute(_QUERIES[kind][0]).fetchone()[0])
    except sqlite3.Error:
        return 0


def store_values(db: Database, kind: str) -> list[str]:
    """The values a filter on ``kind`` could take in this store (languages, claim kinds, types)."""
    try:
        rows = db.conn.execute(_QUERIES[kind][1]).fetchall()
    except sqlite3.Error:
        return []
    return [str(r[0]) for r in rows if r[0] is not None]
