"""The words of figures per language, gathered from the language packs (``newstrace.languages``): number
words text2num does not cover (Russian, Ukrainian, Polish), the words text2num reads, multipliers
("millions", "тысяч"), collective words of vague size ("dozens", "des centaines") and bound words ("at
least", "jusqu'à"). The patterns that find figures live in ``numbers``; the words live in the packs.
"""

from __future__ import annotations

from newstrace.languages import packs

WORD_NUMBERS: dict[str, dict[str, int]] = {p.code: dict(p.word_numbers) for p in packs() if p.word_numbers}
TEXT2NUM_WORDS: dict[str, str] = {p.code: p.text2num_words for p in packs() if p.text2num_words}
# Multipliers, collectives and bounds apply whatever the language (a quoted figure keeps its words).
MULTIPLIERS: dict[str, int] = {w: v for p in packs() for w, v in p.multipliers.items()}
# Collective words: (low, high, bound).
COLLECTIVES: dict[str, tuple[float | None, float | None, str]] = {
    w: v for p in packs() for w, v in p.collectives.items()
}
BOUNDS: dict[str, str] = {w: v for p in packs() for w, v in p.bounds.items()}
# Words joining the parts of one number written in words ("treinta y dos"), besides et/and/und.
NUMBER_JOINERS: dict[str, tuple[str, ...]] = {p.code: p.number_joiners for p in packs() if p.number_joiners}
