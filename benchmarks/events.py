"""Events stage throughput (triggers, status, actors, places, dates, fatalities, in-article
coreference): documents per second on one core on generated articles of realistic length, with the
stages before it already run. Target: at least 100 documents a second.

    python benchmarks/events.py [--n 600]
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    from generate import count_argument, print_rate, stage_under_test

    events, docs = stage_under_test("events", count_argument(__doc__, 600))
    t0 = time.perf_counter()
    kinds: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    for d in docs:
        out = events(d)
        kinds.update(e.type for e in out.events)
        statuses.update(e.status for e in out.events)
    print_rate("events", docs, time.perf_counter() - t0)
    print(f"per document: {sum(kinds.values()) / len(docs):.1f} event reports; status {dict(statuses)}")
    print(f"types: {dict(kinds.most_common())}")


if __name__ == "__main__":
    main()
