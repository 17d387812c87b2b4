"""HTML pages: trafilatura finds the article and its metadata.

For HTML the raw text of a document is trafilatura's extracted text: offsets cannot point into markup that
no analyst reads, and the page itself stays at its source path or URL.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import trafilatura

from newstrace.model import PartialDate, RawRecord, RecordMeta, Rejection
from newstrace.readers.base import ReadResult, check_record_size, read_small_file
from newstrace.readers.decode import InputRejected
from newstrace.readers.names import source_name
from newstrace.settings import Settings

# Below this many characters trafilatura has found navigation or a teaser, not an article. Set from
# pages with menus only (a few dozen characters) against the shortest wire briefs (a few hundred).
MIN_ARTICLE_CHARS = 150


def extract_article(
    html: str,
    source: str,
    fmt: str,
    settings: Settings,
    url: str | None = None,
    source_id: str | None = None,
    encoding: str | None = None,
) -> RawRecord:
    """Extract the article of one HTML page or raise :class:`InputRejected` (shared by WARC and feeds)."""
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    except Exception as exc:  # trafilatura raises many lxml errors on broken pages
        raise InputRejected("unparsable_html", f"{type(exc).__name__}: {exc}") from exc
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(text) < MIN_ARTICLE_CHARS:
        raise InputRejected("no_article", f"extracted {len(text)} characters of text")
    check_record_size(text, settings)
    date = getattr(doc, "date", None)
    meta = RecordMeta(
        title=getattr(doc, "title", None) or None,
        date=PartialDate.parse_iso(date) if isinstance(date, str) else None,
        lang=getattr(doc, "language", None) or None,
        url=url or getattr(doc, "url", None) or None,
        outlet=getattr(doc, "sitename", None) or None,
    )
    return RawRecord(source=source, text=text, fmt=fmt, source_id=source_id, encoding=encoding, meta=meta)


class HtmlReader:
    name = "html"

    def read(self, path: Path, settings: Settings) -> Iterator[ReadResult]:
        source = source_name(path)
        try:
            html, encoding = read_small_file(path, settings)
            yield extract_article(html, source, self.name, settings, encoding=encoding)
        except InputRejected as exc:
            yield Rejection(source, exc.reason, exc.detail)
