"""Whether a trigger word is used in its event sense. Each rule names a class of cases:

- a trigger noun used as the modifier of another noun names a kind of thing, not an event ("battle
  groups", "assault rifles", "attack helicopters", "fighting vehicles"; French "groupe de combat",
  "fusil d'assaut", where the modified noun comes first), and so does one that opens a hyphenated
  compound ("battle-tested systems", "battle-hardened units", "attack-capable drones");
- an adjective form of a trigger is not an event: after a copula or a degree adverb ("is offensive",
  "deeply offensive") or coordinated with another adjective ("offensive and unacceptable");
- a figurative battle is not a fight ("legal battle", "political battle", "battle against inflation");
- a protest verb with a direct object rallies someone, it is not a protest ("rally the troops",
  "rallied support");
- leaving a deal, a body or a race, or taking back an envoy or an offer, is no retreat ("withdrew from
  the grain deal", "pulled out of the talks", "withdrew its ambassador").

A verb of force that does not say how ("struck", "hit") needs a weapon or an armed force in its
sentence (``armed_agent``), so that "the storm struck" and "hit by sanctions" are not attacks.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from newstrace.languages import pack
from newstrace.text.claim_lexicon import alternatives_or_never


@dataclass(frozen=True, slots=True)
class _PackSense:
    """One language's pack words for the sense of a trigger (``newstrace.languages``)."""

    # Nouns a trigger modifies when it names a kind of unit, weapon, vehicle or quality (``event_heads``);
    # in languages whose modified noun comes first and is linked by a word (``event_head_links``: French
    # "groupe de combat", "fusil d'assaut") the head is read before the trigger, elsewhere after it.
    head_before: re.Pattern[str] | None
    head_after: re.Pattern[str] | None
    # Armed forces as an agent of an unspecific verb of force (nouns only: "military budget" does not
    # count), from ``armed_forces``.
    armed: re.Pattern[str] | None


@functools.cache
def _pack_sense(lang: str | None) -> _PackSense:
    """``lang``'s pack words, compiled on first use (nothing for a language without a pack)."""
    found = pack(lang)
    heads, links = (found.event_heads, found.event_head_links) if found else ("", "")
    forces = found.armed_forces if found else ""
    return _PackSense(
        re.compile(rf"(?:{heads})\s+(?:{links})\s*$", re.IGNORECASE) if heads and links else None,
        re.compile(rf"\s+(?:{heads})\b", re.IGNORECASE) if heads and not links else None,
        re.compile(rf"(?<!\w)(?:{forces})", re.IGNORECASE) if forces else None,
    )


def _joined(key: str, opening: str, closing: str) -> re.Pattern[str]:
    """Every pack's ``event_words[key]`` as one alternation between ``opening`` and ``closing``; a key no
    pack gives matches nothing."""
    words = alternatives_or_never(key, "event_words")
    return re.compile(f"{opening}(?:{words}){closing}", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Words:
    """The packs' ``event_words`` this module reads, joined over every pack whatever the article's
    language (a quote or a borrowed word may be in another language), compiled on first use."""

    # Trigger words that are also adjectives ("offensive"), the copulas and degree adverbs before such
    # an adjective ("is offensive", "deeply offensive"), and its coordination with another adjective
    # ("offensive and unacceptable"; not before an article: "the offensive and the counter-offensive").
    adjectival: re.Pattern[str]
    adjective_before: re.Pattern[str]
    adjective_after: re.Pattern[str]
    # A figurative battle: the trigger words, the modifiers before them ("legal battle") and what
    # follows them ("battle against inflation", "fighting for its survival").
    battle_words: re.Pattern[str]
    figurative_before: re.Pattern[str]
    figurative_after: re.Pattern[str]
    # Protest verbs that take an object are other verbs: "rally the troops", "demonstrated that ...".
    rally: re.Pattern[str]
    rally_object: re.Pattern[str]
    # What one withdraws from, or takes back, when it is not a force from ground (a body's own troops,
    # "the Union's troops", still are: no possessive ending after the word).
    withdraw: re.Pattern[str]
    not_ground: re.Pattern[str]
    # Intercepted information is intelligence, not a shoot-down.
    intercepted: re.Pattern[str]
    information: re.Pattern[str]
    # Trigger nouns that can modify another noun (verb forms never do: "shot down drones" is an event).
    nounish: re.Pattern[str]


@functools.cache
def _words() -> _Words:
    """The patterns of every pack's event words, built on first use."""
    articles = alternatives_or_never("adjective_articles", "event_words")
    return _Words(
        adjectival=_joined("adjectival", "^", "$"),
        adjective_before=_joined("adjective_before", r"(?:\b", r"\s+)$"),
        adjective_after=_joined("adjective_joiners", r"^\s*", rf"\s+(?!(?:{articles})\b)\w+"),
        battle_words=_joined("battle_words", "^", "$"),
        figurative_before=_joined("figurative_before", r"\b", r"\s+$"),
        figurative_after=_joined("figurative_after", r"^\s+", ""),
        rally=_joined("rally", "^", "$"),
        rally_object=_joined("rally_object", r"^\s+", r"\b"),
        withdraw=_joined("withdraw", "^", "$"),
        not_ground=_joined("not_ground", r"^\s+", r"\b(?!['’])"),
        intercepted=_joined("intercepted", "^", "$"),
        information=_joined("information", r"^\s+(?:\w+\s+)?", r"\b"),
        nounish=_joined("nounish", "", "s?$"),
    )


# The first element of a hyphenated compound: a letter right after the hyphen ("battle-tested"; a
# dash between words is spaced or is another character).
_COMPOUND_NEXT = re.compile(r"^-[^\W\d_]")


def event_sense(text: str, start: int, end: int, lang: str | None) -> bool:
    """False where the trigger at [start, end) of ``text`` is not used in an event sense."""
    word = text[start:end]
    before, after = text[:start], text[end:]
    own = _pack_sense(lang)
    words = _words()
    if own.head_after and words.nounish.search(word) and own.head_after.match(after):
        return False
    if words.nounish.search(word) and _COMPOUND_NEXT.match(after):
        return False
    if own.head_before and own.head_before.search(before):
        return False
    if words.adjectival.match(word) and (
        words.adjective_before.search(before) or words.adjective_after.match(after)
    ):
        return False
    if words.battle_words.match(word) and (
        words.figurative_before.search(before) or words.figurative_after.match(after)
    ):
        return False
    if words.intercepted.match(word) and words.information.match(after):
        return False
    if words.withdraw.match(word) and words.not_ground.match(after):
        return False
    return not (words.rally.match(word) and words.rally_object.match(after))


def armed_agent(text: str, lang: str | None) -> bool:
    """Whether the sentence names an armed force (the agent or the target of a verb of force)."""
    pattern = _pack_sense(lang).armed or _pack_sense("en").armed
    return pattern is not None and pattern.search(text) is not None
