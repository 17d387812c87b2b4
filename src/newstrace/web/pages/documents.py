"""The document list and a document with what was found in it highlighted."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request
from starlette.responses import Response

from newstrace.services.browse import events_list
from newstrace.services.corrections_apply import CorrectionSet, apply_to_document, mark_record
from newstrace.services.errors import StoreError
from newstrace.services.export import document_record
from newstrace.services.session import DocumentStore
from newstrace.web.context import read_db
from newstrace.web.highlight import highlighted
from newstrace.web.list_params import ListFilterQ
from newstrace.web.pages.lists import list_values
from newstrace.web.params import Offset, QualityQ
from newstrace.web.render import page
from newstrace.web.review_items import review_items

router = APIRouter(include_in_schema=False)


@router.get("/documents")
def documents(request: Request, flt: ListFilterQ, quality: QualityQ = None, offset: Offset = 0) -> Response:
    """The document list with its facets (``quality`` is the older name of the ``label`` filter)."""
    if quality and not flt.label:
        flt = replace(flt, label=quality)
    return page(request, "documents.html", list_values(request, "documents", flt, offset))


@router.get("/documents/{doc_id}")
def document(request: Request, doc_id: Annotated[str, Path(min_length=4, max_length=128)]) -> Response:
    db = read_db(request)
    store = DocumentStore(db)
    try:
        doc = store.get(store.resolve_id(doc_id))
    except StoreError as exc:
        raise HTTPException(404, str(exc)) from exc
    # The article as the analyst corrected it: rejected annotations gone, corrected ones changed.
    reviewed = apply_to_document(doc, CorrectionSet.load(db, [doc.id]))
    record = mark_record(document_record(reviewed.doc), reviewed)
    events = events_list(db, doc_ids=[doc.id], limit=1000)
    return page(
        request,
        "document.html",
        {
            "doc": record,
            "review_items": review_items(request, record, events["events"], reviewed.rejected),
            "tree": highlighted(reviewed.doc, events["events"]),
            "events": events,
            "foreign_sentences": sum(1 for s in doc.sentences if doc.lang and s.lang != doc.lang),
        },
    )
