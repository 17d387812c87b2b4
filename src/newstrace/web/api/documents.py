"""``/api/documents``: the document list and one document with every annotation."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request

from newstrace.services.browse import events_list
from newstrace.services.documents import show_document
from newstrace.services.errors import StoreError
from newstrace.services.lists import list_page
from newstrace.services.session import DocumentStore
from newstrace.web.context import read_db
from newstrace.web.list_params import ListFilterQ
from newstrace.web.list_schemas import FacetedDocumentList
from newstrace.web.params import Limit, Offset, QualityQ
from newstrace.web.schemas import DocumentDetail, Problem

router = APIRouter(prefix="/api", tags=["documents"])
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Problem}}


@router.get("/documents", response_model=FacetedDocumentList)
def documents(
    request: Request, flt: ListFilterQ, quality: QualityQ = None, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """Stored documents, newest first, with the facets of the filtered list (``label`` and ``quality``
    both filter by text quality); ``/documents.csv`` and ``/documents.json`` download it whole."""
    if quality and not flt.label:
        flt = replace(flt, label=quality)
    return list_page(read_db(request), "documents", flt, limit, offset)


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
