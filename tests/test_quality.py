"""Spun and machine-made text: detection, repair and labels, on sentences written for these tests
(other contexts and other spun words than the seed articles)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newstrace.model import Document

Run = Callable[..., Document]


def _flags(doc: Document) -> dict[str, str | None]:
    assert doc.quality is not None
    return {q.text: q.repair for q in doc.quality.spans}


SPUN_FR = (
    "Les forces ukrainiennes tiennent toujours la entrance près de Koupiansk, selon le commandement.\n\n"
    "Le ministère a indiqué que la most des civils avaient quitté la ville avant l'assaut. Les soldats "
    "ont reçu une development de trois semaines avant d'être envoyés sur place.\n\n"
    "Selon le New York Occasions, les pertes sont additionally lourdes que prévu. La problem des "
    "munitions reste entière, a reconnu un officier sous couvert d'anonymat.\n"
)


def test_spun_french_is_flagged_repaired_and_labelled(run_text: Run) -> None:
    doc = run_text(SPUN_FR)
    flags = _flags(doc)
    assert doc.quality is not None and doc.quality.label == "spun"
    for spun in ("entrance", "development", "additionally", "problem", "New York Occasions"):
        assert spun in flags, f"{spun!r} not flagged: {flags}"
    assert flags["New York Occasions"] == "New York Times"
    assert flags["additionally"] == "plus"
    assert flags["problem"] == "question"
    assert flags["development"] == "formation"
    assert doc.repaired is not None
    assert "les pertes sont plus lourdes" in doc.repaired.text
    assert "New York Times" in doc.repaired.text


def test_repairs_point_back_to_raw(run_text: Run) -> None:
    doc = run_text(SPUN_FR)
    assert doc.quality is not None
    for q in doc.quality.spans:
        assert doc.raw[q.start : q.end] == q.text
    view = doc.repaired
    assert view is not None
    i = view.text.index("question")
    s, e = view.to_raw(i, i + len("question"))
    assert doc.raw[s:e] == "problem"


def test_analysis_view_is_the_repaired_text(run_text: Run) -> None:
    doc = run_text(SPUN_FR)
    assert doc.analysis_view is doc.repaired


CLEAN_FR = (
    "Les forces ukrainiennes ont repoussé plusieurs assauts près de Bakhmout, a indiqué mardi "
    "l'état-major, qui fait état de combats d'une rare intensité sur la ligne de front.\n\n"
    "Selon le porte-parole, les drones russes ont visé des infrastructures énergétiques dans la nuit. "
    "Le leader du groupe Wagner a publié une vidéo sur Telegram, où il qualifie la situation de "
    "« fake news » propagée par Moscou.\n\n"
    "Les habitants ont passé le week-end dans les abris, tandis que des snipers tenaient les "
    "carrefours. Le Washington Post et le Guardian ont publié des témoignages recueillis sur place.\n"
)


def test_clean_french_news_is_not_flagged(run_text: Run) -> None:
    doc = run_text(CLEAN_FR)
    assert doc.quality is not None
    assert _flags(doc) == {}
    assert doc.quality.label == "clean"


# Texts with no spun word: none is flagged.
@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Ukrainian forces repelled several assaults near Bakhmut on Tuesday, the general staff said. "
            "Additionally, drones struck energy infrastructure overnight, according to the "
            "Washington Post.\n",
            id="english_text_is_not_checked_for_english",
        ),
        pytest.param(
            "Un soldat a décrit la situation comme un « shitshow » total, selon Reuters. Le correspondant du "
            "Financial Times a confirmé l'information auprès de l'Institute for the Study of War.\n",
            id="quoted_english_term_and_names",
        ),
        pytest.param(
            "Selon le Long War Journal et The Guardian, les combats se sont intensifiés dans le nord. "
            "Le Committee to Protect Journalists demande la libération du reporter arrêté lundi.\n",
            id="intact_listed_names",
        ),
        pytest.param(
            "La situation reste tendue sur la route qui mène au port, où la police a installé un "
            "poste de contrôle. Le plan de paix prévoit une date pour le retrait des troupes et un "
            "bureau de liaison dans la capitale.\n",
            id="french_words_that_look_english_by_context",
        ),
    ],
)
def test_is_not_flagged(run_text: Run, text: str) -> None:
    assert _flags(run_text(text)) == {}


# Spun words and names: each is flagged, with its repair where one is given (None: any repair).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Die ukrainischen Truppen halten weiterhin die Stellungen bei Kupjansk, teilte der "
            "Generalstab mit. Die Lage bleibt nach Angaben der Armee furthermore angespannt, und die "
            "troops warten auf Nachschub.\n",
            {"furthermore": None, "troops": None},
            id="spun_german_words",
        ),
        # A name followed by ", la Casa ..." is not part of a longer name; "L'" is the name's own article.
        pytest.param(
            "Según el Washington Put up, la Casa Blanca estudia nuevas sanciones contra el régimen. "
            "El ministro no quiso comentar la información en la rueda de prensa de la mañana.\n\n"
            "Selon L'Specific, les négociations reprendront la semaine prochaine à Genève.\n",
            {"Washington Put up": "Washington Post"},
            id="spun_names_beside_a_comma_and_an_elided_article",
        ),
        pytest.param(
            "Selon le Lengthy Warfare Journal, les rebelles contrôlent désormais deux districts du nord. "
            "D'après The Protector, l'armée a reconnu des pertes importantes au cours de la semaine.\n",
            {"Lengthy Warfare Journal": "Long War Journal", "The Protector": "The Guardian"},
            id="listed_outlets_beyond_the_knowledge_base",
        ),
        # "touch" and "flow" are frequent enough in French web text to pass the frequency test; in these
        # sentences the words they replaced ("contact", "flux") fit the context far better.
        pytest.param(
            "Les secouristes ont perdu le touch avec deux équipes médicales envoyées dans la vallée, a "
            "indiqué mardi la préfecture. Le flow de réfugiés vers la frontière ne faiblit pas depuis une "
            "semaine, selon les autorités locales.\n",
            {"touch": "contact", "flow": None},
            id="english_word_common_in_french_web_text_found_by_context",
        ),
    ],
)
def test_is_flagged_and_repaired(run_text: Run, text: str, expected: dict[str, str | None]) -> None:
    flags = _flags(run_text(text))
    for word, repair in expected.items():
        assert word in flags, flags
        if repair is not None:
            assert flags[word] == repair, flags


def test_short_form_inside_a_spun_name_does_not_break_the_document(run_text: Run) -> None:
    # "Diary" is both a word of the spun name and a spun short form of it: one flag, one repair.
    doc = run_text(
        "Selon le Wall Road Diary, les discussions entre les deux délégations ont repris mardi soir. "
        "Les médiateurs ont proposé un cessez-le-feu de trois jours dans la région.\n"
    )
    flags = _flags(doc)
    assert flags.get("Wall Road Diary") == "Wall Street Journal", flags
    # One flag does not make the article spun: its text is left as written.
    assert doc.quality is not None and doc.quality.label == "clean"
    assert "Wall Road Diary" in doc.analysis_view.text


@pytest.mark.parametrize(
    ("name", "known"),
    [
        ("Telegram News Network", "Cable News Network"),  # news networks are called so too
        ("Black Sea Navy", "Black Sea Fleet"),
    ],
)
def test_a_flagged_name_outside_a_spun_article_stays(run_text: Run, name: str, known: str) -> None:
    # A name a word or two apart from a known one may be another real name: shown as a flag, never
    # rewritten into the known name unless the article is spun.
    doc = run_text(f"Officials of the {name} said on Monday that talks would resume next week in Geneva.\n")
    assert doc.quality is not None and doc.quality.label == "clean"
    assert _flags(doc).get(name) == known
    assert name in doc.analysis_view.text and known not in doc.analysis_view.text
