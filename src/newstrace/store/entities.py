"""Entities, their names across languages, and where they are mentioned."""

from __future__ import annotations

import sqlite3

from newstrace.store.corrections import mentions_table
from newstrace.store.sqlite import Database


class EntityStore:
    """Entities, their names across languages, and where they are mentioned."""

    def __init__(self, db: Database) -> None:
        self.conn = db.conn

    def list_entities(self, etype: str | None, limit: int, offset: int) -> list[sqlite3.Row]:
        where = "WHERE e.type = ?" if etype else ""
        args: list[object] = [etype] if etype else []
        return self.conn.execute(
            "SELECT e.id, e.type, e.name, e.source, count(m.doc_id) AS mentions, "
            "count(DISTINCT m.doc_id) AS documents FROM entities e "
            f"LEFT JOIN {mentions_table(self.conn)} m ON m.entity_id = e.id "
            f"{where} GROUP BY e.id ORDER BY documents DESC, mentions DESC, e.name LIMIT ? OFFSET ?",
            [*args, limit, offset],
        ).fetchall()

    def find(self, ref: str) -> sqlite3.Row | None:
        row = self.conn.execute("SELECT * FROM entities WHERE id = ?", (ref,)).fetchone()
        if row is not None:
            return row  # type: ignore[no-any-return]
        return self.conn.execute(  # type: ignore[no-any-return]
            "SELECT e.* FROM entities e LEFT JOIN entity_names n ON n.entity_id = e.id "
            "WHERE e.name = ? COLLATE NOCASE OR n.name = ? COLLATE NOCASE "
            "ORDER BY (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) DESC LIMIT 1",
            (ref, ref),
        ).fetchone()

    def names(self, entity_id: str) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT name, lang FROM entity_names WHERE entity_id = ? ORDER BY lang, name", (entity_id,)
        ).fetchall()

    def documents(self, entity_id: str, limit: int = 50) -> list[sqlite3.Row]:
        return self.conn.execute(
            f"SELECT d.id, d.title, d.lang, d.date, count(*) AS mentions FROM {mentions_table(self.conn)} m "
            "JOIN documents d ON d.id = m.doc_id WHERE m.entity_id = ? GROUP BY d.id "
            "ORDER BY coalesce(d.date, '') DESC LIMIT ?",
            (entity_id, limit),
        ).fetchall()

    def cooccurring(self, entity_id: str, limit: int = 15) -> list[sqlite3.Row]:
        mentions = mentions_table(self.conn)
        return self.conn.execute(
            f"SELECT e.id, e.type, e.name, count(DISTINCT o.doc_id) AS documents FROM {mentions} m "
            f"JOIN {mentions} o ON o.doc_id = m.doc_id AND o.entity_id != m.entity_id "
            "JOIN entities e ON e.id = o.entity_id WHERE m.entity_id = ? "
            "GROUP BY e.id ORDER BY documents DESC, e.name LIMIT ?",
            (entity_id, limit),
        ).fetchall()
