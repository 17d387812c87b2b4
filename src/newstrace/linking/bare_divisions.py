"""Second-level divisions named without their generic word, as local reporting names them."""

from __future__ import annotations

from newstrace.linking.gazetteer import Gazetteer, GazPlace
from newstrace.linking.gazetteer_build import ADMIN2

# The generic words of the gazetteer's second-level division names (GeoNames' English ones: "Kittson
# County", "Tensas Parish"), which local reporting leaves out ("Kittson and Traverse counties", "in
# Tensas").
DIVISION_WORDS = ("County", "Parish", "Borough")


def bare_divisions(gaz: Gazetteer, text: str) -> list[GazPlace]:
    """The second-level divisions a name stands for without its generic word ("Kittson": Kittson
    County).
    Such a division is held back, a candidate only where the article or the outlet's home supports it
    (``place_scoring.supported``): most bare names mean a town. On places_en.jsonl (gold spans) this
    placed 54 more toponyms within 161 km and 25 fewer farther; offered as plain candidates instead,
    one fewer within and 6 more farther."""
    name = text.strip()
    if (
        not name
        or name.isupper()
        or any(name.casefold().endswith(" " + w.casefold()) for w in DIVISION_WORDS)
    ):
        return []
    return [c for w in DIVISION_WORDS for c in gaz.candidates(f"{name} {w}") if c.level == ADMIN2]
