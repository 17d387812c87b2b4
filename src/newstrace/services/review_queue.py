"""The review queue: the annotations most worth an analyst's look, first.

Ranking: ``score = impact + 2 * (1 - confidence)``, highest first (ties: document, position).

- *confidence* is the pipeline's own (claims, places, entity links and events store one; a store made
  before claims carried a confidence has none for them, and such a claim counts as 0.5, undecided).
- *impact* says how far a wrong annotation travels:
  claims: +1 on a named quantity of the ledger (a capitalised subject: "Russian military"), +1.5 when
  disputed in the ledger, +0.5 for casualty kinds, +0.5 without a claimant;
  places: +1.5 when an event is placed there, +0.5 for a town or facility (precision 1: a point on the
  map that looks exact);
  entity links: +1 when the entity is a claim's claimant, +0.5 when it is linked to a knowledge-base
  entity (a wrong link merges two people);
  events: +1 with fatalities or a linked claim, +0.5 when placed on the map.

So a disputed ledger claim (2.5 to 3.5) comes before a confident place of no event (about 0.6), and a
place with confidence 0.3 where an event happened (2.9) before a well-linked person (0.6).
Already-judged annotations are left out unless ``reviewed`` (then only they are listed, rejected ones
included: this is where rejected annotations can be seen again).
Each kind contributes at most ``PER_KIND`` candidates (its lowest confidence first), so the queue costs
the same on a large store.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from typing import Any

from newstrace.services.ledger import build_ledger
from newstrace.store.corrections import KINDS, CorrectionStore
from newstrace.store.documents import DocumentStore
from newstrace.store.sqlite import Database

PER_KIND = 2000
UNKNOWN_CONFIDENCE = 0.5
CASUALTIES = frozenset({"killed", "wounded", "killed_or_wounded", "captured", "missing"})


def _disputed(db: Database) -> set[tuple[str, int]]:
    out: set[tuple[str, int]] = set()
    for entry in build_ledger(DocumentStore(db)):
        if entry.disputed_with:
            out.update((r["doc_id"], r["figure"]["start"]) for r in entry.reports)
    return out


def _has_column(conn: sqlite3.Connection, table: str, column: str) -> bool:
    return any(r[1] == column for r in conn.execute(f"PRAGMA table_info({table})"))


# An impact rule: whether it applies to a candidate's row (given what its kind gathers beforehand, the
# ledger's disputed claims), what it adds and the reason shown.
Rule = tuple[Callable[[sqlite3.Row, Any], bool], float, str]
Label = Callable[[sqlite3.Row], str]


def _auto(entity_id: object) -> bool:
    """A corpus-made entity (no knowledge-base entry behind it)."""
    return str(entity_id).split("/", 1)[-1].startswith("auto-")


CLAIM_RULES: tuple[Rule, ...] = (
    (lambda r, _: (r["subject"] or "")[:1].isupper(), 1, "named ledger quantity"),
    (lambda r, disputed: (r["doc_id"], r["start"]) in disputed, 1.5, "disputed in the ledger"),
    (lambda r, _: r["kind"] in CASUALTIES, 0.5, "casualty figure"),
    (lambda r, _: not (r["claimant_name"] or r["claimant_text"]), 0.5, "no claimant"),
)
PLACE_RULES: tuple[Rule, ...] = (
    (lambda r, _: bool(r["of_event"]), 1.5, "place of an event"),
    (lambda r, _: r["precision"] == 1, 0.5, "exact point on the map"),
)
LINK_RULES: tuple[Rule, ...] = (
    (lambda r, _: bool(r["claimant"]), 1, "a claimant"),
    (lambda r, _: not _auto(r["entity_id"]), 0.5, "knowledge-base entity"),
)
EVENT_RULES: tuple[Rule, ...] = (
    (
        lambda r, _: bool(r["fatalities"]) or r["claim_starts"] not in (None, "[]"),
        1,
        "fatalities or a linked claim",
    ),
    (lambda r, _: r["lat"] is not None, 0.5, "on the map"),
)


def _scored(
    rows: Iterable[sqlite3.Row],
    kind: str,
    rules: tuple[Rule, ...],
    label: Label,
    context: Any = None,
    subkind: Callable[[sqlite3.Row], str] = lambda r: "",
) -> list[dict[str, Any]]:
    """The queue items of one kind's candidate rows, each with the impact its rules give."""
    items = []
    for r in rows:
        applied = [(weight, reason) for test, weight, reason in rules if test(r, context)]
        impact = sum((weight for weight, _ in applied), 0.0)
        items.append(_item(r, kind, subkind(r), label(r), impact, [reason for _, reason in applied]))
    return items


