"""French named entities on real news (``ner_fr.jsonl``: Wikinews with gold Person, Location,
Organization, ... spans), scored against spaCy's French model alone on the same documents.

What is scored: the mentions newstrace keeps after the entities and places stages (what the export
shows), mapped to the gold types: place -> Location; organization, media, military_unit ->
Organization; person -> Person. Mentions of other types (equipment) and gold types newstrace does not
produce (Event, Product, Date, Hour) are left out of both sides. Matching is exact: ``start``, ``end``
and type all equal, each gold span matched at most once. The baseline is the same spaCy model the
entities stage uses (``fr_core_news_md``) run alone on the same text, LOC -> Location, ORG ->
Organization, PER -> Person (MISC unscored). The gold nests entities ("Grande Mosquée de Valence"
holds "Valence") and both systems are flat, so recall on the outermost gold spans is reported too.
Mentions found in removed captions or credits count like any other (the text is the same).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from newstrace.evaluation.realdata import analyse, read_jsonl
from newstrace.settings import Settings

SCORED = ("Person", "Location", "Organization")
TYPE_MAP = {
    "person": "Person",
    "place": "Location",
    "organization": "Organization",
    "media": "Organization",
    "military_unit": "Organization",
}
SPACY_MAP = {"PER": "Person", "LOC": "Location", "ORG": "Organization"}
SPACY_MODEL = "fr_core_news_md"
STAGES = ("normalise", "boilerplate", "language", "sentences", "entities", "places")
# ``entities_stage`` in the scores: the same, before the places stage (recognition alone).

Span = tuple[int, int, str]


def gold_spans(rec: dict[str, Any]) -> set[Span]:
    return {
        (int(e["start"]), int(e["end"]), str(e["type"]))
        for e in rec.get("entities", ())
        if e["type"] in SCORED
    }


def outermost(rec: dict[str, Any]) -> set[Span]:
    """Scored gold spans not inside another gold span of any type (what a flat tagger can find)."""
    every = [(int(e["start"]), int(e["end"])) for e in rec.get("entities", ())]
    return {
        (s, e, t)
        for s, e, t in gold_spans(rec)
        if not any(a <= s and e <= b and (a, b) != (s, e) for a, b in every)
    }


class Tally:
    """Exact-span counts per type."""

    def __init__(self) -> None:
        self.tp: Counter[str] = Counter()
        self.fp: Counter[str] = Counter()
        self.fn: Counter[str] = Counter()
        self.outer_found = 0
        self.outer_total = 0

    def add(self, predicted: Iterable[Span], gold: set[Span], outer: set[Span]) -> None:
        pred = set(predicted)
        for s in pred:
            (self.tp if s in gold else self.fp)[s[2]] += 1
        for s in gold - pred:
            self.fn[s[2]] += 1
        self.outer_total += len(outer)
        self.outer_found += len(outer & pred)

    def scores(self) -> dict[str, Any]:
        out: dict[str, Any] = {t: _prf(self.tp[t], self.fp[t], self.fn[t]) for t in SCORED}
        out["micro"] = _prf(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))
        out["outermost_recall"] = round(self.outer_found / self.outer_total, 4) if self.outer_total else 0.0
        return out


def _prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def system_spans(doc: Any) -> set[Span]:
    if doc is None:
        return set()
    return {(m.start, m.end, TYPE_MAP[m.type]) for m in doc.mentions if m.type in TYPE_MAP}


def spacy_spans(nlp: Any, text: str) -> set[Span]:
    return {(e.start_char, e.end_char, SPACY_MAP[e.label_]) for e in nlp(text).ents if e.label_ in SPACY_MAP}


def _spacy() -> Any:
    from newstrace.linking.ner import recognisers

    # The very pipeline the entities stage loads (tok2vec + ner), so the baseline is spaCy alone.
    rec = recognisers().for_language("fr")
    return rec._load() if rec is not None and hasattr(rec, "_load") else None


def score_records(records: Sequence[dict[str, Any]], settings: Settings) -> dict[str, Any]:
    from newstrace.registry import build_stages

    ours, recognised, base = Tally(), Tally(), Tally()
    nlp = _spacy()
    [places] = build_stages(("places",), settings)
    failed = 0
    for rec, doc in analyse(records, settings, STAGES[:-1], source="ner_fr"):
        gold, outer = gold_spans(rec), outermost(rec)
        # Recognition alone (the entities stage's mentions), then what the places stage keeps.
        recognised.add(system_spans(doc), gold, outer)
        try:
            doc = places(doc) if doc is not None else None
        except Exception:  # a failed document counts as a miss, as in analyse()
            doc = None
        failed += doc is None
        ours.add(system_spans(doc), gold, outer)
        if nlp is not None:
            base.add(spacy_spans(nlp, str(rec["text"])), gold, outer)
    a, b = ours.scores(), base.scores()
    return {
        "documents": len(records),
        "failed": failed,
        "newstrace": a,
        "spacy_alone": b,
        "entities_stage": recognised.scores(),
        "micro_f1_gain": round(a["micro"]["f1"] - b["micro"]["f1"], 4),
        "location_recall_gain": round(a["Location"]["recall"] - b["Location"]["recall"], 4),
    }


def score(path: Path, settings: Settings, limit: int | None = None) -> dict[str, Any]:
    return score_records(read_jsonl(path, limit), settings)
