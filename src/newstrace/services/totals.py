"""What the whole store holds of one kind (documents, claims, events, entities, stories): how many, and
the values a filter on them could take; for saying why a filtered list came out empty."""

from __future__ import annotations

import sqlite3

from newstrace.store.sqlite import Database

# kind: (count of the whole store, the values a filter could take, most common first)
_QUERIES: dict[str, tuple[str, str]] = {
    "documents": (
        "SELECT count(*) FROM documents",
        "SELECT lang FROM documents WHERE lang IS NOT NULL GROUP BY lang ORDER BY count(*) DESC",
    ),
    "claims": ("SELECT count(*) FROM claims", "SELECT kind FROM claims GROUP BY kind ORDER BY count(*) DESC"),
    "events": ("SELECT count(*) FROM events", "SELECT type FROM events GROUP BY type ORDER BY count(*) DESC"),
    "entities": (
        "SELECT count(*) FROM entities",
        "SELECT type FROM entities GROUP BY type ORDER BY count(*) DESC",
    ),
    "stories": (
        "SELECT count(DISTINCT story_id) FROM documents",
        "SELECT lang FROM documents WHERE lang IS NOT NULL GROUP BY lang",
    ),
}


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
