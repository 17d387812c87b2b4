"""World regions and bodies of water (``data/places/world_features.yaml``): the parts of the world news
names across borders ("the Middle East", "the Sahel", "the Baltic states") and its seas, gulfs, straits
and oceans. No installable gazetteer ships them, so without them such a name fell to a town that bears
it (a neighbourhood called Middle East in the United States; the Sudanese state of Red Sea) and that
town then pulled the article's other names towards its own state.

They enter the gazetteer at the level of continents: a part of the world, weighed among its namesakes
by the people of the countries it spans or borders (as a continent is by its own), named in every
language the file gives and, where it is a UN M49 region, by CLDR's name for it in each language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from newstrace.linking.place_data import places_yaml

KINDS = frozenset({"region", "sea"})


@dataclass(frozen=True)
class WorldFeature:
    id: str
    kind: str
    name: str
    lat: float
    lon: float
    population: int
    names: frozenset[str]


DATA_FILE = "world_features.yaml"


def _records() -> list[dict[str, Any]]:
    data = places_yaml(DATA_FILE) or []
    if not isinstance(data, list):
        raise ValueError("world_features.yaml: expected a list of features")
    return data


def world_features(country_population: Mapping[str, int], cldr: Mapping[str, set[str]]) -> list[WorldFeature]:
    """Every feature of the data file, weighed by the population of its countries (``country_population``:
    ISO code -> people) and named also by CLDR's territory names (``cldr``: M49 code -> names)."""
    out = []
    for rec in _records():
        kind = str(rec["kind"])
        if kind not in KINDS:
            raise ValueError(f"world_features.yaml: {rec['id']}: unknown kind {kind!r}")
        names = {str(rec["name"])}
        for spelt in (rec.get("names") or {}).values():
            names.update(str(n) for n in spelt)
        if rec.get("cldr"):
            names.update(cldr.get(str(rec["cldr"]), ()))
        out.append(
            WorldFeature(
                id=str(rec["id"]),
                kind=kind,
                name=str(rec["name"]),
                lat=float(rec["lat"]),
                lon=float(rec["lon"]),
                population=sum(country_population.get(str(c), 0) for c in rec["countries"]),
                names=frozenset(names),
            )
        )
    return out
