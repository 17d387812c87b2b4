"""Story clustering against gold stories: pairwise precision, recall, F1 and the adjusted Rand index."""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from math import comb
from typing import Any


def adjusted_rand_index(gold: dict[str, str], pred: dict[str, str]) -> float:
    items = sorted(gold.keys() & pred.keys())
    n = len(items)
    if n < 2:
        return 1.0
    table = Counter((gold[i], pred[i]) for i in items)
    sum_cells = sum(comb(v, 2) for v in table.values())
    sum_gold = sum(comb(v, 2) for v in Counter(gold[i] for i in items).values())
    sum_pred = sum(comb(v, 2) for v in Counter(pred[i] for i in items).values())
    expected = sum_gold * sum_pred / comb(n, 2)
    maximum = (sum_gold + sum_pred) / 2
    if maximum == expected:
        return 1.0
    return (sum_cells - expected) / (maximum - expected)


def score_stories(gold_stories: list[dict[str, Any]], pred: dict[str, str]) -> dict[str, Any]:
    gold = {doc: str(i) for i, story in enumerate(gold_stories) for doc in story["docs"]}
    tp = fp = fn = 0
    for a, b in combinations(sorted(gold.keys() & pred.keys()), 2):
        same_gold, same_pred = gold[a] == gold[b], pred[a] == pred[b]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    groups: dict[str, list[str]] = {}
    for doc, sid in sorted(pred.items()):
        groups.setdefault(sid, []).append(doc)
    return {
        "pairwise_precision": round(precision, 4),
        "pairwise_recall": round(recall, 4),
        "pairwise_f1": round(f1, 4),
        "adjusted_rand_index": round(adjusted_rand_index(gold, pred), 4),
        "exact_partition": sorted(sorted(g) for g in groups.values())
        == sorted(sorted(s["docs"]) for s in gold_stories),
        "predicted": sorted(groups.values()),
    }
