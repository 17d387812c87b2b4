"""Words that make a number a claim, per language: what it counts, about whom, and who says so.

Patterns are word stems matched at word starts, so "tués", "tuées", "killed", "убиты", "загинули" are
each one entry. Order matters where it says so: the first kind that matches the clause wins.
"""

from __future__ import annotations

import re

from newstrace.languages import packs


def _pack_kind(kind: str) -> str:
    """The words of ``kind`` that language packs add, as one alternation ("" where none does)."""
    return "|".join(p.claim_kinds[kind] for p in packs() if kind in p.claim_kinds)


def _pack_words(key: str) -> str:
    """Pack words for ``key`` of ``LanguagePack.claim_words``, each pack's preceded by "|"."""
    return "".join(f"|{p.claim_words[key]}" for p in packs() if key in p.claim_words)


def _with_kind(kind: str, pattern: str) -> str:
    extra = _pack_kind(kind)
    # One group, so that the word end appended after it applies to every alternative.
    return f"(?:(?:{pattern})|\\b(?:{extra}))" if extra else pattern


# (kind, pattern). killed_or_wounded before killed and wounded; survived before killed ("ont survécu").
KINDS: list[tuple[str, re.Pattern[str]]] = [
    # Every pattern ends at a word end ("POWs" is not in "powers"): (?!\w) is appended below.
    (kind, re.compile(_with_kind(kind, pattern) + r"(?!\w)", re.IGNORECASE))
    for kind, pattern in [
        (
            "killed_or_wounded",
            r"\b(?:bless\w* ou tu\w*|tu\w* ou bless\w*|killed or (?:wounded|injured)|"
            r"(?:wounded|injured) or killed|killed and (?:wounded|injured)|"
            r"killed, (?:wounded|injured),? or captured|"
            r"casualt\w*|pertes humaines|losses in (?:people|personnel|manpower)|personnel losses|"
            r"eliminat\w*|liquidat\w*|neutrali[sz]ed|"
            r"убит\w* и ранен\w*|убитыми и ранеными|загибл\w* (?:і|та) поранен\w*|getötet oder verletzt|"
            r"tot oder verwundet)",
        ),
        ("survived", r"\b(?:surv[eé]cu\w*|survived|survivors?|выжил\w*|вижил\w*|überleb\w*)"),
        (
            "captured",
            r"\b(?:captur\w*|prisonniers?|faits? prisonniers?|taken prisoner|prisoners? of war|"
            r"POWs?|detain\w*|detention|detainees?|taken hostage|hostages?|held captive|"
            r"в плен\w*|пленн\w*|полон\w*|gefangen\w*)",
        ),
        (
            "missing",
            r"\b(?:disparu\w*|missing|disappeared|пропал\w* без вести|зникл\w* безвісти|vermisst\w*)",
        ),
        (
            "wounded",
            r"\b(?:bless[ée]\w*|wounded|injur(?:ed|ies|y|ing)|hurt|ранен\w*|поранен\w*|травмован\w*|"
            r"verletzt\w*|verwundet\w*)",
        ),
        (
            "killed",
            # French forms of tuer and périr by their endings: a bare stem would take "Tuesday", "period".
            r"^\s*lives|\b(?:tu(?:ée?s?|er|ent|ant|ait|aient|èrent)|mort(?:s|es)?|morte|décéd\w*|"
            r"péri(?:r|t|s|rent|ssent|ssait)?|kill(?:ed|ing)|dead|died|dying|deaths?|"
            r"death toll|(?:(?<=\d )|(?<=of ))lives|(?:claim|cost|took|take|los[te])\w*\s+(?:the\s+)?lives|"
            r"bodies|fatalit\w*|murder\w*|executed|executing|executions?|shot dead|"
            r"perdu\w* (?:un total de )?[\d\s]*(?:soldats|hommes|militaires)|los[et] [\w,\s]*?"
            r"(?:soldiers|troops|men|servicemen)|убит\w*|погиб\w*|гибел\w*|загинул\w*|загибл\w*|вбит\w*|getötet\w*|"
            r"tot|ums Leben|starben|verloren [\d.\s]*Soldaten)",
        ),
        (
            "deserted",
            r"\b(?:désert\w*|deserted|deserters?|desertion|дезертир\w*|дезертирств\w*|desertier\w*|Deserteur\w*)",
        ),
        (
            "mobilized",
            r"\b(?:mobilis(?:é|és|ées|ed|ing|ation)|mobiliz(?:ed|ing|ation)|drafted|draft(?=\s+[\d,.]+\s|\s*$)|"
            r"conscripted|called up|reservists?|réservistes?|мобилиз\w*|"
            r"мобіліз\w*|резервист\w*|einberuf\w*|Reservisten)",
        ),
        (
            "fled",
            r"\b(?:réfugiés?|refugees?|fled|fleeing|crossed (?:into|the border)|left the country|"
            # Hosting and registration abroad count people who fled ("hosted 86,000 Ukrainian citizens").
            r"host(?:ed|ing|s)|registered (?:as refugees|abroad|in (?:[\w-]+\s+){0,3}countries)|"
            r"беженц\w*|біженц\w*|Flüchtling\w*|geflohen|бежал\w*|втекл\w*)",
        ),
        (
            "displaced",
            r"\b(?:déplacés?|évacué\w*|displaced|evacuat(?:ed|ion)|deported|deportation|abducted|"
            r"forced (?:out of|from) their homes|(?:flee|leave|left|fled) their homes|"
            r"эвакуир\w*|евакуйов\w*|депортир\w*|депортов\w*|vertrieben\w*|evakuiert\w*)",
        ),
        (
            "people_affected",
            r"\b(?:dans l['’]obscurité|sans (?:électricité|courant)|privé\w* d['’]électricité|"
            r"without (?:power|electricity)|in the dark|без (?:света|электричества|світла|електрики)|"
            r"ohne Strom)",
        ),
        ("regions", r"^\s*(?:régions?|regions?|oblasts?|регион\w*|област\w*|Regionen)"),
        (
            "territory",
            r"(?:km²|km2|kilomètres carrés|square kilomet\w*|sq km|кв\.? ?км|квадратн\w* километр\w*|"
            r"квадратн\w* кілометр\w*|Quadratkilometer\w*)",
        ),
        (
            "equipment_lost",
            r"\b(?:chars?|tanks?|blindés?|véhicules|vehicles|armou?red|танк\w*|бронетехник\w*|"
            r"Panzer\w*|flotte de chars)",
        ),
    ]
]
# Military equipment is a claim only when the text says it was lost.
EQUIPMENT_LOSS = re.compile(
    r"(?i)\b(?:destroy\w*|lost|los(?:e|ing|ses)|captured|seized|downed|shot down|abandon\w*|damaged|"
    r"détrui\w*|perdu\w*|pertes?|abandonn\w*|capturé\w*|уничтож\w*|потер\w*|знищ\w*|втрат\w*|"
    r"zerstört\w*|verloren)(?!\w)"
)
# Protest verbs: a count of people in a sentence with one of these is a count of protesters.
PROTEST = re.compile(
    r"\b(?:manifest\w*|protest\w*|pris d'assaut|rassembl\w*|marched|marché|rally|rallied|demonstrat\w*|"
    r"confront\w*|affront\w*|(?-i:march(?:ed|es|ing)?)|"
    r"митинг\w*|протест\w*|акци\w* протеста|Demonstr\w*|demonstrier\w*)",
    re.IGNORECASE,
)
PEOPLE = re.compile(
    r"^\s*(?:de |d'|of )?(?:(?:[\wéèêëàâîïôûüç'-]+\s){0,2})?"
    r"(?:soldats?|militaires|hommes|men|soldiers|troops|servicemen|people|personnes|civils|civilians|"
    r"femmes|women|épouses|wives|mothers|mères|combattants|fighters|recrues|recruits|conscrits|conscripts|"
    r"prisonniers|prisoners|enfants|children|habitants|residents|réservistes|reservists|citizens|nationals|"
    r"journalists|reporters|media workers|media professionals|medics|rescuers|volunteers|"
    r"(?-i:[A-Z][a-z]+(?:ians|ans|ese|is))|"
    r"военн\w*|военнослужащ\w*|солдат\w*|бойц\w*|людей|человек|мирных|жител\w*|женщин\w*|"
    r"військов\w*|солдат\w*|бійц\w*|людей|осіб|цивільн\w*|жінок|"
    r"Soldaten|Menschen|Zivilisten|Frauen|Kämpfer" + _pack_words("people") + r")\b",
    re.IGNORECASE,
)
CIVILIAN = re.compile(
    r"\b(?:civil\w*|civilians?|мирн\w*|цивільн\w*|Zivil\w*|habitants|residents|жител\w*"
    + _pack_words("civilian")
    + ")",
    re.IGNORECASE,
)
# Attribution: a phrase that introduces the source, the source following it.
SOURCE_BEFORE = re.compile(
    r"(?i)\b(?:selon|d'après|according to|citing|cité par|by the account of|laut|nach Angaben (?:de[sr]|von)|"
    r"(?:по|за)\s+(?:[\wʼ'-]+\s+){0,2}?(?:данным|словам|информации|оценкам|даними|словами|інформацією|"
    r"оцінками)" + _pack_words("source_before") + r")\s+"
)
# "Kyrylenko zufolge": the source before a postposition.
SOURCE_AFTER = re.compile(r"(?i)\s+(?:zufolge|dixit)\b")
# "по его данным", "selon lui", "according to him": the last person named.
POSSESSIVE_SOURCE = re.compile(r"(?i)(?:^|\s)(?:его|її|ее|його|lui|elle|him|her|ihm|ihr|ihren|seinen)\b")
# Speech and estimate verbs; the source is the subject before them or, inverted, the name after.
SPEECH = re.compile(
    r"(?i)\b(?:a-t-(?:il|elle)|ont-(?:ils|elles))\s+(?:déclaré|estimé|indiqué|affirmé|annoncé|dit|ajouté|"
    r"précisé|expliqué|assuré)|\b(?:estimant|affirmant|déclarant|assurant|claiming|saying|estimating)\b|"
    r"\b(?:a|ont|avait|avaient)\s+(?:déclaré|estimé|indiqué|affirmé|annoncé|assuré|rapporté|précisé|"
    r"évalué|dit|noté|souligné|reconnu|révélé|expliqué|confirmé|ajouté)|\b(?:estime|déclare|affirme|indique|"
    r"évalue|évaluent|estiment|affirment|déclarent|annonce)\b|\b(?:said|says|told|estimated|estimates|claimed|"
    r"claims|reported(?!\s+(?:being|having)\b)|reports|announced|stated|confirmed|added|believes|assessed|assesses|accused(?!\s+(?:of|in)\b)|say|"
    r"published|publishes|documented|documents|recorded|records|counted|shows|showed|notes|noted|mentioned|"
    r"detailing|thanked|praised|wrote|writes|estimate|forecasts|specified)\b|"
    r"\b(?:заявил\w*|сообщил\w*|оценил\w*|рассказал\w*|заявив|заявила|повідомив|повідомила|повідомили|"
    r"розповів|розповіла|sagte|erklärte|teilte\w* mit|berichtete" + _pack_words("speech") + r")\b"
)
PRONOUN_SUBJECT = re.compile(
    r"(?i)(?:^|[\s«\"“])(?:il|elle|ils|elles|he|she|they|он|она|они|він|вона|вони|er|sie"
    + _pack_words("pronoun_subject")
    + r")\s+$"
)
INVERTED_PRONOUN = re.compile(r"(?i)-t-(?:il|elle)|-(?:il|elle)s?\b")
# "Les femmes ont exigé...", "The women accused...": a described subject at the start of the clause.
LOST = re.compile(r"(?i)\b(?:perdu\w*|lost|lose|losing|потерял\w*|потеряли|втратил\w*|втратили|verloren)\b")
NUMBER_OF = re.compile(
    r"(?i)\b(?:le nombre de|the number of|death toll|bilan|число|кількість|die Zahl der)\s+"
    r"(\w+(?:\s+\w+){0,2})"
)
# The figure is what "the number of X" comes to, however far back it was named ("the number of children
# abducted during the past nine years, since ..., could reach 300,000").
NUMBER_IS = re.compile(
    r"(?i)\b(?:reach(?:ed|es)?|is|was|stands?\s+at|stood\s+at|exceed(?:s|ed)?|amount(?:s|ed)\s+to|"
    r"rose\s+to|totals?|totalled|atteint|s'élève à|составляет|становить|beträgt)\s+(?:\w+\s+){0,2}$"
)
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
