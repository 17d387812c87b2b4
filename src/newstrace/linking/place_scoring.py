"""Choosing among a place name's namesakes: features of each candidate and the weights that combine them.

A candidate is scored on what it is (its feature level: country > national capital > first-level
division > town > second-level division, and its population), on how it was named (under its own name
or an alternate one) and on the article around it: the countries and first-level divisions its other
place names point to, a division named right after it ("Alexandria, Louisiana"), and places already
placed nearby. No country is preferred a priori. The weights are fitted on data (see ``WEIGHTS``).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from newstrace.linking.gazetteer import Gazetteer, GazPlace, distance_km
from newstrace.linking.gazetteer_build import ADMIN1, ADMIN2, CITY, CONTINENT, COUNTRY
from newstrace.linking.keys import name_keys

NEAR_KM = 250.0
# A town this close to the point of a region the knowledge base knows (an oblast) lies in it.
REGION_KM = 150.0


@dataclass(frozen=True)
class Weights:
    # Fitted by coordinate ascent (``evaluation/fit_places.py``) on places_en.jsonl (935 English news
    # articles, corpora lgl, geovirus, trnews; gold spans as the mentions), 5 folds of articles by
    # ``realdata.folds(seed=0)``. Held out (each fold scored with weights fitted on the other four):
    # acc161 0.696, precision161 0.780 over 7,848 toponyms. The values are those fitted on all folds.
    # Objective: toponyms placed within 161 km of the gold point. Only differences between levels count.
    level: tuple[float, ...] = (6.0, 8.0, 4.0, 4.0, 4.0, 3.0)  # CONTINENT .. FACILITY
    capital: float = 0.0
    population: float = 1.0  # per power of ten
    main_name: float = 4.0
    context_country: float = 4.0  # times the share of the article's other places in the same country
    context_admin1: float = 1.5
    followed_by: float = 6.0  # "Alexandria, Louisiana": lies in the division or country named after it
    near: float = 3.0  # within NEAR_KM of another place the article names unambiguously
    # Lies in a first-level division where another name of the article has a candidate too ("Athens"
    # and "Henderson County" both have one in Texas): read before any choice is made.
    shared_admin1: float = 6.0
    # A one-word name that is also a common word of the language stands for a town only this populous
    # (set by hand, not fitted: low enough for a regional capital such as Kherson, whose GeoNames
    # population is understated, high enough to keep "Mobile" or "Reading" off small namesakes).
    common_word_population: int = 50_000
    # Below this score the best candidate is too weak to put on the map.
    min_score: float = 0.0


WEIGHTS = Weights()


@dataclass
class Context:
    """What the article's place names say, from each mention's context-free best guess."""

    countries: Counter[str] = field(default_factory=Counter)
    admin1: Counter[str] = field(default_factory=Counter)
    anchors: list[GazPlace] = field(default_factory=list)
    kb_regions: list[GazPlace] = field(default_factory=list)  # the knowledge base's (no GeoNames code)
    total: int = 0
    # First-level division -> the names of the article (spelling-insensitive keys) with a candidate in it.
    candidate_admin1: dict[str, set[str]] = field(default_factory=dict)


def is_capital(gaz: Gazetteer, c: GazPlace, cache: dict[str, str | None]) -> bool:
    if c.level != CITY or not c.country:
        return False
    if c.country not in cache:
        country = gaz.country_place(c.country)
        capital = gaz.capital_of(country) if country is not None else None
        cache[c.country] = capital.id if capital is not None else None
    return cache[c.country] == c.id


def prior(c: GazPlace, surface: str, w: Weights, capital: bool) -> float:
    """What a candidate is worth before the article is read."""
    score = w.level[c.level] + w.population * math.log10(c.population + 1)
    if capital:
        score += w.capital
    if set(name_keys(c.name)) & set(name_keys(surface)) and not abbreviation_of_other(surface, c.name):
        score += w.main_name
    return score


def abbreviation_of_other(surface: str, name: str = "") -> bool:
    """ "US", "UK": a short name in capitals is an abbreviation, not the main name of a place spelt
    otherwise (the town Us)."""
    letters = surface.replace(".", "")
    return letters.isupper() and len(letters) <= 4 and surface != name


def contextual(
    c: GazPlace, own: GazPlace | None, ctx: Context, w: Weights, followed: Sequence[GazPlace]
) -> float:
    """What the rest of the article adds, leaving out the mention's own first guess ``own``."""
    score = 0.0
    others = ctx.total - (1 if own is not None else 0)
    if others > 0 and c.country:
        same = ctx.countries[c.country] - (1 if own is not None and own.country == c.country else 0)
        score += w.context_country * same / others
    region = c.id if c.level == ADMIN1 else c.admin1
    named = (
        bool(region)
        and ctx.admin1[region or ""] - (1 if own is not None and _admin1_of(own) == region else 0) > 0
    )
    if named or (c.level >= ADMIN2 and any(r is not own and _near(r, c, REGION_KM) for r in ctx.kb_regions)):
        score += w.context_admin1
    if c.level >= ADMIN2 and any(contains(f, c) for f in followed):
        score += w.followed_by
    if c.level >= ADMIN2 and any(
        a.id != c.id and a.level >= ADMIN2 and distance_km((a.lat, a.lon), (c.lat, c.lon)) <= NEAR_KM
        for a in ctx.anchors
    ):
        score += w.near
    return score


