"""A capitalised word that no NER model labelled is a place only by its spelling, on sentences written
for these tests: the spelling-insensitive keys that let a model's "Zaporozhye" meet "Zaporizhzhia" also
let common words meet towns, German nouns and Polish pronouns among them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newstrace.linking.gazetteer import gazetteer
from newstrace.linking.keys import name_keys, spelling_key
from newstrace.model import Document, RawRecord, RecordMeta
from newstrace.settings import Settings

Run = Callable[[str], Document]


def test_spelling_keys_keep_what_name_keys_fold() -> None:
    assert spelling_key("Béthune") == spelling_key("BETHUNE") == "bethune"
    assert spelling_key("Betten") != spelling_key("Béthune")
    assert name_keys("Inna") == name_keys("Jena")  # folded alike: why the spelling is asked
    assert spelling_key("Inna") != spelling_key("Jena")
    assert spelling_key("Харків") == "харків"


def test_the_gazetteer_tells_a_name_as_written_from_its_key() -> None:
    gaz = gazetteer(Settings().cache_dir)
    jena = [c for c in gaz.candidates("Inna") if c.name == "Jena"]
    assert jena, "the folded key no longer meets Jena: this test's premise is gone"
    assert not gaz.spelt(jena[0], "Inna")
    assert gaz.spelt(jena[0], "Jena") and gaz.spelt(jena[0], "JENA")


def _places(pipeline, text: str, lang: str) -> list[str]:  # type: ignore[no-untyped-def]
    doc = pipeline.run(
        RawRecord(source="t.txt", text=text, fmt="text", meta=RecordMeta(lang=lang)).to_document()
    )
    return [m.text for m in doc.mentions if m.type == "place"]


@pytest.mark.parametrize(
    ("lang", "text", "places", "not_places"),
    [
        (
            "de",
            "In Frankreich fehlen seit Wochen Betten und Masken, sagte ein Sprecher in Paris.",
            ["Paris"],
            ["Betten"],
        ),
        (
            "de",
            "Nach dem Angriff stand das Lager in Brand, berichtete die Polizei in München.",
            ["München"],
            ["Brand"],
        ),
        ("pl", "Wesprzyj nas: wybierz 20 zł, 50 zł albo Inna kwota.", [], ["Inna"]),
        (
            "de",
            "Die Lage in Kiew und in Charkiw bleibt nach den Angriffen angespannt.",
            ["Kiew", "Charkiw"],
            [],
        ),
        ("pl", "Pomoc dotarła do Charkowa, powiedział burmistrz Warszawy.", ["Charkowa", "Warszawy"], []),
        ("pl", "Rannego przewieziono do szpitala w Zawierciu, podała policja.", ["Zawierciu"], []),
    ],
)
def test_a_word_without_a_label_is_a_place_only_as_spelt(  # type: ignore[no-untyped-def]
    pipeline, lang: str, text: str, places: list[str], not_places: list[str]
) -> None:
    found = _places(pipeline, text, lang)
    assert set(places) <= set(found), found
    assert not set(not_places) & set(found), found
