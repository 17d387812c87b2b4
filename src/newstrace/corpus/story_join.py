"""The join decision: the probability that an article tells the same story as a story's core.

A logistic regression over language-free features (the same for every language, with or without a
named-entity model): the cosine of the article's embedding with the story's centroid after per-language
centring, the overlap of rare entities and of rare words, the figures both state, whether the story
is told in the article's language, and how near in time the article is to the story (publication on
the same days; days beyond a week apart). The coefficients are data (``data/stories/join_model.json``), fitted
on human-judged article pairs by ``scripts/fit_story_model.py``; this module only reads and applies
them, and holds the fitting code the script and the evaluation share.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from importlib import resources

import numpy as np

# Order of the feature vector (``StoryClusterer.join_features``), as stored with the coefficients.
FEATURES = (
    "cosine",
    "cosine_cross",
    "entities",
    "words",
    "figures",
    "cross_language",
    "same_days",
    "days_apart",
)


class JoinModelError(ValueError):
    """The shipped coefficients do not match the features this code computes."""


@dataclass(frozen=True, slots=True)
class JoinModel:
    weights: np.ndarray
    bias: float
    threshold: float  # same story when the probability reaches it: the cut with the best pair F1
    # The cut a stream uses to join an article to a story: higher, since each article meets dozens of
    # candidate stories and a wrong join drags later articles along (see ``join_cut``).
    join: float

    def probability(self, x: np.ndarray) -> float:
        """The probability of the same story."""
        return 1.0 / (1.0 + math.exp(-float(self.bias + self.weights @ x)))


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 50) -> tuple[np.ndarray, float]:
    """Weights and bias of an L2-regularised logistic regression (Newton's method; the bias is not
    penalised). ``x``: one row per pair, columns in ``FEATURES`` order; ``y``: 1 same story, 0 not."""
    n, k = x.shape
    a = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(k + 1)
    penalty = np.full(k + 1, l2)
    penalty[-1] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(a @ w)))
        grad = a.T @ (p - y) + penalty * w
        hess = (a * (p * (1 - p))[:, None]).T @ a + np.diag(penalty) + 1e-9 * np.eye(k + 1)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return w[:-1], float(w[-1])


def best_threshold(p: np.ndarray, y: np.ndarray) -> float:
    """The probability cut with the highest same-story F1 on these pairs (ties: the higher cut)."""
    best, best_f1 = 0.5, -1.0
    for cut in np.unique(np.round(p, 3)):
        pred = p >= cut
        tp = float(np.sum(pred & (y == 1)))
        f1 = 2 * tp / (float(np.sum(pred)) + float(np.sum(y == 1)) or 1.0)
        if f1 >= best_f1:
            best, best_f1 = float(cut), f1
    return best


def join_cut(p: np.ndarray, y: np.ndarray, precision: float) -> float:
    """The lowest probability cut at which same-story precision on these pairs reaches ``precision``
    (pass held-out probabilities: in-sample ones flatter the model)."""
    for cut in np.unique(np.round(p, 2)):
        pred = p >= cut
        if not pred.any():
            break
        if float(np.sum(pred & (y == 1))) / float(np.sum(pred)) >= precision:
            return float(cut)
    return 1.0


@functools.lru_cache(maxsize=1)
def shipped_model() -> JoinModel:
    """The coefficients shipped with the package (read once, on first use)."""
    path = resources.files("newstrace") / "data" / "stories" / "join_model.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise JoinModelError(f"join_model.json has features {data['features']}, the code computes {FEATURES}")
    weights = np.asarray(data["weights"], dtype=np.float64)
    return JoinModel(weights, float(data["bias"]), float(data["threshold"]), float(data["join"]))
