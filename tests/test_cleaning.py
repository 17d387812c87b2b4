"""Normalisation and boilerplate removal on articles written for these tests."""

from __future__ import annotations

from collections.abc import Callable

from newstrace.model import Document

Run = Callable[..., Document]


def _removed(doc: Document) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in doc.removed:
        out.setdefault(r.reason, []).append(r.text)
    return out


def test_mojibake_entities_and_spaces_are_repaired_with_raw_offsets(run_text: Run) -> None:
    raw = "Les forces ukrainiennes ont repris 5\u00a0937 kmÂ² &amp; le village, selon l'Ã©tat-major.\n"
    doc = run_text(raw)
    assert "5 937" in doc.text
    assert "l'état-major" in doc.text
    assert "&amp;" not in doc.text and " & " in doc.text
    view = doc.clean
    assert view is not None
    i = doc.text.index("état-major")
    s, e = view.to_raw(i, i + len("état-major"))
    assert raw[s:e] == "Ã©tat-major"


def test_caption_and_credit_lines_in_several_languages(run_text: Run) -> None:
    text = (
        "Kyiv repels night drone attack\n\n"
        "Air defence units shot down most of the drones launched overnight, the air force said.\n\n"
        "Firefighters work at the site of a damaged building in Kyiv Photo: Reuters\n\n"
        "Ein Feuerwehrmann löscht einen Brand in Kiew\nFoto: dpa\n\n"
        "Пожарные тушат здание после атаки\nФото: РИА Новости\n\n"
        "Officials said two people were injured by falling debris in the Solomianskyi district.\n"
    )
    doc = run_text(text)
    removed = _removed(doc)
    assert "Firefighters work at the site of a damaged building in Kyiv Photo: Reuters" in removed["caption"]
    assert "Foto: dpa" in removed["credit"] and "Фото: РИА Новости" in removed["credit"]
    assert "Ein Feuerwehrmann löscht einen Brand in Kiew" in removed["caption"]
    assert "two people were injured" in doc.text
    assert "shot down most of the drones" in doc.text


def test_a_credit_used_twice_marks_captions_without_a_credit_word(run_text: Run) -> None:
    text = (
        "Soldats ukrainiens près de Koupiansk lors d'un exercice de tir\n"
        "Kyiv Daily Wire\n\n"
        "Les combats se poursuivent autour de Koupiansk, selon l'état-major ukrainien.\n\n"
        "Les unités russes ont lancé plusieurs assauts mercredi sans percer les lignes.\n\n"
        "Un blindé ukrainien avance dans la neige près du front\n"
        "Un blindé ukrainien progresse dans la neige près du front Kyiv Daily Wire\n"
    )
    doc = run_text(text)
    removed = _removed(doc)
    assert removed["credit"] == ["Kyiv Daily Wire"]
    assert len(removed["caption"]) == 3
    assert doc.text.startswith("Les combats se poursuivent")
    assert doc.text.endswith("sans percer les lignes.")


def test_repeated_headline_teaser_and_markup(run_text: Run) -> None:
    text = (
        " date 2023-06-06 Le barrage de Kakhovka détruit, des milliers d'habitants évacués\n\n"
        "Le barrage a cédé dans la nuit, provoquant une crue du Dniepr. LIRE AUSSI : Ce que l'on sait "
        "de la centrale de Zaporijjia\n\n"
        "Le barrage de Kakhovka détruit, des milliers d'habitants évacués\n\n"
        "</p>\n\n"
        "les autorités ont ouvert des centres d'accueil à Kherson.<br>\n"
    )
    doc = run_text(text)
    removed = _removed(doc)
    assert removed["repeated_headline"] == [
        "Le barrage de Kakhovka détruit, des milliers d'habitants évacués"
    ]
    assert removed["teaser"][0].startswith("LIRE AUSSI : Ce que l'on sait")
    assert "</p>" in removed["markup"] and "<br>" in removed["markup"]
    assert doc.title is not None and doc.title.text.startswith("Le barrage de Kakhovka")
    assert "provoquant une crue du Dniepr." in doc.text
    assert [f.kind for f in doc.flags] == ["starts_mid_sentence"]
    flagged = doc.raw[doc.flags[0].start : doc.flags[0].end]
    assert flagged.startswith("les autorités ont ouvert")


def test_clean_article_loses_nothing(run_text: Run) -> None:
    text = (
        "Russia says it downed drones over Belgorod region\n\n"
        "Russia's defence ministry said on Tuesday that air defences had destroyed 12 drones over the "
        "Belgorod region overnight.\n\n"
        "The regional governor said a woman was injured in the village of Shebekino. He did not give "
        "further details.\n\n"
        "Ukraine does not usually comment on attacks inside Russia.\n"
    )
    doc = run_text(text)
    assert doc.removed == ()
    assert doc.text == text.strip()
    assert doc.title is not None and doc.title.text == "Russia says it downed drones over Belgorod region"


def test_ukrainian_teaser_and_interface_words(run_text: Run) -> None:
    text = (
        "Окупанти обстріляли Херсон: є поранені\n\n"
        "Російські війська вранці обстріляли житлові квартали Херсона, повідомила обласна адміністрація.\n\n"
        "Читайте також: Як живе звільнений Херсон через рік\n\n"
        "Поділитися\n\n"
        "Поранено трьох людей, їх госпіталізували.\n"
    )
    doc = run_text(text)
    removed = _removed(doc)
    assert removed["teaser"] == ["Читайте також: Як живе звільнений Херсон через рік"]
    assert removed["interface"] == ["Поділитися"]
    assert "Поранено трьох людей" in doc.text
