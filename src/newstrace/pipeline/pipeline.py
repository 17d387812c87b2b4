"""A checked chain of stages."""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

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


@dataclass
class StageStats:
    """What one stage did in this process: documents done, documents it failed on, time spent."""

    documents: int = 0
    failed: int = 0
    seconds: float = 0.0


class Pipeline:
    def __init__(self, stages: Sequence[Stage]) -> None:
        self.stages = tuple(stages)
        self.check()
        self.stats = {s.name: StageStats() for s in self.stages}

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
            stats = self.stats[stage.name]
            start = time.perf_counter()
            try:
                doc = stage(doc)
            except Exception as exc:
                stats.failed += 1
                raise StageFailed(stage.name, doc.id, exc) from exc
            finally:
                stats.seconds += time.perf_counter() - start
            stats.documents += 1
        return doc


def log_stats(stats: Mapping[str, StageStats], log: logging.Logger) -> None:
    """One INFO line per stage: documents, failures, seconds (shown with ``newstrace --verbose``)."""
    for name, st in stats.items():
        log.info("stage %-12s %6d documents %4d failed %9.2f s", name, st.documents, st.failed, st.seconds)
