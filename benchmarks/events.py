"""Events stage throughput (triggers, status, actors, places, dates, fatalities, in-article
coreference): documents per second on one core on generated articles of realistic length, with the
stages before it already run. Target: at least 100 documents a second.

    python benchmarks/events.py [--n 600]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=600)
    args = parser.parse_args()
    from generate import articles, prepared

    from newstrace.registry import build_stages
    from newstrace.settings import Settings

    settings = Settings()
    (events,) = build_stages(["events"], settings)
    before = list(settings.stages[: settings.stages.index("events")])
    docs = prepared(articles(args.n), before)
    events(docs[0])  # the vocabulary and the knowledge base's sides load once
    t0 = time.perf_counter()
    kinds: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    for d in docs:
        out = events(d)
        kinds.update(e.type for e in out.events)
        statuses.update(e.status for e in out.events)
    elapsed = time.perf_counter() - t0
    print(f"documents: {len(docs)}  avg chars: {sum(len(d.raw) for d in docs) / len(docs):.0f}")
    per_doc_ms = 1000 * elapsed / len(docs)
    print(f"events stage: {len(docs) / elapsed:.1f} docs/s on one core ({per_doc_ms:.2f} ms/doc)")
    print(f"per document: {sum(kinds.values()) / len(docs):.1f} event reports; status {dict(statuses)}")
    print(f"types: {dict(kinds.most_common())}")


if __name__ == "__main__":
    main()
