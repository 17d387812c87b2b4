"""WARC files (plain or gzip) of HTTP responses, streamed record by record with fastwarc.

fastwarc stops quietly at a file cut short, so truncation is checked explicitly: a record whose
``WARC-Block-Digest`` does not match its bytes is rejected, and after the last record the rest of the
file must be exactly that record (one complete gzip member, or its header and declared length).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fastwarc.warc import ArchiveIterator, WarcRecordType

from newstrace.model import Rejection
from newstrace.readers.base import ReadResult
from newstrace.readers.decode import InputRejected, decode_bytes
from newstrace.readers.html import extract_article
from newstrace.readers.names import source_name
from newstrace.settings import Settings

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CONTENT_LENGTH = re.compile(rb"(?im)^content-length:\s*(\d+)\s*$")
# The last record is re-read to check the file's end; a larger one is trusted (it was parsed whole).
_MAX_TAIL_BYTES = 64 * 1024 * 1024


def _is_gzip(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(2) == b"\x1f\x8b"


def tail_is_complete(path: Path, last_record_at: int, gz: bool) -> bool:
    """True when the file ends exactly where its last parsed record does."""
    size = path.stat().st_size
    if size - last_record_at > _MAX_TAIL_BYTES:
        return True
    with path.open("rb") as fh:
        fh.seek(last_record_at)
        tail = fh.read()
    if gz:
        d = zlib.decompressobj(wbits=31)
        try:
            d.decompress(tail)
        except zlib.error:
            return False
        return d.eof and not d.unused_data.strip(b"\x00")
    head_end = tail.find(b"\r\n\r\n")
    m = _CONTENT_LENGTH.search(tail[: max(head_end, 0)])
    if head_end < 0 or m is None:
        return False
    expected = head_end + 4 + int(m.group(1)) + 4  # header, block, and the closing CRLF CRLF
    return len(tail) >= expected - 2 and not tail[expected:].strip()


class WarcReader:
    name = "warc"

    def read(self, path: Path, settings: Settings) -> Iterator[ReadResult]:
        source = source_name(path)
        try:
            gz = _is_gzip(path)
            fh = path.open("rb")
        except OSError as exc:
            yield Rejection(source, "unreadable", str(exc))
            return
        responses = 0
        last_at = -1
        # The result of the last record is held back until the end of the file is checked: when the
        # file is cut inside that record, it becomes a "truncated" rejection instead of a short article.
        pending: tuple[ReadResult | None, str | None] | None = None
        with fh:
            records = ArchiveIterator(fh, parse_http=False, auto_decode="all", fsspec_args=False)
            try:
                for record in records:
                    if pending is not None and pending[0] is not None:
                        yield pending[0]
                    last_at = record.stream_pos
                    pending = (None, None)
                    if record.record_type != WarcRecordType.response:
                        continue
                    responses += 1
                    pending = (self._record(record, source, settings), record.headers.get("WARC-Record-ID"))
            except (OSError, ValueError) as exc:
                if pending is not None and pending[0] is not None:
                    yield pending[0]
                yield Rejection(source, "truncated", f"stopped after {responses} responses: {exc}")
                return
        if last_at < 0:
            yield Rejection(source, "no_records", "no WARC record could be read")
            return
        last, rid = pending if pending is not None else (None, None)
        cut_already = isinstance(last, Rejection) and last.reason == "truncated"
        if cut_already or tail_is_complete(path, last_at, gz):
            if last is not None:
                yield last
        else:
            yield Rejection(
                source, "truncated", f"the file ends inside a record (after {responses} responses)", rid
            )

    def _record(self, record: Any, source: str, settings: Settings) -> ReadResult | None:
        headers = record.headers
        url = headers.get("WARC-Target-URI")
        rid = headers.get("WARC-Record-ID") or record.record_id
        has_digest = bool(headers.get("WARC-Block-Digest"))
        if has_digest and not record.verify_block_digest(consume=False):
            return Rejection(
                source, "truncated", "block digest mismatch: the record is cut short or corrupt", rid
            )
        record.parse_http(auto_decode="all")
        ctype = (record.http_content_type or "").lower()
        if ctype and not ctype.startswith(_HTML_TYPES):
            return None  # images, scripts, robots.txt: not articles, not errors either
        try:
            body = record.reader.read(settings.max_file_bytes + 1)
            if len(body) > settings.max_file_bytes:
                raise InputRejected("too_large", f"record over {settings.max_file_bytes} bytes")
            html, encoding = decode_bytes(body, declared=record.http_charset)
            return extract_article(
                html, source, self.name, settings, url=url, source_id=rid, encoding=encoding
            )
        except InputRejected as exc:
            return Rejection(source, exc.reason, exc.detail, rid)
