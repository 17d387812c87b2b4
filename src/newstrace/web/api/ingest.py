"""``POST /api/ingest``: the one write, only for a server started with a token and a request bearing it.

The body is JSON Lines (one article per line) or JSON (one article object, or a list of them), with the
fields of the JSON Lines reader (``id, url, title, text, date, lang, source``). It goes through the same
ingest path as ``newstrace ingest`` (a temporary ``.jsonl`` file read by the JSON Lines reader), so an
article ingested here is analysed exactly as one ingested from the command line; its documents and
rejections are stored under the source ``api:NAME`` (``?source=NAME``), never the temporary path.
"""

from __future__ import annotations

import json
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from starlette.concurrency import run_in_threadpool

from newstrace.readers.names import source_name
from newstrace.services.errors import StoreError
from newstrace.services.ingest import ingest
from newstrace.services.session import Database
from newstrace.web.context import WebContext, context
from newstrace.web.schemas import IngestResult, Problem
from newstrace.web.security import require_token

router = APIRouter(prefix="/api", tags=["ingest"])
MAX_BODY_BYTES = 20 * 1024 * 1024
API_ORIGIN = "api"

_BODY_DOC = {
    "requestBody": {
        "required": True,
        "content": {
            "application/x-ndjson": {"schema": {"type": "string"}},
            "application/json": {
                "schema": {
                    "oneOf": [
                        {"type": "object", "required": ["text"]},
                        {"type": "array", "items": {"type": "object", "required": ["text"]}},
                    ]
                }
            },
        },
    }
}


def to_json_lines(body: bytes, content_type: str) -> str:
    """The body as JSON Lines of objects; ``ValueError`` says what is wrong with it."""
    text = body.decode("utf-8")
    if content_type.split(";")[0].strip().lower() == "application/json":
        items = _as_list(_loads(text, "the body"))
    else:
        items = [_loads(line, f"line {n}") for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    if not items:
        raise ValueError("no article in the body")
    lines = []
    for i, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise ValueError(f"article {i} is not a JSON object")
        line = json.dumps(item, ensure_ascii=False) + "\n"
        try:
            line.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ValueError(f"article {i}: a \\u escape makes a lone surrogate (not text)") from exc
        lines.append(line)
    return "".join(lines)


def _loads(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{what} is not JSON: {exc.msg}") from exc
    except RecursionError as exc:  # one recursion per level: a thousand nested arrays exhaust it
        raise ValueError(f"{what}: JSON nested too deeply") from exc


def _as_list(data: Any) -> list[Any]:
    return data if isinstance(data, list) else [data]


def upload_source(name: str | None) -> str:
    """The source stored for an upload: the ``api`` origin and the client's name for it (or a unique
    one, so that two unnamed uploads keep their rejections apart)."""
    if not name or not name.strip():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        name = f"upload-{stamp}-{uuid.uuid4().hex[:8]}"
    return f"{API_ORIGIN}:{name.strip()}"


def _run(ctx: WebContext, lines: str, source: str) -> dict[str, Any]:
    with ctx.ingest_lock, tempfile.TemporaryDirectory(prefix="newstrace-api-") as tmp:
        path = Path(tmp) / "api-upload.jsonl"
        path.write_text(lines, encoding="utf-8")
        db = Database(ctx.db_path)
        try:
            settings = ctx.settings.with_overrides(db=ctx.db_path)
            report = ingest([path], settings, db, names={source_name(path): source})
        finally:
            db.close()
    return report.as_dict()


@router.post(
    "/ingest",
    response_model=IngestResult,
    dependencies=[Depends(require_token)],
    responses={
        400: {"model": Problem},
        401: {"model": Problem},
        403: {"model": Problem},
        413: {"model": Problem},
    },
    openapi_extra=_BODY_DOC,
)
async def ingest_articles(
    request: Request,
    source: Annotated[
        str | None,
        Query(
            max_length=200,
            pattern=r"^[^\x00-\x1f]*$",
            description="A name for this upload (e.g. the file it came from); the documents' source is "
            "`api:` and this name [default: a unique upload name].",
        ),
    ] = None,
) -> dict[str, Any]:
    """Ingest articles (JSON Lines, or a JSON article or list of articles); needs ``Authorization:
    Bearer <token>`` and a server started with ``--token``."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:  # stop reading: a larger body is refused, not buffered
            raise HTTPException(413, f"body larger than {MAX_BODY_BYTES} bytes: send it in parts")
        chunks.append(chunk)
    body = b"".join(chunks)
    try:
        lines = to_json_lines(body, request.headers.get("content-type", ""))
    except (ValueError, UnicodeDecodeError) as exc:
        raise HTTPException(400, f"cannot read the body: {exc}") from exc
    try:
        return await run_in_threadpool(_run, context(request), lines, upload_source(source))
    except StoreError as exc:
        raise HTTPException(409, str(exc)) from exc
