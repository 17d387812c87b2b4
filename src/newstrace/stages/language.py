"""Document language: what the text is written in, with how sure the model is."""

from __future__ import annotations

from newstrace.model import Document, LanguageGuess
from newstrace.pipeline.stage import BaseStage
from newstrace.text.langid import LanguageIdentifier

# Below this probability the model's guess is weaker than a language the input declared.
TRUST_DETECTION = 0.5


class LanguageStage(BaseStage):
    name = "language"
    requires = frozenset({"clean"})
    provides = frozenset({"language"})

    def __init__(self, identifier: LanguageIdentifier | None = None) -> None:
        self.identifier = identifier or LanguageIdentifier()

    def process(self, doc: Document) -> Document:
        text = doc.text
        if doc.title is not None and doc.title.span is None:
            text = f"{doc.title.text}\n{text}"
        guesses = self.identifier.detect(text)
        declared = doc.meta.lang.lower()[:2] if doc.meta.lang else None
        if guesses and (guesses[0][1] >= TRUST_DETECTION or declared is None):
            lang, score = guesses[0]
        elif declared:
            lang, score = declared, 1.0
        else:
            return self.done(doc)
        return self.done(doc, language=LanguageGuess(lang, round(score, 4), self.name))
