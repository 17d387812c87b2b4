"""Rendering a page: the template with the request (for links) and the app's write state."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from starlette.responses import Response

from newstrace.web.context import context


def page(request: Request, template: str, values: dict[str, Any], status_code: int = 200) -> Response:
    ctx = context(request)
    return ctx.templates.TemplateResponse(
        request, template, {"writable": ctx.writable, **values}, status_code=status_code
    )
