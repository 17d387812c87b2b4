"""Words that make a number a claim: what it counts, about whom, and who says so.

The words of kinds, people, sources, speech, subject pronouns, equipment losses, protests and "the
number of" are the language packs' (``claim_words()`` joins them, whatever the text's language); the
other patterns here still hold the first five languages' words. Patterns are word stems matched at word
starts, so "tués", "tuées", "killed", "убиты", "загинули" are each one entry. Order matters where it
says so: the first kind that matches the clause wins.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from newstrace.languages import packs

# The kinds in the order they are tried: the first kind that matches the clause wins (killed_or_wounded
# before killed and wounded; survived before killed, "ont survécu"). The words of each kind are the
# packs' (``claim_kinds``, ``claim_kinds_first``), whatever the text's language.
KIND_ORDER = (
    "killed_or_wounded",
    "survived",
    "captured",
    "missing",
    "wounded",
    "killed",
    "deserted",
    "mobilized",
    "fled",
    "displaced",
    "people_affected",
    "regions",
    "territory",
    "equipment_lost",
)
# Words of a kind start at a word start, but for units written right after the digits ("40km²"); unit
# symbols belong to no language.
_GLUED = {"territory": "km²|km2"}


@dataclass(frozen=True, slots=True)
class ClaimWords:
    """The packs' claim words as patterns, compiled once on first use (``claim_words()``)."""

    # (kind, pattern) in KIND_ORDER; every pattern ends at a word end ("POWs" is not in "powers").
    kinds: tuple[tuple[str, re.Pattern[str]], ...]
    # The people a figure counts, right after it ("de 300 soldats", "12 Ukrainian civilians").
    people: re.Pattern[str]
    # Attribution: a phrase that introduces the source, the source following it.
    source_before: re.Pattern[str]
    # Speech and estimate verbs; the source is the subject before them or, inverted, the name after.
    speech: re.Pattern[str]
    # The same two read around a name: an attribution phrase ending right before it ("selon Moscou",
    # "according to the Kremlin") and a speech verb right after it ("Moscow said", "Kiev a affirmé").
    source_ends: re.Pattern[str]
    speech_next: re.Pattern[str]
    # A pronoun subject right before a speech verb ("he said"): the last person named.
    pronoun_subject: re.Pattern[str]
    # "Kyrylenko zufolge": the source before a postposition.
    source_after: re.Pattern[str]
    # "по его данным", "selon lui", "according to him": the last person named.
    possessive_source: re.Pattern[str]
    # Military equipment is a claim only when the text says it was lost.
    equipment_loss: re.Pattern[str]
    # Protest verbs: a count of people in a sentence with one of these is a count of protesters.
    protest: re.Pattern[str]
    # A loss of people ("lost 300 soldiers").
    lost: re.Pattern[str]
    # "the number of X" (group 1: X), and what it comes to, however far back it was named ("the number of
    # children abducted during the past nine years, since ..., could reach 300,000").
    number_of: re.Pattern[str]
    number_is: re.Pattern[str]


def _alternatives(key: str, field: str = "claim_words") -> str:
    """Every pack's pattern for ``key``, in registry order, as one alternation ("" where none has one)."""
    return "|".join(getattr(p, field)[key] for p in packs() if key in getattr(p, field))


