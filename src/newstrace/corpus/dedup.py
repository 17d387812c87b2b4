"""Exact and near-duplicate detection across the whole store.

Exact: the hash of the normalised clean text (case and whitespace folded), so the same article saved
twice with other line breaks is one. Near: MinHash over word 3-grams with an LSH index (datasketch);
a document whose estimated Jaccard similarity to an earlier one reaches the threshold is marked as its
copy. The earliest document stays the original, so ``duplicate_of`` always points to a non-duplicate.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable, Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

from newstrace.model import Document

_TOKEN = re.compile(r"\w+", re.UNICODE)
SHINGLE = 3
_SEED = 1
# Pinned so that signatures stored by one version stay comparable with the next.
_SCHEME = "affine32"


def content_hash(text: str) -> str:
    folded = " ".join(_TOKEN.findall(text.casefold()))
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:32]


def shingles(text: str) -> set[bytes]:
    words = _TOKEN.findall(text.casefold())
    if len(words) < SHINGLE:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)}


def signature(text: str, num_perm: int) -> MinHash:
    mh = MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME)
    grams = list(shingles(text))
    if grams:
        mh.update_batch(grams)
    return mh


def to_bytes(mh: MinHash) -> bytes:
    return bytes(np.asarray(mh.hashvalues, dtype=np.uint64).tobytes())


def from_bytes(data: bytes, num_perm: int) -> MinHash:
    values = np.frombuffer(data, dtype=np.uint64)
    if len(values) != num_perm:
        raise ValueError(f"stored signature has {len(values)} permutations, settings say {num_perm}")
    return MinHash(num_perm=num_perm, seed=_SEED, hashvalues=values, scheme=_SCHEME)


class Deduplicator:
    """Holds the LSH index of every original document seen so far (from the store, then this run).

    Only the LSH bands stay in memory; full signatures of candidates are fetched when a query hits
    (``signature_of``), so memory per stored document is the index entry alone.
    """

    def __init__(
        self, num_perm: int, threshold: float, signature_of: Callable[[str], bytes | None] | None = None
    ) -> None:
        self.num_perm = num_perm
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._signature_of = signature_of
        # Signatures of originals added since the last flush (not yet readable from the store).
        self._recent: dict[str, np.ndarray] = {}
        self._hashes: dict[str, str] = {}
        self._count = 0

    def load(self, stored: Iterable[tuple[str, bytes]]) -> None:
        for doc_id, data in stored:
            self._lsh.insert(doc_id, from_bytes(data, self.num_perm), check_duplication=False)
            self._count += 1

    def flush(self) -> None:
        """Forget what the store now holds (call after the batch was written)."""
        self._recent.clear()
        self._hashes.clear()

    def _add(self, doc_id: str, mh: MinHash) -> None:
        self._lsh.insert(doc_id, mh, check_duplication=False)
        self._recent[doc_id] = np.asarray(mh.hashvalues, dtype=np.uint64)
        self._count += 1

    def _values(self, doc_id: str) -> np.ndarray | None:
        if doc_id in self._recent:
            return self._recent[doc_id]
        data = self._signature_of(doc_id) if self._signature_of else None
        return np.frombuffer(data, dtype=np.uint64) if data else None

    def check(self, doc: Document, stored_owner: Callable[[str], str | None]) -> tuple[Document, bytes]:
        """Return the document with ``content_hash`` and ``duplicate_of`` set, and its signature.

        ``stored_owner`` finds the store's original with a given content hash, if any.
        """
        text = doc.text
        chash = content_hash(text)
        mh = signature(text, self.num_perm)
        original = self._hashes.get(chash) or stored_owner(chash)
        if original is None:
            mine = np.asarray(mh.hashvalues, dtype=np.uint64)
            best: tuple[float, str] | None = None
            for cand in self._lsh.query(mh):
                values = self._values(cand)
                if values is None or cand == doc.id:
                    continue
                sim = float(np.mean(values == mine))
                if sim >= self.threshold:
                    key = (-sim, cand)
                    best = key if best is None or key < best else best
            original = best[1] if best else None
        if original == doc.id:
            original = None
        if original is None:
            self._hashes.setdefault(chash, doc.id)
            self._add(doc.id, mh)
        return dataclasses.replace(doc, content_hash=chash, duplicate_of=original), to_bytes(mh)
