"""Entity and place stages against the bare spaCy NER pass, per language, plus the gazetteer's
readiness and memory.

    python benchmarks/entities.py [--n 300]

For French and English, "bare NER" is the same spaCy pipeline (tok2vec + ner) called on the same texts;
the ratio says what linking and geocoding cost on top. Russian uses natasha; Ukrainian has no model.
"cpu ratio" is the same ratio over the process's CPU time: on a machine shared with other work, wall
time counts the others' turns too.

Both are timed as a stream runs, a batch at a time as the pipeline takes documents
(``pipeline.BATCH``: the entities stage reads the batch's NER spans ahead, ``Recognisers.read_ahead``,
then each stage goes through the batch): after a warm-up on other articles of the language (a fifth as
many, at least 10), so that what every stream pays once (first look-ups of its words, the memos) is not
counted against the stages alone, and interleaved batch by batch (bare NER first on one batch, the
stages first on the next), so that a change in the machine's load, or which of the two ran last,
weighs on both sides alike. The garbage the setup and the warm-up leave is collected before the
timing starts: left pending, one full collection of 150-190 ms fell inside the timed loop, on the bare
or the stages' side as the hash seed had it (Russian measured 0.80 with one seed and 0.90 with another
on the same code).
"""

from __future__ import annotations

import gc
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    from generate import articles, count_argument, prepared

    n = count_argument(__doc__, 300, help="articles per language")
    from newstrace.linking import gazetteer as gz
    from newstrace.model import Document
    from newstrace.pipeline.pipeline import BATCH
    from newstrace.registry import build_stages
    from newstrace.settings import Settings

    cache = Path(tempfile.mkdtemp())
    # The first build runs in its own process, so that its peak does not hide what loading costs here.
    build = (
        "from pathlib import Path; from newstrace.linking.gazetteer import gazetteer; "
        f"gazetteer(Path({str(cache)!r}))"
    )
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", build], check=True)
    cold = time.perf_counter() - t0
    from newstrace.kb.loader import knowledge_base

    knowledge_base()  # loaded by the entities stage anyway: not the gazetteer's cost
    before = _rss_mb()
    t0 = time.perf_counter()
    gaz = gz.gazetteer(cache)
    warm = time.perf_counter() - t0
    print(
        f"gazetteer: {len(gaz)} places, {len(gaz.key_hash)} name keys; first build {cold:.2f} s, "
        f"ready from cache {warm:.2f} s; memory +{_rss_mb() - before:.0f} MB"
    )
    shutil.rmtree(cache, ignore_errors=True)

    settings = Settings(cache_dir=None)
    entities, places = build_stages(["entities", "places"], settings)
    warm = max(10, n // 5)
    texts: dict[str, list[tuple[str, str]]] = {}
    for name, text in articles((n + warm) * 8):
        lang = name.split("_")[1].split(".")[0]
        if len(texts.setdefault(lang, [])) < n + warm:
            texts[lang].append((name, text))
    before_stages = ["normalise", "boilerplate", "language", "sentences", "dates", "quality"]
    by_lang = {lang: prepared(some, before_stages) for lang, some in texts.items()}
    print(
        f"{'lang':>4} {'docs':>5} {'entities+places doc/s':>22} {'bare NER doc/s':>15} {'ratio':>6} "
        f"{'cpu ratio':>10} {'mentions/doc':>13}"
    )
    for lang, all_docs in sorted(by_lang.items()):
        warm_up, docs = all_docs[:warm], all_docs[warm:]
        rec = entities.recognisers.for_language(lang)  # type: ignore[attr-defined]

        def stages(batch: list[Document]) -> int:  # as ``Pipeline.run_many`` takes a batch
            entities.prepare(batch)  # type: ignore[attr-defined]
            return sum(len(places(d).mentions) for d in [entities(d) for d in batch])

        # Models, vocabularies and memos, as a running stream has them.
        for k in range(0, len(warm_up), BATCH):
            stages(warm_up[k : k + BATCH])
            if rec is not None:
                for d in warm_up[k : k + BATCH]:
                    rec.spans(d.analysis_view.text)
        gc.collect()
        timed = {"full": [0.0, 0.0], "bare": [0.0, 0.0]}
        n_mentions = 0
        for b, k in enumerate(range(0, len(docs), BATCH)):
            batch = docs[k : k + BATCH]
            order = ("full",) if rec is None else ("bare", "full") if b % 2 == 0 else ("full", "bare")
            for kind in order:
                t0, c0 = time.perf_counter(), time.process_time()
                if kind == "full":
                    n_mentions += stages(batch)
                else:
                    for d in batch:
                        rec.spans(d.analysis_view.text)
                timed[kind][0] += time.perf_counter() - t0
                timed[kind][1] += time.process_time() - c0
        (full_wall, full_cpu), (bare_wall, bare_cpu) = timed["full"], timed["bare"]
        full = len(docs) / full_wall
        bare = ratio = cpu_ratio = ""
        if rec is not None:
            bare, ratio = f"{len(docs) / bare_wall:.1f}", f"{bare_wall / full_wall:.2f}"
            cpu_ratio = f"{bare_cpu / full_cpu:.2f}"
        print(
            f"{lang:>4} {len(docs):>5} {full:>22.1f} {bare:>15} {ratio:>6} {cpu_ratio:>10} "
            f"{n_mentions / len(docs):>13.1f}"
        )


if __name__ == "__main__":
    main()
