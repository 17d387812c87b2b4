"""The analyst's corrections: one row per judgement of an annotation (confirm, correct or reject), kept
apart from the pipeline's tables (see migration 12). Reading code asks for the *active* ones: the latest
judgement of each annotation that is still attached to it."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from newstrace.store.rows import record
from newstrace.store.sqlite import Database, utcnow

KINDS = ("claim", "place", "entity_link", "event")
ACTIONS = ("confirm", "correct", "reject")

# A correction is active while nothing supersedes it and it is attached to an annotation.
END = '"end"'
ACTIVE = "superseded_by IS NULL AND status = 'attached'"


@dataclass(frozen=True)
class Correction:
    doc_id: str
    kind: str
    start: int
    end: int
    key: str
    action: str
    who: str
    subkind: str = ""
    fields: dict[str, Any] = field(default_factory=dict)
    original: dict[str, Any] = field(default_factory=dict)
    note: str | None = None
    evidence_start: int | None = None
    evidence_end: int | None = None
    at: str = ""
    status: str = "attached"
    id: int = 0
    superseded_by: int | None = None

    @property
    def target(self) -> tuple[str, str, int, int, str]:
        return (self.doc_id, self.kind, self.start, self.end, self.subkind)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "key": self.key,
            "subkind": self.subkind,
            "evidence_start": self.evidence_start,
            "evidence_end": self.evidence_end,
            "action": self.action,
            "fields": self.fields,
            "original": self.original,
            "note": self.note,
            "who": self.who,
            "at": self.at,
            "status": self.status,
            "superseded_by": self.superseded_by,
        }


def _from_row(r: sqlite3.Row) -> Correction:
    return record(Correction, r, fields=json.loads(r["fields"]), original=json.loads(r["original"]))


def has_table(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'corrections'").fetchone()
    return row is not None


def not_rejected(kind: str, doc: str, start: str, end: str) -> str:
    """An SQL condition true where the annotation at ``doc``/``start``/``end`` (column expressions of
    the query) has no active rejection: for aggregate queries that cannot apply corrections row by
    row (story lists, map points, event groups)."""
    return (
        f"NOT EXISTS (SELECT 1 FROM corrections x WHERE x.doc_id = {doc} AND x.kind = '{kind}' "
        f"AND x.start = {start} AND x.\"end\" = {end} AND x.action = 'reject' "
        f"AND x.superseded_by IS NULL AND x.status = 'attached')"
    )


class CorrectionStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, c: Correction) -> Correction:
        """Store a judgement; the earlier active judgement of the same annotation is superseded."""
        at = c.at or utcnow()
        with self.db.transaction() as conn:
            cur = conn.execute(
                'INSERT INTO corrections(doc_id, kind, start, "end", key, subkind, evidence_start, '
                "evidence_end, action, fields, original, note, who, at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    c.doc_id,
                    c.kind,
                    c.start,
                    c.end,
                    c.key,
                    c.subkind,
                    c.evidence_start,
                    c.evidence_end,
                    c.action,
                    json.dumps(c.fields, ensure_ascii=False, sort_keys=True),
                    json.dumps(c.original, ensure_ascii=False, sort_keys=True),
                    c.note,
                    c.who,
                    at,
                ),
            )
            new_id = int(cur.lastrowid or 0)
            conn.execute(
                "UPDATE corrections SET superseded_by = ? WHERE doc_id = ? AND kind = ? AND start = ? "
                'AND "end" = ? AND subkind = ? AND id != ? AND superseded_by IS NULL',
                (new_id, c.doc_id, c.kind, c.start, c.end, c.subkind, new_id),
            )
        return self.get(new_id)

    def get(self, correction_id: int) -> Correction:
        row = self.db.conn.execute("SELECT * FROM corrections WHERE id = ?", (correction_id,)).fetchone()
        if row is None:
            raise KeyError(correction_id)
        return _from_row(row)

    def find(
        self,
        doc_ids: Sequence[str] | None = None,
        kind: str | None = None,
        status: str | None = None,
        history: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Correction]:
        """Corrections, oldest first: the latest of each annotation (``history`` adds superseded ones),
        of any status unless ``status`` says (``attached`` or ``orphaned``)."""
        if not has_table(self.db.conn):
            return []
        clauses: list[str] = []
        args: list[object] = []
        if not history:
            clauses.append("superseded_by IS NULL")
        if status:
            clauses.append("status = ?")
            args.append(status)
        if kind:
            clauses.append("kind = ?")
            args.append(kind)
        if doc_ids is not None:
            if not doc_ids:
                return []
            clauses.append(f"doc_id IN ({','.join('?' * len(doc_ids))})")
            args.extend(doc_ids)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        page = " LIMIT ? OFFSET ?" if limit is not None else ""
        if limit is not None:
            args.extend([limit, offset])
        return [
            _from_row(r)
            for r in self.db.conn.execute(f"SELECT * FROM corrections {where} ORDER BY id{page}", args)
        ]

    def active(self, doc_ids: Sequence[str] | None = None) -> list[Correction]:
        return self.find(doc_ids, status="attached")

    def family(self, original: str) -> list[str]:
        """An article and its copies: the document ``original`` and those marked duplicates of it."""
        rows = self.db.conn.execute(
            "SELECT id FROM documents WHERE id = ? OR duplicate_of = ? ORDER BY rowid", (original, original)
        )
        return [str(r[0]) for r in rows]

    def count(self) -> int:
        if not has_table(self.db.conn):
            return 0
        return int(self.db.conn.execute(f"SELECT count(*) FROM corrections WHERE {ACTIVE}").fetchone()[0])

    def relocate(self, moves: Sequence[tuple[int, int, int, int | None, int | None]]) -> None:
        """Move corrections ``(id, start, end, evidence_start, evidence_end)`` to where their annotation
        is now (after re-analysis), and attach them again."""
        with self.db.transaction() as conn:
            conn.executemany(
                'UPDATE corrections SET start = ?, "end" = ?, evidence_start = ?, evidence_end = ?, '
                "status = 'attached' WHERE id = ?",
                [(s, e, es, ee, i) for i, s, e, es, ee in moves],
            )

    def set_status(self, ids: Sequence[int], status: str) -> None:
        with self.db.transaction() as conn:
            conn.executemany("UPDATE corrections SET status = ? WHERE id = ?", [(status, i) for i in ids])


# -- the corrected annotation tables, for aggregate queries -------------------------------------------
# Readers that aggregate in SQL (the map's places, event lists and exports, claim quantities) read these
# subqueries in place of the pipeline's tables: rejected rows left out, corrected columns taken from the
# correction. They mirror ``services.corrections_apply``, which does the same for loaded documents.
def _active_join(kind: str, alias: str, start: str, end: str, subkind: str = "''") -> str:
    return (
        f"LEFT JOIN corrections x ON x.doc_id = {alias}.doc_id AND x.kind = '{kind}' "
        f'AND x.start = {alias}.{start} AND x."end" = {alias}.{end} AND x.subkind = {subkind} '
        f"AND x.superseded_by IS NULL AND x.status = 'attached'"
    )


def _field(name: str, column: str) -> str:
    """The corrected value where the correction gives the field (JSON null included), else the column."""
    return (
        f"CASE WHEN json_type(x.fields, '$.{name}') IS NOT NULL "
        f"THEN json_extract(x.fields, '$.{name}') ELSE {column} END"
    )


def corrected_places() -> str:
    cols = ("name", "country", "lat", "lon", "geonames_id", "precision", "feature")
    fields = ", ".join(f'{_field(c, "p." + c)} AS "{c}"' for c in cols)
    return (
        f'(SELECT p.doc_id, p.start, p."end", p.text, {fields}, p.confidence, p.stage, p.in_boilerplate, '
        f"x.action AS review FROM places p {_active_join('place', 'p', 'start', END)} "
        "WHERE x.action IS NOT 'reject')"
    )


def corrected_events() -> str:
    plain = (
        "id, doc_id, idx, cluster, event_group, trigger_start, trigger_end, evidence_start, "
        "evidence_end, evidence, actor1, actor1_text, actor1_entity, actor1_side, actor2, actor2_text, "
        "actor2_entity, actor2_side, place_start, place_end, place_source, event_date, time_precision, "
        "fatalities, claim_starts, stage, confidence"
    )
    changed = {
        "type": "type",
        "acled_event_type": "acled_event_type",
        "acled_sub_event_type": "acled_sub_event_type",
        "plover": "plover",
        "status": "status",
        "place_name": "place.name",
        "lat": "place.lat",
        "lon": "place.lon",
        "geonames_id": "place.geonames_id",
        "geo_precision": "place.precision",
        "country": "place.country",
    }
    fields = ", ".join(f"{_field(path, 'e.' + col)} AS {col}" for col, path in changed.items())
    plain_cols = ", ".join(f"e.{c.strip()}" for c in plain.split(","))
    return (
        f"(SELECT {plain_cols}, {fields}, x.action AS review FROM events e "
        f"{_active_join('event', 'e', 'trigger_start', 'trigger_end')} WHERE x.action IS NOT 'reject')"
    )


def corrected_claims() -> str:
    """Claims with their corrected kind, values, bound, subject and claimant (the claimant as text)."""
    cols = ("low", "high", "bound", "subject")
    fields = ", ".join(f"{_field(c, 'c.' + c)} AS {c}" for c in cols)
    claimant = _field("claimant", "coalesce(c.claimant_name, c.claimant_text)")
    return (
        f'(SELECT c.doc_id, c.start, c."end", c.kind AS original_kind, {_field("kind", "c.kind")} AS kind, '
        f"{fields}, "
        f"{claimant} AS claimant, CASE WHEN json_type(x.fields, '$.claimant') IS NOT NULL THEN NULL "
        "ELSE c.claimant_entity END AS claimant_entity, c.unit, c.as_of, x.action AS review FROM claims c "
        f"{_active_join('claim', 'c', 'start', END, 'c.kind')} WHERE x.action IS NOT 'reject')"
    )


def mentions_table(conn: sqlite3.Connection) -> str:
    """Entity mentions with the analyst's link corrections: the plain table while there is none (so
    that lookups by entity keep their index), else a subquery with rejected links left out and
    corrected ones pointing to their corrected entity."""
    if (
        not has_table(conn)
        or not conn.execute(
            f"SELECT 1 FROM corrections WHERE kind = 'entity_link' AND {ACTIVE} LIMIT 1"
        ).fetchone()
    ):
        return "mentions"
    entity = _field("entity_id", "m.entity_id")
    name = _field("name", "m.name")
    return (
        f'(SELECT m.doc_id, m.start, m."end", m.text, m.type, {entity} AS entity_id, {name} AS name, '
        f"m.confidence, m.stage, m.in_boilerplate FROM mentions m "
        f"{_active_join('entity_link', 'm', 'start', END)} WHERE x.action IS NOT 'reject')"
    )
