"""World regions and bodies of water (``data/places/world_features.yaml``), on sentences written for
these tests: the name is the part of the world or the sea, never a town that bears it, and a town of
that name no longer pulls the article's other names to its state."""

from __future__ import annotations

import pytest

from newstrace.linking.world_features import KINDS, _records, world_features
from place_probe import near, placed

LANGUAGES = ("en", "fr", "de", "es", "it", "pl", "ru", "uk")


def test_world_regions_and_seas_are_not_the_towns_named_after_them() -> None:
    text = (
        "Shipping in the Red Sea and the Black Sea slowed as the war in the Middle East widened, "
        "while envoys from the Baltic states flew to the Sahel."
    )
    got = placed(text, ["Red Sea", "Black Sea", "Middle East", "Baltic states", "Sahel"], "en")
    assert near(got["Middle East"], 33.31, 44.36, km=1500), got  # Baghdad lies well inside it
    assert near(got["Red Sea"], 21.49, 39.19, km=500), got  # Jeddah is on its shore
    assert near(got["Black Sea"], 44.6, 33.52, km=400), got  # so is Sevastopol
    assert near(got["Baltic states"], 56.95, 24.11, km=300), got  # Riga
    assert near(got["Sahel"], 13.51, 2.11, km=1500), got  # Niamey
    for name in ("Red Sea", "Middle East", "Sahel"):
        assert not isinstance(got[name], str) and got[name][0] is None, (name, got[name])


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("fr", "La flotte a quitté la mer Noire pour le Moyen-Orient.", "Moyen-Orient"),
        ("de", "Die Lage im Nahen Osten bleibt angespannt.", "Nahen Osten"),
        ("ru", "Ситуация на Ближнем Востоке обострилась.", "Ближнем Востоке"),
        ("uk", "Ситуація на Близькому Сході загострилася.", "Близькому Сході"),
        ("pl", "Sytuacja na Bliskim Wschodzie się pogorszyła.", "Bliskim Wschodzie"),
        ("es", "La tensión en Oriente Medio sigue creciendo.", "Oriente Medio"),
    ],
)
def test_the_middle_east_in_every_language_and_case(lang: str, text: str, name: str) -> None:
    got = placed(text, [name], lang)
    assert near(got[name], 33.31, 44.36, km=1500), got


def test_a_town_bearing_a_regions_name_no_longer_pulls_a_capital_away() -> None:
    """A neighbourhood called Middle East lies near a small namesake of Damascus: read as that town, it
    drew the capital's name to its state."""
    text = "Officials said strikes near Damascus could widen the war across the Middle East."
    got = placed(text, ["Damascus", "Middle East"], "en")
    assert near(got["Damascus"], 33.51, 36.29), got


def test_the_data_file_is_complete() -> None:
    from babel import Locale

    territories = set(Locale("en").territories)
    records = _records()
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids))
    for r in records:
        assert r["kind"] in KINDS, r["id"]
        assert -90 <= r["lat"] <= 90 and -180 <= r["lon"] <= 180, r["id"]
        assert r["countries"] and set(r["countries"]) <= territories, r["id"]
        assert set(LANGUAGES) <= set(r["names"]), (r["id"], set(LANGUAGES) - set(r["names"]))
        if r.get("cldr"):
            assert r["cldr"] in territories, r["id"]
    features = world_features({"EG": 100, "SA": 50}, {"145": {"Western Asia"}})
    red = next(f for f in features if f.id == "red-sea")
    assert red.population == 150 and "mer Rouge" in red.names
