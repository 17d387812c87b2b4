"""Documents, rejections and runs through one ``Database``: the runs' bookkeeping, the queries the
corpus stages ask of stored documents, and batches written in one transaction. A document's rows are
written by ``store.document_write`` and read back by ``store.document_read``."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from newstrace.model import Document, Rejection, StoredStoryInput
from newstrace.model.vectors import BYTES_PER_DIMENSION
from newstrace.store.document_read import read_document
from newstrace.store.document_write import write_document
from newstrace.store.filters import DocumentFilter, document_where
from newstrace.store.sqlite import Database, StoreError, utcnow

# Story assignment reads this much of a stored document's clean text: its title and lead, for the words
# the learned story decision compares (``corpus.story_learned``), never the whole text.
OPENING_CHARS = 1000


@dataclass(frozen=True, slots=True)
class RunCounts:
    accepted: int = 0
    duplicates: int = 0
    rejected: int = 0
    unchanged: int = 0


class DocumentStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    # -- runs ---------------------------------------------------------------------------------------
    def start_run(self, inputs: Sequence[str], settings_json: str) -> int:
        with self.db.transaction() as c:
            # A run still marked running when a new one starts was killed: say so.
            c.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
            cur = c.execute(
                "INSERT INTO runs(started_at, status, inputs, settings) VALUES (?, 'running', ?, ?)",
                (utcnow(), json.dumps(list(inputs), ensure_ascii=False), settings_json),
            )
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, counts: RunCounts, status: str = "done") -> None:
        with self.db.transaction() as c:
            c.execute("UPDATE runs SET finished_at = ?, status = ? WHERE id = ?", (utcnow(), status, run_id))
            _set_counts(c, run_id, counts)

    # -- writing ------------------------------------------------------------------------------------
    def known_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                r[0] for r in self.conn.execute(f"SELECT id FROM documents WHERE id IN ({marks})", chunk)
            )
        return found

    def owner_of_hash(self, content_hash: str) -> str | None:
        row = self.conn.execute(
            "SELECT id FROM documents WHERE content_hash = ? AND duplicate_of IS NULL ORDER BY rowid LIMIT 1",
            (content_hash,),
        ).fetchone()
        return None if row is None else str(row[0])

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """MinHash signatures of the documents that are not themselves duplicates, oldest first."""
        for row in self.conn.execute(
            "SELECT id, minhash FROM documents WHERE duplicate_of IS NULL AND minhash IS NOT NULL "
            "ORDER BY rowid"
        ):
            yield str(row[0]), bytes(row[1])

    def corpus_entities(self) -> list[tuple[str, str]]:
        """(id, type) of every corpus-made entity, for cross-document merging."""
        return [
            (r[0], r[1]) for r in self.conn.execute("SELECT id, type FROM entities WHERE source = 'corpus'")
        ]

    def story_inputs(self) -> Iterator[StoredStoryInput]:
        """Every document already in a story, with what story assignment needs of it, in ingest order.

        Correlated subqueries over the per-document indexes, so the texts are never read and the
        memory stays that of one row at a time.
        """
        sep = "\x1f"
        rows = self.conn.execute(
            "SELECT d.id, d.lang, d.date, d.story_id, d.embedding, d.duplicate_of, "
            "(SELECT group_concat(entity_id, char(31)) FROM (SELECT entity_id FROM mentions m "
            " WHERE m.doc_id = d.id AND m.entity_id IS NOT NULL AND m.in_boilerplate = 0 ORDER BY start)), "
            "(SELECT group_concat(coalesce(nullif(low, 0), high, ''), char(31)) FROM (SELECT low, high "
            " FROM claims c WHERE c.doc_id = d.id ORDER BY start)), d.figures, d.title, "
            f"substr(d.clean, 1, {OPENING_CHARS}) "
            "FROM documents d WHERE d.story_id IS NOT NULL ORDER BY d.rowid"
        )
        for r in rows:
            yield StoredStoryInput(
                id=r[0],
                lang=r[1],
                date=r[2],
                story_id=r[3],
                embedding=bytes(r[4]) if r[4] is not None else None,
                duplicate_of=r[5],
                entities=tuple(r[6].split(sep)) if r[6] else (),
                figures=tuple(float(v) if v else None for v in r[7].split(sep)) if r[7] else (),
                stated=tuple(json.loads(r[8])) if r[8] is not None else None,
                title=r[9],
                opening=r[10],
            )

    def merge_stories(self, c: sqlite3.Connection, merges: Sequence[tuple[str, str]]) -> None:
        """Apply story merges (merged story, story it went into), in the order they happened."""
        for gone, keep in merges:
            c.execute("UPDATE documents SET story_id = ? WHERE story_id = ?", (keep, gone))
            c.execute("UPDATE story_edges SET story_id = ? WHERE story_id = ?", (keep, gone))

    def stories(self, limit: int = 50, offset: int = 0) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT story_id AS id, count(*) AS documents, group_concat(DISTINCT lang) AS languages, "
            "min(date) AS first_date, max(date) AS last_date, "
            "(SELECT title FROM documents t WHERE t.story_id = d.story_id ORDER BY rowid LIMIT 1) AS title "
            "FROM documents d WHERE story_id IS NOT NULL GROUP BY story_id "
            "ORDER BY coalesce(max(date), '') DESC, documents DESC LIMIT ? OFFSET ?",
            (limit, offset),
        ).fetchall()

    def story_documents(self, story_id: str) -> list[str]:
        return [
            str(r[0])
            for r in self.conn.execute(
                "SELECT id FROM documents WHERE story_id = ? ORDER BY rowid", (story_id,)
            )
        ]

    def story_edges(self, story_id: str) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT src, dst, kind, similarity FROM story_edges WHERE story_id = ? ORDER BY rowid",
            (story_id,),
        ).fetchall()

    def analysed_text(self, doc_id: str) -> str | None:
        """The text later stages read: the repaired view where there is one, else the clean view."""
        row = self.conn.execute(
            "SELECT coalesce(repaired, clean, raw) FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        return None if row is None else str(row[0])

    def latest_vector_size(self) -> int | None:
        """The dimension of the embedding of the document stored last (None: none has one)."""
        row = self.conn.execute(
            "SELECT length(embedding) FROM documents WHERE embedding IS NOT NULL ORDER BY rowid DESC LIMIT 1"
        ).fetchone()
        return None if row is None else int(row[0]) // BYTES_PER_DIMENSION

    def signature(self, doc_id: str) -> bytes | None:
        row = self.conn.execute("SELECT minhash FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return None if row is None or row[0] is None else bytes(row[0])

    def write_batch(
        self,
        docs: Sequence[Document],
        signatures: dict[str, bytes],
        rejections: Sequence[Rejection],
        run_id: int | None,
        edges: Sequence[tuple[str, str, str, str, float]] = (),
        merges: Sequence[tuple[str, str]] = (),
        event_groups: Mapping[str, Sequence[str | None]] | None = None,
        run_counts: RunCounts | None = None,
    ) -> tuple[int, int]:
        """Write documents with their annotations, and rejections, in one transaction (with the run's
        counts so far, when given).

        Returns ``(documents written, rejections written)``; already stored ones are left untouched, so
        a repeated or resumed ingest changes nothing.
        """
        written = rejected = 0
        event_groups = event_groups or {}
        with self.db.transaction() as c:
            for doc in docs:
                groups = event_groups.get(doc.id, ())
                written += write_document(c, doc, signatures.get(doc.id), run_id, groups)
            c.executemany(
                "INSERT OR IGNORE INTO story_edges(story_id, src, dst, kind, similarity) VALUES (?,?,?,?,?)",
                list(edges),
            )
            # After this batch's documents and edges, so that those of a merged story move too.
            self.merge_stories(c, merges)
            for rej in rejections:
                cur = c.execute(
                    "INSERT OR IGNORE INTO rejections(source, source_id, reason, detail, run_id) "
                    "VALUES (?,?,?,?,?)",
                    (rej.source, rej.source_id or "", rej.reason, rej.detail, run_id),
                )
                rejected += cur.rowcount
            if run_counts is not None and run_id is not None:
                _set_counts(c, run_id, run_counts)
        return written, rejected

    # -- reading ------------------------------------------------------------------------------------
    def resolve_id(self, ref: str) -> str:
        """A full id, or a unique prefix of one (as shown in listings)."""
        rows = self.conn.execute(
            "SELECT id FROM documents WHERE id = ? OR id LIKE ? LIMIT 2", (ref, ref.replace("%", "") + "%")
        ).fetchall()
        exact = [r[0] for r in rows if r[0] == ref]
        if exact:
            return str(exact[0])
        if len(rows) == 1:
            return str(rows[0][0])
        raise StoreError(f"no document {ref!r}" if not rows else f"document id prefix {ref!r} is ambiguous")

    def get(self, doc_id: str) -> Document:
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise StoreError(f"no document {doc_id!r}")
        return read_document(self.conn, row)

    def iter_documents(self, include_duplicates: bool = True) -> Iterator[Document]:
        sql = "SELECT * FROM documents"
        if not include_duplicates:
            sql += " WHERE duplicate_of IS NULL"
        for row in self.conn.execute(sql + " ORDER BY rowid").fetchall():
            yield read_document(self.conn, row)

    def list_rows(self, flt: DocumentFilter) -> list[sqlite3.Row]:
        where, args = document_where(flt)
        return self.conn.execute(
            "SELECT id, source, title, lang, date, date_source, duplicate_of, quality_label, "
            "length(clean) AS chars, "
            "(SELECT count(*) FROM removed_spans r WHERE r.doc_id = d.id) AS removed "
            f"FROM documents d {where} "
            "ORDER BY coalesce(date, '') DESC, rowid LIMIT ? OFFSET ?",
            [*args, flt.limit, flt.offset],
        ).fetchall()

    def count(self, flt: DocumentFilter | None = None) -> int:
        where, args = document_where(flt or DocumentFilter())
        return int(self.conn.execute(f"SELECT count(*) FROM documents d {where}", args).fetchone()[0])

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[sqlite3.Row]:
        try:
            return self.conn.execute(
                "SELECT d.id, d.title, d.lang, d.date, d.source, "
                "snippet(documents_fts, 1, '[', ']', ' … ', 12) AS snippet, bm25(documents_fts) AS score "
                "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
                "WHERE documents_fts MATCH ? ORDER BY score LIMIT ? OFFSET ?",
                (query, limit, offset),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"invalid search query {query!r}: {exc}") from exc

    def rejections(self, limit: int = 1000) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT source, source_id, reason, detail, run_id FROM rejections ORDER BY id LIMIT ?", (limit,)
        ).fetchall()

    def runs(self) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT * FROM runs ORDER BY id").fetchall()


def _set_counts(c: sqlite3.Connection, run_id: int, counts: RunCounts) -> None:
    c.execute(
        "UPDATE runs SET accepted = ?, duplicates = ?, rejected = ?, unchanged = ? WHERE id = ?",
        (counts.accepted, counts.duplicates, counts.rejected, counts.unchanged, run_id),
    )
