"""Story features built by the tests: documents with chosen entities, dates and embedding directions,
for both story clusterers (the calibrated rules and the learned decision share ``DocFeatures``'s
first six fields)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np

from newstrace.corpus import stories, story_learned

DIM = 64


def direction(seed: int, dim: int = DIM) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal(dim).astype(np.float32)
    return v / np.linalg.norm(v)


def hot(*dims: int, size: int = 16) -> np.ndarray:
    """A unit vector with equal weight on ``dims``: two of them share a cosine set by their overlap."""
    v = np.zeros(size, dtype=np.float32)
    v[list(dims)] = 1.0
    return v / np.linalg.norm(v)


def story_doc(
    doc_id: str,
    entities: list[str],
    date: str | None = "2024-03-01",
    toward: np.ndarray | None = None,
    *,
    learned: bool = False,
    lang: str = "en",
    figures: set[float] | None = None,
    vector: np.ndarray | None = None,
) -> Any:
    """A document of either clusterer. Unrelated titles: random directions in 64 dimensions are nearly
    orthogonal (cosine ~0); a document ``toward`` a direction is that direction plus a little noise."""
    if vector is None:
        rng = np.random.default_rng(sum(map(ord, doc_id)) * 7919 + len(doc_id))
        vector = rng.standard_normal(DIM).astype(np.float32)
        vector /= np.linalg.norm(vector)
        if toward is not None:
            vector = toward + 0.15 * vector
        vector = vector / np.linalg.norm(vector)
    cls = story_learned.DocFeatures if learned else stories.DocFeatures
    return cls(doc_id, lang, date, Counter(entities), set(figures or ()), vector)


def clusterer(learned: bool) -> Any:
    return story_learned.LearnedStoryClusterer() if learned else stories.StoryClusterer()


def add_noise(c: Any, n: int = 12, learned: bool = False) -> None:
    """Unrelated one-article stories, so that rarity and the language's mean vector are estimated."""
    for i in range(n):
        c.assign(story_doc(f"noise{i}", [f"auto/n{i}a", f"auto/n{i}b"], learned=learned))
