"""The registry, the stage chain check and the settings loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.model import Document
from newstrace.pipeline.pipeline import Pipeline, PipelineError
from newstrace.pipeline.stage import BaseStage, Stage
from newstrace.registry import READERS, STAGES, UnknownComponent, build_stages
from newstrace.settings import DEFAULT_STAGES, Settings, SettingsError, load_settings

# Snapshot: adding or renaming a built-in reader or stage must update this list on purpose.
EXPECTED_STAGES = [
    ("normalise", {"raw"}, {"clean"}),
    ("boilerplate", {"clean"}, {"boilerplate", "title"}),
    ("language", {"clean"}, {"language"}),
    ("sentences", {"clean", "boilerplate", "language"}, {"sentences"}),
    ("dates", {"clean"}, {"date"}),
    ("quality", {"clean", "boilerplate", "language", "sentences"}, {"quality", "repaired"}),
    ("entities", {"clean", "boilerplate", "language"}, {"entities"}),
    ("places", {"entities"}, {"places"}),
    ("claims", {"sentences", "entities", "places"}, {"claims", "quotes"}),
    ("events", {"sentences", "entities", "places", "claims"}, {"events"}),
    ("embedding", {"clean", "boilerplate", "title"}, {"embedding"}),
]
EXPECTED_READERS = ["text", "jsonl", "html", "warc", "feed"]


def test_registry_snapshot(settings: Settings) -> None:
    stages = build_stages(list(STAGES), settings)
    assert [(s.name, set(s.requires), set(s.provides)) for s in stages] == EXPECTED_STAGES
    assert list(READERS) == EXPECTED_READERS
    assert all(isinstance(s, Stage) for s in stages)
    assert [READERS[n]().name for n in READERS] == EXPECTED_READERS


def test_default_order_is_valid(settings: Settings) -> None:
    Pipeline(build_stages(DEFAULT_STAGES, settings))


def test_wrong_order_fails_before_running(settings: Settings) -> None:
    with pytest.raises(PipelineError, match="requires"):
        Pipeline(build_stages(["language", "normalise"], settings))
    with pytest.raises(PipelineError, match="twice"):
        Pipeline(build_stages(["normalise", "normalise"], settings))
    with pytest.raises(UnknownComponent):
        build_stages(["normalise", "teleport"], settings)


class _Boom(BaseStage):
    name = "boom"
    provides = frozenset({"boom"})

    def process(self, doc: Document) -> Document:
        raise RuntimeError("kaput")


def test_stage_error_becomes_a_rejection_or_raises(settings: Settings) -> None:
    from newstrace.pipeline.executors import LocalExecutor
    from newstrace.pipeline.pipeline import StageFailed

    doc = Document(id="x", source="s.txt", raw="text", fmt="text")
    (result,) = LocalExecutor(Pipeline([_Boom()]), "reject").run([doc])
    assert not isinstance(result, Document)
    assert result.reason == "stage_error:boom" and "kaput" in result.detail
    with pytest.raises(StageFailed):
        LocalExecutor(Pipeline([_Boom()]), "raise").run([doc])


def test_settings_layers(tmp_path: Path) -> None:
    cfg = tmp_path / "newstrace.toml"
    cfg.write_text('[newstrace]\nworkers = 3\nbatch_size = 10\ndb = "from-file.db"\n', encoding="utf-8")
    s = load_settings(config=cfg, env={"NEWSTRACE_BATCH_SIZE": "20", "NEWSTRACE_STAGES": "normalise,dates"})
    assert s.workers == 3 and s.batch_size == 20 and s.db == Path("from-file.db")
    assert s.stages == ("normalise", "dates")
    s2 = load_settings(config=cfg, env={}, db=tmp_path / "cli.db")
    assert s2.db == tmp_path / "cli.db"
    with pytest.raises(SettingsError):
        load_settings(config=tmp_path / "missing.toml", env={})
    with pytest.raises(SettingsError):
        Settings().with_overrides(workers=0)
    with pytest.raises(SettingsError, match="unknown"):
        Settings().with_overrides(colour="blue")
