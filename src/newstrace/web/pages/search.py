"""Search: full text, and across languages through entity names."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from newstrace.services.browse import search_all
from newstrace.services.errors import StoreError
from newstrace.web.context import read_db
from newstrace.web.params import Offset
from newstrace.web.render import page
from newstrace.web.views import Pager

router = APIRouter(include_in_schema=False)
SEARCH_PAGE = 20


@router.get("/search")
def search(request: Request, q: Annotated[str, Query(max_length=500)] = "", offset: Offset = 0) -> Response:
    result = error = None
    if q.strip():
        try:
            result = search_all(read_db(request), q, SEARCH_PAGE, offset)
        except StoreError as exc:
            error = str(exc)
    pager = Pager(result["total"], offset, SEARCH_PAGE) if result else None
    return page(
        request,
        "search.html",
        {"q": q, "result": result, "error": error, "pager": pager},
        status_code=400 if error else 200,
    )
