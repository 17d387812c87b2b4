"""The calibrated rules' common entities (``StoryClusterer.expect``): read from the batch and the corpus,
for any war, never from a list. Invented countries, leaders and places."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from helpers.stories import story_doc
from newstrace.corpus.stage import CorpusBatch, run_corpus
from newstrace.corpus.stories import StoryClusterer
from newstrace.model import Document

_WAR = ["country:AA", "person/aa-leader"]  # what every report of this invented war names


def _story(n: int, day: str, size: int = 2) -> list[Any]:
    own = [f"place/s{n}-town", f"org/s{n}-unit", f"person/s{n}-officer"]
    return [story_doc(f"d{n}{k}", [*_WAR, *own], day) for k in "abcd"[:size]]


def _batch() -> list[Any]:
    """Three stories that name the war's country and leader, then two reports of two other events
    that share those and a second country."""
    docs = [*_story(1, "2024-03-01"), *_story(2, "2024-03-10"), *_story(3, "2024-03-19")]
    docs.append(story_doc("x", [*_WAR, "country:BB", "org/x-unit"], "2024-03-25"))
    docs.append(story_doc("y", [*_WAR, "country:BB", "place/y-town", "org/y-unit"], "2024-03-27"))
    return docs


def test_entities_named_across_the_stories_of_a_batch_are_common() -> None:
    c = StoryClusterer()
    c.expect(_batch())
    # The second country is named by one grouping of the batch only (x and y, grouped by it).
    assert c.common == frozenset(_WAR)


def test_sharing_only_the_common_entities_does_not_join_a_story() -> None:
    def stories_of(expect: bool) -> dict[str, str]:
        c = StoryClusterer()
        docs = _batch()
        if expect:
            c.expect(docs)
        return {d.id: c.assign(d)[0] for d in docs}

    # Without the batch's evidence y joins x on the country, the leader and the second country.
    assert stories_of(expect=False)["y"] == stories_of(expect=False)["x"]
    seen = stories_of(expect=True)
    assert seen["y"] != seen["x"]
    assert seen["d1a"] == seen["d1b"] and seen["d2a"] == seen["d2b"] and seen["d1a"] != seen["d2a"]


def test_a_story_alone_in_its_batch_keeps_its_entities() -> None:
    c = StoryClusterer()
    docs = _story(1, "2024-03-01", size=4)
    c.expect(docs)
    assert c.common == frozenset()
    assert len({c.assign(d)[0] for d in docs}) == 1


def test_the_corpus_so_far_counts_but_the_batch_must_show_the_entity_in_two_stories() -> None:
    c = StoryClusterer()
    for d in _batch():
        c.assign(d)
    # The store's stories name the war's entities in 4 of 4; a batch of one new story names them once.
    c.expect(_story(7, "2024-04-02"))
    assert c.common == frozenset()
    # Two new stories in the batch: the corpus's count and the batch's agree.
    c.expect([*_story(8, "2024-04-10"), *_story(9, "2024-04-20")])
    assert c.common == frozenset(_WAR)


def test_every_corpus_stage_sees_the_whole_batch_first() -> None:
    seen: list[tuple[str, int]] = []

    class Recorder:
        name = "recorder"

        def begin(self, docs: Sequence[Document]) -> None:
            seen.append(("begin", len(docs)))

        def __call__(self, doc: Document, batch: CorpusBatch) -> Document:
            seen.append(("doc", len(seen)))
            return doc

        def flush(self) -> None:
            pass

        def finish(self, batch: CorpusBatch) -> None:
            pass

    docs = [Document(id=f"d{i}", source="s", raw="x", fmt="txt") for i in range(3)]
    run_corpus([Recorder()], docs, CorpusBatch())
    assert seen[0] == ("begin", 3) and len(seen) == 4


def test_the_spark_job_reads_them_chunk_by_chunk_as_ingest_reads_batches() -> None:
    from newstrace.spark.blocking import common_by_chunk

    # Chunk 0: four stories, the war's country in all four, a town in two; chunk 1: three stories,
    # the country in two, the town in one (common by the chunks together: 5 of 7, 3 of 7).
    counts = [(0, "", 4), (0, "country:AA", 4), (0, "place/town", 2), (1, "", 3), (1, "country:AA", 2)]
    counts.append((1, "place/town", 1))
    common, everywhere = common_by_chunk(counts)
    assert common == {0: frozenset({"country:AA", "place/town"}), 1: frozenset({"country:AA"})}
    # The town still links the articles of chunk 1 in the job's blocks; the country never does.
    assert everywhere == frozenset({"country:AA"})
