"""Places: put each place mention on the map, with a precision code in the spirit of ACLED.

Only mentions the entities stage typed as places are looked up (never every capitalised word).
Candidates are the world gazetteer's places of that exact name (spelling-insensitive); a near spelling
is tried only for long names with no exact match. The choice weighs what each candidate is (country,
capital, division, town, population) and what the article says around it (see
``linking.place_scoring``). A mention that cannot be placed is kept, without a place and with the reason
(``Mention.unresolved``): it is never forced onto a look-alike. Precision: 1 the town or facility
itself; 2 near it ("près de", "near", "під"), or a village only a national register of settlements
knows, placed at its community's seat (``linking.register_places``); 3 a region or country, placed at
its own point (a knowledge-base region at its capital, as ACLED codes it).
"""

from __future__ import annotations

import dataclasses
import functools
import operator
import re
from collections.abc import Sequence

from newstrace.languages import case_forms
from newstrace.linking.bare_divisions import bare_divisions
from newstrace.linking.demonym_places import demonym_places
from newstrace.linking.division_words import division_word, divisions_called, spelt_out
from newstrace.linking.gazetteer import Gazetteer, GazPlace, distance_km
from newstrace.linking.gazetteer_build import ADMIN1, ADMIN2, CITY
from newstrace.linking.initialisms import with_initialisms
from newstrace.linking.lemmas import lemmatise_phrase
from newstrace.linking.main_names import below_main_namesakes
from newstrace.linking.memo import BoundedMemo
from newstrace.linking.near_words import near_before, without_article
from newstrace.linking.outlet_memory import outlet_of as outlet_of  # its callers import it from here
from newstrace.linking.place_containers import containers_after, fitting, unlisted
from newstrace.linking.place_density import PlaceDensity
from newstrace.linking.place_distances import at_distances
from newstrace.linking.place_lists import list_kinds, with_list_level
from newstrace.linking.place_scoring import (
    WEIGHTS,
    WELL_KNOWN_POPULATION,
    ContextTerms,
    OutletMemory,
    Weights,
    abbreviation_of_other,
    build_context,
    contains,
    decided,
    in_context,
    is_capital,
    isolated,
    name_key,
    prior,
    with_held,
)
from newstrace.linking.postal_places import without_named_villages
from newstrace.linking.register_places import is_registered
from newstrace.linking.word_names import calendar_words, common_word_split, is_common_word
from newstrace.model import Document, Mention, Place
from newstrace.pipeline.stage import BaseStage
from newstrace.stages.entity_places import demonym_countries

_REGION_WORDS = re.compile(
    r"\b(?:oblast|oblasts|région|region|province|gouvernorat|governorate|district|county|township|area|Gebiet|"
    r"Oblast|Region|state|état|область|області|областью|обл\.|округ|край|краю)\b\s*(?:de |d'|of |des |du )?",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"['’]s?$")
_PART = re.compile(r",|\s+[-–—]\s+")  # what follows names a container or a part ("Donetsk - Kyivskyi")
_NOT_PLACES = frozenset({"common_word", "calendar_word"})
_MEMO_SIZE = 20_000  # names whose candidates are kept (all dropped when full: bounded on a long stream)
_Held = tuple[tuple[GazPlace, ...], str | None, tuple[GazPlace, ...]]
# A region and a town of one name in one country where the town holds this share of the region's people:
# the region is named after the town ("Kharkiv", "Berlin", "New York"); the bare name means the town.
NAMESAKE_SHARE = 0.05


@functools.lru_cache(maxsize=1)
def _demonyms() -> dict[str, frozenset[str]]:
    """English demonyms (countryinfo's) -> the countries that have the word ("American": the United
    States and its outlying islands)."""
    from newstrace.text.nationalities import nationalities

    codes: dict[str, set[str]] = {}
    for code, word in nationalities().demonyms.items():
        codes.setdefault(word.casefold(), set()).add(code)
    return {word: frozenset(c) for word, c in codes.items()}


