"""Breakaway and disputed territories (``data/kb/regions.yaml``) and large parts of one country
(``data/places/world_features.yaml``), on sentences written for these tests: each is placed where it
lies, never left unplaced or given to a village that bears its name."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newstrace.linking.gazetteer import distance_km
from newstrace.model import Document
from place_probe import near, placed

Run = Callable[[str], Document]


def test_breakaway_territories_are_placed_where_they_lie() -> None:
    text = (
        "Talks on South Ossetia, Transnistria and Nagorno-Karabakh stalled; envoys then flew to "
        "Somaliland, Northern Cyprus, the Golan Heights and Iraqi Kurdistan."
    )
    seats = {
        "South Ossetia": (42.23, 43.97, 60),  # Tskhinvali
        "Transnistria": (46.84, 29.63, 100),  # Tiraspol
        "Nagorno-Karabakh": (39.82, 46.75, 60),  # Stepanakert
        "Somaliland": (9.56, 44.06, 300),  # Hargeisa
        "Northern Cyprus": (35.19, 33.36, 100),  # Nicosia
        "Golan Heights": (33.13, 35.82, 60),  # Quneitra
        "Iraqi Kurdistan": (36.19, 44.01, 100),  # Erbil
    }
    got = placed(text, list(seats), "en")
    for name, (lat, lon, km) in seats.items():
        assert near(got[name], lat, lon, km=km), (name, got[name])


def test_a_large_part_of_a_country_is_not_a_village_named_after_it() -> None:
    text = "Militants attacked a checkpoint in northern Sinai, and dissidents were exiled to Siberia."
    got = placed(text, ["Sinai", "Siberia"], "en")
    assert near(got["Sinai"], 31.13, 33.80, km=400), got  # El Arish
    assert near(got["Siberia"], 55.03, 82.92, km=2000), got  # Novosibirsk


@pytest.mark.parametrize(
    ("body", "lat", "lon"),
    [
        ("Les combats ont repris au Haut-Karabakh, selon les autorités.", 39.82, 46.75),
        ("В Приднестровье прошли военные учения.", 46.84, 29.63),
        ("Die Lage in Südossetien bleibt angespannt.", 42.23, 43.97),
    ],
)
def test_territories_are_recognised_in_other_languages(
    run_text: Run, body: str, lat: float, lon: float
) -> None:
    doc = run_text(f" date 2024-03-12\n\n{body}\n")
    assert any(p.lat is not None and distance_km((p.lat, p.lon), (lat, lon)) <= 100 for p in doc.places), [
        (p.name, p.lat, p.lon) for p in doc.places
    ]
