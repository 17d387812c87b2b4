"""Words NER takes for names that are not: calendar words and adverbs, demonyms and other adjectives,
frequent dictionary words alone, letters. Each test says on what data its cutoff was measured."""

from __future__ import annotations

from newstrace.linking.name_shapes import ROAD_CODE, lower_name, named_thing
from newstrace.linking.wordclass import has_dictionary, is_adjective, is_dictionary_word, not_a_place_word
from newstrace.text.word_frequency import COMMON_WORD_ZIPF, zipf

# A person name made only of dictionary words is an NER error when its rarest capitalised word is at
# least this frequent (zipf). Fitted by benchmarks/fit_names.py on French Wikinews with gold entities
# (spaCy person spans of dictionary words in 400 documents, 5 folds by document): 4.5 in four folds,
# held out it drops 6-8 non-persons per fold for at most one person lost.
NAME_WORD_ZIPF = 4.5


def not_a_name_shape(surface: str, label: str) -> bool:
    """A span no name has the shape of: lower case without a name's elided article ("ministre de la
    Défense": a role), or a lone letter ("groupe A"; but "A8" is a road)."""
    if not surface[:1].isupper() and not surface[:1].isdigit() and not lower_name(surface, label):
        return True
    if len(surface) >= 2 and surface[:2].isalpha():
        return False  # two letters already (most names): no need to count them all
    return sum(c.isalpha() for c in surface) < 2 and not (label == "place" and ROAD_CODE.fullmatch(surface))


def never_a_place(text: str, s: int, e: int, lang: str | None) -> bool:
    """A calendar word or an adverb ("Monday", "Зранку"), or a name in quotation marks (a ship, a paper)."""
    return not_a_place_word(text[s:e], lang) or named_thing(text, s, e)


def ordinary_word(word: str, lang: str | None) -> bool:
    """An adjective ("Américaine", "Українська", "Russes"): a place only where the gazetteer or the
    knowledge base knows it as one (a demonym gives context, not a place). Nouns are not tested: the
    dictionaries list "Canada" and "Ohio" among their nouns."""
    return " " not in word.strip() and is_adjective(word, lang)


def common_noun(word: str, lang: str | None) -> bool:
    """One frequent dictionary word, not hyphenated ("État", "République"; not "Pas-de-Calais"). On
    ner_fr (991 documents) spaCy place spans of this kind that neither the knowledge base nor the
    gazetteer holds are gold locations 79 times and something else 193 times."""
    return " " not in word.strip() and "-" not in word and common_word(word, lang)


def common_word(word: str, lang: str | None) -> bool:
    """A frequent ordinary word of the language ("Gloire", "État"), not a frequent first name
    ("François"): frequent, and in the language's dictionary where it has one."""
    if not lang or zipf(word.lower(), lang) < COMMON_WORD_ZIPF:
        return False
    return is_dictionary_word(word, lang) or not has_dictionary(lang)


def not_a_name(surface: str, label: str, lang: str | None) -> bool:
    """Words NER takes for people or bodies: a common word alone ("Gloire", "Cher"), an adjective alone
    ("Foreign" of "Foreign Minister"), or a title of frequent dictionary words with a word in lower case
    ("Terms of Service", "Editor's Note"). A body is often named by one common word ("Sénat", "Parlement"): on
    ner_fr, spaCy organisation spans of one common word are gold organisations 121 times and something
    else 82 times, so that test is for people only. A name of capitalised words only is a name even when
    its words are frequent ones: given names and surnames are ("Mike Johnson", "Michael Martin"; the
    dictionary holds them too). Of the 12 such person spans the English model found in 400 real war
    articles (claims_en.jsonl), 11 were people; in 500 French ones (ner_fr.jsonl), none."""
    words = surface.split()
    if len(words) == 1 and label != "organization" and common_word(surface, lang):
        return True
    if len(words) == 1 and is_adjective(surface, lang):
        return True
    capitalised = [w for w in words if w[:1].isupper()]
    if label != "person" or len(capitalised) == len(words) or not is_dictionary_word(surface, lang):
        return False
    return bool(capitalised) and min(zipf(w.lower(), lang or "en") for w in capitalised) >= NAME_WORD_ZIPF
