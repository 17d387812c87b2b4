"""Writing one analysed document with its annotations (inside the caller's transaction)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from newstrace.model import Claim, DateSource, Document, TextView
from newstrace.store.events import write_events
from newstrace.store.rows import insert_rows, plain_columns, source_columns, stored, via_json

# Fields of a mention the pipeline uses in passing and the store does not keep.
_MENTION_TRANSIENT = ("label", "unresolved")


def write_document(
    c: sqlite3.Connection,
    doc: Document,
    signature: bytes | None,
    run_id: int | None,
    event_groups: Sequence[str | None] = (),
) -> bool:
    """Insert ``doc`` and its annotations; False (and nothing written) where it is already stored."""
    row = _document_row(doc, signature, run_id)
    cur = c.execute(
        f"INSERT OR IGNORE INTO documents({', '.join(row)}) VALUES ({','.join('?' * len(row))})",
        tuple(row.values()),
    )
    if cur.rowcount == 0:
        return False
    insert_rows(c, "removed_spans", [stored(r, doc.id) for r in doc.removed], verb="INSERT")
    sentences = [stored(s, doc.id, idx=i) for i, s in enumerate(doc.sentences)]
    insert_rows(c, "sentences", sentences, verb="INSERT")
    insert_rows(c, "flags", [stored(f, doc.id) for f in doc.flags])
    _write_entities(c, doc)
    insert_rows(c, "claims", [_claim_row(doc.id, k) for k in doc.claims])
    insert_rows(
        c,
        "attributions",
        [
            stored(a, doc.id, skip=("source",), via=via_json(a.via), **source_columns("source", a.source))
            for a in doc.attributions
        ],
    )
    insert_rows(
        c,
        "quotes",
        [
            stored(q, doc.id, skip=("speaker",), via=via_json(q.via), **source_columns("speaker", q.speaker))
            for q in doc.quotes
        ],
    )
    write_events(c, doc, event_groups)
    if doc.quality is not None:
        insert_rows(c, "quality_spans", [stored(q, doc.id) for q in doc.quality.spans])
    return True


def _claim_row(doc_id: str, k: Claim) -> dict[str, Any]:
    return stored(
        k,
        doc_id,
        skip=("by", "claimant"),
        via=via_json(k.via),
        by_whom=k.by,
        **source_columns("claimant", k.claimant),
    )


def _entity_source(entity_id: str) -> str:
    if entity_id.startswith(("gn:", "region:", "country:")):
        return "gazetteer"
    return "corpus" if entity_id.startswith("auto/") else "kb"


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
    insert_rows(c, "mentions", [stored(m, doc.id, skip=_MENTION_TRANSIENT) for m in doc.mentions])
    insert_rows(c, "places", [stored(p, doc.id) for p in doc.places])


def _runs_json(view: TextView) -> str:
    return json.dumps(view.to_runs(), separators=(",", ":"))


def _document_row(doc: Document, signature: bytes | None, run_id: int | None) -> dict[str, object]:
    """The documents row: the document's plain fields by name (``rows.plain_columns``), then the
    columns its structured fields are spread over."""
    view = doc.clean or TextView.identity(doc.raw)
    title, date, lang, quality, repaired = doc.title, doc.date, doc.language, doc.quality, doc.repaired
    title_span = title.span if title else None
    date_span = date.span if date else None
    return {
        **plain_columns(doc),
        "url": doc.meta.url,
        "outlet": doc.meta.outlet,
        "clean": view.text,
        "clean_map": _runs_json(view),
        "title": title.text if title else None,
        "title_source": title.source.value if title else None,
        "title_start": title_span[0] if title_span else None,
        "title_end": title_span[1] if title_span else None,
        "lang": lang.lang if lang else None,
        "lang_score": lang.score if lang else None,
        "date": date.value.iso() if date else None,
        "date_precision": date.value.precision.value if date else None,
        "date_source": date.source.value if date else DateSource.NONE.value,
        "date_start": date_span[0] if date_span else None,
        "date_end": date_span[1] if date_span else None,
        "meta_title": doc.meta.title,
        "meta_date": doc.meta.date.iso() if doc.meta.date else None,
        "meta_lang": doc.meta.lang,
        "extra": doc.meta.extra_json,
        "content_hash": doc.content_hash or "",
        "minhash": signature,
        "stages": json.dumps(sorted(doc.provided)),
        "run_id": run_id,
        "quality_label": quality.label if quality else None,
        "quality_score": quality.score if quality else None,
        "repaired": repaired.text if repaired is not None else None,
        "repaired_map": _runs_json(repaired) if repaired is not None else None,
    }
