"""Filtered lists of documents, claims and events with their facets (counts per value, as Datasette
shows them): the one SQL behind the list pages, their CSV and JSON downloads and the API list endpoints.

A facet is a column every row of the three lists has: the language and date (of the claim or event when
it has one, else of its document), the country (of the places a document names outside boilerplate, of
the side a claim counts, of the place an event happened), the outlet (the reader's outlet, else the
host of the URL), the story, and a label (the text-quality label of a document, the kind of a claim,
the type of an event). Every filter narrows the rows and the counts of every facet, as Datasette does.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Literal

from newstrace.store.corrections import corrected_events, has_table, not_rejected
from newstrace.store.events_view import events_available

ListKind = Literal["documents", "claims", "events"]
FACETS = ("lang", "date", "country", "outlet", "story", "label")
FACET_VALUES = 12
PAGE = 500

# The host of an http(s) URL without "www.", in SQL (the facets group by it).
_REST = "substr(d.url, instr(d.url, '://') + 3)"
_HOST = (
    f"CASE WHEN d.url LIKE 'http%://%' THEN "
    f"substr({_REST}, 1, CASE instr({_REST}, '/') WHEN 0 THEN length({_REST}) "
    f"ELSE instr({_REST}, '/') - 1 END) END"
)
OUTLET = (
    f"coalesce(nullif(d.outlet, ''), CASE WHEN {_HOST} LIKE 'www.%' THEN substr({_HOST}, 5) ELSE {_HOST} END)"
)


@dataclass(frozen=True)
class ListFilter:
    """The facet filters (None: any). ``since``/``until`` are YYYY[-MM[-DD]] and include the whole
    month or year they name; ``source`` (part of the source name) and ``duplicates`` (keep copies) are
    the document list's own."""

    lang: str | None = None
    since: str | None = None
    until: str | None = None
    country: str | None = None
    outlet: str | None = None
    story: str | None = None
    label: str | None = None
    source: str | None = None
    duplicates: bool = True

    def params(self) -> dict[str, str]:
        """The filters as query parameters (what a link to the same list carries)."""
        out: dict[str, str] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "duplicates":
                if not value:
                    out["duplicates"] = "false"
            elif value:
                out[f.name] = str(value)
        return out


@dataclass(frozen=True)
class ListSpec:
    table: str  # FROM ... (aliases: d for the document, c for a claim, e for an event)
    date: str
    country: str  # a column of the row, or "" when a document's countries come from its places
    label: str
    order: str


SPECS: dict[ListKind, ListSpec] = {
    "documents": ListSpec(
        "documents d", "d.date", "", "d.quality_label", "coalesce(d.date, '') DESC, d.rowid"
    ),
    "claims": ListSpec(
        "claims c JOIN documents d ON d.id = c.doc_id",
        "coalesce(c.as_of, d.date)",
        # A side is a country code, or a word ("other") that is no country.
        "CASE WHEN length(c.side) = 2 THEN c.side END",
        "c.kind",
        "coalesce(c.as_of, d.date, '') DESC, d.rowid, c.start",
    ),
    "events": ListSpec(
        "events e JOIN documents d ON d.id = e.doc_id",
        "coalesce(e.event_date, d.date)",
        "e.country",
        "e.type",
        "coalesce(e.event_date, d.date, '') DESC, d.rowid, e.trigger_start",
    ),
}
_DOC_COUNTRIES = "SELECT doc_id FROM places WHERE country = ? AND in_boilerplate = 0"

_COLUMNS: dict[ListKind, str] = {
    "documents": (
        "d.id, d.source, d.title, d.lang, d.date, d.date_source, d.duplicate_of, d.quality_label, "
        "length(d.clean) AS chars, (SELECT count(*) FROM removed_spans r WHERE r.doc_id = d.id) AS removed, "
        f"d.story_id, d.url, {OUTLET} AS outlet"
    ),
    "claims": (
        'c.doc_id, c.start, c."end", c.kind, c.low, c.high, c.bound, c.unit, c.subject, c.side, '
        "coalesce(c.claimant_name, c.claimant_text) AS claimant, c.claimant_entity, c.via, c.as_of, c.scope, "
        "c.of_total, c.place, c.evidence_start, c.evidence_end, c.confidence, "
        "substr(d.raw, c.evidence_start + 1, c.evidence_end - c.evidence_start) AS evidence, "
        'substr(d.raw, c.start + 1, c."end" - c.start) AS figure, '
        f"d.title AS doc_title, d.date AS doc_date, d.lang, d.story_id, {OUTLET} AS outlet"
    ),
    "events": (
        "e.*, d.title AS doc_title, d.date AS doc_date, d.lang, d.story_id, "
        f"coalesce(d.url, d.source) AS doc_source, {OUTLET} AS outlet"
    ),
}


def available(conn: sqlite3.Connection, kind: ListKind) -> bool:
    """Whether the store has this list's table (events came with a later migration)."""
    return kind != "events" or events_available(conn)


# A claim the analyst rejected is gone from the list, its facets and downloads (its row shows what the
# pipeline read; the ledger and the document page show the corrected values). Events are read with the
# corrections applied (store/corrections.py). Stores made before the corrections table have none.
REJECTABLE: dict[ListKind, tuple[str, str, str, str]] = {
    "claims": ("claim", "c.doc_id", "c.start", 'c."end"'),
}


