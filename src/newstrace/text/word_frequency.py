"""How common a word is in a language (wordfreq's Zipf scale: log10 of its frequency per billion
words), the one place newstrace asks.

wordfreq splits Chinese, Japanese and Korean text with optional tokenizers (jieba, MeCab) that
newstrace does not install: there a word's frequency is unknown (0.0), so nothing is filtered on its
account, instead of the stage failing on a Chinese article.
"""

from __future__ import annotations

import functools

from wordfreq import zipf_frequency

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
