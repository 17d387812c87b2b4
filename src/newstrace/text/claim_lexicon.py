"""Words that make a number a claim: what it counts, about whom, and who says so.

Every word is the language packs' (``claim_words``, ``claim_descriptors``, ``claim_kinds``):
``claim_words()`` joins them, whatever the text's language, since a quote may be in another language
than the article. Patterns are word stems matched at word starts, so "tués", "tuées", "killed",
"убиты", "загинули" are each one entry. Order matters where it says so: the first kind that matches
the clause wins.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from newstrace.languages import packs

# The kinds in the order they are tried: the first kind that matches the clause wins (killed_or_wounded
# before killed and wounded; survived before killed, "ont survécu"). The words of each kind are the
# packs' (``claim_kinds``, ``claim_kinds_first``), whatever the text's language.
KIND_ORDER = (
    "killed_or_wounded",
    "survived",
    "captured",
    "missing",
    "wounded",
    "killed",
    "deserted",
    "mobilized",
    "fled",
    "displaced",
    "people_affected",
    "regions",
    "territory",
    "equipment_lost",
)
# Words of a kind start at a word start, but for units written right after the digits ("40km²"); unit
# symbols belong to no language.
_GLUED = {"territory": "km²|km2"}


@dataclass(frozen=True, slots=True)
class ClaimWords:
    """The packs' claim words as patterns, compiled once on first use (``claim_words()``)."""

    # (kind, pattern) in KIND_ORDER; every pattern ends at a word end ("POWs" is not in "powers").
    kinds: tuple[tuple[str, re.Pattern[str]], ...]
    # The people a figure counts, right after it ("de 300 soldats", "12 Ukrainian civilians").
    people: re.Pattern[str]
    # Attribution: a phrase that introduces the source, the source following it.
    source_before: re.Pattern[str]
    # Speech and estimate verbs; the source is the subject before them or, inverted, the name after.
    speech: re.Pattern[str]
    # The same two read around a name: an attribution phrase ending right before it ("selon Moscou",
    # "according to the Kremlin") and a speech verb right after it ("Moscow said", "Kiev a affirmé").
    source_ends: re.Pattern[str]
    speech_next: re.Pattern[str]
    # A pronoun subject right before a speech verb ("he said"): the last person named.
    pronoun_subject: re.Pattern[str]
    # "Kyrylenko zufolge": the source before a postposition.
    source_after: re.Pattern[str]
    # "по его данным", "selon lui", "according to him": the last person named.
    possessive_source: re.Pattern[str]
    # Military equipment is a claim only when the text says it was lost.
    equipment_loss: re.Pattern[str]
    # Protest verbs: a count of people in a sentence with one of these is a count of protesters.
    protest: re.Pattern[str]
    # A loss of people ("lost 300 soldiers").
    lost: re.Pattern[str]
    # "the number of X" (group 1: X), and what it comes to, however far back it was named ("the number of
    # children abducted during the past nine years, since ..., could reach 300,000").
    number_of: re.Pattern[str]
    number_is: re.Pattern[str]
    # French inversion after a speech verb ("a-t-il dit"): the pronoun is the subject.
    inverted_pronoun: re.Pattern[str]
    # Soldiers are never the protesters a protest's figure counts.
    not_protesters: re.Pattern[str]
    # A subject standing for a source named before. The groups "document" (a report, study or figures)
    # and "it" mark those that stand for the body that issued them rather than a person.
    anaphoric_subject: re.Pattern[str]
    # A figure the text reports without taking it on ("the army was to lose", "reportedly",
    # "allegedly"): the words of the source of the sentence before.
    reportative: re.Pattern[str]
    # A transcript follows ("Here is the full text of his speech", "Voici le texte intégral de son
    # discours"): the speaker's words then run without quotation marks, and their figures are the
    # speaker's.
    transcript: re.Pattern[str]
    translated_by: re.Pattern[str]
    # A total since the war began ("since the start of the invasion", "depuis le début de la guerre").
    scope: re.Pattern[str]
    # (pattern, name): descriptions of sources under the one name, in English, the ledger groups their
    # claims by; the first that matches names the source (``claim_speakers.described_name``).
    descriptors: tuple[tuple[re.Pattern[str], str], ...]


def alternatives(key: str, field: str = "claim_words") -> str:
    """Every pack's pattern for ``key``, in registry order, as one alternation ("" where none has one)."""
    return "|".join(getattr(p, field)[key] for p in packs() if key in getattr(p, field))


# An alternation of no words: a pattern that matches nothing.
NEVER = "(?!)"


