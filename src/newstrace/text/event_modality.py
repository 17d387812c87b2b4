"""Whether an event is said to have happened: negated, hypothetical (a condition, a threat, a purpose),
announced for the future, or asserted. Cues are read in the sentence before the trigger: negation close
to it, in its clause; a condition or a threat anywhere before it ("si le commandement refuse, ils
iront au front")."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from newstrace.languages import pack
from newstrace.text.claim_lexicon import alternatives_or_never

# The cues of each language come from its pack (``newstrace.languages``), keys as below.
# negation, hypothetical (a condition, a threat); obligation: an obligation or a demand ("Russia must
# withdraw", "urged Moscow to withdraw", "doit se retirer", "должна отвести войска") or a stated goal
# ("its goal was the liberation of"): not done, read in the trigger's own clause only, which a
# subordinator also opens ("urged residents to leave after troops shelled the town": the shelling
# happened); purpose: an intended event ("pour capturer le bastion", "to capture", "um ... zu", "чтобы
# захватить"); future; planned_before/after and supposed_before/after: a modifier of the trigger noun
# that makes the event one to come ("a planned offensive", "l'offensive attendue") or a supposed one ("a
# possible attack"), read right before the trigger, and right after it in languages whose adjectives
# follow the noun; future_suffix: a future tense written on the trigger itself (French "bombardera",
# "attaqueront"); negation_after: a negation right after the trigger verb ("n'ont jamais bombardé ...
# pas", "nicht"), read in the _NEGATION_AFTER characters after it.
_NEGATION_REACH = 30
_NEGATION_AFTER = 12


@dataclass(frozen=True, slots=True)
class _Words:
    """The packs' ``event_words`` this module reads, joined over every pack whatever the article's
    language (a quote may be in another language than the article), compiled on first use."""

    # A subordinator opens a clause of its own ("urged residents to leave after troops shelled the
    # town": the demand does not reach the shelling; ``subordinators``).
    subordinator: re.Pattern[str]
    # Where a clause ends: punctuation, which is no language's, or a conjunction, as written in lower
    # case ("but", "mais", "але"; ``clause_conjunctions``).
    clause_break: re.Pattern[str]
    # "used mortars to fire on", "employed drones to strike": the instrument clause tells what was done,
    # so "to fire" is no purpose (``instrument``).
    instrument: re.Pattern[str]


@functools.cache
def _words() -> _Words:
    """The patterns of every pack's words, built on first use; a key no pack gives matches nothing."""

    def words(key: str) -> str:
        return alternatives_or_never(key, "event_words")

    return _Words(
        subordinator=re.compile(rf"\b(?:{words('subordinators')})\b", re.IGNORECASE),
        clause_break=re.compile(rf"[;:,—–()«»\"“”]|\s(?:{words('clause_conjunctions')})\s"),
        instrument=re.compile(rf"\b(?:{words('instrument')})\b", re.IGNORECASE),
    )


REQUIRED_CUES = ("negation", "hypothetical", "obligation", "purpose", "future")
OPTIONAL_CUES = (
    "planned_before",
    "planned_after",
    "supposed_before",
    "supposed_after",
    "future_suffix",
    "negation_after",
)


@dataclass(frozen=True, slots=True)
class _Cues:
    """One language's modality cues (``LanguagePack.modality``), the last six optional."""

    negation: re.Pattern[str]
    hypothetical: re.Pattern[str]
    obligation: re.Pattern[str]
    purpose: re.Pattern[str]
    future: re.Pattern[str]
    planned_before: re.Pattern[str] | None
    planned_after: re.Pattern[str] | None
    supposed_before: re.Pattern[str] | None
    supposed_after: re.Pattern[str] | None
    future_suffix: re.Pattern[str] | None
    negation_after: re.Pattern[str] | None


@functools.cache
def _cues(lang: str | None) -> _Cues | None:
    """The cues of ``lang``'s pack, compiled on first use; None where no pack gives them."""
    found = pack(lang)
    if found is None or "negation" not in found.modality:
        return None
    cues = found.modality
    required = [re.compile(cues[cue], re.IGNORECASE) for cue in REQUIRED_CUES]
    optional = [re.compile(cues[cue], re.IGNORECASE) if cue in cues else None for cue in OPTIONAL_CUES]
    return _Cues(*required, *optional)


def _modifier(before: str, after: str, cues: _Cues) -> str | None:
    if (cues.supposed_before and cues.supposed_before.search(before)) or (
        cues.supposed_after and cues.supposed_after.match(after)
    ):
        return "hypothetical"
    if (cues.planned_before and cues.planned_before.search(before)) or (
        cues.planned_after and cues.planned_after.match(after)
    ):
        return "future"
    return None


def modality(sentence: str, start: int, end: int, lang: str | None) -> str:
    """``asserted``, ``negated``, ``hypothetical`` or ``future`` for the trigger at [start, end)."""
    cues = _cues(lang)
    if cues is None:  # a language without a pack's cues is read with English's
        cues = _cues("en")
    if cues is None:
        raise LookupError("event modality needs the English pack's cues")
    words = _words()
    before = sentence[:start]
    breaks = list(words.clause_break.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    modified = _modifier(before, sentence[end:], cues)
    if modified is not None:
        return modified
    purpose = cues.purpose.search(before) is not None and not words.instrument.search(before)
    subs = list(words.subordinator.finditer(clause))
    own = clause[subs[-1].end() :] if subs else clause
    if cues.hypothetical.search(before) or purpose or cues.obligation.search(own):
        return "hypothetical"
    if cues.negation.search(clause[-_NEGATION_REACH:]):
        return "negated"
    if cues.negation_after and cues.negation_after.match(sentence[end : end + _NEGATION_AFTER]):
        return "negated"
    if cues.future.search(clause) or (cues.future_suffix and cues.future_suffix.search(sentence[start:end])):
        return "future"
    return "asserted"
