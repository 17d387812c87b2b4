"""A single person who is the whole subject of a casualty clause counts as one: "Captain X was killed",
"A 53-year-old woman was wounded", "the journalist died", "Olena a été tuée", "Іван загинув".

The subject is a person the entity stage found, or a described singular person (an article, optional
age and modifiers, and a singular noun of person), right before a singular casualty predicate. Plural
predicates and subjects are left to the figures (text/numbers.py).
"""

from __future__ import annotations

import re

from newstrace.model import Mention
from newstrace.stages.claim_subjects import nearest_side, perpetrator, side_of
from newstrace.text.numbers import Number

_PREDICATES: list[tuple[str, str]] = [
    (
        "killed",
        r"(?:was|has been|had been|is)\s+(?:(?:reportedly|allegedly|also)\s+)?"
        r"(?:killed|shot dead|murdered|executed|slain|beheaded)|died|"
        r"a été tuée?|est morte?|est décédée?|wurde\s+(?:getötet|erschossen)|"
        r"kam ums Leben|starb|был убит|была убита|погиб(?:ла)?|загинув|загинула|був убитий|була вбита",
    ),
    (
        "wounded",
        r"(?:was|has been|had been|is)\s+(?:(?:seriously|badly|also)\s+)?(?:wounded|injured|hurt)|"
        r"a été blessée?|wurde verletzt|был ранен|была ранена|був поранений|була поранена",
    ),
    (
        "captured",
        r"(?:was|has been|had been)\s+(?:detained|captured|taken prisoner|abducted|taken hostage)|"
        r"a été (?:capturée?|enlevée?)|wurde gefangen genommen",
    ),
    (
        "missing",
        r"disappeared|went missing|(?:is|was|has been)\s+missing|a disparu|пропал без вести|"
        r"зник безвісти",
    ),
]
_PREDICATE = re.compile("|".join(rf"(?P<{kind}>\b(?:{p})\b)" for kind, p in _PREDICATES), re.IGNORECASE)
_PERSON_NOUN = (
    r"(?:man|woman|boy|girl|child|baby|teenager|soldier|serviceman|officer|corporal|sergeant|captain|"
    r"lieutenant|colonel|general|commander|pilot|sailor|journalist|reporter|photographer|cameraman|"
    r"photojournalist|civilian|resident|driver|volunteer|medic|doctor|nurse|rescuer|worker|farmer|"
    r"pensioner|mercenary|prosecutor|official|mayor|activist|priest|student|teacher|victim|head|chief|"
    r"homme|femme|garçon|fille|enfant|soldat|journaliste|civil|Mann|Frau|Junge|Mädchen|Kind|Soldat)"
)
# "a prosecutor and his deputy": one person and one named by their relation to them, two in all.
_PAIR = r"\s+(?:and|et|und)\s+(?:his|her|their|son|sa|sein|seine|ihr|ihre)\s+[\w'’-]+"
_DESCRIBED = re.compile(
    rf"(?i)(?:^|[\s,.;:(\"“])((?:a|an|the|one|another|un|une|le|la|l'|ein|eine|der|die)\s+(?:[\w'’-]+\s+){{0,3}}?"
    rf"{_PERSON_NOUN}(?:{_PAIR})?)(?:\s*,[^,]{{1,60}},)?\s+$"
)
# Appositions between the name and the predicate: ", 55, who worked for ...," (commas shared).
_APPOSITIONS = r"(?:(?:\s*,[^,]{1,90}){1,3},)?"
_NAMED_GAP = re.compile(rf"^{_APPOSITIONS}\s+$")
# A bare name or a pronoun opening the clause: "Kamenev was shot dead", "He died on the front".
_BARE_NAME = re.compile(
    r"(?:^|[.;:!?\"“]\s*)((?-i:(?!(?:The|A|An|This|That|It|They|We|There|Both|All)\b)"
    rf"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,2}})){_APPOSITIONS}\s+$"
)
_CIVIL = re.compile(
    r"(?i)\b(?:woman|man|boy|girl|child|baby|teenager|journalist|reporter|photographer|cameraman|"
    r"photojournalist|civilian|resident|driver|volunteer|medic|doctor|nurse|rescuer|worker|farmer|"
    r"pensioner|priest|student|teacher|femme|homme|enfant|journaliste|civil|Frau|Mann|Kind)\b"
)


