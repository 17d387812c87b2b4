"""Reading a stored document back into the model: the documents row and its annotation tables."""

from __future__ import annotations

import dataclasses
import json
import sqlite3

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
    RemovedSpan,
    Sentence,
    Source,
    TextView,
    Title,
    TitleSource,
)
from newstrace.store.events import read_events
from newstrace.store.rows import plain_values, record


def read_document(conn: sqlite3.Connection, row: sqlite3.Row) -> Document:
    """The ``Document`` of a row of the documents table, with all its annotations."""
    doc_id = row["id"]

    def rows(table: str, order: str = "start") -> list[sqlite3.Row]:
        return conn.execute(f"SELECT * FROM {table} WHERE doc_id = ? ORDER BY {order}", (doc_id,)).fetchall()

    spans = tuple(record(QualitySpan, r) for r in rows("quality_spans"))
    doc = _row_document(row, spans)
    places = tuple(record(Place, r) for r in rows("places"))
    return dataclasses.replace(
        doc,
        removed=tuple(record(RemovedSpan, r) for r in rows("removed_spans")),
        sentences=tuple(record(Sentence, r) for r in rows("sentences", "idx")),
        flags=tuple(record(Flag, r) for r in rows("flags")),
        mentions=tuple(record(Mention, r) for r in rows("mentions")),
        places=places,
        claims=tuple(claim_from_row(r) for r in rows("claims")),
        attributions=tuple(
            record(Attribution, r, source=_source(r, "source"), via=tuple(json.loads(r["via"])))
            for r in rows("attributions")
        ),
        quotes=tuple(
            record(Quote, r, speaker=_source(r, "speaker"), via=tuple(json.loads(r["via"])))
            for r in rows("quotes")
        ),
        events=read_events(conn, doc_id, places),
    )


def _source(r: sqlite3.Row, prefix: str) -> Source | None:
    if not r[f"{prefix}_text"]:
        return None
    return Source(r[f"{prefix}_text"], r[f"{prefix}_name"], r[f"{prefix}_entity"])


def claim_from_row(r: sqlite3.Row) -> Claim:
    """A ``Claim`` from a row of the claims table (as ``DocumentStore`` reads it)."""
    return record(Claim, r, claimant=_source(r, "claimant"), via=tuple(json.loads(r["via"])), by=r["by_whom"])


def _row_document(row: sqlite3.Row, quality_spans: tuple[QualitySpan, ...]) -> Document:
    raw_len = len(row["raw"])
    clean = _view(row["clean"], row["clean_map"], raw_len)
    repaired = _view(row["repaired"], row["repaired_map"], raw_len) if row["repaired"] is not None else None
    quality = None
    if row["quality_label"] is not None:
        quality = Quality(row["quality_label"], row["quality_score"] or 0.0, quality_spans, "quality")
    language = LanguageGuess(row["lang"], row["lang_score"] or 0.0, "language") if row["lang"] else None
    return Document(
        **plain_values(Document, row),
        meta=_meta(row),
        clean=clean,
        title=_title(row),
        language=language,
        date=_date(row),
        quality=quality,
        repaired=repaired,
        provided=frozenset(json.loads(row["stages"])),
    )


def _span(row: sqlite3.Row, prefix: str) -> tuple[int, int] | None:
    start = row[f"{prefix}_start"]
    return (start, row[f"{prefix}_end"]) if start is not None else None


def _title(row: sqlite3.Row) -> Title | None:
    if row["title"] is None:
        return None
    return Title(row["title"], TitleSource(row["title_source"]), _span(row, "title"))


def _date(row: sqlite3.Row) -> DocDate | None:
    value = PartialDate.parse_iso(row["date"]) if row["date"] is not None else None
    if value is None:
        return None
    return DocDate(value, DateSource(row["date_source"]), "dates", _span(row, "date"))


def _meta(row: sqlite3.Row) -> RecordMeta:
    return RecordMeta(
        title=row["meta_title"],
        date=PartialDate.parse_iso(row["meta_date"]) if row["meta_date"] else None,
        lang=row["meta_lang"],
        url=row["url"],
        outlet=row["outlet"],
        extra_json=row["extra"],
    )


def _view(text: str, runs_json: str, raw_len: int) -> TextView:
    runs = [(int(a), int(b), int(c)) for a, b, c in json.loads(runs_json)]
    return TextView.from_runs(text, runs, raw_len)
