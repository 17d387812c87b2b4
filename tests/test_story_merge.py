"""Stories merge when a bridging document arrives, in memory and in the store, across runs."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import numpy as np

from newstrace.corpus.stories import DocFeatures, StoryClusterer
from newstrace.model.vectors import as_vector
from newstrace.services.demo import sample_corpus
from newstrace.services.ingest import ingest
from newstrace.settings import Settings
from newstrace.store.documents import DocumentStore
from newstrace.store.sqlite import Database


def _doc(doc_id: str, entities: list[str], date: str = "2024-03-01") -> DocFeatures:
    vector = np.zeros(8, dtype=np.float32)
    vector[0] = 1.0
    return DocFeatures(doc_id, "en", date, Counter(entities), set(), vector)


def test_a_bridging_document_merges_two_stories_and_the_older_keeps_its_id() -> None:
    c = StoryClusterer()
    for i in range(6):  # unrelated stories, so that the shared entities below are rare
        c.assign(_doc(f"noise{i}", [f"auto/n{i}a", f"auto/n{i}b"]))
    first, _ = c.assign(_doc("a", ["auto/p", "auto/q", "auto/r", "auto/s"]))
    second, _ = c.assign(_doc("b", ["auto/w", "auto/x", "auto/y", "auto/z"]))
    assert first != second and c.merges == []
    joined, _ = c.assign(_doc("c", ["auto/p", "auto/q", "auto/r", "auto/w", "auto/x", "auto/y"]))
    assert c.merges == [(second, first)] and joined == first
    assert c.stories[first].docs == ["a", "b", "c"] and second not in c.stories
    # The merged story's entities now find the surviving story.
    assert c.candidates(_doc("d", ["auto/z"])) == {first}


def test_far_apart_dates_do_not_join() -> None:
    c = StoryClusterer()
    for i in range(6):
        c.assign(_doc(f"noise{i}", [f"auto/n{i}a", f"auto/n{i}b"]))
    a, _ = c.assign(_doc("a", ["auto/p", "auto/q", "auto/r"], "2024-01-10"))
    near, _ = c.assign(_doc("b", ["auto/p", "auto/q", "auto/x"], "2024-01-12"))
    far, _ = c.assign(_doc("c", ["auto/p", "auto/y", "auto/z"], "2024-03-25"))
    assert near == a and far != a


def test_month_dates_are_near_every_day_of_their_month() -> None:
    from newstrace.corpus.stories import _days_apart

    assert _days_apart("2022-09", "2022-09-21") == 0
    assert _days_apart("2022-09", "2022-10-03") == 3
    assert _days_apart("2022-09-30", "2022-09-01") == 29


def test_stored_vectors_round_trip() -> None:
    from newstrace.model.vectors import to_bytes

    v = np.array([0.25, -0.5, 1.0], dtype=np.float32)
    back = as_vector(to_bytes(v))
    assert back is not None and np.allclose(back, v)


def test_merges_across_runs_reach_the_store(tmp_path: Path) -> None:
    """Five sample articles in a first run, then two that each bridge two stories of the first run:
    the store ends with the same stories as one run over the seven (the Crimean bridge blast told in
    Russian and in English/French becomes one story when the second Russian report arrives)."""
    corpus = sample_corpus()

    def copy(stems: list[str], dest: Path) -> Path:
        dest.mkdir()
        for stem in stems:
            (path,) = corpus.glob(f"{stem}_*")
            shutil.copy(path, dest / path.name)
        return dest

    first = copy(["005", "006", "007", "009", "010"], tmp_path / "one")
    second = copy(["008", "011"], tmp_path / "two")  # 008 bridges; 011 joins Kherson
    db = Database(tmp_path / "s.db")
    ingest([first], Settings(), db)
    store = DocumentStore(db)
    before = {Path(d.source).name[:3]: d.story_id for d in store.iter_documents()}
    assert before["005"] != before["006"], before
    ingest([second], Settings(), db)
    after = {Path(d.source).name[:3]: d.story_id for d in store.iter_documents()}
    assert len({after[s] for s in ("005", "006", "007", "008")}) == 1, after
    assert len({after[s] for s in ("009", "010", "011")}) == 1, after
    assert after["005"] != after["009"]
    # Edges follow their documents into the merged story.
    edges = store.conn.execute("SELECT story_id, dst FROM story_edges").fetchall()
    assert all(sid == after[Path(str(store.get(dst).source)).name[:3]] for sid, dst in edges)
