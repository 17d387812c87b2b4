"""Text-quality stage throughput: documents per second on one core, on generated articles of realistic
length (half of the French ones with English words spun in), with the stages before it already run.

    python benchmarks/quality.py [--n 2000]
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

SPINS = {" plus ": " additionally ", " front ": " entrance ", " question ": " problem ", " prison ": " jail "}


def main() -> None:
    from generate import articles, count_argument, prepared, print_rate

    n = count_argument(__doc__, 2000)

    from newstrace.registry import build_stages
    from newstrace.settings import Settings

    rng = random.Random(3)
    (quality,) = build_stages(["quality"], Settings())
    texts = []
    for name, text in articles(n):
        if name.endswith("_fr.txt") and rng.random() < 0.5:
            for a, b in SPINS.items():
                text = text.replace(a, b, 2)
        texts.append((name, text))
    docs = prepared(texts, ["normalise", "boilerplate", "language", "sentences", "dates"])
    # load the knowledge base and each language's tables (thesaurus index) before timing
    from newstrace.text.context_fit import word_vectors
    from newstrace.text.spinning import CHECKED_LANGUAGES
    from newstrace.text.thesaurus import spinner_index

    for lang in {d.lang for d in docs}:
        quality(next(d for d in docs if d.lang == lang))
        if lang in CHECKED_LANGUAGES:
            spinner_index(lang)
            word_vectors(lang)  # the context check's vectors, where the language has them
    t0 = time.perf_counter()
    labels: dict[str, int] = {}
    for d in docs:
        out = quality(d)
        assert out.quality is not None
        labels[out.quality.label] = labels.get(out.quality.label, 0) + 1
    elapsed = time.perf_counter() - t0
    t1 = time.perf_counter()
    from newstrace.kb.loader import knowledge_base

    knowledge_base.cache_clear()
    knowledge_base()
    print_rate("quality", docs, elapsed)
    print(f"labels: {labels}")
    print(f"knowledge base load: {time.perf_counter() - t1:.2f} s")


if __name__ == "__main__":
    main()
