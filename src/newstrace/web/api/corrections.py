"""``/api/corrections``: the analyst's judgements of annotations (list; record with the server's token),
the gazetteer candidates a place can be corrected to, and the review queue."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from newstrace.services.corrections import CorrectionError, list_corrections, place_candidates, record
from newstrace.services.errors import StoreError
from newstrace.services.review_queue import review_queue
from newstrace.services.session import Database
from newstrace.web.context import WebContext, context, read_db
from newstrace.web.params import Limit, Offset
from newstrace.web.schemas import Problem
from newstrace.web.security import require_token

router = APIRouter(prefix="/api", tags=["corrections"])
Kind = Literal["claim", "place", "entity_link", "event"]
Action = Literal["confirm", "correct", "reject"]
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem},
    401: {"model": Problem},
    403: {"model": Problem},
    409: {"model": Problem},
}


class CorrectionIn(BaseModel):
    """A judgement of one annotation, named by its document, kind and raw span (a claim's figure, a
    place's or entity's mention, an event's trigger); ``subkind`` is a claim's kind as the pipeline gave
    it, needed only when two claims share a figure."""

    model_config = ConfigDict(extra="forbid")
    doc_id: str = Field(min_length=4, max_length=128)
    kind: Kind
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    subkind: str | None = Field(default=None, max_length=100)
    action: Action
    fields: dict[str, Any] = Field(
        default_factory=dict,
        description="claim: kind, value or low/high, bound, subject, claimant; place: candidate (a "
        "gazetteer id); entity_link: entity_id; event: type, status, place (a place of the document)",
    )
    note: str | None = Field(default=None, max_length=300)
    who: str = Field(min_length=1, max_length=100, description="the analyst's name")


class CorrectionOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: int
    doc_id: str
    kind: str
    start: int
    end: int
    key: str
    action: str
    fields: dict[str, Any]
    original: dict[str, Any]
    note: str | None
    who: str
    at: str
    status: str


class CorrectionList(BaseModel):
    total: int
    offset: int
    limit: int
    corrections: list[CorrectionOut]


class Candidate(BaseModel):
    id: str
    name: str
    feature: str
    country: str | None
    population: int


class ReviewItem(BaseModel):
    model_config = ConfigDict(extra="allow")
    doc_id: str
    kind: str
    start: int
    end: int
    score: float
    reasons: list[str]


class ReviewQueue(BaseModel):
    total: int
    offset: int
    limit: int
    items: list[ReviewItem]


def write_correction(ctx: WebContext, body: dict[str, Any]) -> dict[str, Any]:
    """Record one correction on a write connection of its own (request connections are read-only)."""
    db = Database(ctx.db_path)
    try:
        doc_ref = body.pop("doc_id")
        return record(db, doc_ref, settings=ctx.settings, **body).as_dict()
    finally:
        db.close()


@router.get("/corrections", response_model=CorrectionList)
def corrections(
    request: Request,
    doc: Annotated[str | None, Query(max_length=128)] = None,
    kind: Kind | None = None,
    status: Literal["attached", "orphaned"] | None = None,
    history: bool = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Corrections, oldest first: the latest of each annotation (``history`` adds superseded ones);
    ``status=orphaned`` lists those whose annotation re-analysis no longer finds."""
    found = list_corrections(read_db(request), doc, kind, status, history)
    return {
        "total": len(found),
        "offset": offset,
        "limit": limit,
        "corrections": found[offset : offset + limit],
    }


@router.post(
    "/corrections",
    status_code=201,
    response_model=CorrectionOut,
    dependencies=[Depends(require_token)],
    responses=ERRORS,
)
async def add_correction(request: Request, body: CorrectionIn) -> dict[str, Any]:
    """Confirm, correct or reject one annotation; needs ``Authorization: Bearer <token>``. A later
    judgement of the same annotation supersedes the earlier one (kept as history)."""
    try:
        return await run_in_threadpool(write_correction, context(request), body.model_dump())
    except CorrectionError as exc:
        raise HTTPException(400, str(exc)) from exc
    except StoreError as exc:
        raise HTTPException(409, str(exc)) from exc


@router.get("/corrections/candidates", response_model=list[Candidate])
def candidates(
    request: Request, text: Annotated[str, Query(min_length=1, max_length=200)]
) -> list[dict[str, Any]]:
    """The gazetteer places a place name can be corrected to (their ``id`` is a place's ``candidate``)."""
    return place_candidates(text, context(request).settings)


@router.get("/review", response_model=ReviewQueue)
def review(
    request: Request,
    kind: Kind | None = None,
    reviewed: bool = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Annotations most worth an analyst's look first (see ``services/review_queue.py`` for the ranking)."""
    return review_queue(read_db(request), kind=kind, reviewed=reviewed, limit=limit, offset=offset)
