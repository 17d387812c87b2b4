"""Whether an event is said to have happened: negated, hypothetical (a condition, a threat, a purpose),
announced for the future, or asserted. Cues are read in the sentence before the trigger: negation close
to it, in its clause; a condition or a threat anywhere before it ("si le commandement refuse, ils
iront au front")."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from newstrace.languages import pack

# The cues of each language come from its pack (``newstrace.languages``), keys as below.
# negation, hypothetical (a condition, a threat); obligation: an obligation or a demand ("Russia must
# withdraw", "urged Moscow to withdraw", "doit se retirer", "должна отвести войска") or a stated goal
# ("its goal was the liberation of"): not done, read in the trigger's own clause only, which a
# subordinator also opens ("urged residents to leave after troops shelled the town": the shelling
# happened); purpose: an intended event ("pour capturer le bastion", "to capture", "um ... zu", "чтобы
# захватить"); future; planned_before/after and supposed_before/after: a modifier of the trigger noun
# that makes the event one to come ("a planned offensive", "l'offensive attendue") or a supposed one ("a
# possible attack"), read right before the trigger, and right after it in languages whose adjectives
# follow the noun.
_SUBORDINATOR = re.compile(
    r"\b(?:after|when|because|since|as|while|après|lorsque|quand|parce|nachdem|als|weil|после|когда|"
    r"потому|після|коли|бо)\b",
    re.IGNORECASE,
)
# French future tense on the trigger itself ("bombardera", "attaqueront"). The conditional ("aurait
# bombardé") is the press's way of reporting an unconfirmed event, so it does not make one hypothetical.
_FUTURE_SUFFIX = re.compile(r"(?:era|eront|erons|eras)$", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:,—–()«»\"“”]|\s(?:mais|but|aber|но|але|et|and|und|и|і)\s")
_NEGATION_REACH = 30
# "used mortars to fire on", "employed drones to strike": the instrument clause tells what was done.
_INSTRUMENT = re.compile(
    r"\b(?:used|employed|using|utilis\w*|employ\w*|setzten|nutzten|использова\w*|застосува\w*)\b",
    re.IGNORECASE,
)


REQUIRED_CUES = ("negation", "hypothetical", "obligation", "purpose", "future")
OPTIONAL_CUES = ("planned_before", "planned_after", "supposed_before", "supposed_after")


@dataclass(frozen=True, slots=True)
class _Cues:
    """One language's modality cues (``LanguagePack.modality``), the last four optional."""

    negation: re.Pattern[str]
    hypothetical: re.Pattern[str]
    obligation: re.Pattern[str]
    purpose: re.Pattern[str]
    future: re.Pattern[str]
    planned_before: re.Pattern[str] | None
    planned_after: re.Pattern[str] | None
    supposed_before: re.Pattern[str] | None
    supposed_after: re.Pattern[str] | None


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
        lang, cues = "en", _cues("en")
    if cues is None:
        raise LookupError("event modality needs the English pack's cues")
    before = sentence[:start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    modified = _modifier(before, sentence[end:], cues)
    if modified is not None:
        return modified
    purpose = cues.purpose.search(before) is not None and not _INSTRUMENT.search(before)
    subs = list(_SUBORDINATOR.finditer(clause))
    own = clause[subs[-1].end() :] if subs else clause
    if cues.hypothetical.search(before) or purpose or cues.obligation.search(own):
        return "hypothetical"
    if cues.negation.search(clause[-_NEGATION_REACH:]):
        return "negated"
    # "n'ont jamais bombardé ... pas": a negation right after a French/German verb.
    after = sentence[end : end + 12]
    if lang in ("fr", "de") and re.match(r"\s*(?:pas|point|nicht)\b", after, re.IGNORECASE):
        return "negated"
    if cues.future.search(clause) or (lang == "fr" and _FUTURE_SUFFIX.search(sentence[start:end])):
        return "future"
    return "asserted"
