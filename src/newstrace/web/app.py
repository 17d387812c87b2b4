"""The application factory: ``create_app(db_path, token=None)``.

Read-only unless a token is given: pages and ``GET /api/...`` read through ``query_only`` connections;
``POST /api/ingest`` is the only write and needs the token. The OpenAPI schema is at
``/api/openapi.json``; the interactive docs pages FastAPI would load from a CDN are turned off (nothing
is fetched from the network at run time).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from newstrace import __version__
from newstrace.services.errors import StoreError
from newstrace.services.session import Database
from newstrace.settings import Settings
from newstrace.web.api import claims, corrections, documents, entities, geo, ingest, search, stories
from newstrace.web.context import ReadPool, WebContext
from newstrace.web.pages import documents as documents_pages
from newstrace.web.pages import entities as entities_pages
from newstrace.web.pages import geo as geo_pages
from newstrace.web.pages import ledger as ledger_pages
from newstrace.web.pages import lists as lists_pages
from newstrace.web.pages import review as review_pages
from newstrace.web.pages import search as search_pages
from newstrace.web.pages import stories as stories_pages
from newstrace.web.render import page
from newstrace.web.security import SecurityHeaders
from newstrace.web.templating import make_templates


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if _is_api(request) or request.url.path.startswith("/static/"):
        return await http_exception_handler(request, exc)
    return page(
        request,
        "error.html",
        {"status": exc.status_code, "message": str(exc.detail)},
        status_code=exc.status_code,
    )


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    if _is_api(request):
        return await request_validation_exception_handler(request, exc)
    problems = [f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors()]
    return page(
        request,
        "error.html",
        {"status": 422, "message": "; ".join(problems) or "invalid request"},
        status_code=422,
    )


def create_app(db_path: Path | str, token: str | None = None, settings: Settings | None = None) -> FastAPI:
    """The web app and API on the store at ``db_path``; writes (``POST /api/ingest``) only with
    ``token``. Without a token the store must exist; with one, an empty store is created."""
    path = Path(db_path)
    if not path.exists() and token is None:
        raise StoreError(f"no store at {path}: run `newstrace ingest PATH` or `newstrace demo` first")
    Database(path).close()  # apply pending migrations now, not inside a read-only request
    pool = ReadPool(path)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()

    app = FastAPI(
        title="newstrace",
        version=__version__,
        description="Stories, documents, entities, places, claims and events read out of multilingual "
        "war reporting, each traceable to the characters of the article it came from.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.newstrace = WebContext(
        db_path=path,
        pool=pool,
        templates=make_templates(),
        settings=(settings or Settings()).with_overrides(db=path),
        token=token or None,
    )
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(packages=[("newstrace.web", "static")]), name="static")
    for router in (
        stories.router,
        documents.router,
        entities.router,
        claims.router,
        geo.router,
        search.router,
        ingest.router,
        corrections.router,
        stories_pages.router,
        lists_pages.router,
        documents_pages.router,
        entities_pages.router,
        ledger_pages.router,
        geo_pages.router,
        search_pages.router,
        review_pages.router,
    ):
        app.include_router(router)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    return app
