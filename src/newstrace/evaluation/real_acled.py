"""Scoring against ACLED event notes (``acled_events.jsonl``): one coded event per short report.

Each note is run through the per-document stages; the scorer then reads one ACLED event type and
sub-event type off the asserted events the pipeline found in it and reports macro-F1 over the event
types with at least ``MIN_CLASS`` notes (per-class figures too) and sub-event type accuracy. A note with
no asserted event counts as a miss for its gold class.

Two choice rules are scored. ``first``: the first asserted event in text order (a note leads with its
coded event). ``precedence``: where a note reports events of several types, the type that ranks highest
in a precedence order wins (ACLED codes a shelling during a ground assault as the clash); the order is
fitted on the notes (``fit_precedence``: pairwise wins, ranked by how many other types each beats) with
``FOLDS`` folds from ``realdata.folds``, each fold's notes predicted by the order fitted on the others,
so the reported figures are held-out.

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

from newstrace.evaluation.realdata import analyse, folds, read_jsonl
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
FOLDS = 5

# section name -> "module:function"; other scorers of the same notes (locations, fatalities).
SECTIONS: dict[str, str] = {
    "location": "newstrace.evaluation.real_places:score_acled_locations",
    "fatalities": "newstrace.evaluation.acled_fatalities:score_fatalities",
}


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


def candidates(doc: Document | None, lexicon: EventLexicon) -> list[tuple[str, str, str]]:
    """``(type, ACLED event type, sub-event type)`` of a note's asserted events, in text order."""
    if doc is None:
        return []
    asserted = sorted((e for e in doc.events if e.status == "asserted"), key=lambda e: e.start)
    return [(e.type, *_acled(e, lexicon)) for e in asserted]


def fit_precedence(notes: Sequence[tuple[list[tuple[str, str, str]], str]]) -> list[str]:
    """An order of newstrace types from notes ``(candidates, gold sub-event type)``: type a beats b
    in a note that reports both when only a's sub-event type is the gold one; types are ranked by how
    many others they beat more often than they lose to (ties: by total wins, then by name)."""
    wins: Counter[tuple[str, str]] = Counter()
    types: set[str] = set()
    for cands, gold in notes:
        present = {c[0]: c[2] for c in cands}
        types.update(present)
        for a, sub_a in present.items():
            for b, sub_b in present.items():
                if a != b and sub_a == gold and sub_b != gold:
                    wins[(a, b)] += 1

    def rank(t: str) -> tuple[int, int, str]:
        beaten = sum(1 for o in types if o != t and wins[(t, o)] > wins[(o, t)])
        return (-beaten, -sum(wins[(t, o)] for o in types), t)

    return sorted(types, key=rank)


def choose(cands: list[tuple[str, str, str]], order: list[str] | None) -> tuple[str, str] | None:
    """The note's (ACLED type, sub-event type): the first candidate, or the highest in ``order``."""
    if not cands:
        return None
    if order is None:
        return cands[0][1], cands[0][2]
    position = {t: i for i, t in enumerate(order)}
    best = min(cands, key=lambda c: position.get(c[0], len(order)))
    return best[1], best[2]


def _figures(recs: list[dict[str, Any]], predicted: list[tuple[str, str] | None]) -> dict[str, Any]:
    gold_t = [str(r["event_type"]) for r in recs]
    gold_s = [str(r["sub_event_type"]) for r in recs]
    pred_t = [p[0] if p else NONE for p in predicted]
    pred_s = [p[1] if p else NONE for p in predicted]
    types = classification(gold_t, pred_t)
    subs = classification(gold_s, pred_s)
    misses = [f"{r['id']} {gs} -> {ps}" for r, gs, ps in zip(recs, gold_s, pred_s, strict=True) if gs != ps]
    return {
        "no_event": pred_t.count(NONE),
        "type_macro_f1": types["macro_f1"],
        "type_accuracy": types["accuracy"],
        "sub_event_accuracy": subs["accuracy"],
        "types": types["per_class"],
        "sub_event_types": subs["per_class"],
        "misses": misses[:MISSES_SHOWN],
    }


def score_event_types(pairs: Pairs) -> dict[str, Any]:
    lex = event_lexicon()
    recs = [rec for rec, _ in pairs]
    cands = [candidates(doc, lex) for _, doc in pairs]
    by_id = {str(r["id"]): i for i, r in enumerate(recs)}
    held_out: list[tuple[str, str] | None] = [None] * len(recs)
    k = min(FOLDS, len(recs))
    for fold in folds(list(by_id), k) if k > 1 else []:
        test = {by_id[key] for key in fold}
        order = fit_precedence(
            [(cands[i], str(recs[i]["sub_event_type"])) for i in range(len(recs)) if i not in test]
        )
        for i in test:
            held_out[i] = choose(cands[i], order)
    full_order = fit_precedence([(c, str(r["sub_event_type"])) for c, r in zip(cands, recs, strict=True)])
    return {
        "notes": len(recs),
        **_figures(recs, held_out),
        "first_event": {
            k2: v
            for k2, v in _figures(recs, [choose(c, None) for c in cands]).items()
            if k2 not in ("types", "sub_event_types", "misses")
        },
        "precedence_fitted_on_all": full_order,
    }


def score_acled(path: Path, settings: Settings, limit: int | None = None) -> dict[str, Any]:
    pairs = list(analyse(read_jsonl(path, limit), settings))
    out: dict[str, Any] = {"notes": len(pairs), "events": score_event_types(pairs)}
    for name, target in SECTIONS.items():
        module, func = target.split(":")
        section: Section = getattr(importlib.import_module(module), func)
        out[name] = section(pairs)
    return out
