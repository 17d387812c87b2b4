"""Language packs: the registry lists every pack and every pack has the parts the pipeline reads; Spanish
and Polish, added as packs, are read end to end (language, dates, numbers, claims, events, places) on
sentences written for these tests. To add a language, copy the Spanish or Polish tests below."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from importlib import resources

import pytest
import yaml

from newstrace.evaluation.events import same_place
from newstrace.languages import LANGUAGES, pack, pack_file, packs
from newstrace.model import Claim, Document, PartialDate
from newstrace.text.date_extract import find_dates
from newstrace.text.event_lexicon import event_lexicon
from newstrace.text.event_modality import OPTIONAL_CUES, REQUIRED_CUES
from newstrace.text.event_sense import armed_agent, event_sense
from newstrace.text.numbers import find_numbers
from newstrace.text.relative_dates import resolve_date

Run = Callable[[str], Document]

MODALITY_CUES = ("negation", "hypothetical", "obligation", "purpose", "future")


def test_the_registry_lists_every_pack_folder() -> None:
    folders = {
        p.name
        for p in resources.files("newstrace").joinpath("languages").iterdir()
        if p.is_dir() and not p.name.startswith("_")
    }
    assert folders == set(LANGUAGES)
    assert [p.code for p in packs()] == list(LANGUAGES)
    assert pack("xx") is None and pack(None) is None


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_pack_has_the_required_parts(code: str) -> None:
    p = pack(code)
    assert p is not None and p.code == code and p.name
    assert sorted(p.months) == list(range(1, 13)) and all(p.months.values())
    assert sorted(p.weekdays) == list(range(7)) and all(p.weekdays.values())
    assert p.relative_phrases and p.month_parts
    assert bool(p.text2num_words) != bool(p.word_numbers), "number words: text2num's or a table, one of them"
    assert p.multipliers and p.collectives and p.bounds
    assert set(MODALITY_CUES) <= set(p.modality)
    for cue in p.modality.values():
        re.compile(cue)
    assert p.ner is None or p.ner == "natasha" or p.ner.startswith("spacy:")
    assert p.armed_forces, "an unspecific verb of force needs the armed forces of the language"
    events = pack_file(code, "events.yaml")
    assert events is not None, "event triggers and weapons: languages/<code>/events.yaml"
    data = yaml.safe_load(events)
    assert set(data) == {"triggers", "weapons"} and data["triggers"] and data["weapons"]
    assert event_lexicon()._patterns.get(code) is not None


# Named groups: a group name may occur once in a pattern joining every pack, so only English names them.
NAMED_GROUPS = {("en", "anaphoric_subject"): {"document", "it"}}


@pytest.mark.parametrize("code", LANGUAGES)
def test_claim_patterns_compile_without_groups_of_their_own(code: str) -> None:
    p = pack(code)
    assert p is not None
    claim_fields = ("claim_kinds", "claim_kinds_first", "claim_words", "currencies", "claim_subjects")
    for field in (*claim_fields, "person_predicates", "person_verbs", "figure_roles"):
        for key, pattern in getattr(p, field).items():
            compiled = re.compile(pattern)
            assert set(compiled.groupindex) == NAMED_GROUPS.get((code, key), set()), (field, key)
            assert compiled.groups == len(compiled.groupindex), f"{field}.{key}: no unnamed capturing group"


# The event_words keys text/event_sense.py and text/event_modality.py read: a pack's key outside them
# would leave its words unread.
EVENT_WORD_KEYS = {
    "adjectival",
    "adjective_before",
    "adjective_joiners",
    "adjective_articles",
    "battle_words",
    "figurative_before",
    "figurative_after",
    "rally",
    "rally_object",
    "withdraw",
    "not_ground",
    "intercepted",
    "information",
    "nounish",
    "subordinators",
    "clause_conjunctions",
    "instrument",
}


@pytest.mark.parametrize("code", LANGUAGES)
def test_event_words_and_modality_cues_are_keys_that_are_read(code: str) -> None:
    p = pack(code)
    assert p is not None
    assert set(p.event_words) <= EVENT_WORD_KEYS, set(p.event_words) - EVENT_WORD_KEYS
    assert set(p.modality) <= {*REQUIRED_CUES, *OPTIONAL_CUES}, set(p.modality)
    for key, pattern in p.event_words.items():
        assert re.compile(pattern).groups == 0, f"event_words.{key}: no capturing group"


# Spanish and Polish, added as packs: each table has a row per language (to add a language, add its rows
# with sentences written in it). -------------------------------------------------------------------------

ARTICLES = {
    "es": (
        " date 2024-03-12\n\n"
        "Las fuerzas rusas bombardearon la ciudad de Járkov durante la noche del lunes. "
        "Según el gobernador regional, tres civiles murieron y doce personas resultaron heridas. "
        "Un ataque con drones alcanzó después el puerto de Odesa.\n"
    ),
    "pl": (
        " date 2024-03-12\n\n"
        "Rosyjskie wojska ostrzelały w nocy osiedla w Charkowie. "
        "Jak poinformował gubernator obwodu, zginęło dwóch cywilów, a piętnaście osób zostało rannych. "
        "Rano atak rakietowy uderzył w port w Odessie.\n"
    ),
}
BASE = PartialDate(2024, 3, 12)


def _claims(doc: Document, kind: str) -> list[Claim]:
    return [c for c in doc.claims if c.kind == kind]


@pytest.mark.parametrize("code", ARTICLES)
def test_the_language_is_detected(run_text: Run, code: str) -> None:
    doc = run_text(ARTICLES[code])
    assert doc.language is not None and doc.language.lang == code


@pytest.mark.parametrize(
    ("expression", "date"),
    [
        ("5 de marzo de 2024", PartialDate(2024, 3, 5)),
        ("ayer", PartialDate(2024, 3, 11)),
        ("el martes", PartialDate(2024, 3, 12)),
        ("finales de febrero", PartialDate(2024, 2)),
        # Polish months in the genitive ("marca") and the locative ("w marcu").
        ("5 marca 2024", PartialDate(2024, 3, 5)),
        ("wczoraj", PartialDate(2024, 3, 11)),
        ("we wtorek", PartialDate(2024, 3, 12)),
        ("pod koniec lutego", PartialDate(2024, 2)),
        ("w marcu", PartialDate(2024, 3)),
    ],
)
def test_dates_are_resolved(expression: str, date: PartialDate) -> None:
    assert resolve_date(expression, BASE) == date


@pytest.mark.parametrize(
    "sentence",
    ["El ataque ocurrió el 5 de marzo de 2024 por la mañana.", "Atak nastąpił 5 marca 2024 roku nad ranem."],
)
def test_full_dates_are_found(sentence: str) -> None:
    assert [d for _, _, d in find_dates(sentence)] == [PartialDate(2024, 3, 5)]


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [
        (
            "es",
            "Murieron treinta y dos personas, 1.200 resultaron heridas y más de 3 mil fueron evacuadas.",
            [
                ("treinta y dos", 32, 32, "exact"),
                ("1.200", 1200, 1200, "exact"),
                ("más de 3 mil", 3001, None, "at_least"),
            ],
        ),
        # Polish number words in their cases.
        (
            "pl",
            "Zginęło dwóch żołnierzy, trzech zostało rannych, a ponad 40 tysięcy osób uciekło z miasta.",
            [
                ("dwóch", 2, 2, "exact"),
                ("trzech", 3, 3, "exact"),
                ("ponad 40 tysięcy", 40001, None, "at_least"),
            ],
        ),
    ],
)
def test_numbers_are_read_in_words_and_digits(
    code: str, text: str, expected: list[tuple[object, ...]]
) -> None:
    assert [(n.text, n.low, n.high, n.bound) for n in find_numbers(text, code)] == expected


def test_polish_number_words_join_into_one_figure() -> None:
    words = [n.low for n in find_numbers("co najmniej dwadzieścia pięć domów i dwa tysiące ludzi", "pl")]
    assert words == [25, 2000]


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [
        (
            "es",
            "En 2022 murieron entre 40 y 60 personas, entre ellas un niño de 12 años.",
            ("entre 40 y 60", 40, 60),
        ),
        (
            "pl",
            "W 2022 roku zginęło od 40 do 60 osób, w tym chłopiec w wieku 12 lat.",
            ("od 40 do 60", 40, 60),
        ),
    ],
)
def test_ranges_are_read_and_ages_and_years_left_out(
    code: str, text: str, expected: tuple[object, ...]
) -> None:
    assert [(n.text, n.low, n.high) for n in find_numbers(text, code)] == [expected]


@pytest.mark.parametrize(
    ("code", "killed", "claimant", "wounded"),
    [("es", 3, "gobernador", 12), ("pl", 2, "gubernator", 15)],
)
def test_casualty_claims_have_kind_value_and_claimant(
    run_text: Run, code: str, killed: int, claimant: str, wounded: int
) -> None:
    doc = run_text(ARTICLES[code])
    found = _claims(doc, "killed")
    assert [(c.low, c.high) for c in found] == [(killed, killed)]
    assert found[0].claimant is not None and claimant in found[0].claimant.text
    assert [(c.low, c.high) for c in _claims(doc, "wounded")] == [(wounded, wounded)]


@pytest.mark.parametrize(("code", "strike"), [("es", "air_or_drone_strike"), ("pl", "missile_strike")])
def test_events_have_their_type_and_place(run_text: Run, code: str, strike: str) -> None:
    doc = run_text(ARTICLES[code])
    by_type = {e.type: e for e in doc.events}
    assert by_type["shelling"].status == "asserted"
    assert by_type["shelling"].place is not None and same_place("Kharkiv", by_type["shelling"].place)
    place = by_type[strike].place
    assert place is not None and same_place("Odesa", place)


def test_spanish_negated_event_is_not_asserted(run_text: Run) -> None:
    doc = run_text(" date 2024-03-12\n\nEl ejército negó que sus tropas no bombardearon la ciudad.\n")
    assert all(e.status != "asserted" for e in doc.events if e.type == "shelling")


def test_spanish_and_polish_trigger_words_in_another_sense() -> None:
    lexicon = event_lexicon()
    rifle = "Los soldados llevaban un fusil de asalto."
    assert [t.type for t in lexicon.triggers(rifle, "es")] == ["battle"]
    trigger = lexicon.triggers(rifle, "es")[0]
    assert not event_sense(rifle, trigger.start, trigger.end, "es")
    assert lexicon.triggers("Żołnierz miał karabin szturmowy.", "pl") == []
    assert armed_agent("Las tropas rusas golpearon el depósito.", "es")
    assert armed_agent("Rosyjskie wojska uderzyły w magazyn.", "pl")
    assert not armed_agent("La tormenta golpeó la costa.", "es")


def test_spanish_places_resolve_to_the_gazetteer(run_text: Run) -> None:
    doc = run_text(ARTICLES["es"])
    names = {p.name for p in doc.places}
    assert {"Kharkiv", "Odesa"} <= names, names


def test_polish_places_are_read_in_the_locative(run_text: Run) -> None:
    doc = run_text(ARTICLES["pl"])
    found = {(doc.raw[p.start : p.end], p.name) for p in doc.places}
    assert ("Charkowie", "Kharkiv") in found and ("Odessie", "Odesa") in found, found


def test_a_pack_file_with_an_unknown_field_or_none_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # The module, not the function ``languages.pack`` that shadows its name on the package.
    pack_module = importlib.import_module("newstrace.languages.pack")
    with pytest.raises(FileNotFoundError, match=r"languages/xx/pack\.yaml"):
        pack_module.read_pack("xx")
    monkeypatch.setattr(pack_module, "pack_file", lambda code, name: "name: Test\nmonths_typo: {}\n")
    try:
        with pytest.raises(ValueError, match=r"unknown fields in pack\.yaml: months_typo"):
            pack_module.read_pack("zz")
    finally:
        pack_module.read_pack.cache_clear()


def test_the_prepositions_before_a_gazetteer_name_are_every_packs() -> None:
    from newstrace.linking.place_prepositions import place_prepositions

    found = [
        m.group(1)
        for m in place_prepositions().finditer("Kämpfe bei Wolkenau, près de Valmont, під Зорянськом")
    ]
    assert found == ["Wolkenau", "Valmont", "Зорянськом"]
    assert not place_prepositions().search("sous Valmont")  # no pack gives "sous"


@pytest.mark.parametrize("code", LANGUAGES)
def test_figure_roles_keys_are_those_number_roles_reads(code: str) -> None:
    p = pack(code)
    assert p is not None
    keys = {"percent", "money", "money_units", "duration", "aged", "identifier", "month_before"}
    keys |= {"month_after", "people", "equipment", "things", "gap_link", "gap_stop"}
    assert set(p.figure_roles) <= keys, set(p.figure_roles) - keys
