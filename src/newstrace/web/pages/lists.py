"""The claim and event list pages, and the CSV and JSON downloads of the document, claim and event
lists: ``/documents.csv?lang=fr`` is every row of ``/documents?lang=fr``, whatever the page."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from newstrace.services.lists import ListFilter, ListKind, available, csv_chunks, json_chunks, list_page
from newstrace.services.session import Database
from newstrace.web.context import read_db
from newstrace.web.list_params import ListFilterQ
from newstrace.web.params import Offset
from newstrace.web.render import page
from newstrace.web.views import PAGE_SIZE, Pager

router = APIRouter(include_in_schema=False)
LIST_KINDS: tuple[ListKind, ...] = ("documents", "claims", "events")
Chunks = Callable[[Database, ListKind, ListFilter], Iterator[str]]
FORMATS: dict[str, tuple[str, Chunks]] = {
    "csv": ("text/csv; charset=utf-8", csv_chunks),
    "json": ("application/json", json_chunks),
}


def list_values(request: Request, kind: ListKind, flt: ListFilter, offset: int) -> dict[str, Any]:
    """What a list template needs: the page of rows, facets, pager and download links."""
    db = read_db(request)
    data = list_page(db, kind, flt, PAGE_SIZE, offset)
    query = request.url.query
    query = "&".join(p for p in query.split("&") if p and not p.startswith("offset="))
    return {
        "data": data,
        "kind": kind,
        "filters": data["filters"],
        "available": available(db, kind),
        "pager": Pager(data["total"], offset, PAGE_SIZE),
        "downloads": {fmt: f"/{kind}.{fmt}" + (f"?{query}" if query else "") for fmt in FORMATS},
    }


@router.get("/claims")
def claims(request: Request, flt: ListFilterQ, offset: Offset = 0) -> Response:
    return page(request, "claims.html", list_values(request, "claims", flt, offset))


@router.get("/events")
def events(request: Request, flt: ListFilterQ, offset: Offset = 0) -> Response:
    return page(request, "events.html", list_values(request, "events", flt, offset))


def _download(request: Request, kind: ListKind, fmt: str, flt: ListFilter) -> Response:
    media, chunks = FORMATS[fmt]
    # Read whole here: the read connection belongs to this thread, and a streamed body would be read
    # from other threads of the pool.
    body = "".join(chunks(read_db(request), kind, flt))
    return Response(
        body,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{kind}.{fmt}"'},
    )


def _add_download(kind: ListKind, fmt: str) -> None:
    """``/{kind}.{fmt}``: every row of the list ``/{kind}`` shows, as filtered."""

    def download(request: Request, flt: ListFilterQ) -> Response:
        return _download(request, kind, fmt, flt)

    router.add_api_route(f"/{kind}.{fmt}", download, methods=["GET"], name=f"{kind}_{fmt}")


for _kind in LIST_KINDS:
    for _fmt in FORMATS:
        _add_download(_kind, _fmt)
