"""Words before a place name: the prepositions of every language pack read in every article
(``gazetteer_prepositions``: a name after them that the gazetteer confirms is a place the NER model
missed), and each language pack's own (``place_prepositions``).
"""

from __future__ import annotations

import functools
import re

from newstrace.languages import pack, packs
from newstrace.linking.caseless import caseless_words


@functools.lru_cache(maxsize=1)
def place_prepositions() -> re.Pattern[str]:
    """One of every pack's ``gazetteer_prepositions`` (any case, at a word start), then a capitalised
    name (group 1)."""
    prepositions = tuple(dict.fromkeys(w for p in packs() for w in p.gazetteer_prepositions))
    # Only a word followed by a capitalised one is tried as a preposition (40% faster on news articles,
    # same names): the words of "près de" are tested at "de", which is one too. The test reads the word
    # and the space after it possessively: a letter is no space and a space no capital, so giving one
    # back can only fail (same matches; a fifth fewer instructions on Russian news articles).
    words = caseless_words(prepositions, r"\w", then=r"(?=\w*+\s++[A-ZА-ЯІЇЄҐ])")
    return re.compile(rf"(?:{words}\s+)([A-ZА-ЯІЇЄҐ][\w'’-]+(?:[- ][A-ZА-ЯІЇЄҐ][\w'’-]+)?)")


# The longest place preposition of a pack and the spaces after it, in characters ("in the vicinity of").
PREPOSITION_REACH = 40


def _pack_words(lang: str) -> str | None:
    """The pack's place prepositions as one caseless alternation (longest first), None without any."""
    found = pack(lang)
    if found is None or not found.place_prepositions:
        return None
    return caseless_words(sorted(found.place_prepositions, key=len, reverse=True), r"[\w'’-]")


@functools.lru_cache(maxsize=16)
def pack_prepositions(lang: str) -> re.Pattern[str] | None:
    """One of the pack's place prepositions, then the name after it (group 1)."""
    words = _pack_words(lang)
    if words is None:
        return None
    return re.compile(rf"{words}\s+([^\W\d_a-zß-ÿ]?[^\W\d_]+(?:[- ][^\W\d_a-zß-ÿ][^\W\d_]+)?)")


@functools.lru_cache(maxsize=16)
def preposition_before(lang: str) -> re.Pattern[str] | None:
    """One of the pack's place prepositions ending right before a name: the end of the text before it."""
    words = _pack_words(lang)
    return re.compile(rf"{words}\s+$") if words is not None else None
