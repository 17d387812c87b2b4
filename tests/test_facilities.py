"""Facilities (bridges, plants, ports, air bases...): the knowledge-base records are sound, and a
mention in any language links to the facility and puts it on the map at the site itself."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newstrace.kb.loader import knowledge_base
from newstrace.kb.model import LANGS
from newstrace.linking.gazetteer import gazetteer
from newstrace.model import Document, Place

Run = Callable[..., Document]


def _facility(doc: Document, entity_id: str) -> Place:
    """The place of the first mention linked to ``entity_id`` (mentions and places share offsets)."""
    mention = next(m for m in doc.mentions if m.entity_id == entity_id)
    return next(p for p in doc.places if (p.start, p.end) == (mention.start, mention.end))


def _kb(entity_id: str) -> tuple[float, float]:
    entity = next(e for e in knowledge_base() if e.id == entity_id)
    assert entity.lat is not None and entity.lon is not None
    return entity.lat, entity.lon


@pytest.mark.parametrize(
    ("text", "entity_id", "surface"),
    [
        (
            "Une explosion a endommagé samedi le pont de Crimée, a annoncé le Comité d'enquête russe.\n",
            "place/crimean-bridge",
            "pont de Crimée",
        ),
        (
            "Inspectors of the IAEA reached the Zaporizhzhia nuclear power plant on Thursday after "
            "shelling cut its last external power line.\n",
            "place/zaporizhzhia-nuclear-power-plant",
            "Zaporizhzhia nuclear power plant",
        ),
        (
            "В МАГАТЭ сообщили, что на Запорожской АЭС снова пропало внешнее электроснабжение.\n",
            "place/zaporizhzhia-nuclear-power-plant",
            "Запорожской АЭС",
        ),
        (
            "Уночі окупанти підірвали греблю Каховської ГЕС, повідомили у Збройних силах України.\n",
            "place/kakhovka-dam",
            "греблю Каховської ГЕС",
        ),
        (
            "Der Kachowka-Staudamm im Süden der Ukraine ist in der Nacht zerstört worden.\n",
            "place/kakhovka-dam",
            "Kachowka-Staudamm",
        ),
    ],
)
def test_a_facility_links_and_sits_at_its_own_coordinates(
    run_text: Run, text: str, entity_id: str, surface: str
) -> None:
    doc = run_text(text)
    place = _facility(doc, entity_id)
    assert place.text == surface
    assert place.feature == "facility"
    assert place.precision == 1  # the site itself: not a region's capital, not the nearest town
    assert (place.lat, place.lon) == pytest.approx(_kb(entity_id))


def test_the_same_facility_in_four_languages_is_one_entity(run_text: Run) -> None:
    texts = [
        "Le pont de Crimée a de nouveau été fermé à la circulation mardi.\n",
        "Traffic on the Crimean Bridge was halted again on Tuesday.\n",
        "Движение по Крымскому мосту снова перекрыто во вторник.\n",
        "Рух Кримським мостом у вівторок знову перекрили.\n",
    ]
    for text in texts:
        doc = run_text(text)
        assert any(m.entity_id == "place/crimean-bridge" for m in doc.mentions), text


def test_near_a_facility_is_precision_two(run_text: Run) -> None:
    doc = run_text("Des tirs ont été signalés près de la centrale nucléaire de Zaporijjia, selon l'AIEA.\n")
    place = _facility(doc, "place/zaporizhzhia-nuclear-power-plant")
    assert place.precision == 2 and place.feature == "facility"


def test_the_town_alone_stays_the_town(run_text: Run) -> None:
    doc = run_text("Russian forces shelled Kramatorsk and Sloviansk overnight, the governor said.\n")
    kramatorsk = next(p for p in doc.places if p.text == "Kramatorsk")
    assert kramatorsk.feature == "city" and kramatorsk.name == "Kramatorsk"


def test_facility_records_are_complete() -> None:
    facilities = [e for e in knowledge_base() if e.is_facility]
    assert len(facilities) >= 50
    for e in facilities:
        assert all(e.names.get(lang) for lang in LANGS), e.id
        assert e.side is None and e.capital is None, e.id
        assert e.country in ("UA", "RU", None), e.id
        assert e.lat is not None and e.lon is not None
        assert 40 <= e.lat <= 70 and 15 <= e.lon <= 110, e.id
        # Two decimals (about a kilometre) at most: more would claim a precision the data lacks.
        assert round(e.lat, 4) == e.lat and round(e.lon, 4) == e.lon, e.id


def test_no_facility_name_is_a_town_of_the_conflict_countries() -> None:
    """A bare town name ("Engels", "Saky") in the facility lists would move the town onto the facility."""
    gaz = gazetteer()
    for e in knowledge_base():
        if not e.is_facility:
            continue
        assert gaz.kb_place(e.id) is not None, e.id
        for name in e.all_names():
            towns = [
                c
                for c in gaz.candidates(name, fuzzy=False)
                if c.feature == "city" and c.country in ("UA", "RU", "BY") and c.population >= 5_000
            ]
            assert not towns, (e.id, name, [t.name for t in towns])


def test_crimean_towns_are_not_the_crimean_bridge(run_text: Run) -> None:
    # Ukrainian "міст" is both "bridge" and "of towns": the genitive plural must not link the bridge,
    # while the bridge's own cases still do.
    doc = run_text("Росія посилила протиповітряну оборону кримських міст після вибуху на Кримському мосту.\n")
    linked = [m.text for m in doc.mentions if m.entity_id == "place/crimean-bridge"]
    assert linked == ["Кримському мосту"]
