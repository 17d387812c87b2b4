"""A dotted initialism that stands for a place the article names in full: "L.A." after "Los Angeles",
"S.F." after "San Francisco".

The gazetteer holds the usual abbreviations of countries and states ("U.S.", "N.J."), not a town's
initials, which mean many things; but in an article that names the place in full, the initials of its
words are that place. Only an initialism the gazetteer does not know is read this way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from newstrace.model import Mention

_Found = TypeVar("_Found")
# Two or three capital letters, each followed by a dot ("L.A.", "N.O.L.").
_INITIALISM = re.compile(r"(?:[^\W\d_]\.){2,3}")


def initials(name: str) -> str:
    """The capital initials of a name's words ("Los Angeles" -> "LA"); empty where a word is not
    capitalised or the name has one word only."""
    words = name.split()
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return ""
    return "".join(w[0] for w in words)


def with_initialisms(ms: Sequence[Mention], found: list[_Found], empty: Sequence[bool]) -> list[_Found]:
    """Each mention's ``found`` (its candidates, as the places stage finds them), where a dotted
    initialism with none (``empty``) takes those of the name of the article it spells, if exactly one
    name with candidates spells it."""
    out = list(found)
    for i, m in enumerate(ms):
        if not empty[i] or not _INITIALISM.fullmatch(m.text.strip()):
            continue
        letters = m.text.replace(".", "").strip().upper()
        full = {ms[j].text: j for j in range(len(ms)) if not empty[j] and initials(ms[j].text) == letters}
        if len(full) == 1:
            out[i] = found[next(iter(full.values()))]
    return out
