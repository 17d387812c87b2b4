"""Places listed together are of one kind (``linking.place_lists``), and a first-level division's point
is the middle of its towns' extent (``linking.division_points``)."""

from __future__ import annotations

import dataclasses
import re

from newstrace.linking.division_points import division_point
from newstrace.linking.gazetteer import GazPlace
from newstrace.linking.gazetteer_build import ADMIN1, CITY, COUNTRY
from newstrace.linking.place_lists import list_groups, list_levels
from newstrace.model import Document, LanguageGuess, Mention, RawRecord, RecordMeta
from newstrace.registry import build_stages
from newstrace.settings import Settings


def _mentions(text: str, names: list[str]) -> list[Mention]:
    out = []
    for name in names:
        m = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)
        assert m is not None, name
        out.append(Mention(m.start(), m.end(), name, "place", None, None, 0.9, "test"))
    return out


def _place(pid: str, level: int) -> GazPlace:
    return GazPlace(pid, pid, "region", "QQ", 0.0, 0.0, 1000, level=level)


def test_a_list_is_three_names_or_more_joined_by_the_languages_separators() -> None:
    text = "Rain fell on Alda, Brenn and Corvo; later Dunmar, near Esk."
    ms = _mentions(text, ["Alda", "Brenn", "Corvo", "Dunmar", "Esk"])
    assert list_groups(text, ms, "en") == [[0, 1, 2]]
    french = "Il a plu sur Alda, Brenn et Corvo."
    assert list_groups(french, _mentions(french, ["Alda", "Brenn", "Corvo"]), "fr") == [[0, 1, 2]]
    two = "Rain fell on Alda and Brenn."
    assert list_groups(two, _mentions(two, ["Alda", "Brenn"]), "en") == []


def test_an_item_leans_to_the_level_most_others_are_guessed_at() -> None:
    guesses = [_place("a", ADMIN1), _place("b", CITY), _place("c", ADMIN1), _place("d", ADMIN1)]
    levels = list_levels([[0, 1, 2, 3]], guesses)
    assert levels == {0: ADMIN1, 1: ADMIN1, 2: ADMIN1, 3: ADMIN1}
    # Others split one to one: no kind.
    assert list_levels([[0, 1, 2]], [_place("a", COUNTRY), _place("b", CITY), _place("c", ADMIN1)]) == {}


def test_a_state_in_a_list_of_states_is_the_state() -> None:
    text = "Wildfires burned in Washington, Oregon, Idaho and Montana."
    doc = RawRecord(source="t.txt", text=text, fmt="text", meta=RecordMeta(lang="en")).to_document()
    ms = _mentions(text, ["Washington", "Oregon", "Idaho", "Montana"])
    doc = dataclasses.replace(
        doc,
        language=LanguageGuess("en", 1.0, "test"),
        mentions=tuple(ms),
        provided=doc.provided | {"mentions"},
    )
    (stage,) = build_stages(["places"], Settings())
    out: Document = stage(doc)
    oregon = next(p for p in out.places if p.text == "Oregon")
    assert (oregon.country, oregon.feature) == ("US", "region")


def test_a_division_is_placed_at_the_middle_of_its_extent_without_stray_towns() -> None:
    lats = [50.0, 50.5, 51.0, 52.0, 54.0, 56.0, 20.0]  # the last town is miscoded, far from the others
    lons = [10.0, 10.5, 11.0, 12.0, 12.5, 13.0, 80.0]
    lat, lon = division_point(lats, lons)
    assert (lat, lon) == (53.0, 11.5)


def test_a_division_across_the_180th_meridian_is_placed_on_it() -> None:
    lat, lon = division_point([60.0, 61.0, 62.0, 63.0], [178.0, 179.5, -179.5, -178.0])
    assert lat == 61.5 and abs(abs(lon) - 180.0) < 1e-9
