"""Scoring against ACLED event notes (``acled_events.jsonl``): one coded event per short report.

Each note is run through the per-document stages; the scorer then reads one ACLED event type and
sub-event type off the events the pipeline found in it (``note_type``: the documented choice rule) and
reports macro-F1 over the event types with at least ``MIN_CLASS`` notes (per-class figures too) and
sub-event type accuracy. A note with no event found counts as a miss for its gold class.

Other sections (places, fatalities) hook in through ``SECTIONS``: each is ``"module:function"``, called
with the analysed ``(record, document)`` pairs and returning its own nested scores, so a developer adds
one line here, not a change to this module's scoring.
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from newstrace.evaluation.realdata import analyse, read_jsonl
from newstrace.model import Document, Event
from newstrace.settings import Settings
from newstrace.text.event_lexicon import EventLexicon, event_lexicon

Pairs = Sequence[tuple[dict[str, Any], Document | None]]
Section = Callable[[Pairs], dict[str, Any]]

# Classes with fewer gold notes than this are reported but left out of the macro average (the
# acceptance measure of the project: types with 20 or more notes).
MIN_CLASS = 20
NONE = "(none)"
MISSES_SHOWN = 25

# section name -> "module:function"; other scorers of the same notes (locations, fatalities).
SECTIONS: dict[str, str] = {}


def note_type(doc: Document | None, lexicon: EventLexicon | None = None) -> tuple[str, str] | None:
    """The ACLED (event type, sub-event type) of a note: that of the first asserted event, in text
    order (an ACLED note leads with its coded event: "On <date>, <actor> shelled <place>"). None where
    the note has no asserted event."""
    if doc is None:
        return None
    lex = lexicon or event_lexicon()
    asserted = sorted((e for e in doc.events if e.status == "asserted"), key=lambda e: e.start)
    if not asserted:
        return None
    return _acled(asserted[0], lex)


def _acled(e: Event, lex: EventLexicon) -> tuple[str, str]:
    t = lex.types[e.type]
    return t.acled_event_type, t.acled_sub_event_type


def classification(gold: list[str], predicted: list[str], min_class: int = MIN_CLASS) -> dict[str, Any]:
    """Per-class precision, recall and F1, and the macro-F1 over classes with ``min_class`` gold items."""
    support = Counter(gold)
    per: dict[str, Any] = {}
    for cls in sorted(support, key=lambda c: -support[c]):
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == cls and p == cls)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if g != cls and p == cls)
        fn = support[cls] - tp
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[cls] = {
            "support": support[cls],
            "precision": round(prec, 4),
            "recall": round(rec, 4),
            "f1": round(f1, 4),
        }
    big = [c for c in per if support[c] >= min_class]
    macro = sum(per[c]["f1"] for c in big) / len(big) if big else 0.0
    correct = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p)
    return {
        "macro_f1": round(macro, 4),
        "accuracy": round(correct / len(gold), 4) if gold else 0.0,
        "per_class": per,
    }


def score_event_types(pairs: Pairs) -> dict[str, Any]:
    lex = event_lexicon()
    gold_t: list[str] = []
    gold_s: list[str] = []
    pred_t: list[str] = []
    pred_s: list[str] = []
    misses: list[str] = []
    for rec, doc in pairs:
        got = note_type(doc, lex)
        gt, gs = str(rec["event_type"]), str(rec["sub_event_type"])
        pt, ps = got if got is not None else (NONE, NONE)
        gold_t.append(gt)
        gold_s.append(gs)
        pred_t.append(pt)
        pred_s.append(ps)
        if (pt, ps) != (gt, gs) and len(misses) < MISSES_SHOWN:
            misses.append(f"{rec['id']} {gs} -> {ps}")
    types = classification(gold_t, pred_t)
    subs = classification(gold_s, pred_s)
    return {
        "notes": len(gold_t),
        "no_event": pred_t.count(NONE),
        "type_macro_f1": types["macro_f1"],
        "type_accuracy": types["accuracy"],
        "sub_event_accuracy": subs["accuracy"],
        "types": types["per_class"],
        "sub_event_types": subs["per_class"],
        "misses": misses,
    }


def score_acled(path: Path, settings: Settings, limit: int | None = None) -> dict[str, Any]:
    pairs = list(analyse(read_jsonl(path, limit), settings))
    out: dict[str, Any] = {"notes": len(pairs), "events": score_event_types(pairs)}
    for name, target in SECTIONS.items():
        module, func = target.split(":")
        section: Section = getattr(importlib.import_module(module), func)
        out[name] = section(pairs)
    return out
