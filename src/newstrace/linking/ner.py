"""Named-entity recognisers per language, loaded lazily, each returning ``(start, end, type)`` spans.

Each language pack names its recogniser (``LanguagePack.ner``): a spaCy pipeline with only the
components NER needs (French, English), natasha (Russian: slovnet weights shipped in the package), or
none (Ukrainian, German, Spanish, Polish and languages without a pack): the knowledge-base matcher and
the gazetteer cover them (see the entities stage).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any, Protocol

from newstrace.languages import pack

# spaCy / natasha labels -> newstrace types ("place" spans are checked against the gazetteer later).
_LABELS = {
    "PER": "person",
    "PERSON": "person",
    "ORG": "organization",
    "LOC": "place",
    "GPE": "place",
    "FAC": "place",
    "MISC": "misc",
    # English small model labels towns it does not know as products or events ("Kramatorsk"): kept as
    # "misc" so the gazetteer can overrule.
    "PRODUCT": "misc",
    "EVENT": "misc",
    "WORK_OF_ART": "misc",
    # ... and as nationalities or groups ("Aleppo"): misc too, which keeps a demonym out (no
    # knowledge-base entry, no town of that name) and lets the gazetteer take the town.
    "NORP": "misc",
}
_SPACY_KEEP = ("tok2vec", "ner")


class Recogniser(Protocol):
    def spans(self, text: str) -> list[tuple[int, int, str]]: ...


class SpacyRecogniser:
    def __init__(self, model: str) -> None:
        self.model = model
        self._nlp: Any = None

    def _load(self) -> Any:
        if self._nlp is None:
            import spacy

            info = spacy.info(self.model)
            names = info.get("pipeline", []) if isinstance(info, dict) else []
            self._nlp = spacy.load(self.model, exclude=[n for n in names if n not in _SPACY_KEEP])
        return self._nlp

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        doc = self._load()(text)
        return [(e.start_char, e.end_char, _LABELS[e.label_]) for e in doc.ents if e.label_ in _LABELS]


class NatashaRecogniser:
    def __init__(self) -> None:
        self._tagger: Any = None
        self._blas: Any = None

    def _load(self) -> Any:
        if self._tagger is None:
            from natasha import NewsEmbedding, NewsNERTagger
            from threadpoolctl import ThreadpoolController

            self._tagger = NewsNERTagger(NewsEmbedding())
            self._blas = ThreadpoolController()
        return self._tagger

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        # The tagger reads the text itself. natasha's Doc.tag_ner calls it the same way, and its
        # Doc.segment (sentences and tokens, razdel) only attaches tokens to the spans, which nothing
        # here reads: 8-18% of the Russian NER time on the benchmark's articles (measured whole, 150
        # documents), for the same spans.
        if not text.strip():
            return []
        tagger = self._load()
        # The tagger multiplies small matrices, a sentence at a time: BLAS threads cost more than they
        # give, and they spin on after each call, taking the core from the stages that run next (the
        # pipeline's parallelism is across documents, one process per worker). With one BLAS thread,
        # python benchmarks/entities.py --n 150 on a 2-core machine: Russian bare NER 27-30 -> 71
        # documents/s, entities+places 19-22 -> 53 (OPENBLAS_NUM_THREADS=1 measured the same way).
        with self._blas.limit(limits=1, user_api="blas"):
            markup = tagger(text)
        return [(s.start, s.stop, _LABELS.get(s.type, "misc")) for s in markup.spans]


class Recognisers:
    """One recogniser per language, created on first use."""

    def __init__(self) -> None:
        self._by_lang: dict[str, Recogniser | None] = {}
        # Spans ``read_ahead`` read, by language and text, until ``spans`` asks for them.
        self._ahead: dict[tuple[str, str], list[tuple[int, int, str]]] = {}

    def for_language(self, lang: str | None) -> Recogniser | None:
        if lang is None:
            return None
        if lang not in self._by_lang:
            self._by_lang[lang] = _recogniser(lang)
        return self._by_lang[lang]

    def read_ahead(self, texts: Iterable[tuple[str | None, str]]) -> None:
        """Run the models over a batch's texts now; ``spans`` then gives each text's spans once. A model's
        pass pushes the stages' own tables out of the processor's caches, so that the work right after
        it, document by document, found them there no longer: read ahead for 8 documents, entities and
        places on Russian generated articles went from 0.863 to 0.892 of bare NER speed
        (benchmarks/entities.py's way; 32 documents, 0.893). The spans read before replace those of
        an earlier batch no one asked for."""
        ahead: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
        for lang, text in texts:
            recogniser = self.for_language(lang)
            if lang is None or recogniser is None:
                continue
            try:
                ahead[(lang, text)] = recogniser.spans(text)
            except Exception:
                # Reading ahead only saves time: the document's own pass (``spans``) meets the error
                # again, and the pipeline rejects that document alone, with the stage's reason.
                continue
        self._ahead = ahead

    def spans(self, lang: str, text: str) -> list[tuple[int, int, str]]:
        """The spans of ``lang``'s model in ``text``: those read ahead, else read now (none without one)."""
        found = self._ahead.pop((lang, text), None)
        if found is not None:
            return found
        recogniser = self.for_language(lang)
        return [] if recogniser is None else recogniser.spans(text)


def _recogniser(lang: str) -> Recogniser | None:
    found = pack(lang)
    if found is None or found.ner is None:
        return None
    if found.ner.startswith("spacy:"):
        return SpacyRecogniser(found.ner.removeprefix("spacy:"))
    if found.ner == "natasha":
        return NatashaRecogniser()
    raise ValueError(f"language pack {lang}: unknown recogniser {found.ner!r}")


@functools.lru_cache(maxsize=1)
def recognisers() -> Recognisers:
    """One set of loaded models per process (pipelines built again reuse them)."""
    return Recognisers()
