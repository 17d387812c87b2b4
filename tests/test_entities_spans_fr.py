"""Recognition never below the NER model on French news: road codes, names after an elided or joined
article, newspaper titles with their article, acronyms that are also town names, and a body named
without its country. Sentences written for these tests."""

from __future__ import annotations

from newstrace.evaluation.realdata import analyse
from newstrace.kb.loader import knowledge_base
from newstrace.linking.countries import country_spans
from newstrace.linking.kb_index import kb_index
from newstrace.linking.name_shapes import lower_name as _lower_name
from newstrace.model import Document, Mention
from newstrace.settings import Settings

_STAGES = ("normalise", "boilerplate", "language", "sentences", "entities")


def _run(text: str, lang: str = "fr") -> Document:
    [(_, doc)] = list(analyse([{"id": "t", "text": text, "lang": lang}], Settings(), _STAGES))
    assert doc is not None
    return doc


def _by_text(doc: Document) -> dict[str, Mention]:
    return {m.text: m for m in doc.mentions}


def test_road_codes_are_places_but_a_lone_letter_is_not() -> None:
    doc = _run(
        "La circulation était coupée sur l'A7 et sur l'A50 près de Toulon, puis sur la N7 près de Valence, "
        "mais la catégorie A des alertes restait levée."
    )
    found = _by_text(doc)
    assert found["A7"].type == "place" and found["N7"].type == "place"
    assert found["A50"].type == "place"  # the road, not the aircraft of the same code
    assert "A" not in found


def test_names_after_an_elided_or_joined_article_start_in_lower_case() -> None:
    assert _lower_name("ministère de l'Intérieur", "organization")
    assert _lower_name("ministère de l’Éducation", "organization")
    assert _lower_name("al-Nour", "place") and _lower_name("vallée de l'Ubaye", "place")
    assert not _lower_name("ministère de la santé", "organization")
    assert not _lower_name("l'autre", "place") and not _lower_name("sous-marin", "place")


def test_a_body_named_without_its_country_is_not_a_foreign_body() -> None:
    home = _by_text(
        _run("Le ministère de l'Intérieur a annoncé mardi à Lyon que la police renforçait ses effectifs.")
    )
    body = home["ministère de l'Intérieur"]
    assert body.type == "organization"
    assert body.entity_id is not None and body.entity_id.startswith("auto/")  # no foreign ministry
    # In an article set in that country, the same words are its body.
    abroad = _by_text(
        _run(
            "À Moscou, le Kremlin a réagi jeudi. Le ministère de l'Intérieur a ouvert une enquête en Russie."
        )
    )
    linked = abroad["ministère de l'Intérieur"].entity_id or ""
    country = kb_index().entities[linked].country if linked in kb_index().entities else None
    assert country == "RU"


def test_newspaper_titles_keep_their_article_and_drop_the_class_word() -> None:
    found = _by_text(
        _run(
            "Selon Le Monde et le quotidien Le Figaro, le gouvernement a cédé. "
            "Le journal The Guardian confirme."
        )
    )
    for title in ("Le Monde", "Le Figaro", "The Guardian"):
        assert found[title].type == "media", (title, found)
    assert "Monde" not in found and "quotidien Le Figaro" not in found
    # In running French text a lower-case article is not part of the title.
    found = _by_text(_run("Il l'a dit au Guardian puis le Guardian l'a publié lundi."))
    assert "Guardian" in found and "le Guardian" not in found


def test_an_acronym_is_not_the_town_it_spells() -> None:
    found = _by_text(_run("Le syndicat ORAN a déposé un préavis, a indiqué la CGT à Paris."))
    assert found["ORAN"].type == "organization"
    assert found["Paris"].type == "place"


def test_no_body_of_the_knowledge_base_is_named_by_a_bare_country_name() -> None:
    """A country's name alone ("Somalie") is the country: a unit or body named after it carries its
    class word in the knowledge base ("bataillon ...")."""
    bad = [
        (e.id, n)
        for e in knowledge_base()
        if e.type != "place"
        for n in e.all_names()
        for lang in ("en", "fr", "de", "ru", "uk")
        if any(a == 0 and b == len(n) for a, b in country_spans(n, lang))
    ]
    assert bad == []


def test_demonyms_under_another_languages_place_name_are_not_places() -> None:
    text = "L'Australien Marc Dupont a battu l'Italien Paolo Verdi et le Russe Ivan Petrov à Lyon."
    found = _by_text(_run(text))
    assert not {"Australien", "Italien", "Russe"} & set(found), found
    assert found["Lyon"].type == "place" and found["Marc Dupont"].type == "person"
    # A demonym that is also the language's own name of a country, a division or a town stays a place.
    found = _by_text(_run("Il a couru en Suisse, près de Limoges et dans le Jura."))
    assert {"Suisse", "Limoges", "Jura"} <= {t for t, m in found.items() if m.type == "place"}


def test_frequent_words_no_gazetteer_holds_are_not_places() -> None:
    found = _by_text(
        _run(
            "Selon l'État, la République a dépensé trop. Les finances de l'État sont en crise à Paris, "
            "dit la Nation."
        )
    )
    assert set(found) == {"Paris"}, found


def test_a_body_named_by_one_common_word_is_kept() -> None:
    found = _by_text(_run("Jeudi, le Sénat a rejeté le texte que le Parlement avait voté à Rome en mai."))
    assert found["Sénat"].type == "organization" and found["Parlement"].type == "organization"


def test_a_title_of_address_is_not_part_of_the_name() -> None:
    doc = _run(
        "Le ministre Jean-Paul Marchetti a rencontré hier la présidente Claire Vautrin. "
        "M. Marchetti a ensuite dit que Mme Vautrin viendrait à Lyon."
    )
    found = _by_text(doc)
    assert "M. Marchetti" not in found and "Mme Vautrin" not in found
    assert found["Marchetti"].entity_id == found["Jean-Paul Marchetti"].entity_id
    assert found["Vautrin"].entity_id == found["Claire Vautrin"].entity_id


def test_a_title_is_read_in_the_articles_language_and_in_its_case() -> None:
    from newstrace.linking.name_openers import title_length

    assert title_length("Mr. Harding", "en") == len("Mr. ")
    assert title_length("Mrs Harding", "en") == len("Mrs ")
    assert title_length("M. Harding", "en") == 0  # an initial in English, a title in French
    assert title_length("M. Harding", "fr") == len("M. ")
    assert title_length("Mr", "en") == 0  # nothing after it
    assert title_length("Pani Nowak", "pl") == len("Pani ") and title_length("panika", "pl") == 0


def test_the_words_opening_a_span_are_the_articles_language() -> None:
    from newstrace.linking.name_openers import opening_words

    def opened(name: str, lang: str) -> str:
        found = opening_words(name, lang)
        return found.group() if found else ""

    assert opened("de la Haute-Marne", "fr") == "de la " and opened("qu'Israël", "fr") == "qu'"
    assert opened("l’Espagne", "fr") == "l’" and opened("the Hague", "en") == "the "
    assert opened("de Haute-Marne", "en") == ""  # a French preposition in an English article
    assert opened("Delaware", "fr") == "" and opened("Москва", "ru") == ""
