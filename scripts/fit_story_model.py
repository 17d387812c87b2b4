"""Refit the story join model (``src/newstrace/data/stories/join_model.json``) on human-judged pairs.

    python scripts/fit_story_model.py ../shared/realdata/story_pairs.jsonl [--matrix /tmp/pairs.npz]

Every article of the pairs is analysed by the default stages (embedding included), dated by its crawl
number (the pairs carry no dates: ``evaluation.story_days``) and added to one corpus as its own story;
each pair's features are one article against the other's one-article story, as the clusterer computes
them. On the clear pairs (mean rating <= 1.5 same story, >= 3.5 different):

- weights and bias: an L2-regularised logistic regression (``story_join.fit``, L2 below) on all of them;
- ``threshold``: the cut with the best same-story F1 on them (for deciding one pair);
- ``join``: the lowest cut whose *cross-validated* same-story precision (5 folds grouped by article,
  as the evaluation does) reaches JOIN_PRECISION: the cut a stream of articles joins stories at.

``--matrix`` keeps the feature matrix in a file (outside the repository: it is derived from
third-party texts) so that a refit with other settings does not analyse the articles again.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

import numpy as np

from newstrace.corpus.story_join import FEATURES, best_threshold, fit, join_cut
from newstrace.evaluation.realdata import read_jsonl
from newstrace.evaluation.story_pairs import (
    L2,
    article_features,
    cross_validated_probabilities,
    label,
    pair_folds,
    pair_matrix,
)
from newstrace.settings import Settings

OUT = Path(__file__).resolve().parent.parent / "src" / "newstrace" / "data" / "stories" / "join_model.json"
# A stream compares each article with dozens of candidate stories: for a story precision of 0.9 the
# single comparison must be right more often (measured on the replay of these articles as one stream).
JOIN_PRECISION = 0.95


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("pairs", type=Path)
    parser.add_argument("--matrix", type=Path, help="cache of the pair feature matrix (.npz)")
    args = parser.parse_args()
    records = read_jsonl(args.pairs)
    if args.matrix and args.matrix.exists():
        saved = np.load(args.matrix)
        ids = [str(i) for i in saved["ids"]]
        by_id = {str(r["id"]): r for r in records}
        rows, x = [by_id[i] for i in ids], saved["x"]
    else:
        rows, x = pair_matrix(records, article_features(records, Settings()))
        if args.matrix:
            np.savez(args.matrix, ids=np.array([str(r["id"]) for r in rows]), x=x)
    y = np.array([label(r) for r in rows], dtype=int)
    clear = y >= 0
    weights, bias = fit(x[clear], y[clear].astype(float), L2)
    p = 1.0 / (1.0 + np.exp(-(x[clear] @ weights + bias)))
    held_out = cross_validated_probabilities(x, y, pair_folds(rows))
    model = {
        "comment": (
            f"Logistic regression (L2 {L2}, numpy Newton) fitted by scripts/fit_story_model.py on "
            f"{int(clear.sum())} clear pairs (rating <= 1.5 same story, >= 3.5 different) of SemEval-2022 "
            f"Task 8 multilingual article pairs ({len(rows)} pairs, {dt.date.today().isoformat()}), "
            "each article dated by its crawl number. "
            "threshold: best same-story F1 on those pairs; join: lowest cut whose 5-fold cross-validated "
            f"precision (folds grouped by article) reaches {JOIN_PRECISION}."
        ),
        "features": list(FEATURES),
        "weights": [round(float(w), 4) for w in weights],
        "bias": round(bias, 4),
        "threshold": best_threshold(p, y[clear]),
        "join": join_cut(held_out[clear], y[clear], JOIN_PRECISION),
    }
    OUT.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(model, indent=1))


if __name__ == "__main__":
    main()
