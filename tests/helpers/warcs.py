"""Build small WARC files with warcio: HTTP response records whose bodies the tests choose."""

from __future__ import annotations

import io
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


@dataclass(frozen=True)
class Response:
    """One HTTP response to archive: its URL, body bytes and Content-Type header."""

    url: str
    body: bytes
    content_type: str = "text/html; charset=utf-8"


def html_page(title: str, paragraphs: Sequence[str], published: str | None = None, lang: str = "en") -> str:
    """A plain article page: a title, an optional publication date and the paragraphs in <article>."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{title}</title>{meta}</head>"
        f"<body><header><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></header>"
        f"<main><article><h1>{title}</h1>\n{body}\n</article></main>"
        f"<footer>© Example News</footer></body></html>"
    )


def warc_bytes(responses: Sequence[Response], gzip: bool = True) -> tuple[bytes, list[str], list[int]]:
    """Return the WARC bytes, the WARC-Record-ID of each response, and the offset each record starts at.

    Record ids and dates are derived from the URLs, so the same responses always give the same bytes.
    """
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    ids: list[str] = []
    offsets: list[int] = []
    for resp in responses:
        http_headers = StatusAndHeaders(
            "200 OK",
            [("Content-Type", resp.content_type), ("Content-Length", str(len(resp.body)))],
            protocol="HTTP/1.1",
        )
        rid = f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{len(ids)} {resp.url}')}>"
        record = writer.create_warc_record(
            resp.url,
            "response",
            payload=io.BytesIO(resp.body),
            http_headers=http_headers,
            warc_headers_dict={"WARC-Record-ID": rid, "WARC-Date": "2023-08-01T10:00:00Z"},
        )
        ids.append(str(record.rec_headers.get_header("WARC-Record-ID")))
        offsets.append(buf.tell())
        writer.write_record(record)
    return buf.getvalue(), ids, offsets


def write_warc(path: Path, responses: Sequence[Response], gzip: bool = True) -> list[str]:
    """Write a WARC file of ``responses`` to ``path``; return the WARC-Record-ID of each record."""
    data, ids, _ = warc_bytes(responses, gzip=gzip)
    path.write_bytes(data)
    return ids
