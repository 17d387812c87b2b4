"""What a figure counts, decided before any claim is made from it: people, military equipment, or
something that is never a casualty figure (a date, a percentage, money, a duration, an age, an
identifier, a count of attacks, weapons, buildings or places).

The role is read from the words next to the figure: the noun it quantifies ("51 attacks", "over 30
houses", "deux roquettes"), a unit glued to it ("78%", "six-year term", "£3bn"), a month beside it
("September 4", "July 11", "16 мая"), or the commas of an apposition ("Mr Smith, 55, ..."). Every
pattern is anchored at a word boundary; each one has a test with a sentence of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Roles that may become a casualty claim; every other role is dropped before the kind is looked at.
CLAIMABLE = frozenset({"people", "equipment", "bare"})

# Up to two modifiers between the figure and its noun ("30 more houses", "12 Ukrainian soldiers"); a
# verb, a preposition or a casualty word ends the noun phrase ("3 died in strikes" counts no strikes).
_GAP_STOP = (
    r"(?:were|was|are|is|be|been|have|has|had|in|on|at|by|from|after|during|and|or|but|who|which|that|"
    r"to|for|with|died|killed|wounded|injured|dead|ont|sont|été|dans|par|et|ou|qui|были|было|в|на|и|"
    r"або|і|у|wurden|sind|in|bei|und|oder)"
)
_NOUN_GAP = (
    r"^[\s-]*(?:of\s+|de\s+|d'|des\s+|du\s+)?"
    rf"(?:(?!{_GAP_STOP}\b)(?:[^\W\d_][\w'’-]*)\s+){{0,2}}?"
)
_PERCENT = re.compile(r"(?i)^\s*(?:%|per\s?cent\b|percent\b|pour\s?cent\b|процент\w*|відсот\w*|Prozent\b)")
_MONEY_AFTER = re.compile(
    r"(?i)^\s*(?:bn\b|m\b|billion\s+(?:dollars|euros|pounds)|(?:de |d')?(?:dollars?|euros?|pounds?|"
    r"livres?|roubles?|rubles?|hryvnias?|гривен\w*|гривн\w*|рубл\w*|доллар\w*|долар\w*|євро|евро|Euro)\b)"
)
_MONEY_BEFORE = re.compile(r"(?:[$£€₴₽]|\bUSD|\bEUR|\bUAH|\bRUB)\s*$")
_DURATION = re.compile(
    r"(?i)^[\s-]*(?:years?|months?|weeks?|days?|nights?|hours?|minutes?|seconds?|decades?|centur(?:y|ies)|"
    r"ans?\b|années?|mois|semaines?|jours?|heures?|minutes?|"
    r"лет\b|год\w*|месяц\w*|недел\w*|дн(?:я|ей|і|ів)\b|сут\w*|час\w*|рок(?:и|ів)\b|місяц\w*|тижн\w*|"
    r"годин\w*|Jahre?n?\b|Monate?n?\b|Wochen?\b|Tage?n?\b|Stunden?\b)(?!\w)"  # "jours" is not "journalists"
)
_AGE_APPOSITION = re.compile(r"(?:[A-ZА-ЯІЇЄ][\w'’-]+|\))\s*,\s*$")
_DAY_MONTH = re.compile(r"(?:0?[1-9]|[12]\d|3[01])[./](?:0[1-9]|1[0-2])")
_AGED = re.compile(
    r"(?i)\b(?:aged|âgée?s?|im Alter von|в возрасте|віком)\s+(?:\d+\s+(?:and|et|und|и|і)\s+)?$"
)
_AGE_END = re.compile(r"^\s*(?:,|\)|$|\.\s)")
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|janvier|février|mars|avril|mai|juin|juillet|"
    r"août|septembre|octobre|novembre|décembre|Januar|Februar|März|Juni|Juli|Oktober|Dezember)"
)
_MONTH_BEFORE = re.compile(rf"\b{_MONTHS}\.?\s*$")  # case kept: "may", "march" are verbs too
_MONTH_AFTER = re.compile(
    r"(?i)^\s*(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|"
    r"січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня)\b"
)
_IDENTIFIER_BEFORE = re.compile(
    r"(?i)(?:\b(?:No|Nr|Number|Resolution|Article|Section|Flight|Route|Highway|Building|Room|page|"
    r"чч|рейс)\.?|#|№)\s*$"
)
# Nouns of things that are counted in war reports but are not people: attacks and weapons fired,
# buildings, places, units of measure and of organisation.
_THINGS = re.compile(
    r"(?i)(?:attacks?|strikes?|airstrikes?|assaults?|raids?|shells?|shelling|rounds?|rockets?|missiles?|"
    r"drones?|bombs?|mines?|explosions?|blasts?|shots?|sorties?|projectiles?|munitions?|"
    r"houses?|homes?|buildings?|apartments?|flats?|schools?|hospitals?|villages?|towns?|cities|"
    r"settlements?|regions?|countries|nations?|states?|districts?|oblasts?|battalions?|brigades?|"
    r"divisions?|groups?|units?|kilomet\w+|km\b|miles?|metres?|meters?|tonnes?|tons?|points?|votes?|"
    r"cases?(?!\s+of\b)|times|pages?|articles?|sanctions?|packages?|events?|incidents?|"
    r"attaques?|frappes?|obus|roquettes?|missiles?|drones?|explosions?|maisons?|bâtiments?|villages?|"
    r"pays|fois|ракет\w*|дрон\w*|беспилотник\w*|снаряд\w*|удар\w*|атак\w*|дом\w*|здани\w*|сел\w*|"
    r"взрыв\w*|раз\b|будин\w*|вибух\w*|обстріл\w*|Raketen|Drohnen|Angriffe?n?|Häuser|Gebäude|"
    r"Explosionen|Dörfer|Mal\b)\b"
)
_EQUIPMENT = re.compile(
    r"(?i)(?:tanks?|vehicles?|armou?red|APCs?|IFVs?|aircraft|planes?|jets?|helicopters?|ships?|vessels?|"
    r"boats?|howitzers?|guns?|artillery|air[- ]defen[cs]e|launchers?|systems?|chars?|blindés?|"
    r"véhicules?|avions?|hélicoptères?|navires?|танк\w*|бронетехник\w*|самол[её]т\w*|вертол[её]т\w*|"
    r"літак\w*|гелікоптер\w*|Panzer\w*|Fahrzeuge?|Flugzeuge?|Hubschrauber)\b"
)
_PEOPLE = re.compile(
    r"(?i)(?:people|persons?|civilians?|soldiers?|solders?|troops|servicem[ae]n|servicewom[ae]n|"
    r"service\s+members|militar(?:y|ies)|personnel|fighters?|mercenaries|m[ae]n|wom[ae]n|child(?:ren)?|"
    r"kids|boys?|girls?|bab(?:y|ies)|media\s+(?:workers|professionals)|residents?|inhabitants|citizens|nationals|refugees|migrants|journalists?|reporters?|"
    r"medics?|doctors?|rescuers?|workers?|volunteers?|officers?|sailors?|pilots?|prisoners?|POWs?|"
    r"detainees?|hostages?|victims?|bodies|lives|deaths?|dead|wounded|injured|casualties|conscripts?|"
    r"recruits?|reservists?|deserters?|protesters?|demonstrators?|individuals?|"
    r"(?-i:[A-Z][a-z]+(?:ians?|ans|ese|is))\b|"
    r"personnes|civils|soldats|militaires|hommes|femmes|enfants|habitants|combattants|réfugiés|"
    r"prisonniers|morts|blessés|tués|людей|человек|чел\b|осіб|військов\w*|военн\w*|солдат\w*|"
    r"бойц\w*|бійц\w*|мирн\w*|цивільн\w*|жител\w*|мешканц\w*|дет\w*|діт\w*|женщин\w*|жінок|"
    r"Menschen|Personen|Zivilisten|Soldaten|Kinder|Frauen|Männer|Kämpfer|Tote|Verletzte)\b"
)
_THING_NOUN = re.compile(_NOUN_GAP + r"(?P<noun>" + _THINGS.pattern[4:] + ")", re.IGNORECASE)
_EQUIPMENT_NOUN = re.compile(_NOUN_GAP + r"(?P<noun>" + _EQUIPMENT.pattern[4:] + ")", re.IGNORECASE)
PEOPLE_NOUN = _PEOPLE_NOUN = re.compile(_NOUN_GAP + r"(?P<noun>" + _PEOPLE.pattern[4:] + ")", re.IGNORECASE)


def number_role(text: str, start: int, end: int) -> str:
    """The role of the figure at ``text[start:end]``: people, equipment, bare (no noun: the predicate
    decides), or a role that is never a casualty figure (date, percent, money, duration, age,
    identifier, things)."""
    after = text[end : end + 60]
    before = text[max(0, start - 30) : start]
    if _DAY_MONTH.fullmatch(text[start:end]) and (before.endswith("(") or after.startswith(")")):
        return "date"  # "(27.04)"
    for role, test in _UNIT_RULES:
        if test(before, after):
            return role
    return _noun_role(after)


def _noun_role(after: str) -> str:
    """The first noun after the figure decides; the earliest of people, equipment and things wins."""
    found = []
    for role, pattern in (("people", _PEOPLE_NOUN), ("equipment", _EQUIPMENT_NOUN), ("things", _THING_NOUN)):
        m = pattern.match(after)
        if m is not None:
            found.append((m.start("noun"), role))
    if not found:
        return "bare"
    return min(found)[1]


def _is_age(before: str, after: str) -> bool:
    """ "Olena Kovalenko, 55, was ..." / "(55)": a figure alone between commas after a name."""
    return bool(_AGE_APPOSITION.search(before) and _AGE_END.match(after) and not _PEOPLE_NOUN.match(after))


_UNIT_RULES: list[tuple[str, Callable[[str, str], bool]]] = [
    ("percent", lambda b, a: bool(_PERCENT.match(a))),
    ("money", lambda b, a: bool(_MONEY_AFTER.match(a) or _MONEY_BEFORE.search(b))),
    ("duration", lambda b, a: bool(_DURATION.match(a))),
    ("date", lambda b, a: bool(_MONTH_BEFORE.search(b) or _MONTH_AFTER.match(a))),
    ("identifier", lambda b, a: bool(_IDENTIFIER_BEFORE.search(b))),
    ("age", _is_age),
    ("age", lambda b, a: bool(_AGED.search(b))),
]
