"""The words after a settlement's name that call the local government named after it ("Pokrovske
territorial community, Dnipropetrovsk", "Shalyhyne hromada, Sumy"): reports of a war name a
municipality by its seat, and the division after it still contains that seat. The words are the
language pack's (``LanguagePack.community_words``); a language without them reads only "X, Y".
"""

from __future__ import annotations

import functools
import re

from newstrace.languages import pack


@functools.cache
def community_after(lang: str | None) -> str:
    """A regular-expression fragment that matches, right after a name, a space and one of the
    language's community words (any case), or nothing: optional, so "X, Y" still reads."""
    found = pack(lang) if lang else None
    words = sorted(found.community_words, key=len, reverse=True) if found is not None else []
    if not words:
        return ""
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return rf"(?:\s+(?i:{alternatives})\b)?"


@functools.cache
def container_gap(lang: str | None) -> re.Pattern[str]:
    """What may stand between a place and the mention after it that names what it lies in: a comma or
    an opening parenthesis, after the language's community words ("X community, Y")."""
    return re.compile(rf"{community_after(lang)}\s*[,(]\s*$")
