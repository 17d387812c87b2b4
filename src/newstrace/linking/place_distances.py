"""A place located by its distance from another: "X, 60 km east of Kharkiv", "X, à 60 km à l'est de
Kharkiv", "X, 20 miles west of Toledo", "X, в 60 км от Харькова".

News places a village the reader does not know by the town it lies near. Among the village's namesakes,
those lying about that far from the town the article names are the ones it can mean: each gets
``WEIGHT``. The town is the context-free guess of its own name (``PlacesStage.scored``). The distance
said is a round figure, often by road, so ``TOLERANCE`` of it (at least ``MIN_TOLERANCE_KM``) is allowed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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
# What stands between the two names: a distance, then (after a direction or "from") a word for "of".
_GAP = re.compile(
    r"^[^.;:!?\n]{0,20}?(?P<n>\d+(?:[.,]\d+)?)\s*-?\s*(?P<unit>km|kilom[eè]t(?:er|re)s?|kilomètres?|miles?|км|"
    r"кілометр\w*|километр\w*)(?![\w])[^.;:!?\n]{0,30}?(?:\bof|\bfrom|\bde|\bd['’]|\bdu|\bvon|\bвід|\bот|\bиз|"
    r"\bз)\s*$",
    re.IGNORECASE,
)
_MAX_GAP = 80


def distance_clues(raw: str, ms: Sequence[Mention]) -> dict[int, tuple[int, float]]:
    """Mention index -> (index of the place it is said to lie from, the distance in km), for a mention
    followed closely by "<distance> <direction> of <place>"."""
    out: dict[int, tuple[int, float]] = {}
    for i in range(len(ms) - 1):
        gap = raw[ms[i].end : ms[i + 1].start]
        m = _GAP.match(gap) if 0 < len(gap) <= _MAX_GAP else None
        if m is not None:
            km = float(m.group("n").replace(",", "."))
            out[i] = (i + 1, km * MILE_KM if m.group("unit").casefold().startswith("mile") else km)
    return out


def at_distances(
    raw: str,
    ms: Sequence[Mention],
    guesses: Sequence[GazPlace | None],
    scored: list[list[tuple[float, GazPlace]]],
    weight: float = WEIGHT,
) -> list[list[tuple[float, GazPlace]]]:
    """Each mention's scored candidates, the towns lying about as far from the place the text measures
    them from as it says raised by ``weight`` (best first again)."""
    for i, (j, km) in distance_clues(raw, ms).items():
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
