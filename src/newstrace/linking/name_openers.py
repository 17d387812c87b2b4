"""What opens a name's span as an NER model marks it without being part of the name, from the language
packs, read in the article's language:

- a title of address before a person's name ("M. Fillon", "Mrs May", "пані Маляр"; ``honorifics``).
  Gold entity spans leave it out (the 33 "M." and "Mme" of the French Wikinews gold, ``ner_fr.jsonl``),
  and kept in the span it makes a name of its own ("M. Guterres" was an unlinked person beside Antonio
  Guterres) where the bare surname joins the full name used earlier;
- an article, preposition or elided conjunction before any other name ("la France", "de Haute-Marne",
  "qu'Israël"; ``definite_articles`` and ``name_openers``).
"""

from __future__ import annotations

import functools
import re

from newstrace.languages import pack


@functools.cache
def _opening_title(lang: str) -> re.Pattern[str] | None:
    found = pack(lang)
    if found is None or not found.honorifics:
        return None
    # A title written without its full stop also reads with one ("Mr" and "Mr."); longest first, so
    # that "Mme" is not read as "M"; in the case written, since "pan" is also a common word.
    titles = sorted(found.honorifics, key=len, reverse=True)
    alternatives = "|".join(re.escape(t) if t.endswith(".") else re.escape(t) + r"\.?" for t in titles)
    return re.compile(rf"(?:{alternatives})(?!\w)\s+(?=[^\W\d_])")


def title_length(name: str, lang: str | None) -> int:
    """How many characters of ``name`` (a person's span) are a title of address of ``lang`` and the
    spaces after it, 0 where it opens with none. A title alone (nothing after it) is not one."""
    pattern = _opening_title(lang) if lang else None
    found = pattern.match(name) if pattern is not None else None
    return found.end() if found is not None and found.end() < len(name) else 0


@functools.cache
def _opening_words(lang: str) -> re.Pattern[str] | None:
    found = pack(lang)
    words = sorted({*found.definite_articles, *found.name_openers}, key=len, reverse=True) if found else []
    if not words:
        return None
    whole = "|".join(re.escape(w) for w in words if not w.endswith("'"))
    elided = "|".join(re.escape(w[:-1]) for w in words if w.endswith("'"))
    alternatives = [f"(?:{whole})\\s+"] if whole else []
    alternatives += [f"(?:{elided})['\u2019]\\s*"] if elided else []
    # Several in a row: "de la Haute-Marne".
    return re.compile(rf"^(?:{'|'.join(alternatives)})+", re.IGNORECASE)


def opening_words(name: str, lang: str | None) -> re.Match[str] | None:
    """The articles, prepositions and elided conjunctions of ``lang`` that open ``name`` (a span the
    NER model marked), None where it opens with none."""
    pattern = _opening_words(lang) if lang else None
    return pattern.match(name) if pattern is not None else None
