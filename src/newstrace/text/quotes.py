"""Direct quotations and their speakers: « ... », a déclaré X; X said: “...”; “...”, he said.

Returns the quoted span and where to look for the speaker; the claims stage resolves the speaker with
the same attribution rules as for figures (a pronoun refers back to the last person named).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_PAIRS = (("«", "»"), ("“", "”"), ('"', '"'), ("„", "“"))
MIN_WORDS = 3


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    start: int  # the quoted words, without the marks
    end: int
    after: int  # where the text after the closing mark begins


def find_quotes(text: str) -> Iterator[QuoteSpan]:
    for opening, closing in _PAIRS:
        # Within one paragraph: scraped text often loses a mark, and a quote never spans paragraphs.
        pattern = re.compile(
            rf"{re.escape(opening)}\s*([^{re.escape(closing)}\n]{{8,}}?)\s*{re.escape(closing)}"
        )
        for m in pattern.finditer(text):
            if len(m.group(1).split()) >= MIN_WORDS:
                yield QuoteSpan(m.start(1), m.end(1), m.end())
