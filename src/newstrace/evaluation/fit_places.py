"""Fitting the place-choice weights (``linking.place_scoring.Weights``) on places_en.jsonl, with folds.

    python -m newstrace.evaluation.fit_places [PATH] [--folds 5] [--only NAMES] [--wrong-cost 1]

The gold toponyms of each article are the place mentions (as in ``real_places``' gold-span mode); the
candidates are looked up once, then the weights are fitted by coordinate ascent over a small grid to
maximise the toponyms placed within 161 km. The abstention rules come after (the margin, then the
isolated-town cut), each maximising the toponyms placed within 161 km minus ``--wrong-cost`` times
those placed farther. Each fold's figures come from weights fitted on the other folds (held out); the
last line gives the weights fitted on every article, which go into ``WEIGHTS``.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newstrace.evaluation.real_places import ACC_KM, gold_span_documents
from newstrace.evaluation.realdata import default_dir, folds, read_jsonl
from newstrace.linking.division_words import division_word
from newstrace.linking.gazetteer import GazPlace, distance_km
from newstrace.linking.initialisms import with_initialisms
from newstrace.linking.place_containers import containers_after
from newstrace.linking.place_scoring import WEIGHTS, Weights
from newstrace.model import Mention
from newstrace.settings import Settings, load_settings
from newstrace.stages.places import PlacesStage, outlet_of

_GRID: dict[str, tuple[float, ...]] = {
    "capital": (0.0, 1.5, 3.0, 5.0),
    "population": (0.5, 1.0, 1.5),
    "main_name": (0.0, 1.0, 2.0, 4.0),
    "context_country": (0.0, 2.0, 4.0, 6.0, 8.0),
    "context_admin1": (0.0, 1.5, 3.0, 5.0),
    "followed_by": (0.0, 3.0, 6.0, 10.0),
    "near": (0.0, 1.5, 3.0),
    "shared_admin1": (0.0, 3.0, 6.0, 9.0),
    "paired": (0.0, 2.0, 4.0, 6.0),
    "paired_km": (10.0, 25.0, 50.0),
    "outlet_admin1": (0.0, 2.0, 4.0, 6.0, 9.0, 12.0),
    "outlet_country": (0.0, 2.0, 4.0, 6.0, 9.0),
    "outlet_home_share": (0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 1.01),
    "list_level": (0.0, 1.0, 2.0, 3.0, 4.0, 6.0, 8.0),
}
_LEVEL_GRID = (0.0, 2.0, 4.0, 6.0, 8.0, 10.0)
# The levels whose weights are fitted (all, unless ``--only`` leaves them out).
_LEVEL_WEIGHTS = list(range(len(WEIGHTS.level)))


@dataclasses.dataclass
class _Doc:
    id: str
    raw: str
    mentions: list[Mention]
    options: list[list[GazPlace]]
    held: list[list[GazPlace]]
    gold: list[tuple[float, float] | None]
    outlet: str | None = None
    lang: str | None = None


def _prepare(records: Sequence[dict[str, Any]], settings: Settings) -> tuple[PlacesStage, list[_Doc]]:
    from newstrace.registry import build_stages

    (stage,) = build_stages(["places"], settings)
    assert isinstance(stage, PlacesStage)
    gaz = stage._gazetteer()
    docs: list[_Doc] = []
    for rec, doc in gold_span_documents(records, settings):
        if doc is None:
            continue
        ms = [m for m in doc.mentions if m.type == "place"]
        gold_at = {(t["start"], t["end"]): t for t in rec["toponyms"]}
        gold: list[tuple[float, float] | None] = []
        for m in ms:
            t = gold_at[(m.start, m.end)]
            gold.append((t["lat"], t["lon"]) if t.get("lat") is not None else None)
        containers = containers_after(doc.raw, ms, lang=doc.lang)
        found = [
            stage.candidates_held(
                gaz,
                m,
                doc.lang,
                i in containers.values(),
                i in containers,
                division_word(doc.raw, m.start, m.end),
            )
            for i, m in enumerate(ms)
        ]
        found = with_initialisms(ms, found, [not c for c, _, _ in found])  # "L.A.": Los Angeles
        options, held = [c for c, _, _ in found], [h for *_, h in found]
        docs.append(_Doc(str(rec["id"]), doc.raw, ms, options, held, gold, outlet_of(doc), doc.lang))
    return stage, docs


def _evaluate(
    stage: PlacesStage, docs: Sequence[_Doc], w: Weights, scored: set[str] | None = None
) -> tuple[int, int, int]:
    """(gold toponyms with coordinates, placed, placed within 161 km) over the articles in ``scored``
    (all by default). Every article is read, in order, so that the outlets' memory (which holds the
    system's own choices, never a gold point) is what a run over the whole corpus would have."""
    stage.weights = w
    stage.outlets.clear()  # the outlets' memory is learnt afresh from the articles scored, in order
    stage.density.clear()  # and so is the stream's density of towns
    gaz = stage._gazetteer()
    n = placed = near = 0
    for d in docs:
        picks = stage.choose(gaz, d.raw, d.mentions, d.options, d.outlet, d.held, d.lang)
        if scored is not None and d.id not in scored:
            continue
        for pick, gold in zip(picks, d.gold, strict=True):
            if gold is None:
                continue
            n += 1
            if pick is not None:
                placed += 1
                near += distance_km((pick.lat, pick.lon), gold) <= ACC_KM
    return n, placed, near


