"""Embeddings are stored as float16 bytes (half the size; cosine differences stay below 1e-3)."""

from __future__ import annotations

import numpy as np

# Bytes per dimension of a stored vector.
BYTES_PER_DIMENSION = np.dtype(np.float16).itemsize


def as_vector(data: bytes | None) -> np.ndarray | None:
    if not data:
        return None
    return np.frombuffer(data, dtype=np.float16).astype(np.float32)


def to_bytes(vector: np.ndarray) -> bytes:
    return vector.astype(np.float16).tobytes()
