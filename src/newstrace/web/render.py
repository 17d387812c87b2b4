"""Rendering a page: the template with the request (for links) and the app's write state."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from starlette.responses import Response

from newstrace.web.context import context
from newstrace.web.review_auth import review_state


def page(request: Request, template: str, values: dict[str, Any], status_code: int = 200) -> Response:
    ctx = context(request)
    response = ctx.templates.TemplateResponse(
        request,
        template,
        {"writable": ctx.writable, "review": review_state(request), **values},
        status_code=status_code,
    )
    if ctx.writable:
        # The review forms' writes are checked against their Origin, which browsers send as "null"
        # under "no-referrer": same-origin still tells other sites nothing.
        response.headers["Referrer-Policy"] = "same-origin"
    return response
