"""``/api/search``: full-text search, and documents naming an entity the query names in any language."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request

from newstrace.services.browse import search_all
from newstrace.services.errors import StoreError
from newstrace.web.context import read_db
from newstrace.web.params import Limit, Offset
from newstrace.web.schemas import Problem, SearchResult

router = APIRouter(prefix="/api", tags=["search"])


@router.get("/search", response_model=SearchResult, responses={400: {"model": Problem}})
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500, description='words, "phrases", OR (FTS5)')],
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    try:
        return search_all(read_db(request), q, limit, offset)
    except StoreError as exc:
        raise HTTPException(400, str(exc)) from exc
