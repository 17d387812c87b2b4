"""What in an article is not its author's prose, so that text-quality checks leave it alone.

A spinner or a machine translator rewrites the author's prose. Quotations, embedded tweets, hashtags,
handles, URLs, code and markup debris, credits and picture notes are copied from elsewhere: a foreign
word there says nothing about the article. Each rule names a class of text by its form (quote marks,
a handle, a credit word opening a line), never a string of a particular article.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Quotations: « ... », “ ... ”, „ ... “, "...", within one paragraph. Single quotes are left out (they
# are apostrophes in French and Italian).
# Each style is searched on its own, so a quotation nested in another is seen too.
_QUOTES = tuple(
    re.compile(p)
    for p in (
        r"«[^«»\n]{1,800}»",
        r"“[^“”\n]{1,800}”",
        r"„[^„“”\n]{1,800}[“”]",
        r"‹[^‹›\n]{1,400}›",
        r"\"[^\"\n]{1,800}\"",
    )
)
_URL = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|org|net|fr|es|it|de|co|ly|io|tv)(?:/\S*)?\b")
_HANDLE = re.compile(r"(?<![\w.])[@#][\w_]+")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")
# A line carrying an embedded post: a handle, a short link, or the "— Name (@handle) date" signature.
_SOCIAL_LINE = re.compile(r"(?<![\w.])@\w|pic\.twitter|\bt\.co/|twitter\.com|x\.com/|instagram\.com|\(@\w+\)")
# A line that is a picture note or credit: it opens with a picture or credit word, or is bracketed
# (stage directions of a photo), in the languages read here.
_NOTE_LINE = re.compile(
    r"^\W{0,3}(?:photo|photos|foto|fotos|image|images|imagen|immagine|picture|pictured|caption|légende|"
    r"leyenda|didascalia|illustration|ilustración|crédits?|credits?|créditos?|crediti|video|vidéo|vídeo|"
    r"source|fuente|fonte|getty|afp|reuters|ap photo|epa|efe|ansa)\b",
    re.IGNORECASE,
)
_CODE_HINT = re.compile(r"[{}]|\bfunction\s*\(|=>|\b(?:var|let|const)\s+\w+\s*=|\w\(\);|</?\w+>")


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


# A quotation left in another language is someone else's text; one in the article's language was
# written or translated by the author (and a spinner rewrites it like the rest), so it is judged. A
# quotation is foreign when at least this share of its words are foreign to the article's language.
FOREIGN_QUOTE_SHARE = 0.4
_WORD = re.compile(r"[^\W\d_]{2,}")


def exempt_spans(text: str, is_foreign: Callable[[str], bool] | None = None) -> list[tuple[int, int]]:
    """Spans of ``text`` that are not the author's prose: foreign quotations (all quotations when no
    ``is_foreign`` word test is given), posts, links, code and picture notes."""
    out: list[tuple[int, int]] = []
    for m in (m for rx in _QUOTES for m in rx.finditer(text)):
        words = _WORD.findall(m.group())
        foreign = sum(1 for w in words if is_foreign(w)) if is_foreign is not None else len(words)
        if words and foreign >= FOREIGN_QUOTE_SHARE * len(words):
            out.append((m.start(), m.end()))
    for rx in (_URL, _HANDLE, _EMAIL):
        out.extend((m.start(), m.end()) for m in rx.finditer(text))
    for start, end in _line_spans(text):
        line = text[start:end]
        if not line.strip():
            continue
        if _SOCIAL_LINE.search(line) or _NOTE_LINE.match(line) or _CODE_HINT.search(line):
            out.append((start, end))
    return sorted(out)


def covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of the (sorted) ``spans``."""
    return any(a < end and start < b for a, b in spans)
