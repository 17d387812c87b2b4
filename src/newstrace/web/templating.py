"""The Jinja2 environment: templates from the package, autoescape always on, and the few filters the
pages need. Article text, titles, names and URLs are attacker-controlled: they reach HTML only through
autoescaped expressions, and URLs only through :func:`safe_url`."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from newstrace.web.highlight import claim_value, entity_href

SAFE_SCHEMES = frozenset({"http", "https"})
# Under this, a confidence is shown as low: the review is most worth it there.
LOW_CONFIDENCE = 0.6


def safe_url(value: Any) -> str | None:
    """The URL if it is an absolute http(s) URL, else None (no ``javascript:``, ``data:``, ...)."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.netloc:
        return None
    if any(c in url for c in "\x00\r\n\t "):
        return None
    return url


def query_string(params: dict[str, Any], **changes: Any) -> str:
    """``?a=1&b=2`` from the current filters with some changed (None drops a key)."""
    merged = {**params, **changes}
    kept = {k: v for k, v in merged.items() if v not in (None, "")}
    return "?" + urlencode(kept) if kept else "?"


def confidence(value: Any) -> Markup:
    """A confidence as a small figure, marked low under 0.6 (docs/confidence.md says how each is made);
    nothing for an annotation stored before it had one."""
    if not isinstance(value, int | float):
        return Markup("")
    low = " low" if value < LOW_CONFIDENCE else ""
    return Markup('<span class="confidence{}">{:.2f}</span>').format(low, float(value))


def path_part(value: Any) -> str:
    return quote(str(value), safe="")


def make_templates() -> Jinja2Templates:
    env = Environment(
        loader=PackageLoader("newstrace.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    env.filters["claim_value"] = lambda c: claim_value(c.get("low"), c.get("high"), c.get("bound", ""))
    env.filters["entity_href"] = entity_href
    env.filters["path_part"] = path_part
    env.filters["confidence"] = confidence
    env.globals["query_string"] = query_string
    return Jinja2Templates(env=env)
