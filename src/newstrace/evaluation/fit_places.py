"""Fitting the place-choice weights (``linking.place_scoring.Weights``) on places_en.jsonl, with folds.

    python -m newstrace.evaluation.fit_places [PATH] [--folds 5]

The gold toponyms of each article are the place mentions (as in ``real_places``' gold-span mode); the
candidates are looked up once, then the weights are fitted by coordinate ascent over a small grid to
maximise the toponyms placed within 161 km. Each fold's figures come from weights fitted on the other
folds (held out); the last line gives the weights fitted on every article, which go into ``WEIGHTS``.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newstrace.evaluation.real_places import ACC_KM, gold_span_documents
from newstrace.evaluation.realdata import default_dir, folds, read_jsonl
from newstrace.linking.gazetteer import GazPlace, distance_km
from newstrace.linking.place_scoring import WEIGHTS, Weights
from newstrace.model import Mention
from newstrace.settings import Settings, load_settings
from newstrace.stages.places import PlacesStage

_GRID: dict[str, tuple[float, ...]] = {
    "capital": (0.0, 1.5, 3.0, 5.0),
    "population": (0.5, 1.0, 1.5),
    "main_name": (0.0, 1.0, 2.0, 4.0),
    "context_country": (0.0, 2.0, 4.0, 6.0, 8.0),
    "context_admin1": (0.0, 1.5, 3.0, 5.0),
    "followed_by": (0.0, 3.0, 6.0, 10.0),
    "near": (0.0, 1.5, 3.0),
    "shared_admin1": (0.0, 3.0, 6.0, 9.0),
}
_LEVEL_GRID = (0.0, 2.0, 4.0, 6.0, 8.0, 10.0)


@dataclasses.dataclass
class _Doc:
    id: str
    raw: str
    mentions: list[Mention]
    options: list[list[GazPlace]]
    gold: list[tuple[float, float] | None]


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
        options = [stage._candidates(gaz, m, doc.lang)[0] for m in ms]
        docs.append(_Doc(str(rec["id"]), doc.raw, ms, options, gold))
    return stage, docs


def _evaluate(stage: PlacesStage, docs: Sequence[_Doc], w: Weights) -> tuple[int, int, int]:
    """(gold toponyms with coordinates, placed, placed within 161 km)."""
    stage.weights = w
    gaz = stage._gazetteer()
    n = placed = near = 0
    for d in docs:
        picks = stage.choose(gaz, d.raw, d.mentions, d.options)
        for pick, gold in zip(picks, d.gold, strict=True):
            if gold is None:
                continue
            n += 1
            if pick is not None:
                placed += 1
                near += distance_km((pick.lat, pick.lon), gold) <= ACC_KM
    return n, placed, near


def fit(stage: PlacesStage, docs: Sequence[_Doc], start: Weights = WEIGHTS, rounds: int = 2) -> Weights:
    best = start
    best_score = _evaluate(stage, docs, best)[2]
    for _ in range(rounds):
        improved = False
        for level in range(len(best.level)):
            for value in _LEVEL_GRID:
                levels = list(best.level)
                levels[level] = value
                trial = dataclasses.replace(best, level=tuple(levels))
                score = _evaluate(stage, docs, trial)[2]
                if score > best_score:
                    best, best_score, improved = trial, score, True
        for name, values in _GRID.items():
            for value in values:
                trial = dataclasses.replace(best, **{name: value})  # type: ignore[arg-type]
                score = _evaluate(stage, docs, trial)[2]
                if score > best_score:
                    best, best_score, improved = trial, score, True
        if not improved:
            break
    return best


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("path", nargs="?", type=Path, default=default_dir(Path.cwd()) / "places_en.jsonl")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    stage, docs = _prepare(read_jsonl(args.path, args.limit), load_settings())
    by_id = {d.id: d for d in docs}
    total = [0, 0, 0]
    for i, held in enumerate(folds(list(by_id), args.folds)):
        train = [d for d in docs if d.id not in set(held)]
        w = fit(stage, train)
        n, placed, near = _evaluate(stage, [by_id[k] for k in held], w)
        total = [total[0] + n, total[1] + placed, total[2] + near]
        print(f"fold {i}: held-out acc161 {near / n:.4f} precision161 {near / max(placed, 1):.4f} ({n}) {w}")
    n, placed, near = total
    print(f"held out, all folds: acc161 {near / n:.4f} precision161 {near / max(placed, 1):.4f} ({n})")
    print(f"fitted on all: {fit(stage, docs)}")


if __name__ == "__main__":
    main()
