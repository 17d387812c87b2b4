"""Officials and bodies that speak without being named entities: "US officials", "the health ministry",
"Ukraine's General Staff", "the regional governor", "the Foreign Office", "les autorités locales".

A description is a head noun of office (ministry, officials, governor, staff, police...) with its
modifiers: an article, demonyms and possessives of a country ("Ukrainian", "Ukraine's"), acronyms
("US", "UN"), and adjectives of field or level ("health", "regional"), and an "of ..." complement with
capitalised words ("Ministry of Defence of Ukraine"). Its name is the phrase without its article.
"""

from __future__ import annotations

import re

from newstrace.model import Source
from newstrace.text.claim_lexicon import DESCRIPTORS

_HEADS = (
    r"(?:officials?|authorities|ministry|ministries|minister|office|governor|mayor|spokes(?:man|woman|person)|"
    r"presidency|staff|updates?|media|press|outlets?|newspapers?|broadcasters?|television|courts?|tribunal|"
    r"general\s+staff|staff|police|prosecutors?|army|armed\s+forces|military|command|agency|council|"
    r"mission|monitors?|watchdog|administration|government|cabinet|kremlin|pentagon|service|"
    r"intelligence|commander|commissioner|ombudsman|ombudsperson|department|committee|"
    r"autorités|responsables?|ministère|gouverneur|porte-parole|état-major|armée|"
    r"власти|министерство|минобороны|губернатор|генштаб|власті|міністерство|губернатор|генштаб|"
    r"Behörden|Ministerium|Gouverneur|Generalstab|Armee|Regierung)"
)
_MODIFIER = (
    r"(?:(?-i:[A-Z][a-z]+(?:ian|ean|an|ish|ese|i|ch))|(?-i:[A-Z][\w.-]*'s)|(?-i:[A-Z]{2,}|U\.[SK]\.)|"
    r"regional|local|military|senior|top|western|health|foreign|defen[cs]e|interior|emergency|state|"
    r"city|district|oblast|national|federal|presidential|prosecutor's|general|human\s+rights|border|"
    r"occupation|russian-installed|russian-backed|pro-russian|moscow-installed|separatist|"
    r"locales?|régionales?|ukrainiens?|russes|américains?|britanniques|"
    r"местные|региональные|місцеві|обласні|ukrainische[nr]?|russische[nr]?)"
)
_COMPLEMENT = (
    r"(?:\s+(?:of|for|in|de\s+la|de\s+l'|du|des)\s+(?:the\s+)?"
    r"(?-i:[A-Z][\w'’-]*)(?:\s+(?:of\s+(?:the\s+)?)?(?-i:[A-Z][\w'’-]*)){0,4})?"
)
# French adjectives follow the noun: "les autorités locales", "des responsables américains".
_POSTNOMINAL = r"(?:\s+(?:locales?|régionales?|ukrainiens?|russes|américains?|britanniques|militaires))?"
_PHRASE = rf"(?:(?:the|a|an|les?|la|l')\s+)?(?:{_MODIFIER}\s+){{0,4}}{_HEADS}\b{_POSTNOMINAL}{_COMPLEMENT}"
_AT_START = re.compile(rf"(?i)^\s*({_PHRASE})")
_AT_END = re.compile(rf"(?i)(?<![\w'])({_PHRASE})\s*(?:,\s*)?(?:also\s+|has\s+|have\s+|had\s+|later\s+)?$")
_ARTICLE = re.compile(r"(?i)^(?:the|a|an|les?|la|l')\s+")


def described_official(text: str, at_start: bool) -> tuple[Source, int] | None:
    """The official described at the start of ``text`` (after "according to", after a speech verb) or
    at its end (the subject right before a speech verb); with where the description ends in ``text``."""
    m = (_AT_START if at_start else _AT_END).search(text)
    if m is None:
        return None
    phrase = m.group(1).strip()
    name = _ARTICLE.sub("", phrase)
    if len(name.split()) > 9:
        return None
    for pattern, canonical in DESCRIPTORS:
        if pattern.search(phrase):
            name = canonical  # "responsables américains" and "US officials" are one claimant
            break
    return Source(phrase, name, None), m.end(1)
