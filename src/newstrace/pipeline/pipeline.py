"""A checked chain of stages."""

from __future__ import annotations

import dataclasses
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
        """Every capability a document field, every stage after what it requires and reads."""
        fields = {f.name for f in dataclasses.fields(Document)}
        order = f"(order: {' -> '.join(s.name for s in self.stages)})"
        available = {RAW}
        seen: set[str] = set()
        for i, stage in enumerate(self.stages):
            if stage.name in seen:
                raise PipelineError(f"stage {stage.name!r} is configured twice")
            seen.add(stage.name)
            reads = frozenset(getattr(stage, "reads", frozenset()))
            unknown = (stage.requires | reads | stage.provides) - fields
            if unknown:
                raise PipelineError(
                    f"stage {stage.name!r} names {sorted(unknown)}, which are no Document fields"
                )
            later = {f: s.name for s in reversed(self.stages[i + 1 :]) for f in s.provides}
            for name in sorted(stage.requires - available):
                where = f"{later[name]!r} provides it after it" if name in later else "no stage provides it"
                raise PipelineError(f"stage {stage.name!r} requires {name!r}: {where} {order}")
            for name in sorted((reads - available) & later.keys()):
                raise PipelineError(
                    f"stage {stage.name!r} reads {name!r}, which {later[name]!r} provides only after it "
                    f"(it would read the document without it) {order}"
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
