"""The stories list (filters by date, entity, place, language) and a story page."""

from __future__ import annotations

from collections import defaultdict
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request
from starlette.responses import RedirectResponse, Response

from newstrace.services.browse import events_list, languages, story_list
from newstrace.services.errors import StoreError
from newstrace.services.session import DocumentStore
from newstrace.services.stories import show_story
from newstrace.web.context import context, read_db
from newstrace.web.list_params import StoryFilterQ
from newstrace.web.params import Offset
from newstrace.web.render import page
from newstrace.web.views import PAGE_SIZE, Pager, syndication_tree, timeline

router = APIRouter(include_in_schema=False)


@router.get("/")
def home() -> Response:
    return RedirectResponse("/stories", status_code=302)


@router.get("/stories")
def stories(request: Request, flt: StoryFilterQ, offset: Offset = 0) -> Response:
    db = read_db(request)
    filters = flt.params()
    data = story_list(db, **filters, limit=PAGE_SIZE, offset=offset, cache=context(request).story_index)
    return page(
        request,
        "stories.html",
        {
            "data": data,
            "filters": filters,
            "languages": languages(db),
            "pager": Pager(data["total"], offset, PAGE_SIZE),
        },
    )


@router.get("/stories/{story_id}")
def story(request: Request, story_id: Annotated[str, Path(max_length=200)]) -> Response:
    db = read_db(request)
    try:
        data = show_story(DocumentStore(db), story_id)
    except StoreError as exc:
        raise HTTPException(404, str(exc)) from exc
    by_lang: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for a in data["articles"]:
        by_lang[a["lang"] or "und"].append(a)
    return page(
        request,
        "story.html",
        {
            "story": data,
            "by_lang": dict(sorted(by_lang.items())),
            "tree": syndication_tree(data["articles"], data["edges"]),
            "timeline": timeline(data["articles"]),
            "events": events_list(db, story_id=story_id, limit=500),
        },
    )
