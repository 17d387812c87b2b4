"""Same-story decisions on human-judged article pairs (SemEval-2022 Task 8 format: ``story_pairs``).

Each distinct article is analysed once by the per-document stages users get (embedding included) and
dated by its crawl number (``story_days``: the pairs carry no dates), and every article is added to one
corpus as its own story, so that rarity (IDF) and the per-language mean
vectors are estimated on the corpus itself, as during ingest. A pair's features are those of one
article against the other's one-article story (``LearnedStoryClusterer.join_features``).

Scores are on the clear pairs (mean rating <= 1.5: same story; >= 3.5: different), same-story
precision, recall and F1, overall, same- and cross-language, machine-translated or original, and per
language pair with MIN_PAIRS clear pairs or more:

- ``cv``: the join model refitted in FOLDS folds, never scored on an article it was fitted on (folds
  group pairs that share an article, or a translation of one: ids differ only by a language suffix);
  the threshold is chosen on the training folds;
- ``shipped``: the coefficients shipped with the package (fitted on all these pairs: in-sample).
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from newstrace.corpus.story_join import FEATURES, JoinModel, best_threshold, fit, shipped_model
from newstrace.corpus.story_learned import DocFeatures, LearnedStoryClusterer, features
from newstrace.evaluation.realdata import analyse, read_jsonl
from newstrace.evaluation.story_days import dated
from newstrace.model import Document
from newstrace.settings import Settings

SAME, DIFFERENT = 1.5, 3.5
FOLDS = 5
MIN_PAIRS = 20
# A light penalty: six features, 800 pairs (on these pairs 0.1 to 1.0 change the F1 by under 0.01).
L2 = 0.1


def label(rec: dict[str, Any]) -> int:
    overall = float(rec["overall"])
    return 1 if overall <= SAME else 0 if overall >= DIFFERENT else -1


def articles(records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The distinct articles of the pairs (by article id, first occurrence), in file order."""
    seen: dict[str, dict[str, Any]] = {}
    for rec in records:
        for side in ("1", "2"):
            aid = str(rec["article_id" + side])
            seen.setdefault(aid, {"id": aid, "text": rec["text" + side], "lang": rec["lang" + side]})
    return list(seen.values())


def article_features(records: Sequence[dict[str, Any]], settings: Settings) -> dict[str, DocFeatures]:
    """Features of every article the stages could analyse (a failed article leaves its pairs out)."""
    stages = settings.stages if "embedding" in settings.stages else (*settings.stages, "embedding")
    settings = settings.with_overrides(stories="learned")  # the encoder the model was fitted on
    docs = [doc for _, doc in analyse(articles(records), settings, stages) if doc is not None]
    return dated_features(docs)


def dated_features(docs: Sequence[Document]) -> dict[str, DocFeatures]:
    """Features of analysed articles (by article id), each dated by its crawl number."""
    return {str(doc.source_id): features(doc) for doc in dated(docs)}


def pair_matrix(
    records: Sequence[dict[str, Any]], feats: dict[str, DocFeatures]
) -> tuple[list[dict[str, Any]], np.ndarray]:
    """The pairs whose two articles were analysed, and their feature rows (``FEATURES`` order)."""
    corpus = LearnedStoryClusterer(JoinModel(np.zeros(len(FEATURES)), 0.0, 1.0, 1.0))
    for doc in feats.values():
        corpus.add(doc.id, doc)
    rows = [r for r in records if str(r["article_id1"]) in feats and str(r["article_id2"]) in feats]
    x = np.array(
        [
            corpus.join_features(
                feats[str(r["article_id1"])],
                corpus.singleton(feats[str(r["article_id2"])]),
                corpus.centred(feats[str(r["article_id1"])]),
            )
            for r in rows
        ]
    ).reshape(len(rows), len(FEATURES))
    return rows, x


def _base(article_id: str) -> str:
    # "1484039360it" is the machine translation of article 1484039360.
    m = re.match(r"\d+", article_id)
    return m.group(0) if m else article_id


