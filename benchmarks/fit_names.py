"""Fit the two name cutoffs of the entities stage with held-back folds, and print what they give.

    python benchmarks/fit_names.py [--docs 400]

1. ``FUZZY_SURNAME`` (linking/fuzzy_names.py): on the knowledge base's people. Positives: two spellings
   of one person's surname in the knowledge base's languages ("Zelensky", "Selenskyj", "Zelenskyy" as
   keys); negatives: a surname against the most similar surname of another person. The cutoff that
   best separates them on four folds of people is scored on the fifth.
2. ``NAME_WORD_ZIPF`` (stages/entity_words.py): on French Wikinews with gold entities
   (``../shared/realdata/ner_fr.jsonl``, skipped when absent). Candidates: the spans spaCy calls persons
   that are made only of dictionary words; positives: gold persons (to keep), negatives: not a gold
   person (to drop). The cutoff that maximises dropped errors minus dropped persons on four folds of
   documents is scored on the fifth.
"""

from __future__ import annotations

import argparse
import itertools
from collections import defaultdict
from pathlib import Path

from rapidfuzz import fuzz, process
from wordfreq import zipf_frequency

from newstrace.evaluation.realdata import default_dir, folds, read_jsonl

REPO = Path(__file__).resolve().parents[1]


def _best_cutoff(pairs: list[tuple[float, bool]], candidates: list[float], keep_above: bool) -> float:
    """The cutoff with the most right calls: positives at or above it (or below, for keep_above=False)."""

    def right(c: float) -> int:
        return sum((v >= c) == pos if keep_above else (v < c) == pos for v, pos in pairs)

    return max(candidates, key=lambda c: (right(c), -c if keep_above else c))


def fit_surname() -> None:
    from newstrace.kb.loader import knowledge_base
    from newstrace.linking.fuzzy_names import surname_keys

    by_person: dict[str, set[str]] = defaultdict(set)
    for e in knowledge_base():
        if e.type == "person":
            for n in e.all_names():
                if " " in n.strip():
                    by_person[e.id] |= surname_keys(n)
    owner = {k: pid for pid, ks in by_person.items() for k in ks}
    keys = list(owner)
    samples: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for pid, ks in by_person.items():
        for a, b in itertools.combinations(sorted(ks), 2):
            samples[pid].append((fuzz.ratio(a, b), True))
        for k in ks:
            others = [x for x in keys if owner[x] != pid]
            hit = process.extractOne(k, others, scorer=fuzz.ratio)
            if hit is not None:
                samples[pid].append((hit[1], False))
    candidates = [float(c) for c in range(70, 100)]
    print(f"surname cutoff: {len(by_person)} people, {sum(len(v) for v in samples.values())} pairs")
    chosen = []
    for i, held in enumerate(folds(list(samples), 5)):
        train = [p for pid in samples if pid not in held for p in samples[pid]]
        test = [p for pid in held for p in samples[pid]]
        c = _best_cutoff(train, candidates, keep_above=True)
        acc = sum((v >= c) == pos for v, pos in test) / max(1, len(test))
        chosen.append(c)
        print(f"  fold {i}: cutoff {c:.0f}, held-out accuracy {acc:.3f} on {len(test)} pairs")
    print(f"  cutoffs chosen: {chosen}")


def fit_name_words(n_docs: int) -> None:
    path = default_dir(REPO) / "ner_fr.jsonl"
    if not path.is_file():
        print("ner_fr.jsonl not present: NAME_WORD_ZIPF not fitted")
        return
    from newstrace.linking.name_shapes import trim_span as _trim
    from newstrace.linking.ner import recognisers
    from newstrace.linking.wordclass import is_dictionary_word

    recogniser = recognisers().for_language("fr")
    assert recogniser is not None
    by_doc: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for rec in read_jsonl(path, n_docs):
        text = rec["text"]
        gold = {(e["start"], e["end"]) for e in rec["entities"] if e["type"] == "Person"}
        for s, e, label in recogniser.spans(text):
            s, e = _trim(text, s, e)
            surface = text[s:e]
            if label != "person" or e <= s or not is_dictionary_word(surface, "fr"):
                continue
            caps = [w for w in surface.split() if w[:1].isupper()]
            rarest = min((zipf_frequency(w.lower(), "fr") for w in caps), default=0.0)
            by_doc[rec["id"]].append((rarest, (s, e) in gold))
    candidates = [x / 4 for x in range(4, 29)]  # zipf 1.0 to 7.0
    total = sum(len(v) for v in by_doc.values())
    print(f"person-word cutoff: {total} dictionary-word person spans in {len(by_doc)} documents")
    chosen = []
    for i, held in enumerate(folds(list(by_doc), 5)):
        train = [p for d in by_doc if d not in held for p in by_doc[d]]
        test = [p for d in held for p in by_doc[d]]
        # Drop at or above the cutoff: a right call is a non-person dropped or a person kept.
        c = _best_cutoff([(v, not pos) for v, pos in train], candidates, keep_above=True)
        dropped_errors = sum(v >= c and not pos for v, pos in test)
        dropped_persons = sum(v >= c and pos for v, pos in test)
        chosen.append(c)
        lost = f"{dropped_errors} errors dropped, {dropped_persons} persons lost"
        print(f"  fold {i}: cutoff {c:.2f}, held out: {lost}")
    print(f"  cutoffs chosen: {chosen}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=400)
    args = parser.parse_args()
    fit_surname()
    fit_name_words(args.docs)


if __name__ == "__main__":
    main()