# Active voice with one person as the object: "killed a resident", "wounded the deputy mayor".
_OBJECT = re.compile(
    rf"(?i)\b(?P<verb>killed|murdered|executed|shot dead|wounded|injured|abducted|kidnapped)\s+"
    rf"(?P<object>(?:a|an|the|one)\s+(?:[\w'’-]+\s+){{0,3}}?{_PERSON_NOUN})\b"
)
_OBJECT_KIND = {"wounded": "wounded", "injured": "wounded", "abducted": "captured", "kidnapped": "captured"}


def _objects(stext: str, taken: list[Number]) -> list[tuple[str, Number, str | None]]:
    out = []
    for m in _OBJECT.finditer(stext):
        if any(n.start < m.end() and m.start() < n.end for n in taken):
            continue
        kind = _OBJECT_KIND.get(m.group("verb").lower(), "killed")
        n = Number(m.start(), m.end(), 1, 1, "exact", m.group())
        out.append((kind, n, m.group("object")))
    return out


_WHERE = re.compile(r"(?i)\b(?:where|où|wo|где|де)\s+$")
# "X was killed alongside journalist Y": Y too.
_ALONGSIDE = re.compile(
    r"(?i)\b(?P<verb>killed|died|wounded|injured)\s+(?:alongside|together with|along with)\s+"
)


def _companions(stext: str, local: list[tuple[int, int, Mention]]) -> list[tuple[str, Number, str | None]]:
    out: list[tuple[str, Number, str | None]] = []
    for m in _ALONGSIDE.finditer(stext):
        person = next((x for s, e, x in local if x.type == "person" and m.end() <= s <= m.end() + 60), None)
        if person is None:
            continue
        end = next(e for s, e, x in local if x is person)
        kind = _OBJECT_KIND.get(m.group("verb").lower(), "killed")
        text = stext[m.start() : end]
        out.append((kind, Number(m.start(), end, 1, 1, "exact", text), stext[m.end() : end]))
    return out


def single_victims(
    stext: str,
    local: list[tuple[int, int, Mention]],
    taken: list[Number],
    described: dict[str, str] | None = None,
) -> list[tuple[str, Number, str, str | None, str | None, float | None, str | None]]:
    """One claim of value 1 per singular casualty clause whose subject is one person; ``described``
    holds, per person, the words around their first mention in the article."""
    out: list[tuple[str, Number, str, str | None, str | None, float | None, str | None]] = []
    for m in _PREDICATE.finditer(stext):
        kind = m.lastgroup or ""
        head = stext[max(0, m.start() - 120) : m.start()]
        offset = m.start() - len(head)
        start = _subject_start(head, local, offset)
        if start is None or any(n.start < m.end() and start < n.end for n in taken):
            continue
        phrase = stext[start : m.start()]
        if _WHERE.search(stext[max(0, start - 12) : start]):
            continue  # "the colony where X died": a description of a place, not a report of the death
        count = 2 if re.search(_PAIR + r"\s*$", phrase.split(",")[0]) else 1
        if count == 1 and re.search(r"(?i)\b(?:and|et|und|и|і|та)\b", phrase.split(",")[0]):
            continue  # "Ivan and Olena died": several people, not one
        n = Number(start, m.end(), count, count, "exact", stext[start : m.end()])
        context = stext[max(0, start - 40) : start] + phrase  # "Russian corporal X", "cameraman X"
        person = next((x for s, _, x in local if s == start and x.type == "person"), None)
        if person is not None and person.entity_id is not None and described:
            context = described.get(person.entity_id, "") + " " + context
        side = "civilian" if _CIVIL.search(context) else nearest_side(context)
        out.append((kind, n, "people", phrase.split(",")[0].strip(), side, None, perpetrator(stext, n)))
    for kind, n, obj in _objects(stext, taken + [x[1] for x in out]) + _companions(stext, local):
        side = "civilian" if _CIVIL.search(obj or "") else side_of(obj or "")
        out.append((kind, n, "people", obj, side, None, None))
    return out


def _subject_start(head: str, local: list[tuple[int, int, Mention]], offset: int) -> int | None:
    """Where the one-person subject that ends ``head`` starts (in sentence coordinates), if any."""
    for s, e, mention in reversed(local):
        if mention.type != "person" or e > offset + len(head) or s < offset:
            continue
        if _NAMED_GAP.match(head[e - offset :]):
            described = _DESCRIBED.search(head[: s - offset] + " ")
            return described.start(1) + offset if described and described.end() >= s - offset else s
        break
    d = _DESCRIBED.search(head)
    if d is not None:
        return d.start(1) + offset
    bare = _BARE_NAME.search(head)
    if bare is not None and not any(
        m.type != "person" and s <= bare.start(1) + offset < e for s, e, m in local
    ):
        return bare.start(1) + offset
    return None