def pair_folds(rows: Sequence[dict[str, Any]], k: int = FOLDS, seed: int = 0) -> np.ndarray:
    """A fold number per pair; pairs linked through a shared article (or its translation) share it."""
    parent: dict[str, str] = {}

    def find(a: str) -> str:
        while parent.setdefault(a, a) != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for r in rows:
        parent[find(_base(str(r["article_id1"])))] = find(_base(str(r["article_id2"])))
    groups = [find(_base(str(r["article_id1"]))) for r in rows]
    keys = sorted(set(groups))
    random.Random(seed).shuffle(keys)
    fold = {g: i % k for i, g in enumerate(keys)}
    return np.array([fold[g] for g in groups], dtype=int)


def cross_validated_probabilities(x: np.ndarray, y: np.ndarray, folds: np.ndarray) -> np.ndarray:
    """Held-out probabilities: each fold scored by a model fitted on the clear pairs of the others."""
    p = np.zeros(len(y))
    for k in sorted(set(folds.tolist())):
        train = (folds != k) & (y >= 0)
        test = folds == k
        if len(set(y[train].tolist())) < 2:
            continue
        w, b = fit(x[train], y[train].astype(float), L2)
        p[test] = 1.0 / (1.0 + np.exp(-(x[test] @ w + b)))
    return p


def cross_validated(x: np.ndarray, y: np.ndarray, folds: np.ndarray) -> np.ndarray:
    """Held-out same-story decisions: each fold scored by a model fitted on the clear pairs of the
    others, with the threshold that maximises F1 there."""
    pred = np.zeros(len(y), dtype=bool)
    for k in sorted(set(folds.tolist())):
        train = (folds != k) & (y >= 0)
        if len(set(y[train].tolist())) < 2:
            continue
        w, b = fit(x[train], y[train].astype(float), L2)
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        cut = best_threshold(p[train], y[train])
        test = folds == k
        pred[test] = p[test] >= cut
    return pred


def _prf(pred: np.ndarray, y: np.ndarray, mask: np.ndarray) -> dict[str, Any]:
    tp = int(np.sum(pred & mask & (y == 1)))
    fp = int(np.sum(pred & mask & (y == 0)))
    fn = int(np.sum(~pred & mask & (y == 1)))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(f1, 3),
        "pairs": int(np.sum(mask & (y >= 0))),
    }


def breakdown(rows: Sequence[dict[str, Any]], pred: np.ndarray, y: np.ndarray) -> dict[str, Any]:
    cross = np.array([r["lang1"] != r["lang2"] for r in rows], dtype=bool)
    mt = np.array(
        [bool(r.get("text1_machine_translated") or r.get("text2_machine_translated")) for r in rows]
    )
    clear = y >= 0
    langs = ["-".join(sorted((str(r["lang1"]), str(r["lang2"])))) for r in rows]
    counts = Counter(lp for lp, c in zip(langs, clear, strict=True) if c)
    by_pair = {
        lp: _prf(pred, y, np.array([x == lp for x in langs]))
        for lp, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if n >= MIN_PAIRS
    }
    return {
        "overall": _prf(pred, y, clear),
        "cross_language": _prf(pred, y, clear & cross),
        "same_language": _prf(pred, y, clear & ~cross),
        "machine_translated": _prf(pred, y, clear & mt),
        "original": _prf(pred, y, clear & ~mt),
        "by_language_pair": by_pair,
    }


def score_pairs(
    rows: Sequence[dict[str, Any]], x: np.ndarray, model: JoinModel | None = None
) -> dict[str, Any]:
    y = np.array([label(r) for r in rows], dtype=int)
    cv = cross_validated(x, y, pair_folds(rows))
    model = model if model is not None else shipped_model()
    p = np.array([model.probability(row) for row in x])
    overall = np.array([float(r["overall"]) for r in rows])
    pearson = float(np.corrcoef(p, -overall)[0, 1]) if len(rows) > 2 else 0.0
    return {
        "pairs": len(rows),
        "clear_pairs": int(np.sum(y >= 0)),
        "cv": breakdown(rows, cv, y),
        "shipped": {**breakdown(rows, p >= model.threshold, y), "pearson_vs_rating": round(pearson, 3)},
    }


def score_story_pairs(path: Path, settings: Settings, limit: int | None = None) -> dict[str, Any]:
    """``newstrace eval --gold story_pairs.jsonl``: same-story scores of the join decision."""
    records = read_jsonl(path, limit)
    rows, x = pair_matrix(records, article_features(records, settings))
    return score_pairs(rows, x)
