"""Index of knowledge-base names by spelling-insensitive key, and a dictionary matcher over text.

The matcher walks a trie of name keys word by word, so finding every knowledge-base name in an article
costs one dictionary step per word, whatever the size of the knowledge base.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from newstrace.kb.loader import knowledge_base
from newstrace.kb.model import KbEntity, is_acronym
from newstrace.linking.keys import compact, name_keys, number_key
from newstrace.linking.lemmas import lemmas, lemmatise_phrase
from newstrace.linking.memo import BoundedMemo

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# The same as the group a text is split at (``text_words``); in a text without "_" (nearly every text),
# found faster as \w (one character class, not two).
_SPLIT = re.compile(r"([^\W_]+)", re.UNICODE)
_SPLIT_NO_UNDERSCORE = re.compile(r"(\w+)", re.UNICODE)
# Leading articles are not part of names ("le Washington Post", "die Welt").
_ARTICLES = frozenset({"the", "le", "la", "les", "l", "die", "der", "das", "el"})
# Single-word names that are also ordinary words are only matched with a capital not at sentence start.
_MAX_WORDS = 9
# Paths one multi-word Cyrillic name may take through the trie (its words' readings and dictionary forms).
_MAX_PATHS = 32
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Words of running text remembered per language (whether they can begin a name); a stream's vocabulary.
_OPENS_MEMO_SIZE = 100_000
# Names looked up (NER spans, units, knowledge-base names' titles) remembered with their entities.
_LOOKUP_MEMO_SIZE = 20_000
# Which of the entities sharing a surface form a match means (``KbIndex._pick``).
_PICK_ORDER = {"media": 0, "organization": 1, "military_unit": 2, "equipment": 3, "person": 4, "place": 5}


@dataclass(frozen=True, slots=True)
class KbMatch:
    start: int
    end: int
    text: str
    entity: KbEntity
    # An acronym that needs the article's context: the entities it may stand for (``entity`` is only the
    # first of them until the entities stage chooses, see ``linking.acronym_context``).
    candidates: tuple[KbEntity, ...] = ()


@dataclass(frozen=True, slots=True)
class TextWords:
    """The words of a text as the matcher reads them (runs of letters and digits), read once for every
    step of the entities stage that goes word by word."""

    groups: list[str]
    # Each spelling once: the memos of a stream's vocabulary are asked once per spelling of a text, not
    # once per word (an article repeats a third of its words).
    distinct: list[str]
    # Where the text's pieces end, from 0: word i is ``bounds[2i + 1]:bounds[2i + 2]`` (``text_words``).
    bounds: list[int]

    def start(self, i: int) -> int:
        return self.bounds[2 * i + 1]

    def end(self, i: int) -> int:
        return self.bounds[2 * i + 2]


def text_words(text: str) -> TextWords:
    """The text split at its words (the pattern's group keeps them): the words are every other piece,
    and their offsets the running sum of the pieces' lengths, both in C. A match object per word (the
    pattern's ``finditer``) cost a fifth more, and nearly every word's position is never asked."""
    pieces = (_SPLIT if "_" in text else _SPLIT_NO_UNDERSCORE).split(text)
    groups = pieces[1::2]
    return TextWords(groups, list(set(groups)), list(itertools.accumulate(map(len, pieces), initial=0)))


@dataclass(slots=True, eq=False)  # a node is itself: compared by identity (``_goes_on``)
class _Node:
    children: dict[str, _Node]
    entities: list[str]


_INFLECTION = re.compile(r"(?:es|en|er|em|e|s)$")


@functools.lru_cache(maxsize=100_000)
def _word_keys(word: str) -> tuple[str, ...]:
    """Keys of one word, plus a stem without a German/French inflectional ending for long words
    ("britischen" and "britisches" meet "britisch"), so inflected forms of multi-word names match."""
    keys = name_keys(word) or (word.casefold(),)
    if len(word) >= 6 and not word.isupper():
        stems = tuple(_INFLECTION.sub("", k) for k in keys if len(k) >= 6)
        keys = keys + tuple(s for s in stems if s not in keys)
    return keys


@functools.lru_cache(maxsize=100_000)
def _text_word_keys(word: str, lang: str | None) -> tuple[str, ...]:
    """The keys a word of running text walks the trie by: its own, and in Russian and Ukrainian those of
    its dictionary forms. Cached per word: an article repeats its words, and a stream its vocabulary."""
    keys = _word_keys(word)
    if lang is None:
        return keys
    return keys + tuple(x for lem in lemmas(word, lang) for x in _word_keys(lem))


# What a word of running text is to the matcher (``KbIndex._opens_of``): the trie's first-level nodes it
# begins names at, those it goes on from (a name's second word), each in the order of its keys, and the
# entities of the word alone (its last first-level node that has any, as a walk takes them), if any.
# Read from the word's entry, which the matcher reads for every word anyway: after the NER model has
# run, each node or memo a word's test reaches is a miss of the processor's caches.
_Opens = tuple[tuple[_Node, ...], tuple[_Node, ...], list[str] | None]
_NO_OPENS: _Opens = ((), (), None)  # most words: one shared value


class KbIndex:
    def __init__(self, entities: tuple[KbEntity, ...]) -> None:
        self.entities = {e.id: e for e in entities}
        self.by_key: dict[str, list[str]] = defaultdict(list)
        # Acronyms match only as written in capitals: "UN" is not "Un", "RUSI" is not "Russie".
        self.acronyms: dict[str, list[str]] = defaultdict(list)
        self._root = _Node({}, [])
        # Per language: the trie's nodes a word of running text begins names at (none for most words;
        # one dict step per word, and no trie step from the root for a word that begins one).
        self._opens: dict[str | None, BoundedMemo[str, _Opens]] = {}
        self._lookups: BoundedMemo[tuple[str, str | None], tuple[KbEntity, ...]]
        self._lookups = BoundedMemo(_LOOKUP_MEMO_SIZE)
        for entity in entities:
            for surface in entity.all_names():
                words = _WORD.findall(surface)
                while len(words) > 1 and words[0].casefold() in _ARTICLES:
                    words = words[1:]
                if len(words) == 1 and is_acronym(words[0]):
                    if entity.id not in self.acronyms[words[0]]:
                        self.acronyms[words[0]].append(entity.id)
                else:
                    self._add(surface, entity)
        # The first-level nodes each second word of a name goes on from: whether the word after one that
        # begins a name goes on is then read from the words' own entries (``_opens_of``), which the
        # matcher reads for every word anyway, not from a look-up of the word's keys in each node.
        self._after: dict[str, list[_Node]] = defaultdict(list)
        for node in self._root.children.values():
            for key in node.children:
                self._after[key].append(node)
        # Acronyms that stand for an entity only where the article's context says so: those its record
        # lists as such, and those two entities share ("RSF": a Sudanese force, a press freedom NGO).
        self.contextual: dict[str, tuple[str, ...]] = {
            word: tuple(ids)
            for word, ids in self.acronyms.items()
            if len(ids) > 1 or any(word in self.entities[i].context_acronyms for i in ids)
        }

    def _add(self, surface: str, entity: KbEntity) -> None:
        words = _WORD.findall(surface)
        while words and words[0].casefold() in _ARTICLES and len(words) > 1:
            words = words[1:]
        if not words or len(words) > _MAX_WORDS:
            return
        for key in name_keys(" ".join(words)):
            for k in (key, compact(key)):
                if entity.id not in self.by_key[k]:
                    self.by_key[k].append(entity.id)
        options = [_path_keys(w, multi=len(words) > 1) for w in words]
        for path in itertools.islice(itertools.product(*options), _MAX_PATHS):
            node = self._root
            for wk in path:
                node = node.children.setdefault(wk, _Node({}, []))
            if entity.id not in node.entities:
                node.entities.append(entity.id)

    def lookup(self, name: str, lang: str | None = None) -> list[KbEntity]:
        """Entities whose name has the key of ``name`` (exact up to spelling variants), or of its
        dictionary form in Russian and Ukrainian. Remembered per name and language: the entities stage
        asks about the same names for each of their mentions, and a stream names them again."""
        memo = self._lookups
        found = memo.get((name, lang))
        if found is None:
            found = memo.get_or_compute((name, lang), lambda: tuple(self._lookup(name, lang)))
        return list(found)

    def _lookup(self, name: str, lang: str | None) -> list[KbEntity]:
        ids: list[str] = list(self.acronyms.get(name.strip(), ()))
        forms = [name]
        words = _WORD.findall(name)
        if len(words) > 1 and words[0].casefold() in _ARTICLES:
            forms.append(" ".join(words[1:]))  # names are indexed without their article ("Le Monde")
        if lang is not None:
            lemma = lemmatise_phrase(name, lang)
            if lemma:
                forms.append(lemma)
        for key in (k for f in forms for k in name_keys(f)):
            for k in (key, compact(key)):
                for eid in self.by_key.get(k, ()):
                    if eid not in ids:
                        ids.append(eid)
        return [self.entities[i] for i in ids]

    def find(self, text: str, lang: str | None = None, read: TextWords | None = None) -> Iterator[KbMatch]:
        """Longest knowledge-base names in ``text``, left to right, not overlapping. In Russian and
        Ukrainian text each word also matches through its dictionary forms ("Херсонской" -> херсонский).
        ``read``: the text's words (``text_words``), if read already."""
        if read is None:
            read = text_words(text)
        groups = read.groups
        # A word's keys are read only where a name may start or go on: most words begin none.
        keys: list[tuple[str, ...] | None] = [None] * len(groups)
        opens = self._opens_of(read.distinct, lang)
        acronyms = self.acronyms
        free = 0  # the first word a match may start at (matches do not overlap)
        # The spellings that may begin a name, asked once each; then the words that are one of them,
        # picked out in C (``compress``): an article's words are ten times its candidates.
        marked = {g: o for g, o in opens.items() if o[0]}
        for g in filter(str.isupper, read.distinct):
            if acronyms.get(g):
                marked[g] = opens.get(g, _NO_OPENS)
        for i in itertools.compress(itertools.count(), map(marked.__contains__, groups)):
            if i < free:
                continue
            entry = marked[groups[i]]
            free = i + 1
            acronym = acronyms.get(groups[i]) if groups[i].isupper() else None
            best = self._best_at(keys, groups, lang, i, entry, opens)
            if best is None and not acronym:
                continue
            # A longer name that starts with the acronym wins ("НАК «Нафтогаз»" is not the НАК).
            longer = best is not None and best[0] - i > 1
            if acronym and not longer and not _numbered(text, read.end(i)):
                options = self.context_candidates(groups[i])
                if not options:
                    yield KbMatch(read.start(i), read.end(i), groups[i], self._pick(acronym))
                elif not _shouted(groups, i, acronyms):
                    yield KbMatch(read.start(i), read.end(i), groups[i], options[0], options)
                continue
            if best is not None and self._plausible(text, read, i, best[0]):
                start, end = read.start(i), read.end(best[0] - 1)
                entity = self._pick(best[1])
                if not _other_person(entity, text, read, i, best[0]):
                    start = _with_title_article(entity, text, read, i, end)
                    yield KbMatch(start, end, text[start:end], entity)
                    free = best[0]

    def context_candidates(self, surface: str) -> tuple[KbEntity, ...]:
        """The entities an acronym that needs the article's context may stand for (none for any other
        surface)."""
        ids = self.contextual.get(surface.strip())  # none for nearly every surface: no tuple to build
        return tuple(self.entities[i] for i in ids) if ids else ()

    def _opens_of(self, distinct: list[str], lang: str | None) -> dict[str, _Opens]:
        """What each of a text's ``distinct`` spellings that begins or goes on with a name is to the
        matcher (``_Opens``); the others (most) are left out. The language's memo is asked once per
        spelling, and only the words it does not hold are read. The text's words are then looked up in
        this text's small table: after the NER model has run, a look-up in a memo of a stream's
        vocabulary is most often a miss of the processor's caches. The spellings are asked and sifted
        in C (``map``, ``compress``): a loop in Python cost more than the look-ups."""
        memo = self._opens.get(lang)
        if memo is None:
            memo = self._opens[lang] = BoundedMemo(_OPENS_MEMO_SIZE)
        found = list(map(memo.get, distinct))
        # The words that begin or go on with a name, and the new ones (None).
        is_new_or_opens = map(operator.is_not, found, itertools.repeat(_NO_OPENS))
        here = dict(itertools.compress(zip(distinct, found, strict=True), is_new_or_opens))
        new = [word for word, starts in here.items() if starts is None]
        if new and len(memo) + len(new) > memo.size:
            memo.clear()  # a long stream keeps its recent vocabulary only
        for word in new:
            starts = memo[word] = self._name_starts(word, lang)
            if starts is _NO_OPENS:
                del here[word]
            else:
                here[word] = starts
        return here  # type: ignore[return-value]  # no None is left

    def _name_starts(self, word: str, lang: str | None) -> _Opens:
        """The trie's first-level nodes the word's keys reach, in the order of its keys (as a walk from
        the root would reach them), and those it goes on from as a name's second word."""
        starts = self._root.children
        after = self._after
        if word.isascii() and word.isdigit():
            # A number, nearly all of a text's new words: its key is its own (no stem, no dictionary
            # form), read without filling the word-key memos with numbers a stream never repeats; most
            # begin and go on with no name.
            key = number_key(word)
            if key not in starts and key not in after:
                return _NO_OPENS
            keys: tuple[str, ...] = (key,)
        else:
            keys = _text_word_keys(word, lang)
        begins = tuple(starts[k] for k in keys if k in starts)
        goes_on = tuple(dict.fromkeys(n for k in keys if k in after for n in after[k]))
        alone = next((n.entities for n in reversed(begins) if n.entities), None)
        return (begins, goes_on, alone) if begins or goes_on else _NO_OPENS

    def _best_at(
        self,
        keys: list[tuple[str, ...] | None],
        groups: list[str],
        lang: str | None,
        i: int,
        entry: _Opens,
        opens: dict[str, _Opens],
    ) -> tuple[int, list[str]] | None:
        """What ``_longest`` finds, without its walk in the commonest case: no name goes on to the next
        word. The match is then the word alone (the last of its nodes with entities, as the walk takes
        them), or none where it only begins longer names ("в", "с"). ``entry``: the word's ``_Opens``,
        ``opens``: each word's that is not ``_NO_OPENS``."""
        starts, _, alone = entry
        # The next word goes on from no node at all for most candidates: no call to ``_goes_on`` then.
        goes_on = opens.get(groups[i + 1], _NO_OPENS)[1] if i + 1 < len(groups) else ()
        if goes_on and _goes_on(starts, goes_on):
            return self._longest(keys, groups, lang, i, starts)
        return None if alone is None else (i + 1, alone)

    def _longest(
        self,
        keys: list[tuple[str, ...] | None],
        groups: list[str],
        lang: str | None,
        i: int,
        starts: tuple[_Node, ...],
    ) -> tuple[int, list[str]] | None:
        """The longest name of the trie that starts at word ``i``, whose first-level nodes are
        ``starts``: the word after it and its entities (``keys``: each word's keys, read on first
        need)."""
        best: tuple[int, list[str]] | None = None
        frontier = [(node, i + 1) for node in starts]
        while frontier:
            node, j = frontier.pop()
            if node.entities and (best is None or j > best[0]):
                best = (j, node.entities)
            if j < len(keys) and j - i < _MAX_WORDS:
                word_keys = keys[j]
                if word_keys is None:
                    word_keys = keys[j] = _text_word_keys(groups[j], lang)
                for k in word_keys:
                    child = node.children.get(k)
                    if child is not None:
                        frontier.append((child, j + 1))
        return best

    def _plausible(self, text: str, words: TextWords, i: int, j: int) -> bool:
        """A one-word name starts with a capital and not at a sentence start, where any word has one.
        Multi-word names may start in lower case ("ministère ukrainien de la Défense")."""
        first = words.groups[i]
        if j - i > 1:
            return True
        if not (first[:1].isupper() or first[:1].isdigit()):
            return False
        if first.isupper():
            return True
        start = words.start(i)
        # The last characters before the word, not the whole text before it (a copy per match); the
        # whole text only where they are all white space.
        before = text[max(0, start - 16) : start].rstrip() or text[:start].rstrip()
        if before[-1:] in ("«", "“") and text[words.end(i) : words.end(i) + 1] in ("»", "”"):
            return True  # «Укрзалізниці», “Meduza”: a quoted name
        return bool(before) and before[-1] not in '.!?:"«“\n'

    def _pick(self, ids: list[str]) -> KbEntity:
        """Several entities share a surface form: prefer organisations and media over people named
        like them, then the first listed (the knowledge base lists the most cited first)."""
        if len(ids) == 1:  # most names: nothing to prefer
            return self.entities[ids[0]]
        return min((self.entities[i] for i in ids), key=lambda e: _PICK_ORDER.get(e.type, 9))


def _goes_on(nodes: tuple[_Node, ...], goes_on: tuple[_Node, ...]) -> bool:
    """Whether the next word, which goes on from ``goes_on`` (its ``_Opens``), goes on from one of
    ``nodes``. A loop, not any() over a generator: asked for most candidates, with one to three nodes."""
    for node in nodes:  # noqa: SIM110 (see above)
        if node in goes_on:
            return True
    return False


def _path_keys(word: str, multi: bool) -> list[str]:
    """The trie keys one word of a name may be reached by. The trie is keyed by each word's stem when
    it has one, else its first reading: text words offer all their keys and stems, so inflected forms
    still walk the same path. A Cyrillic word of a multi-word name is also reachable by its dictionary
    forms: text words offer theirs, and "Запорожской АЭС" (lemma "запорожский") must meet the name
    "Запорожская АЭС", whose adjective is feminine."""
    keys = _word_keys(word)
    out = [keys[-1] if multi else keys[0]]
    if multi and _CYRILLIC.search(word):
        for lemma in lemmas(word, "ru"):  # both dictionaries: Russian first, then Ukrainian
            key = _word_keys(lemma)[-1]
            if key not in out:
                out.append(key)
    return out


def _with_title_article(entity: KbEntity, text: str, words: TextWords, i: int, end: int) -> int:
    """Where the match starts: at the capitalised article before it when the entity's own name begins
    with that article ("Le Monde", "The Guardian": a title, not "le Guardian" of running French text)."""
    start = words.start(i)
    prev = words.groups[i - 1] if i else ""
    if i == 0 or not prev[:1].isupper() or prev.casefold() not in _ARTICLES:
        return start
    if text[words.end(i - 1) : start] not in (" ", "'", "’"):
        return start
    name = text[words.start(i - 1) : end]
    wanted = set(name_keys(name))
    titled = any(n[:1].isupper() and wanted & set(name_keys(n)) for n in entity.all_names())
    return words.start(i - 1) if titled else start


def _numbered(text: str, end: int) -> bool:
    """A hyphen and a digit right after a word: a model's name ("MK-19"), not the acronym alone."""
    return text[end : end + 1] == "-" and text[end + 1 : end + 2].isdigit()


def _shouted(groups: list[str], i: int, acronyms: dict[str, list[str]]) -> bool:
    """Word ``i`` beside a word in capitals that is no known acronym ("THIS IS WAR", a headline in
    capitals): not an acronym itself."""
    near = [groups[j] for j in (i - 1, i + 1) if 0 <= j < len(groups)]
    return any(len(w) > 1 and w.isupper() and not w.isdigit() and w not in acronyms for w in near)


def _other_person(entity: KbEntity, text: str, words: TextWords, i: int, j: int) -> bool:
    """A known person's surname alone, right after another capitalised first name ("Olena Matvienko"
    is not "Valentina Matviyenko"): a namesake, not the known person."""
    if entity.type != "person" or j - i != 1 or i == 0:
        return False
    prev = words.groups[i - 1]
    gap = text[words.end(i - 1) : words.start(i)]
    return gap == " " and prev[:1].isupper() and prev.casefold() not in _ARTICLES


@functools.lru_cache(maxsize=1)
def kb_index() -> KbIndex:
    """Built once per process from the packaged knowledge base."""
    return KbIndex(knowledge_base())
