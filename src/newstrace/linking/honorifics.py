"""Titles of address that open a person's name as an NER model marks it ("M. Fillon", "Mrs May",
"пані Маляр"), from the language packs (``honorifics``), read in the article's language.

A title is not part of the name: gold entity spans leave it out (the 33 "M." and "Mme" of the French
Wikinews gold, ``ner_fr.jsonl``), and kept in the span it makes a name of its own ("M. Guterres" was an
unlinked person beside Antonio Guterres) where the bare surname joins the full name used earlier.
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
