"""Read-only queries for browsing the corpus: what story lists are made of, the entities of documents,
places on the map, claim quantities, full-text search with safe match markers, entity names.

Kept apart from ``documents.py`` (which reads and writes whole documents) because these queries only
aggregate, for the web app and the HTTP API.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from newstrace.model import Claim
from newstrace.store.corrections import corrected_claims, corrected_places, mentions_table
from newstrace.store.document_read import claim_from_row
from newstrace.store.sqlite import Database, StoreError

# Private-use characters mark FTS matches in snippets: article text cannot be trusted to lack "[" or
# "<", so the markers must be characters no article uses, and the caller splits on them.
MATCH_OPEN = "\ue000"
MATCH_CLOSE = "\ue001"


@dataclass(frozen=True, slots=True)
class LedgerSource:
    """Where a claim was read: its document, and the text of its figure and evidence sentence."""

    doc_id: str
    doc_title: str | None
    doc_date: str | None
    evidence: str
    figure: str


class BrowseStore:
    def __init__(self, db: Database) -> None:
        self.conn = db.conn

    # -- stories ------------------------------------------------------------------------------------
    # A document row is large (raw, clean and repaired text come before its date, language and story),
    # so aggregating stories in SQL reads every row's overflow pages: about 100 ms at 10,000 documents.
    # These scans read only the indexes on story, date and language (covering, a few ms each); the
    # story summaries are put together in Python (services/browse.py).
    def _pairs(self, sql: str, args: Sequence[object] = ()) -> list[tuple[Any, Any]]:
        """Plain tuples (no ``sqlite3.Row`` per row: these scans return a row per document)."""
        cur = self.conn.cursor()
        cur.row_factory = None
        return cur.execute(sql, args).fetchall()

    def story_memberships(self) -> list[tuple[int, str]]:
        """``(document rowid, story id)`` of every document in a story."""
        return self._pairs(
            "SELECT rowid, story_id FROM documents INDEXED BY documents_story WHERE story_id IS NOT NULL"
        )

    def row_dates(self) -> dict[int, str]:
        return dict(
            self._pairs("SELECT rowid, date FROM documents INDEXED BY documents_date WHERE date IS NOT NULL")
        )

    def row_langs(self) -> dict[int, str]:
        return dict(
            self._pairs("SELECT rowid, lang FROM documents INDEXED BY documents_lang WHERE lang IS NOT NULL")
        )

    def rows_mentioning(self, entity_id: str) -> set[int]:
        """Rowids of the documents naming this entity outside boilerplate."""
        return {
            r[0]
            for r in self._pairs(
                f"SELECT d.rowid, NULL FROM {mentions_table(self.conn)} m "
                "JOIN documents d ON d.id = m.doc_id "
                "WHERE m.entity_id = ? AND m.in_boilerplate = 0",
                (entity_id,),
            )
        }

    def rows_naming_place(self, place: str) -> set[int]:
        """Rowids of the documents naming a place of this name (canonical or as written)."""
        return {
            r[0]
            for r in self._pairs(
                "SELECT d.rowid, NULL FROM places p JOIN documents d ON d.id = p.doc_id "
                "WHERE (p.name = ? COLLATE NOCASE OR p.text = ? COLLATE NOCASE) AND p.in_boilerplate = 0",
                (place, place),
            )
        }

    def ids_and_titles(self, rowids: Sequence[int]) -> dict[int, tuple[str, str | None]]:
        if not rowids:
            return {}
        marks = ",".join("?" * len(rowids))
        return {
            int(r[0]): (str(r[1]), r[2])
            for r in self.conn.execute(
                f"SELECT rowid, id, title FROM documents WHERE rowid IN ({marks})", list(rowids)
            )
        }

    def documents_fingerprint(self) -> tuple[int, int]:
        """``(largest rowid, number of documents)``: changes whenever documents are added or removed."""
        row = self.conn.execute("SELECT coalesce(max(rowid), 0), count(*) FROM documents").fetchone()
        return int(row[0]), int(row[1])

    def entity_counts(self, doc_ids: Sequence[str]) -> list[tuple[str, str, int]]:
        """``(document, entity, mentions)`` for entities named in these documents outside boilerplate."""
        if not doc_ids:
            return []
        cur = self.conn.cursor()
        cur.row_factory = None
        marks = ",".join("?" * len(doc_ids))
        return cur.execute(
            f"SELECT doc_id, entity_id, count(*) FROM {mentions_table(self.conn)} "
            f"WHERE doc_id IN ({marks}) AND in_boilerplate = 0 AND entity_id IS NOT NULL "
            "GROUP BY doc_id, entity_id",
            list(doc_ids),
        ).fetchall()

    def entity_info(self, entity_ids: Iterable[str]) -> list[sqlite3.Row]:
        ids = list(entity_ids)
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        return self.conn.execute(f"SELECT id, name, type FROM entities WHERE id IN ({marks})", ids).fetchall()

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
            "max(p.confidence) AS confidence, "
            "max(m.entity_id) AS entity_id, count(DISTINCT p.doc_id) AS documents, count(*) AS mentions, "
            "min(d.date) AS first_date, max(d.date) AS last_date "
            f"FROM {corrected_places()} p JOIN documents d ON d.id = p.doc_id "
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
            "count(DISTINCT claimant) AS claimants "
            f"FROM {corrected_claims()} GROUP BY 1, 2 ORDER BY claims DESC, kind, subject"
        ).fetchall()

    def ledger_claims(self, kind: str | None = None) -> Iterator[tuple[Claim, LedgerSource]]:
        """Every claim (of ``kind``, if given) with its document's id, title and date and the text of its
        figure and evidence, in document order (as stored), then by position in the text."""
        where = "WHERE c.kind = ?" if kind else ""
        rows = self.conn.execute(
            "SELECT c.*, d.title AS doc_title, d.date AS doc_date, "
            "substr(d.raw, c.evidence_start + 1, c.evidence_end - c.evidence_start) AS evidence_text, "
            'substr(d.raw, c.start + 1, c."end" - c.start) AS figure_text '
            f"FROM claims c JOIN documents d ON d.id = c.doc_id {where} ORDER BY d.rowid, c.start",
            (kind,) if kind else (),
        )
        for r in rows:
            yield (
                claim_from_row(r),
                LedgerSource(
                    r["doc_id"],
                    r["doc_title"],
                    r["doc_date"],
                    r["evidence_text"] or "",
                    r["figure_text"] or "",
                ),
            )

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
            f"LEFT JOIN {mentions_table(self.conn)} m ON m.entity_id = e.id WHERE e.id IN ({marks}) "
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
            f"FROM {mentions_table(self.conn)} m JOIN documents d ON d.id = m.doc_id "
            f"WHERE m.entity_id IN ({marks}) GROUP BY d.id "
            "ORDER BY mentions DESC, coalesce(d.date, '') DESC LIMIT ?",
            [*entity_ids, limit],
        ).fetchall()

    def entity_claims(self, entity_id: str, limit: int = 50) -> list[sqlite3.Row]:
        """Claims this entity made (as the claimant), newest first."""
        return self.conn.execute(
            'SELECT c.doc_id, c.start, c."end", c.original_kind, c.review, c.kind, c.low, c.high, c.bound, '
            "c.unit, c.subject, c.as_of, "
            f"d.title, d.date FROM {corrected_claims()} c JOIN documents d ON d.id = c.doc_id "
            "WHERE c.claimant_entity = ? ORDER BY coalesce(c.as_of, d.date, '') DESC LIMIT ?",
            (entity_id, limit),
        ).fetchall()