def _kind_pattern(kind: str) -> re.Pattern[str]:
    first = _alternatives(kind, "claim_kinds_first")
    words = "|".join(w for w in (_GLUED.get(kind, ""), _alternatives(kind, "claim_kinds")) if w)
    parts = [rf"^\s*(?:{first})"] if first else []
    if words:
        parts.append(f"(?:{words})" if kind in _GLUED else rf"\b(?:{words})")
    return re.compile("(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


@functools.cache
def claim_words() -> ClaimWords:
    """The claim patterns of every pack's words, built on first use."""
    return ClaimWords(
        kinds=tuple((kind, _kind_pattern(kind)) for kind in KIND_ORDER),
        people=re.compile(
            r"^\s*(?:de |d'|of )?(?:(?:[\wéèêëàâîïôûüç'-]+\s){0,2})?(?:" + _alternatives("people") + r")\b",
            re.IGNORECASE,
        ),
        source_before=re.compile(r"(?i)\b(?:" + _alternatives("source_before") + r")\s+"),
        speech=re.compile(r"(?i)\b(?:" + _alternatives("speech") + ")"),
        source_ends=re.compile(r"(?i)\b(?:" + _alternatives("source_before") + r")\s+(?:\w{1,3}\s+|l['’])?$"),
        speech_next=re.compile(r"(?i)\s+(?:" + _alternatives("speech") + ")"),
        pronoun_subject=re.compile(r"(?i)(?:^|[\s«\"“])(?:" + _alternatives("pronoun_subject") + r")\s+$"),
        source_after=re.compile(r"(?i)\s+(?:" + _alternatives("source_after") + r")\b"),
        possessive_source=re.compile(r"(?i)(?:^|\s)(?:" + _alternatives("possessive_source") + r")\b"),
        equipment_loss=re.compile(r"(?i)\b(?:" + _alternatives("equipment_loss") + r")(?!\w)"),
        protest=re.compile(r"\b(?:" + _alternatives("protest") + ")", re.IGNORECASE),
        lost=re.compile(r"(?i)\b(?:" + _alternatives("lost") + r")\b"),
        number_of=re.compile(r"(?i)\b(?:" + _alternatives("number_of") + r")\s+(\w+(?:\s+\w+){0,2})"),
        number_is=re.compile(r"(?i)\b(?:" + _alternatives("number_is") + r")\s+(?:\w+\s+){0,2}$"),
    )


INVERTED_PRONOUN = re.compile(r"(?i)-t-(?:il|elle)|-(?:il|elle)s?\b")
NOT_PEOPLE_PROTESTERS = re.compile(
    r"(?i)^\s*(?:de |d'|of )?(?:soldats|soldiers|troops|militaires|servicemen)"
)
# A subject standing for a source named before. The groups "document" (an English report, study or
# figures) and "it" mark those that stand for the body that issued them rather than a person.
ANAPHORIC_SUBJECT = re.compile(
    r"(?i)^(?:l'analyse|le rapport|l'étude|le ministère|l'institut|les données|"
    r"the (?:(?:presented|latest|new|same|published|updated)\s+)?(?:"
    r"(?P<document>analysis|report|study|estimate|data|figures|update|statement|document)|"
    r"ministry|institute|agency|office|staff|department)|"
    r"the authors? of the (?:letter|report|statement|appeal|study|analysis)|"
    r"(?:(?P<it>it)|they)\s+(?:also\s+)?(?:said|says|documented|documents|recorded|records|counted|found|"
    r"estimated|estimates|reported|reports|added)|"
    r"ведомство|отчет|звіт|відомство|der bericht|die analyse|das ministerium|die daten)\b"
)
# A figure the text reports without taking it on ("the army was to lose", "reportedly", "allegedly"):
# the words of the source of the sentence before.
REPORTATIVE = re.compile(
    r"(?i)\b(?:(?:was|were|is|are)\s+(?:said\s+)?to\s+(?:have\s+)?(?:lose|lost|die|died|be\s+killed|have\s+been)|"
    r"reportedly|allegedly|purportedly)\b"
)
# A transcript follows: "Here is the full text of his speech", "Speech by the President of ...",
# "Voici le texte intégral de son discours", "Полный текст выступления". The speaker's words then run
# without quotation marks, and their figures are the speaker's.
TRANSCRIPT = re.compile(
    r"(?i)\b(?:(?:here|below)\s+is|read|see)\s+the\s+(?:full\s+|complete\s+)?(?:text|transcript)\s+of\s+"
    r"(?:his|her|the)\s+(?:\w+\s+)?(?:speech|statement|address|remarks)\b|"
    r"^(?:full\s+text|transcript)\b|^(?:speech|address|remarks)\s+by\s+|"
    r"\btexte\s+intégral\s+d[eu]\s+(?:son\s+)?(?:discours|allocution|déclaration)\b|"
    r"\bWortlaut\s+(?:der|seiner|ihrer)\s+(?:Rede|Erklärung|Ansprache)\b|"
    r"\bполный\s+текст\s+(?:его\s+|ее\s+)?(?:выступления|обращения|речи|заявления)\b|"
    r"\bповний\s+текст\s+(?:його\s+|її\s+)?(?:виступу|звернення|промови|заяви)\b"
)
TRANSLATED_BY = re.compile(r"(?i)(?:tel que traduit par|as translated by|traduit par|translated by)\s+")
SCOPE = re.compile(
    r"(?i)(?:depuis (?:le début (?:de l'invasion|de la guerre|du conflit)|l'invasion|février \d{4}|"
    r"le \d+ février)"
    r"(?: en février(?: \d{4})?)?|since the (?:start|beginning) of the (?:war|invasion|full-scale invasion)"
    r"(?: in February(?: \d{4})?)?|since February(?: \d{4})?|dans le conflit|in the (?:conflict|war)|"
    r"с начала (?:войны|вторжения|СВО|специальной военной операции)|з початку (?:війни|вторгнення|"
    r"повномасштабного вторгнення)|seit (?:Beginn des Krieges|Kriegsbeginn))"
)
# Descriptions of sources, normalised to English (the ledger groups claims by claimant).
DESCRIPTORS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.IGNORECASE), name)
    for p, name in [
        (
            r"responsables? britanniques|british officials|britische[nr]? (?:Beamte|Regierungsvertreter)",
            "British officials",
        ),
        (r"responsables? américains|US officials|American officials|U\.S\. officials", "US officials"),
        (r"renseignements? américains|US intelligence|American intelligence", "US intelligence"),
        (
            r"renseignements? britanniques|services de renseignement britanniques|British intelligence",
            "British intelligence",
        ),
        (r"responsables? ukrainiens|Ukrainian officials", "Ukrainian officials"),
        (r"responsables? russes|Russian officials", "Russian officials"),
        (r"les femmes|the women|the wives|les épouses", "the soldiers' wives"),
        (r"un rapport|a report|des rapports|reports", "a report"),
        (r"des experts|experts|analysts|des analystes", "experts"),
    ]
]
