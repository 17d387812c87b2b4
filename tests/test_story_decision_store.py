"""A store whose articles were embedded for one story decision, ingested into under the other: the run
says so (vectors of two encoders never meet), and says nothing when the decision is the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.services.ingest import ingest
from newstrace.settings import Settings
from newstrace.store.sqlite import Database

STAGES = ("normalise", "boilerplate", "language", "sentences", "dates", "embedding")


def _folder(root: Path, name: str, text: str) -> Path:
    folder = root / name
    folder.mkdir()
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(("first", "then"), [("rules", "learned"), ("learned", "rules")])
def test_a_run_under_the_other_decision_is_warned(tmp_path: Path, first: str, then: str) -> None:
    db = Database(tmp_path / "s.db")
    one = _folder(tmp_path, "one", "Talks resume\n\nThe two delegations met again on Monday in the capital.")
    two = _folder(tmp_path, "two", "Harvest falls\n\nFarmers report the smallest grain harvest in a decade.")
    three = _folder(tmp_path, "three", "Bridge reopens\n\nThe river crossing reopened to traffic on Friday.")
    assert ingest([one], Settings(stages=STAGES, stories=first), db).warnings == []
    same = ingest([two], Settings(stages=STAGES, stories=first), db)
    assert same.warnings == []
    other = ingest([three], Settings(stages=STAGES, stories=then), db)
    assert len(other.warnings) == 1 and f"stories = {first!r}" in other.warnings[0], other.warnings
    assert other.as_dict()["warnings"] == other.warnings and "warnings" not in same.as_dict()
