"""Choosing among a place name's namesakes: features of each candidate and the weights that combine them.

A candidate is scored on what it is (its feature level: country > national capital > first-level
division > town > second-level division, and its population), on how it was named (under its own name
or an alternate one) and on the article around it: the countries and first-level divisions its other
place names point to, a division named right after it ("Alexandria, Louisiana"), and places already
placed nearby. No country is preferred a priori. The weights are fitted on data (see ``WEIGHTS``).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from newstrace.linking.gazetteer import Gazetteer, GazPlace, distance_km, is_village_only
from newstrace.linking.gazetteer_build import ADMIN1, ADMIN2, CITY, CONTINENT, COUNTRY
from newstrace.linking.geodesy import EARTH_KM, haversine_km
from newstrace.linking.keys import name_keys
from newstrace.linking.main_names import is_main_name
from newstrace.linking.outlet_memory import OutletMemory as OutletMemory  # its callers import it from here
from newstrace.linking.outlet_memory import admin1_of as _admin1_of
from newstrace.model import Mention

NEAR_KM = 250.0
# Namesakes closer than this to the best candidate are the same answer at the geoparsing literature's
# tolerance (100 miles): only farther ones make a mention ambiguous.
RIVAL_KM = 161.0
# A place this populous, or a national capital, is never left unplaced for a close namesake (a French
# article's "Genève" misses the main-name bonus of the English "Geneva" and would tie with small
# American Genevas). On places_en.jsonl (gold spans) toponyms placed within 161 km minus those placed
# farther hardly move with it (margin 4: 4,992 with 50,000 people, 5,007 with 100,000, 5,015 with
# 200,000 or a million; 4,984 with no exemption at margin 1.5): it is set for the sense of a bare name.
WELL_KNOWN_POPULATION = 100_000
# A town this close to the point of a region the knowledge base knows (an oblast) lies in it.
REGION_KM = 150.0


@dataclass(frozen=True)
class Weights:
    # Fitted by coordinate ascent (``evaluation/fit_places.py``) on places_en.jsonl (935 English news
    # articles, corpora lgl, geovirus, trnews; gold spans as the mentions), 5 folds of articles by
    # ``realdata.folds(seed=0)``. Held out (each fold scored with weights fitted on the other four):
    # acc161 0.696, precision161 0.780 over 7,848 toponyms. The values are those fitted on all folds.
    # Objective: toponyms placed within 161 km of the gold point. Only differences between levels count.
    # The outlet weights were then fitted the same way with the others kept (``fit_places --only
    # outlet_admin1,outlet_country``; every fold chose outlet_admin1 12, outlet_country 0), and the
    # abstention margin after them (``--only min_margin``, grid 0-8; every fold chose 1): held out
    # acc161 0.779, precision161 0.837 over 7,885 toponyms. The objective is flat in the margin (at 4:
    # about 1.5 points less acc161 for 1.5 more precision161), so the margin is a choice of trade-off.
    # All of them refitted together once towns spelt like common words were held back instead of
    # dropped (``fit_places --folds 5``, every weight): held out acc161 0.792, precision161 0.849 over
    # 7,895 toponyms (0.788 / 0.846 with the weights before). The folds agree on followed_by 0 (a
    # place named right after a name already narrows its candidates to those inside it,
    # ``PlacesStage.scored``) and on a smaller weight for an ADMIN2 level; they spread over capital
    # 1.5-3, context_country 0-4, shared_admin1 3-6, outlet_country 2-9 and margin 0.5-2: the values
    # are those fitted on all articles. After country points moved towards the published ones, bare
    # county names, demonyms of divisions, the isolated-town cut and the outlet memory that leaves a
    # name's own readings out, every weight refitted (``fit_places --folds 5``): held out acc161 0.8318,
    # precision161 0.8954 over 7,895 toponyms. Fitted on all articles it chose outlet_admin1 9 and
    # margin 1.5: toponyms within 161 km minus those farther are the same as with the values below
    # within 2 (17 fewer right, 19 fewer wrong), so these are kept.
    level: tuple[float, ...] = (6.0, 6.0, 4.0, 2.0, 4.0, 3.0)  # CONTINENT .. FACILITY
    capital: float = 1.5
    population: float = 1.0  # per power of ten
    main_name: float = 4.0
    # Refitted once a name's own mentions left its context (``fit_places --only context_country,min_margin,
    # isolated``): folds 2 or 4, all 2; held out acc161 0.8386, precision161 0.9167 (margin 2: see paired).
    context_country: float = 2.0  # times the share of the article's other places in the same country
    context_admin1: float = 1.5
    followed_by: float = 0.0  # "Alexandria, Louisiana": lies in the division or country named after it
    near: float = 3.0  # within NEAR_KM of another place the article names unambiguously
    # Lies in a first-level division where another name of the article has a candidate too ("Athens"
    # and "Henderson County" both have one in Texas): read before any choice is made.
    shared_admin1: float = 3.0
    # Lies within ``paired_km`` of a candidate of another name of the article, not itself ("Paris" and
    # "Henry County" have namesakes in a dozen states, but only one pair a few kilometres apart): a
    # town held back as a common word is then a candidate too. Fitted with the margin and the isolated
    # cut (``fit_places --folds 5 --only paired,paired_km,min_margin,isolated``): every fold chose 4, 25
    # km and margin 2; held out acc161 0.8386, precision161 0.9164. Kept at 2 and margin 1 (full set
    # 0.8395 / 0.9126): with 4 the ACLED notes placed within 25 km fall (0.4627 -> 0.4605; margin 2: 0.4573).
    paired: float = 2.0
    paired_km: float = 25.0
    # Lies in the first-level division (times its share) where the outlet's earlier articles put their
    # places (``Context.outlet_admin1``): a local paper's "Paris" is the town of its own state.
    outlet_admin1: float = 12.0
    outlet_country: float = 2.0  # likewise for the country
    # A one-word name that is also a common word of the language stands for a town only this populous.
    # wordfreq folds case, so place names are "common words" too ("Paris", "Oxford"): with the outlet
    # weight above, places_en.jsonl (gold spans) placed within 161 km 6,183 toponyms at 10,000 against
    # 6,150 at 50,000, but 10,000 lets "Cher ami" in French read as a town: kept at 50,000 (set by hand).
    common_word_population: int = 50_000
    # A town held back by the rule above is still a candidate where another place of the article lies
    # in its first-level division, or where the outlet's earlier articles put at least this share of
    # their places (``supported``). Fitted with the other weights kept (``fit_places --only
    # outlet_home_share``, grid 0.1-0.7 and off): every fold chose 0.3; held out acc161 0.788,
    # precision161 0.846 over 7,895 toponyms (0.779 / 0.837 before towns were held back, not dropped).
    outlet_home_share: float = 0.3
    # Below this score the best candidate is too weak to put on the map.
    min_score: float = 0.0
    # The best candidate must beat the best one lying farther than ``RIVAL_KM`` from it by this much, or
    # the mention stays unplaced ("ambiguous"): a wrong town is worse than none. Fitted separately from
    # the choice weights (``fit_places.margin_trials``) to maximise toponyms placed within 161 km minus
    # those placed farther, i.e. a mention is placed when it is more likely right than wrong.
    min_margin: float = 1.0
    # A town or second-level division of fewer people than this, farther than ``isolated_km`` from every
    # other division or town the article places, stays unplaced ("ambiguous"): a village far from all
    # the article is about is most often a namesake of a place the gazetteer lacks (a lake, a township).
    # 0 turns it off. Fitted like the margin, after it, the other weights kept (``fit_places --only
    # isolated``, grid 0 / 2,000-20,000 people by 300 / 1,000 km): every fold chose 10,000 and 300 km;
    # held out acc161 0.8259, precision161 0.8943 over 7,896 toponyms (0.8243 / 0.8805 without it).
    isolated_population: int = 10_000
    isolated_km: float = 300.0
    # An item of a list of places ("Georgia, Oklahoma, Pennsylvania and California") whose candidate is of
    # the level most of the other items are guessed at (``place_lists``). Fitted with the others kept
    # (``fit_places --folds 5 --only list_level``, grid 0-8): the folds chose 4, 3, 4, 4, 4 and all
    # articles 4; held out acc161 0.8467, precision161 0.9143 over 7,895 toponyms.
    list_level: float = 4.0


WEIGHTS = Weights()


@dataclass
class Own:
    """What the guesses of one name's mentions add to the article's context."""

    total: int = 0
    countries: Counter[str] = field(default_factory=Counter)
    admin1: Counter[str] = field(default_factory=Counter)
    regions: set[str] = field(default_factory=set)


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
    # Name key -> what that name's own guesses (every mention of it) added above: a name's repeated
    # mentions are left out of its own context (``_named_in_article``).
    own: dict[str, Own] = field(default_factory=dict)
    # Shares of the places the same outlet's earlier articles were given, by first-level division and by
    # country (``OutletMemory``): empty for an article of an unknown or new outlet.
    outlet_admin1: dict[str, float] = field(default_factory=dict)
    outlet_country: dict[str, float] = field(default_factory=dict)
    # Every town and district candidate of every name: its point (radians), its name key and its id, in
    # order of latitude; and the latitudes alone (``paired`` reads the band it needs).
    pairs: list[tuple[float, float, str, str]] = field(default_factory=list)
    pair_lats: list[float] = field(default_factory=list)


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
    if is_main_name(surface, c.name) and not abbreviation_of_other(surface, c.name):
        score += w.main_name
    return score


def abbreviation_of_other(surface: str, name: str = "") -> bool:
    """ "US", "UK": a short name in capitals is an abbreviation, not the main name of a place spelt
    otherwise (the town Us)."""
    letters = surface.replace(".", "")
    return letters.isupper() and len(letters) <= 4 and surface != name


def contextual(c: GazPlace, key: str, ctx: Context, w: Weights, followed: Sequence[GazPlace]) -> float:
    """What the rest of the article adds, leaving out the first guesses of every mention of the name
    ``key``. The terms are added in one fixed order (article, outlet, neighbourhood), so equal inputs
    score equal."""
    score = _named_in_article(c, key, ctx, w)
    score = _outlet_home(c, ctx, w, score)
    return _neighbourhood(c, ctx, w, followed, score)


# What the article adds to candidates (``in_context``), by name, core, following places and candidate.
ContextTerms = dict[tuple[str, str, tuple[int, ...], int], tuple[float, float]]


def in_context(
    candidates: Sequence[tuple[float, GazPlace]],
    key: str,
    core: str,
    ctx: Context,
    w: Weights,
    followed: Sequence[GazPlace],
    terms: ContextTerms,
) -> list[tuple[float, GazPlace]]:
    """Each candidate's score plus what the article adds to it (``contextual``, then ``shared``). That
    depends on the mention's name ``key`` (the outlet's memory read for it into ``ctx``), its ``core``,
    the places named right after it and the candidate only: ``terms`` keeps it for the name's other
    mentions in the article (by object: every candidate and following place lives as long as the
    article's scoring)."""
    sig = (key, core, tuple(map(id, followed)))
    out = []
    for s, c in candidates:
        got = terms.get((*sig, id(c)))
        if got is None:
            got = terms[(*sig, id(c))] = (contextual(c, core, ctx, w, followed), shared(c, core, ctx, w))
        out.append((s + got[0] + got[1], c))
    return out


def _named_in_article(c: GazPlace, key: str, ctx: Context, w: Weights) -> float:
    """The share of the article's other places in the candidate's country, and whether its first-level
    division is named (or a knowledge-base region lies near it). The name's own mentions are no
    context for it: a name said twice would otherwise vouch for its own first guess (a bare "Decatur"
    repeated in an article read as the most populous Decatur, the repetition naming that state)."""
    score = 0.0
    own = ctx.own.get(key) or Own()
    others = ctx.total - own.total
    if others > 0 and c.country:
        score += w.context_country * (ctx.countries[c.country] - own.countries[c.country]) / others
    region = _admin1_of(c)
    named = bool(region) and ctx.admin1[region or ""] - own.admin1[region or ""] > 0
    if named or (
        # A region tied to a division (``tie_regions``) counts by its code; an untied one, by nearness.
        c.level >= ADMIN2
        and any(
            r.id not in own.regions and r.admin1 is None and _near(r, c, REGION_KM) for r in ctx.kb_regions
        )
    ):
        score += w.context_admin1
    return score


def _outlet_home(c: GazPlace, ctx: Context, w: Weights, score: float) -> float:
    """Where the outlet's earlier articles were: its division and country pull namesakes home."""
    region = _admin1_of(c)
    if region:
        score += w.outlet_admin1 * ctx.outlet_admin1.get(region, 0.0)
    if c.country:
        score += w.outlet_country * ctx.outlet_country.get(c.country, 0.0)
    return score


def _neighbourhood(
    c: GazPlace, ctx: Context, w: Weights, followed: Sequence[GazPlace], score: float
) -> float:
    """A town in the place named right after it ("X, Y"), or near a town the article already placed."""
    if c.level >= ADMIN2 and any(contains(f, c) for f in followed):
        score += w.followed_by
    if c.level >= ADMIN2 and any(
        a.id != c.id and a.level >= ADMIN2 and _near(a, c, NEAR_KM) for a in ctx.anchors
    ):
        score += w.near
    return score


def decided(
    scored: Sequence[tuple[float, GazPlace]], w: Weights, well_known: bool = False
) -> GazPlace | None:
    """The best of a mention's scored candidates (best first), or None where it is too weak or a far
    namesake scores within ``w.min_margin`` of it. A ``well_known`` best candidate (a national capital,
    a place of ``WELL_KNOWN_POPULATION``) is what a bare name means when nothing says otherwise
    ("Tripoli"), and is kept however close its namesakes score."""
    if not scored or scored[0][0] < w.min_score:
        return None
    top, best = scored[0]
    rival = next((s for s, c in scored[1:] if not _near(c, best, RIVAL_KM)), None)
    if rival is not None and top - rival < w.min_margin and not well_known:
        return None
    return best


def _near(a: GazPlace, b: GazPlace, km: float) -> bool:
    # A great-circle distance is at least the Earth's radius times the difference of latitudes: most
    # pairs of an article's places are told apart by that alone, without the trigonometry.
    if abs(a.lat - b.lat) > km * _DEGREES_PER_KM:
        return False
    return distance_km((a.lat, a.lon), (b.lat, b.lon)) <= km


# Degrees of latitude per kilometre, with a margin far above rounding error (``_near``).
_DEGREES_PER_KM = 180 / (math.pi * EARTH_KM) * (1 + 1e-9)


def contains(f: GazPlace, c: GazPlace) -> bool:
    """Whether ``c`` lies in ``f``, or in the first-level division of the town ``f``."""
    if f.level == COUNTRY:
        return f.country == c.country and c.level > COUNTRY
    if f.level >= ADMIN2 or c.level <= ADMIN1:
        return f.level == CITY and c.level > ADMIN1 and f.admin1 is not None and f.admin1 == c.admin1
    region = _admin1_of(f)
    if region is not None and region == c.admin1:
        return True
    # A knowledge-base region tied to no GeoNames division, or a town of no known division: then lying
    # close to the division's point is the test (not for a tied one: a village across its border is not).
    unknown = (f.id.startswith("region:") and f.admin1 is None) or (f.level == ADMIN1 and c.admin1 is None)
    return unknown and distance_km((f.lat, f.lon), (c.lat, c.lon)) <= REGION_KM


def listed(a: GazPlace | None, b: GazPlace | None) -> bool:
    """Whether the name after ``a`` ("X, Y"), first guessed ``b``, is no larger a unit than ``a``'s guess:
    then they are items of a list ("California, Colorado"), and Y no container of X ("Paris, Texas")."""
    return a is not None and b is not None and a.level <= b.level


def supported(c: GazPlace, ctx: Context, home: float = 1.0) -> bool:
    """Whether another place of the article (its context-free best guess) lies in the first-level
    division of ``c``: then a town spelt like a common word ("Paris" of a county the article names)
    may be what the name means; or where a share ``home`` of the outlet's earlier places lie (the
    outlet's home: a local paper's "Paris")."""
    region = _admin1_of(c)
    return region is not None and (ctx.admin1[region] > 0 or ctx.outlet_admin1.get(region, 0.0) >= home)


def held_supported(c: GazPlace, key: str, ctx: Context, w: Weights) -> bool:
    """Whether the town ``c``, held back as its name ``key`` is a common word, is a candidate: the article
    or the outlet's home supports it (``supported``), or another name's candidate is close (``paired``)."""
    return supported(c, ctx, w.outlet_home_share) or (w.paired > 0 and paired(c, key, ctx, w.paired_km))


def shared(c: GazPlace, key: str, ctx: Context, w: Weights) -> float:
    """What the other names' candidates add: ``c`` lies in a division where another name of the
    article (not ``key``, the mention's own) may lie too."""
    region = _admin1_of(c)
    if c.level <= COUNTRY or region is None or is_village_only(c):
        # A million villages lie near some candidate of any name: for one known from a post office
        # only, such a coincidence is no sign ("New York" villages beside England's Washington).
        return 0.0
    score = w.shared_admin1 if ctx.candidate_admin1.get(region, set()) - {key} else 0.0
    return score + (w.paired if w.paired and paired(c, key, ctx, w.paired_km) else 0.0)


def paired(c: GazPlace, key: str, ctx: Context, km: float) -> bool:
    """Whether a town or district candidate of another name than ``key``, other than ``c`` itself, lies
    within ``km`` of the town or district ``c``."""
    if c.level < ADMIN2 or not ctx.pairs:
        return False
    # Only candidates within ``km`` of its latitude can be that close (a great-circle distance is at
    # least the Earth's radius times the difference of latitudes): a bisection, not a distance to each.
    lat, lon = math.radians(c.lat), math.radians(c.lon)
    band = km / EARTH_KM * (1 + 1e-9)
    lats = ctx.pair_lats
    for plat, plon, k, pid in ctx.pairs[bisect_left(lats, lat - band) : bisect_right(lats, lat + band)]:
        if k != key and pid != c.id and haversine_km(lat, lon, plat, plon) <= km:
            return True
    return False


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
    seen: dict[str, Sequence[GazPlace]] = {}
    for cands, key in zip(options, names, strict=True):
        if seen.get(key) == cands:
            continue  # a name said again: nothing new (sets, and pairs only asked "any near?")
        seen[key] = cands
        for c in cands:
            if is_village_only(c):
                continue  # a village known from a post office only: too weak to vouch for another name
            region = _admin1_of(c)
            if region is not None and c.level > COUNTRY:
                ctx.candidate_admin1.setdefault(region, set()).add(key)
            if c.level >= ADMIN2:
                ctx.pairs.append((math.radians(c.lat), math.radians(c.lon), key, c.id))
    ctx.pairs.sort()
    ctx.pair_lats = [p[0] for p in ctx.pairs]
    keys = names or [""] * len(guesses)
    for g, alone, key in zip(guesses, unambiguous, keys, strict=True):
        if g is None or g.level == CONTINENT or is_village_only(g):
            continue
        own = ctx.own.setdefault(key, Own())
        ctx.total += 1
        own.total += 1
        if g.country:
            ctx.countries[g.country] += 1
            own.countries[g.country] += 1
        a1 = _admin1_of(g)
        if a1:
            ctx.admin1[a1] += 1
            own.admin1[a1] += 1
        if alone:
            ctx.anchors.append(g)
        if g.id.startswith("region:"):
            ctx.kb_regions.append(g)
            own.regions.add(g.id)
    return ctx


def isolated(picks: Sequence[GazPlace | None], w: Weights) -> list[bool]:
    """Which picks are small towns or districts (``w.isolated_population``) lying farther than
    ``w.isolated_km`` from every other first-level division, district or town the article places."""
    local = [p for p in picks if p is not None and p.level >= ADMIN1]
    out = []
    for p in picks:
        if p is None or p.level < ADMIN2 or p.population >= w.isolated_population:
            out.append(False)
            continue
        others = [q for q in local if q.id != p.id]
        out.append(bool(others) and not any(_near(p, q, w.isolated_km) for q in others))
    return out


def with_held(
    priors: list[list[tuple[float, GazPlace]]],
    ms: Sequence[Mention],
    held: Sequence[list[GazPlace]],
    ctx: Context,
    w: Weights,
    keys: Sequence[str],
) -> list[list[tuple[float, GazPlace]]]:
    """Each mention's scored candidates, with its held-back places that the article or the outlet's
    home supports, or that lie close to a candidate of another name (``held_supported``)."""
    return [
        p + [(prior(c, m.text, w, False), c) for c in h if held_supported(c, key, ctx, w)]
        for m, p, h, key in zip(ms, priors, held, keys, strict=True)
    ]