def _claims(db: Database) -> list[dict[str, Any]]:
    conn = db.conn
    conf = "c.confidence" if _has_column(conn, "claims", "confidence") else "NULL"
    disputed = _disputed(db)
    rows = conn.execute(
        f'SELECT c.doc_id, c.start, c."end", c.kind, c.subject, c.low, c.high, c.claimant_name, '
        f'c.claimant_text, {conf} AS confidence, substr(d.raw, c.start + 1, c."end" - c.start) AS text '
        f"FROM claims c JOIN documents d ON d.id = c.doc_id ORDER BY {conf}, c.doc_id LIMIT ?",
        (PER_KIND,),
    )

    def label(r: sqlite3.Row) -> str:
        return f"{r['kind']} {r['subject'] or ''}: {r['low'] if r['low'] is not None else r['high']}"

    return _scored(rows, "claim", CLAIM_RULES, label, disputed, subkind=lambda r: str(r["kind"]))


# The candidate rows of the kinds read with one query each, least confident first.
_PLACE_ROWS = (
    'SELECT p.doc_id, p.start, p."end", p.text, p.name, p.precision, p.confidence, '
    "EXISTS (SELECT 1 FROM events e WHERE e.doc_id = p.doc_id AND e.place_start = p.start "
    'AND e.place_end = p."end") AS of_event FROM places p WHERE p.in_boilerplate = 0 '
    "ORDER BY p.confidence, p.doc_id LIMIT ?"
)
_LINK_ROWS = (
    'SELECT m.doc_id, m.start, m."end", m.text, m.name, m.entity_id, m.confidence, '
    "EXISTS (SELECT 1 FROM claims c WHERE c.claimant_entity = m.entity_id) AS claimant "
    "FROM mentions m WHERE m.type != 'place' AND m.entity_id IS NOT NULL AND m.in_boilerplate = 0 "
    "ORDER BY m.confidence, m.doc_id LIMIT ?"
)
_EVENT_ROWS = (
    'SELECT e.doc_id, e.trigger_start AS start, e.trigger_end AS "end", e.type, e.place_name, '
    "e.fatalities, e.claim_starts, e.lat, e.confidence, "
    "substr(d.raw, e.trigger_start + 1, e.trigger_end - e.trigger_start) AS text "
    "FROM events e JOIN documents d ON d.id = e.doc_id ORDER BY e.confidence, e.doc_id LIMIT ?"
)


def _event_label(r: sqlite3.Row) -> str:
    return f"{r['type']} ({r['text']})" + (f" at {r['place_name']}" if r["place_name"] else "")


def _gatherer(
    kind: str, sql: str, rules: tuple[Rule, ...], label: Label
) -> Callable[[Database], list[dict[str, Any]]]:
    """The queue items of a kind whose candidates one query reads and whose rules need no context."""

    def gather(db: Database) -> list[dict[str, Any]]:
        return _scored(db.conn.execute(sql, (PER_KIND,)), kind, rules, label)

    return gather


def _item(
    r: sqlite3.Row, kind: str, subkind: str, label: str, impact: float, reasons: list[str]
) -> dict[str, Any]:
    confidence = r["confidence"]
    conf = UNKNOWN_CONFIDENCE if confidence is None else float(confidence)
    if conf < 0.6:
        reasons = [f"low confidence ({conf:.2f})", *reasons]
    return {
        "doc_id": r["doc_id"],
        "kind": kind,
        "start": r["start"],
        "end": r["end"],
        "subkind": subkind,
        "text": r["text"],
        "label": label,
        "confidence": confidence,
        "score": round(impact + 2 * (1 - conf), 3),
        "reasons": reasons,
    }


GATHER: dict[str, Callable[[Database], list[dict[str, Any]]]] = {
    "claim": _claims,
    "place": _gatherer("place", _PLACE_ROWS, PLACE_RULES, lambda r: f"{r['text']} -> {r['name']}"),
    "entity_link": _gatherer("entity_link", _LINK_ROWS, LINK_RULES, lambda r: f"{r['text']} -> {r['name']}"),
    "event": _gatherer("event", _EVENT_ROWS, EVENT_RULES, _event_label),
}


def review_queue(
    db: Database, kind: str | None = None, reviewed: bool = False, limit: int = 50, offset: int = 0
) -> dict[str, Any]:
    judged = {c.target: c for c in CorrectionStore(db).find()}
    items: list[dict[str, Any]] = []
    for k in KINDS:
        if kind and k != kind:
            continue
        for item in GATHER[k](db):
            c = judged.get((item["doc_id"], k, item["start"], item["end"], item["subkind"]))
            if (c is not None) != reviewed:
                continue
            if c is not None:
                item["review"] = {"id": c.id, "action": c.action, "who": c.who, "at": c.at, "note": c.note}
                item["review"]["fields"] = c.fields
            items.append(item)
    items.sort(key=lambda i: (-i["score"], i["doc_id"], i["start"]))
    titles = _titles(db, {i["doc_id"] for i in items[offset : offset + limit]})
    page = items[offset : offset + limit]
    for i in page:
        i["doc_title"] = titles.get(i["doc_id"])
    return {"total": len(items), "offset": offset, "limit": limit, "items": page}


def _titles(db: Database, ids: set[str]) -> dict[str, str | None]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return {
        r[0]: r[1]
        for r in db.conn.execute(f"SELECT id, title FROM documents WHERE id IN ({marks})", list(ids))
    }
