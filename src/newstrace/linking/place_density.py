"""Where the corpus's earlier articles put their towns: a prior learned from the stream as it is read
(``PlaceDensity``), used to tell apart namesakes that nothing else in the article separates.

Reporting on a war keeps naming places near one another (a front line, a besieged district): among
several villages of one name that score exactly alike (one name, one division, no population, nothing in
the article near either), the one lying where earlier articles' towns are dense is the likelier, and
without it the choice would fall to the gazetteer's order or to no place at all. The prior knows no
country and no war: it is a count of earlier resolved towns per cell of a grid about ``CELL_KM`` on a
side, read over the candidate's cell and its eight neighbours, so that asking it costs the same however
long the stream has run. It only ever separates candidates tied on every other ground.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from newstrace.linking.gazetteer import GazPlace
from newstrace.linking.gazetteer_build import ADMIN2

_KM_PER_DEGREE = 111.195  # one degree of latitude on a sphere of the Earth's mean radius
# Fitted on acled_events.jsonl (925 ACLED notes, Ukraine), the notes split into alternate halves (even
# and odd positions; the stream still read whole and in order), each half's best values checked on the
# other: cells of 10 km and a weight of 4 are best or tied-best on both (acc25 0.7481 -> 0.7741 on all
# notes; 0.7473 -> 0.7754 and 0.7489 -> 0.7727 on the halves); cells of 25 or 40 km and weights 2-8
# gain less. places_en.jsonl (gold spans) is unchanged within 0.0003 (its ties are rare).
CELL_KM = 10.0
WEIGHT = 4.0
# Scores this close are one score (sums of the same weights in another order differ by rounding only).
TIE = 1e-6


class PlaceDensity:
    """Earlier resolved towns and districts, counted per grid cell (rows of ``cell_km`` of latitude,
    each row cut into cells about ``cell_km`` wide at its middle latitude)."""

    def __init__(self, cell_km: float = CELL_KM, weight: float = WEIGHT) -> None:
        self.step = cell_km / _KM_PER_DEGREE
        self.weight = weight
        self.cells: Counter[tuple[int, int]] = Counter()

    def clear(self) -> None:
        self.cells.clear()

    def _row(self, lat: float) -> int:
        return math.floor(lat / self.step)

    def _column(self, row: int, lon: float) -> int:
        """The cell of ``row`` holding longitude ``lon``: cells widen towards the poles (to about
        ``cell_km``), never beyond the whole circle."""
        middle = (row + 0.5) * self.step
        width = min(360.0, self.step / max(math.cos(math.radians(middle)), 1e-3))
        return math.floor(lon / width)

    def add(self, places: Sequence[GazPlace | None]) -> None:
        """Learn the towns and districts among ``places`` (a division's or a country's point says
        nothing of where within it the reporting is)."""
        for p in places:
            if p is not None and p.level >= ADMIN2:
                row = self._row(p.lat)
                self.cells[(row, self._column(row, p.lon))] += 1

    def near(self, p: GazPlace) -> int:
        """Earlier towns in the cell of ``p`` and the eight cells around it."""
        row = self._row(p.lat)
        count = 0
        for r in (row - 1, row, row + 1):
            col = self._column(r, p.lon)
            count += sum(self.cells.get((r, c), 0) for c in (col - 1, col, col + 1))
        return count

    def settle(self, scored: list[tuple[float, GazPlace]]) -> list[tuple[float, GazPlace]]:
        """A mention's candidates (best first) with the towns tied for the best score told apart: each
        loses ``weight`` times the log of how many times fewer earlier towns lie around it than around
        the densest of them (one added to each count), so that the densest keeps its score and a far
        namesake in empty country falls behind it, by enough to be no rival (``decided``'s margin) once
        the corpus is dense there. Candidates not tied, and ties no earlier town tells apart, keep
        their scores and order."""
        if len(scored) < 2 or scored[1][0] < scored[0][0] - TIE or not self.cells:
            return scored
        best = scored[0][0]
        counts = {id(c): self.near(c) for s, c in scored if s >= best - TIE and c.level >= ADMIN2}
        top = max(counts.values(), default=0)
        if len(counts) < 2 or all(n == top for n in counts.values()):
            return scored
        out = [
            (s - self.weight * math.log10((top + 1) / (counts[id(c)] + 1)) if id(c) in counts else s, c)
            for s, c in scored
        ]
        return sorted(out, key=lambda x: -x[0])
