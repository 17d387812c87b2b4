"""``/api/stories``: the story list (filtered, newest first) and one story."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request

from newstrace.services.browse import events_list, story_list
from newstrace.services.errors import StoreError
from newstrace.services.session import DocumentStore
from newstrace.services.stories import show_story
from newstrace.web.context import context, read_db
from newstrace.web.list_params import StoryFilterQ
from newstrace.web.params import Limit, Offset
from newstrace.web.schemas import Problem, StoryDetail, StoryList

router = APIRouter(prefix="/api", tags=["stories"])
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Problem}}


@router.get("/stories", response_model=StoryList)
def stories(request: Request, flt: StoryFilterQ, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Stories, newest first, with languages, article count, dates, main entities and places."""
    return story_list(
        read_db(request), **flt.params(), limit=limit, offset=offset, cache=context(request).story_index
    )


@router.get("/stories/{story_id}", response_model=StoryDetail, responses=NOT_FOUND)
def story(request: Request, story_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
    """One story: articles by language and date, syndication edges, main entities, claims, events."""
    db = read_db(request)
    try:
        data = show_story(DocumentStore(db), story_id)
    except StoreError as exc:
        raise HTTPException(404, str(exc)) from exc
    data["events"] = events_list(db, story_id=story_id, limit=1000)["events"]
    return data
