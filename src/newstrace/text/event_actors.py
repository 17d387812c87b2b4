"""Words that tell who acted when no named actor is linked: a side ("bombardements ukrainiens",
"Russian troops", "российские войска") or a civilian group ("les épouses", "wives", "жёны")."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from newstrace.languages import pack
from newstrace.text.claim_lexicon import claim_words
from newstrace.text.nationalities import nationality_words

CIVILIANS = re.compile(
    r"(?<!\w)(?:femmes|épouses|mères|habitants|civils|manifestants|proches|familles|"
    r"women|wives|mothers|residents|civilians|protesters|relatives|families|partners|"
    r"frauen|ehefrauen|mütter|angehörige|bewohner|demonstranten|"
    r"ж[её]н(?:ы)?\b|женщин\w*|матер\w*|родственник\w*|жител\w*|протестующ\w*|"
    r"дружин\w*|жінк\w*|матер\w*|мешканц\w*|родич\w*|протестувальник\w*)",
    re.IGNORECASE,
)
# Targets that are many places at once: "les villes ukrainiennes", "across Sudan", "Syrian towns"; the
# named word must be a country's (text/nationalities.py).
_MANY_PLACES = re.compile(
    r"(?:villes|localités|régions) (?P<a>\w+)|"
    r"à travers (?:le pays|l['\u2019](?P<b>\w+)|la (?P<c>\w+)|le (?P<d>\w+))|"
    r"(?P<e>\w+) (?:cities|towns)\b|(?:cities|towns) across|across (?:the country|(?P<f>\w+))|"
    r"(?P<g>\w+?)n? Städte|по всей (?:стране|(?P<h>\w+))|(?P<i>\w+) город\w*|по всій (?:країні|(?P<j>\w+))|"
    r"(?P<k>\w+) міст\w*",
    re.IGNORECASE,
)


def many_places(text: str) -> bool:
    """Whether ``text`` names a whole country's towns as the target rather than one place."""
    for m in _MANY_PLACES.finditer(text):
        named = [g for g in m.groupdict().values() if g]
        if not named or nationality_words(named[0]):
            return True
    return False


# "from Belgorod into Luhansk": a place after these is where the event came from, not where it was.
ORIGIN_BEFORE = re.compile(
    r"(?:\bfrom|\bdepuis|\bdepuis la ville de|\baus|\bvon|\bиз|\bз|\bвід)\s+(?:the |la |le |l['’])?$",
    re.IGNORECASE,
)
# What may stand before a place that speaks for its government: nothing, or the end of a clause.
_CLAUSE_START = re.compile(r"(?:^|[,;:«“\"(]|\s[\u2013\u2014-])\s*$")


def speaker(text: str, start: int, end: int) -> bool:
    """Whether the place at ``text[start:end]`` stands for who reports, not where something happened:
    the source after an attribution phrase ("selon Moscou, 30 000 soldats ont été évacués") or the
    subject of a speech verb opening its clause ("Moscow said its troops had left Kherson")."""
    words = claim_words()
    if words.source_ends.search(text, max(0, start - 40), start):
        return True
    return bool(words.speech_next.match(text, end)) and _CLAUSE_START.search(text, 0, start) is not None


# A name that ends in an incident or event noun names what happened, not who acted ("Helicopter
# Crash", "Kerch Bridge Attack", "Minsk Agreement"): never an actor.
_INCIDENT_HEAD = re.compile(
    r"(?:crash|accident|attack|attacks|explosion|blast|fire|disaster|incident|war|battle|offensive|"
    r"strike|strikes|summit|conference|agreement|deal|crisis|tragedy|massacre|shelling|bombing|"
    r"collapse|flood|earthquake|siege|invasion|"
    r"attaque|incendie|catastrophe|guerre|bataille|sommet|accord|crise|"
    r"absturz|unfall|angriff|brand|katastrophe|krieg|schlacht|gipfel|abkommen|krise|"
    r"катастроф\w*|крушени\w*|авари\w*|атак\w*|взрыв\w*|пожар\w*|войн\w*|битв\w*|саммит\w*|"
    r"соглашени\w*|кризис\w*|вибух\w*|війн\w*|угод\w*|криз\w*)$",
    re.IGNORECASE,
)


def acts(name: str) -> bool:
    """Whether a recognised name can be an actor: not one whose head noun is an incident or event."""
    words = name.strip().split()
    return bool(words) and _INCIDENT_HEAD.match(words[-1].strip(".,;:'’\"")) is None


@functools.cache
def _possessor(lang: str | None) -> re.Pattern[str] | None:
    found = pack(lang)
    return re.compile(found.event_possessor, re.IGNORECASE) if found and found.event_possessor else None


def possessed(before: str, lang: str | None) -> re.Match[str] | None:
    """The possessive right before an event noun ("Navalny's ", "his ", "son "), at the end of
    ``before`` (the sentence up to the trigger), in the language's words."""
    pattern = _possessor(lang)
    return pattern.search(before) if pattern is not None else None


def quotation_around(quotes: Sequence[tuple[int, int]], start: int) -> tuple[int, int] | None:
    """The quotation (start, end) a trigger at ``start`` lies in: an event told inside a quotation
    takes its actors from the quotation, never from the speaker named outside it ("X said: “Torture
    was used...”": X reports, X did not torture)."""
    return next(((s, e) for s, e in quotes if s <= start < e), None)
