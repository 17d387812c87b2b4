"""Officials and bodies that speak without being named entities: "US officials", "the health ministry",
"Ukraine's General Staff", "the regional governor", "the Foreign Office", "les autorités locales".

A description is a head noun of office (ministry, officials, governor, staff, police...) with its
modifiers: an article, demonyms and possessives of a country ("Ukrainian", "Ukraine's"), acronyms
("US", "UN"), and adjectives of field or level ("health", "regional"), and an "of ..." complement with
capitalised words ("Ministry of Defence of Ukraine"). Its name is the phrase without its article.
The words of each language are its pack's ``official_*`` and ``general_staff`` claim words
(docs/languages.md); a description is read in any of them, since a quote may name an official in the
language of the official's country.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from newstrace.model import Source
from newstrace.text.claim_lexicon import NATIONALITY, alternatives, claim_words
from newstrace.text.nationalities import capitals, demonym, nationality_words


@dataclass(frozen=True)
class _Patterns:
    at_start: re.Pattern[str]
    at_end: re.Pattern[str]
    article: re.Pattern[str]
    staff: re.Pattern[str]
    installed: re.Pattern[str] | None


@functools.cache
def _patterns() -> _Patterns:
    """The description patterns, built from the packs' ``official_*`` claim words on first use."""
    heads = f"(?:{alternatives('official_heads')})"
    modifier = f"(?:{alternatives('official_modifiers')})"
    articles = alternatives("official_articles")
    # An "of ..." complement: capitalised words after a preposition, perhaps joined by another ("Ministry
    # of Defence of the Russian Federation").
    joiners = alternatives("official_joiners")
    joined = rf"(?:(?:{joiners})\s+)?" if joiners else ""
    word = r"(?-i:[A-Z][\w'’-]*)"
    complement = rf"(?:\s+(?:{alternatives('official_complement')})\s+{word}(?:\s+{joined}{word}){{0,4}})?"
    # French adjectives follow the noun: "les autorités locales", "des responsables américains".
    after = alternatives("official_after")
    postnominal = rf"(?:\s+(?:{after}))?" if after else ""
    # The group "head" ends at the head noun: a named body inside the complement ("the General Staff of
    # the Ukrainian Armed Forces") is not the speaker, one covering the head ("the UN human rights
    # office") is.
    phrase = rf"(?P<head>(?:(?:{articles})\s+)?(?:{modifier}\s+){{0,4}}{heads}\b){postnominal}{complement}"
    installed = alternatives("official_installed")
    # Words between the description and its speech verb ("the ministry has said").
    filler = alternatives("official_fillers")
    fillers = rf"(?:(?:{filler})\s+)?" if filler else ""
    return _Patterns(
        at_start=re.compile(rf"(?i)^\s*({phrase})"),
        at_end=re.compile(rf"(?i)(?<![\w'])({phrase})\s*(?:,\s*)?{fillers}$"),
        article=re.compile(rf"(?i)^(?:{articles})\s+"),
        # A country's staff that reports is its general staff ("the Ukrainian staff", "the General Staff
        # of the Ukrainian Armed Forces"): one name per country, so the ledger keeps its reports together.
        staff=re.compile(rf"(?i)\b(?:{alternatives('general_staff')})$"),
        # "Moscow-installed", "Russian-imposed authorities": one name, from the country.
        installed=re.compile(rf"(?i)\b(\w+)-(?:{installed})\b") if installed else None,
    )


@dataclass(frozen=True)
class Official:
    source: Source
    start: int  # where the description starts in the text searched
    head_end: int  # where its head noun ends
    end: int


def described_official(text: str, at_start: bool) -> Official | None:
    """The official described at the start of ``text`` (after "according to", after a speech verb) or
    at its end (the subject right before a speech verb); with where the description and its head end."""
    patterns = _patterns()
    m = (patterns.at_start if at_start else patterns.at_end).search(text)
    if m is None:
        return None
    phrase = m.group(1).strip()
    name = patterns.article.sub("", phrase)
    if len(name.split()) > 9:
        return None
    name = _canonical(name, m.group("head"))
    described = described_name(phrase)
    if described is not None:
        name = described  # "responsables américains" and "US officials" are one claimant
    return Official(Source(phrase, name, None), m.start(1), m.end("head"), m.end(1))


def _canonical(name: str, head: str) -> str:
    """One name for the bodies that go by several: a country's general staff, the authorities a
    country installed."""
    if _patterns().staff.search(head.strip()):
        sides = nationality_words(re.sub(r"['’]s\b", "", name))  # "Ukraine's General Staff"
        if sides:
            return f"{demonym(sides[0][2])} General Staff"
    pattern = _patterns().installed
    installed = pattern.search(name) if pattern is not None else None
    if installed is not None:
        word = installed.group(1)
        code = capitals().get(word.casefold()) or next((c for _, _, c in nationality_words(word)), None)
        if code is not None:
            name = name.replace(installed.group(), f"{demonym(code)}-installed")
    return name


def described_name(phrase: str, at_start: bool = False) -> str | None:
    """The one name of the source ``phrase`` describes ("responsables américains" and "US officials"
    are "American officials"), from the packs' descriptions: the first that matches (at the phrase's
    start only, if ``at_start``), a word of nationality in it named by its English adjective. None
    where none matches."""
    for pattern, name in claim_words().descriptors:
        m = pattern.match(phrase) if at_start else pattern.search(phrase)
        if m is None:
            continue
        if NATIONALITY not in name:
            return name
        found = nationality_words(m.group("nationality"))
        if found:
            return name.replace(NATIONALITY, demonym(found[0][2]))
    return None
