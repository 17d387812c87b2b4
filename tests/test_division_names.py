"""Divisions under the names news gives them: without GeoNames' designator, and a region split by
compass words under its bare name (``linking.division_names``)."""

from __future__ import annotations

from newstrace.linking.division_names import add_division_names, tie_regions, without_designator
from newstrace.linking.gazetteer import gazetteer
from newstrace.linking.gazetteer_build import ADMIN1, CITY, COUNTRY, Row

SUFFIXES = ["Uygur Zizhiqu", "Zizhiqu", "Sheng", "Province", "Governorate"]
PREFIXES = ["Muhafazat"]


def _row(rid: str, name: str, level: int, cc: str, lat: float, lon: float) -> Row:
    row = Row(rid, name, level, cc, lat, lon, 1000)
    row.names = {name}
    return row


def test_a_designator_is_left_off_the_name() -> None:
    assert without_designator("Qarvel Sheng", SUFFIXES, PREFIXES) == "Qarvel"
    assert without_designator("Tolmar Uygur Zizhiqu", SUFFIXES, PREFIXES) == "Tolmar"
    assert without_designator("Muhafazat Zindar", SUFFIXES, PREFIXES) == "Zindar"
    assert without_designator("Qarvel", SUFFIXES, PREFIXES) is None


def test_what_is_left_must_not_be_a_common_word_or_too_short() -> None:
    assert without_designator("Central Province", SUFFIXES, PREFIXES) is None
    assert without_designator("Capital Governorate", SUFFIXES, PREFIXES) is None
    assert without_designator("Xy Sheng", SUFFIXES, PREFIXES) is None


def test_the_gazetteer_rows_gain_the_short_names_and_the_compass_regions() -> None:
    rows = [
        _row("country:QQ", "Qualand", COUNTRY, "QQ", 0.0, 0.0),
        _row("adm1:QQ.01", "Qarvel Sheng", ADMIN1, "QQ", 10.0, 20.0),
        _row("adm1:QQ.02", "North Vandor", ADMIN1, "QQ", 12.0, 30.0),
        _row("adm1:QQ.03", "South Vandor", ADMIN1, "QQ", 8.0, 30.0),
        _row("adm1:QQ.04", "Upper Qualand", ADMIN1, "QQ", 1.0, 1.0),
        _row("adm1:QQ.05", "Lower Qualand", ADMIN1, "QQ", -1.0, 1.0),
        _row("adm1:QQ.06", "West Lonmar", ADMIN1, "QQ", 5.0, 5.0),
    ]
    added = add_division_names(rows, ADMIN1, COUNTRY)
    # The short name is the main one (news writes it; the name-match bonus goes to it), the long one stays.
    assert rows[1].name == "Qarvel" and {"Qarvel", "Qarvel Sheng"} <= rows[1].names
    # "North Vandor" and "South Vandor": "Vandor" is the region between them. "Qualand" is already a
    # country's name, and "Lonmar" has one division only: neither becomes a region.
    assert [(r.name, r.level, r.country, r.lat, r.lon) for r in added] == [
        ("Vandor", ADMIN1, "QQ", 10.0, 30.0)
    ]
    assert added[0].population == 2000 and added[0].id.startswith("adm1x:")


def test_a_knowledge_base_region_is_tied_to_the_division_of_its_bare_name() -> None:
    # Invented names: the division table writes the bare name, the knowledge base the designator.
    divisions = [
        _row("adm1:QQ.01", "Zarvenko", ADMIN1, "QQ", 48.0, 37.0),
        _row("adm1:QQ.02", "Miravka", ADMIN1, "QQ", 50.0, 30.0),
        _row("adm1:QQ.03", "Miravka", ADMIN1, "QQ", 50.1, 30.1),  # a city and its province, one name
    ]
    regions = [
        _row("region:place/zarvenko-oblast", "Zarvenko Oblast", ADMIN1, "QQ", 48.1, 37.2),
        _row("region:place/miravka-oblast", "Miravka Oblast", ADMIN1, "QQ", 50.0, 30.2),
        _row("region:place/zarvenko-elsewhere", "Zarvenko Oblast", ADMIN1, "QR", 10.0, 10.0),
    ]
    tied = {r.id: r.admin1 for r in tie_regions(regions, divisions, ADMIN1)}
    assert tied == {
        "region:place/zarvenko-oblast": "adm1:QQ.01",
        "region:place/miravka-oblast": None,  # two divisions of that name: no tie
        "region:place/zarvenko-elsewhere": None,  # another country's
    }


def test_a_town_whose_point_moved_between_releases_still_names_its_division() -> None:
    from newstrace.linking.gazetteer_build import SAME_TOWN_KM, _town_of

    town = Row("gn:1", "Zorivka", CITY, "QQ", 49.5893, 34.5537, 800)
    namesake = Row("gn:2", "Zorivka", CITY, "QQ", 49.9, 34.9, 800)  # 44 km away
    by_point = {("QQ", 49.589, 34.554): town}
    by_name = {("QQ", "Zorivka"): [namesake, town]}
    record = {"cc": "QQ", "name": "Zorivka", "lat": "49.5937", "lon": "34.5407"}  # 1 km off
    assert _town_of(record, {}, by_name) is town  # by name, the closest within reach
    assert _town_of(record, {}, {("QQ", "Zorivka"): [namesake]}) is None  # beyond SAME_TOWN_KM
    assert SAME_TOWN_KM < 44
    exact = {"cc": "QQ", "name": "Other name", "lat": "49.5893", "lon": "34.5537"}
    assert _town_of(exact, by_point, by_name) is town  # at its point, whatever its name


def test_a_division_whose_towns_all_moved_between_releases_has_its_row() -> None:
    # Three Ukrainian divisions had none while their towns' points differed between the two GeoNames
    # releases the gazetteer is built from; their towns were handed to the neighbouring division.
    gaz = gazetteer()
    poltava = next(c for c in gaz.candidates("Poltava") if c.level == CITY and c.population > 100_000)
    assert poltava.admin1 is not None and gaz.get(poltava.admin1) is not None
    assert any(c.level == ADMIN1 and c.id == poltava.admin1 for c in gaz.candidates("Poltava"))
