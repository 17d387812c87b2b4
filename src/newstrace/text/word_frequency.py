"""How common a word is in a language (wordfreq's Zipf scale: log10 of its frequency per billion
words), the one place newstrace asks.

wordfreq splits Chinese, Japanese and Korean text with optional tokenizers (jieba, MeCab) that
newstrace does not install: there a word's frequency is unknown (0.0), so nothing is filtered on its
account, instead of the stage failing on a Chinese article.
"""

from __future__ import annotations

import functools

from wordfreq import zipf_frequency

# A one-word name that is also this common a word in lower case ("Gloire", "Cher", "Crédit", "Mobile",
# "Reading") is a word first (zipf 4.2: about one in 60,000 words; French surnames that are words, like
# Martin, stay below it): an NER span of it is an error unless the knowledge base knows it, as a place
# name it means a town only if a sizeable one, and a division's name without its designator that is one
# is no name ("Central Province").
COMMON_WORD_ZIPF = 4.2
# Languages whose words wordfreq could not read here (a tokenizer it needs is not installed).
_UNREADABLE: set[str] = set()


@functools.lru_cache(maxsize=65536)
def zipf(word: str, lang: str) -> float:
    """The Zipf frequency of ``word`` in ``lang`` (0.0 for a word or language wordfreq does not know)."""
    if lang in _UNREADABLE:
        return 0.0
    try:
        return float(zipf_frequency(word, lang))
    except ModuleNotFoundError:
        _UNREADABLE.add(lang)
        return 0.0
