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
    ("normalise", {"raw"}, set(), {"clean"}),
    ("boilerplate", {"clean"}, set(), {"removed", "flags", "title"}),
    ("language", {"clean"}, set(), {"language"}),
    ("sentences", {"clean", "removed", "language"}, set(), {"sentences"}),
    ("dates", {"clean"}, set(), {"date"}),
    ("quality", {"clean", "removed", "language", "sentences"}, set(), {"quality", "repaired"}),
    ("entities", {"clean", "removed", "language"}, {"repaired"}, {"mentions"}),
    ("places", {"mentions"}, set(), {"places"}),
    (
        "claims",
        {"sentences", "mentions", "places"},
        {"repaired"},
        {"claims", "attributions", "quotes", "figures"},
    ),
    ("events", {"sentences", "mentions", "places", "claims"}, {"repaired"}, {"events"}),
    ("embedding", {"clean", "removed", "title"}, {"repaired"}, {"embedding"}),
]
EXPECTED_READERS = ["text", "jsonl", "html", "warc", "feed"]
EXPECTED_CORPUS_STAGES = ["entity_merge", "duplicates", "stories", "event_groups"]


def test_registry_snapshot(settings: Settings) -> None:
    stages = build_stages(list(STAGES), settings)
    assert [(s.name, set(s.requires), set(s.reads), set(s.provides)) for s in stages] == EXPECTED_STAGES
    assert list(READERS) == EXPECTED_READERS
    assert all(isinstance(s, Stage) for s in stages)
    assert [READERS[n]().name for n in READERS] == EXPECTED_READERS


def test_corpus_stages_are_listed_and_wired_once(settings: Settings, tmp_path: Path) -> None:
    from newstrace.registry import CORPUS_STAGES, build_corpus_stages, corpus_stage_names
    from newstrace.store.documents import DocumentStore
    from newstrace.store.sqlite import Database

    assert list(CORPUS_STAGES) == EXPECTED_CORPUS_STAGES
    # Stories only where the embedding stage gives them vectors; the loader runs what the job leaves.
    no_vectors = Settings(stages=("normalise",))
    assert corpus_stage_names(no_vectors) == ["entity_merge", "duplicates", "event_groups"]
    assert corpus_stage_names(Settings(), after_spark=True) == ["event_groups"]
    db = Database(tmp_path / "s.db")
    try:
        stages = build_corpus_stages(EXPECTED_CORPUS_STAGES, settings, DocumentStore(db))
        assert [s.name for s in stages] == EXPECTED_CORPUS_STAGES
        with pytest.raises(UnknownComponent):
            build_corpus_stages(["teleport"], settings, DocumentStore(db))
    finally:
        db.close()


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
    provides = frozenset({"clean"})

    def process(self, doc: Document) -> Document:
        raise RuntimeError("kaput")


def test_a_pipeline_missing_a_provider_fails_with_a_clear_message(settings: Settings) -> None:
    # Claims need the mentions; without the entities stage nothing provides them.
    names = ["normalise", "boilerplate", "language", "sentences", "places", "claims"]
    with pytest.raises(PipelineError, match=r"stage 'places' requires 'mentions': no stage provides it"):
        Pipeline(build_stages(names, settings))
    with pytest.raises(PipelineError, match=r"'language' requires 'clean': 'normalise' provides it after it"):
        Pipeline(build_stages(["language", "normalise"], settings))


def test_a_stage_reading_the_repaired_text_before_its_repair_fails(settings: Settings) -> None:
    # Entities work without the quality stage (on the clean text), but not before it: they would read
    # the spun text while a repaired one comes later.
    base = ["normalise", "boilerplate", "language", "sentences"]
    Pipeline(build_stages([*base, "entities"], settings))
    late = r"'entities' reads 'repaired', which 'quality' provides only after"
    with pytest.raises(PipelineError, match=late):
        Pipeline(build_stages([*base, "entities", "quality"], settings))


class _Named(BaseStage):
    name = "named"
    provides = frozenset({"clean", "entities"})


def test_capabilities_are_document_fields() -> None:
    with pytest.raises(PipelineError, match=r"names \['entities'\], which are no Document fields"):
        Pipeline([_Named()])


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


def test_a_store_written_before_capabilities_were_fields_reads_them_as_fields(tmp_path: Path) -> None:
    from newstrace.store.documents import DocumentStore
    from newstrace.store.sqlite import Database, migrations

    db = Database(tmp_path / "s.db")
    try:
        doc = Document(id="d", source="s.txt", raw="text", fmt="text")
        DocumentStore(db).write_batch([doc], {}, [], None)
        old = '["boilerplate", "claims", "clean", "entities", "places"]'
        db.conn.execute("UPDATE documents SET stages = ?", (old,))
        (_, _, sql), *_ = [m for m in migrations() if m[1] == "0013_capability_fields.sql"]
        db.conn.execute(sql.split("\n\n", 1)[1])
        provided = DocumentStore(db).get("d").provided
        assert provided == {"flags", "removed", "attributions", "claims", "clean", "mentions", "places"}
    finally:
        db.close()
