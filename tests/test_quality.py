"""Spun and machine-made text: detection, repair and labels, on sentences written for these tests
(other contexts and other spun words than the seed articles)."""

from __future__ import annotations

from collections.abc import Callable

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


def test_english_text_is_not_checked_for_english(run_text: Run) -> None:
    doc = run_text(
        "Ukrainian forces repelled several assaults near Bakhmut on Tuesday, the general staff said. "
        "Additionally, drones struck energy infrastructure overnight, according to the Washington Post.\n"
    )
    assert _flags(doc) == {}


def test_quoted_english_term_and_names_are_not_flagged(run_text: Run) -> None:
    doc = run_text(
        "Un soldat a décrit la situation comme un « shitshow » total, selon Reuters. Le correspondant du "
        "Financial Times a confirmé l'information auprès de l'Institute for the Study of War.\n"
    )
    assert _flags(doc) == {}


def test_spun_german_words_are_detected(run_text: Run) -> None:
    doc = run_text(
        "Die ukrainischen Truppen halten weiterhin die Stellungen bei Kupjansk, teilte der Generalstab mit. "
        "Die Lage bleibt nach Angaben der Armee furthermore angespannt, und die troops warten auf "
        "Nachschub.\n"
    )
    flags = _flags(doc)
    assert "furthermore" in flags and "troops" in flags
