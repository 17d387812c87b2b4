"""A checked chain of stages."""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from newstrace.model import Document
from newstrace.pipeline.stage import RAW, Stage

log = logging.getLogger(__name__)

# Documents an executor takes through the stages together (``Pipeline.run_many``). Entities and places
# against bare NER on Russian generated articles (benchmarks/entities.py's way, 300 articles): one at a
# time 0.863, 8 together 0.892, 32 together 0.893; 8 is also natasha's own batch.
BATCH = 8


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
            doc = self._step(stage, doc)
        return doc

    def run_many(self, docs: Sequence[Document]) -> list[Document | StageFailed]:
        """Each document's result (or the error that stopped it), the stages taken one at a time over the
        whole batch: a stage that reads ahead (``prepare``, the NER pass) does so for the batch, and each
        stage's own work then runs on for several documents while its tables are in the processor's
        caches. The same results as ``run`` on each document in turn: a stage sees the documents in
        the same order, and no stage keeps anything a later stage gives."""
        results: list[Document | StageFailed] = list(docs)
        for stage in self.stages:
            live = [i for i, r in enumerate(results) if isinstance(r, Document)]
            prepare = getattr(stage, "prepare", None)
            if prepare is not None and live:
                start = time.perf_counter()
                try:
                    prepare([results[i] for i in live])
                except Exception:  # reading ahead only saves time: each document's own pass meets it
                    log.warning("stage %s could not read ahead", stage.name, exc_info=True)
                self.stats[stage.name].seconds += time.perf_counter() - start
            for i in live:
                doc = results[i]
                assert isinstance(doc, Document)
                try:
                    results[i] = self._step(stage, doc)
                except StageFailed as exc:
                    results[i] = exc
        return results

    def _step(self, stage: Stage, doc: Document) -> Document:
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
