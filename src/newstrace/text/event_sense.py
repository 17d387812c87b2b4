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
# What one withdraws from, or takes back, when it is not a force from ground (a body's own troops, "the
# Union's troops", still are).
_WITHDRAW = re.compile(r"^(?:withdr\w*|pull(?:ed|s|ing)? out|pull-out)$", re.IGNORECASE)
_NOT_GROUND = re.compile(
    r"^\s+(?:(?:from|of)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,3}?(?:deal|agreement|"
    r"treaty|accord|talks|negotiations|initiative|convention|pact|statute|council|organi[sz]ation|court|"
    r"union|alliance|bloc|race|election|competition|tournament|contest|market|programme|program|scheme)s?"
    r"|(?:its|their|his|her|the)\s+(?:ambassadors?|envoys?|diplomats?|support|funding|candidacy|bid|"
    r"application|offer|proposal|recognition|membership|licen[cs]es?|accreditation|investments?|bill|"
    r"draft|complaint|lawsuit|resolution|nomination|statement|remarks?))\b(?!['’])",
    re.IGNORECASE,
)
# Intercepted information is intelligence, not a shoot-down.
_INTERCEPTED = re.compile(r"^intercept\w*$", re.IGNORECASE)
_INFORMATION = re.compile(
    r"^\s+(?:\w+\s+)?(?:data|calls?|communications?|conversations?|messages?|radio|e-?mails?|"
    r"phone|signals|documents?|letters?|shipments?|cargo)\b",
    re.IGNORECASE,
)
# Trigger nouns that can modify another noun (verb forms never do: "shot down drones" is an event).
_NOUNISH = re.compile(
    r"(?:battle|combat|assault|attack|strike|offensive|fighting|fire|raid|clash|protest|rally|siege|"
    r"storm|shelling|artillery|bombardment|arrest|detention)s?$",
    re.IGNORECASE,
)

# The first element of a hyphenated compound: a letter right after the hyphen ("battle-tested"; a
# dash between words is spaced or is another character).
_COMPOUND_NEXT = re.compile(r"^-[^\W\d_]")


def event_sense(text: str, start: int, end: int, lang: str | None) -> bool:
    """False where the trigger at [start, end) of ``text`` is not used in an event sense."""
    word = text[start:end]
    before, after = text[:start], text[end:]
    own = _pack_sense(lang)
    if own.head_after and _NOUNISH.search(word) and own.head_after.match(after):
        return False
    if _NOUNISH.search(word) and _COMPOUND_NEXT.match(after):
        return False
    if own.head_before and own.head_before.search(before):
        return False
    if _ADJECTIVAL.match(word) and (_ADJECTIVE_BEFORE.search(before) or _ADJECTIVE_AFTER.match(after)):
        return False
    if _BATTLE_WORDS.match(word) and (_FIGURATIVE_BEFORE.search(before) or _FIGURATIVE_AFTER.match(after)):
        return False
    if _INTERCEPTED.match(word) and _INFORMATION.match(after):
        return False
    if _WITHDRAW.match(word) and _NOT_GROUND.match(after):
        return False
    return not (_RALLY.match(word) and _RALLY_OBJECT.match(after))


def armed_agent(text: str, lang: str | None) -> bool:
    """Whether the sentence names an armed force (the agent or the target of a verb of force)."""
    pattern = _pack_sense(lang).armed or _pack_sense("en").armed
    return pattern is not None and pattern.search(text) is not None
