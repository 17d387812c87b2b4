"""The division of an address whose village the gazetteer lacks (``linking.address_divisions``)."""

from __future__ import annotations

from newstrace.linking.address_divisions import division_named, town_and_part
from newstrace.linking.gazetteer import Gazetteer
from newstrace.linking.gazetteer_build import ADMIN1, CITY, Row


def _gazetteer() -> Gazetteer:
    return Gazetteer(
        [
            Row("adm1:QQ.1", "Upper Westmark", ADMIN1, "QQ", 48.0, 36.0, 900_000, names={"Upper Westmark"}),
            Row("adm1:QQ.2", "Westmark", ADMIN1, "QQ", 47.0, 36.0, 900_000, names={"Westmark"}),
            Row("adm1:QR.1", "Eastmark", ADMIN1, "QR", 47.0, 40.0, 900_000, names={"Eastmark"}),
            Row("gn:1", "Dolyna", CITY, "QQ", 48.5, 36.5, 90_000, geonames_id=1, names={"Dolyna"}),
        ]
    )


def test_the_longest_run_of_words_naming_a_division_of_the_articles_countries() -> None:
    gaz = _gazetteer()
    assert division_named(gaz, ["Upper", "Westmark", "Governor"], {"QQ"}) == "Upper Westmark"
    assert division_named(gaz, ["Westmark", "Governor"], {"QQ"}) == "Westmark"
    # A town is no division, and a division of a country the article does not point to is not taken.
    assert division_named(gaz, ["Dolyna"], {"QQ"}) is None
    assert division_named(gaz, ["Eastmark"], {"QQ"}) is None
    assert division_named(gaz, ["Eastmark"], {"QQ", "QR"}) == "Eastmark"


def test_a_town_and_a_district_of_it_after_a_spaced_dash() -> None:
    gaz = Gazetteer(
        [
            Row("gn:1", "Dolyna", CITY, "QQ", 48.5, 36.5, 90_000, geonames_id=1, names={"Dolyna"}),
            Row("gn:2", "Pivnichnyi", CITY, "QQ", 48.6, 36.6, 9_000, geonames_id=2, names={"Pivnichnyi"}),
            Row("gn:3", "Stepnyi", CITY, "QQ", 49.5, 37.5, 9_000, geonames_id=3, names={"Stepnyi"}),
        ]
    )
    assert town_and_part(gaz, "Dolyna - Pivnichnyi")  # 13 km apart
    assert town_and_part(gaz, "Dolyna \u2013 Pivnichnyi")
    # Two places far apart (a route, a merger of two bodies), or a name no place bears, are no address.
    assert not town_and_part(gaz, "Dolyna - Stepnyi")
    assert not town_and_part(gaz, "Dolyna - Zorvadin")
    # Nor a hyphenated name, nor a town beside itself.
    assert not town_and_part(gaz, "Dolyna-Pivnichnyi")
    assert not town_and_part(gaz, "Dolyna - Dolyna")
