"""Military units named in the text: "unité 11097", "580e division d'artillerie", "72nd Mechanized
Brigade", "в/ч 11097", "72-га окрема механізована бригада". Patterns per language; the knowledge base
links the well-known ones."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from newstrace.linking.caseless import by_first_character

_UNIT_WORDS = (
    r"brigade|brigades|division|divisions|régiment|regiment|bataillon|battalion|batallón|corps|armée|army|"
    r"flotte|fleet|compagnie|company|unité|unit|brigada|división|regimiento|"
    r"Brigade|Division|Regiment|Bataillon|Armee|Korps|Einheit|"
    r"бригада|бригады|бригаде|дивизия|дивизии|полк|полка|батальон|батальона|армия|армии|флот|"
    r"бригади|бригаді|дивізія|дивізії|полку|батальйон|батальйону|армія|армії"
)
# An ordinal after its first digit, which is read first (see _unit).
_ORDINAL_REST = r"\d{0,3}(?:e|er|re|ème|st|nd|rd|th|\.|-я|-й|-го|-ї|-а|-ша|-га|-тя|-та)?"
_UNIT_NAMES = (
    *("unité", "unit", "Einheit", "в/ч"),
    *("войсковая часть", "військова частина", "військової частини"),
)


@functools.lru_cache(maxsize=1)
def _unit() -> re.Pattern[str]:
    """At a word start, an ordinal then a unit word, or a word for "unit" then its number. The first
    character (a digit, or one that opens a word for "unit" ignoring case) is matched before anything
    else and the word start tested after it, so that the regex engine skips to such characters instead
    of trying every character of the text (same matches as ``\\b(?:ordinal ...|unit words ...)``)."""
    by_first = by_first_character(_UNIT_NAMES)
    firsts = "".join(map(re.escape, by_first))
    named = "|".join(f"(?<=(?-i:{re.escape(first)}))(?:{rest})" for first, rest in by_first.items())
    return re.compile(
        rf"(?-i:[\d{firsts}])(?<!\w[\s\S])(?:"
        # "580e division d'artillerie d'obusiers séparée", "72nd Mechanized Brigade"
        rf"(?<=\d){_ORDINAL_REST}\s+(?:[\w'’-]+\s+){{0,3}}?(?:{_UNIT_WORDS})\b"
        r"(?:\s*(?:d['’]|de |of |der |des )[\w-]+){0,4}"
        # "unité 11097", "military unit 11097", "в/ч 11097", "військова частина А1234"
        rf"|(?:{named})\s+[A-ZА-Я]?\d{{3,5}}\b)",
        re.IGNORECASE,
    )


# Words that end a unit's name: after them the sentence goes on about something else.
_STOP = re.compile(
    r"\s+(?:qui|que|a|ont|est|sont|was|were|has|have|is|who|which|in|en|à|au|near|près|де|в|на|у|і|и|and|et|und)\b.*$",
    re.IGNORECASE,
)


def find_units(text: str) -> Iterator[tuple[int, int]]:
    for m in _unit().finditer(text):
        span = m.group()
        cut = _STOP.search(span)
        end = m.start() + (cut.start() if cut else len(span))
        yield m.start(), end
