"""A first-level division placed at the town that stands for it: the knowledge base's regions, and the
GeoNames division that is one of them under its bare name ("X, Westmark" as "X, Westmark region")."""

from __future__ import annotations

import pickle

from newstrace.linking.gazetteer import Gazetteer
from newstrace.linking.gazetteer_build import ADMIN1, CITY, COUNTRY, Row
from newstrace.model import Mention
from newstrace.stages.places import PlacesStage

# An invented country QQ: Westmark has a knowledge-base region, Eastmark none.
WEST, EAST = "adm1:QQ.1", "adm1:QQ.2"


def _gazetteer() -> Gazetteer:
    rows = [
        Row(
            "country:QQ", "Qualand", COUNTRY, "QQ", 49.0, 35.0, 9_000_000, capital="Ostrov", names={"Qualand"}
        ),
        Row(WEST, "Westmark", ADMIN1, "QQ", 48.0, 36.0, 2_000_000, names={"Westmark"}),
        Row(EAST, "Eastmark", ADMIN1, "QQ", 48.0, 39.0, 1_000_000, names={"Eastmark"}),
        # The knowledge base's "Westmark region", tied to the division (``tie_regions``), with its capital.
        Row(
            "region:place/westmark-region",
            "Westmark region",
            ADMIN1,
            "QQ",
            48.1,
            36.1,
            0,
            admin1=WEST,
            capital="Dolyna",
            names={"Westmark region"},
        ),
        Row("gn:1", "Dolyna", CITY, "QQ", 48.9, 37.5, 400_000, geonames_id=1, admin1=WEST, names={"Dolyna"}),
        Row("gn:2", "Ostrov", CITY, "QQ", 50.0, 30.0, 900_000, geonames_id=2, names={"Ostrov"}),
    ]
    return Gazetteer(rows)


def test_a_division_that_is_a_knowledge_base_region_has_the_regions_capital() -> None:
    gaz = _gazetteer()
    west, east = gaz.get(WEST), gaz.get(EAST)
    assert west is not None and east is not None
    tied = gaz.tied_region(west)
    assert tied is not None and tied.id == "region:place/westmark-region"
    capital = gaz.capital_of(west)
    assert capital is not None and capital.name == "Dolyna"
    # A division that is no region of the knowledge base has no capital to stand for it.
    assert gaz.tied_region(east) is None and gaz.capital_of(east) is None
    # The region is not tied to itself, and a country keeps its own capital.
    assert gaz.tied_region(tied) is None
    country = gaz.country_place("QQ")
    assert country is not None and (gaz.capital_of(country) or country).name == "Ostrov"


def test_the_map_of_tied_regions_is_never_pickled() -> None:
    gaz = _gazetteer()
    west = gaz.get(WEST)
    assert west is not None and gaz.tied_region(west) is not None
    assert "_tied_rows" not in pickle.loads(pickle.dumps(gaz)).__dict__


def test_a_division_named_bare_is_placed_where_its_region_would_be() -> None:
    gaz = _gazetteer()
    stage = PlacesStage(lambda: gaz)
    raw = "Shelling near Zorivka, Westmark and Zorivka, Eastmark."
    for name, point in (("Westmark", (48.9, 37.5)), ("Eastmark", (48.0, 39.0))):
        start = raw.index(name)
        m = Mention(start, start + len(name), name, "place", None, None, 1.0, "test")
        pick = gaz.candidates(name)[0]
        place = stage._place(gaz, raw, m, pick, "en")
        assert (place.lat, place.lon) == point and place.precision == 3
