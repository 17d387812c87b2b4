"""A place found under a name only as another of its names ranks below the places of its division whose
main name it is (``linking.main_names``), on places made up for these tests."""

from __future__ import annotations

from newstrace.linking.gazetteer import GazPlace, gazetteer
from newstrace.linking.main_names import below_main_namesakes, is_main_name, main_keys
from newstrace.model import Mention
from newstrace.registry import build_stages
from newstrace.settings import Settings
from newstrace.stages.places import PlacesStage

# A city that some source also spells "Kozachka", and two villages whose name that is, in one division.
CITY = GazPlace("gn:1", "Bilohrad", "city", "ZZ", 47.0, 30.0, 200_000, admin1="adm1:ZZ.01")
NORTH = GazPlace("gn:2", "Kozachka", "city", "ZZ", 47.3, 30.1, 0, admin1="adm1:ZZ.01")
SOUTH = GazPlace("gn:3", "Kozachka", "city", "ZZ", 46.8, 30.2, 900, admin1="adm1:ZZ.01")
# A village of another division bearing the name as another name.
AWAY = GazPlace("gn:4", "Stepove", "city", "ZZ", 49.0, 35.0, 3_000, admin1="adm1:ZZ.02")


def test_main_keys_spell_out_abbreviated_words() -> None:
    assert main_keys("St. Kozachka") == main_keys("Saint Kozachka")
    assert is_main_name("Mt Kozachka", "Mount Kozachka") and not is_main_name("Kozachka", "Bilohrad")


def test_an_apostrophe_inside_a_romanised_word_is_no_word_break() -> None:
    # "Kam'yanets" and "Kamyanets" are one name; "L'Etang" keeps its article apart.
    assert main_keys("Kam'yanets") == main_keys("Kamyanets") == main_keys("Kam\u2019yanets")
    assert main_keys("L'Etang") == main_keys("L Etang")
    # So the town of that main name is no "other name" candidate beside a village spelt without it.
    town = GazPlace("gn:6", "Kam'yanets", "city", "ZZ", 47.2, 30.3, 9_000, admin1="adm1:ZZ.01")
    village = GazPlace("gn:7", "Kamyanets", "city", "ZZ", 47.4, 30.3, 0, admin1="adm1:ZZ.01")
    scored = [(17.0, town), (11.0, village)]
    assert below_main_namesakes("Kamyanets", scored) == scored


def test_a_place_of_another_name_ranks_below_the_divisions_places_of_that_name() -> None:
    scored = [(20.0, CITY), (14.0, AWAY), (12.0, SOUTH), (11.0, NORTH)]
    settled = below_main_namesakes("Kozachka", scored)
    assert [c for _, c in settled] == [AWAY, SOUTH, NORTH, CITY]
    assert settled[-1][0] < 11.0 < settled[-1][0] + 0.01  # just below the lowest of them
    # Another division's place keeps its score: no place there bears the name as its own.
    assert (14.0, AWAY) in settled
    # Where no place of the division bears it as its main name, nothing moves.
    assert below_main_namesakes("Kozachka", [(20.0, CITY), (14.0, AWAY)]) == [(20.0, CITY), (14.0, AWAY)]


def test_a_name_shortened_from_the_main_one_is_that_place_s_own() -> None:
    # "Kozachka" written for "Kozachka City" or "Kozachka County" is that place's name, shortened.
    city = GazPlace("gn:5", "Kozachka City", "city", "ZZ", 47.1, 30.0, 200_000, admin1="adm1:ZZ.01")
    scored = [(20.0, city), (11.0, NORTH)]
    assert below_main_namesakes("Kozachka", scored) == scored


def test_the_places_stage_reads_the_villages_of_the_name_before_the_city() -> None:
    stage = build_stages(["places"], Settings())[0]
    assert isinstance(stage, PlacesStage)
    text = "Artillery struck Kozachka overnight, the governor said."
    at = text.index("Kozachka")
    mention = Mention(at, at + 8, "Kozachka", "place", None, None, 0.9, "t")
    # Unknown in population, the village scores below the city on what it is; the rule puts it first.
    assert stage.choose(gazetteer(), text, [mention], [[CITY, NORTH]]) == [NORTH]