def _near(a: GazPlace, b: GazPlace, km: float) -> bool:
    return distance_km((a.lat, a.lon), (b.lat, b.lon)) <= km


def contains(f: GazPlace, c: GazPlace) -> bool:
    """Whether ``c`` lies in ``f``, or in the first-level division of the town ``f``."""
    if f.level == COUNTRY:
        return f.country == c.country and c.level > COUNTRY
    if f.level >= ADMIN2 or c.level <= ADMIN1:
        return f.level == CITY and c.level > ADMIN1 and f.admin1 is not None and f.admin1 == c.admin1
    region = _admin1_of(f)
    if region is not None and region == c.admin1:
        return True
    # The knowledge base's regions carry no GeoNames code, and some towns' division codes are newer
    # than the division table: then lying close to the division's point is the test.
    unknown = f.id.startswith("region:") or (f.level == ADMIN1 and c.admin1 is None)
    return unknown and distance_km((f.lat, f.lon), (c.lat, c.lon)) <= REGION_KM


def _admin1_of(p: GazPlace) -> str | None:
    return p.id if p.level == ADMIN1 else p.admin1


def shared(c: GazPlace, key: str, ctx: Context, w: Weights) -> float:
    """What the other names' candidates add: ``c`` lies in a division where another name of the
    article (not ``key``, the mention's own) may lie too."""
    region = _admin1_of(c)
    if c.level <= COUNTRY or region is None:
        return 0.0
    return w.shared_admin1 if ctx.candidate_admin1.get(region, set()) - {key} else 0.0


def name_key(text: str) -> str:
    keys = name_keys(text)
    return keys[0] if keys else text.casefold()


def build_context(
    guesses: Sequence[GazPlace | None],
    unambiguous: Sequence[bool],
    options: Sequence[Sequence[GazPlace]] = (),
    names: Sequence[str] = (),
) -> Context:
    ctx = Context()
    for cands, key in zip(options, names, strict=True):
        for c in cands:
            region = _admin1_of(c)
            if region is not None and c.level > COUNTRY:
                ctx.candidate_admin1.setdefault(region, set()).add(key)
    for g, alone in zip(guesses, unambiguous, strict=True):
        if g is None or g.level == CONTINENT:
            continue
        ctx.total += 1
        if g.country:
            ctx.countries[g.country] += 1
        a1 = _admin1_of(g)
        if a1:
            ctx.admin1[a1] += 1
        if alone:
            ctx.anchors.append(g)
        if g.id.startswith("region:"):
            ctx.kb_regions.append(g)
    return ctx
