"""The learned join decision: fitting, folds, and the scores on human-judged real article pairs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newstrace.corpus.story_join import FEATURES, best_threshold, fit, join_cut, shipped_model
from newstrace.evaluation.story_pairs import pair_folds
from newstrace.model import Document
from newstrace.settings import Settings

REALDATA = Path(__file__).resolve().parents[1].parent / "shared" / "realdata" / "story_pairs.jsonl"
# A fixed subset: the first SUBSET pairs of the file (about 200 articles, analysed in this process).
SUBSET = 100
# Floors on that subset (measured with the time features: cross-validated F1 0.889; shipped model 0.941,
# cross-language 1.0 on its 13 clear cross-language pairs; on all 801 clear pairs: 0.876 cross-validated,
# 0.880 cross-language). A floor may only go up.
CV_F1_FLOOR = 0.85
SHIPPED_F1_FLOOR = 0.90
SHIPPED_CROSS_F1_FLOOR = 0.90
# The subset's 198 articles replayed as one stream, in crawl order (too few of them give a day for the
# crawl rate: undated). Measured: precision 1.0 and recall 0.611 on its 18 same-story and 39 different
# clear pairs, the largest story 4 articles, 2.0%; with the stories' second look (``story_settle``)
# precision 1.0, recall 0.722, the largest story 5 articles, 2.5%. On all 2,291 articles, dated by their
# crawl numbers: precision 0.935, recall 0.771, the largest story 1.5%, 21 of 21 copies with their
# original.
STREAM_PRECISION_FLOOR = 0.9
STREAM_RECALL_FLOOR = 0.7
STREAM_LARGEST_SHARE = 0.03


def test_fit_finds_the_separating_direction() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 3))
    y = (x[:, 0] - 0.5 * x[:, 2] > 0).astype(float)
    w, _ = fit(x, y, l2=0.1)
    assert w[0] > 2 and w[2] < -1 and abs(w[1]) < 0.5 * w[0]


def test_cuts() -> None:
    p = np.array([0.1, 0.2, 0.6, 0.7, 0.8, 0.9])
    y = np.array([0, 0, 0, 1, 1, 1])
    assert best_threshold(p, y) == pytest.approx(0.7)
    assert join_cut(p, y, 0.75) == pytest.approx(0.6) and join_cut(p, y, 1.0) == pytest.approx(0.7)


def test_folds_keep_an_article_and_its_translations_together() -> None:
    rows = [
        {"article_id1": "100", "article_id2": "200"},
        {"article_id1": "100de", "article_id2": "300"},  # machine translation of article 100
        {"article_id1": "300", "article_id2": "400"},
        {"article_id1": "500", "article_id2": "600"},
    ]
    folds = pair_folds(rows * 1, k=2)
    assert folds[0] == folds[1] == folds[2]


def test_the_shipped_model_reads_its_features() -> None:
    model = shipped_model()
    assert model.weights.shape == (len(FEATURES),) and 0 < model.threshold <= model.join < 1
    # More similar embeddings never lower the probability.
    base = np.zeros(len(FEATURES))
    close = base.copy()
    close[FEATURES.index("cosine")] = 0.6
    assert model.probability(close) > model.probability(base)


@pytest.fixture(scope="module")
def analysed() -> tuple[list[dict[str, object]], list[Document]]:
    """The subset's pairs and their distinct articles, analysed once by the default stages."""
    if not REALDATA.is_file():
        pytest.skip("../shared/realdata not present: real-data evaluation skipped")
    from newstrace.evaluation.realdata import analyse, read_jsonl
    from newstrace.evaluation.story_pairs import articles

    records = read_jsonl(REALDATA, SUBSET)
    settings = Settings(stories="learned")
    docs = [d for _, d in analyse(articles(records), settings, settings.stages) if d is not None]
    return records, docs


@pytest.fixture(scope="module")
def subset(
    analysed: tuple[list[dict[str, object]], list[Document]],
) -> tuple[list[dict[str, object]], np.ndarray]:
    from newstrace.evaluation.story_pairs import dated_features, pair_matrix

    records, docs = analysed
    return pair_matrix(records, dated_features(docs))


@pytest.mark.slow
def test_real_pairs_same_story_scores(subset: tuple[list[dict[str, object]], np.ndarray]) -> None:
    from newstrace.evaluation.story_pairs import score_pairs

    rows, x = subset
    scores = score_pairs(rows, x)
    assert scores["pairs"] == SUBSET, scores["pairs"]  # no article failed
    assert scores["cv"]["overall"]["f1"] >= CV_F1_FLOOR, scores["cv"]
    shipped = scores["shipped"]
    assert shipped["overall"]["f1"] >= SHIPPED_F1_FLOOR, shipped
    assert shipped["cross_language"]["f1"] >= SHIPPED_CROSS_F1_FLOOR, shipped


@pytest.mark.slow
def test_real_articles_replayed_as_one_stream(
    analysed: tuple[list[dict[str, object]], list[Document]],
) -> None:
    """The subset's articles in file order through the duplicate detector and the learned story
    assigner, as ingest runs them: no story grows large, joined pairs are right, and any copy the
    duplicate detector finds stays with its original."""
    from newstrace.evaluation.story_stream import score_stream

    records, docs = analysed
    scores = score_stream(records, docs, Settings(stories="learned"))
    assert scores["articles"] == len(docs) and scores["largest_share"] <= STREAM_LARGEST_SHARE, scores
    assert scores["all"]["precision"] >= STREAM_PRECISION_FLOOR, scores
    assert scores["all"]["recall"] >= STREAM_RECALL_FLOOR, scores
    assert scores["copies_with_original"] == scores["copies"], scores
