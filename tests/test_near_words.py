"""Words that put an event near a place, and articles before a name, read from the article's language
pack (``linking.near_words``)."""

from __future__ import annotations

import pytest

from newstrace.languages import LANGUAGES, pack
from newstrace.linking.near_words import near_before, without_article


def _before_last_word(text: str, lang: str | None) -> bool:
    return near_before(text, text.rindex(text.split()[-1]), lang)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Tirs signalés près de la centrale", "fr"),
        ("Tirs signalés près de l'usine", "fr"),
        ("Tirs signalés près de l’usine", "fr"),
        ("Shelling reported near the plant", "en"),
        ("Fighting on the outskirts of Bakhmut", "en"),
        ("Кремль заявив про бої під Бахмутом", "uk"),
        ("Schwere Kämpfe bei der Stadt", "de"),
        ("Combates cerca de la ciudad", "es"),
        ("Walki pod Kijowem", "pl"),
        ("Бои в районе Бахмута", "ru"),
    ],
)
def test_near_words_of_the_language(text: str, lang: str) -> None:
    assert _before_last_word(text, lang)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Shelling reported near the plant", "fr"),  # another language's words say nothing
        ("Tirs signalés près de la centrale", "en"),
        ("A linear Kramatorsk", "en"),  # a word that ends like one is not one
        ("Shelling reported in the plant", "en"),
        ("Shelling reported near the plant", None),
        ("Shelling reported near the plant", "xx"),
    ],
)
def test_no_near_words(text: str, lang: str | None) -> None:
    assert not _before_last_word(text, lang)


def test_every_pack_says_near() -> None:
    for code in LANGUAGES:
        found = pack(code)
        assert found is not None and found.near_words, code


@pytest.mark.parametrize(
    ("name", "lang", "bare"),
    [
        ("the Hague", "en", "Hague"),
        ("l'Ukraine", "fr", "Ukraine"),
        ("l’Ukraine", "fr", "Ukraine"),
        ("Den Haag", "de", "Haag"),
        ("Lebanon", "fr", "Lebanon"),  # an article is a whole word: "Le" opens no name here
        ("Lake Erie", "es", "Lake Erie"),
        ("Theodosia", "en", "Theodosia"),
        ("the Hague", "ru", "the Hague"),  # Russian has no articles
        ("the Hague", None, "the Hague"),
    ],
)
def test_a_leading_article(name: str, lang: str | None, bare: str) -> None:
    assert without_article(name, lang) == bare