def _demonym_country(gaz: Gazetteer, text: str, lang: str | None) -> GazPlace | None:
    """The country a demonym handed in as a place names ("Russian", "Syrians", "soudanais"): the
    entities stage keeps demonyms out of its place mentions, but a caller's spans (or a corpus that
    tags them, as LGL and TR-News do) may hold one, and the country is what it points to, never a
    town spelt like it ("Syrian" is not Sirjan)."""
    low = text.casefold()
    table = _demonyms()
    codes = table.get(low) or (table.get(low[:-1]) if low.endswith("s") else None) or frozenset()
    if not codes and lang not in (None, "en") and " " not in text:
        codes = frozenset(demonym_countries(text, lang))
    # A demonym of several countries stands for the most populous ("American").
    countries = [c for c in map(gaz.country_place, sorted(codes)) if c is not None]
    return max(countries, key=lambda c: c.population, default=None)


class PlacesStage(BaseStage):
    name = "places"
    requires = frozenset({"mentions"})
    provides = frozenset({"places"})

    def __init__(self, gazetteer_loader: object, weights: Weights = WEIGHTS) -> None:
        self._loader = gazetteer_loader
        self.weights = weights
        self._capitals: dict[str, str | None] = {}
        self.outlets = OutletMemory()
        # Where the stream's earlier towns were: it tells apart namesakes the article does not.
        self.density = PlaceDensity(small_town=weights.isolated_population)
        # Each name's candidates, by the gazetteer they come from (a stream names its places again and again).
        self._held: tuple[object, BoundedMemo[tuple[object, ...], _Held]] = (None, BoundedMemo(_MEMO_SIZE))

    def _gazetteer(self) -> Gazetteer:
        gaz = self._loader() if callable(self._loader) else None
        assert isinstance(gaz, Gazetteer)
        return gaz

    def process(self, doc: Document) -> Document:
        gaz = self._gazetteer()
        ms = [m for m in doc.mentions if m.type == "place"]
        containers = containers_after(doc.raw, ms, lang=doc.lang)
        found = [
            self.candidates_held(
                gaz,
                m,
                doc.lang,
                i in containers.values(),
                i in containers,
                division_word(doc.raw, m.start, m.end),
            )
            for i, m in enumerate(ms)
        ]
        found = without_named_villages(doc.raw, [m.start for m in ms], found, doc.lang)  # "the Neches"
        found = with_initialisms(ms, found, [not c for c, _, _ in found])  # "L.A.": Los Angeles
        options = [c for c, _, _ in found]
        held = [h for *_, h in found]
        picks = self.choose(gaz, doc.raw, ms, options, outlet_of(doc), held, doc.lang, containers)
        places: list[Place] = []
        resolved: dict[int, tuple[GazPlace | None, str | None]] = {}
        for m, (_, reason, _), pick in zip(ms, found, picks, strict=True):
            resolved[id(m)] = (pick, None if pick is not None else (reason or "ambiguous"))
        mentions: list[Mention] = []
        for m in doc.mentions:
            if id(m) not in resolved:
                mentions.append(m)
                continue
            pick, why = resolved[id(m)]
            if pick is None:
                # A common word or a weekday is not a place at all; an unknown name stays, unplaced.
                if why not in _NOT_PLACES:
                    mentions.append(_placed(m, None, why))
                continue
            places.append(self._place(gaz, doc.raw, m, pick, doc.lang))
            mentions.append(_placed(m, pick))
        return self.done(doc, mentions=tuple(mentions), places=tuple(places))

    def scored(
        self,
        gaz: Gazetteer,
        raw: str,
        ms: Sequence[Mention],
        options: Sequence[list[GazPlace]],
        outlet: str | None = None,
        held: Sequence[list[GazPlace]] | None = None,
        lang: str | None = None,
        pairs: dict[int, int] | None = None,
    ) -> list[list[tuple[float, GazPlace]]]:
        """Each mention's candidates with their scores, best first. ``held``: each mention's towns held
        back as the name is a common word (``candidates_held``), candidates only where another place of
        the article or the outlet's home lies in their division (``place_scoring.supported``). Items of a
        list lean to the others' kind (``place_lists``), a town said to lie some distance from a place to
        namesakes that do (``place_distances``), ties to where earlier towns lie (``place_density``).
        ``pairs``: the mentions' ``containers_after`` read without guesses, if read already."""
        w = self.weights
        priors = [
            [(prior(c, m.text, w, is_capital(gaz, c, self._capitals)), c) for c in cands]
            for m, cands in zip(ms, options, strict=True)
        ]
        guesses = [max(p, key=lambda x: x[0])[1] if p else None for p in priors]
        keys = [name_key(m.text) for m in ms]
        # A name with and without its generic word ("DeKalb County", "DeKalb") is one name to the
        # article's context: each would otherwise vouch for the other's first guess.
        cores = [name_key(_REGION_WORDS.sub(" ", m.text).strip(" ,.'’") or m.text) for m in ms]
        # The towns an abbreviation spells ("US": the town Us) are noise, not the article's divisions.
        spelt = [[] if abbreviation_of_other(m.text) else c for m, c in zip(ms, options, strict=True)]
        ctx = build_context(guesses, [len(c) == 1 for c in options], spelt, cores)
        ctx.outlet_admin1, ctx.outlet_country = self.outlets.shares(outlet)
        ctx.anchors = self._not_capitals(gaz, ctx.anchors)
        if held:
            priors = with_held(priors, ms, held, ctx, w, cores)
        # "California, Colorado" is a list (``listed``)
        containers = containers_after(raw, ms, guesses, lang) if pairs is None else unlisted(pairs, guesses)
        # What the outlet's earlier articles say to each name leaves out that name's own readings.
        told = {k: self.outlets.shares(outlet, k) for k in set(keys)}
        kinds = list_kinds(raw, ms, lang, guesses, w.list_level)
        out: list[list[tuple[float, GazPlace]]] = []
        terms: ContextTerms = {}  # shared by the mentions of one name (``in_context``)
        placed_in: list[bool] = []  # its candidates narrowed to the division named right after it
        for i in range(len(ms)):
            ctx.outlet_admin1, ctx.outlet_country = told[keys[i]]
            candidates, followed = fitting(priors[i], options, containers, i, w.followed_by)
            placed_in.append(any(contains(f, c) for f in followed for _, c in candidates))
            scored = in_context(candidates, keys[i], cores[i], ctx, w, followed, terms)
            scored = with_list_level(scored, kinds.get(i), w.list_level)
            out.append(sorted(scored, key=lambda x: -x[0]))
        settled = _one_sense(keys, at_distances(raw, ms, guesses, out, lang))
        settled = [below_main_namesakes(m.text, s) for m, s in zip(ms, settled, strict=True)]
        return [
            self.density.settle(s, named, key) for s, named, key in zip(settled, placed_in, keys, strict=True)
        ]

    def choose(
        self,
        gaz: Gazetteer,
        raw: str,
        ms: Sequence[Mention],
        options: Sequence[list[GazPlace]],
        outlet: str | None = None,
        held: Sequence[list[GazPlace]] | None = None,
        lang: str | None = None,
        pairs: dict[int, int] | None = None,
    ) -> list[GazPlace | None]:
        """Each mention's place, or None; the outlet's memory and the stream's density then learn them.
        ``pairs``: as ``scored`` takes them."""
        picks = [
            decided(s, self.weights, bool(s) and self._well_known(gaz, s[0][1]))
            for s in self.scored(gaz, raw, ms, options, outlet, held, lang, pairs)
        ]
        far = isolated(picks, self.weights)
        picks = [None if alone else p for p, alone in zip(picks, far, strict=True)]
        keys = [name_key(m.text) for m in ms]
        kept = [(p, k) for k, p in zip(keys, picks, strict=True) if p is not None]
        self.outlets.add(outlet, [p for p, _ in kept], [k for _, k in kept])
        self.density.add(picks, keys)
        return picks

    def _not_capitals(self, gaz: Gazetteer, anchors: list[GazPlace]) -> list[GazPlace]:
        """The anchors that are no national capital. A capital is named for its government ("Moscow
        said"): lying near it is no sign that a namesake is the one meant (a small Rostov near Moscow
        drew the city of a million)."""
        return [a for a in anchors if not is_capital(gaz, a, self._capitals)]

    def _well_known(self, gaz: Gazetteer, c: GazPlace) -> bool:
        return c.population >= WELL_KNOWN_POPULATION or is_capital(gaz, c, self._capitals)

    def candidates_held(
        self,
        gaz: Gazetteer,
        m: Mention,
        lang: str | None,
        container: bool = False,
        contained: bool = False,
        division: str | None = None,
    ) -> tuple[list[GazPlace], str | None, list[GazPlace]]:
        """The mention's candidates, or none and why, and the places held back (see ``scored``): towns
        whose name is a common word, and second-level divisions named without their generic word
        (``bare_divisions``). ``division``: the word for a division the words around the mention call
        it ("Washington state": "state", ``division_words``). Remembered per name, entity, language,
        position and weight."""
        if self._held[0] is not gaz:
            self._held = (gaz, BoundedMemo(_MEMO_SIZE))
        key = (m.text, m.entity_id, lang, container, contained, division, self.weights.common_word_population)
        found = self._held[1].get_or_compute(
            key, lambda: self._found(gaz, m, lang, container, contained, division)
        )
        return list(found[0]), found[1], list(found[2])

    def _found(
        self,
        gaz: Gazetteer,
        m: Mention,
        lang: str | None,
        container: bool,
        contained: bool,
        division: str | None,
    ) -> _Held:
        cands, why, held = self._candidates_held(gaz, m, lang, container, contained, division)
        bare = [c for c in bare_divisions(gaz, m.text) if c not in cands and c not in held]
        return divisions_called(division, cands, why, held, bare)

    def _candidates_held(
        self,
        gaz: Gazetteer,
        m: Mention,
        lang: str | None,
        container: bool,
        contained: bool,
        division: str | None,
    ) -> tuple[list[GazPlace], str | None, list[GazPlace]]:
        """The mention's candidates, or none and why, and the towns held back because the name is a
        common word. A ``container`` follows another place name ("Myrove, Dnipropetrovsk"): there a
        name shared by a region and its main town may be the region. A ``contained`` name is followed
        by one ("Paris, Texas"): a word-like name is a place there; one called a ``division`` ("New York
        state") is the division of the name, where there is one, not its town."""
        if m.entity_id and m.entity_id.startswith("place/"):
            known = gaz.kb_place(m.entity_id)
            if known is not None:
                return [known], None, []
        text = spelt_out(m.text.strip())  # "Loudon Co.": "Loudon County"
        country = _demonym_country(gaz, text, lang)
        if country is not None:
            return [country], None, []
        if text.casefold() in calendar_words(lang):
            return [], "calendar_word", []
        core = _REGION_WORDS.sub(" ", text).strip(" ,.'’")
        is_region = core != text and bool(core)
        cands = _lookup(gaz, text, core, lang)
        if not cands and lang in (None, "en"):  # "Ohioans": the rules are English demonyms'
            cands = demonym_places(gaz, text, WELL_KNOWN_POPULATION)
        if not cands:
            return [], "not_in_gazetteer", []
        regions = [c for c in cands if c.feature == "region"]
        if is_region or (division and regions):
            return (regions or cands), None, []
        if not container:
            cands = _drop_namesake_regions(cands)
        if is_common_word(text, lang) and not contained:
            keep, held = common_word_split(cands, text, lang, self.weights.common_word_population)
            # A word that names regions elsewhere ("the West") stays a place mention, unplaced.
            names_regions = any(c.level == ADMIN1 for c in held)
            return keep, (None if keep else "region_word" if names_regions else "common_word"), held
        return cands, None, []

    def _place(self, gaz: Gazetteer, raw: str, m: Mention, pick: GazPlace, lang: str | None) -> Place:
        precision = 1
        lat, lon, gid = pick.lat, pick.lon, pick.geonames_id
        if pick.feature in ("region", "country"):
            precision = 3
            # The knowledge base's regions name the town that stands for them (ACLED codes a region
            # to its capital), and so does a GeoNames division that is one of them under its bare name
            # ("X, Donetsk" as "X, Donetsk region"); other divisions and countries keep their own point.
            # On acled_events.jsonl (notes whose village the gazetteer lacks fall back to the division)
            # acc25 0.8238 -> 0.8270 (even half 0.8251 -> 0.8315, odd 0.8225 either way);
            # places_en.jsonl (gold spans) unchanged.
            capital = gaz.capital_of(pick) if pick.level == ADMIN1 else None
            if capital is not None:
                lat, lon, gid = capital.lat, capital.lon, capital.geonames_id
        elif near_before(raw, m.start, lang) or is_registered(pick):
            precision = 2  # near it, or a village placed at its community's seat (``register_places``)
        return Place(
            start=m.start,
            end=m.end,
            text=m.text,
            name=pick.name,
            country=pick.country,
            lat=round(lat, 5),
            lon=round(lon, 5),
            geonames_id=gid,
            precision=precision,
            feature=pick.feature,
            confidence=m.confidence,
            stage=self.name,
            in_boilerplate=m.in_boilerplate,
        )


