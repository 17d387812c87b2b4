"""The map of places and events, on an offline base map (no tile server).

The page carries its points (places and located events, as ``/api/places`` and ``/api/events`` give
them) and the base map comes as a script (``/map/basemap.js``, the GeoJSON shipped with the package),
so the map is drawn when the page has loaded, without a request to wait for."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from fastapi import APIRouter, Request
from starlette.responses import Response

from newstrace.services.browse import events_list, places_list
from newstrace.web.context import read_db
from newstrace.web.params import MAX_POINTS, DateQ
from newstrace.web.render import page

router = APIRouter(include_in_schema=False)


@cache
def basemap_script() -> bytes:
    geo = resources.files("newstrace.web").joinpath("static", "geo")
    world = geo.joinpath("world.geojson").read_text(encoding="utf-8")
    admin1 = geo.joinpath("ua_ru_admin1.geojson").read_text(encoding="utf-8")
    # The files are our own GeoJSON (scripts/build_basemap.py): checked as JSON before they become code.
    json.loads(world)
    json.loads(admin1)
    return f'window.NT_BASEMAP = {{"world": {world}, "admin1": {admin1}}};\n'.encode()


@router.get("/map/basemap.js")
def basemap() -> Response:
    return Response(
        basemap_script(),
        media_type="text/javascript",
        headers={"Cache-Control": "public, max-age=86400"},
    )


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
