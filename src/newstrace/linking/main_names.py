"""A place's main name against the other names it is found under (alternate, former, historical).

A gazetteer finds a place under every name it has had. Where a division holds places whose main name
is the one written and another place that bears it only as another name (a town once called so, or
known so in some source), the reader means one of the former: a village renamed long ago does not
outrank the villages of that name today (``below_main_namesakes``). On the ACLED notes (after the
density left a name's own towns out) acc25 0.8216 -> 0.8238, the odd half 0.8182 -> 0.8225 and the even
one level (0.8251, one note gained and one lost); shuffled with seeds 3-10, mean 0.8196 -> 0.8234, no seed
lower. places_en.jsonl (gold spans) 0.8666 / 0.9210 -> 0.8666 / 0.9211.
"""

from __future__ import annotations

import functools
import re

from newstrace.linking.gazetteer import GazPlace
from newstrace.linking.gazetteer_build import ADMIN2
from newstrace.linking.keys import name_keys

# The abbreviated words of place names ("St. Petersburg", "Mt Pleasant", "Ft. Worth"): a name written
# with one is the main name of the place spelt out ("Saint Petersburg"), and of the one spelt with it.
_SHORT_WORDS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_SHORT_WORD = re.compile(r"\b(st|ste|mt|ft)\b\.?", re.IGNORECASE)
# An apostrophe between a letter and a small one is part of a romanised word (Ukrainian's: "Mar'yinka",
# "Kam'yanka", written "Maryinka", "Kamianka" as often), not a word break as in "L'Aquila" or "O'Brien".
_INNER_APOSTROPHE = re.compile(r"(?<=[^\W\d_])['\u2019\u02bc]([^\W\d_])")
# How far below the lowest main-name namesake of its division another-name candidate is put: it ranks
# just below it, and ties with no other candidate.
_BELOW = 1e-3


@functools.lru_cache(maxsize=65_536)
def main_keys(name: str) -> tuple[str, ...]:
    """The spelling-insensitive keys of a name, its abbreviated words spelt out and its inner
    apostrophes dropped."""
    spelt = _SHORT_WORD.sub(lambda m: _SHORT_WORDS[m.group(1).casefold()], name)
    return name_keys(_INNER_APOSTROPHE.sub(_joined, spelt))


def _joined(m: re.Match[str]) -> str:
    letter = m.group(1)
    return letter if letter.islower() else m.group(0)


def is_main_name(surface: str, name: str) -> bool:
    """Whether ``surface`` is the main name ``name`` of a place (spelling-insensitive)."""
    return bool(set(main_keys(name)) & set(main_keys(surface)))


def _within_main_name(surface: str, name: str) -> bool:
    """Whether every word of ``surface`` is a word of the main name ``name``: "New York" of "New York
    City", "Warren" of "Warren County", "Acapulco" of "Acapulco de Juárez" are the place's name,
    shortened, not another one."""
    words = {w for k in main_keys(name) for w in k.split()}
    return any(set(k.split()) <= words for k in main_keys(surface))


def below_main_namesakes(surface: str, scored: list[tuple[float, GazPlace]]) -> list[tuple[float, GazPlace]]:
    """A mention's scored candidates (best first), with each town or district found under ``surface``
    only as another name than its own ranked below the towns and districts of its first-level division
    whose main name ``surface`` is ("Orlivka": the villages of that name before the city of a division
    that lists it as an alternate spelling). Other candidates keep their scores."""
    keys = set(main_keys(surface))
    local = [c.level >= ADMIN2 and c.admin1 is not None for _, c in scored]
    main = [
        here and not keys.isdisjoint(main_keys(c.name)) for here, (_, c) in zip(local, scored, strict=True)
    ]
    floor: dict[str | None, float] = {}
    for (s, c), own in zip(scored, main, strict=True):
        if own:
            floor[c.admin1] = min(floor.get(c.admin1, s), s)
    if not floor:
        return scored
    out = []
    for (s, c), here, own in zip(scored, local, main, strict=True):
        low = floor.get(c.admin1) if here and not own else None
        if low is not None and s >= low and not _within_main_name(surface, c.name):
            s = low - _BELOW
        out.append((s, c))
    return sorted(out, key=lambda x: -x[0])
