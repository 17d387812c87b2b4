"""Place evidence knows no war: the towns an article's own countries make likely, whichever war it is.

Each test would fail with the former rules, which took towns on weak evidence only in Ukraine, Russia
and Belarus.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newstrace.linking.gazetteer import Gazetteer, gazetteer
from newstrace.model import Document
from newstrace.stages.entity_places import PlaceEvidence, demonym_countries, named_countries, with_neighbours

Run = Callable[..., Document]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer()


def _evidence(gaz: Gazetteer, text: str, lang: str, names: list[str]) -> PlaceEvidence:
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    return PlaceEvidence(gaz, with_neighbours(named_countries(gaz, text, lang, [], spans)))


def test_demonyms_point_to_their_country() -> None:
    assert {"SD", "SY"} <= demonym_countries("Sudanese and Syrian officials met.", "en")
    assert "SD" in demonym_countries("Les militaires soudanais ont démenti.", "fr")
    assert "UA" in demonym_countries("українські військові відступили", "uk")
    assert "SD" in demonym_countries("Die sudanesische Armee meldete Kämpfe.", "de")
    assert not demonym_countries("The minister spoke on Monday.", "en")


@pytest.mark.parametrize(
    ("text", "named", "town", "elsewhere"),
    [
        ("Fighting spread across Sudan this week.", "Sudan", "Nyala", "Kramatorsk"),
        ("Aid convoys reached Syria on Friday.", "Syria", "Raqqa", "Nyala"),
        ("Shelling went on across Ukraine overnight.", "Ukraine", "Kramatorsk", "Raqqa"),
    ],
)
def test_a_town_the_model_mislabels_is_a_town_of_the_country_the_article_names(
    gaz: Gazetteer, text: str, named: str, town: str, elsewhere: str
) -> None:
    evidence = _evidence(gaz, text, "en", [named])
    assert evidence.mislabelled_town(town)
    assert not evidence.mislabelled_town(elsewhere)


def test_a_war_straddles_its_borders(gaz: Gazetteer) -> None:
    # The article names only the attacker; the town lies across the border.
    evidence = _evidence(gaz, "Russian forces shelled the town overnight.", "en", [])
    assert evidence.mislabelled_town("Kramatorsk")
    chad = _evidence(gaz, "Refugees crossed from Chad, officials said.", "en", ["Chad"])
    assert chad.mislabelled_town("Nyala")  # Sudan borders Chad


def test_a_common_german_word_is_not_a_town(gaz: Gazetteer) -> None:
    evidence = PlaceEvidence(gaz, frozenset({"DE", "AT", "CH", "NL", "BE", "FR", "DK"}))
    assert not evidence.german_town("Werden")  # a verb, spelt near a town of Lower Saxony
    assert not evidence.german_town("Essen")


@pytest.mark.parametrize(
    ("text", "towns"),
    [
        pytest.param(
            "Омдурман і Ньяла знову під обстрілом, повідомляє армія Судану. Мешканці залишають свої домівки, "
            "а гуманітарні організації просять про перемир'я.\n",
            ("Омдурман", "Ньяла"),
            id="ukrainian",
        ),
        pytest.param(
            "Die sudanesische Armee meldete am Montag neue Kämpfe. Omdurman und Kassala stehen seit Tagen "
            "unter Beschuss, und viele Familien haben ihre Häuser verlassen.\n",
            ("Omdurman",),
            id="german",
        ),
    ],
)
def test_a_text_about_sudan_finds_its_towns(run_text: Run, text: str, towns: tuple[str, ...]) -> None:
    places = {p.text: p.country for p in run_text(text).places}
    for town in towns:
        assert places.get(town) == "SD", town


def test_a_surname_of_a_full_name_in_the_article_is_not_a_town(gaz: Gazetteer) -> None:
    # "Sanford" alone after "Mark Sanford" is the man; in an article naming the United States the word
    # alone would otherwise be read as the town the model mislabelled.
    assert PlaceEvidence(gaz, frozenset({"US"})).mislabelled_town("Sanford")
    named = PlaceEvidence(gaz, frozenset({"US"}), frozenset({"Mark", "Sanford"}))
    assert not named.mislabelled_town("Sanford")


def test_a_name_after_a_place_preposition_is_a_village_of_the_article_s_country(gaz: Gazetteer) -> None:
    # A village too small to overrule the model's label on its name alone is a place after "near" or
    # "the village of", in an article naming its country; not without the preposition, not in an
    # article about elsewhere, and not where the word is a surname of a full name the article gives.
    syria = PlaceEvidence(gaz, frozenset({"SY"}))
    assert not syria.mislabelled_town("Sarmin")
    for text in ("Shelling hit positions near Sarmin overnight.", "Troops entered the village of Sarmin."):
        s = text.index("Sarmin")
        assert syria.preposition_town(text, s, s + len("Sarmin"), "en"), text
    text = "Officials said Sarmin spoke on Monday."
    s = text.index("Sarmin")
    assert not syria.preposition_town(text, s, s + len("Sarmin"), "en")
    text = "Shelling hit positions near Sarmin overnight."
    s = text.index("Sarmin")
    assert not PlaceEvidence(gaz, frozenset({"SD"})).preposition_town(text, s, s + len("Sarmin"), "en")
    named = PlaceEvidence(gaz, frozenset({"SY"}), frozenset({"Omar", "Sarmin"}))
    assert not named.preposition_town(text, s, s + len("Sarmin"), "en")


def test_a_long_name_after_a_preposition_meets_its_other_romanisation(gaz: Gazetteer) -> None:
    # No place is spelt "Verkhnyodniprovsk"; the town spelt "Verkhnodniprovsk" bears it under its key.
    # A long name only, and only among the towns of the article's countries.
    assert PlaceEvidence(gaz, frozenset({"UA"})).after_preposition("Verkhnyodniprovsk", "en")
    assert not PlaceEvidence(gaz, frozenset({"SY"})).after_preposition("Verkhnyodniprovsk", "en")


def test_a_name_followed_by_the_division_it_lies_in_is_a_place(gaz: Gazetteer) -> None:
    evidence = PlaceEvidence(gaz, frozenset())
    text = "Troops shelled Kafr Nabl, Idlib, on Monday, and the flood reached Paris, Texas."
    pairs = [(text[a:b], text[c:d]) for (a, b), (c, d) in evidence.contained(text, "en")]
    assert pairs == [("Kafr Nabl", "Idlib"), ("Paris", "Texas")]
    # A word before a comma is not placed in what follows unless a place of that name lies in it.
    assert not list(evidence.contained("Meanwhile, Texas sent aid. In Kyiv, Zelensky spoke.", "en"))


def test_a_municipality_named_after_its_seat_is_the_seat_in_the_division_after_it(gaz: Gazetteer) -> None:
    # "<seat> territorial community, <division>": the pack's community words stand between the two.
    evidence = PlaceEvidence(gaz, frozenset())
    text = "Troops shelled Kafr Nabl municipality, Idlib, and Maarrat Misrin community, Idlib, on Monday."
    pairs = [(text[a:b], text[c:d]) for (a, b), (c, d) in evidence.contained(text, "en")]
    assert pairs == [("Kafr Nabl", "Idlib"), ("Maarrat Misrin", "Idlib")]
    # A language whose pack has no community words reads only "X, Y".
    assert not list(evidence.contained("Kafr Nabl municipality, Idlib.", "de"))


def test_a_village_before_its_division_is_placed_in_it(run_text: Run) -> None:
    doc = run_text(" date 2024-05-02\n\nOn 2 May, artillery hit Kafr Nabl, Idlib. Casualties unknown.\n")
    places = {p.text: p for p in doc.places}
    assert "Kafr Nabl" in places and "Idlib" in places
    village = places["Kafr Nabl"]
    assert village.country == "SY" and village.feature == "city"
    assert abs(village.lat - 35.6) < 0.3 and abs(village.lon - 36.6) < 0.3


def test_the_division_after_a_village_the_gazetteer_lacks_is_still_a_place(gaz: Gazetteer) -> None:
    # "Qarvelino" is an invented village: no gazetteer holds it, yet the division after it is named.
    text = "Troops shelled Qarvelino, Idlib, and Zorvadin (Aleppo) on Monday."
    syria = PlaceEvidence(gaz, frozenset({"SY"}))
    found = [
        (None if p is None else text[p[0] : p[1]], text[c:d]) for p, (c, d) in syria.contained(text, "en")
    ]
    assert found == [(None, "Idlib"), (None, "Aleppo")]
    # Only a division of a country the article points to, as for other weak evidence.
    assert not list(PlaceEvidence(gaz, frozenset({"SD"})).contained(text, "en"))
    # Where the gazetteer knows the village, the pair is the village and its division, as before.
    assert [p for p, _ in syria.contained("Troops shelled Kafr Nabl, Idlib.", "en")] != [None]


def test_a_report_of_a_village_the_gazetteer_lacks_places_its_division(run_text: Run) -> None:
    # The NER model finds neither name of this address (it did find both of "Qarvelino, Idlib").
    doc = run_text(" date 2024-05-02\n\nOn 2 May 2024, Syrian forces shelled near Qarvelino, Aleppo.\n")
    places = {p.text: p for p in doc.places}
    assert "Aleppo" in places and places["Aleppo"].country == "SY"
