"""The division of an address whose place the gazetteer does not know: "shelled Zorivka, Westmark".

Event reports place a village by the first-level division after it. Where the gazetteer knows the
village, the entities stage takes both names (``PlaceEvidence.contained``); where it does not (a village
too small for any installed gazetteer), the NER model often takes the pair for a person or a body, or
misses both, and the division was lost with the village. The division is still a place the report names,
and the most specific one it names that can be placed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from newstrace.linking.gazetteer import Gazetteer
from newstrace.linking.gazetteer_build import ADMIN1


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
