"""What the words around a place name say of it, on sentences written for these tests: a division word
("Washington state", "the province of X", "X and Y counties", "X Co.") and the initials of a name the
article spells out ("S.F." after "San Francisco")."""

from __future__ import annotations

import re

import pytest

from newstrace.linking.division_words import division_word, spelt_out
from newstrace.linking.gazetteer import distance_km
from newstrace.linking.initialisms import initials
from place_probe import placed


def _placed(text: str, names: list[str]) -> dict[str, tuple[str | None, float, float] | str]:
    """name -> (country, lat, lon) of the English text's first mention of it, or why it is unplaced."""
    return placed(text, names, "en")


def _called(text: str, name: str) -> str | None:
    m = re.search(re.escape(name), text)
    assert m is not None
    return division_word(text, m.start(), m.end())


@pytest.mark.parametrize(
    ("text", "name", "word"),
    [
        ("Farmers in Washington state lost their crops.", "Washington", "state"),
        ("The governor of New York state spoke.", "New York", "state"),
        ("Shells fell across the Kherson region overnight.", "Kherson", "region"),
        ("Police in the province of Aydin made arrests.", "Aydin", "province"),
        ("Des frappes ont touché la région de Kharkiv.", "Kharkiv", "région"),
        ("Le gouverneur de l'État de New York a parlé.", "New York", "état"),
        ("Schools in Lanford, Brill and Carrow counties closed.", "Lanford", "county"),
        ("Schools in Lanford, Brill and Carrow counties closed.", "Brill", "county"),
        ("Shelling hit the Kherson and Zaporizhzhia regions.", "Kherson", "region"),
    ],
)
def test_a_division_word_beside_the_name_calls_it_a_division(text: str, name: str, word: str) -> None:
    assert _called(text, name) == word


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Students at Washington State University protested.", "Washington"),  # part of a longer name
        ("Traffic in the Washington area was slow.", "Washington"),  # an area is no division
        ("The mayor of Paris spoke on Monday.", "Paris"),
        ("A New York state of mind, the song went.", "New York"),  # "state of" opens another phrase
        ("They flew from Kherson, a port, to Odesa.", "Kherson"),
        ("Envoys from Syria and other Gulf states met.", "Syria"),  # "other" is no name of the list
    ],
)
def test_other_words_beside_a_name_do_not(text: str, name: str) -> None:
    assert _called(text, name) is None


def test_a_name_called_a_division_is_the_division_not_its_town_or_a_namesake() -> None:
    # Bare, "Washington" is the capital and "New York" the city; called a state, each is the state.
    got = _placed(
        "A cow from a Washington state farm fell ill, and New York state declared an emergency.",
        ["Washington", "New York"],
    )
    washington, new_york = got["Washington"], got["New York"]
    assert not isinstance(washington, str) and washington[0] == "US"
    assert distance_km((washington[1], washington[2]), (38.9, -77.04)) > 500  # not the capital
    assert distance_km((washington[1], washington[2]), (47.4, -120.5)) < 250  # the state's middle
    assert not isinstance(new_york, str) and distance_km((new_york[1], new_york[2]), (40.71, -74.0)) > 100
    bare = _placed("Officials in Washington and New York met.", ["Washington", "New York"])
    assert not isinstance(bare["Washington"], str)
    assert distance_km((bare["Washington"][1], bare["Washington"][2]), (38.9, -77.04)) < 25
    assert not isinstance(bare["New York"], str)
    assert distance_km((bare["New York"][1], bare["New York"][2]), (40.71, -74.0)) < 25


def test_names_listed_before_counties_are_the_counties_not_their_namesake_towns() -> None:
    # Bare, each name is a town of another state; before "counties", the Georgia counties of the names.
    text = "Enrolment fell in Barrow, Jackson and Oglethorpe counties, east of Atlanta."
    got = _placed(text, ["Barrow", "Jackson", "Oglethorpe", "Atlanta"])
    for name in ("Barrow", "Jackson", "Oglethorpe"):
        place = got[name]
        assert not isinstance(place, str), (name, place)
        assert distance_km((place[1], place[2]), (34.0, -83.5)) < 50, (name, place)


def test_a_division_word_beside_a_name_no_division_bears_changes_nothing() -> None:
    # No division is named "Springfield": the word finds none, and the town stays the answer.
    words = _placed("Flooding hit the Springfield district of Illinois.", ["Springfield", "Illinois"])
    plain = _placed("Flooding hit Springfield in Illinois.", ["Springfield", "Illinois"])
    assert words["Springfield"] == plain["Springfield"]


def test_an_abbreviated_generic_word_is_spelt_out() -> None:
    assert spelt_out("Lanford Co.") == "Lanford County"
    assert spelt_out("Brill Twp.") == "Brill Township"
    assert spelt_out("Co.") == "Co."  # no name before it
    assert spelt_out("Coventry") == "Coventry"
    got = _placed("Deputies in Platte Co., Missouri, cleared the roads.", ["Platte Co.", "Missouri"])
    place = got["Platte Co."]
    assert not isinstance(place, str) and distance_km((place[1], place[2]), (39.38, -94.77)) < 40, place


def test_initials_of_a_name_the_article_names_in_full_are_that_place() -> None:
    assert initials("Los Angeles") == "LA"
    assert initials("Kyiv") == ""
    got = _placed(
        "Rents rose in San Francisco this year, and S.F. landlords expect more.", ["San Francisco", "S.F."]
    )
    full, short = got["San Francisco"], got["S.F."]
    assert not isinstance(full, str) and not isinstance(short, str), (full, short)
    assert distance_km((short[1], short[2]), (full[1], full[2])) < 25
    # Without the full name, the initials are nothing the gazetteer knows: kept, unplaced.
    assert _placed("S.F. landlords expect more.", ["S.F."])["S.F."] == "not_in_gazetteer"
