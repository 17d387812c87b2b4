"""Whether a trigger word is used in its event sense. Each rule names a class of cases:

- a trigger noun used as the modifier of another noun names a kind of thing, not an event ("battle
  groups", "assault rifles", "attack helicopters", "fighting vehicles"; French "groupe de combat",
  "fusil d'assaut", where the modified noun comes first);
- an adjective form of a trigger is not an event: after a copula or a degree adverb ("is offensive",
  "deeply offensive") or coordinated with another adjective ("offensive and unacceptable");
- a figurative battle is not a fight ("legal battle", "political battle", "battle against inflation");
- a protest verb with a direct object rallies someone, it is not a protest ("rally the troops",
  "rallied support").

A verb of force that does not say how ("struck", "hit") needs a weapon or an armed force in its
sentence (``armed_agent``), so that "the storm struck" and "hit by sanctions" are not attacks.
"""

from __future__ import annotations

import re

# Nouns a trigger modifies when it names a kind of unit, weapon, vehicle or quality.
_HEADS = {
    "en": r"groups?|units?|tanks?|rifles?|troops|brigades?|battalions?|regiments?|squads?|teams?|"
    r"helicopters?|aircraft|jets?|drones?|weapons?|weaponry|vehicles?|gear|ships?|boats?|zones?|"
    r"readiness|experience|capabilit(?:y|ies)|formations?|training|uniforms?|fatigues|boots|dress|dogs?|"
    r"cry|plans?|lines?|positions|posture|age|chance|spirit|words?|stance|capacity|power|potential|"
    r"role|operations? (?:centre|center)|course|forces|equipment|kit|craft|shelters?|sirens?|alerts?|"
    r"alarms?|warnings?",
    "fr": r"groupes?|unités?|chars?|fusils?|hélicoptères?|avions?|brigades?|bataillons?|tenues?|"
    r"véhicules?|drones?|navires?|bateaux?|troupes",
    "de": r"gruppen?|einheiten?|panzer|gewehre?|hubschrauber|flugzeuge?|waffen|fahrzeuge?",
}
# A trigger that follows one of these nouns and "de"/"d'" modifies it (French word order).
_HEAD_BEFORE = {
    "fr": re.compile(r"(?:" + _HEADS["fr"] + r")\s+(?:de|d['’])\s*$", re.IGNORECASE),
}
_HEAD_AFTER = {
    lang: re.compile(r"\s+(?:" + heads + r")\b", re.IGNORECASE)
    for lang, heads in _HEADS.items()
    if lang != "fr"
}
# Trigger words that are also adjectives (English "offensive", French "offensive").
_ADJECTIVAL = re.compile(r"^(?:offensive|offensif|offensifs|offensives)$", re.IGNORECASE)
_ADJECTIVE_BEFORE = re.compile(
    r"(?:\b(?:is|are|was|were|be|been|being|seems?|seemed|found|very|deeply|so|too|most|more|highly|"
    r"extremely|quite|particularly|considered|est|sont|était|très|trop|plus)\s+)$",
    re.IGNORECASE,
)
_ADJECTIVE_AFTER = re.compile(r"^\s*(?:and|or|et|ou)\s+(?!the\b|la\b|le\b|les\b)\w+", re.IGNORECASE)
_FIGURATIVE_BEFORE = re.compile(
    r"\b(?:legal|political|court|courtroom|diplomatic|uphill|ratings|electoral|bureaucratic|"
    r"custody|public[- ]relations|PR|juridique|politique|judiciaire|juristische\w*|politische\w*|"
    r"судебн\w*|политическ\w*|юридичн\w*|політичн\w*|судов\w*)\s+$",
    re.IGNORECASE,
)
# Fights against an abstraction, for a cause, or of wills: "fighting disinformation", "a battle of
# wills", "Ukraine is fighting for its survival" (a statement about the war, not one battle).
_FIGURATIVE_AFTER = re.compile(
    r"^\s+(?:(?:against|over|with|of)\s+)?(?:the\s+)?(?:corruption|inflation|poverty|cancer|virus|covid|"
    r"disease|climate|crime|prices|addiction|obesity|unemployment|disinformation|misinformation|"
    r"propaganda|fake news|wills|nerves|ideas|narratives|logistics|sanctions|criticism|questions|"
    r"insults|complaints|accusations|claims|messages)\b"
    r"|^\s+for\s+(?:its|their|his|her|our|your|the)\s+(?:survival|sovereignty|rights|freedom|"
    r"independence|future|existence|land|values|democracy)\b",
    re.IGNORECASE,
)
_BATTLE_WORDS = re.compile(
    r"^(?:battles?|fight(?:ing|s)?|fought|barrages?|bombardments?|bataille|combats?|lutte|schlacht\w*|"
    r"kampf\w*|битв\w*|борьб\w*)$",
    re.IGNORECASE,
)
# Protest verbs that take an object are other verbs: "rally the troops", "demonstrated that ...".
_RALLY = re.compile(r"^(?:rall(?:y|ied|ies|ying)|demonstrated)$", re.IGNORECASE)
_RALLY_OBJECT = re.compile(
    r"^\s+(?:the|his|her|their|its|our|your|behind|around|round|support|troops|allies|voters|base|"
    r"morale|to|back|investors|markets?|that|how|an?|so|clearly|once)\b",
    re.IGNORECASE,
)
# Intercepted information is intelligence, not a shoot-down.
_INTERCEPTED = re.compile(r"^intercept\w*$", re.IGNORECASE)
_INFORMATION = re.compile(
    r"^\s+(?:\w+\s+)?(?:data|calls?|communications?|conversations?|messages?|radio|e-?mails?|"
    r"phone|signals|documents?|letters?|shipments?|cargo)\b",
    re.IGNORECASE,
)
# Armed forces as an agent of an unspecific verb of force (nouns only: "military budget" does not count).
_ARMED = {
    "en": r"forces|troops|army|soldiers|servicemen|militants?|rebels?|fighters|gunmen|partisans|"
    r"units?|navy|marines|militia\w*|paramilitar\w*|insurgents?|guerrillas?|military\b(?! \w)",
    "fr": r"forces|troupes|armée|militaires|soldats|rebelles|combattants|insurgés|milices?|séparatistes",
    "de": r"truppen|streitkräfte|armee|militär|soldaten|kämpfer|rebellen|separatisten|milizen?",
    "ru": r"войск\w*|сил(?:ы|ами)\b|арми\w*|военн(?:ые|ых|ыми)\b|боевик\w*|ВСУ|ВС РФ|ополченц\w*",
    "uk": r"військ\w*|сил(?:и|ами)\b|армі\w*|військов(?:і|их|ими)\b|бойовик\w*|ЗСУ|окупант\w*",
}
_ARMED_RE = {lang: re.compile(r"(?<!\w)(?:" + p + r")", re.IGNORECASE) for lang, p in _ARMED.items()}


