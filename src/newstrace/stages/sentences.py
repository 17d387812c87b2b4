"""Sentence splitting (syntok) per line of clean text, and the language of each sentence.

Mixed-language articles are common (an English quote in a French article, a Russian Telegram post
quoted in Ukrainian), so each sentence long enough to judge gets its own language.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from newstrace.model import Document, Sentence
from newstrace.pipeline.stage import BaseStage
from newstrace.text.langid import LanguageIdentifier
from newstrace.text.sentence_split import split_line

# fastText is unreliable on short strings; below this length a sentence inherits the document language.
MIN_CHARS_FOR_OWN_LANGUAGE = 40
# A sentence switches language only when the model is this sure (French sentences with an English
# name or two stay French).
SWITCH_CONFIDENCE = 0.8


class SentenceStage(BaseStage):
    name = "sentences"
    requires = frozenset({"clean", "removed", "language"})
    provides = frozenset({"sentences"})

    def __init__(self, identifier: LanguageIdentifier | None = None) -> None:
        self.identifier = identifier or LanguageIdentifier()
        self._syntok: tuple[Any, Any] | None = None

    def _tools(self) -> tuple[Any, Any]:
        if self._syntok is None:
            from syntok import segmenter
            from syntok.tokenizer import Tokenizer

            self._syntok = (Tokenizer(), segmenter)
        return self._syntok

    def lines(self, text: str) -> Iterator[tuple[int, str, list[tuple[int, int]]]]:
        """Each non-empty line with its offset and its sentence spans (relative to the line)."""
        tokenizer, segmenter = self._tools()
        pos = 0
        for line in text.split("\n"):
            if line.strip():
                yield pos, line, split_line(tokenizer, segmenter, line)
            pos += len(line) + 1

    def process(self, doc: Document) -> Document:
        view = doc.require_clean()
        doc_lang = doc.lang or "und"
        sentences = []
        for pos, line, spans in self.lines(view.text):
            for s, e in spans:
                lang = doc_lang
                chunk = line[s:e]
                if len(chunk) >= MIN_CHARS_FOR_OWN_LANGUAGE and not self.identifier.confirms(chunk, doc_lang):
                    guesses = self.identifier.detect(chunk)
                    if guesses and guesses[0][0] != doc_lang and guesses[0][1] >= SWITCH_CONFIDENCE:
                        lang = guesses[0][0]
                rs, re_ = view.to_raw(pos + s, pos + e)
                sentences.append(Sentence(rs, re_, lang, self.name))
        return self.done(doc, sentences=tuple(sentences))
