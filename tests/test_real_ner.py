"""The French NER scorer: exact-span counts, type mapping, outermost spans, and a real-data floor."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.evaluation.real_ner import Tally, gold_spans, outermost, score_records
from newstrace.evaluation.realdata import SCORERS, default_dir, read_jsonl
from newstrace.settings import Settings

REPO = Path(__file__).resolve().parents[1]


def _record() -> dict[str, object]:
    text = "La Grande Mosquée de Lyon a reçu Marie Dupont mardi."
    ents = [
        {"start": 3, "end": 25, "type": "Organization", "text": "Grande Mosquée de Lyon"},
        {"start": 21, "end": 25, "type": "Location", "text": "Lyon"},
        {"start": 33, "end": 45, "type": "Person", "text": "Marie Dupont"},
        {"start": 46, "end": 51, "type": "Date", "text": "mardi"},
    ]
    return {"id": "x", "text": text, "entities": ents}


def test_only_scored_types_and_outermost_spans() -> None:
    rec = _record()
    assert gold_spans(rec) == {(3, 25, "Organization"), (21, 25, "Location"), (33, 45, "Person")}
    assert outermost(rec) == {(3, 25, "Organization"), (33, 45, "Person")}


def test_exact_span_and_type_must_both_match() -> None:
    rec = _record()
    tally = Tally()
    # Right span wrong type, a span one character short, one exact hit.
    tally.add(
        {(3, 25, "Location"), (33, 44, "Person"), (21, 25, "Location")}, gold_spans(rec), outermost(rec)
    )
    s = tally.scores()
    assert s["Location"] == {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "tp": 1, "fp": 1, "fn": 0}
    assert s["Person"]["tp"] == 0 and s["Person"]["fn"] == 1
    assert s["micro"]["tp"] == 1 and s["micro"]["fp"] == 2 and s["micro"]["fn"] == 2
    assert s["outermost_recall"] == 0.0


def test_registered() -> None:
    assert SCORERS["ner_fr"] == "newstrace.evaluation.real_ner:score"


# Floors on a fixed subset (the first 30 documents of ner_fr.jsonl): the score the code reaches minus a
# small margin. Recognition (the entities stage) must beat spaCy alone on the same documents.
SUBSET = 30
FLOORS = {"entities_micro_f1": 0.79, "entities_location_recall": 0.80, "pipeline_micro_f1": 0.79}


@pytest.mark.slow
def test_ner_fr_floors_on_a_fixed_subset() -> None:
    path = default_dir(REPO) / "ner_fr.jsonl"
    if not path.is_file():
        pytest.skip("../shared/realdata not present: real-data evaluation skipped")
    scores = score_records(read_jsonl(path, SUBSET), Settings())
    ours, spacy = scores["entities_stage"], scores["spacy_alone"]
    assert scores["failed"] == 0
    assert ours["micro"]["f1"] >= FLOORS["entities_micro_f1"]
    assert ours["micro"]["f1"] >= spacy["micro"]["f1"] + 0.025
    assert ours["Location"]["recall"] >= FLOORS["entities_location_recall"]
    assert ours["Location"]["recall"] >= spacy["Location"]["recall"] - 0.01
    assert scores["newstrace"]["micro"]["f1"] >= FLOORS["pipeline_micro_f1"]
