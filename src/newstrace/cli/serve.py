"""``newstrace serve``: the web app and HTTP API on a store (read-only unless given a token)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newstrace.cli import render
from newstrace.cli.errors import store_errors
from newstrace.settings import Settings


def serve(
    ctx: typer.Context,
    db: Annotated[
        Path | None, typer.Option("--db", help="SQLite store file (also accepted before the command).")
    ] = None,
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="NEWSTRACE_TOKEN",
            help="Allow writes (POST /api/ingest) to requests bearing this token. Without it the server "
            "is read-only.",
        ),
    ] = None,
) -> None:
    """Serve the web app (stories, documents, ledger, map, entities, search) and the JSON API."""
    import uvicorn

    from newstrace.web.app import create_app

    settings = ctx.obj
    assert isinstance(settings, Settings)
    if db is not None:
        settings = settings.with_overrides(db=db)
    with store_errors(settings.db):
        app = create_app(settings.db, token=token, settings=settings)
    mode = "writable with a token" if token else "read-only"
    render.info(f"serving {settings.db} ({mode}) on http://{host}:{port}/ (API schema: /api/openapi.json)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
