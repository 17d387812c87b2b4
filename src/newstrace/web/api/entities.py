"""``/api/entities``: entities by mentions, and one entity with its names, documents and claims."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request

from newstrace.services.browse import entity_claims
from newstrace.services.entities import list_entities, show_entity
from newstrace.services.errors import StoreError
from newstrace.web.context import read_db
from newstrace.web.params import EntityTypeQ, Limit, Offset
from newstrace.web.schemas import EntityDetail, EntityList, Problem

router = APIRouter(prefix="/api", tags=["entities"])
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Problem}}


@router.get("/entities", response_model=EntityList)
def entities(
    request: Request, etype: EntityTypeQ = None, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """Entities, the most mentioned first."""
    return list_entities(read_db(request), etype, limit, offset)


@router.get("/entities/{entity_id:path}", response_model=EntityDetail, responses=NOT_FOUND)
def entity(request: Request, entity_id: Annotated[str, Path(max_length=300)]) -> dict[str, Any]:
    """One entity (by id or any of its names): names per language, documents, company, claims made."""
    db = read_db(request)
    try:
        data = show_entity(db, entity_id)
    except StoreError as exc:
        raise HTTPException(404, str(exc)) from exc
    data["claims"] = entity_claims(db, data["id"])
    return data
