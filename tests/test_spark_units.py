"""The pieces of the Spark adapter that need no Spark: the copy decisions after the band join, the
union of story blocks, and the row conversion of the declared schema."""

from __future__ import annotations

import random
from collections import defaultdict

import pytest

from newstrace.corpus.dedup import Deduplicator, content_hash, signature, to_bytes
from newstrace.model import Document
from newstrace.spark.blocking import UnionFind, story_record
from newstrace.spark.dedup import lsh_bands, resolve, similarity

WORDS = [f"w{i}" for i in range(400)]


def _corpus(seed: int) -> list[str]:
    """Texts with copies at every distance: exact, re-spaced (same content hash), lightly and heavily
    edited, copies of copies, and unrelated texts."""
    rng = random.Random(seed)
    texts: list[str] = []
    for _ in range(60):
        if texts and rng.random() < 0.7:
            base = rng.choice(texts).split()
            edits = rng.choice([0, 0, 1, 2, 3, 4, 6, 8, 12, 20])
            for _ in range(edits):
                base[rng.randrange(len(base))] = rng.choice(WORDS)
            text = " ".join(base)
            if rng.random() < 0.2:
                text = text.upper().replace(" ", "\n ")  # same content hash, other raw text
        else:
            text = " ".join(rng.choice(WORDS) for _ in range(80))
        texts.append(text)
    return texts


Link = tuple[int, int, float]


def _band_join(sigs: dict[int, bytes], bands: int, rows: int, threshold: float) -> list[Link]:
    """What the Spark band join computes, written plainly: group pairs sharing a band, similar enough."""
    buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)
    width = rows * 8
    for g, sig in sigs.items():
        for b in range(bands):
            buckets[(b, sig[b * width : (b + 1) * width])].append(g)
    pairs = {(min(a, c), max(a, c)) for group in buckets.values() for a in group for c in group if a != c}
    return [(a, c, s) for a, c in sorted(pairs) if (s := similarity(sigs[a], sigs[c])) >= threshold]


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_band_join_decisions_equal_local_deduplication(seed: int) -> None:
    perm, threshold = 64, 0.7
    texts = _corpus(seed)
    dedup = Deduplicator(perm, threshold)
    local: dict[str, str] = {}
    for i, text in enumerate(texts):
        doc, _ = dedup.check(Document(id=f"d{i:03d}", source="s", raw=text, fmt="text"), lambda _h: None)
        if doc.duplicate_of:
            local[doc.id] = doc.duplicate_of
    assert len(local) > 15  # the corpus has copies to find

    sigs = [to_bytes(signature(t, perm)) for t in texts]
    group_of: dict[bytes, int] = {}
    for rank, sig in enumerate(sigs):
        group_of.setdefault(sig, rank)
    bands, rows = lsh_bands(perm, threshold)
    links = _band_join({g: s for s, g in group_of.items()}, bands, rows, threshold)
    sizes: dict[int, int] = defaultdict(int)
    for sig in sigs:
        sizes[group_of[sig]] += 1
    involved = {g for g, n in sizes.items() if n > 1} | {g for a, c, _ in links for g in (a, c)}
    members = [
        (rank, f"d{rank:03d}", content_hash(texts[rank]), group_of[sig])
        for rank, sig in enumerate(sigs)
        if group_of[sig] in involved
    ]
    assert dict(resolve(members, links)) == local


def test_union_find_names_blocks_by_their_first_rank() -> None:
    uf = UnionFind(7)
    for a, b in [(5, 3), (3, 6), (1, 2)]:
        uf.union(a, b)
    assert sorted(uf.blocks()) == [(1, 1), (2, 1), (3, 3), (5, 3), (6, 3)]


def test_story_record_orders_by_input() -> None:
    members = [
        (4, "b", "en", "Dam breach", "2023-06-07"),
        (1, "a", "fr", "Rupture du barrage", "2023-06-06"),
        (9, "c", "en", "Another title", None),
    ]
    rec = story_record("story-x", members)
    assert rec["docs"] == ["a", "b", "c"]
    assert rec["titles"] == {"fr": "Rupture du barrage", "en": "Dam breach"}
    assert (rec["title"], rec["first_date"], rec["last_date"], rec["languages"]) == (
        "Rupture du barrage",
        "2023-06-06",
        "2023-06-07",
        ["en", "fr"],
    )


def test_rows_follow_the_declared_types() -> None:
    pytest.importorskip("pyspark")
    from newstrace.spark.schema import CLAIMS, DOCUMENTS, to_row

    row = to_row({"rank": 3, "doc_id": "x", "low": 40000, "figure_start": 7.0}, CLAIMS)
    names = [f.name for f in CLAIMS.fields]
    assert row[names.index("low")] == 40000.0 and isinstance(row[names.index("low")], float)
    assert row[names.index("figure_start")] == 7 and isinstance(row[names.index("figure_start")], int)
    assert row[names.index("high")] is None
    record = {"quality": {"label": "spun", "score": 2, "spans": []}, "extra": {"b": 1, "a": 2}}
    doc = to_row(record, DOCUMENTS)
    fields = [f.name for f in DOCUMENTS.fields]
    assert doc[fields.index("quality")] == ("spun", 2.0, [])
    assert doc[fields.index("extra")] == '{"a": 2, "b": 1}'
