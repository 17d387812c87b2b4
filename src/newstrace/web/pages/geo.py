"""The map of places and events, on an offline base map (no tile server).

The page carries its points (places and located events, as ``/api/places`` and ``/api/events`` give
them) and the base map comes as a script (``static/geo/*.js``, Natural Earth GeoJSON as scripts),
so the map is drawn when the page has loaded, without a request to wait for."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from newstrace.services.browse import events_list, places_list
from newstrace.web.context import read_db
from newstrace.web.params import MAX_POINTS, DateQ
from newstrace.web.render import page

router = APIRouter(include_in_schema=False)


@router.get("/map")
def map_page(request: Request, since: DateQ = None, until: DateQ = None) -> Response:
    db = read_db(request)
    places = places_list(db, since, until, limit=MAX_POINTS)["places"]
    events = events_list(db, located=True, limit=MAX_POINTS)
    return page(
        request,
        "map.html",
        {
            "filters": {"since": since, "until": until},
            "events_available": events["available"],
            "points": {"places": places, "events": events["events"]},
        },
    )
