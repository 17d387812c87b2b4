"""Who may write corrections from the web pages, and protection of those forms against cross-site
requests.

Writes need the server's token (the one ``POST /api/ingest`` and ``POST /api/corrections`` take as a
bearer token). A browser cannot send a header from a plain form, so the analyst gives the token once on
``/review/sign-in``; the server answers with a session cookie ``nonce.signature`` (an HMAC of a random
nonce under the token: nothing is stored server-side, and restarting with another token ends every
session). The cookie is HttpOnly and SameSite=Strict.

Every form that writes also carries a CSRF token, the HMAC of ``csrf:`` and the session's nonce (a
synchronizer token tied to the session, which another site can neither read nor forge), and the request
must come from this site: its ``Origin`` header, or else its ``Referer``, must name this server. A write
missing any of these is refused with 403.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any
from urllib.parse import urlsplit

from fastapi import HTTPException, Request

from newstrace.web.context import context

SESSION_COOKIE = "newstrace_review"
WHO_COOKIE = "newstrace_who"


def _sign(token: str, message: str) -> str:
    return hmac.new(token.encode(), message.encode(), hashlib.sha256).hexdigest()


def new_session(token: str) -> str:
    nonce = secrets.token_urlsafe(18)
    return f"{nonce}.{_sign(token, 'session:' + nonce)}"


def session_nonce(request: Request) -> str | None:
    """The nonce of the request's valid session, or None (no token on this server, no or bad cookie)."""
    token = context(request).token
    value = request.cookies.get(SESSION_COOKIE, "")
    if token is None or "." not in value:
        return None
    nonce, _, sig = value.partition(".")
    if not hmac.compare_digest(sig.encode(), _sign(token, "session:" + nonce).encode()):
        return None
    return nonce


def csrf_token(token: str, nonce: str) -> str:
    return _sign(token, "csrf:" + nonce)


def same_origin(request: Request) -> bool:
    """The request comes from a page of this server (``Origin``, else ``Referer``; neither: refused)."""
    host = request.headers.get("host", "")
    origin = request.headers.get("origin")
    source = origin if origin and origin != "null" else request.headers.get("referer")
    if not source or not host:
        return False
    try:
        parts = urlsplit(source)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and parts.netloc == host


def check_origin(request: Request) -> None:
    if not same_origin(request):
        raise HTTPException(403, "this form must be sent from a page of this server")


def check_form_write(request: Request, csrf: str) -> None:
    """403 unless the server takes writes, the analyst signed in, the CSRF token matches and the
    request comes from this site."""
    token = context(request).token
    if token is None:
        raise HTTPException(403, "writes are disabled: start the server with --token to allow corrections")
    check_origin(request)
    nonce = session_nonce(request)
    if nonce is None:
        raise HTTPException(403, "sign in with the server's token first (/review/sign-in)")
    if not hmac.compare_digest(csrf.encode(), csrf_token(token, nonce).encode()):
        raise HTTPException(403, "the form's CSRF token does not match your session: reload the page")


def check_token(request: Request, given: str) -> None:
    token = context(request).token
    if token is None:
        raise HTTPException(403, "writes are disabled: start the server with --token to allow corrections")
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(403, "wrong token")


def review_state(request: Request) -> dict[str, Any]:
    """What the review controls of a page need: whether writes are possible, whether the analyst signed
    in, the form's CSRF token, the analyst's name, and where to come back after a write."""
    token = context(request).token
    nonce = session_nonce(request) if token is not None else None
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return {
        "enabled": token is not None,
        "signed_in": nonce is not None,
        "csrf": csrf_token(token, nonce) if token is not None and nonce is not None else "",
        "who": request.cookies.get(WHO_COOKIE, "")[:100],
        "next": here,
    }


def local_path(value: str | None, default: str = "/review") -> str:
    """A path on this server to go back to (never another site: no scheme, no host, no ``//``)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return default
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return default
    return value
