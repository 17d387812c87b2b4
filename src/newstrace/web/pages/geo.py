"""The map of places and events, on an offline base map (no tile server)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from newstrace.services.browse import events_list
from newstrace.web.context import read_db
from newstrace.web.params import DateQ
from newstrace.web.render import page

router = APIRouter(include_in_schema=False)


@router.get("/map")
def map_page(request: Request, since: DateQ = None, until: DateQ = None) -> Response:
    events = events_list(read_db(request), located=True, limit=1)
    return page(
        request,
        "map.html",
        {"filters": {"since": since, "until": until}, "events_available": events["available"]},
    )
