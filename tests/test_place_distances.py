"""A place located by its distance from another ("X, 60 km east of Y"): the phrase is read in the
languages the pipeline reads, and the namesakes lying about that far from Y are preferred (places
made up for these tests)."""

from __future__ import annotations

import re

from newstrace.linking.gazetteer import GazPlace, gazetteer
from newstrace.linking.place_distances import MILE_KM, distance_clues
from newstrace.model import Mention
from newstrace.registry import build_stages
from newstrace.settings import Settings
from newstrace.stages.places import PlacesStage


def _mentions(text: str, names: list[str]) -> list[Mention]:
    out = []
    for name in names:
        m = re.search(re.escape(name), text)
        assert m is not None
        out.append(Mention(m.start(), m.end(), name, "place", None, None, 0.9, "t"))
    return out


def test_the_distance_phrase_is_read_in_several_languages() -> None:
    cases = {
        ("en", "The village of Lypivka, 60 km east of Zorograd, was shelled."): 60.0,
        ("fr", "Le village de Lypivka, à 60 km à l'est de Zorograd, a été bombardé."): 60.0,
        ("fr", "Lypivka, à 12 kilomètres d’Zorograd, a été bombardé."): 12.0,
        ("en", "Lypivka, about 20 miles north-west of Zorograd, lost power."): 20 * MILE_KM,
        ("ru", "Село Lypivka, в 60 км к востоку от Zorograd, обстреляли."): 60.0,
        ("pl", "Wieś Lypivka, 40 km na wschód od Zorograd, została ostrzelana."): 40.0,
    }
    for (lang, text), km in cases.items():
        assert distance_clues(text, _mentions(text, ["Lypivka", "Zorograd"]), lang) == {0: (1, km)}, text
    # Two places side by side, or a distance said of something else, are no such phrase; nor is one in
    # the words of another language than the article's.
    for lang, text in (
        ("en", "Lypivka and Zorograd were shelled."),
        ("en", "Lypivka was shelled. 60 km of road from Zorograd"),
        ("en", "Село Lypivka, в 60 км к востоку от Zorograd, обстреляли."),
    ):
        assert distance_clues(text, _mentions(text, ["Lypivka", "Zorograd"]), lang) == {}, text


def test_the_namesake_lying_that_far_from_the_place_named_is_chosen() -> None:
    stage = build_stages(["places"], Settings())[0]
    assert isinstance(stage, PlacesStage)
    gaz = gazetteer()
    town = GazPlace("gn:1", "Zorograd", "city", "ZZ", 50.0, 36.0, 900_000, admin1="adm1:ZZ.01")
    # A village 56 km east of the town, and a larger namesake (500 people) 140 km west of it.
    east = GazPlace("gn:2", "Lypivka", "city", "ZZ", 50.0, 36.78, 0, admin1="adm1:ZZ.01")
    west = GazPlace("gn:3", "Lypivka", "city", "ZZ", 50.0, 34.05, 500, admin1="adm1:ZZ.01")
    text = "Troops shelled Lypivka, 60 km east of Zorograd, on Monday."
    ms = _mentions(text, ["Lypivka", "Zorograd"])
    assert stage.choose(gaz, text, ms, [[west, east], [town]], lang="en")[0] is east
    plain = "Troops shelled Lypivka near Zorograd on Monday."
    near = _mentions(plain, ["Lypivka", "Zorograd"])
    assert stage.choose(gaz, plain, near, [[west, east], [town]], lang="en")[0] is not east
