"""The words of figures per language, gathered from the language packs (``newstrace.languages``) once on
first use (``number_words()``): number words text2num does not cover (Russian, Ukrainian, Polish), the
words text2num reads, multipliers ("millions", "тысяч"), collective words of vague size ("dozens", "des
centaines") and bound words ("at least", "jusqu'à"). The patterns that find figures live in ``numbers``;
the words live in the packs.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from newstrace.languages import packs


@dataclass(frozen=True, slots=True)
class NumberWords:
    word_numbers: Mapping[str, Mapping[str, int]]  # language -> form -> value
    text2num_words: Mapping[str, str]  # language -> the words that start a figure text2num reads
    # Multipliers, collectives and bounds apply whatever the language (a quoted figure keeps its words).
    multipliers: Mapping[str, int]
    # Collective words: (low, high, bound).
    collectives: Mapping[str, tuple[float | None, float | None, str]]
    bounds: Mapping[str, str]
    # Words joining the parts of one number written in words ("treinta y dos"), besides et/and/und.
    number_joiners: Mapping[str, tuple[str, ...]]


@functools.cache
def number_words() -> NumberWords:
    """The number words of every pack, in registry order."""
    found = packs()
    return NumberWords(
        word_numbers={p.code: dict(p.word_numbers) for p in found if p.word_numbers},
        text2num_words={p.code: p.text2num_words for p in found if p.text2num_words},
        multipliers={w: v for p in found for w, v in p.multipliers.items()},
        collectives={w: v for p in found for w, v in p.collectives.items()},
        bounds={w: v for p in found for w, v in p.bounds.items()},
        number_joiners={p.code: p.number_joiners for p in found if p.number_joiners},
    )
