"""How sure a claim is, from how it was read (documented in the README's claims section).

confidence = kind evidence x value x subject x source, each factor in (0, 1]:
- kind evidence: 1.0 when a kind word sits within four characters of the figure ("140 000 blessés"),
  0.85 when it is in the figure's own comma-delimited segment, 0.7 when only the clause holds it;
- value: 1.0 for a written figure, 0.8 for a vague quantity ("hundreds", "dozens") or a share;
- subject: 1.0 when the figure quantifies a noun of people, 0.9 when it stands alone;
- source: 1.0 when attributed or stated as fact in a sentence without a speech verb, 0.9 when a speech
  verb is present but no source was found (the claimant may be missing).
The factors are ordinal, not fitted: a reader can sort by them, not read them as probabilities.
"""

from __future__ import annotations

import re

from newstrace.model import Source
from newstrace.stages.claim_kinds import kind_in
from newstrace.text import claim_lexicon as lex
from newstrace.text.numbers import Number


def confidence(stext: str, n: Number, kind: str, subject: str | None, source: Source | None) -> float:
    _, pos = kind_in(stext[n.end : n.end + 90])
    segment = re.split(r"[,;.!?]", stext[n.end :], maxsplit=1)[0]
    if 0 <= pos <= 4:
        k = 1.0
    elif 0 <= pos <= len(segment):
        k = 0.85
    else:
        k = 0.7
    v = 1.0 if re.search(r"\d", n.text) else 0.8
    s = 1.0 if subject else 0.9
    c = 0.9 if source is None and lex.claim_words().speech.search(stext) else 1.0
    return round(k * v * s * c, 3)