def where(kind: ListKind, flt: ListFilter, corrections: bool = False) -> tuple[str, list[object]]:
    """The WHERE clause of the filters; ``corrections``: the store has the corrections table."""
    spec = SPECS[kind]
    clauses: list[str] = []
    if corrections and kind in REJECTABLE:
        clauses.append(not_rejected(*REJECTABLE[kind]))
    args: list[object] = []
    simple = (("d.lang", flt.lang), (OUTLET, flt.outlet), ("d.story_id", flt.story), (spec.label, flt.label))
    for column, value in simple:
        if value:
            clauses.append(f"{column} = ?")
            args.append(value)
    if flt.since:
        clauses.append(f"{spec.date} >= ?")
        args.append(flt.since)
    if flt.until:
        # "2022-09-15" <= "2022-09" is false as text: the bound is padded so the whole month counts.
        clauses.append(f"{spec.date} <= ?")
        args.append(flt.until + "~")
    if flt.country:
        clauses.append(f"{spec.country} = ?" if spec.country else f"d.id IN ({_DOC_COUNTRIES})")
        args.append(flt.country.upper())
    if flt.source:
        clauses.append("d.source LIKE ?")
        args.append(f"%{flt.source}%")
    if not flt.duplicates:
        clauses.append("d.duplicate_of IS NULL")
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", args


class ListStore:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.corrections = has_table(conn)

    def table(self, kind: ListKind) -> str:
        if kind == "events" and self.corrections:
            return f"{corrected_events()} e JOIN documents d ON d.id = e.doc_id"
        return SPECS[kind].table

    def count(self, kind: ListKind, flt: ListFilter) -> int:
        if not available(self.conn, kind):
            return 0
        sql, args = where(kind, flt, self.corrections)
        return int(self.conn.execute(f"SELECT count(*) FROM {self.table(kind)} {sql}", args).fetchone()[0])

    def rows(self, kind: ListKind, flt: ListFilter, limit: int, offset: int) -> list[sqlite3.Row]:
        if not available(self.conn, kind):
            return []
        sql, args = where(kind, flt, self.corrections)
        spec = SPECS[kind]
        return self.conn.execute(
            f"SELECT {_COLUMNS[kind]} FROM {self.table(kind)} {sql} ORDER BY {spec.order} LIMIT ? OFFSET ?",
            [*args, limit, offset],
        ).fetchall()

    def iter_rows(self, kind: ListKind, flt: ListFilter) -> Iterator[sqlite3.Row]:
        """Every row, read a page at a time."""
        offset = 0
        while True:
            rows = self.rows(kind, flt, PAGE, offset)
            yield from rows
            if len(rows) < PAGE:
                return
            offset += PAGE

    def claim_keys(self, flt: ListFilter) -> set[tuple[str, int, str]]:
        """``(doc_id, start, kind)`` of the claims the filters keep (the ledger merges those)."""
        sql, args = where("claims", flt, self.corrections)
        rows = self.conn.execute(f"SELECT c.doc_id, c.start, c.kind FROM {SPECS['claims'].table} {sql}", args)
        return {(str(r[0]), int(r[1]), str(r[2])) for r in rows}

    def facet(self, kind: ListKind, flt: ListFilter, name: str) -> list[tuple[str, int]]:
        """``(value, rows)`` of one facet over the filtered rows, most rows first (dates: by month,
        newest first); rows without a value are left out."""
        if not available(self.conn, kind):
            return []
        spec = SPECS[kind]
        sql, args = where(kind, flt, self.corrections)
        table, count = self.table(kind), "count(*)"
        if name == "country" and not spec.country:
            # A document names several countries: it counts once under each.
            table += (
                " JOIN (SELECT DISTINCT doc_id, country FROM places WHERE in_boilerplate = 0) pc "
                "ON pc.doc_id = d.id"
            )
            count = "count(DISTINCT d.id)"
        column = {
            "lang": "d.lang",
            "date": f"substr({spec.date}, 1, 7)",
            "country": spec.country or "pc.country",
            "outlet": OUTLET,
            "story": "d.story_id",
            "label": spec.label,
        }[name]
        order = "value DESC" if name == "date" else "n DESC, value"
        rows = self.conn.execute(
            f"SELECT {column} AS value, {count} AS n FROM {table} {sql} "
            f"GROUP BY value HAVING value IS NOT NULL AND value != '' ORDER BY {order} LIMIT ?",
            [*args, FACET_VALUES],
        ).fetchall()
        return [(str(r[0]), int(r[1])) for r in rows]

    def story_titles(self, story_ids: list[str]) -> dict[str, str | None]:
        """Each story's title: its first article's (by input order)."""
        if not story_ids:
            return {}
        marks = ",".join("?" * len(story_ids))
        rows = self.conn.execute(
            f"SELECT story_id, title FROM documents WHERE rowid IN (SELECT min(rowid) FROM documents "
            f"WHERE story_id IN ({marks}) GROUP BY story_id)",
            story_ids,
        ).fetchall()
        return {str(r[0]): r[1] for r in rows}
