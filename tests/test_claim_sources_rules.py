"""The claimant rules on sentences written for them: anaphors that stand for a body, a country's general
staff, documents standing for their issuer, reportative sentences, titles in apposition, and verbs that
do not invert across a figure. Bodies that go by several names are with the described officials
(tests/test_claim_rules.py)."""

from __future__ import annotations

from collections.abc import Callable

from newstrace.model import Document

Run = Callable[..., Document]


def _claimant(doc: Document, low: float) -> str | None:
    claim = next(c for c in doc.claims if c.low == low)
    return None if claim.claimant is None else (claim.claimant.name or claim.claimant.text)


def test_it_stands_for_the_body_not_the_person_named_since(run_text: Run) -> None:
    doc = run_text(
        " date 2024-05-02\n\nThe Red Cross said on Monday that its teams had visited the camps. "
        "Its director Maria Lindqvist said the visits would go on. "
        "It documented 412 cases of civilians being detained.\n"
    )
    assert "Red Cross" in str(_claimant(doc, 412))


def test_a_document_stands_for_its_issuer(run_text: Run) -> None:
    doc = run_text(
        " date 2024-05-02\n\nThe Moldovan staff published its daily report on Sunday.\n\n"
        "The number of enemy casualties - according to the Sunday report - reached 1,200.\n"
    )
    assert _claimant(doc, 1200) == "Moldovan General Staff"


def test_a_reportative_sentence_continues_the_source_before(run_text: Run) -> None:
    doc = run_text(
        " date 2024-05-02\n\nThe regional governor said 14 soldiers were killed on Monday. "
        "The enemy army was to lose over 300 soldiers in the same week.\n"
    )
    assert _claimant(doc, 301) == "regional governor"


def test_accused_of_is_not_a_verb_of_saying(run_text: Run) -> None:
    doc = run_text(
        " date 2024-05-02\n\nThe tribunal will hear officers accused of war crimes, and 30 civilians were "
        "killed there last year.\n"
    )
    assert _claimant(doc, 30) is None


def test_a_verb_does_not_invert_across_its_object(run_text: Run) -> None:
    doc = run_text(
        " date 2024-05-02\n\nLocal authorities in the border district reported four injuries from 51 "
        "attacks by Russian forces on Tuesday.\n"
    )
    assert _claimant(doc, 4) != "Armed Forces of the Russian Federation"
    assert "Russian" not in str(_claimant(doc, 4))
