"""The ACLED notes scorer: per-class figures and macro-F1, the note's type rule, and floors on a fixed
subset of the real notes (skipped where the real-data folder is absent)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from newstrace.evaluation.real_acled import classification, note_type, score_acled
from newstrace.evaluation.realdata import SCORERS, default_dir
from newstrace.model import Document
from newstrace.settings import Settings

Run = Callable[[str], Document]

REALDATA = default_dir(Path(__file__).resolve().parents[1])
ACLED = REALDATA / "acled_events.jsonl"


def test_classification_macro_over_large_classes() -> None:
    gold = ["a"] * 4 + ["b"] * 2 + ["c"]
    pred = ["a", "a", "a", "b", "b", "b", "a"]
    got = classification(gold, pred, min_class=2)
    assert got["per_class"]["a"] == {"support": 4, "precision": 0.75, "recall": 0.75, "f1": 0.75}
    assert got["per_class"]["b"]["f1"] == 0.8
    # "c" has one item: reported, but left out of the macro average.
    assert got["per_class"]["c"]["f1"] == 0.0
    assert got["macro_f1"] == round((0.75 + 0.8) / 2, 4)
    assert got["accuracy"] == round(5 / 7, 4)


def test_note_type_is_the_first_asserted_event(run_text: Run) -> None:
    doc = run_text(" date 2024-05-02\n\nTroops shelled the village of Lypivka, then a fierce battle began.\n")
    assert note_type(doc) == ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert note_type(None) is None
    quiet = run_text(" date 2024-05-02\n\nThe mayor opened a new school in the town.\n")
    assert note_type(quiet) is None


def test_registered() -> None:
    assert SCORERS["acled_events"] == "newstrace.evaluation.real_acled:score_acled"


@pytest.mark.slow
def test_acled_floors() -> None:
    if not ACLED.is_file():
        pytest.skip("../shared/realdata not present: real-data evaluation skipped")
    scores = score_acled(ACLED, Settings(), limit=150)["events"]
    assert scores["notes"] == 150
    # Held-out figures (the choice rule is fitted on the other folds of the same 150 notes).
    assert scores["type_accuracy"] >= 0.93
    assert scores["sub_event_accuracy"] >= 0.92
    assert scores["types"]["Explosions/Remote violence"]["f1"] >= 0.95
    assert scores["types"]["Battles"]["f1"] >= 0.9
