"""Small places from GeoNames' postal-code dump: reading the dump, and their weight as context."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path

from newstrace.linking.gazetteer import GazPlace, is_village_only
from newstrace.linking.gazetteer_build import ADMIN1, CITY
from newstrace.linking.place_scoring import build_context
from newstrace.linking.postal_places import (
    POSTAL_PREFIX,
    admin1_by_state,
    clean_name,
    data_file,
    postal_places,
)


def _dump(tmp_path: Path, records: list[dict[str, object]]) -> Path:
    path = tmp_path / "dump.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec) + "\n")
    return path


def _rec(code: str, name: str, lat: float | None, lon: float | None, cc: str = "XX") -> dict[str, object]:
    return {"country_code": cc, "postal_code": code, "city": name, "latitude": lat, "longitude": lon}


def test_clean_name_drops_qualifiers_and_districts() -> None:
    assert clean_name("Nova Vas (Nova Vas village council)") == "Nova Vas"
    assert clean_name("  Stara   Gora ") == "Stara Gora"
    assert clean_name("Lyon 03") is None  # a city's postal district
    assert clean_name("(none)") is None
    assert clean_name("") is None


def test_each_place_once_per_name_and_cell(tmp_path: Path) -> None:
    path = _dump(
        tmp_path,
        [
            _rec("100", "Dolyna", 48.50, 35.10),
            _rec("101", "Dolyna", 48.501, 35.101),  # another post office of the same village
            _rec("102", "Dolyna", 49.50, 30.00),  # a namesake far away
            _rec("103", "Dolyna", 48.50, 35.10, cc="YY"),  # same point, another country
            _rec("104", "Nowhere", None, None),  # no point
            _rec("105", "Kyiv 01", 50.45, 30.52),  # a district
        ],
    )
    got = list(postal_places(path))
    assert [(p.country, p.name, p.code) for p in got] == [
        ("XX", "Dolyna", "100"),
        ("XX", "Dolyna", "102"),
        ("YY", "Dolyna", "103"),
    ]


def test_the_dump_ships_with_its_package() -> None:
    path = data_file()
    assert path.is_file() and path.stat().st_size > 1_000_000


def _place(pid: str, level: int = CITY, admin1: str | None = "adm1:XX.1") -> GazPlace:
    return GazPlace(pid, pid, "city", "XX", 48.0, 35.0, 0, level=level, admin1=admin1)


def test_postal_places_give_no_context() -> None:
    village = _place(f"{POSTAL_PREFIX}XX:100:0")
    town = _place("gn:1")
    assert is_village_only(village) and not is_village_only(town)
    ctx = build_context([village, town], [True, True], [[village], [town]], ["a", "b"])
    # The town counts as the article's context; the village known from a post office does not.
    assert ctx.total == 1 and ctx.countries["XX"] == 1
    assert ctx.candidate_admin1 == {"adm1:XX.1": {"b"}}
    assert [p[3] for p in ctx.pairs] == ["gn:1"]
    assert [a.id for a in ctx.anchors] == ["gn:1"]
    region = _place("adm1:XX.1", level=ADMIN1, admin1=None)
    assert build_context([region], [True], [[region]], ["c"]).admin1["adm1:XX.1"] == 1


def test_a_village_ranks_below_a_town_of_its_name() -> None:
    from newstrace.linking.place_scoring import WEIGHTS, prior

    village = _place(f"{POSTAL_PREFIX}XX:100:0")
    town = GazPlace("gn:2", "gn:2", "city", "YY", 10.0, 10.0, 600, level=CITY)
    assert prior(village, "x", WEIGHTS, False) < prior(town, "x", WEIGHTS, False)


def test_the_gazetteer_holds_the_postal_places() -> None:
    from newstrace.linking.gazetteer import gazetteer

    gaz = gazetteer()
    rows = [i for i, pid in enumerate(gaz.ids) if pid.startswith(POSTAL_PREFIX)]
    assert len(rows) > 500_000
    # Each lies in the first-level division of the nearest town of its country.
    placed = sum(1 for i in rows[::1000] if gaz.admin1[i] >= 0)
    assert placed >= 0.95 * len(rows[::1000])
    assert all(gaz.population[i] == 0 and gaz.level[i] == CITY for i in rows[::1000])


@dataclass
class _Village:
    country: str | None
    admin1: str | None  # the nearest town's division


def test_a_village_by_a_border_lies_in_its_own_state() -> None:
    # Eight of ten villages of the state "Westska" have their nearest town in QQ.1: the state is QQ.1,
    # and its two villages whose nearest town lies across the border (QQ.2) are moved into it.
    west = [_Village("QQ", "adm1:QQ.1") for _ in range(8)] + [_Village("QQ", "adm1:QQ.2") for _ in range(2)]
    # A state split between two divisions (a coarser unit) names neither: its villages keep their own.
    split = [_Village("QQ", "adm1:QQ.3") for _ in range(5)] + [_Village("QQ", "adm1:QQ.4") for _ in range(5)]
    unnamed = [_Village("QQ", "adm1:QQ.2")]  # no state in the dump: unchanged
    places = west + split + unnamed
    states = ["Westska"] * 10 + ["Southska"] * 10 + [""]
    assert admin1_by_state(places, states) is places
    assert {v.admin1 for v in west} == {"adm1:QQ.1"}
    assert [v.admin1 for v in split] == ["adm1:QQ.3"] * 5 + ["adm1:QQ.4"] * 5
    assert unnamed[0].admin1 == "adm1:QQ.2"


def test_the_state_is_read_from_the_dump(tmp_path: Path) -> None:
    path = _dump(
        tmp_path, [{**_rec("1", "Dolyna", 48.5, 35.1), "state": "Westska"}, _rec("2", "Hai", 49.0, 31.0)]
    )
    assert [p.state for p in postal_places(path)] == ["Westska", ""]
