"""Claims on sentences written for these tests, in every supported language, with the usual traps."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newstrace.model import Claim, Document
from newstrace.text.numbers import find_numbers

Run = Callable[..., Document]


def _claims(doc: Document) -> list[Claim]:
    return list(doc.claims)


def _one(doc: Document, kind: str) -> Claim:
    found = [c for c in doc.claims if c.kind == kind]
    assert len(found) == 1, [(c.kind, c.low, c.high) for c in doc.claims]
    return found[0]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fr", "Il y aurait 5 937 morts et entre 60 000 et 70 000 blessés.", [(5937, 5937), (60000, 70000)]),
        (
            "en",
            "Officials counted 77,950 dead, up to 200,000 wounded and over 500 missing.",
            [(77950, 77950), (None, 200000), (501, None)],
        ),
        ("de", "Mehr als 1.200 Soldaten wurden getötet, etwa 300 verletzt.", [(1201, None), (300, 300)]),
        ("ru", "Погибли около 300 человек, ранены более 200.", [(300, 300), (201, None)]),
        ("uk", "Втрати ворога становлять 60-70 тисяч осіб.", [(60000, 70000)]),
    ],
)
def test_numbers_values_and_bounds(
    lang: str, text: str, expected: list[tuple[float | None, float | None]]
) -> None:
    got = [(n.low, n.high) for n in find_numbers(text, lang)]
    assert got == expected


def test_not_counts_are_left_out() -> None:
    text = (
        "En 2022, le lieutenant de 24 ans de l'unité 11097 a tiré au MK-19 et au T-72 le 1er novembre, "
        "deux fois, vers 14 h 30."
    )
    assert [n.text for n in find_numbers(text, "fr")] == []


def test_french_claims_with_claimants_and_via(run_text: Run) -> None:
    doc = run_text(
        " date 2023-03-15 Nouvelles pertes\n\n"
        "Selon des responsables américains, au moins 20 000 combattants russes ont été tués depuis le début "
        "de la guerre. Mercredi, l'état-major ukrainien a estimé que l'armée russe avait perdu 163 000 "
        "soldats. Le général Valeri Guerassimov a déclaré au journal Izvestia que 1 200 soldats avaient "
        "été faits prisonniers.\n"
    )
    killed = [c for c in doc.claims if c.kind == "killed"]
    assert {(c.low, c.high, c.bound) for c in killed} == {
        (20000, None, "at_least"),
        (163000, 163000, "exact"),
    }
    us = next(c for c in killed if c.low == 20000)
    assert us.claimant is not None and us.claimant.name == "American officials"
    assert us.side == "RU" and us.scope is not None and "début de la guerre" in us.scope
    gs = next(c for c in killed if c.low == 163000)
    assert gs.claimant is not None and gs.as_of == "2023-03-15"
    captured = _one(doc, "captured")
    assert captured.low == 1200


def test_english_told_chain_and_unattributed_figure(run_text: Run) -> None:
    doc = run_text(
        " date 2023-02-01 Report\n\n"
        "A wounded conscript, Pavel Orlov, told The Guardian that only 40 of the 120 men in his company "
        "survived. More than 300 people were displaced by the fighting.\n"
    )
    survived = _one(doc, "survived")
    assert (survived.low, survived.of_total) == (40, 120)
    assert survived.claimant is not None and survived.claimant.text == "Pavel Orlov"
    assert survived.via == ("The Guardian",)
    displaced = _one(doc, "displaced")
    assert displaced.claimant is None and displaced.low == 301
    assert any(a.via == ("The Guardian",) for a in doc.attributions)


def test_partitive_remainder_and_pronoun_claimant(run_text: Run) -> None:
    doc = run_text(
        "Le sergent Ivan Petrov a parlé à la chaîne Rain. Il a déclaré : « Sur les 30 hommes, cinq ont été "
        "capturés et tous les autres sont morts. »\n"
    )
    captured = _one(doc, "captured")
    killed = _one(doc, "killed")
    assert (captured.low, killed.low, killed.of_total) == (5, 25, 30)
    assert killed.claimant is not None and killed.claimant.text == "Ivan Petrov"


# One killed claim per text, with its values and the entity of its claimant (None: not checked).
@pytest.mark.parametrize(
    ("text", "values", "claimant"),
    [
        pytest.param(
            "По данным Минобороны России, за сутки уничтожены 12 танков, погибли 240 военнослужащих ВСУ.\n",
            {"low": 240, "side": "UA"},
            "organization/russian-ministry-of-defence",
            id="russian",
        ),
        pytest.param(
            "За даними Генштабу ЗСУ, окупанти втратили 640 військових за добу.\n",
            {"low": 640},
            None,
            id="ukrainian",
        ),
        pytest.param(
            "Laut dem britischen Verteidigungsministerium wurden etwa 50.000 russische Soldaten getötet.\n",
            {"low": 50000, "bound": "about"},
            "organization/uk-ministry-of-defence",
            id="german",
        ),
        # The claimant of a sentence before: "L'analyse" stands for the study named there.
        pytest.param(
            "Selon une nouvelle étude de l'Institute for the Study of War, les pertes sont lourdes "
            "près de Bakhmout. "
            "L'analyse estime que 15 000 soldats russes sont morts depuis l'invasion.\n",
            {"low": 15000, "side": "RU"},
            "organization/isw",
            id="cross_sentence_anaphor_keeps_the_claimant",
        ),
    ],
)
def test_a_killed_claim_with_its_claimant(
    run_text: Run, text: str, values: dict[str, object], claimant: str | None
) -> None:
    killed = _one(run_text(text), "killed")
    assert {name: getattr(killed, name) for name in values} == values
    if claimant is not None:
        assert killed.claimant is not None and killed.claimant.entity_id == claimant


def test_deserters_place_and_indirect_quote(run_text: Run) -> None:
    doc = run_text(
        "Le gouverneur Oleh Synehoubov a déclaré que 40 soldats russes avaient déserté près de Koupiansk.\n"
    )
    deserted = _one(doc, "deserted")
    assert deserted.low == 40 and deserted.place is not None
    indirect = [q for q in doc.quotes if not q.direct]
    assert indirect and doc.raw[indirect[0].start : indirect[0].end].startswith("40 soldats russes")
    assert indirect[0].speaker is not None


def test_direct_quote_with_pronoun_speaker(run_text: Run) -> None:
    doc = run_text(
        "Le soldat Andriï Kovalenko est rentré du front. « Nous avons tenu la position pendant trois "
        "jours », "
        "a-t-il déclaré au journal Kyiv Independent.\n"
    )
    direct = [q for q in doc.quotes if q.direct]
    assert direct and direct[0].speaker is not None and "Kovalenko" in direct[0].speaker.text


def test_a_description_of_officials_is_named_by_any_nationality() -> None:
    from newstrace.text.claim_speakers import described_name

    assert described_name("des responsables soudanais") == "Sudanese officials"
    assert described_name("Israeli officials") == "Israeli officials"
    assert described_name("U.S. officials") == described_name("responsables américains")
    assert described_name("les services de renseignement britanniques") == "British intelligence"
    assert described_name("intelligence officials") is None  # no word of nationality
    # A group is named as written, never as someone the text does not say it is.
    assert described_name("the women") == "the women" and described_name("les épouses") == "the wives"


def test_a_total_since_the_war_began_is_read_for_any_war() -> None:
    from newstrace.text.claim_lexicon import claim_words

    scope = claim_words().scope
    assert scope.search("killed since October 2023") and scope.search("depuis le 15 avril")
    assert scope.search("с начала антитеррористической операции")
    assert not scope.search("since the meeting")
