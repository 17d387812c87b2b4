"""The real-data evaluation framework: reading, folds, in-process analysis and the CLI's dispatch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newstrace.cli.app import app
from newstrace.evaluation.realdata import (
    RealDataError,
    analyse,
    flatten,
    folds,
    read_jsonl,
    score_file,
)
from newstrace.settings import Settings


def test_read_jsonl_limit_and_errors(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text('{"id": 1, "text": "a"}\n\n{"id": 2, "text": "b"}\n', encoding="utf-8")
    assert [r["id"] for r in read_jsonl(path)] == [1, 2]
    assert [r["id"] for r in read_jsonl(path, limit=1)] == [1]
    path.write_text('{"id": 1}\n[1]\n', encoding="utf-8")
    with pytest.raises(RealDataError, match="line 2"):
        read_jsonl(path)


def test_folds_are_a_deterministic_partition() -> None:
    keys = [f"k{i}" for i in range(23)]
    a, b = folds(keys, 5, seed=1), folds(keys, 5, seed=1)
    assert a == b
    assert sorted(k for f in a for k in f) == sorted(keys)
    assert all(4 <= len(f) <= 5 for f in a)


def test_analyse_keeps_raw_offsets() -> None:
    text = "Kyiv, 3 March. Two people were wounded in the shelling of the city, officials said."
    rec = {"id": "r1", "text": text, "date": "2023-03-03"}
    [(got, doc)] = list(
        analyse([rec], Settings(), stages=("normalise", "boilerplate", "language", "sentences"))
    )
    assert got is rec
    assert doc is not None
    assert doc.raw == text
    assert doc.lang == "en"
    assert doc.source_id == "r1"


def test_unknown_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "unknown_kind.jsonl"
    path.write_text(json.dumps({"id": 1, "text": "x"}) + "\n", encoding="utf-8")
    with pytest.raises(RealDataError, match=r"no scorer for unknown_kind\.jsonl"):
        score_file(path, Settings())
    result = CliRunner().invoke(app, ["eval", "--gold", str(path)])
    assert result.exit_code != 0
    assert "no scorer" in result.output


def test_flatten() -> None:
    assert flatten({"a": {"b": 1, "c": {"d": [1]}}, "e": 0.5}) == [("a.b", 1), ("a.c.d", [1]), ("e", 0.5)]
