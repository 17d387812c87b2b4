"""Where the corpus's earlier articles put their towns: a prior learned from the stream as it is read
(``PlaceDensity``), used to tell apart namesakes that nothing else in the article separates.

Reporting on a war keeps naming places near one another (a front line, a besieged district): among
several villages of one name that score exactly alike (one name, one division, no population, nothing in
the article near either), the one lying where earlier articles' towns are dense is the likelier, and
without it the choice would fall to the gazetteer's order or to no place at all. The same holds, more
strongly, among the small towns of the first-level division named right after a name ("Mykhailivka,
Kherson": the division holds a dozen; one of 2,000 people ranks above villages whose population the
gazetteer does not know, though reporting on a front names the villages on it): there the density
outweighs what the scores say of them, population included. The prior knows no country and no war: it
is a count of earlier resolved towns per cell of a grid about ``CELLS_KM`` on a side (a fine one, and a
coarse one read where the fine one tells nothing), over the candidate's cell and its eight neighbours,
so that asking it costs the same however long the stream has run, and what it holds is bounded by the
cells that ever held a town (a 10 km grid of the world's land has about 1.5 million). A name is told the
density without its own earlier towns (``settle(..., name=)``), as the outlets' memory is: one wrong
reading of "Oleksandrivka" would otherwise draw every later "Oleksandrivka" to itself; for that the grids
also count each town per name it was read under, bounded by the gazetteer's (name, place) pairs.
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
# other. One scale: cells of 10 km and a weight of 4 are best or tied-best on both halves (acc25 0.7481
# -> 0.7741 on all notes; 0.7473 -> 0.7754 and 0.7489 -> 0.7727 on the halves; cells of 5, 15, 20, 25
# or 40 km and weights 2-8 gain less). A second, coarser scale read where the fine one cannot tell the
# namesakes apart: 40 km is best or tied-best on both halves (0.7805 on all notes; 0.7819 and 0.7792;
# 25, 30, 50, 60 and 80 km gain less; a third scale of 90-160 km adds nothing). places_en.jsonl (gold
# spans) is unchanged within 0.0003 (exact ties are rare there).
CELLS_KM = (10.0, 40.0)
WEIGHT = 4.0
# Among the small towns of the best candidate's first-level division (``small_town``: fewer people
# than ``place_scoring.Weights.isolated_population``, 10,000), whatever their scores. Fitted on the
# same alternate halves of the ACLED notes (cells and the tie weight kept): a weight of 12 or 16 is best
# on the odd half (0.7965 -> 0.8074), and 0.8164 on the even one (0.7970 before); the even half's best,
# 24 (0.8207), loses on the odd half (0.7944); 8 gains less on both. All notes: 0.7968 -> 0.8119.
# places_en.jsonl (gold spans) all 0.8667 / 0.9210 -> 0.8666 / 0.9203 (few of its towns are villages
# with namesakes in their division). The same towns of other names among the candidates (a village
# whose former name is the one written) are told apart alike: kept to the main name only, the ACLED
# notes gain less (0.8065), their namesakes left too close to place. Only where the article names the
# division right after the name ("X, Y"): it narrowed the place to Y's towns and can say no more. Where
# it names none, its other places and the scores speak; there the rule gained and lost one note each
# on ACLED (0.8195 either way, with the place prepositions and long names), and on places_en (gold
# spans) it drew a few of lgl's towns off their place (all 0.8666 / 0.9205 -> 0.8666 / 0.9210).
NAMESAKE_WEIGHT = 12.0
# A name's own earlier towns are left out of what the density tells it (``PlaceDensity.add`` with name
# keys). On the ACLED notes (the stream read in order) acc25 0.8195 -> 0.8216: 0.8207 -> 0.8251 on the
# even half, 0.8182 on the odd one either way; read reversed 0.8162 -> 0.8195, shuffled (seeds 1, 2)
# 0.8173 -> 0.8184 and 0.8130 either way, by date 0.8141 -> 0.8173; shuffled with seeds 3-10, mean
# 0.8174 -> 0.8196, no seed lower. places_en.jsonl (gold spans) unchanged.

# Scores this close are one score (sums of the same weights in another order differ by rounding only).
TIE = 1e-6


class _Grid:
    """Points counted per cell: rows of ``cell_km`` of latitude, each row cut into cells about
    ``cell_km`` wide at its middle latitude."""

    def __init__(self, cell_km: float) -> None:
        self.step = cell_km / _KM_PER_DEGREE
        self.cells: Counter[tuple[int, int]] = Counter()
        # The same points counted per name key they were read under, and cell: one entry per (name,
        # cell), so bounded by the gazetteer's places as ``cells`` is by the cells of the land.
        self.named: Counter[tuple[str, int, int]] = Counter()

    def _row(self, lat: float) -> int:
        return math.floor(lat / self.step)

    def _column(self, row: int, lon: float) -> int:
        """The cell of ``row`` holding longitude ``lon``: cells widen towards the poles (to about
        ``cell_km``), never beyond the whole circle."""
        middle = (row + 0.5) * self.step
        width = min(360.0, self.step / max(math.cos(math.radians(middle)), 1e-3))
        return math.floor(lon / width)

    def add(self, lat: float, lon: float, name: str | None = None) -> None:
        row = self._row(lat)
        col = self._column(row, lon)
        self.cells[(row, col)] += 1
        if name is not None:
            self.named[(name, row, col)] += 1

    def clear(self) -> None:
        self.cells.clear()
        self.named.clear()

    def near(self, lat: float, lon: float, name: str | None = None) -> int:
        """Points in the cell of (``lat``, ``lon``) and the eight cells around it, less those read
        under the name key ``name``."""
        row = self._row(lat)
        count = 0
        for r in (row - 1, row, row + 1):
            col = self._column(r, lon)
            count += sum(self.cells.get((r, c), 0) for c in (col - 1, col, col + 1))
            if name is not None and self.named:
                count -= sum(self.named.get((name, r, c), 0) for c in (col - 1, col, col + 1))
        return count


class PlaceDensity:
    """Earlier resolved towns and districts, counted on grids of ``cells_km`` (finest first)."""

    def __init__(
        self,
        cells_km: tuple[float, ...] = CELLS_KM,
        weight: float = WEIGHT,
        small_town: int = 10_000,
        namesake_weight: float = NAMESAKE_WEIGHT,
    ) -> None:
        self.grids = [_Grid(km) for km in cells_km]
        self.weight = weight
        self.small_town = small_town
        self.namesake_weight = namesake_weight

    def clear(self) -> None:
        for g in self.grids:
            g.clear()

    def add(self, places: Sequence[GazPlace | None], names: Sequence[str] = ()) -> None:
        """Learn the towns and districts among ``places`` (a division's or a country's point says
        nothing of where within it the reporting is), each read under the name key of ``names`` at its
        position (none given: no name's own)."""
        for i, p in enumerate(places):
            if p is not None and p.level >= ADMIN2:
                for g in self.grids:
                    g.add(p.lat, p.lon, names[i] if names else None)

    def near(self, p: GazPlace, scale: int = 0, name: str | None = None) -> int:
        """Earlier towns around ``p`` on the grid ``scale`` (0: the finest), those read under the name
        key ``name`` left out."""
        return self.grids[scale].near(p.lat, p.lon, name)

    def settle(
        self, scored: list[tuple[float, GazPlace]], division_named: bool = False, name: str | None = None
    ) -> list[tuple[float, GazPlace]]:
        """A mention's candidates (best first) with those alike told apart: where the best is a small
        town of the division the article names right after the name (``division_named``: "X, Y", the
        candidates narrowed to Y's), the small towns of its first-level division (``namesake_weight``),
        else the towns tied for the best score (``weight``). On the finest grid whose counts differ
        among them, each loses the weight times the log of how many times fewer earlier towns lie around
        it than around the densest of them (one added to each count), so that the densest keeps its
        score and a far namesake in empty country falls behind it, by enough to be no rival
        (``decided``'s margin) once the corpus is dense there. The towns earlier read under the
        mention's own name key ``name`` are not counted. Other candidates, and towns no earlier town
        tells apart, keep their scores and order."""
        if len(scored) < 2:
            return scored
        best, first = scored[0]
        if division_named and first.level >= ADMIN2 and first.population < self.small_town and first.admin1:
            alike = [c for _, c in scored if self._small_town_of(c, first.admin1)]
            settled = self._by_density(scored, alike, self.namesake_weight, name)
            if settled is not None:
                return settled
        if scored[1][0] < best - TIE:
            return scored
        tied = [c for s, c in scored if s >= best - TIE and c.level >= ADMIN2]
        return self._by_density(scored, tied, self.weight, name) or scored

    def _small_town_of(self, c: GazPlace, admin1: str) -> bool:
        return c.level >= ADMIN2 and c.population < self.small_town and c.admin1 == admin1

    def _by_density(
        self, scored: list[tuple[float, GazPlace]], alike: list[GazPlace], weight: float, name: str | None
    ) -> list[tuple[float, GazPlace]] | None:
        """``scored`` with ``alike`` demoted by their density on the finest grid that tells them apart;
        None where none does (or there is nothing to tell apart)."""
        for scale in range(len(self.grids) if len(alike) > 1 else 0):
            counts = {id(c): self.near(c, scale, name) for c in alike}
            top = max(counts.values())
            if any(n != top for n in counts.values()):
                return _demoted(scored, counts, top, weight)
        return None


def _demoted(
    scored: list[tuple[float, GazPlace]], counts: dict[int, int], top: int, weight: float
) -> list[tuple[float, GazPlace]]:
    out = [
        (s - weight * math.log10((top + 1) / (counts[id(c)] + 1)) if id(c) in counts else s, c)
        for s, c in scored
    ]
    return sorted(out, key=lambda x: -x[0])
