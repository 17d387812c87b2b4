"""A checked chain of stages."""

from __future__ import annotations

from collections.abc import Sequence

from newstrace.model import Document
from newstrace.pipeline.stage import RAW, Stage


class PipelineError(ValueError):
    pass


class StageFailed(Exception):
    """A stage raised on one document; carries the stage name for the rejection reason."""

    def __init__(self, stage: str, doc_id: str, cause: BaseException) -> None:
        super().__init__(f"stage {stage!r} failed on {doc_id}: {type(cause).__name__}: {cause}")
        self.stage = stage
        self.cause = cause


class Pipeline:
    def __init__(self, stages: Sequence[Stage]) -> None:
        self.stages = tuple(stages)
        self.check()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.stages)

    def check(self) -> None:
        available = {RAW}
        seen: set[str] = set()
        for stage in self.stages:
            if stage.name in seen:
                raise PipelineError(f"stage {stage.name!r} is configured twice")
            seen.add(stage.name)
            missing = set(stage.requires) - available
            if missing:
                raise PipelineError(
                    f"stage {stage.name!r} requires {sorted(missing)}, which no earlier stage provides "
                    f"(order: {' -> '.join(s.name for s in self.stages)})"
                )
            available |= stage.provides

    def run(self, doc: Document) -> Document:
        for stage in self.stages:
            try:
                doc = stage(doc)
            except Exception as exc:
                raise StageFailed(stage.name, doc.id, exc) from exc
        return doc