def fit(  # the choice weights, with no abstention (the abstentions, ``best_abstention``, come after)
    stage: PlacesStage,
    docs: Sequence[_Doc],
    start: Weights = WEIGHTS,
    rounds: int = 2,
    scored: set[str] | None = None,
) -> Weights:
    """Coordinate ascent over ``_GRID`` on the toponyms of the articles in ``scored`` (all by default)."""
    best = dataclasses.replace(start, min_margin=0.0, isolated_population=0)
    best_score = _evaluate(stage, docs, best, scored)[2]
    for _ in range(rounds):
        improved = False
        for level in _LEVEL_WEIGHTS:
            for value in _LEVEL_GRID:
                levels = list(best.level)
                levels[level] = value
                trial = dataclasses.replace(best, level=tuple(levels))
                score = _evaluate(stage, docs, trial, scored)[2]
                if score > best_score:
                    best, best_score, improved = trial, score, True
        for name, values in _GRID.items():
            for value in values:
                trial = dataclasses.replace(best, **{name: value})  # type: ignore[arg-type]
                score = _evaluate(stage, docs, trial, scored)[2]
                if score > best_score:
                    best, best_score, improved = trial, score, True
        if not improved:
            break
    return best


_MARGIN_GRID = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0)


def margin_trials(w: Weights) -> list[Weights]:
    """The abstention margins (``Weights.min_margin``) tried, the choice weights ``w`` fixed. At 1 a
    mention is placed when it is more likely right than wrong; more trades found places for precision."""
    return [dataclasses.replace(w, min_margin=value) for value in _MARGIN_GRID]


def best_abstention(
    stage: PlacesStage,
    docs: Sequence[_Doc],
    trials: Sequence[Weights],
    scored: set[str] | None,
    wrong_cost: float,
) -> Weights:
    """The first of ``trials`` (one abstention rule's settings) with the most toponyms placed within 161
    km minus ``wrong_cost`` times those placed farther."""
    best, best_gain = trials[0], -float("inf")
    for trial in trials:
        _, placed, near = _evaluate(stage, docs, trial, scored)
        gain = near - wrong_cost * (placed - near)
        if gain > best_gain:
            best, best_gain = trial, gain
    return best


_ISOLATED_GRID = (0, 2_000, 5_000, 10_000, 20_000)
_ISOLATED_KM_GRID = (300.0, 1000.0)
# The abstention rules fitted after the choice weights (``--only`` may leave either out).
_ABSTENTIONS = ["min_margin", "isolated"]


def isolated_trials(w: Weights) -> list[Weights]:
    """The isolated-town cuts (``Weights.isolated_population``, ``isolated_km``) tried, every other
    weight fixed (0 people turns it off)."""
    return [
        dataclasses.replace(w, isolated_population=people, isolated_km=km)
        for people in _ISOLATED_GRID
        for km in (_ISOLATED_KM_GRID if people else (w.isolated_km,))
    ]


def _fit_all(stage: PlacesStage, docs: Sequence[_Doc], scored: set[str] | None, wrong_cost: float) -> Weights:
    w = fit(stage, docs, scored=scored)  # then the abstentions as they are, each refitted unless left out
    w = dataclasses.replace(
        w,
        min_margin=WEIGHTS.min_margin,
        isolated_population=WEIGHTS.isolated_population,
        isolated_km=WEIGHTS.isolated_km,
    )
    for rule, trials in (("min_margin", margin_trials), ("isolated", isolated_trials)):
        if rule in _ABSTENTIONS:
            w = best_abstention(stage, docs, trials(w), scored, wrong_cost)
    return w


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("path", nargs="?", type=Path, default=default_dir(Path.cwd()) / "places_en.jsonl")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--only", default=None, help="comma-separated weights to fit, the others kept")
    parser.add_argument(
        "--wrong-cost", type=float, default=1.0, help="what a place beyond 161 km costs, in places within"
    )
    args = parser.parse_args(argv)
    if args.only:
        keep = set(args.only.split(","))
        for name in [n for n in _GRID if n not in keep]:
            del _GRID[name]
        if "level" not in keep:
            _LEVEL_WEIGHTS.clear()
        _ABSTENTIONS[:] = [name for name in _ABSTENTIONS if name in keep]
    stage, docs = _prepare(read_jsonl(args.path, args.limit), load_settings())
    by_id = {d.id: d for d in docs}
    total = [0, 0, 0]
    for i, held in enumerate(folds(list(by_id), args.folds)):
        train = {d.id for d in docs} - set(held)
        w = _fit_all(stage, docs, train, args.wrong_cost)
        n, placed, near = _evaluate(stage, docs, w, set(held))
        total = [total[0] + n, total[1] + placed, total[2] + near]
        print(f"fold {i}: held-out acc161 {near / n:.4f} precision161 {near / max(placed, 1):.4f} ({n}) {w}")
    n, placed, near = total
    print(f"held out, all folds: acc161 {near / n:.4f} precision161 {near / max(placed, 1):.4f} ({n})")
    print(f"fitted on all: {_fit_all(stage, docs, None, args.wrong_cost)}")


if __name__ == "__main__":
    main()
