"""Place names listed together are places of one kind.

"Outbreaks in Georgia, Oklahoma, Pennsylvania and California" names four states; "Kyiv, Kharkiv and
Odesa" three towns. A name in such a list whose namesakes are of several kinds (a state and a hamlet
of that name, a region and its main town) is most often of the kind the other items are. A list is
three or more place mentions with nothing between consecutive ones but the language's list
separators (CLDR's list patterns, via babel: ", ", ", and ", " et ", " und ", ...). The kind an item
stands for is the feature level of its context-free best guess; where most of the other items of its
list agree on one level, a candidate of that level is given ``Weights.list_level``.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence

from newstrace.linking.gazetteer import GazPlace
from newstrace.model import Mention

MIN_ITEMS = 3


@functools.lru_cache(maxsize=16)
def _separator(lang: str | None) -> re.Pattern[str]:
    """What may stand between two items of a list in ``lang`` (and in English, which news quotes)."""
    from babel import Locale, UnknownLocaleError

    words = {","}
    for code in {lang or "en", "en"}:
        try:
            patterns = Locale.parse(code).list_patterns
        except (UnknownLocaleError, ValueError):
            continue
        for kind in ("standard", "or"):
            for pattern in dict(patterns.get(kind) or {}).values():
                gap = str(pattern).replace("{0}", "").replace("{1}", "").strip()
                if gap:
                    words.add(gap)
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\s*(?:,\s*)?(?:{alternatives})\s*", re.IGNORECASE)


def list_groups(raw: str, ms: Sequence[Mention], lang: str | None) -> list[list[int]]:
    """Groups of mention indices (in text order) that form lists of ``MIN_ITEMS`` or more."""
    sep = _separator(lang)
    order = sorted(range(len(ms)), key=lambda i: ms[i].start)
    groups: list[list[int]] = []
    run: list[int] = []
    for i in order:
        if run and ms[i].start >= ms[run[-1]].end and sep.fullmatch(raw, ms[run[-1]].end, ms[i].start):
            run.append(i)
            continue
        if len(run) >= MIN_ITEMS:
            groups.append(run)
        run = [i]
    if len(run) >= MIN_ITEMS:
        groups.append(run)
    return groups


def list_levels(groups: Sequence[Sequence[int]], guesses: Sequence[GazPlace | None]) -> dict[int, int]:
    """Mention index -> the feature level most of the other items of its list are guessed at, where at
    least two of them and more than half of them agree."""
    out: dict[int, int] = {}
    for group in groups:
        for i in group:
            levels = Counter(g.level for j in group if j != i and (g := guesses[j]) is not None)
            others = len(group) - 1
            if levels:
                level, n = levels.most_common(1)[0]
                if n >= 2 and 2 * n > others:
                    out[i] = level
    return out


def list_kinds(
    raw: str, ms: Sequence[Mention], lang: str | None, guesses: Sequence[GazPlace | None], weight: float
) -> dict[int, int]:
    """Mention index -> the level its list leans to (``list_levels``); nothing where ``weight`` is 0."""
    return list_levels(list_groups(raw, ms, lang), guesses) if weight else {}


def with_list_level(
    scored: list[tuple[float, GazPlace]], level: int | None, weight: float
) -> list[tuple[float, GazPlace]]:
    """A mention's scored candidates, those of its list's ``level`` raised by ``weight``."""
    if level is None:
        return scored
    return [(s + (weight if c.level == level else 0.0), c) for s, c in scored]
