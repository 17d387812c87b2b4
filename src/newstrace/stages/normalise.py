"""The first stage: a clean view of the raw text (header cut, Unicode repaired, whitespace folded)."""

from __future__ import annotations

import re

from newstrace.model import Document, Edit, RemovedSpan, TextView
from newstrace.pipeline.stage import BaseStage
from newstrace.text.cleaning import normalise_view

# A line of nothing but space entities ("&nbsp;") is scraper debris: it would fold into a blank line
# silently, so it is recorded as removed markup instead.
_ENTITY_ONLY_LINE = re.compile(r"(?im)^[ \t]*(?:&(?:nbsp|#160|#xa0|ensp|emsp|thinsp|zwnj|zwj);[ \t]*)+$")


class NormaliseStage(BaseStage):
    name = "normalise"
    provides = frozenset({"clean"})

    def process(self, doc: Document) -> Document:
        spans: list[tuple[int, int, str]] = []
        if doc.meta.header is not None:
            spans.append((*doc.meta.header, "header"))
        spans.extend((m.start(), m.end(), "markup") for m in _ENTITY_ONLY_LINE.finditer(doc.raw))
        view = TextView.identity(doc.raw).edit(Edit(s, e, "") for s, e, _ in spans)
        removed = tuple(RemovedSpan(s, e, why, doc.raw[s:e], self.name) for s, e, why in spans)
        return self.done(doc, clean=normalise_view(view), removed=doc.removed + removed)
