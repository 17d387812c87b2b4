"""Response headers that make injected markup inert even if an escaping bug let some through, and the
write-token check."""

from __future__ import annotations

import hmac
import json

from fastapi import HTTPException, Request
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newstrace.web.context import context

# Scripts and styles only from our own static files (no inline script or style, no eval; the chart and
# map libraries set element styles from script, which a policy does not restrict); nothing loads from
# another origin.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


class SecurityHeaders:
    """Plain ASGI middleware (cheaper per request than Starlette's BaseHTTPMiddleware)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            # A bug answers 500 with the headers too (Starlette's own error response is sent outside
            # every middleware, without them); the error goes on up to be logged.
            if not started:
                await _internal_error(send_with_headers)
            raise


async def _internal_error(send: Send) -> None:
    body = json.dumps({"detail": "internal server error"}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 500,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def require_token(request: Request) -> None:
    """403 when the server takes no writes; 401 without a bearer token; 403 with a wrong one."""
    expected = context(request).token
    if expected is None:
        raise HTTPException(403, "writes are disabled: start the server with --token to allow ingest")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise HTTPException(401, "a bearer token is required", headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPException(403, "wrong token")
