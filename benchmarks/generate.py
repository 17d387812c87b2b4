"""Generate realistic synthetic articles for benchmarks from the bundled sample corpus.

Each article mixes sentences of several sample articles of one language, varies numbers and places, and
plants the kinds of noise real scraped text has (captions with credits, teasers), so that every stage
does real work. Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import random
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from newstrace.model import Document
from newstrace.services.demo import sample_corpus

_SENT = re.compile(r"(?<=[.!?»\"])\s+(?=[A-ZÀ-ÖА-ЯІЇЄҐ«\"])")
_NUM = re.compile(r"\d+")
CREDITS = ["Photo: Reuters", "Crédit : AFP", "Foto: dpa", "Фото: РИА Новости", "Фото: Укрінформ"]
TEASERS = ["READ MORE: ", "LIRE AUSSI : ", "Lesen Sie auch: ", "Читайте также: ", "Читайте також: "]


def _sentences_by_language() -> dict[str, list[str]]:
    by_lang: dict[str, list[str]] = defaultdict(list)
    for path in sorted(sample_corpus().glob("*.txt")):
        lang = path.stem.split("_")[1]
        for line in path.read_text(encoding="utf-8").splitlines():
            if len(line) > 120:
                by_lang[lang].extend(s for s in _SENT.split(line) if len(s) > 40)
    return by_lang


def articles(n: int, seed: int = 7, target_chars: int = 3000) -> list[tuple[str, str]]:
    """``n`` (file name, text) pairs of about ``target_chars`` characters each."""
    rng = random.Random(seed)
    pool = _sentences_by_language()
    langs = sorted(pool)
    out = []
    for i in range(n):
        lang = langs[i % len(langs)]
        sents = pool[lang]
        paragraphs: list[str] = []
        size = 0
        while size < target_chars:
            para = " ".join(
                _NUM.sub(lambda m: str(rng.randint(2, 90_000)), rng.choice(sents))
                for _ in range(rng.randint(2, 4))
            )
            paragraphs.append(para)
            size += len(para)
        headline = rng.choice(sents)[:90].rsplit(" ", 1)[0]
        if rng.random() < 0.5:
            paragraphs.insert(2, f"{rng.choice(sents)[:80]} {rng.choice(CREDITS)}")
        if rng.random() < 0.3:
            paragraphs.insert(4, rng.choice(TEASERS) + rng.choice(sents)[:70])
        day = 1 + i % 28
        header = f" date 2023-{1 + i % 12:02d}-{day:02d} " if rng.random() < 0.7 else ""
        text = header + headline + "\n\n" + "\n\n".join(paragraphs) + "\n"
        out.append((f"{i:06d}_{lang}.txt", text))
    return out


def write_corpus(folder: Path, n: int, seed: int = 7) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles(n, seed):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def prepared(texts: list[tuple[str, str]], stages: list[str]) -> list[Document]:
    """Generated articles run through ``stages``, ready for the stage a benchmark measures."""
    from newstrace.model import RawRecord, RecordMeta
    from newstrace.readers.text import parse_header
    from newstrace.registry import build_stages
    from newstrace.settings import Settings

    before = build_stages(stages, Settings())
    docs = []
    for name, text in texts:
        date, header, headline = parse_header(text)
        doc = RawRecord(
            name, text, "text", meta=RecordMeta(date=date, header=header, headline=headline)
        ).to_document()
        for stage in before:
            doc = stage(doc)
        docs.append(doc)
    return docs


def count_argument(doc: str | None, default: int, help: str | None = None) -> int:
    """The ``--n`` of a benchmark's command line (how many articles), its docstring as the usage."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=default, help=help)
    n: int = parser.parse_args().n
    return n


def stage_under_test(stage: str, n: int) -> tuple[Callable[[Document], Document], list[Document]]:
    """The stage ``stage`` and ``n`` generated articles run through the default stages before it; the
    stage has run once, so that its vocabularies, models and the knowledge base are loaded before timing."""
    from newstrace.registry import build_stages
    from newstrace.settings import Settings

    settings = Settings()
    (run,) = build_stages([stage], settings)
    docs = prepared(articles(n), list(settings.stages[: settings.stages.index(stage)]))
    run(docs[0])
    return run, docs


def print_rate(stage: str, docs: list[Document], elapsed: float) -> None:
    """The two lines every stage benchmark opens its report with: the articles, and documents a second."""
    print(f"documents: {len(docs)}  avg chars: {sum(len(d.raw) for d in docs) / len(docs):.0f}")
    per_doc_ms = 1000 * elapsed / len(docs)
    print(f"{stage} stage: {len(docs) / elapsed:.1f} docs/s on one core ({per_doc_ms:.2f} ms/doc)")
