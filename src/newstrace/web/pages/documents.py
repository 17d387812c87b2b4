"""The document list and a document with what was found in it highlighted."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request
from starlette.responses import Response

from newstrace.services.browse import events_list, languages
from newstrace.services.corrections_apply import CorrectionSet, apply_to_document, mark_record
from newstrace.services.documents import list_documents
from newstrace.services.export import document_record
from newstrace.store.documents import DocumentFilter, DocumentStore
from newstrace.store.sqlite import StoreError
from newstrace.web.context import read_db
from newstrace.web.highlight import highlighted
from newstrace.web.params import DateQ, LangQ, Offset, QualityQ, TextQ
from newstrace.web.render import page
from newstrace.web.review_items import review_items
from newstrace.web.views import PAGE_SIZE, Pager

router = APIRouter(include_in_schema=False)


@router.get("/documents")
def documents(
    request: Request,
    lang: LangQ = None,
    since: DateQ = None,
    until: DateQ = None,
    source: TextQ = None,
    quality: QualityQ = None,
    offset: Offset = 0,
) -> Response:
    db = read_db(request)
    flt = DocumentFilter(lang, since, until, source, quality, True, PAGE_SIZE, offset)
    data = list_documents(DocumentStore(db), flt)
    filters = {"lang": lang, "since": since, "until": until, "source": source, "quality": quality}
    return page(
        request,
        "documents.html",
        {
            "data": data,
            "filters": filters,
            "languages": languages(db),
            "pager": Pager(data["total"], offset, PAGE_SIZE),
        },
    )


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
