"""Events in every supported language, with negation, hypotheticals and announced events; captions
never make events; reports of one event across a story's articles form one event; the ACLED export."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from newstrace.evaluation.events import same_place
from newstrace.model import Document, Event
from newstrace.services.events import ACLED_COLUMNS, export_events_csv, list_events
from newstrace.settings import Settings
from newstrace.store.documents import DocumentStore
from newstrace.store.events import EventFilter
from newstrace.store.sqlite import Database
from newstrace.text.event_lexicon import event_lexicon
from newstrace.text.event_modality import modality

Run = Callable[[str], Document]


def _events(run_text: Run, body: str, date: str = "2024-03-12") -> list[Event]:
    return list(run_text(f" date {date}\n\n{body}\n").events)


def _one(events: list[Event], etype: str) -> Event:
    found = [e for e in events if e.type == etype]
    assert found, [(e.type, e.status) for e in events]
    return found[0]


@pytest.mark.parametrize(
    ("body", "etype", "place"),
    [
        ("Les forces russes ont bombardé Kharkiv dans la nuit de lundi à mardi.", "shelling", "Kharkiv"),
        ("Des manifestants se sont rassemblés à Tbilissi contre la guerre.", "protest", "Tbilisi"),
        ("Russian forces shelled the city of Kherson on Monday.", "shelling", "Kherson"),
        ("Ukrainian troops recaptured Izium after a week of heavy fighting.", "territory_change", "Izium"),
        ("Российские войска обстреляли Херсон в понедельник.", "shelling", "Kherson"),
        ("Российская армия нанесла ракетный удар по Одессе.", "missile_strike", "Odesa"),
        ("Російські війська обстріляли Харків у понеділок.", "shelling", "Kharkiv"),
        ("Сили оборони звільнили Ізюм після тижня боїв.", "territory_change", "Izium"),
        ("Russische Truppen haben Charkiw in der Nacht beschossen.", "shelling", "Kharkiv"),
        ("In Moskau wurden am Sonntag Dutzende Demonstranten festgenommen.", "arrest", "Moscow"),
    ],
)
def test_an_event_per_language_with_its_place(run_text: Run, body: str, etype: str, place: str) -> None:
    e = _one(_events(run_text, body), etype)
    assert e.status == "asserted"
    assert e.place is not None and same_place(place, e.place), e.place
    acled = event_lexicon().types[e.type]
    assert acled.acled_event_type and acled.plover
    # The stage puts the type's codes on the event; the store keeps them as they are.
    codes = (e.acled_event_type, e.acled_sub_event_type, e.plover)
    assert codes == (acled.acled_event_type, acled.acled_sub_event_type, acled.plover)


@pytest.mark.parametrize(
    ("body", "etype", "status"),
    [
        ("Les troupes russes n'ont pas bombardé Kharkiv, selon le ministère.", "shelling", "negated"),
        ("Si Kyiv refuse, la Russie bombardera de nouveau Kharkiv.", "shelling", "hypothetical"),
        ("L'armée russe va bombarder Zaporijjia, a prévenu le gouverneur.", "shelling", "future"),
        ("Ukraine denied that its troops had shelled Donetsk.", "shelling", "negated"),
        ("If the talks fail, Russia could launch missile strikes on Kyiv.", "missile_strike", "hypothetical"),
        (
            "Russia will hold a mobilization in the occupied regions, the official said.",
            "mobilization",
            "future",
        ),
        ("Украинские военные не обстреливали Донецк, заявили в штабе.", "shelling", "negated"),
        ("Если переговоры сорвутся, армия начнёт наступление на Запорожье.", "battle", "hypothetical"),
        ("Якщо переговори зірвуться, армія почне наступ на Запоріжжя.", "battle", "hypothetical"),
        ("Die ukrainische Armee hat Donezk nicht beschossen.", "shelling", "negated"),
        (
            "Wenn die Gespräche scheitern, könnte Russland neue Luftangriffe starten.",
            "air_or_drone_strike",
            "hypothetical",
        ),
    ],
)
def test_denied_supposed_and_announced_events_are_marked(
    run_text: Run, body: str, etype: str, status: str
) -> None:
    assert _one(_events(run_text, body), etype).status == status


def test_the_seed_hypothetical_is_not_an_event_that_happened() -> None:
    sentence = "Ils ont ajouté que si le commandement refuse, ils se battront au front."
    start = sentence.index("se battront")
    assert modality(sentence, start, start + 11, "fr") == "hypothetical"
    said = "Les soldats ont commencé à se battre, puis les obus ont été tirés."
    assert modality(said, said.index("obus"), said.index("obus") + 4, "fr") == "asserted"


def test_civilians_storming_a_town_is_a_protest(run_text: Run) -> None:
    events = _events(
        run_text,
        "Des dizaines d'épouses de soldats ont pris d'assaut la ville de Valouïki pour réclamer leurs maris.",
    )
    protest = _one(events, "protest")
    assert protest.actor1 is not None and protest.actor1.name == "Protesters"
    assert not [e for e in events if e.type == "battle"]


def test_a_side_word_gives_the_actor_and_claims_give_fatalities(run_text: Run) -> None:
    e = _one(
        _events(run_text, "Des bombardements ukrainiens ont tué 12 soldats près de Makiivka."), "shelling"
    )
    assert e.actor1 is not None and e.actor1.side == "UA"
    assert e.fatalities == 12 and e.claim_starts


def test_the_same_event_told_twice_in_an_article_is_one_cluster(run_text: Run) -> None:
    events = _events(
        run_text,
        "Manifestation à Tbilissi contre la guerre.\n\n"
        "Des milliers de personnes ont manifesté dimanche dans le centre de la capitale géorgienne.\n\n"
        "La police a ensuite arrêté trois militants.",
    )
    protests = [e for e in events if e.type == "protest"]
    assert len(protests) == 2 and len({e.cluster for e in protests}) == 1
    assert all(e.place is not None and e.place.name == "Tbilisi" for e in protests)


def test_captions_and_credits_never_make_events(run_text: Run) -> None:
    doc = run_text(
        " date 2024-03-12\n\nKharkiv sous les frappes\n\n"
        "Un immeuble détruit par une frappe de missiles à Kharkiv, le 11 mars 2024. Crédit : AFP\n\n"
        "Les habitants de Kharkiv ont passé la nuit dans les abris, a déclaré le maire Ihor Terekhov.\n"
    )
    assert any(r.reason for r in doc.removed), doc.removed
    for e in doc.events:
        assert not any(r.start < e.evidence_end and e.evidence_start < r.end for r in doc.removed), e
    assert not [e for e in doc.events if e.type == "missile_strike"]


def test_event_date_from_the_sentence_else_the_publication_week(run_text: Run) -> None:
    events = _events(
        run_text,
        "Le 3 mars, les forces russes ont bombardé Kherson.\n\nDes combats se poursuivent à Bakhmout.",
    )
    assert (_one(events, "shelling").date, _one(events, "shelling").time_precision) == ("2024-03-03", 1)
    assert (_one(events, "battle").date, _one(events, "battle").time_precision) == ("2024-03-12", 2)


def test_one_event_reported_in_several_languages_across_a_story(sample_db: Database) -> None:
    events = list_events(sample_db, EventFilter(type="missile_strike", place="Kramatorsk"), 10)["events"]
    assert events, "the Kramatorsk station strike is in the sample corpus in four languages"
    top = max(events, key=lambda e: e["reports"])
    assert top["reports"] >= 3 and len(top["languages"].split(",")) >= 3, top
    assert top["event_type"] == "Explosions/Remote violence"


def test_events_survive_the_store(sample_db: Database) -> None:
    store = DocumentStore(sample_db)
    doc = next(d for d in store.iter_documents() if d.events)
    assert all(e.stage == "events" and 0 <= e.start < e.end <= len(doc.raw) for e in doc.events)
    placed = [e for e in doc.events if e.place is not None]
    assert all(p.place in doc.places for p in placed)
    # The confidence computed by the stage is stored with each report.
    assert all(0.0 < e.confidence <= 1.0 for e in doc.events)


def test_acled_csv_export(sample_db: Database) -> None:
    out = io.StringIO()
    n = export_events_csv(sample_db, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert n == len(rows) > 10
    assert list(rows[0].keys()) == ACLED_COLUMNS
    placed = [r for r in rows if r["latitude"]]
    assert placed and all(r["location"] and r["geo_precision"] in {"1", "2", "3"} for r in placed)
    assert all(r["notes"] and r["event_type"] for r in rows)


def test_the_seed_events(seeds_gold: Path) -> None:
    from newstrace.services.evaluate import evaluate

    scores = evaluate(seeds_gold, Settings())["events"]
    assert scores["found"] >= 10, scores["misses"]
    assert scores["from_removed_text"] == 0


@pytest.mark.parametrize(
    ("body", "etype", "speaking"),
    [
        ("Selon Moscou, les forces ukrainiennes ont bombardé un dépôt dans la nuit.", "shelling", "Moscow"),
        ("Moscow said Russian missiles struck the port overnight.", "missile_strike", "Moscow"),
        (
            "According to Moscow, Ukrainian drones attacked the bridge on Sunday.",
            "air_or_drone_strike",
            "Moscow",
        ),
        ("Moscou a affirmé que des missiles avaient frappé le port.", "missile_strike", "Moscow"),
        ("Москва заявила, что ракеты поразили порт ночью.", "missile_strike", "Moscow"),
        ("По данным Москвы, украинские дроны атаковали мост.", "air_or_drone_strike", "Moscow"),
    ],
)
def test_a_place_that_speaks_is_not_where_the_event_was(
    run_text: Run, body: str, etype: str, speaking: str
) -> None:
    # The capital stands for its government, the source of the report: the event is not placed there.
    e = _one(_events(run_text, body), etype)
    assert e.place is None or not same_place(speaking, e.place), e.place


def test_a_place_where_people_speak_can_be_where_the_event_was(run_text: Run) -> None:
    e = _one(_events(run_text, "Russian troops shelled Kherson on Monday, officials said."), "shelling")
    assert e.place is not None and same_place("Kherson", e.place), e.place
