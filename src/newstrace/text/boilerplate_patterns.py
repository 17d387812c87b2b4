"""Multilingual patterns for the parts of scraped news that are not the article's prose.

These are the conventions of news pages (credit lines, teaser labels, UI words), written once per
language; they are not strings of any particular article.
"""

from __future__ import annotations

import re

# Words that introduce a picture credit, per language (fr, en, de, es, it, pl, ru, uk).
_CREDIT_WORDS = (
    r"cr[ée]dits?(?:\s+photo)?|photos?|illustration|capture\s+d['’]écran|image|images|"
    r"credits?|picture|pictured|screenshot|footage|"
    r"fotos?|bild|bilder|quelle|"
    r"foto|imagen|"
    r"zdj[eę]cie|fot\.|"
    r"фото|фотография|скриншот|кадр|источник|"
    r"світлина|джерело"
)
_AGENCIES = (
    r"AFP|AP|Reuters|REUTERS|dpa|DPA|EPA|EFE|ANSA|PAP|TASS|ТАСС|Interfax|Интерфакс|РИА Новости|"
    r"Укрінформ|УНІАН|UNIAN|Ukrinform|Getty Images|Getty|Anadolu|Sipa|Bloomberg|agences|agencies|Agenturen"
)
# A whole line that is only a credit: "Photo : AFP", "Фото: РИА Новости", "© Reuters", "1 crédit".
CREDIT_LINE = re.compile(
    rf"^\(?(?:(?:{_CREDIT_WORDS}|sources?)\s*(?::|/|©|\bby\b|\bvon\b)\s*.{{1,80}}"
    rf"|©\s*.{{1,80}}|\d+\s+cr[ée]dits?|(?:{_CREDIT_WORDS})\)?)$"
    # "(dpa/AFP/Reuters)", "(AFP)": an agency attribution standing alone.
    rf"|^\((?:{_AGENCIES})(?:\s*[/,]\s*(?:{_AGENCIES}))*\)$",
    re.IGNORECASE,
)
# A credit at the end of a caption line. Requires the colon/©/"by" form or the "N crédit" form so that
# prose ending in an ordinary word is never taken for a caption.
TRAILING_CREDIT = re.compile(
    rf"(?:\s|^)(?:\(?(?:{_CREDIT_WORDS})\s*(?::|©|\bby\b|\bpar\b|\bvon\b)\s*[^.!?]{{1,80}}\)?"
    rf"|©\s*[^.!?]{{1,80}}|\d+\s+cr[ée]dits?"
    # "... on the platform after the strike (Reuters)": an agency in brackets closing a caption.
    rf"|\((?:{_AGENCIES})(?:\s*[/,]\s*(?:{_AGENCIES}))*\))$",
    re.IGNORECASE,
)
# Photo and wire agencies whose bare name on a line of its own is a credit, whatever the language.
AGENCY_CREDITS = frozenset(
    s.casefold()
    for s in (
        "AFP",
        "AP",
        "Reuters",
        "REUTERS",
        "Getty",
        "Getty Images",
        "EPA",
        "EPA-EFE",
        "dpa",
        "picture alliance",
        "picture-alliance",
        "AFP via Getty Images",
        "Anadolu",
        "Sipa",
        "Abaca",
        "Shutterstock",
        "Alamy",
        "Associated Press",
        "Reuters/Alamy",
        "ANSA",
        "EFE",
        "PAP",
        "ТАСС",
        "TASS",
        "РИА Новости",
        "Sputnik",
        "Укрінформ",
        "Ukrinform",
        "УНІАН",
        "UNIAN",
        "Telegram",
        "Twitter",
        "X",
        "Facebook",
        "YouTube",
        "VK",
        "ВКонтакте",
    )
)
# Labels that introduce a link to another article. Upper-case labels are matched as written because
# their mixed-case forms ("Watch: ...", "Live: ...") also occur in prose.
TEASER = re.compile(
    r"(?:(?<=\s)|^)(?:"
    r"(?:JUST IN|READ MORE|READ ALSO|MORE|RELATED|WATCH|LIVE|BREAKING|LATEST|SEE ALSO|"
    r"LIRE AUSSI|À LIRE AUSSI|A LIRE AUSSI|LIRE ÉGALEMENT|À LIRE|VIDÉO|EN DIRECT|"
    r"MEHR ZUM THEMA|LESEN SIE AUCH|AUCH INTERESSANT|"
    r"LEA TAMBIÉN|CZYTAJ TAKŻE|CZYTAJ RÓWNIEŻ|"
    r"ЧИТАЙТЕ ТАКЖЕ|ЧИТАЙТЕ ТАКОЖ|СМОТРИТЕ ТАКЖЕ|ДИВІТЬСЯ ТАКОЖ|ПО ТЕМЕ|ПО ТЕМІ|"
    r"ЧИТАЙТЕ|ЧИТАЙ ТАКОЖ)\s*:"
    r"|(?i:read more|read also|see also|lire aussi|à lire aussi|a lire aussi|lire également|"
    r"mehr zum thema|lesen sie auch|lea también|czytaj także|czytaj również|"
    r"читайте также|читайте також|смотрите также|дивіться також|по теме|по темі)\s*:"
    r")",
)
# Short interface words that scrapers keep: advertisements, share buttons, subscription prompts.
UI_LINE = re.compile(
    r"^(?:advertisement|advertising|sponsored|publicité|pub|anzeige|werbung|реклама|publicidad|"
    r"reklama|subscribe|abonnez-vous|abonnieren|подписаться|підписатися|"
    r"(?:click|cliquez) here|skip advert(?:isement)?|"
    r"comments?|commentaires?|kommentare|комментарии|коментарі)\W{0,3}$"
    # Share buttons and subscription prompts, with the networks they name.
    r"|^(?:share|share this(?: article| story)?|partager(?: cet article| l'article)?|teilen|artikel teilen|"
    r"поделиться|поділитися|compartir)\b[\s:]*(?:(?:on\s+|sur\s+)?(?:facebook|twitter|x|whatsapp|telegram|"
    r"linkedin|e-?mail|copy link|vk|viber|messenger)[\s,|/]*){0,8}$"
    r"|^(?:subscribe to|sign up for|follow us on|abonnez-vous à|inscrivez-vous à|suivez-nous sur|"
    r"folgen sie uns|abonnieren sie|подписывайтесь на|подпишитесь на|підписуйтесь на|підпишіться на|"
    r"síguenos en|suscríbete)\b.{0,140}$",
    re.IGNORECASE,
)
# Breadcrumb navigation: "World | Europe", "Accueil > International > Europe".
NAVIGATION = re.compile(r"^[^\s|>›»/][^|>›»]{0,30}(?:\s(?:\||>|›|»|/)\s[^|>›»]{1,30}){1,6}$")
# Copyright and rights notices, in the languages we read.
COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright\b)|all rights reserved|tous droits réservés|alle rechte vorbehalten|"
    r"все права защищены|усі права захищені|всі права захищені|todos los derechos reservados|"
    r"wszelkie prawa zastrzeżone",
    re.IGNORECASE,
)
# Stray markup: a whole line of tags, or a tag inside a line. Only real HTML tag names are matched, so
# "<5 km" or "a > b" in prose are left alone.
_TAGS = (
    r"a|abbr|article|aside|b|blockquote|br|caption|center|cite|code|div|em|figcaption|figure|font|"
    r"h[1-6]|hr|i|iframe|img|li|noscript|ol|p|picture|script|section|small|source|span|strong|style|"
    r"sub|sup|table|tbody|td|th|tr|u|ul|video"
)
MARKUP = re.compile(rf"</?(?:{_TAGS})\b[^<>]{{0,200}}/?>|(?<![\w<])/(?:{_TAGS})>|<(?:{_TAGS})/?$")
MARKUP_LINE = re.compile(rf"^(?:(?:</?(?:{_TAGS})\b[^<>]{{0,200}}/?>|/(?:{_TAGS})>|<(?:{_TAGS})/?)\s*)+$")
# Bylines ("By Jane Doe", "Par Jean Dupont", "Von Max Muster", "Автор: ..."), matched on short lines.
BYLINE = re.compile(
    r"^(?:by|par|von|por|przez|автор|автор:)\s+(?:[A-ZÀ-ÖØ-ÞА-ЯІЇЄҐ][\w'’.-]+\s*(?:,|and|et|und|и|і)?\s*){1,4}$"
)
# A line that only says when the article was published or updated.
DATELINE = re.compile(
    r"^(?:publié|mis à jour|modifié|published|updated|posted|last updated|veröffentlicht|aktualisiert|"
    r"stand|опубликовано|обновлено|опубліковано|оновлено|publicado|actualizado|opublikowano)\b.{0,60}\d.{0,30}$",
    re.IGNORECASE,
)
BULLET = re.compile(r"^[•·▪●◦‣∙*–—-]\s")
TERMINAL = re.compile(r"[.!?…:;]['\"»”’)\]]*$")
# Words that open a sentence but not a headline's next word: where one of them follows an inlined
# teaser's headline with a capital, the article's own prose resumes ("... par Kiev Sur la rive gauche").
SENTENCE_OPENERS = frozenset(
    " ".join(
        (
            "le la les l un une des dans sur selon pour en au aux mais et or ce cette ces il elle ils elles",
            "on d'après depuis après avant lors quelques plusieurs",
            "the a an in on at according but and it he she they this these those after before since",
            "during while",
            "der die das ein eine im am auf nach laut bei seit während aber und es er sie",
            "el los las una en según pero",
            "в на по после до но и это он она они как согласно",
            "у за після але і це він вона вони згідно",
        )
    ).split()
)

# Script left in scraped text (analytics, ad and embed loaders): statements that start with a
# declaration, a dotted call or assignment ("window.dataLayer = ...", "googletag.cmd.push(...)",
# "document.addEventListener(...)") or a function, and run to their closing ";" or "})". Prose never
# writes an identifier glued to a dot, a name and "=" or "(" followed by a statement end.
CODE = re.compile(
    r"(?:\b(?:var|let|const)\s+[\w$]+\s*=|\bfunction\s*[\w$]*\s*\(|(?<![\w.])[\w$]+(?:\.[\w$]+)+(?:\s*=(?!=)|\())"
    r"[^\n]{0,600}?(?:\S;|\})(?:\s*[})\]]+;?)*(?=\s|$)"
)
# A line that is only code: it starts as code and its last character closes a statement.
CODE_LINE = re.compile(
    r"^(?:[})\]]|(?:var|let|const|function|if|return)\b|[\w$]+(?:\.[\w$]+)+\s*[=(]).*[;{})\]]$"
)
