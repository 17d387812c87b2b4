"""The entity list and an entity page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request
from starlette.responses import Response

from newstrace.services.browse import entity_claims, story_list
from newstrace.services.entities import list_entities, show_entity
from newstrace.services.errors import StoreError
from newstrace.web.context import context, read_db
from newstrace.web.params import EntityTypeQ, Offset
from newstrace.web.render import page
from newstrace.web.views import PAGE_SIZE, Pager

router = APIRouter(include_in_schema=False)


@router.get("/entities")
def entities(request: Request, etype: EntityTypeQ = None, offset: Offset = 0) -> Response:
    data = list_entities(read_db(request), etype, PAGE_SIZE + 1, offset)
    # One more than a page tells whether there is a next page without counting every entity.
    more = len(data["entities"]) > PAGE_SIZE
    data["entities"] = data["entities"][:PAGE_SIZE]
    total = offset + len(data["entities"]) + (1 if more else 0)
    return page(
        request,
        "entities.html",
        {"data": data, "etype": etype, "pager": Pager(total, offset, PAGE_SIZE)},
    )


@router.get("/entities/{entity_id:path}")
def entity(request: Request, entity_id: Annotated[str, Path(max_length=300)]) -> Response:
    db = read_db(request)
    try:
        data = show_entity(db, entity_id)
    except StoreError as exc:
        raise HTTPException(404, str(exc)) from exc
    return page(
        request,
        "entity.html",
        {
            "entity": data,
            "claims": entity_claims(db, data["id"]),
            "stories": story_list(db, entity=data["id"], limit=20, cache=context(request).story_index)[
                "stories"
            ],
        },
    )
