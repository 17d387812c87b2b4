"""``/api/documents``: the document list and one document with every annotation."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request

from newstrace.services.browse import events_list
from newstrace.services.documents import list_documents, show_document
from newstrace.store.documents import DocumentFilter, DocumentStore
from newstrace.store.sqlite import StoreError
from newstrace.web.context import read_db
from newstrace.web.params import DateQ, LangQ, Limit, Offset, QualityQ, TextQ
from newstrace.web.schemas import DocumentDetail, DocumentList, Problem

router = APIRouter(prefix="/api", tags=["documents"])
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Problem}}


@router.get("/documents", response_model=DocumentList)
def documents(
    request: Request,
    lang: LangQ = None,
    since: DateQ = None,
    until: DateQ = None,
    source: TextQ = None,
    quality: QualityQ = None,
    duplicates: bool = True,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Stored documents, newest first."""
    flt = DocumentFilter(lang, since, until, source, quality, duplicates, limit, offset)
    return list_documents(DocumentStore(read_db(request)), flt)


@router.get("/documents/{doc_id}", response_model=DocumentDetail, responses=NOT_FOUND)
def document(request: Request, doc_id: Annotated[str, Path(min_length=4, max_length=128)]) -> dict[str, Any]:
    """One document as the export contract shapes it (offsets into ``raw``), with its events."""
    db = read_db(request)
    try:
        data = show_document(DocumentStore(db), doc_id)
    except StoreError as exc:
        raise HTTPException(404, str(exc)) from exc
    data["events"] = events_list(db, doc_ids=[data["id"]], limit=1000)["events"]
    return data
