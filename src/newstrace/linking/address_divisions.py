"""Addresses the NER model takes for names: the division of an address whose place the gazetteer does
not know ("shelled Zorivka, Westmark"), and a town with one of its districts ("Dolyna - Pivnichnyi").

Event reports place a village by the first-level division after it. Where the gazetteer knows the
village, the entities stage takes both names (``PlaceEvidence.contained``); where it does not (a village
too small for any installed gazetteer), the NER model often takes the pair for a person or a body, or
misses both, and the division was lost with the village. The division is still a place the report names,
and the most specific one it names that can be placed. A town's district is written after a spaced dash
in event reports; the model reads the pair as a body, and the places stage reads it as the town (the part
before the dash) where it is a place mention.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from newstrace.linking.gazetteer import Gazetteer, distance_km
from newstrace.linking.gazetteer_build import ADMIN1, COUNTRY

# "<town> - <part>": one or two words, a spaced dash, one word.
_TOWN_PART = re.compile(
    r"([^\W\d_][\w'\u2019]*(?: [^\W\d_][\w'\u2019]*)?) [-\u2013\u2014] ([^\W\d_][\w'\u2019-]*)"
)
# A part lies this close to its town: the places stage's pairing distance (``Weights.paired_km``). A
# company or a list written "A - B" ("Renault - Nissan", "Lyon - Turin") names no places so close.
PART_KM = 25.0


def division_named(gaz: Gazetteer, words: Sequence[str], countries: Iterable[str]) -> str | None:
    """The longest run of ``words`` from the first that a first-level division of one of ``countries``
    bears as written (case and accents aside), or None: a division of a country the article points to,
    as other weak evidence for a place is (``PlaceEvidence``)."""
    wanted = frozenset(countries)
    for j in range(len(words), 0, -1):
        name = " ".join(words[:j])
        if any(c.level == ADMIN1 and c.country in wanted for c in gaz.spelt_candidates(name)):
            return name
    return None


def town_and_part(gaz: Gazetteer, surface: str) -> bool:
    """Whether ``surface`` is "<A> - <B>" where the gazetteer has a place named B (not a village known
    only from a post office) within ``PART_KM`` of a town or division named A: a town and its district."""
    m = _TOWN_PART.fullmatch(surface)
    if m is None:
        return False
    towns = [c for c in gaz.candidates(m.group(1)) if c.level > COUNTRY]
    parts = [c for c in gaz.candidates(m.group(2)) if c.level > COUNTRY]
    return any(
        t.id != p.id and distance_km((t.lat, t.lon), (p.lat, p.lon)) <= PART_KM for t in towns for p in parts
    )
