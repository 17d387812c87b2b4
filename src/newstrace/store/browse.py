"""Read-only queries for browsing the corpus: filtered story lists, the main entities and places of
stories, places on the map, claim quantities, full-text search with safe match markers, entity names.

Kept apart from ``documents.py`` (which reads and writes whole documents) because these queries only
aggregate, for the web app and the HTTP API.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from newstrace.store.sqlite import Database, StoreError

# Private-use characters mark FTS matches in snippets: article text cannot be trusted to lack "[" or
# "<", so the markers must be characters no article uses, and the caller splits on them.
MATCH_OPEN = "\ue000"
MATCH_CLOSE = "\ue001"


@dataclass(frozen=True, slots=True)
class StoryFilter:
    since: str | None = None  # stories with an article dated on or after (YYYY[-MM[-DD]])
    until: str | None = None  # stories with an article dated on or before
    entity_id: str | None = None  # stories naming this entity (outside boilerplate)
    place: str | None = None  # stories naming a place of this name (canonical or as written)
    lang: str | None = None  # stories with an article in this language
    limit: int = 50
    offset: int = 0


def _story_where(flt: StoryFilter) -> tuple[str, str, list[object]]:
    """``(WHERE clauses, HAVING clause, arguments)`` for the grouped story query."""
    where = ["d.story_id IS NOT NULL"]
    having: list[str] = []
    args: list[object] = []
    if flt.entity_id:
        where.append(
            "d.story_id IN (SELECT s.story_id FROM mentions m JOIN documents s ON s.id = m.doc_id "
            "WHERE m.entity_id = ? AND m.in_boilerplate = 0)"
        )
        args.append(flt.entity_id)
    if flt.place:
        where.append(
            "d.story_id IN (SELECT s.story_id FROM places p JOIN documents s ON s.id = p.doc_id "
            "WHERE (p.name = ? COLLATE NOCASE OR p.text = ? COLLATE NOCASE) AND p.in_boilerplate = 0)"
        )
        args.extend([flt.place, flt.place])
    if flt.lang:
        where.append("d.story_id IN (SELECT story_id FROM documents WHERE lang = ?)")
        args.append(flt.lang)
    having_args: list[object] = []
    if flt.since:
        having.append("max(d.date) >= ?")
        having_args.append(flt.since)
    if flt.until:
        # "2022-09-15" <= "2022-09" is false as text: pad the bound so a whole month or year counts.
        having.append("min(d.date) <= ?")
        having_args.append(flt.until + "~")
    return (
        " AND ".join(where),
        ("HAVING " + " AND ".join(having)) if having else "",
        [*args, *having_args],
    )


class BrowseStore:
    def __init__(self, db: Database) -> None:
        self.conn = db.conn

    # -- stories ------------------------------------------------------------------------------------
    def stories(self, flt: StoryFilter) -> list[sqlite3.Row]:
        where, having, args = _story_where(flt)
        return self.conn.execute(
            "SELECT d.story_id AS id, count(*) AS documents, group_concat(DISTINCT d.lang) AS languages, "
            "min(d.date) AS first_date, max(d.date) AS last_date, "
            "(SELECT title FROM documents t WHERE t.story_id = d.story_id ORDER BY rowid LIMIT 1) AS title "
            f"FROM documents d WHERE {where} GROUP BY d.story_id {having} "
            "ORDER BY coalesce(max(d.date), '') DESC, documents DESC, d.story_id LIMIT ? OFFSET ?",
            [*args, flt.limit, flt.offset],
        ).fetchall()

    def count_stories(self, flt: StoryFilter) -> int:
        where, having, args = _story_where(flt)
        row = self.conn.execute(
            f"SELECT count(*) FROM (SELECT d.story_id FROM documents d WHERE {where} "
            f"GROUP BY d.story_id {having})",
            args,
        ).fetchone()
        return int(row[0])

    def story_entities(self, story_ids: Sequence[str]) -> list[sqlite3.Row]:
        """Entities named in these stories outside boilerplate, with mention counts, per story."""
        if not story_ids:
            return []
        marks = ",".join("?" * len(story_ids))
        return self.conn.execute(
            "SELECT d.story_id, m.entity_id, e.name, e.type, count(*) AS mentions "
            "FROM documents d JOIN mentions m ON m.doc_id = d.id JOIN entities e ON e.id = m.entity_id "
            f"WHERE d.story_id IN ({marks}) AND m.in_boilerplate = 0 "
            "GROUP BY d.story_id, m.entity_id ORDER BY d.story_id, mentions DESC, e.name",
            list(story_ids),
        ).fetchall()

    def languages(self) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT lang, count(*) AS documents FROM documents WHERE lang IS NOT NULL "
            "GROUP BY lang ORDER BY documents DESC, lang"
        ).fetchall()

    # -- places -------------------------------------------------------------------------------------
    def places(
        self,
        since: str | None = None,
        until: str | None = None,
        story_id: str | None = None,
        limit: int = 1000,
        offset: int = 0,
    ) -> list[sqlite3.Row]:
        """Places named outside boilerplate, one row per resolved place, with the documents naming it
        (copies left out: syndication would inflate the count)."""
        clauses = ["p.in_boilerplate = 0", "d.duplicate_of IS NULL"]
        args: list[object] = []
        if since:
            clauses.append("d.date >= ?")
            args.append(since)
        if until:
            clauses.append("d.date <= ?")
            args.append(until + "~")
        if story_id:
            clauses.append("d.story_id = ?")
            args.append(story_id)
        return self.conn.execute(
            "SELECT p.name, p.country, p.lat, p.lon, min(p.precision) AS precision, p.feature, "
            "max(m.entity_id) AS entity_id, count(DISTINCT p.doc_id) AS documents, count(*) AS mentions, "
            "min(d.date) AS first_date, max(d.date) AS last_date "
            "FROM places p JOIN documents d ON d.id = p.doc_id "
            'LEFT JOIN mentions m ON m.doc_id = p.doc_id AND m.start = p.start AND m."end" = p."end" '
            f"WHERE {' AND '.join(clauses)} GROUP BY p.name, p.lat, p.lon "
            "ORDER BY documents DESC, p.name LIMIT ? OFFSET ?",
            [*args, limit, offset],
        ).fetchall()

    # -- claims -------------------------------------------------------------------------------------
    def claim_quantities(self) -> list[sqlite3.Row]:
        """``kind``, ``subject`` (``unspecified`` when none) and the number of claims, most first."""
        return self.conn.execute(
            "SELECT kind, coalesce(nullif(subject, ''), 'unspecified') AS subject, count(*) AS claims, "
            "count(DISTINCT coalesce(claimant_name, claimant_text)) AS claimants "
            "FROM claims GROUP BY 1, 2 ORDER BY claims DESC, kind, subject"
        ).fetchall()

    # -- search -------------------------------------------------------------------------------------
    def search(self, query: str, limit: int, offset: int) -> tuple[int, list[sqlite3.Row]]:
        """FTS5 matches, best first, with snippets whose matches sit between MATCH_OPEN/CLOSE."""
        try:
            total = self.conn.execute(
                "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?", (query,)
            ).fetchone()[0]
            rows = self.conn.execute(
                "SELECT d.id, d.title, d.lang, d.date, d.story_id, d.duplicate_of, "
                "snippet(documents_fts, 1, ?, ?, ' … ', 16) AS snippet, bm25(documents_fts) AS score "
                "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
                "WHERE documents_fts MATCH ? ORDER BY score LIMIT ? OFFSET ?",
                (MATCH_OPEN, MATCH_CLOSE, query, limit, offset),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"invalid search query {query!r}: {exc}") from exc
        return int(total), rows

    def entity_names(self) -> list[sqlite3.Row]:
        """Every (entity, name) pair, canonical names included, for matching names across scripts."""
        return self.conn.execute(
            "SELECT id AS entity_id, name FROM entities UNION SELECT entity_id, name FROM entity_names"
        ).fetchall()

    def entities_with_counts(self, entity_ids: Sequence[str]) -> list[sqlite3.Row]:
        if not entity_ids:
            return []
        marks = ",".join("?" * len(entity_ids))
        return self.conn.execute(
            "SELECT e.id, e.type, e.name, count(DISTINCT m.doc_id) AS documents FROM entities e "
            f"LEFT JOIN mentions m ON m.entity_id = e.id WHERE e.id IN ({marks}) "
            "GROUP BY e.id ORDER BY documents DESC, e.name",
            list(entity_ids),
        ).fetchall()

    def documents_mentioning(self, entity_ids: Sequence[str], limit: int) -> list[sqlite3.Row]:
        if not entity_ids:
            return []
        marks = ",".join("?" * len(entity_ids))
        return self.conn.execute(
            "SELECT d.id, d.title, d.lang, d.date, d.story_id, d.duplicate_of, "
            "group_concat(DISTINCT m.text) AS matched, count(*) AS mentions "
            "FROM mentions m JOIN documents d ON d.id = m.doc_id "
            f"WHERE m.entity_id IN ({marks}) GROUP BY d.id "
            "ORDER BY mentions DESC, coalesce(d.date, '') DESC LIMIT ?",
            [*entity_ids, limit],
        ).fetchall()

    def entity_claims(self, entity_id: str, limit: int = 50) -> list[sqlite3.Row]:
        """Claims this entity made (as the claimant), newest first."""
        return self.conn.execute(
            "SELECT c.doc_id, c.start, c.kind, c.low, c.high, c.bound, c.unit, c.subject, c.as_of, "
            "d.title, d.date FROM claims c JOIN documents d ON d.id = c.doc_id "
            "WHERE c.claimant_entity = ? ORDER BY coalesce(c.as_of, d.date, '') DESC LIMIT ?",
            (entity_id, limit),
        ).fetchall()
