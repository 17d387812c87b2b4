"""Toponym recognition in English news (``../shared/realdata/places_en.jsonl``), exact span, per corpus,
next to the bare spaCy model on the same texts. Report only: the scorer of that file is the places one.

    python benchmarks/places_en_recognition.py [--limit N] [--every K]

A system toponym is a place mention of the entities stage; spaCy's are its GPE, LOC and FAC spans.
LGL and TR-News also tag demonyms and adjectives ("American") as toponyms, GeoVirus does not, so
recall on LGL and TR-News has a ceiling below 1 for a system that leaves demonyms out.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from newstrace.evaluation.realdata import analyse, default_dir, read_jsonl
from newstrace.settings import Settings

REPO = Path(__file__).resolve().parents[1]
STAGES = ("normalise", "boilerplate", "language", "sentences", "entities")


def _prf(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f} R {r:.3f} F1 {f:.3f} (tp {tp}, fp {fp}, fn {fn})"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--every", type=int, default=1, help="take every K-th record (a fixed subset)")
    args = parser.parse_args()
    path = default_dir(REPO) / "places_en.jsonl"
    if not path.is_file():
        raise SystemExit("places_en.jsonl not present beside the repository")
    records = read_jsonl(path, args.limit)[:: args.every]
    for rec in records:
        rec["lang"] = "en"
    from newstrace.linking.ner import recognisers

    spacy = recognisers().for_language("en")
    assert spacy is not None
    ours: Counter[tuple[str, str]] = Counter()
    base: Counter[tuple[str, str]] = Counter()
    for rec, doc in analyse(records, Settings(), STAGES, source="places_en"):
        corpus = str(rec["corpus"])
        gold = {(t["start"], t["end"]) for t in rec["toponyms"]}
        mine = {(m.start, m.end) for m in doc.mentions if m.type == "place"} if doc is not None else set()
        bare = {(s, e) for s, e, label in spacy.spans(rec["text"]) if label == "place"}
        for counter, pred in ((ours, mine), (base, bare)):
            for c in (corpus, "all"):
                counter[(c, "tp")] += len(pred & gold)
                counter[(c, "fp")] += len(pred - gold)
                counter[(c, "fn")] += len(gold - pred)
    for c in ("lgl", "geovirus", "trnews", "all"):
        print(f"{c:9s} newstrace  {_prf(ours[(c, 'tp')], ours[(c, 'fp')], ours[(c, 'fn')])}")
        print(f"{c:9s} spaCy alone {_prf(base[(c, 'tp')], base[(c, 'fp')], base[(c, 'fn')])}")


if __name__ == "__main__":
    main()