def alternatives_or_never(key: str, field: str = "claim_words") -> str:
    """``alternatives``, or ``NEVER`` where no pack has words for ``key``: a pattern built around it
    then matches nothing, rather than every text (an empty alternation matches everywhere)."""
    return alternatives(key, field) or NEVER


def article_alternatives() -> str:
    """Every pack's definite articles as one alternation, each with the space after it ("the\\s+"), an
    elided one ("l'") without."""
    return "|".join(
        re.escape(a) if a.endswith(("'", "’")) else re.escape(a) + r"\s+"
        for p in packs()
        for a in p.definite_articles
    )


def _kind_pattern(kind: str) -> re.Pattern[str]:
    first = alternatives(kind, "claim_kinds_first")
    words = "|".join(w for w in (_GLUED.get(kind, ""), alternatives(kind, "claim_kinds")) if w)
    parts = [rf"^\s*(?:{first})"] if first else []
    if words:
        parts.append(f"(?:{words})" if kind in _GLUED else rf"\b(?:{words})")
    return re.compile("(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


# Where a description's name and pattern say {nationality}: one word of nationality ("américains",
# "britische", "U.S."), which the description's reader checks and names by its English adjective.
NATIONALITY = "{nationality}"
_NATIONALITY_WORD = r"(?P<nationality>[^\W\d_][\w.'’-]*)"


def _descriptors() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Every pack's descriptions of sources, the names in the order the packs (registry order) first
    give them, each name's patterns in registry order."""
    by_name: dict[str, list[re.Pattern[str]]] = {}
    for p in packs():
        for name, pattern in p.claim_descriptors.items():
            compiled = re.compile(pattern.replace(NATIONALITY, _NATIONALITY_WORD), re.IGNORECASE)
            by_name.setdefault(name, []).append(compiled)
    return tuple((pattern, name) for name, patterns in by_name.items() for pattern in patterns)


@functools.cache
def claim_words() -> ClaimWords:
    """The claim patterns of every pack's words, built on first use."""
    count_of = alternatives("count_of")
    return ClaimWords(
        kinds=tuple((kind, _kind_pattern(kind)) for kind in KIND_ORDER),
        people=re.compile(
            rf"^\s*(?:{count_of})?(?:(?:[\w'-]+\s){{0,2}})?(?:" + alternatives("people") + r")\b",
            re.IGNORECASE,
        ),
        source_before=re.compile(r"(?i)\b(?:" + alternatives("source_before") + r")\s+"),
        speech=re.compile(r"(?i)\b(?:" + alternatives("speech") + ")"),
        source_ends=re.compile(r"(?i)\b(?:" + alternatives("source_before") + r")\s+(?:\w{1,3}\s+|l['’])?$"),
        speech_next=re.compile(r"(?i)\s+(?:" + alternatives("speech") + ")"),
        pronoun_subject=re.compile(r"(?i)(?:^|[\s«\"“])(?:" + alternatives("pronoun_subject") + r")\s+$"),
        source_after=re.compile(r"(?i)\s+(?:" + alternatives("source_after") + r")\b"),
        possessive_source=re.compile(r"(?i)(?:^|\s)(?:" + alternatives("possessive_source") + r")\b"),
        equipment_loss=re.compile(r"(?i)\b(?:" + alternatives("equipment_loss") + r")(?!\w)"),
        protest=re.compile(r"\b(?:" + alternatives("protest") + ")", re.IGNORECASE),
        lost=re.compile(r"(?i)\b(?:" + alternatives("lost") + r")\b"),
        number_of=re.compile(r"(?i)\b(?:" + alternatives("number_of") + r")\s+(\w+(?:\s+\w+){0,2})"),
        number_is=re.compile(r"(?i)\b(?:" + alternatives("number_is") + r")\s+(?:\w+\s+){0,2}$"),
        inverted_pronoun=re.compile(rf"(?i){alternatives('inverted_pronoun')}"),
        not_protesters=re.compile(rf"(?i)^\s*(?:{count_of})?(?:{alternatives('not_protesters')})"),
        anaphoric_subject=re.compile(rf"(?i)^(?:{alternatives('anaphoric_subject')})\b"),
        reportative=re.compile(rf"(?i)\b(?:{alternatives('reportative')})\b"),
        transcript=re.compile(rf"(?i){alternatives('transcript')}"),
        translated_by=re.compile(rf"(?i)(?:{alternatives('translated_by')})\s+"),
        scope=re.compile(rf"(?i)(?:{alternatives('scope')})"),
        descriptors=_descriptors(),
    )
