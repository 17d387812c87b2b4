"""The words around a place name that say where about it an event was ("near the plant", "près de la
centrale", "під Бахмутом") and the articles a name may open with ("the Hague"), from the language packs
(``near_words``, ``definite_articles``), read in the article's language: a French phrase in an English
article says nothing, and a language without them reads none.
"""

from __future__ import annotations

import functools
import re

from newstrace.languages import pack

# How far before a name the words are looked for: the longest phrase and an article fit.
NEAR_SPAN = 30


def _reversed_alternatives(words: tuple[str, ...]) -> str:
    """An alternation of ``words`` spelt backwards (the text before a name is read backwards), longest
    first, each with the space before it; an elided article's apostrophe ("l'") matches either
    apostrophe (the name may follow it without a space: the pattern's leading ``\\s*``)."""
    out = []
    for w in sorted(words, key=len, reverse=True):
        spelt = r"['’]" + re.escape(w[:-1][::-1]) if w.endswith("'") else re.escape(w[::-1])
        out.append(spelt + r"\s+")
    return "|".join(out)


@functools.cache
def _near_before(lang: str) -> re.Pattern[str] | None:
    found = pack(lang)
    if found is None or not found.near_words:
        return None
    near = "|".join(re.escape(w[::-1]) for w in sorted(found.near_words, key=len, reverse=True))
    articles = _reversed_alternatives(found.definite_articles)
    article = rf"(?:{articles})?" if articles else ""
    # Read backwards from the name, on the reversed text before it: one match at its start, where a
    # search at the text's end tried every position (5-8 us a mention).
    return re.compile(rf"\s*{article}(?:{near})(?!\w)", re.IGNORECASE)


def near_before(raw: str, start: int, lang: str | None) -> bool:
    """Whether the text before ``start`` ends in one of ``lang``'s words for "near" (with an article
    between them and the name, or none)."""
    pattern = _near_before(lang) if lang else None
    return pattern is not None and pattern.match(raw[max(0, start - NEAR_SPAN) : start][::-1]) is not None


@functools.cache
def _leading_article(lang: str) -> re.Pattern[str] | None:
    found = pack(lang)
    if found is None or not found.definite_articles:
        return None
    words = sorted(found.definite_articles, key=len, reverse=True)
    alternatives = "|".join(
        re.escape(w[:-1]) + r"['’]" if w.endswith("'") else re.escape(w) + r"(?!\w)" for w in words
    )
    return re.compile(rf"^(?:{alternatives})\s*", re.IGNORECASE)


def without_article(text: str, lang: str | None) -> str:
    """``text`` without the definite article of ``lang`` it opens with ("the Hague" -> "Hague")."""
    pattern = _leading_article(lang) if lang else None
    return pattern.sub("", text) if pattern is not None else text
