"""Documents, their annotations, rejections and runs: reading and writing through one ``Database``."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from newstrace.model import (
    Attribution,
    Claim,
    DateSource,
    DocDate,
    Document,
    Flag,
    LanguageGuess,
    Mention,
    PartialDate,
    Place,
    Quality,
    QualitySpan,
    Quote,
    RecordMeta,
    Rejection,
    RemovedSpan,
    Sentence,
    Source,
    StoredStoryInput,
    TextView,
    Title,
    TitleSource,
)
from newstrace.store.corrections import mentions_table
from newstrace.store.events import read_events, write_events
from newstrace.store.sqlite import Database, StoreError, utcnow
from newstrace.text.numbers import document_figures

# Story assignment reads this much of a stored document's clean text: its title and lead, for the words
# the learned story decision compares (``corpus.story_learned``), never the whole text.
OPENING_CHARS = 1000


@dataclass(frozen=True, slots=True)
class DocumentFilter:
    lang: str | None = None
    since: str | None = None
    until: str | None = None
    source_contains: str | None = None
    quality: str | None = None
    include_duplicates: bool = True
    limit: int = 50
    offset: int = 0


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
                cur = c.execute(
                    "INSERT OR IGNORE INTO documents(id, source, source_id, fmt, url, outlet, encoding, raw, "
                    "clean, clean_map, title, title_source, title_start, title_end, lang, lang_score, date, "
                    "date_precision, date_source, date_start, date_end, meta_title, meta_date, meta_lang, "
                    "extra, duplicate_of, content_hash, minhash, stages, run_id, quality_label, "
                    "quality_score, repaired, repaired_map) VALUES "
                    "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    _document_row(doc, signatures.get(doc.id), run_id),
                )
                if cur.rowcount == 0:
                    continue
                written += 1
                c.executemany(
                    'INSERT INTO removed_spans(doc_id, start, "end", reason, text, stage) '
                    "VALUES (?,?,?,?,?,?)",
                    [(doc.id, r.start, r.end, r.reason, r.text, r.stage) for r in doc.removed],
                )
                c.executemany(
                    'INSERT INTO sentences(doc_id, idx, start, "end", lang, stage) VALUES (?,?,?,?,?,?)',
                    [(doc.id, i, s.start, s.end, s.lang, s.stage) for i, s in enumerate(doc.sentences)],
                )
                c.executemany(
                    'INSERT OR IGNORE INTO flags(doc_id, start, "end", kind, stage) VALUES (?,?,?,?,?)',
                    [(doc.id, f.start, f.end, f.kind, f.stage) for f in doc.flags],
                )
                c.execute(
                    "UPDATE documents SET embedding = ?, story_id = ?, figures = ? WHERE id = ?",
                    (doc.embedding, doc.story_id, json.dumps(sorted(document_figures(doc))), doc.id),
                )
                _write_entities(c, doc)
                _write_claims(c, doc)
                _write_quotes(c, doc)
                write_events(c, doc, event_groups.get(doc.id, ()))
                if doc.quality is not None:
                    c.executemany(
                        "INSERT OR IGNORE INTO quality_spans"
                        '(doc_id, start, "end", text, kind, repair, confidence, stage) '
                        "VALUES (?,?,?,?,?,?,?,?)",
                        [
                            (doc.id, q.start, q.end, q.text, q.kind, q.repair, q.confidence, q.stage)
                            for q in doc.quality.spans
                        ],
                    )
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
        return self._document(row)

    def iter_documents(self, include_duplicates: bool = True) -> Iterator[Document]:
        sql = "SELECT * FROM documents"
        if not include_duplicates:
            sql += " WHERE duplicate_of IS NULL"
        for row in self.conn.execute(sql + " ORDER BY rowid").fetchall():
            yield self._document(row)

    def list_rows(self, flt: DocumentFilter) -> list[sqlite3.Row]:
        where, args = _where(flt)
        return self.conn.execute(
            "SELECT id, source, title, lang, date, date_source, duplicate_of, quality_label, "
            "length(clean) AS chars, "
            "(SELECT count(*) FROM removed_spans r WHERE r.doc_id = d.id) AS removed "
            f"FROM documents d {where} "
            "ORDER BY coalesce(date, '') DESC, rowid LIMIT ? OFFSET ?",
            [*args, flt.limit, flt.offset],
        ).fetchall()

    def count(self, flt: DocumentFilter | None = None) -> int:
        where, args = _where(flt or DocumentFilter())
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

    def _document(self, row: sqlite3.Row) -> Document:
        doc_id = row["id"]
        removed = tuple(
            RemovedSpan(r["start"], r["end"], r["reason"], r["text"], r["stage"])
            for r in self.conn.execute(
                'SELECT start, "end", reason, text, stage FROM removed_spans WHERE doc_id = ? ORDER BY start',
                (doc_id,),
            )
        )
        sentences = tuple(
            Sentence(r["start"], r["end"], r["lang"], r["stage"])
            for r in self.conn.execute(
                'SELECT start, "end", lang, stage FROM sentences WHERE doc_id = ? ORDER BY idx', (doc_id,)
            )
        )
        flags = tuple(
            Flag(r["start"], r["end"], r["kind"], r["stage"])
            for r in self.conn.execute(
                'SELECT start, "end", kind, stage FROM flags WHERE doc_id = ? ORDER BY start', (doc_id,)
            )
        )
        spans = tuple(
            QualitySpan(r["start"], r["end"], r["text"], r["kind"], r["repair"], r["confidence"], r["stage"])
            for r in self.conn.execute(
                'SELECT start, "end", text, kind, repair, confidence, stage FROM quality_spans '
                "WHERE doc_id = ? ORDER BY start",
                (doc_id,),
            )
        )
        mentions = tuple(
            Mention(
                r["start"],
                r["end"],
                r["text"],
                r["type"],
                r["entity_id"],
                r["name"],
                r["confidence"],
                r["stage"],
                bool(r["in_boilerplate"]),
            )
            for r in self.conn.execute("SELECT * FROM mentions WHERE doc_id = ? ORDER BY start", (doc_id,))
        )
        places = tuple(
            Place(
                r["start"],
                r["end"],
                r["text"],
                r["name"],
                r["country"],
                r["lat"],
                r["lon"],
                r["geonames_id"],
                r["precision"],
                r["feature"],
                r["confidence"],
                r["stage"],
                bool(r["in_boilerplate"]),
            )
            for r in self.conn.execute("SELECT * FROM places WHERE doc_id = ? ORDER BY start", (doc_id,))
        )
        claims = tuple(
            claim_from_row(r)
            for r in self.conn.execute("SELECT * FROM claims WHERE doc_id = ? ORDER BY start", (doc_id,))
        )
        attributions = tuple(
            Attribution(
                Source(r["source_text"], r["source_name"], r["source_entity"]),
                tuple(json.loads(r["via"])),
                r["start"],
                r["end"],
                r["stage"],
            )
            for r in self.conn.execute(
                "SELECT * FROM attributions WHERE doc_id = ? ORDER BY start", (doc_id,)
            )
        )
        quotes = tuple(
            Quote(
                Source(r["speaker_text"], r["speaker_name"], r["speaker_entity"])
                if r["speaker_text"]
                else None,
                r["start"],
                r["end"],
                tuple(json.loads(r["via"])),
                r["stage"],
                bool(r["direct"]),
            )
            for r in self.conn.execute("SELECT * FROM quotes WHERE doc_id = ? ORDER BY start", (doc_id,))
        )
        doc = _row_document(row, removed, sentences, flags, spans)
        return dataclasses.replace(
            doc,
            mentions=mentions,
            places=places,
            claims=claims,
            attributions=attributions,
            quotes=quotes,
            events=read_events(self.conn, doc_id, places),
            embedding=row["embedding"],
            story_id=row["story_id"],
        )


def _set_counts(c: sqlite3.Connection, run_id: int, counts: RunCounts) -> None:
    c.execute(
        "UPDATE runs SET accepted = ?, duplicates = ?, rejected = ?, unchanged = ? WHERE id = ?",
        (counts.accepted, counts.duplicates, counts.rejected, counts.unchanged, run_id),
    )


def claim_from_row(r: sqlite3.Row) -> Claim:
    """A ``Claim`` from a row of the claims table (as ``DocumentStore`` reads it)."""
    return Claim(
        kind=r["kind"],
        low=r["low"],
        high=r["high"],
        bound=r["bound"],
        unit=r["unit"],
        subject=r["subject"],
        side=r["side"],
        claimant=Source(r["claimant_text"], r["claimant_name"], r["claimant_entity"])
        if r["claimant_text"]
        else None,
        via=tuple(json.loads(r["via"])),
        as_of=r["as_of"],
        scope=r["scope"],
        of_total=r["of_total"],
        place=r["place"],
        start=r["start"],
        end=r["end"],
        evidence_start=r["evidence_start"],
        evidence_end=r["evidence_end"],
        stage=r["stage"],
        by=r["by_whom"],
        confidence=r["confidence"],
    )


def _where(flt: DocumentFilter) -> tuple[str, list[object]]:
    clauses: list[str] = []
    args: list[object] = []
    if flt.lang:
        clauses.append("d.lang = ?")
        args.append(flt.lang)
    if flt.since:
        clauses.append("d.date >= ?")
        args.append(flt.since)
    if flt.until:
        clauses.append("d.date <= ?")
        args.append(flt.until)
    if flt.source_contains:
        clauses.append("d.source LIKE ?")
        args.append(f"%{flt.source_contains}%")
    if flt.quality:
        clauses.append("d.quality_label = ?")
        args.append(flt.quality)
    if not flt.include_duplicates:
        clauses.append("d.duplicate_of IS NULL")
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", args


def _document_row(doc: Document, signature: bytes | None, run_id: int | None) -> tuple[object, ...]:
    view = doc.clean or TextView.identity(doc.raw)
    title, date, lang = doc.title, doc.date, doc.language
    return (
        doc.id,
        doc.source,
        doc.source_id,
        doc.fmt,
        doc.meta.url,
        doc.meta.outlet,
        doc.encoding,
        doc.raw,
        view.text,
        json.dumps(view.to_runs(), separators=(",", ":")),
        title.text if title else None,
        title.source.value if title else None,
        title.span[0] if title and title.span else None,
        title.span[1] if title and title.span else None,
        lang.lang if lang else None,
        lang.score if lang else None,
        date.value.iso() if date else None,
        date.value.precision.value if date else None,
        date.source.value if date else DateSource.NONE.value,
        date.span[0] if date and date.span else None,
        date.span[1] if date and date.span else None,
        doc.meta.title,
        doc.meta.date.iso() if doc.meta.date else None,
        doc.meta.lang,
        doc.meta.extra_json,
        doc.duplicate_of,
        doc.content_hash or "",
        signature,
        json.dumps(sorted(doc.provided)),
        run_id,
        doc.quality.label if doc.quality else None,
        doc.quality.score if doc.quality else None,
        doc.repaired.text if doc.repaired is not None else None,
        json.dumps(doc.repaired.to_runs(), separators=(",", ":")) if doc.repaired is not None else None,
    )


def _row_document(
    row: sqlite3.Row,
    removed: tuple[RemovedSpan, ...],
    sentences: tuple[Sentence, ...],
    flags: tuple[Flag, ...],
    quality_spans: tuple[QualitySpan, ...],
) -> Document:
    clean = _view(row["clean"], row["clean_map"], len(row["raw"]))
    repaired = (
        _view(row["repaired"], row["repaired_map"], len(row["raw"])) if row["repaired"] is not None else None
    )
    quality = None
    if row["quality_label"] is not None:
        quality = Quality(row["quality_label"], row["quality_score"] or 0.0, quality_spans, "quality")
    title = None
    if row["title"] is not None:
        span = (row["title_start"], row["title_end"]) if row["title_start"] is not None else None
        title = Title(row["title"], TitleSource(row["title_source"]), span)
    date = None
    if row["date"] is not None:
        value = PartialDate.parse_iso(row["date"])
        if value is not None:
            span = (row["date_start"], row["date_end"]) if row["date_start"] is not None else None
            date = DocDate(value, DateSource(row["date_source"]), "dates", span)
    language = LanguageGuess(row["lang"], row["lang_score"] or 0.0, "language") if row["lang"] else None
    meta = RecordMeta(
        title=row["meta_title"],
        date=PartialDate.parse_iso(row["meta_date"]) if row["meta_date"] else None,
        lang=row["meta_lang"],
        url=row["url"],
        outlet=row["outlet"],
        extra_json=row["extra"],
    )
    return Document(
        id=row["id"],
        source=row["source"],
        raw=row["raw"],
        fmt=row["fmt"],
        source_id=row["source_id"],
        encoding=row["encoding"],
        meta=meta,
        clean=clean,
        title=title,
        removed=removed,
        flags=flags,
        language=language,
        sentences=sentences,
        date=date,
        duplicate_of=row["duplicate_of"],
        quality=quality,
        repaired=repaired,
        content_hash=row["content_hash"],
        provided=frozenset(json.loads(row["stages"])),
    )


def _view(text: str, runs_json: str, raw_len: int) -> TextView:
    runs = [(int(a), int(b), int(c)) for a, b, c in json.loads(runs_json)]
    return TextView.from_runs(text, runs, raw_len)


def _entity_source(entity_id: str) -> str:
    if entity_id.startswith(("gn:", "region:", "country:")):
        return "gazetteer"
    return "corpus" if entity_id.startswith("auto/") else "kb"


def _write_claims(c: sqlite3.Connection, doc: Document) -> None:
    c.executemany(
        'INSERT OR IGNORE INTO claims(doc_id, start, "end", kind, low, high, bound, unit, subject, side, '
        "claimant_text, claimant_name, claimant_entity, via, as_of, scope, of_total, evidence_start, "
        "evidence_end, stage, place, by_whom, confidence) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                doc.id,
                k.start,
                k.end,
                k.kind,
                k.low,
                k.high,
                k.bound,
                k.unit,
                k.subject,
                k.side,
                k.claimant.text if k.claimant else None,
                k.claimant.name if k.claimant else None,
                k.claimant.entity_id if k.claimant else None,
                json.dumps(list(k.via), ensure_ascii=False),
                k.as_of,
                k.scope,
                k.of_total,
                k.evidence_start,
                k.evidence_end,
                k.stage,
                k.place,
                k.by,
                k.confidence,
            )
            for k in doc.claims
        ],
    )
    c.executemany(
        'INSERT OR IGNORE INTO attributions(doc_id, start, "end", source_text, source_name, source_entity, '
        "via, stage) VALUES (?,?,?,?,?,?,?,?)",
        [
            (
                doc.id,
                a.start,
                a.end,
                a.source.text,
                a.source.name,
                a.source.entity_id,
                json.dumps(list(a.via), ensure_ascii=False),
                a.stage,
            )
            for a in doc.attributions
        ],
    )


def _write_quotes(c: sqlite3.Connection, doc: Document) -> None:
    c.executemany(
        'INSERT OR IGNORE INTO quotes(doc_id, start, "end", speaker_text, speaker_name, speaker_entity, via, '
        "stage, direct) VALUES (?,?,?,?,?,?,?,?,?)",
        [
            (
                doc.id,
                q.start,
                q.end,
                q.speaker.text if q.speaker else None,
                q.speaker.name if q.speaker else None,
                q.speaker.entity_id if q.speaker else None,
                json.dumps(list(q.via), ensure_ascii=False),
                q.stage,
                int(q.direct),
            )
            for q in doc.quotes
        ],
    )


def _write_entities(c: sqlite3.Connection, doc: Document) -> None:
    lang = doc.lang or ""
    for m in doc.mentions:
        if m.entity_id is not None:
            c.execute(
                "INSERT OR IGNORE INTO entities(id, type, name, source) VALUES (?,?,?,?)",
                (m.entity_id, m.type, m.name or m.text, _entity_source(m.entity_id)),
            )
            c.execute(
                "INSERT OR IGNORE INTO entity_names(entity_id, name, lang) VALUES (?,?,?)",
                (m.entity_id, " ".join(m.text.split()), lang),
            )
    c.executemany(
        'INSERT OR IGNORE INTO mentions(doc_id, start, "end", text, type, entity_id, name, confidence, '
        "stage, in_boilerplate) VALUES (?,?,?,?,?,?,?,?,?,?)",
        [
            (
                doc.id,
                m.start,
                m.end,
                m.text,
                m.type,
                m.entity_id,
                m.name,
                m.confidence,
                m.stage,
                int(m.in_boilerplate),
            )
            for m in doc.mentions
        ],
    )
    c.executemany(
        'INSERT OR IGNORE INTO places(doc_id, start, "end", text, name, country, lat, lon, geonames_id, '
        "precision, feature, confidence, stage, in_boilerplate) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                doc.id,
                p.start,
                p.end,
                p.text,
                p.name,
                p.country,
                p.lat,
                p.lon,
                p.geonames_id,
                p.precision,
                p.feature,
                p.confidence,
                p.stage,
                int(p.in_boilerplate),
            )
            for p in doc.places
        ],
    )


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
