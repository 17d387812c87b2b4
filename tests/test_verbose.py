"""``newstrace --verbose``: per-batch and per-stage counts and timings on stderr, the output unchanged;
and the pipeline's own per-stage statistics."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers.corpus import text_folder
from newstrace.cli.app import app
from newstrace.model import Document
from newstrace.pipeline.pipeline import Pipeline, StageFailed
from newstrace.pipeline.stage import BaseStage

runner = CliRunner()
ARTICLE = (
    "Storm closes the harbour\n\nThe harbour of Korvik was closed on Friday after a storm damaged its "
    "wall, the port authority said. About 40 boats stayed in port.\n"
)


def test_verbose_logs_batches_and_stages_on_stderr(tmp_path: Path) -> None:
    folder = text_folder(tmp_path, {"a.txt": ARTICLE})
    db = str(tmp_path / "s.db")
    result = runner.invoke(app, ["--db", db, "--verbose", "ingest", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["accepted"] == 1  # stdout stays the report alone
    assert "batch of 1 inputs: 1 analysed, 1 new" in result.stderr
    assert "stage language" in result.stderr and "1 documents" in result.stderr
    # The handler goes with the command: a later command without --verbose logs nothing.
    quiet = runner.invoke(app, ["--db", db, "ingest", str(folder), "--json"])
    assert quiet.exit_code == 0 and "stage" not in quiet.stderr
    assert not logging.getLogger("newstrace").handlers


class _Upper(BaseStage):
    name = "upper"
    provides = frozenset({"title"})

    def process(self, doc: Document) -> Document:
        if "fail" in doc.raw:
            raise ValueError("asked to fail")
        return self.done(doc)


def test_the_pipeline_counts_documents_failures_and_time_per_stage() -> None:
    pipeline = Pipeline([_Upper()])
    pipeline.run(Document(id="a", source="a.txt", raw="fine", fmt="text"))
    with pytest.raises(StageFailed):
        pipeline.run(Document(id="b", source="b.txt", raw="fail", fmt="text"))
    stats = pipeline.stats["upper"]
    assert (stats.documents, stats.failed) == (1, 1) and stats.seconds >= 0
