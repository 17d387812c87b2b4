"""Whether an event is said to have happened: negated, hypothetical (a condition, a threat, a purpose),
announced for the future, or asserted. Cues are read in the sentence before the trigger: negation close
to it, in its clause; a condition or a threat anywhere before it ("si le commandement refuse, ils
iront au front")."""

from __future__ import annotations

import re

_NEGATION = {
    "fr": r"\bne\b|\bn['’]|\bpas\b|\bjamais\b|\baucun\w*|\bsans\b|\bdémen\w*|\bni[ée]\w*\b",
    "en": r"\bnot\b|n't\b|\bno\b|\bnever\b|\bden(?:y|ied|ies)\b|\bwithout\b",
    "de": r"\bnicht\b|\bkein\w*|\bnie\b|\bdementier\w*|\bohne\b",
    "ru": r"\bне\b|\bнет\b|\bни\b|\bопроверг\w*|\bотрица\w*|\bбез\b",
    "uk": r"\bне\b|\bні\b|\bспростува\w*|\bзаперечу\w*|\bбез\b",
}
_HYPOTHETICAL = {
    "fr": r"\bsi\b|\bs['’]ils?\b|\bpourrai\w*|\bpourraient\b|\brisqu\w* de\b|"
    r"\bmena[cç]\w*|\benvisag\w*|\béventuel\w*|\bau cas où\b|\bhypoth\w*|\bmenace\w*",
    "en": r"\bif\b|\bcould\b|\bwould\b|\bmight\b|(?-i:\bmay\b)|\bthreat\w*|\bunless\b|\bin case\b|"
    r"\bpossible\b",
    "de": r"\bwenn\b|\bfalls\b|\bkönnte\w*|\bwürde\w*|\bdroh\w*|\bmöglich\w*",
    "ru": r"\bесли\b|\bбы\b|\bможет\b|\bмогут\b|\bугрож\w*|\bв случае\b|\bвозможн\w*",
    "uk": r"\bякщо\b|\bби\b|\bможе\b|\bможуть\b|\bпогрож\w*|\bу разі\b|\bможлив\w*",
}
# An intended event: "pour capturer le bastion", "to capture", "um ... zu", "чтобы захватить".
_PURPOSE = {
    "fr": r"(?:\bpour|\bafin de|\bvisant à|\btenter de|\btentent de|\btenté de)\s+"
    r"(?:mieux\s+|ensuite\s+|enfin\s+|de nouveau\s+)?$",
    # "started to pound", "continued to shell" say that it happened.
    "en": r"(?<!started )(?<!began )(?<!begun )(?<!continued )(?<!kept )(?<!went on )(?<!managed )"
    r"(?:\bto|\bin order to|\baimed at|\btrying to|\btried to)\s+$",
    "de": r"\bzu\s+$",
    "ru": r"(?:\bчтобы|\bпытаются|\bпытались)\s+$",
    "uk": r"(?:\bщоб|\bнамагаються|\bнамагалися)\s+$",
}
_FUTURE = {
    "fr": r"\bva\b|\bvont\b|\biront\b|\bsera\b|\bseront\b|\bprévoi\w*|\bs['’]apprêt\w*|\bcompte\w* \w+$",
    "en": r"\bwill\b|\bshall\b|\bgoing to\b|\bplan(?:s|ned)? to\b|\bset to\b|\babout to\b",
    "de": r"\bwird\b|\bwerden\b|\bplan\w*|\bwollen\b|\bwill\b",
    "ru": r"\bбудет\b|\bбудут\b|\bсобира\w*|\bпланиру\w*|\bнамерен\w*",
    "uk": r"\bбуде\b|\bбудуть\b|\bзбира\w*|\bплану\w*|\bма(?:є|ють) намір\b",
}
# French future tense on the trigger itself ("bombardera", "attaqueront"). The conditional ("aurait
# bombardé") is the press's way of reporting an unconfirmed event, so it does not make one hypothetical.
_FUTURE_SUFFIX = re.compile(r"(?:era|eront|erons|eras)$", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:,—–()«»\"“”]|\s(?:mais|but|aber|но|але|et|and|und|и|і)\s")
_NEGATION_REACH = 30


def _compile(table: dict[str, str]) -> dict[str, re.Pattern[str]]:
    return {lang: re.compile(p, re.IGNORECASE) for lang, p in table.items()}


_NEG, _HYP, _PURP, _FUT = (_compile(t) for t in (_NEGATION, _HYPOTHETICAL, _PURPOSE, _FUTURE))


def modality(sentence: str, start: int, end: int, lang: str | None) -> str:
    """``asserted``, ``negated``, ``hypothetical`` or ``future`` for the trigger at [start, end)."""
    lang = lang if lang in _NEG else "en"
    before = sentence[:start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    if _HYP[lang].search(before) or _PURP[lang].search(before):
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
