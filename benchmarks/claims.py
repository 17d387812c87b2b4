"""Claims stage throughput (figures, kinds, claimants, sourcing chains, quotes): documents per second on
one core on generated articles of realistic length, with the stages before it already run.

    python benchmarks/claims.py [--n 600]
"""

from __future__ import annotations

import argparse
import sys
import time
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
    (claims,) = build_stages(["claims"], settings)
    docs = prepared(articles(args.n), [s for s in settings.stages if s != "claims"])
    claims(docs[0])
    t0 = time.perf_counter()
    n_claims = n_chains = n_quotes = 0
    for d in docs:
        out = claims(d)
        n_claims += len(out.claims)
        n_chains += len(out.attributions)
        n_quotes += len(out.quotes)
    elapsed = time.perf_counter() - t0
    print(f"documents: {len(docs)}  avg chars: {sum(len(d.raw) for d in docs) / len(docs):.0f}")
    per_doc_ms = 1000 * elapsed / len(docs)
    print(f"claims stage: {len(docs) / elapsed:.1f} docs/s on one core ({per_doc_ms:.2f} ms/doc)")
    print(
        f"per document: {n_claims / len(docs):.1f} claims, {n_chains / len(docs):.1f} sourcing chains, "
        f"{n_quotes / len(docs):.1f} quotes"
    )


if __name__ == "__main__":
    main()
