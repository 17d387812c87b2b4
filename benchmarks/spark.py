"""Documents per second: local ingest against the Spark job in local[1] and local[2], on generated
articles archived as HTML responses in WARC.gz files (the shape of Common Crawl News).

    python benchmarks/spark.py                      # 20,000 articles, every stage
    python benchmarks/spark.py --n 2000 --files 8   # what a 2-core laptop does in minutes
    python benchmarks/spark.py --configs local[2] --stages normalise,boilerplate,language,sentences,dates

Fixed costs are reported apart from throughput ("fixed s"): for local ingest, building the pipeline and
ingesting a warm-up file of 40 articles (the models load on first use); for Spark, starting the session
plus a job on the same warm-up file, which also loads the models once in every Python worker (workers
are reused, so the measured job that follows pays no model load). Each configuration runs in a fresh
process. Throughput per core is what the README's scaling estimate is derived from.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

WARMUP_ARTICLES = 40
NOT_PHASES = {"fixed_s", "docs_per_s"}


def write_warcs(folder: Path, n: int, files: int, seed: int = 7) -> list[Path]:
    """``n`` generated articles as HTML responses spread over ``files`` WARC.gz files."""
    import io

    from generate import articles
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"news-{i:03d}.warc.gz" for i in range(files)]
    handles = [p.open("wb") for p in paths]
    writers = [WARCWriter(h, gzip=True) for h in handles]
    for i, (name, text) in enumerate(articles(n, seed)):
        head, _, body = text.partition("\n\n")
        date = head.split()[1] if head.startswith(" date ") else None
        title = head.split(" ", 3)[-1] if date else head
        meta = f'<meta property="article:published_time" content="{date}">' if date else ""
        paragraphs = "".join(f"<p>{p}</p>\n" for p in body.split("\n\n") if p.strip())
        html = (
            f'<!DOCTYPE html><html lang="{name[7:9]}"><head><meta charset="utf-8"><title>{title}</title>'
            f"{meta}</head><body><article><h1>{title}</h1>\n{paragraphs}</article></body></html>"
        ).encode()
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        writer = writers[i % files]
        writer.write_record(
            writer.create_warc_record(
                f"https://bench.example/{name}", "response", payload=io.BytesIO(html), http_headers=headers
            )
        )
    for h in handles:
        h.close()
    return paths


def _settings(stages: str):  # type: ignore[no-untyped-def]
    from newstrace.settings import Settings

    return Settings() if stages == "all" else Settings().with_overrides(stages=stages)


def run_local(corpus: Path, warmup: Path, stages: str) -> dict[str, float]:
    from newstrace.registry import build_pipeline
    from newstrace.services.ingest import ingest
    from newstrace.store.sqlite import Database

    settings = _settings(stages)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        # The fixed cost: the pipeline, and the warm-up file (models load on first use).
        build_pipeline(settings)
        ingest([warmup], settings, Database(Path(tmp) / "warm.db"))
        fixed = time.perf_counter() - start
        start = time.perf_counter()
        report = ingest([corpus], settings, Database(Path(tmp) / "bench.db"))
        elapsed = time.perf_counter() - start
    docs = report.accepted + report.duplicates
    return {"cores": 1, "documents": docs, "fixed_s": fixed, "seconds": elapsed, "docs_per_s": docs / elapsed}


def run_spark(master: str, corpus: Path, warmup: Path, stages: str) -> dict[str, float]:
    from newstrace.spark.run import run_job
    from newstrace.spark.session import spark_session

    settings = _settings(stages)
    cores = int(master[len("local[") : -1])
    start = time.perf_counter()
    session = spark_session(master, "newstrace-bench")
    session_s = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        run_job(session, [str(warmup)], f"{tmp}/warm", settings)
        fixed = time.perf_counter() - start
        start = time.perf_counter()
        report = run_job(session, [str(corpus)], f"{tmp}/out", settings)
        elapsed = time.perf_counter() - start
    session.stop()
    return {
        "cores": cores,
        "documents": report.documents,
        "session_s": session_s,
        "fixed_s": fixed,
        "seconds": elapsed,
        "docs_per_s": report.documents / elapsed,
        **{f"{k}_s": v for k, v in report.seconds.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=20_000, help="articles [default: 20,000]")
    parser.add_argument("--files", type=int, default=8, help="WARC.gz files they are spread over")
    parser.add_argument("--configs", default="local,local[1],local[2]")
    parser.add_argument("--stages", default="all", help="comma-separated stages, or 'all' (the default set)")
    parser.add_argument("--child", nargs=3, metavar=("CONFIG", "CORPUS", "WARMUP"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        config, corpus, warmup = args.child
        run = run_local if config == "local" else lambda c, w, s: run_spark(config, c, w, s)
        print(json.dumps(run(Path(corpus), Path(warmup), args.stages)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        corpus, warmup = Path(tmp) / "corpus", Path(tmp) / "warmup"
        write_warcs(corpus, args.n, args.files)
        write_warcs(warmup, WARMUP_ARTICLES, 1, seed=99)
        size = sum(p.stat().st_size for p in corpus.iterdir())
        print(f"{args.n} articles in {args.files} WARC.gz files ({size / 1e6:.1f} MB), stages: {args.stages}")
        head = ("config", "cores", "docs", "fixed s", "run s", "doc/s", "doc/s/core", "stages doc/s/core")
        print("{:>9} {:>5} {:>6} {:>8} {:>8} {:>7} {:>10} {:>17}  phases (s)".format(*head))
        for config in args.configs.split(","):
            out = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--stages",
                    args.stages,
                    "--child",
                    config,
                    str(corpus),
                    str(warmup),
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            r = json.loads(out.stdout.strip().splitlines()[-1])
            phases = {k[: -len("_s")]: v for k, v in r.items() if k.endswith("_s") and k not in NOT_PHASES}
            # The per-document stages alone (reading included): what grows with the corpus on a cluster.
            stages_rate = r["documents"] / phases.get("stages", r["seconds"]) / r["cores"]
            print(
                f"{config:>9} {r['cores']:>5} {r['documents']:>6} {r['fixed_s']:>8.1f} {r['seconds']:>8.1f} "
                f"{r['docs_per_s']:>7.1f} {r['docs_per_s'] / r['cores']:>10.1f} {stages_rate:>17.1f}  "
                + ", ".join(f"{k} {v:.0f}" for k, v in phases.items())
                # Other work on the machine slows every configuration; the load says how much there was.
                + f"  (load avg 15 min {os.getloadavg()[2]:.1f})",
                flush=True,
            )


if __name__ == "__main__":
    main()
