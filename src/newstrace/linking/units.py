"""Military units named in the text: "unité 11097", "580e division d'artillerie", "72nd Mechanized
Brigade", "в/ч 11097", "72-га окрема механізована бригада". Patterns per language; the knowledge base
links the well-known ones."""

from __future__ import annotations

import re
from collections.abc import Iterator

_UNIT_WORDS = (
    r"brigade|brigades|division|divisions|régiment|regiment|bataillon|battalion|batallón|corps|armée|army|"
    r"flotte|fleet|compagnie|company|unité|unit|brigada|división|regimiento|"
    r"Brigade|Division|Regiment|Bataillon|Armee|Korps|Einheit|"
    r"бригада|бригады|бригаде|дивизия|дивизии|полк|полка|батальон|батальона|армия|армии|флот|"
    r"бригади|бригаді|дивізія|дивізії|полку|батальйон|батальйону|армія|армії"
)
_ORDINAL = r"\d{1,4}(?:e|er|re|ème|st|nd|rd|th|\.|-я|-й|-го|-ї|-а|-ша|-га|-тя|-та)?"
UNIT = re.compile(
    # "580e division d'artillerie d'obusiers séparée", "72nd Mechanized Brigade"
    rf"\b{_ORDINAL}\s+(?:[\w'’-]+\s+){{0,3}}?(?:{_UNIT_WORDS})\b"
    r"(?:\s*(?:d['’]|de |of |der |des )[\w-]+){0,4}"
    # "unité 11097", "military unit 11097", "в/ч 11097", "військова частина А1234"
    r"|\b(?:unité|unit|Einheit|в/ч|войсковая часть|військова частина|військової частини)"
    r"\s+[A-ZА-Я]?\d{3,5}\b",
    re.IGNORECASE,
)
# Words that end a unit's name: after them the sentence goes on about something else.
_STOP = re.compile(
    r"\s+(?:qui|que|a|ont|est|sont|was|were|has|have|is|who|which|in|en|à|au|near|près|де|в|на|у|і|и|and|et|und)\b.*$",
    re.IGNORECASE,
)


def find_units(text: str) -> Iterator[tuple[int, int]]:
    for m in UNIT.finditer(text):
        span = m.group()
        cut = _STOP.search(span)
        end = m.start() + (cut.start() if cut else len(span))
        yield m.start(), end
