"""Who acted in an event, on sentences written for these tests: a speaker is not the agent of what the
quotation tells, the possessor of an arrest is the one arrested, and a warrant is no arrest yet."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newstrace.model import Document, Event

Run = Callable[[str], Document]


def _event(doc: Document, etype: str) -> Event:
    found = [e for e in doc.events if e.type == etype]
    assert found, [(e.type, doc.raw[e.start : e.end]) for e in doc.events]
    return found[0]


def test_the_speaker_of_a_quotation_is_not_the_agent_of_what_it_tells(run_text: Run) -> None:
    doc = run_text(
        "Maria Jensen, a United Nations investigator, said: “Soldiers tortured detainees in the "
        "basement of the school for weeks.”"
    )
    event = _event(doc, "attack_on_civilians")
    assert event.actor1 is None or event.actor1.name != "United Nations", event.actor1


def test_an_agent_named_inside_the_quotation_still_acts(run_text: Run) -> None:
    doc = run_text("The governor said: “The Russian army shelled the market in Kherson this morning.”")
    event = _event(doc, "shelling")
    assert event.actor1 is not None and event.actor1.side == "RU", event.actor1


@pytest.mark.parametrize(
    "text",
    [
        "Russian police confirmed Igor Girkin's arrest in Moscow on Friday.",
        "Igor Girkin was in Moscow when his arrest was announced on Friday.",
    ],
)
def test_the_possessor_of_an_arrest_is_the_one_arrested(run_text: Run, text: str) -> None:
    event = _event(run_text(text), "arrest")
    assert event.actor1 is None or event.actor1.name != "Igor Girkin", event.actor1
    if "'s" in text:
        assert event.actor2 is not None and event.actor2.name == "Igor Girkin", event.actor2


def test_a_warrant_for_an_arrest_is_no_arrest_yet(run_text: Run) -> None:
    doc = run_text("The court issued a warrant for Vladimir Putin's arrest over the deportations.")
    assert _event(doc, "arrest").status == "hypothetical"
    doc = run_text("Суд выдал ордер на арест Владимира Путина.")
    assert _event(doc, "arrest").status == "hypothetical"
    doc = run_text("The court issued an arrest warrant for the former minister in March.")
    assert not [e for e in doc.events if e.type == "arrest"]


def test_an_arrest_said_plainly_is_asserted(run_text: Run) -> None:
    event = _event(run_text("Police arrested two men in Kharkiv on Monday."), "arrest")
    assert event.status == "asserted"
