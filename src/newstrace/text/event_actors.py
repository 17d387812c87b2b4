"""Words that tell who acted when no named actor is linked: a side ("bombardements ukrainiens",
"Russian troops", "российские войска") or a civilian group ("les épouses", "wives", "жёны")."""

from __future__ import annotations

import re

SIDE_WORDS = {
    "RU": re.compile(
        r"(?<!\w)(?:russ(?:e|es|ian|ians|isch\w*|en)\b|росси\w*|русск\w*|российск\w*|російськ\w*|"
        r"россиян\w*|росіян\w*|moscou\b|moscow\b|moskau\b|kremlin\b)",
        re.IGNORECASE,
    ),
    "UA": re.compile(
        r"(?<!\w)(?:ukrain(?:ien|iens|ienne|iennes|ian|ians|isch\w*|er)\b|украин\w*|україн\w*|"
        r"kyiv\b|kiev\b|kiew\b|ВСУ\b|ЗСУ\b)",
        re.IGNORECASE,
    ),
}
# The armed forces an unnamed military actor of each side stands for (knowledge-base ids).
SIDE_FORCES = {
    "RU": ("organization/russian-armed-forces", "Russian Armed Forces"),
    "UA": ("organization/ukrainian-armed-forces", "Armed Forces of Ukraine"),
}
CIVILIANS = re.compile(
    r"(?<!\w)(?:femmes|épouses|mères|habitants|civils|manifestants|proches|familles|"
    r"women|wives|mothers|residents|civilians|protesters|relatives|families|partners|"
    r"frauen|ehefrauen|mütter|angehörige|bewohner|demonstranten|"
    r"ж[её]н(?:ы)?\b|женщин\w*|матер\w*|родственник\w*|жител\w*|протестующ\w*|"
    r"дружин\w*|жінк\w*|матер\w*|мешканц\w*|родич\w*|протестувальник\w*)",
    re.IGNORECASE,
)
# Targets that are many places at once: "les villes ukrainiennes", "across Ukraine".
GENERIC_TARGET = re.compile(
    r"(?:villes|localités|régions) (?:ukrainiennes|russes)|à travers (?:le pays|l['’]Ukraine)|"
    r"(?:Ukrainian|Russian) (?:cities|towns)|(?:cities|towns) across|across (?:Ukraine|the country)|"
    r"(?:ukrainische|russische)n? Städte|по всей (?:Украине|стране)|украинск\w* город\w*|"
    r"по всій (?:Україні|країні)|українськ\w* міст\w*",
    re.IGNORECASE,
)
# "from Belgorod into Luhansk": a place after these is where the event came from, not where it was.
ORIGIN_BEFORE = re.compile(
    r"(?:\bfrom|\bdepuis|\bdepuis la ville de|\baus|\bvon|\bиз|\bз|\bвід)\s+(?:the |la |le |l['’])?$",
    re.IGNORECASE,
)
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
