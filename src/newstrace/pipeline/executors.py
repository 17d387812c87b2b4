"""Where stages run: in this process, or in a pool of worker processes. Both take the same stages and
give the same results; a stage error becomes a rejection (or stops the run, by the error policy)."""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable, Sequence
from typing import Protocol

from newstrace.model import Document, Rejection
from newstrace.pipeline.pipeline import BATCH, Pipeline, StageFailed, StageStats
from newstrace.settings import Settings

Result = Document | Rejection


def run_batch(pipeline: Pipeline, docs: Sequence[Document], on_error: str) -> list[Result]:
    """Each document analysed or rejected with the stage that failed on it, a batch at a time
    (``Pipeline.run_many``); under the error policy "raise", the first failure stops the run."""
    out: list[Result] = []
    for doc, result in zip(docs, pipeline.run_many(docs), strict=True):
        if not isinstance(result, StageFailed):
            out.append(result)
        elif on_error == "raise":
            raise result
        else:
            reason = f"stage_error:{result.stage}"
            out.append(Rejection(doc.source, reason, str(result.cause)[:500], doc.source_id or doc.id))
    return out


def _batches(docs: Sequence[Document]) -> list[Sequence[Document]]:
    return [docs[k : k + BATCH] for k in range(0, len(docs), BATCH)]


class Executor(Protocol):
    def run(self, docs: Sequence[Document]) -> list[Result]: ...

    def close(self) -> None: ...

    def stats(self) -> dict[str, StageStats]: ...


class LocalExecutor:
    def __init__(self, pipeline: Pipeline, on_error: str = "reject") -> None:
        self.pipeline = pipeline
        self.on_error = on_error

    def run(self, docs: Sequence[Document]) -> list[Result]:
        return [r for batch in _batches(docs) for r in run_batch(self.pipeline, batch, self.on_error)]

    def close(self) -> None:
        pass

    def stats(self) -> dict[str, StageStats]:
        return self.pipeline.stats


# The pipeline of a pool worker process, built once by the pool initializer (one model load per worker).
_WORKER: tuple[Pipeline, str] | None = None


PipelineFactory = Callable[[Settings], Pipeline]


def _init_worker(factory: PipelineFactory, settings: Settings) -> None:
    global _WORKER
    _WORKER = (factory(settings), settings.on_error)


def _work(docs: Sequence[Document]) -> list[Result]:
    if _WORKER is None:  # pragma: no cover - the initializer always ran
        raise RuntimeError("worker pipeline not initialised")
    return run_batch(_WORKER[0], docs, _WORKER[1])


class PoolExecutor:
    def __init__(self, settings: Settings, factory: PipelineFactory) -> None:
        # "spawn", not "fork": the NER and embedding libraries start threads, and a forked child of a
        # threaded parent can deadlock on a lock held by a thread that does not exist in the child.
        ctx = mp.get_context("spawn")
        self._pool = ctx.Pool(settings.workers, initializer=_init_worker, initargs=(factory, settings))

    def run(self, docs: Sequence[Document]) -> list[Result]:
        batches = _batches(docs)
        done = self._pool.map(_work, batches, chunksize=max(1, len(batches) // 16))
        return [r for results in done for r in results]

    def close(self) -> None:
        self._pool.close()
        self._pool.join()

    def stats(self) -> dict[str, StageStats]:
        """Nothing: each worker process keeps the counts of its own pipeline."""
        return {}


def make_executor(settings: Settings, factory: PipelineFactory) -> Executor:
    """A pool when more than one worker is asked for; each worker builds its own pipeline."""
    if settings.workers > 1:
        return PoolExecutor(settings, factory)
    return LocalExecutor(factory(settings), settings.on_error)
