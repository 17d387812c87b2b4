"""The stream's density of earlier towns (``linking.place_density``): it tells apart namesakes tied on
every other ground, and the small towns of one division whatever their scores, and nothing else, on
villages and places made up for these tests."""

from __future__ import annotations

import dataclasses

from newstrace.linking.gazetteer import GazPlace, gazetteer
from newstrace.linking.gazetteer_build import ADMIN1, CITY
from newstrace.linking.place_density import PlaceDensity
from newstrace.model import Mention
from newstrace.registry import build_stages
from newstrace.settings import Settings
from newstrace.stages.places import PlacesStage

# Two villages of one name in one division, 230 km apart, alike in everything the scoring reads.
WEST = GazPlace("gn:1", "Lypivka", "city", "ZZ", 47.0, 29.0, 0, admin1="adm1:ZZ.01")
EAST = GazPlace("gn:2", "Lypivka", "city", "ZZ", 47.0, 32.0, 0, admin1="adm1:ZZ.01")
# Towns an earlier article placed a few kilometres from the eastern one.
AROUND_EAST = [
    GazPlace(f"gn:{i}", f"Town {i}", "city", "ZZ", 47.02 + i / 100, 32.03, 500) for i in range(3, 6)
]


def test_density_counts_towns_in_the_cells_around_a_place_only() -> None:
    density = PlaceDensity(cells_km=(10.0,))
    region = GazPlace("adm1:ZZ.01", "Region", "region", "ZZ", 47.0, 32.0, 10**6, level=ADMIN1)
    density.add([*AROUND_EAST, region, None])  # a division's point is no town
    assert density.near(EAST) == 3 and density.near(WEST) == 0
    density.clear()
    assert density.near(EAST) == 0


def test_a_tie_leans_to_the_namesake_where_earlier_towns_lie_and_nothing_else_moves() -> None:
    density = PlaceDensity(cells_km=(10.0,), weight=4.0)
    tied = [(10.0, WEST), (10.0, EAST)]
    assert density.settle(tied) == tied  # nothing learnt yet: the tie is left as it is
    density.add(AROUND_EAST)
    settled = density.settle(tied)
    assert [c for _, c in settled] == [EAST, WEST]
    assert settled[0][0] == 10.0 and settled[1][0] < 10.0 - 2  # the densest keeps its score
    assert density.settle([(10.0, EAST), (10.0, WEST)]) == settled  # whatever the order of the tie
    # A candidate ahead on other grounds keeps its place where the two are not small towns of one
    # division: the density then only separates equals.
    elsewhere = dataclasses.replace(WEST, admin1="adm1:ZZ.02")
    ahead = [(10.5, elsewhere), (10.0, EAST)]
    assert density.settle(ahead) == ahead
    town = dataclasses.replace(WEST, population=50_000)
    ahead = [(10.5, town), (10.0, EAST)]
    assert density.settle(ahead) == ahead


def test_small_towns_of_one_division_lean_to_where_earlier_towns_lie_whatever_their_scores() -> None:
    density = PlaceDensity(cells_km=(10.0,), small_town=10_000, namesake_weight=12.0)
    # The western village counts 2,000 people, the eastern one is of unknown population: scores apart.
    known = dataclasses.replace(WEST, population=2_000)
    ahead = [(13.0, known), (10.0, EAST)]
    assert density.settle(ahead, division_named=True) == ahead  # nothing learnt yet
    density.add(AROUND_EAST)
    settled = density.settle(ahead, division_named=True)
    assert [c for _, c in settled] == [EAST, known]
    assert settled[0][0] == 10.0 and settled[1][0] < 10.0 - 2  # by enough to be no rival
    # Where the article named no division after the name, its scores stand.
    assert density.settle(ahead) == ahead
    # Where the best is no small town, or the other lies in another division, the scores stand.
    big = dataclasses.replace(WEST, population=20_000)
    assert density.settle([(13.0, big), (10.0, EAST)], True) == [(13.0, big), (10.0, EAST)]
    other = dataclasses.replace(known, admin1="adm1:ZZ.02")
    assert density.settle([(13.0, other), (10.0, EAST)], True) == [(13.0, other), (10.0, EAST)]


def test_a_name_is_told_the_density_without_its_own_earlier_towns() -> None:
    density = PlaceDensity(cells_km=(10.0,), weight=4.0)
    # Earlier articles read "Lypivka" as the eastern village three times: that is no evidence for the
    # next "Lypivka", though it is for any other name.
    density.add([EAST, EAST, EAST], ["lypivka"] * 3)
    assert density.near(EAST) == 3 and density.near(EAST, name="lypivka") == 0
    assert density.near(EAST, name="kozachka") == 3
    tied = [(10.0, WEST), (10.0, EAST)]
    assert density.settle(tied, name="lypivka") == tied
    assert [c for _, c in density.settle(tied, name="kozachka")] == [EAST, WEST]
    # Towns read under other names still speak for it.
    density.add(AROUND_EAST, ["town a", "town b", "town c"])
    assert density.near(EAST, name="lypivka") == 3
    assert [c for _, c in density.settle(tied, name="lypivka")] == [EAST, WEST]
    density.clear()
    assert density.near(EAST) == 0 and density.near(EAST, name="kozachka") == 0


def test_where_the_fine_grid_tells_nothing_the_coarse_one_decides() -> None:
    # Earlier towns 50 km from the eastern village: beyond the fine grid's reach, within the coarse one's.
    away = [GazPlace(f"gn:{i}", f"Town {i}", "city", "ZZ", 47.45, 32.0, 500) for i in range(3, 6)]
    tied = [(10.0, WEST), (10.0, EAST)]
    fine = PlaceDensity(cells_km=(10.0,))
    fine.add(away)
    assert fine.near(EAST) == fine.near(WEST) == 0 and fine.settle(tied) == tied
    both = PlaceDensity(cells_km=(10.0, 40.0))
    both.add(away)
    assert both.near(EAST, 1) == 3 and both.near(WEST, 1) == 0
    assert [c for _, c in both.settle(tied)] == [EAST, WEST]


def test_the_places_stage_learns_the_density_from_the_stream_in_order() -> None:
    stage = build_stages(["places"], Settings())[0]
    assert isinstance(stage, PlacesStage)
    gaz = gazetteer()
    text = "Troops shelled Lypivka on Monday."
    at = text.index("Lypivka")
    mention = Mention(at, at + 7, "Lypivka", "place", None, None, 0.9, "t")
    assert stage.choose(gaz, text, [mention], [[WEST, EAST]]) == [None]  # two namesakes alike: ambiguous
    earlier = "Shelling hit Town 3, Town 4 and Town 5."
    ms = [
        Mention(earlier.index(t.name), earlier.index(t.name) + 6, t.name, "place", None, None, 0.9, "t")
        for t in AROUND_EAST
    ]
    assert stage.choose(gaz, earlier, ms, [[t] for t in AROUND_EAST]) == AROUND_EAST
    assert stage.choose(gaz, text, [mention], [[WEST, EAST]]) == [EAST]
    assert stage.choose(gaz, text, [mention], [[EAST, WEST]]) == [EAST]
    assert all(c.level == CITY for c in (WEST, EAST))