_MENTION_FIELDS = tuple(f.name for f in dataclasses.fields(Mention))  # in order: ``_placed`` reads them
_MENTION_VALUES = operator.attrgetter(*_MENTION_FIELDS)
_ENTITY_ID, _NAME, _UNRESOLVED = (_MENTION_FIELDS.index(n) for n in ("entity_id", "name", "unresolved"))


def _placed(m: Mention, pick: GazPlace | None, why: str | None = None) -> Mention:
    """``dataclasses.replace(m, entity_id=pick.id, name=pick.name, unresolved=None)`` at half its cost
    (replace reads the class's fields anew for each of the dozen place mentions of an article); with no
    ``pick``, ``replace(m, unresolved=why)`` (half a dozen mentions of a Russian article)."""
    values = list(_MENTION_VALUES(m))
    if pick is None:
        values[_UNRESOLVED] = why
    else:
        values[_ENTITY_ID], values[_NAME], values[_UNRESOLVED] = pick.id, pick.name, None
    return Mention(*values)


def _one_sense(
    keys: Sequence[str], scored: list[list[tuple[float, GazPlace]]]
) -> list[list[tuple[float, GazPlace]]]:
    """One name, one place in one article: each candidate of a repeated name gets the sum of its scores
    over the name's mentions, so that what one mention says ("Stanislav, Kherson") settles the others.
    Checked on places_en.jsonl (gold spans): acc161 +0.1 point, precision likewise."""
    groups: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        groups.setdefault(key, []).append(i)
    for idx in groups.values():
        if len(idx) < 2:
            continue
        total: dict[str, float] = {}
        for i in idx:
            for s, c in scored[i]:
                total[c.id] = total.get(c.id, 0.0) + s
        for i in idx:
            scored[i] = sorted(((total[c.id], c) for _, c in scored[i]), key=lambda x: -x[0])
    return scored


