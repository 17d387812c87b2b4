"""The review pages: the queue of annotations most worth a look, signing in with the server's token, and
the form every review control posts to (see ``web/review_auth.py`` for the protection of writes)."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import parse_qs

from fastapi import APIRouter, HTTPException, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from newstrace.services.corrections import CorrectionError
from newstrace.services.errors import StoreError
from newstrace.services.review_queue import review_queue
from newstrace.web.api.corrections import write_correction
from newstrace.web.context import context, read_db
from newstrace.web.params import Offset
from newstrace.web.render import page
from newstrace.web.review_auth import (
    SESSION_COOKIE,
    WHO_COOKIE,
    check_form_write,
    check_origin,
    check_token,
    local_path,
    new_session,
)
from newstrace.web.views import PAGE_SIZE, Pager

router = APIRouter(include_in_schema=False)
MAX_FORM_BYTES = 20_000
# Form fields of a correction, per annotation kind (an empty field leaves the value as it is).
FIELDS = {
    "claim": ("kind", "value", "low", "high", "bound", "subject", "claimant"),
    "place": ("candidate",),
    "entity_link": ("entity_id",),
    "event": ("type", "status", "place"),
}
# Fields whose empty value means "none" rather than "unchanged" are given with a checkbox ``clear_NAME``.
CLEARABLE = {"subject", "claimant", "place", "entity_id", "low", "high"}


async def _form(request: Request) -> dict[str, str]:
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise HTTPException(413, "form too large")
    try:
        parsed = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=60)
    except (UnicodeDecodeError, ValueError) as exc:
        raise HTTPException(400, "the form could not be read") from exc
    return {k: v[-1] for k, v in parsed.items()}


def correction_body(form: dict[str, str]) -> dict[str, Any]:
    """The correction a review form asks for (``ValueError`` when it names no annotation)."""
    kind = form.get("kind", "")
    if kind not in FIELDS:
        raise ValueError(f"unknown annotation kind {kind!r}")
    try:
        start, end = int(form.get("start", "")), int(form.get("end", ""))
    except ValueError as exc:
        raise ValueError("the form names no annotation span") from exc
    fields: dict[str, Any] = {}
    if form.get("action") == "correct":
        for name in FIELDS[kind]:
            value = form.get(f"f_{name}", "").strip()
            if value:
                fields[name] = value
            elif form.get(f"clear_{name}") and name in CLEARABLE:
                fields[name] = None
    return {
        "doc_id": form.get("doc_id", ""),
        "kind": kind,
        "start": start,
        "end": end,
        "subkind": form.get("subkind") or None,
        "action": form.get("action", ""),
        "fields": fields,
        "note": form.get("note") or None,
        "who": form.get("who", ""),
    }


@router.get("/review")
def review(
    request: Request,
    kind: Literal["claim", "place", "entity_link", "event"] | None = None,
    reviewed: bool = False,
    offset: Offset = 0,
) -> Response:
    data = review_queue(read_db(request), kind=kind, reviewed=reviewed, limit=PAGE_SIZE, offset=offset)
    return page(
        request,
        "review.html",
        {
            "data": data,
            "filters": {"kind": kind, "reviewed": "true" if reviewed else None},
            "pager": Pager(data["total"], offset, PAGE_SIZE),
        },
    )


@router.get("/review/sign-in")
def sign_in_page(
    request: Request, next_: Annotated[str | None, Query(alias="next", max_length=500)] = None
) -> Response:
    return page(request, "sign_in.html", {"back": local_path(next_)})


@router.post("/review/sign-in")
async def sign_in(request: Request) -> Response:
    check_origin(request)
    form = await _form(request)
    check_token(request, form.get("token", ""))
    token = context(request).token
    assert token is not None
    response = RedirectResponse(local_path(form.get("next")), status_code=303)
    response.set_cookie(SESSION_COOKIE, new_session(token), httponly=True, samesite="strict", path="/")
    who = form.get("who", "").strip()[:100]
    if who:
        response.set_cookie(WHO_COOKIE, who, httponly=True, samesite="strict", path="/")
    return response


@router.post("/review/sign-out")
async def sign_out(request: Request) -> Response:
    check_origin(request)
    response = RedirectResponse("/review", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.post("/review/corrections")
async def add_correction(request: Request) -> Response:
    form = await _form(request)
    check_form_write(request, form.get("csrf", ""))
    try:
        body = correction_body(form)
        made = await run_in_threadpool(write_correction, context(request), body)
    except (ValueError, CorrectionError) as exc:
        raise HTTPException(400, f"correction not recorded: {exc}") from exc
    except StoreError as exc:
        raise HTTPException(409, str(exc)) from exc
    back = local_path(form.get("next"), "/review")
    response = RedirectResponse(f"{back}#review-{made['kind']}-{made['start']}", status_code=303)
    if body["who"]:
        response.set_cookie(WHO_COOKIE, body["who"][:100], httponly=True, samesite="strict", path="/")
    return response
