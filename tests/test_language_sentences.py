from __future__ import annotations

from collections.abc import Callable

import pytest

from newstrace.model import Document

Run = Callable[..., Document]

ARTICLES = {
    "fr": "Les forces ukrainiennes ont repoussé une nouvelle attaque près de Bakhmout, a indiqué "
    "l'état-major mardi. Les combats se poursuivent dans la région de Donetsk.",
    "en": "Ukrainian forces repelled another attack near Bakhmut, the general staff said on Tuesday. "
    "Fighting continues in the Donetsk region.",
    "ru": "Украинские войска отразили очередную атаку под Бахмутом, сообщил во вторник генштаб. Бои "
    "продолжаются в Донецкой области.",
    "uk": "Українські війська відбили чергову атаку поблизу Бахмута, повідомив у вівторок генштаб. Бої "
    "тривають на Донеччині.",
    "de": "Ukrainische Truppen haben bei Bachmut einen weiteren Angriff abgewehrt, teilte der Generalstab "
    "am Dienstag mit. Die Kämpfe im Gebiet Donezk dauern an.",
}


@pytest.mark.parametrize("lang", sorted(ARTICLES))
def test_document_language(run_text: Run, lang: str) -> None:
    doc = run_text(ARTICLES[lang])
    assert doc.lang == lang
    assert len(doc.sentences) == 2
    assert all(s.lang == lang for s in doc.sentences)


def test_mixed_language_sentences_get_their_own_language(run_text: Run) -> None:
    text = (
        "Le ministre a commenté la situation sur le front lors d'une conférence de presse à Kyiv. "
        '"We will not give up a single inch of our land to the invaders," he told reporters in English. '
        "Il a ensuite quitté la salle sans répondre aux questions des journalistes présents."
    )
    doc = run_text(text)
    assert doc.lang == "fr"
    assert [s.lang for s in doc.sentences] == ["fr", "en", "fr"]


def test_french_guillemets_stay_with_their_sentence(run_text: Run) -> None:
    text = (
        "Il a déclaré : « Nous tiendrons la ville. Personne ne partira. » Puis il est reparti vers le front."
    )
    doc = run_text(text)
    sentences = [doc.raw[s.start : s.end] for s in doc.sentences]
    assert sentences[-1] == "Puis il est reparti vers le front."
    assert sentences[-2].endswith("»")


def test_sentence_offsets_point_into_raw_text(run_text: Run) -> None:
    raw = " date 2022-11-12 Titre de l'article\n\n\nPremière phrase ici.  Deuxième   phrase là.\n"
    doc = run_text(raw)
    texts = [raw[s.start : s.end] for s in doc.sentences]
    assert texts == ["Titre de l'article", "Première phrase ici.", "Deuxième   phrase là."]