def _lookup(gaz: Gazetteer, text: str, core: str, lang: str | None) -> list[GazPlace]:
    """Places of the name as written, without a possessive, an article or a region word, or only its
    part before a comma or a spaced dash ("Zahoruykivka, Kharkiv" as one span; "Donetsk - Kyivskyi", a
    town's district); then by dictionary form (Russian, Ukrainian; a language pack's case endings,
    Polish); then, for a name that is no common word, by near spelling."""
    forms = [text, _POSSESSIVE.sub("", text), without_article(text, lang), core, _PART.split(text, 1)[0]]
    lemma = lemmatise_phrase(core or text, lang) if lang in ("uk", "ru") else None
    for form in dict.fromkeys(f for f in forms if f):
        cands = gaz.candidates(form, villages=True)
        if cands:
            # A declined name's dictionary form is a candidate too, even where the form as written
            # matched something ("Индию", India in the accusative, is also spelt like Indio).
            extra = gaz.candidates(lemma, villages=True) if lemma and lemma != form.casefold() else []
            return cands + [c for c in extra if c not in cands]
    if lemma:
        cands = gaz.candidates(lemma, villages=True)
        if cands:
            return cands
    for form in case_forms(core or text, lang):  # "w Charkowie": the pack's case endings
        cands = gaz.candidates(form, villages=True)
        if cands:
            return cands
    return [] if is_common_word(text, lang) else gaz.fuzzy_candidates(core or text)


def _drop_namesake_regions(cands: list[GazPlace]) -> list[GazPlace]:
    towns = [c for c in cands if c.level == CITY]
    if not towns:
        return cands

    def named_after_town(r: GazPlace) -> bool:
        return any(
            t.country == r.country
            and t.population >= NAMESAKE_SHARE * max(r.population, 1)
            and (t.admin1 == r.id or distance_km((t.lat, t.lon), (r.lat, r.lon)) <= 150)
            for t in towns
        )

    return [c for c in cands if c.level not in (ADMIN1, ADMIN2) or not named_after_town(c)]
