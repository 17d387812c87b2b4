"""``/api/places`` and ``/api/events``: what the map shows."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from newstrace.services.browse import events_list, places_list
from newstrace.services.lists import facets
from newstrace.web.context import read_db
from newstrace.web.list_params import ListFilterQ
from newstrace.web.list_schemas import FacetedEventList
from newstrace.web.params import DateQ, Offset, PointLimit
from newstrace.web.schemas import PlaceList

router = APIRouter(prefix="/api", tags=["map"])
StoryQ = Annotated[str | None, Query(max_length=200)]


@router.get("/places", response_model=PlaceList)
def places(
    request: Request,
    since: DateQ = None,
    until: DateQ = None,
    story: StoryQ = None,
    limit: PointLimit = 1000,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Resolved places named outside boilerplate, with the number of documents naming each."""
    return places_list(read_db(request), since, until, story, limit, offset)


@router.get("/events", response_model=FacetedEventList)
def events(
    request: Request,
    flt: ListFilterQ,
    doc: Annotated[str | None, Query(max_length=128)] = None,
    located: bool = False,
    limit: PointLimit = 200,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Typed events (empty, with ``available`` false, on stores made before events existed), with the
    facets of the filtered list (``label`` is the event type); ``/events.csv`` and ``/events.json``
    download it."""
    db = read_db(request)
    data = events_list(
        db,
        doc_ids=[doc] if doc else None,
        located=located,
        limit=limit,
        offset=offset,
        filters=flt,
    )
    data["facets"] = facets(db, "events", flt)
    return data
