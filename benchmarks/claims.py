"""Claims stage throughput (figures, kinds, claimants, sourcing chains, quotes): documents per second on
one core on generated articles of realistic length, with the stages before it already run.

    python benchmarks/claims.py [--n 600]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    from generate import count_argument, print_rate, stage_under_test

    claims, docs = stage_under_test("claims", count_argument(__doc__, 600))
    t0 = time.perf_counter()
    n_claims = n_chains = n_quotes = 0
    for d in docs:
        out = claims(d)
        n_claims += len(out.claims)
        n_chains += len(out.attributions)
        n_quotes += len(out.quotes)
    print_rate("claims", docs, time.perf_counter() - t0)
    print(
        f"per document: {n_claims / len(docs):.1f} claims, {n_chains / len(docs):.1f} sourcing chains, "
        f"{n_quotes / len(docs):.1f} quotes"
    )


if __name__ == "__main__":
    main()
