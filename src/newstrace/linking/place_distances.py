"""A place located by its distance from another: "X, 60 km east of Kharkiv", "X, à 60 km à l'est de
Kharkiv", "X, 20 miles west of Toledo", "X, в 60 км от Харькова".

News places a village the reader does not know by the town it lies near. Among the village's namesakes,
those lying about that far from the town the article names are the ones it can mean: each gets
``WEIGHT``. The town is the context-free guess of its own name (``PlacesStage.scored``). The distance
said is a round figure, often by road, so ``TOLERANCE`` of it (at least ``MIN_TOLERANCE_KM``) is allowed.
The words of the phrase are the language pack's (``kilometre_words``, ``mile_words``,
``distance_from_words``); a language without them reads no such phrase.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from newstrace.languages import pack
from newstrace.linking.gazetteer import GazPlace, distance_km
from newstrace.linking.gazetteer_build import ADMIN2
from newstrace.model import Mention

# A bonus of the size of a name or feature-level term (``Weights.main_name``): enough to outweigh a
# namesake's population (a town of 3,000 against a village of unknown size is 3.5), set by hand: the
# development data hold too few such phrases to fit it (8 on places_en.jsonl, none in the ACLED notes).
WEIGHT = 4.0
TOLERANCE = 0.35
MIN_TOLERANCE_KM = 15.0
MILE_KM = 1.609344
_MAX_GAP = 80


@functools.cache
def _gap(lang: str) -> tuple[re.Pattern[str], frozenset[str]] | None:
    """What stands between the two names in ``lang``: a distance in the pack's units, then (after a
    direction or "from") one of its words for "of"; with the pack's words for a mile (casefolded). None
    where the pack has no such words."""
    found = pack(lang)
    if found is None or not found.distance_from_words or not found.kilometre_words:
        return None

    def alternatives(words: tuple[str, ...]) -> str:
        escaped = (re.escape(w).replace("'", "['’]") for w in sorted(words, key=len, reverse=True))
        return "|".join(escaped)

    units = alternatives((*found.kilometre_words, *found.mile_words))
    froms = alternatives(found.distance_from_words)
    pattern = re.compile(
        rf"^[^.;:!?\n]{{0,20}}?(?P<n>\d+(?:[.,]\d+)?)\s*-?\s*(?P<unit>{units})(?!\w)"
        rf"[^.;:!?\n]{{0,30}}?(?<!\w)(?:{froms})\s*$",
        re.IGNORECASE,
    )
    return pattern, frozenset(w.casefold() for w in found.mile_words)


def distance_clues(raw: str, ms: Sequence[Mention], lang: str | None) -> dict[int, tuple[int, float]]:
    """Mention index -> (index of the place it is said to lie from, the distance in km), for a mention
    followed closely by "<distance> <direction> of <place>" in the words of ``lang``'s pack."""
    gap = _gap(lang) if lang else None
    out: dict[int, tuple[int, float]] = {}
    if gap is None:
        return out
    pattern, miles = gap
    for i in range(len(ms) - 1):
        between = raw[ms[i].end : ms[i + 1].start]
        m = pattern.match(between) if 0 < len(between) <= _MAX_GAP else None
        if m is not None:
            km = float(m.group("n").replace(",", "."))
            out[i] = (i + 1, km * MILE_KM if m.group("unit").casefold() in miles else km)
    return out


def at_distances(
    raw: str,
    ms: Sequence[Mention],
    guesses: Sequence[GazPlace | None],
    scored: list[list[tuple[float, GazPlace]]],
    lang: str | None,
    weight: float = WEIGHT,
) -> list[list[tuple[float, GazPlace]]]:
    """Each mention's scored candidates, the towns lying about as far from the place the text measures
    them from as it says raised by ``weight`` (best first again)."""
    for i, (j, km) in distance_clues(raw, ms, lang).items():
        anchor = guesses[j]
        if anchor is None:
            continue
        reach = max(MIN_TOLERANCE_KM, TOLERANCE * km)
        fits = [
            (
                s + weight
                if c.level >= ADMIN2
                and abs(distance_km((c.lat, c.lon), (anchor.lat, anchor.lon)) - km) <= reach
                else s,
                c,
            )
            for s, c in scored[i]
        ]
        scored[i] = sorted(fits, key=lambda x: -x[0])
    return scored
