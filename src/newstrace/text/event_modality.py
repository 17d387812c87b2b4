"""Whether an event is said to have happened: negated, hypothetical (a condition, a threat, a purpose),
announced for the future, or asserted. Cues are read in the sentence before the trigger: negation close
to it, in its clause; a condition or a threat anywhere before it ("si le commandement refuse, ils
iront au front")."""

from __future__ import annotations

import re

from newstrace.languages import packs

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


def _compile(cue: str) -> dict[str, re.Pattern[str]]:
    return {p.code: re.compile(p.modality[cue], re.IGNORECASE) for p in packs() if cue in p.modality}


_NEG, _HYP, _PURP, _FUT = (_compile(t) for t in ("negation", "hypothetical", "purpose", "future"))
_OBLIG = _compile("obligation")
_PLAN_B, _PLAN_A, _SUPP_B, _SUPP_A = (
    _compile(t) for t in ("planned_before", "planned_after", "supposed_before", "supposed_after")
)


def _modifier(before: str, after: str, lang: str) -> str | None:
    if (lang in _SUPP_B and _SUPP_B[lang].search(before)) or (lang in _SUPP_A and _SUPP_A[lang].match(after)):
        return "hypothetical"
    if (lang in _PLAN_B and _PLAN_B[lang].search(before)) or (lang in _PLAN_A and _PLAN_A[lang].match(after)):
        return "future"
    return None


def modality(sentence: str, start: int, end: int, lang: str | None) -> str:
    """``asserted``, ``negated``, ``hypothetical`` or ``future`` for the trigger at [start, end)."""
    lang = lang if lang in _NEG else "en"
    before = sentence[:start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    modified = _modifier(before, sentence[end:], lang)
    if modified is not None:
        return modified
    purpose = _PURP[lang].search(before) is not None and not _INSTRUMENT.search(before)
    subs = list(_SUBORDINATOR.finditer(clause))
    own = clause[subs[-1].end() :] if subs else clause
    if _HYP[lang].search(before) or purpose or _OBLIG[lang].search(own):
        return "hypothetical"
    if _NEG[lang].search(clause[-_NEGATION_REACH:]):
        return "negated"
    # "n'ont jamais bombardé ... pas": a negation right after a French/German verb.
    after = sentence[end : end + 12]
    if lang in ("fr", "de") and re.match(r"\s*(?:pas|point|nicht)\b", after, re.IGNORECASE):
        return "negated"
    if _FUT[lang].search(clause) or (lang == "fr" and _FUTURE_SUFFIX.search(sentence[start:end])):
        return "future"
    return "asserted"
