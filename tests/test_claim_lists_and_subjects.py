"""Figures that share the kind of a figure before them, asides between a figure and its predicate, and
each rule of the victims' side (stages/claim_subjects.py), on sentences written for them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newstrace.model import Document
from newstrace.stages.claim_lists import blank_asides
from newstrace.stages.claim_subjects import enemy_side, subject_of
from newstrace.text.number_roles import number_role
from newstrace.text.numbers import find_numbers

Run = Callable[..., Document]


def _claims(run_text: Run, body: str) -> dict[float | None, tuple[str, str | None]]:
    doc = run_text(" date 2024-05-02\n\n" + body + "\n")
    return {c.low: (c.kind, c.side) for c in doc.claims}


def test_a_list_of_victims_shares_the_kind_of_its_head(run_text: Run) -> None:
    got = _claims(
        run_text,
        "The monitors documented 310 cases of arbitrary detention by the militia – 250 men, 48 women "
        "and twelve boys – in the occupied towns.",
    )
    assert {k: v[0] for k, v in got.items()} == {
        310: "captured",
        250: "captured",
        48: "captured",
        12: "captured",
    }
    assert {v[1] for v in got.values()} == {"civilian"}


# Each figure's kind, or (kind, side); figures that are no claim of their own.
@pytest.mark.parametrize(
    ("body", "expected", "absent"),
    [
        # "including" restates part of the figure before it: that figure's kind ...
        (
            "Around 40,000 people have crossed into Romania since the war began, including 3,000 who arrived "
            "on Sunday.",
            {3000: "fled"},
            (),
        ),
        # ... or a breakdown of it, which is no claim of its own.
        ("Another 60 wounded people, including 9 children, were taken to hospital.", {60: "wounded"}, (9,)),
        # Protests and flight in one sentence.
        (
            "Protests have erupted across the country and at least 9,000 Moldovans have fled since the "
            "announcement. Thousands of Moldovans marched through the capital on Sunday.",
            {9000: "fled", 2000: ("protesters", "civilian")},
            (),
        ),
        # Hosting counts people who fled.
        (
            "Portugal has hosted 41,000 Moldovan citizens since the start of the war.",
            {41000: ("fled", "civilian")},
            (),
        ),
        # A summit "hosted by" a capital names its organiser: its guests did not flee.
        ("The forum was hosted by Lisbon with dozens of foreign ministers.", {}, (24,)),
    ],
)
def test_figure_kinds(
    run_text: Run, body: str, expected: dict[float, str | tuple[str, str]], absent: tuple[float, ...]
) -> None:
    got = _claims(run_text, body)
    for figure, want in expected.items():
        assert (got[figure][0] if isinstance(want, str) else got[figure]) == want, (figure, got)
    for figure in absent:
        assert figure not in got, got


def test_an_aside_between_the_figure_and_its_predicate_is_read_through(run_text: Run) -> None:
    text = "Two reporters – Anna Kuzmenko and Petro Hrytsak – had been detained at the checkpoint."
    blanked = blank_asides(text)
    assert len(blanked) == len(text) and "Kuzmenko" not in blanked
    assert (
        blank_asides("by the militia – 250 men, 48 women – in") == "by the militia – 250 men, 48 women – in"
    )
    assert _claims(run_text, text).get(2, ("", None))[0] == "captured"


def test_journalists_are_not_days() -> None:
    text = "and three journalists were held for a day"
    assert number_role(text, 4, 9) == "people"


def test_the_number_of_x_comes_to_the_figure_however_far_back() -> None:
    from newstrace.stages.claim_kinds import kind_of

    text = (
        "The number of children deported during the past two years, since the first occupation of the "
        "eastern districts, could reach 5,000."
    )
    n = list(find_numbers(text, "en"))[-1]
    assert kind_of(text, n) == ("displaced", "people")
    assert (n.high, n.bound) == (5000, "at_most")


@pytest.mark.parametrize(
    "text",
    [
        "Sudanese losses in the fighting amounted to 899 soldiers.",
        "Russia's losses in the fighting amounted to 899 soldiers.",
        "The aggressor's losses in the fighting amounted to 899 soldiers.",
    ],
)
def test_a_side_s_losses_before_a_count_of_soldiers_are_any_country_s(text: str) -> None:
    from newstrace.stages.claim_kinds import kind_of

    n = list(find_numbers(text, "en"))[-1]
    assert kind_of(text, n) == ("killed_or_wounded", "people")


def test_a_person_and_their_relative_are_two_and_a_companion_is_one(run_text: Run) -> None:
    doc = run_text(
        " date 2024-05-02\n\nIn the port city, a local prosecutor and his deputy died when their office was "
        "blown up. The cameraman Tom Hale was killed alongside the driver Ivan Petrenko near the bridge.\n"
    )
    got = sorted((c.kind, c.low) for c in doc.claims)
    assert ("killed", 2) in got
    assert got.count(("killed", 1)) == 2


@pytest.mark.parametrize(
    ("text", "figure", "kind", "side"),
    [
        # _of_them: the people named before "of them"
        (
            "The forces detained civilians, summarily executing more than 70 of them.",
            "70",
            "killed",
            "civilian",
        ),
        # _civilians: refugees are civilians whatever their nationality
        ("About 9,000 Moldovan refugees crossed the border.", "9,000", "fled", "civilian"),
        # _detained: people detained who are not soldiers
        ("It documented arbitrary detention of 120 men in the district.", "120", "captured", "civilian"),
        # _mixed: two sides in one phrase
        (
            "The war has left tens of thousands of Russians and Ukrainians dead.",
            "tens of thousands",
            "killed",
            None,
        ),
        # _sided: the nearest side word before a noun of soldiers
        ("Moldova has lost 900 soldiers since March.", "900", "killed", "MD"),
    ],
)
def test_subject_rules(text: str, figure: str, kind: str, side: str | None) -> None:
    n = next(x for x in find_numbers(text, "en") if figure in x.text)
    assert subject_of(text, n, kind, [])[1] == side


def test_the_enemy_is_the_side_named_before_that_is_not_the_claimants() -> None:
    before = "The Moldovan staff reported Russian losses on Monday. The enemy army lost "
    assert enemy_side("The enemy army lost ", before, "Moldovan General Staff") == "RU"
    assert enemy_side("The enemy army lost ", before, None) is None
    assert enemy_side("The army lost ", before, "Moldovan General Staff") is None


def test_a_build_up_and_a_place_of_death_are_no_claims(run_text: Run) -> None:
    doc = run_text(
        " date 2024-05-02\n\nThe army, while mobilizing more than 80,000 troops along the northern border, "
        "denies any plan to attack. Sanctions target three guards at the prison where Ivan Sokolov died.\n"
    )
    assert [c for c in doc.claims if c.kind not in ("territory", "regions")] == []


def test_the_reader_steps_in_order(run_text: Run) -> None:
    """Each step of ClaimsStage on one article: _attribute (the governor), _people_seen then a pronoun
    ("she said"), _indirect_quote ("said that ..."), _figures, _quote_speakers (a figure inside a
    quotation is its speaker's), _transcript_start and _transcript_claims (tests/test_claim_rules.py)."""
    from newstrace.stages.claims import _DOCUMENT_STEPS, _SENTENCE_STEPS

    assert [s.__name__ for s in _SENTENCE_STEPS] == [
        "_attribute",
        "_transcript_start",
        "_indirect_quote",
        "_figures",
        "_people_seen",
    ]
    assert [s.__name__ for s in _DOCUMENT_STEPS] == ["_quote_speakers", "_transcript_claims"]
    doc = run_text(
        " date 2024-05-02\n\nThe regional governor said that 12 civilians were wounded on Monday. "
        "The mayor Olena Tkachenko visited the hospital. "
        '"Seven residents were killed this week," she said.\n'
    )
    got = {c.low: c.claimant.name if c.claimant else None for c in doc.claims}
    assert got[12] == "regional governor"
    assert str(got[7]).endswith("Tkachenko")
    assert any(not q.direct for q in doc.quotes)
