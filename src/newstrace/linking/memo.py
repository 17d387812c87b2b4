"""A bounded memo for pure lookups the entity and place stages repeat (a stream names the same places and
people again and again): answers kept per key, all dropped at once when ``size`` are held, so a long
stream holds at most that many. Dropping all, not the oldest, keeps a hit at one dict lookup."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class BoundedMemo(dict[K, V]):
    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def get_or_compute(self, key: K, compute: Callable[[], V]) -> V:
        """The answer kept for ``key``, or ``compute()``'s, kept (None answers too)."""
        try:
            return self[key]
        except KeyError:
            pass
        value = compute()
        if len(self) >= self.size:
            self.clear()
        self[key] = value
        return value
