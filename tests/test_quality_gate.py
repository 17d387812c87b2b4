"""The quality gate: seed scores must stay at or above the pinned floors, and floors never go down."""

from __future__ import annotations

import json
import shutil
import subprocess
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from newstrace.cli import render
from newstrace.evaluation import floors
from newstrace.services.evaluate import evaluate
from newstrace.settings import Settings

FLOORS = Path(__file__).with_name("floors.json")
REPO = Path(__file__).resolve().parents[1]
# Floors lowered on purpose, each with why; every other lowering fails. The seeds' 13th right claimant
# was scored by a description that named any "the women" or "les femmes", in any article, "the soldiers'
# wives": the gold wording of one seed, a special case of a seed's string. Without it that seed's
# claimant is "the women", as its text says.
LOWERED_ON_PURPOSE = frozenset({("seeds", "floor claims.casualty_claimant_right lowered from 13 to 12")})


@pytest.fixture(scope="module")
def seed_scores(seeds_gold: Path) -> dict[str, Any]:
    return evaluate(seeds_gold, Settings())


def test_seed_scores_meet_their_floors(seed_scores: dict[str, Any]) -> None:
    failures = floors.check(seed_scores, floors.load(FLOORS, "seeds"))
    assert not failures, "\n".join(failures)


def test_sample_corpus_scores_meet_their_floors(capsys: pytest.CaptureFixture[str]) -> None:
    from newstrace.services.demo import sample_corpus

    manifest = sample_corpus() / "MANIFEST.json"
    scores = evaluate(manifest, Settings(), corpus=sample_corpus())
    assert scores["documents"] >= 20 and not scores["missing_documents"]
    failures = floors.check(scores, floors.load(FLOORS, "sample"))
    assert not failures, "\n".join(failures)
    # `newstrace eval` prints the same scores: the sample's manifest has claims but no sourcing chains.
    render.scores(scores)
    assert "casualty found" in capsys.readouterr().out


def test_seed_spun_labels(seed_scores: dict[str, Any]) -> None:
    labels = seed_scores["spun"]["labels"]
    assert labels["001_224db25bb73be8ff"] == "spun" and labels["003_2f7b8ba9646341f0"] == "spun"
    assert labels["004_69ae0e0288f3ce44"] == "clean"


def test_every_seed_document_was_ingested(seed_scores: dict[str, Any]) -> None:
    assert seed_scores["missing_documents"] == []
    assert seed_scores["documents"] == 5


def test_floors_never_went_down_in_history() -> None:
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout: the floors' history cannot be read")
    log = subprocess.run(
        ["git", "log", "--format=%H", "--", "tests/floors.json"], cwd=REPO, capture_output=True, text=True
    )
    if log.returncode != 0:
        pytest.skip(f"git log failed: {log.stderr.strip()}")
    versions = []
    for commit in reversed(log.stdout.split()):
        shown = subprocess.run(
            ["git", "show", f"{commit}:tests/floors.json"], cwd=REPO, capture_output=True, text=True
        )
        if shown.returncode == 0:
            versions.append((commit[:10], json.loads(shown.stdout)))
    versions.append(("working tree", json.loads(FLOORS.read_text(encoding="utf-8"))))
    problems = []
    for (old_name, old), (new_name, new) in pairwise(versions):
        for gold_set, old_floors in old.items():
            for msg in floors.regressions(old_floors, new.get(gold_set, {})):
                if (gold_set, msg) not in LOWERED_ON_PURPOSE:
                    problems.append(f"{old_name} -> {new_name}: {gold_set}: {msg}")
    assert not problems, "\n".join(problems)


def test_floor_helpers() -> None:
    scores = {"a": {"x": 0.5}, "b": {"n": 3}}
    assert floors.check(scores, {"a.x": 0.6}) == ["a.x = 0.5 is below its floor 0.6"]
    assert floors.check(scores, {"max:b.n": 2}) == ["b.n = 3.0 is above its ceiling 2"]
    assert floors.raised({"a.x": 0.4, "max:b.n": 5}, scores) == {"a.x": 0.5, "max:b.n": 3.0}
    assert floors.regressions({"a.x": 0.5}, {"a.x": 0.4}) == ["floor a.x lowered from 0.5 to 0.4"]
