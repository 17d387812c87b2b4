"""Text quality: flag spun and machine-made passages, score the document, and build a repaired view.

The raw text is never changed: the repairs are edits of the clean view, so every later stage reads the
repaired text and still reports raw offsets.
"""

from __future__ import annotations

import re

from newstrace.model import Document, Edit, Quality, QualitySpan
from newstrace.pipeline.stage import BaseStage
from newstrace.text.spinning import find_foreign_words
from newstrace.text.tortured_names import find_names, find_spun_short_forms

# A document is "spun" when flags are this dense (per 100 words) and there are at least two of them:
# one stray English word is an accident, a steady rate is a spinner (seed articles: 1.6 to 3.5 per
# 100 words when spun, 0 when clean).
SPUN_DENSITY = 0.3
SPUN_MIN_FLAGS = 2
# French typography puts a space before ":;!?" and uses « »; text machine-translated from English keeps
# English punctuation. Share of such marks without the space above which French text looks translated.
MT_PUNCT_SHARE = 0.6
MT_MIN_MARKS = 3
_WORDS = re.compile(r"[^\W\d_]+")
_FR_MARKS = re.compile(r"(\S|\s)([:;!?])(?=\s|$)")


def _mt_signal(text: str, lang: str | None) -> bool:
    if lang != "fr":
        return False
    marks = [
        m
        for m in _FR_MARKS.finditer(text)
        if not text[max(0, m.start() - 4) : m.start() + 1].endswith("http")
    ]
    if len(marks) < MT_MIN_MARKS:
        return False
    tight = sum(1 for m in marks if not m.group(1).isspace())
    return tight / len(marks) >= MT_PUNCT_SHARE and "«" not in text


class QualityStage(BaseStage):
    name = "quality"
    requires = frozenset({"clean", "boilerplate", "language", "sentences"})
    provides = frozenset({"quality", "repaired"})

    def process(self, doc: Document) -> Document:
        view = doc.require_clean()
        text = view.text
        names = list(find_names(text))
        mentioned = {n.entity_id for n in names}
        tortured = [n for n in names if n.substituted > 0]
        tortured += list(find_spun_short_forms(text, mentioned))
        spans: list[tuple[int, int, str, str | None, float, str]] = [
            (n.start, n.end, n.text, n.repair, 0.9, "tortured_name") for n in tortured
        ]
        protected = [(n.start, n.end) for n in names] + [(n.start, n.end) for n in tortured]
        for sentence in doc.sentences:
            cs, ce = view.from_raw(sentence.start, sentence.end)
            local = [(a - cs, b - cs) for a, b in protected if cs <= a < ce]
            for f in find_foreign_words(text[cs:ce], sentence.lang, {0}, local):
                spans.append((cs + f.start, cs + f.end, f.text, f.repair, f.confidence, "foreign_word"))
        spans.sort()
        words = len(_WORDS.findall(text)) or 1
        density = 100 * len(spans) / words
        if len(spans) >= SPUN_MIN_FLAGS and density >= SPUN_DENSITY:
            label = "spun"
        elif _mt_signal(text, doc.lang):
            label = "machine_translated"
        else:
            label = "clean"
        quality_spans = tuple(
            QualitySpan(*view.to_raw(s, e), t, kind, repair, conf, self.name)
            for s, e, t, repair, conf, kind in spans
        )
        repaired = view.edit(Edit(s, e, r) for s, e, _, r, _, _ in spans if r is not None)
        quality = Quality(label, round(density, 3), quality_spans, self.name)
        return self.done(doc, quality=quality, repaired=repaired)
