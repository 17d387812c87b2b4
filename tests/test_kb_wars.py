"""The knowledge base beyond Ukraine's war: the main actors of the wars in Israel and Gaza, Lebanon,
Yemen, Sudan, Syria, the Sahel and Myanmar link, an NER place named like a known organisation is the
organisation, and acronyms that are also other things' initials link only where the article's context
says so. Sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.evaluation.realdata import analyse
from newstrace.kb.loader import KbError, knowledge_base, parse_entity
from newstrace.kb.model import LANGS
from newstrace.linking.kb_index import kb_index
from newstrace.model import Document
from newstrace.settings import Settings

_STAGES = ("normalise", "boilerplate", "language", "sentences", "entities", "places")


def _run(text: str, lang: str) -> Document:
    [(_, doc)] = list(analyse([{"id": "t", "text": text, "lang": lang}], Settings(), _STAGES))
    assert doc is not None
    return doc


def _linked(doc: Document) -> dict[str, str | None]:
    return {m.text: m.entity_id for m in doc.mentions}


def test_an_ner_place_named_like_a_known_organisation_is_the_organisation() -> None:
    # The English model reads "Hamas" as a place, and a German town has it among its alternate names.
    doc = _run("Hamas fired rockets at Ashkelon on Tuesday. Israel said Hamas would pay a heavy price.", "en")
    hamas = [m for m in doc.mentions if m.text == "Hamas"]
    assert len(hamas) == 2
    assert all(m.type == "organization" and m.entity_id == "organization/hamas" for m in hamas)
    assert not any(p.text == "Hamas" for p in doc.places)
    assert all(p.country != "DE" for p in doc.places)


@pytest.mark.parametrize(
    ("text", "lang", "surface", "entity_id"),
    [
        ("Die Hisbollah feuerte Raketen auf Nordisrael.", "de", "Hisbollah", "organization/hezbollah"),
        ("Les Houthis ont revendiqué l'attaque, a indiqué Tsahal.", "fr", "Tsahal", "organization/idf"),
        ("Хуситы атаковали судно, заявил Яхья Сариа.", "ru", "Яхья Сариа", "person/yahya-saree"),
        ("Ответственность взяло на себя движение хуситов.", "ru", "движение хуситов", "organization/houthis"),
        ("Лідер ХАМАС заявив про перемир'я.", "uk", "ХАМАС", "organization/hamas"),
        (
            "El ejército sudanés recuperó Jartum, dijo Abdelfatah al Burhan.",
            "es",
            "Abdelfatah al Burhan",
            "person/abdel-fattah-al-burhan",
        ),
        ("Bojownicy Hamasu i Hezbollah ostrzelali Izrael.", "pl", "Hezbollah", "organization/hezbollah"),
        (
            "Myanmar's junta leader Min Aung Hlaing flew to Moscow.",
            "en",
            "Min Aung Hlaing",
            "person/min-aung-hlaing",
        ),
        (
            "Des combattants du JNIM ont attaqué une base de l'armée malienne.",
            "fr",
            "JNIM",
            "organization/jnim",
        ),
    ],
)
def test_actors_of_other_wars_link(text: str, lang: str, surface: str, entity_id: str) -> None:
    assert (surface, entity_id) in [(m.text, m.entity.id) for m in kb_index().find(text, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "acronym", "entity_id"),
    [
        # Shared by two entities: the Sudanese force where the article is about Sudan ...
        (
            "Fighters of the RSF shelled a market in El Fasher, Sudan, on Monday.",
            "en",
            "RSF",
            "organization/rapid-support-forces",
        ),
        # ... the press freedom NGO where the article names it in full ...
        (
            "Selon RSF, trois journalistes ont été tués cette année. Reporters sans frontières demande une "
            "enquête.",
            "fr",
            "RSF",
            "organization/reporters-without-borders",
        ),
        # ... and neither where nothing says which.
        ("RSF publie lundi son classement annuel de la liberté de la presse.", "fr", "RSF", None),
        (
            "PDF fighters seized a police station in Sagaing region, Myanmar, on Sunday.",
            "en",
            "PDF",
            "organization/peoples-defence-force",
        ),
        ("Download the full report as a PDF before Friday's meeting in London.", "en", "PDF", None),
        (
            "The SDF said its fighters repelled an attack near Raqqa in northern Syria.",
            "en",
            "SDF",
            "organization/syrian-democratic-forces",
        ),
        ("Le nombre de SDF a encore augmenté à Paris cet hiver, selon la mairie.", "fr", "SDF", None),
        (
            "Islamic State claimed the bombing. IS fighters had threatened the town for months.",
            "en",
            "IS",
            "organization/islamic-state",
        ),
        ("Officials said IS fighters were behind the attack in Lagos.", "en", "IS", None),
        (
            "The KIA captured a military base in Kachin State, Myanmar, on Thursday.",
            "en",
            "KIA",
            "organization/kachin-independence-army",
        ),
        ("Two marines were listed as KIA after the ambush in Helmand.", "en", "KIA", None),
        ("La région IDF investit dans les transports, a annoncé le conseil régional.", "fr", "IDF", None),
        (
            "The IDF said it struck targets in Khan Younis, in the south of Gaza, overnight.",
            "en",
            "IDF",
            "organization/idf",
        ),
    ],
)
def test_acronyms_that_are_other_things_link_only_in_their_context(
    text: str, lang: str, acronym: str, entity_id: str | None
) -> None:
    found = [m for m in _run(text, lang).mentions if m.text == acronym]
    linked = {m.entity_id for m in found if m.entity_id and not m.entity_id.startswith("auto/")}
    assert linked == ({entity_id} if entity_id else set())


def test_an_acronym_in_a_headline_in_capitals_is_a_word() -> None:
    text = "Islamic State fighters fled. THIS IS NOT A DRILL, the mayor wrote."
    assert [m.text for m in kb_index().find(text, "en")] == ["Islamic State"]
    plain = "Islamic State fighters fled. Officials blamed IS for the attack."
    assert [m.text for m in kb_index().find(plain, "en")] == ["Islamic State", "IS"]


def test_records_of_other_wars_name_every_mandatory_language() -> None:
    other = [e for e in knowledge_base() if e.country in {"IL", "PS", "LB", "YE", "SD", "SY", "MM", "ML"}]
    assert len(other) >= 40
    assert all(e.names.get(lang) for e in other for lang in LANGS)
    sides = {e.side for e in knowledge_base()}
    assert {"RU", "UA", "IL", "PS", "SD", "MM"} <= sides


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"names": {"en": ["X"], "xx": ["X"]}}, "unknown languages"),
        ({"names": {"en": ["X"]}, "context_acronyms": ["Pdf"]}, "capital letters"),
    ],
)
def test_names_languages_and_context_acronyms_are_checked(record: dict[str, object], message: str) -> None:
    base: dict[str, object] = {"id": "organization/x", "type": "organization", "kind": "ngo", "name": "X"}
    with pytest.raises(KbError, match=message):
        parse_entity({**base, **record}, "test.yaml[0]")


def test_schema_describes_sides_of_any_war() -> None:
    schema = (Path(__file__).parents[1] / "src" / "newstrace" / "data" / "kb" / "SCHEMA.md").read_text()
    assert "`RU`, `UA` or `null`" not in schema and "context_acronyms" in schema


@pytest.mark.parametrize(
    ("text", "entity_id", "side"),
    [
        # The side is the belligerent's country code, whichever war: read from the linked entity ...
        ("Hamas fighters attacked an army post near Kissufim on Saturday.", "organization/hamas", "PS"),
        # ... or from a side word, standing for that country's one armed force ...
        (
            "Sudanese forces shelled Omdurman on Tuesday, killing 9 civilians.",
            "organization/sudanese-armed-forces",
            "SD",
        ),
        # ... and for none where the country has two (Iran's army and its Revolutionary Guards).
        ("Iranian forces shelled Kurdish villages near the border on Monday.", None, "IR"),
    ],
)
def test_event_actors_carry_the_side_of_any_war(text: str, entity_id: str | None, side: str) -> None:
    stages = (*_STAGES, "claims", "events")
    [(_, doc)] = list(analyse([{"id": "t", "text": text, "lang": "en"}], Settings(), stages))
    assert doc is not None and doc.events
    actor = doc.events[0].actor1
    assert actor is not None and (actor.entity_id, actor.side) == (entity_id, side)
