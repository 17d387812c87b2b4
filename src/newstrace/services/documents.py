"""Reading documents: list, show, search."""

from __future__ import annotations

from typing import Any

from newstrace.services.corrections_apply import CorrectionSet
from newstrace.services.export import corrected_record
from newstrace.store.documents import DocumentStore
from newstrace.store.filters import DocumentFilter as DocumentFilter


def list_documents(store: DocumentStore, flt: DocumentFilter) -> dict[str, Any]:
    rows = store.list_rows(flt)
    return {
        "total": store.count(flt),
        "offset": flt.offset,
        "limit": flt.limit,
        "documents": [dict(r) for r in rows],
    }


def show_document(store: DocumentStore, ref: str) -> dict[str, Any]:
    doc = store.get(store.resolve_id(ref))
    record = corrected_record(doc, CorrectionSet.load(store.db, [doc.id]))
    record["sentences_text"] = [
        {"start": s.start, "end": s.end, "lang": s.lang, "text": doc.raw[s.start : s.end]}
        for s in doc.sentences
    ]
    record["stages"] = sorted(doc.provided)
    return record


def search_documents(store: DocumentStore, query: str, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    rows = store.search(query, limit=limit, offset=offset)
    return {"query": query, "results": [dict(r) for r in rows]}
