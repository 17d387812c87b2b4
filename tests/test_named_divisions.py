"""A first-level division named right after a place ("X, Y region"): what lies in it, and what it
settles among a name's namesakes."""

from __future__ import annotations

from newstrace.linking.gazetteer import GazPlace
from newstrace.linking.gazetteer_build import ADMIN1, CITY
from newstrace.linking.place_containers import containers_after, fitting
from newstrace.linking.place_scoring import WEIGHTS, build_context, contains, contextual
from newstrace.linking.postal_places import POSTAL_PREFIX
from newstrace.model import Mention

# Two divisions of an invented country QQ, side by side: Westmark (QQ.1) and Eastmark (QQ.2).
WEST, EAST = "adm1:QQ.1", "adm1:QQ.2"


def _town(pid: str, lat: float, lon: float, admin1: str | None, population: int = 800) -> GazPlace:
    return GazPlace(pid, "Zorivka", "city", "QQ", lat, lon, population, level=CITY, admin1=admin1)


def _region(admin1: str | None) -> GazPlace:
    # A knowledge-base region ("Westmark region"), tied to its GeoNames division or to none.
    return GazPlace(
        "region:place/westmark", "Westmark", "region", "QQ", 48.0, 36.0, 0, level=ADMIN1, admin1=admin1
    )


def test_a_region_tied_to_its_division_holds_only_the_towns_of_that_division() -> None:
    inside = _town("gn:1", 48.5, 36.3, WEST)
    across = _town("gn:2", 48.3, 37.0, EAST)  # 80 km from the region's point, over the border
    assert contains(_region(WEST), inside) and not contains(_region(WEST), across)
    # A region tied to no division lies where its point is: nearness is all there is to go by.
    assert contains(_region(None), inside) and contains(_region(None), across)


def test_naming_a_tied_region_counts_for_its_own_towns_only() -> None:
    region = _region(WEST)
    ctx = build_context([region], [True], [[region]], ["westmark"])
    inside = contextual(_town("gn:1", 48.5, 36.3, WEST), "zorivka", ctx, WEIGHTS, [])
    across = contextual(_town("gn:2", 48.3, 37.0, EAST), "zorivka", ctx, WEIGHTS, [])
    assert inside - across == WEIGHTS.context_admin1


def test_a_village_known_from_a_post_office_is_no_container() -> None:
    west = _town("gn:1", 48.5, 36.3, WEST, 300)
    east = _town("gn:2", 48.3, 38.5, EAST, 3_000)
    division = GazPlace(WEST, "Westmark", "region", "QQ", 48.0, 36.0, 500_000, level=ADMIN1)
    # "Zorivka, Westmark": a village of Eastmark is also called Westmark, known from its post office.
    namesake = GazPlace(f"{POSTAL_PREFIX}QQ:100:0", "Westmark", "city", "QQ", 48.2, 38.4, 0, admin1=EAST)
    options = [[west, east], [division, namesake]]
    candidates, followed = fitting([(1.0, west), (2.0, east)], options, {0: 1}, 0, 0.0)
    assert [c.id for _, c in candidates] == ["gn:1"]
    assert followed == [division]


def test_a_town_elsewhere_in_the_country_is_not_the_place_in_the_division_named_after_it() -> None:
    division = GazPlace(WEST, "Westmark", "region", "QQ", 48.0, 36.0, 500_000, level=ADMIN1)
    east = _town("gn:2", 48.3, 38.5, EAST, 70_000)
    # "Zorivka, Westmark": the only Zorivka of QQ lies in Eastmark; the one meant is none the gazetteer has.
    candidates, followed = fitting([(1.0, east)], [[east], [division]], {0: 1}, 0, 0.0)
    assert candidates == [] and followed == [division]
    # A candidate abroad keeps them all (the division may be an item of a list read as a container).
    abroad = GazPlace("gn:3", "Zorivka", "city", "QR", 10.0, 10.0, 9_000, level=CITY, admin1="adm1:QR.1")
    candidates, _ = fitting([(1.0, east), (0.5, abroad)], [[east, abroad], [division]], {0: 1}, 0, 0.0)
    assert [c.id for _, c in candidates] == ["gn:2", "gn:3"]
    # So does a region whose towns do not carry its code (one made of several divisions).
    made = GazPlace("adm1x:QQ.Mark", "Mark", "region", "QQ", 48.0, 37.0, 900_000, level=ADMIN1)
    candidates, _ = fitting([(1.0, east)], [[east], [made]], {0: 1}, 0, 0.0)
    assert [c.id for _, c in candidates] == ["gn:2"]


def _mentions(text: str, names: list[str]) -> list[Mention]:
    at = [text.index(n) for n in names]
    return [
        Mention(a, a + len(n), n, "place", None, None, 1.0, "test") for a, n in zip(at, names, strict=True)
    ]


def test_a_municipality_named_after_its_seat_is_followed_by_its_container() -> None:
    text = (
        "Shelling hit Zorivka territorial community, Westmark, and Dolyna hromada (Eastmark); Lviv community."
    )
    ms = _mentions(text, ["Zorivka", "Westmark", "Dolyna", "Eastmark", "Lviv"])
    assert containers_after(text, ms, lang="en") == {0: 1, 2: 3}
    # Without the language's community words only a comma or a parenthesis pairs them.
    assert containers_after(text, ms, lang="de") == {}
    assert containers_after("Zorivka, Westmark", _mentions("Zorivka, Westmark", ["Zorivka", "Westmark"])) == {
        0: 1
    }
