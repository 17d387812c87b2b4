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
    # "droh-" is threatening, not "Drohnen" (drones).
    "de": r"\bwenn\b|\bfalls\b|\bkönnte\w*|\bwürde\w*|\bdroh(?:t|te|ten|en|ung|ungen)\b|\bmöglich\w*",
    "ru": r"\bесли\b|\bбы\b|\bможет\b|\bмогут\b|\bугрож\w*|\bв случае\b|\bвозможн\w*",
    "uk": r"\bякщо\b|\bби\b|\bможе\b|\bможуть\b|\bпогрож\w*|\bу разі\b|\bможлив\w*",
}
# An obligation or a demand ("Russia must withdraw", "urged Moscow to withdraw", "doit se retirer",
# "должна отвести войска") or a stated goal ("its goal was the liberation of"): not done. Read in the
# trigger's own clause only, which a subordinator also opens ("urged residents to leave after troops
# shelled the town": the shelling happened).
_OBLIGATION = {
    "fr": r"\bdoi(?:t|vent)\b|\bdevrai(?:t|ent)\b|\bexhort\w*|\bobjectifs?\b",
    "en": r"\bmust\b|\bshould\b|\bneeds? to\b|\bneeded to\b|\burg(?:ed|es|ing)\b|\bgoals?\b|\baims?\b|"
    r"\bobjectives?\b",
    "de": r"\bmuss\b|\bmüssen\b|\bsollte\w*|\bforderte?n?\b",
    "ru": r"\bдолжн(?:а|ы|о)?\b|\bследует\b|\bпризвал\w*|\bпризыва\w*",
    "uk": r"\bповинн(?:а|і|о)?\b|\bмусить\b|\bмусять\b|\bслід\b|\bзакликал\w*|\bзаклика(?:є|ють)\b",
}
_SUBORDINATOR = re.compile(
    r"\b(?:after|when|because|since|as|while|après|lorsque|quand|parce|nachdem|als|weil|после|когда|"
    r"потому|після|коли|бо)\b",
    re.IGNORECASE,
)
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
    "fr": r"\bva\b|\bvont\b|\biront\b|\bsera\b|\bseront\b|\bprévoi\w*|\bs['’]apprêt\w*|\bcompte\w* \w+$|"
    r"\bprépar\w*",
    "en": r"\bwill\b|\bshall\b|\bgoing to\b|\bplan(?:s|ned)? to\b|\bset to\b|\babout to\b|"
    r"\bprepar(?:e|es|ing)\b|\bexpect(?:s|ed)? (?:to|an?|the)\b",
    "de": r"\bwird\b|\bwerden\b|\bplan\w*|\bwollen\b|\bwill\b|\bvorbereit\w*|\bbereite\w*",
    "ru": r"\bбудет\b|\bбудут\b|\bсобира\w*|\bпланиру\w*|\bнамерен\w*|\bготов(?:ит|ят|ится|ятся)\b|"
    r"\bподготовк\w*",
    "uk": r"\bбуде\b|\bбудуть\b|\bзбира\w*|\bплану\w*|\bма(?:є|ють) намір\b|\bготу(?:є|ють)\w*|"
    r"\bпідготовк\w*",
}
# A modifier of the trigger noun that makes the event one to come ("a planned offensive", "l'offensive
# attendue") or a supposed one ("a possible attack"): read right before the trigger, and right after it
# in French, whose adjectives follow the noun.
_PLANNED_BEFORE = {
    "fr": r"\b(?:prochaine?s?|futur(?:e|es|s)?|la grande)\s+$",
    "en": r"\b(?:planned|expected|anticipated|upcoming|forthcoming|impending|imminent|looming|"
    r"long-awaited|much-anticipated|promised)\s+(?:\w+\s+)?$|\b(?:next|coming)\s+$",
    "de": r"\b(?:geplant|erwartet|bevorstehend|angekündigt|kommend|nächst)\w*\s+$",
    "ru": r"\b(?:планируем|ожидаем|предстоящ|будущ|следующ|готовящ|анонсированн)\w*\s+$",
    "uk": r"\b(?:запланован|очікуван|майбутн|наступн|анонсован|підготовлюван)\w*\s+$",
}
_PLANNED_AFTER = {"fr": r"^\s+(?:prévue?s?|attendue?s?|annoncée?s?|planifiée?s?|promise?s?)\b"}
_SUPPOSED_BEFORE = {
    "fr": r"\b(?:éventuel\w*|possibles?|hypothétiques?)\s+$",
    "en": r"\b(?:possible|potential|feared|rumou?red|likely|hypothetical|eventual|alleged plans? for)"
    r"\s+(?:\w+\s+)?$",
    "de": r"\b(?:möglich|befürchtet|eventuell|potenziell)\w*\s+$",
    "ru": r"\b(?:возможн|вероятн|гипотетическ)\w*\s+$",
    "uk": r"\b(?:можлив|ймовірн|гіпотетичн)\w*\s+$",
}
_SUPPOSED_AFTER = {"fr": r"^\s+(?:éventuel\w*|redoutée?s?|envisagée?s?|possibles?)\b"}
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


def _compile(table: dict[str, str]) -> dict[str, re.Pattern[str]]:
    return {lang: re.compile(p, re.IGNORECASE) for lang, p in table.items()}


_NEG, _HYP, _PURP, _FUT = (_compile(t) for t in (_NEGATION, _HYPOTHETICAL, _PURPOSE, _FUTURE))
_OBLIG = _compile(_OBLIGATION)
_PLAN_B, _PLAN_A, _SUPP_B, _SUPP_A = (
    _compile(t) for t in (_PLANNED_BEFORE, _PLANNED_AFTER, _SUPPOSED_BEFORE, _SUPPOSED_AFTER)
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
