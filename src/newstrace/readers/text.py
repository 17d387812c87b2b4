"""Plain-text articles, with the optional ``date YYYY-MM[-DD]`` header line.

The header may stand alone on the first line or in front of the headline on the same line
(`` date 2022-09 Les troupes russes ...``). The raw text is kept exactly as read: the header is reported
as a span for the cleaning stage to remove, never cut out here, so offsets stay true to the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from newstrace.model import PartialDate, RawRecord, RecordMeta, Rejection
from newstrace.readers.base import ReadResult, check_record_size, read_small_file
from newstrace.readers.decode import InputRejected
from newstrace.readers.names import source_name
from newstrace.settings import Settings

_HEADER = re.compile(r"\A\ufeff?[ \t]*date[ \t]+(\d{4}-\d{2}(?:-\d{2})?)\b[ \t]*")


def parse_header(text: str) -> tuple[PartialDate | None, tuple[int, int] | None, tuple[int, int] | None]:
    """Return ``(date, header_span, headline_span)`` for a plain-text article."""
    m = _HEADER.match(text)
    if not m:
        return None, None, None
    parsed = PartialDate.parse_iso(m.group(1))
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    headline_text = text[m.end() : line_end]
    headline = None
    if headline_text.strip():
        start = m.end()
        end = start + len(headline_text.rstrip())
        headline = (start, end)
    return parsed, (m.start(), m.end()), headline


class TextReader:
    name = "text"

    def read(self, path: Path, settings: Settings) -> Iterator[ReadResult]:
        source = source_name(path)
        try:
            text, encoding = read_small_file(path, settings)
            check_record_size(text, settings)
        except InputRejected as exc:
            yield Rejection(source, exc.reason, exc.detail)
            return
        date, header, headline = parse_header(text)
        body = text[header[1] :] if header else text
        if not body.strip():
            yield Rejection(source, "empty", "only a header, no text")
            return
        meta = RecordMeta(date=date, header=header, headline=headline)
        yield RawRecord(source=source, text=text, fmt=self.name, encoding=encoding, meta=meta)
