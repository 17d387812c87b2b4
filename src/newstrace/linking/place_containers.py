"""A place named right after another may be what it lies in ("Paris, Texas"; "Kramatorsk (Donetsk)"),
and a division named right after a town is likely the town's: each mention's candidates as the names
around it have them (the places stage pairs the mentions, ``_containers``)."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from newstrace.languages import pack
from newstrace.linking.community_words import container_gap
from newstrace.linking.gazetteer import GazPlace, is_village_only
from newstrace.linking.gazetteer_build import ADMIN1, ADMIN2, CITY, COUNTRY
from newstrace.linking.place_scoring import contains, listed
from newstrace.model import Mention

_GAP_OPENS = re.compile(r"\s*[,(]")  # how every gap without community words begins
_WORD_OPENS = re.compile(r"\s+\w")  # and every gap with them ("X territorial community, Y")


@functools.cache
def _past_gap(lang: str | None) -> re.Pattern[str]:
    """A character no gap (``container_gap``) holds: a gap is white space, a comma or an opening
    parenthesis, and the letters and other characters of the language's community words. No mention
    that starts past one can be the container of the mention before it, so its gap is not read."""
    found = pack(lang) if lang else None
    words = found.community_words if found is not None else ()
    if not words:
        return re.compile(r"[^\s,(]")
    other = sorted({c for w in words for c in w if not c.isalpha() and not c.isspace()})
    return re.compile(r"[^\w\s,(" + re.escape("".join(other)) + r"]|[\d_]")


def containers_after(
    raw: str,
    ms: Sequence[Mention],
    guesses: Sequence[GazPlace | None] | None = None,
    lang: str | None = None,
) -> dict[int, int]:
    """Mention index -> the index of the mention right after it that may name what it lies in ("Paris,
    Texas"; "Kramatorsk (Donetsk)"; with the language's community words between, "Pokrovske territorial
    community, Dnipropetrovsk"), unless the first ``guesses`` make them a list (``listed``)."""
    if guesses is not None:
        return unlisted(containers_after(raw, ms, None, lang), guesses)
    gap = container_gap(lang)
    past = _past_gap(lang)
    out: dict[int, int] = {}
    for i, m in enumerate(ms):
        if not _GAP_OPENS.match(raw, m.end) and not _WORD_OPENS.match(raw, m.end):
            continue  # no comma, parenthesis or word after it: no mention can follow as its container
        # The mentions that start past the first character no gap holds are not tried: an article's
        # dozen places were each tried against every later one, twice an article.
        beyond = past.search(raw, m.end)
        last = beyond.start() if beyond is not None else len(raw)
        for j, o in enumerate(ms):
            # The gap is read in place (from the end of one mention to the start of the next), not on a
            # copy of it.
            if m.end <= o.start <= last and gap.match(raw, m.end, o.start):
                out[i] = j
                break
    return out


def unlisted(pairs: dict[int, int], guesses: Sequence[GazPlace | None]) -> dict[int, int]:
    """The pairs of ``containers_after`` (read without guesses) that the first ``guesses`` do not make a
    list: what ``containers_after`` gives with them, without reading the text again."""
    return {i: j for i, j in pairs.items() if not listed(guesses[i], guesses[j])}


def containing(
    candidates: list[tuple[float, GazPlace]], before: Sequence[GazPlace], bonus: float
) -> list[tuple[float, GazPlace]]:
    """Each candidate's score, plus ``bonus`` where it contains a candidate of the name before it."""
    if not before:
        return candidates
    return [(s + (bonus if any(contains(c, b) for b in before) else 0.0), c) for s, c in candidates]


def fitting(
    priors: list[tuple[float, GazPlace]],
    options: Sequence[list[GazPlace]],
    containers: dict[int, int],
    i: int,
    bonus: float,
) -> tuple[list[tuple[float, GazPlace]], list[GazPlace]]:
    """Mention ``i``'s scored candidates (``priors``) as the names around it have them, and the places
    named right after it that may contain it (``containers``: mention -> the one after it)."""
    followed = options[containers[i]] if i in containers else []
    # A village known from a post office only is no container: "X, Zaporizhzhia" would otherwise stand
    # for the divisions of every village of that name.
    followed = [c for c in followed if c.level in (COUNTRY, ADMIN1, CITY) and not is_village_only(c)]
    # A division that contains the place named just before it is what this name means.
    before = [b for j, k in containers.items() if k == i for b in options[j]]
    candidates = containing(priors, before, bonus)
    inside = [(s, c) for s, c in candidates if any(contains(f, c) for f in followed)]
    # "Paris, Texas": what is named right after a place contains it, when any candidate fits.
    if inside or not _elsewhere_in_country(candidates, followed):
        return inside or candidates, followed
    return [], followed


def _elsewhere_in_country(candidates: list[tuple[float, GazPlace]], followed: Sequence[GazPlace]) -> bool:
    """Whether every candidate is a town of the country of a first-level division named right after the
    name, lying in another of its divisions: "X, Y" says X lies in Y, so the X there is one the gazetteer
    lacks (a village spelt like a town elsewhere in the country), not that town. Only a division whose
    towns carry its code (a GeoNames one, or a knowledge-base region tied to one): a region made of
    several ("Darfur") holds towns its code does not name. A candidate abroad is kept (the division may be
    an item of a list read as a container): on places_en.jsonl (gold spans) dropping those too loses two
    toponyms placed right (all 0.8666 -> 0.8664); this way none moves. On acled_events.jsonl 4 notes
    gain (acc25 0.8486 -> 0.8530; even half 0.8531 -> 0.8596, odd 0.8442 -> 0.8463), none lost."""
    coded = [f for f in followed if f.level == ADMIN1 and (f.id.startswith("adm1:") or f.admin1)]
    countries = {f.country for f in coded}
    return bool(coded) and all(c.level >= ADMIN2 and c.country in countries for _, c in candidates)
