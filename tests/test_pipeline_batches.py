"""Documents taken through the stages a batch at a time: the same results as one at a time, a failure
stays its own document's, and a stage that reads ahead does so once per batch."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from newstrace.linking.ner import Recognisers
from newstrace.model import Document, Rejection
from newstrace.model.document import Flag, Title, TitleSource
from newstrace.pipeline.executors import LocalExecutor, run_batch
from newstrace.pipeline.pipeline import Pipeline, StageFailed
from newstrace.pipeline.stage import BaseStage


class _Upper(BaseStage):
    """Reads ahead (what it saw, batch by batch) and fails on a document whose text says so."""

    name = "upper"
    provides = frozenset({"title"})

    def __init__(self, fail_ahead: bool = False) -> None:
        self.batches: list[list[str]] = []
        self.order: list[str] = []
        self.fail_ahead = fail_ahead

    def prepare(self, docs: Sequence[Document]) -> None:
        self.batches.append([d.id for d in docs])
        if self.fail_ahead:
            raise RuntimeError("no read-ahead today")

    def process(self, doc: Document) -> Document:
        self.order.append(doc.id)
        if "fail" in doc.raw:
            raise ValueError(f"cannot read {doc.id}")
        return self.done(doc, title=Title(doc.raw.upper(), TitleSource.LEAD))


class _Count(BaseStage):
    name = "count"
    requires = frozenset({"title"})
    provides = frozenset({"flags"})

    def __init__(self) -> None:
        self.seen: list[str] = []

    def process(self, doc: Document) -> Document:
        self.seen.append(doc.id)
        return self.done(doc, flags=(Flag(0, 1, f"n{len(self.seen)}", self.name),))


def _title(doc: Document) -> str:
    return doc.title.text if doc.title is not None else ""


def _docs(*texts: str) -> list[Document]:
    return [Document(id=f"d{i}", source=f"{i}.txt", raw=t, fmt="text") for i, t in enumerate(texts)]


def test_a_batch_gives_what_one_at_a_time_gives() -> None:
    docs = _docs("alpha", "beta", "gamma")
    one = Pipeline([_Upper(), _Count()])
    each = [one.run(d) for d in docs]
    batched = Pipeline([_Upper(), _Count()]).run_many(docs)
    assert batched == each
    assert [_title(d) for d in each] == ["ALPHA", "BETA", "GAMMA"]


def test_a_failure_is_its_documents_and_the_batch_goes_on() -> None:
    upper, count = _Upper(), _Count()
    pipeline = Pipeline([upper, count])
    results = pipeline.run_many(_docs("alpha", "fail here", "gamma"))
    assert isinstance(results[1], StageFailed) and results[1].stage == "upper"
    assert [_title(r) for r in results if isinstance(r, Document)] == ["ALPHA", "GAMMA"]
    assert count.seen == ["d0", "d2"]  # the later stage never sees the failed document
    assert upper.batches == [["d0", "d1", "d2"]]  # read ahead once, for the whole batch
    assert pipeline.stats["upper"].failed == 1 and pipeline.stats["count"].documents == 2


def test_the_executor_rejects_or_raises_per_document() -> None:
    docs = _docs("alpha", "fail here")
    results = run_batch(Pipeline([_Upper()]), docs, "reject")
    assert isinstance(results[0], Document)
    assert isinstance(results[1], Rejection) and results[1].reason == "stage_error:upper"
    assert "cannot read d1" in results[1].detail
    with pytest.raises(StageFailed):
        run_batch(Pipeline([_Upper()]), docs, "raise")


def test_the_executor_takes_batches_in_order() -> None:
    upper = _Upper()
    results = LocalExecutor(Pipeline([upper]), "reject").run(_docs(*(f"text {i}" for i in range(19))))
    assert [r.source for r in results] == [f"{i}.txt" for i in range(19)]
    assert [len(b) for b in upper.batches] == [8, 8, 3]
    assert upper.order == [f"d{i}" for i in range(19)]


def test_a_read_ahead_that_fails_costs_only_time() -> None:
    results = Pipeline([_Upper(fail_ahead=True)]).run_many(_docs("alpha", "beta"))
    assert [_title(r) for r in results if isinstance(r, Document)] == ["ALPHA", "BETA"]


class _Model:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        self.calls.append(text)
        if text == "broken":
            raise RuntimeError("model error")
        return [(0, len(text), "place")]


def test_spans_read_ahead_are_given_once() -> None:
    recognisers = Recognisers()
    model = _Model()
    recognisers._by_lang["xx"] = model
    recognisers.read_ahead([("xx", "Kyiv"), ("xx", "broken"), (None, "Paris"), ("yy", "Lviv")])
    assert model.calls == ["Kyiv", "broken"]  # no model for None or "yy": nothing read
    assert recognisers.spans("xx", "Kyiv") == [(0, 4, "place")]
    assert model.calls == ["Kyiv", "broken"]  # given from the read-ahead
    assert recognisers.spans("xx", "Kyiv") == [(0, 4, "place")]
    assert model.calls == ["Kyiv", "broken", "Kyiv"]  # once only: read again
    with pytest.raises(RuntimeError, match="model error"):
        recognisers.spans("xx", "broken")  # the document's own pass meets the error
    assert recognisers.spans("yy", "Lviv") == []