# Trigger nouns that can modify another noun (verb forms never do: "shot down drones" is an event).
_NOUNISH = re.compile(
    r"(?:battle|combat|assault|attack|strike|offensive|fighting|fire|raid|clash|protest|rally|siege|"
    r"storm|shelling|artillery|bombardment)s?$",
    re.IGNORECASE,
)


def event_sense(text: str, start: int, end: int, lang: str | None) -> bool:
    """False where the trigger at [start, end) of ``text`` is not used in an event sense."""
    word = text[start:end]
    before, after = text[:start], text[end:]
    if lang in _HEAD_AFTER and _NOUNISH.search(word) and _HEAD_AFTER[lang].match(after):
        return False
    if lang in _HEAD_BEFORE and _HEAD_BEFORE[lang].search(before):
        return False
    if _ADJECTIVAL.match(word) and (_ADJECTIVE_BEFORE.search(before) or _ADJECTIVE_AFTER.match(after)):
        return False
    if _BATTLE_WORDS.match(word) and (_FIGURATIVE_BEFORE.search(before) or _FIGURATIVE_AFTER.match(after)):
        return False
    if _INTERCEPTED.match(word) and _INFORMATION.match(after):
        return False
    return not (_RALLY.match(word) and _RALLY_OBJECT.match(after))


def armed_agent(text: str, lang: str | None) -> bool:
    """Whether the sentence names an armed force (the agent or the target of a verb of force)."""
    pattern = _ARMED_RE.get(lang or "en", _ARMED_RE["en"])
    return pattern.search(text) is not None
