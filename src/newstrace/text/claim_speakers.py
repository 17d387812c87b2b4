"""Officials and bodies that speak without being named entities: "US officials", "the health ministry",
"Ukraine's General Staff", "the regional governor", "the Foreign Office", "les autorités locales".

A description is a head noun of office (ministry, officials, governor, staff, police...) with its
modifiers: an article, demonyms and possessives of a country ("Ukrainian", "Ukraine's"), acronyms
("US", "UN"), and adjectives of field or level ("health", "regional"), and an "of ..." complement with
capitalised words ("Ministry of Defence of Ukraine"). Its name is the phrase without its article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newstrace.model import Source
from newstrace.text.claim_lexicon import DESCRIPTORS
from newstrace.text.nationalities import capitals, demonym, nationality_words

_HEADS = (
    r"(?:officials?|authorities|community|ministry|ministries|minister|office|governor|mayor|spokes(?:man|woman|person)|"
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
    r"regional|local|military|senior|top|western|health|media|foreign|defen[cs]e|interior|emergency|state|"
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
# The group "head" ends at the head noun: a named body inside the complement ("the General Staff of the
# Ukrainian Armed Forces") is not the speaker, one covering the head ("the UN human rights office") is.
_PHRASE = (
    rf"(?P<head>(?:(?:the|a|an|les?|la|l')\s+)?(?:{_MODIFIER}\s+){{0,4}}{_HEADS}\b)"
    rf"{_POSTNOMINAL}{_COMPLEMENT}"
)
_AT_START = re.compile(rf"(?i)^\s*({_PHRASE})")
_AT_END = re.compile(rf"(?i)(?<![\w'])({_PHRASE})\s*(?:,\s*)?(?:also\s+|has\s+|have\s+|had\s+|later\s+)?$")
_ARTICLE = re.compile(r"(?i)^(?:the|a|an|les?|la|l')\s+")
# A country's staff that reports is its general staff ("the Ukrainian staff", "the General Staff of the
# Ukrainian Armed Forces"): one name per country, so the ledger keeps its reports together.
_STAFF = re.compile(r"(?i)(?:\bstaff|état-major|генштаб|Generalstab)$")
# "Moscow-installed", "Kremlin-backed", "Russian-imposed authorities": one name, from the country.
_INSTALLED = re.compile(r"(?i)\b([\w]+)-(?:installed|imposed|appointed)\b")


@dataclass(frozen=True)
class Official:
    source: Source
    start: int  # where the description starts in the text searched
    head_end: int  # where its head noun ends
    end: int


def described_official(text: str, at_start: bool) -> Official | None:
    """The official described at the start of ``text`` (after "according to", after a speech verb) or
    at its end (the subject right before a speech verb); with where the description and its head end."""
    m = (_AT_START if at_start else _AT_END).search(text)
    if m is None:
        return None
    phrase = m.group(1).strip()
    name = _ARTICLE.sub("", phrase)
    if len(name.split()) > 9:
        return None
    name = _canonical(name, m.group("head"))
    for pattern, canonical in DESCRIPTORS:
        if pattern.search(phrase):
            name = canonical  # "responsables américains" and "US officials" are one claimant
            break
    return Official(Source(phrase, name, None), m.start(1), m.end("head"), m.end(1))


def _canonical(name: str, head: str) -> str:
    """One name for the bodies that go by several: a country's general staff, the authorities a
    country installed."""
    if _STAFF.search(head.strip()):
        sides = nationality_words(re.sub(r"['’]s\b", "", name))  # "Ukraine's General Staff"
        if sides:
            return f"{demonym(sides[0][2])} General Staff"
    installed = _INSTALLED.search(name)
    if installed is not None:
        word = installed.group(1)
        code = capitals().get(word.casefold()) or next((c for _, _, c in nationality_words(word)), None)
        if code is not None:
            name = name.replace(installed.group(), f"{demonym(code)}-installed")
    return name
