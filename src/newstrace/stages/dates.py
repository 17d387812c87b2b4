"""The document date: from the plain-text header, the input's metadata, or a date the text states as
its publication date; with how it was found and its precision."""

from __future__ import annotations

import re

from newstrace.model import DateSource, DocDate, Document
from newstrace.pipeline.stage import BaseStage
from newstrace.text.date_extract import find_dates, publication_date

# How far into the text a publication line may stand (bylines and datelines sit at the top or bottom).
_TOP_CHARS = 600
_ONLY_DATE_LINE = re.compile(r"^\W{0,3}(.{6,40}?)\W{0,3}$")


class DatesStage(BaseStage):
    name = "dates"
    requires = frozenset({"clean"})
    provides = frozenset({"date"})

    def process(self, doc: Document) -> Document:
        meta = doc.meta
        if meta.date is not None:
            source = DateSource.HEADER if meta.header is not None else DateSource.METADATA
            return self.done(doc, date=DocDate(meta.date, source, self.name, meta.header))
        found = self._from_removed_datelines(doc) or self._from_text(doc)
        return self.done(doc, date=found)

    def _from_removed_datelines(self, doc: Document) -> DocDate | None:
        for span in doc.removed:
            if span.reason == "dateline":
                for s, e, d in find_dates(span.text):
                    return DocDate(d, DateSource.TEXT, self.name, (span.start + s, span.start + e))
        return None

    def _from_text(self, doc: Document) -> DocDate | None:
        view = doc.require_clean()
        text = view.text
        # A marker anywhere near the top or the bottom of the article.
        for offset, chunk in ((0, text[:_TOP_CHARS]), (max(0, len(text) - _TOP_CHARS), text[-_TOP_CHARS:])):
            hit = publication_date(chunk)
            if hit is not None:
                s, e, d = hit
                return DocDate(d, DateSource.TEXT, self.name, view.to_raw(offset + s, offset + e))
        # A line that is nothing but a full date, at the top.
        pos = 0
        for line in text[:_TOP_CHARS].split("\n")[:3]:
            if _ONLY_DATE_LINE.match(line):
                for s, e, d in find_dates(line):
                    if e - s >= len(line.strip()) - 6:
                        return DocDate(d, DateSource.TEXT, self.name, view.to_raw(pos + s, pos + e))
            pos += len(line) + 1
        return None
