"""A derived text that remembers where each of its characters came from in the raw text.

Every cleaning step (Unicode repair, whitespace folding, boilerplate removal, later the repair of spun
words) produces a new view by editing the previous one. Each character of a view carries the raw span it
stands for, so any span found in any view maps back to raw offsets without bookkeeping in the stages.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``[start, end)`` of a view by ``replacement`` ("" deletes)."""

    start: int
    end: int
    replacement: str


class TextView:
    """Text plus, per character, the raw span ``[starts[i], ends[i])`` it was derived from."""

    __slots__ = ("_ends", "_raw_len", "_starts", "text")

    def __init__(self, text: str, starts: array[int], ends: array[int], raw_len: int) -> None:
        if len(starts) != len(text) or len(ends) != len(text):
            raise ValueError("offset arrays must have one entry per character")
        self.text = text
        self._starts = starts
        self._ends = ends
        self._raw_len = raw_len

    @classmethod
    def identity(cls, raw: str) -> TextView:
        n = len(raw)
        return cls(raw, array("l", range(n)), array("l", range(1, n + 1)), n)

    def __len__(self) -> int:
        return len(self.text)

    @property
    def raw_len(self) -> int:
        """The length of the raw text this view was derived from."""
        return self._raw_len

    @property
    def offsets(self) -> tuple[array[int], array[int]]:
        """Per character, the raw start and end it stands for (copies: the view stays immutable)."""
        return array("l", self._starts), array("l", self._ends)

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map the view span ``[start, end)`` to the smallest raw span that covers it."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside a view of length {len(self.text)}")
        if start == end:
            pos = self._starts[start] if start < len(self.text) else self._raw_end()
            return pos, pos
        return self._starts[start], self._ends[end - 1]

    def from_raw(self, start: int, end: int) -> tuple[int, int]:
        """The view span covering the raw span ``[start, end)`` (the inverse of :meth:`to_raw`)."""
        return bisect_left(self._starts, start), bisect_left(self._starts, end)

    def raw_start(self, index: int) -> int:
        return self.to_raw(index, index)[0]

    def _raw_end(self) -> int:
        return self._ends[-1] if self.text else 0

    def edit(self, edits: Iterable[Edit]) -> TextView:
        """Apply non-overlapping edits (in view coordinates) and return the new view.

        A replacement of the same length maps character by character (quote normalisation keeps exact
        offsets); any other replacement maps every new character to the whole raw span it replaced.
        """
        ordered = sorted(edits, key=lambda e: (e.start, e.end))
        parts: list[str] = []
        starts: array[int] = array("l")
        ends: array[int] = array("l")
        pos = 0
        for e in ordered:
            if e.start < pos or e.end < e.start or e.end > len(self.text):
                raise ValueError(f"overlapping or invalid edit {e.start}:{e.end}")
            parts.append(self.text[pos : e.start])
            starts.extend(self._starts[pos : e.start])
            ends.extend(self._ends[pos : e.start])
            if e.replacement:
                if len(e.replacement) == e.end - e.start:
                    starts.extend(self._starts[e.start : e.end])
                    ends.extend(self._ends[e.start : e.end])
                else:
                    raw_s, raw_e = self.to_raw(e.start, e.end)
                    starts.extend([raw_s] * len(e.replacement))
                    ends.extend([raw_e] * len(e.replacement))
                parts.append(e.replacement)
            pos = e.end
        parts.append(self.text[pos:])
        starts.extend(self._starts[pos:])
        ends.extend(self._ends[pos:])
        return TextView("".join(parts), starts, ends, self._raw_len)

    def to_runs(self) -> list[tuple[int, int, int]]:
        """Compact offset map for storage: ``(view_start, raw_start, raw_end)`` per run.

        A run whose raw span is as long as the run maps one to one; any other run maps every character
        to the whole raw span (a replacement). Clean text has one run per edit, not one per character.
        """
        runs: list[tuple[int, int, int]] = []
        n = len(self.text)
        i = 0
        starts, ends = self._starts, self._ends
        while i < n:
            j = i + 1
            if ends[i] == starts[i] + 1:
                while j < n and starts[j] == starts[j - 1] + 1 and ends[j] == starts[j] + 1:
                    j += 1
                runs.append((i, starts[i], ends[j - 1]))
            else:
                while j < n and starts[j] == starts[i] and ends[j] == ends[i]:
                    j += 1
                runs.append((i, starts[i], ends[i]))
            i = j
        return runs

    @classmethod
    def from_runs(cls, text: str, runs: list[tuple[int, int, int]], raw_len: int) -> TextView:
        starts: array[int] = array("l")
        ends: array[int] = array("l")
        if not runs:
            return cls(text, starts, ends, raw_len)
        bounds = [r[0] for r in runs[1:]] + [len(text)]
        for (vs, rs, re_), ve in zip(runs, bounds, strict=True):
            length = ve - vs
            if re_ - rs == length:
                starts.extend(range(rs, re_))
                ends.extend(range(rs + 1, re_ + 1))
            else:
                starts.extend([rs] * length)
                ends.extend([re_] * length)
        return cls(text, starts, ends, raw_len)
