"""Each rule of the claim readers on a sentence written for it: number roles, vague and bounded values,
kinds, victims vs perpetrator, one-person claims and described claimants."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newstrace.model import Document
from newstrace.text.claim_lexicon import claim_words
from newstrace.text.claim_speakers import described_official
from newstrace.text.number_roles import number_role
from newstrace.text.numbers import find_numbers

Run = Callable[..., Document]


@pytest.mark.parametrize(
    ("text", "figure", "role"),
    [
        ("Officials counted 51 attacks on the region.", "51", "things"),
        ("The strike damaged over 30 houses in the village.", "30", "things"),
        ("Deux roquettes ont touché la ville.", "Deux", "things"),
        ("Nearly 78% of residents stayed.", "78", "percent"),
        ("Environ 20 % des habitants sont partis.", "20", "percent"),
        ("He began a six-year term in office.", "six", "duration"),
        ("They returned two months later.", "two", "duration"),
        ("The town fell on September 4, 2014.", "4", "date"),
        ("The convoy left on July 11 at dawn.", "11", "date"),
        ("Он уехал с 16 мая.", "16", "date"),
        ("The aid was worth $300 million.", "300", "money"),
        ("Olga Petrenko, 55, was a teacher.", "55", "age"),
        ("The victims, aged 23 and 36, lived nearby.", "36", "age"),
        ("Police spoke on Saturday (27.04) to the press.", "27.04", "date"),
        ("Resolution No. 2231 was cited.", "2231", "identifier"),
        ("At least 12 Ukrainian soldiers were killed.", "12", "people"),
        ("The army lost 15 tanks in the battle.", "15", "equipment"),
        ("Three died in strikes on the city.", "Three", "bare"),
    ],
)
def test_number_roles(text: str, figure: str, role: str) -> None:
    start = text.index(figure)
    assert number_role(text, start, start + len(figure)) == role


# Each word class of the packs' figure_roles, in each language that gives it (sentences of our own): a
# row fails when its words leave its pack.
@pytest.mark.parametrize(
    ("text", "figure", "role"),
    [
        ("Le chômage a baissé de 3 pour cent en un an.", "3", "percent"),
        ("Prices rose by 5 per cent in a year.", "5", "percent"),
        ("Die Inflation stieg um 4 Prozent.", "4", "percent"),
        ("Рейтинг вырос на 12 процентов за месяц.", "12", "percent"),
        ("Підтримка зросла на 7 відсотків.", "7", "percent"),
        ("The deal was worth 2bn to the company.", "2", "money"),
        ("The fine was 900 roubles.", "900", "money"),
        ("Il a reçu une amende de 400 livres.", "400", "money"),
        ("Une aide de 12 millions de dollars a été votée.", "12 millions", "money"),
        ("Он заплатил 300 долларов за билет.", "300", "money"),
        ("Квиток коштував 20 доларів.", "20", "money"),
        ("Вона отримала 500 гривень допомоги.", "500", "money"),
        ("Il est resté trois semaines à l'hôpital.", "trois", "duration"),
        ("Er blieb 2 Wochen im Krankenhaus.", "2", "duration"),
        ("Он провёл 5 лет в плену.", "5", "duration"),
        ("Вона чекала 3 тижні на відповідь.", "3", "duration"),
        ("Er starb im Alter von 81, wie die Familie mitteilte.", "81", "age"),
        ("Погиб мужчина в возрасте 62, житель села.", "62", "age"),
        ("Загинув чоловік віком 62, мешканець села.", "62", "age"),
        ("Загинули двоє чоловіків віком 30 та 41, мешканці села.", "41", "age"),  # and_words
        ("Le vote a eu lieu en mars 2022 dans la ville.", "2022", "date"),
        ("Die Wahl fand im Oktober 2021 statt.", "2021", "date"),
        ("The talks resumed in Sept 2019 after a pause.", "2019", "date"),
        ("Вибори відбулися 25 травня.", "25", "date"),
        ("Der Zug Nr. 712 fuhr ab.", "712", "identifier"),
        ("Рейс 752 был сбит над городом.", "752", "identifier"),
        ("Die Armee feuerte 20 Raketen ab.", "20", "things"),
        ("Армия выпустила 30 ракет по городу.", "30", "things"),
        ("Окупанти здійснили 12 обстрілів громади.", "12", "things"),
        ("Ils ont visé 4 bâtiments publics.", "4", "things"),
        ("L'armée a perdu 15 chars.", "15", "equipment"),
        ("Потеряно 40 танков за неделю.", "40", "equipment"),
        ("Знищено 3 гелікоптери.", "3", "equipment"),
        ("Die Armee verlor 8 Hubschrauber.", "8", "equipment"),
        ("Bei dem Angriff starben 9 Menschen.", "9", "people"),
        ("Au moins 7 civils ont été tués.", "7", "people"),
        ("Погибли 5 мирных жителей.", "5", "people"),
        ("Загинули 4 цивільних.", "4", "people"),
        ("Police detained 3 Georgians at the border.", "3", "people"),
        ("Officials named 5 of the young soldiers.", "5", "people"),  # gap_link
        ("Il a salué 3 de nos jeunes soldats.", "3", "people"),
        ("Trois sont morts dans la nuit.", "Trois", "bare"),  # gap_stop
        ("Es starben drei bei Angriffen auf die Stadt.", "drei", "bare"),
        ("Погибли 3 в домах у реки.", "3", "bare"),
        ("Загинули 4 у будинках біля річки.", "4", "bare"),
    ],
)
def test_number_roles_read_every_packs_words(text: str, figure: str, role: str) -> None:
    start = text.index(figure)
    assert number_role(text, start, start + len(figure)) == role


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hundreds of thousands of people left.", [(200000, None, "at_least")]),
        ("Tens of thousands fled.", [(20000, None, "at_least")]),
        ("Scores of residents died.", [(40, None, "at_least")]),
        ("Approximately 70,000-80,000 soldiers died.", [(70000, 80000, "about")]),
        ("Two or three guards were hurt.", [(2, 3, "exact")]),
        ("Up to a million people could leave.", [(None, 1000000, "at_most")]),
        ("Nearly 1,000 soldiers die every day.", [(None, 999, "at_most")]),
        ("Fewer than half of the fighters were killed.", []),
        ("More than half a century ago.", []),
    ],
)
def test_vague_and_bounded_values(text: str, expected: list[tuple[float | None, float | None, str]]) -> None:
    assert [(n.low, n.high, n.bound) for n in find_numbers(text, "en")] == expected


def test_lexicon_patterns_end_at_word_ends() -> None:
    captured = dict(claim_words().kinds)["captured"]
    assert captured.search("Ten POWs were exchanged.")
    assert not captured.search("The great powers met.")
    mobilized = dict(claim_words().kinds)["mobilized"]
    assert not mobilized.search("the draft law was blocked")
    killed = dict(claim_words().kinds)["killed"]
    for ordinary in ("said on Tuesday that", "over the same period", "a tuba player", "the perimeter"):
        assert not killed.search(ordinary), ordinary
    for french in ("trois soldats ont été tués", "une femme tuée", "ils ont péri", "des hommes périrent"):
        assert killed.search(french), french


@pytest.mark.parametrize(
    ("text", "at_start", "name"),
    [
        ("Later the regional health ministry ", False, "regional health ministry"),
        ("On Monday, Ukraine's General Staff ", False, "Ukrainian General Staff"),
        (" the Foreign Office, adding that", True, "Foreign Office"),
        (" les autorités locales", True, "autorités locales"),
        # Bodies that go by several names get one.
        ("The Ukrainian staff ", False, "Ukrainian General Staff"),
        (" the General Staff of the Moldovan Armed Forces", True, "Moldovan General Staff"),
        ("Later the Moscow-installed authorities ", False, "Russian-installed authorities"),
        ("the Ukrainian media community ", False, "Ukrainian media community"),
    ],
)
def test_described_officials(text: str, at_start: bool, name: str) -> None:
    found = described_official(text, at_start)
    assert found is not None and found.source.name == name


def test_described_official_is_never_a_pronoun_or_a_name() -> None:
    assert described_official("She ", at_start=False) is None
    assert described_official(" Reuters", at_start=True) is None


def test_roles_keep_non_people_out_of_claims(run_text: Run) -> None:
    doc = run_text(
        " date 2024-05-02\n\nThe governor reported four injuries from 51 attacks on Tuesday. More than a "
        "dozen explosions were heard, and about 78% of homes lost power on July 11.\n"
    )
    got = sorted((c.kind, c.low) for c in doc.claims)
    assert got == [("wounded", 4)]


def test_victims_not_perpetrators(run_text: Run) -> None:
    doc = run_text(
        " date 2024-05-02\n\nThe mayor said 41 civilians had been killed by Russian forces since March. "
        "Separately, 12 Ukrainian soldiers were wounded.\n"
    )
    civ = next(c for c in doc.claims if c.low == 41)
    assert (civ.kind, civ.side, civ.subject) == ("killed", "civilian", "civilians")
    assert civ.by is not None and "Russian forces" in civ.by
    sol = next(c for c in doc.claims if c.low == 12)
    assert (sol.kind, sol.side) == ("wounded", "UA")


def test_one_person_claims(run_text: Run) -> None:
    doc = run_text(
        " date 2024-05-02\n\nA 61-year-old man was wounded in the shelling, the regional governor said. "
        "Sergeant Petro Bondar was killed near the river. A convoy and a bus were hit.\n"
    )
    got = sorted((c.kind, c.low) for c in doc.claims)
    assert got == [("killed", 1), ("wounded", 1)]
    wounded = next(c for c in doc.claims if c.kind == "wounded")
    assert wounded.claimant is not None and wounded.claimant.name == "regional governor"
    assert wounded.side == "civilian"


def test_claimant_named_after_the_figure_and_lists(run_text: Run) -> None:
    doc = run_text(
        " date 2024-05-02\n\nThe enemy has lost 320 soldiers over the past day, the General Staff said. "
        "Troops killed, injured or captured 900 fighters in a week.\n"
    )
    lost = next(c for c in doc.claims if c.low == 320)
    assert lost.kind == "killed"
    assert lost.claimant is not None and lost.claimant.name == "General Staff"
    listed = next(c for c in doc.claims if c.low == 900)
    assert listed.kind == "killed_or_wounded"


def test_refugees_flee_and_the_displaced_stay(run_text: Run) -> None:
    doc = run_text(
        " date 2024-05-02\n\nAbout 8,000 refugees crossed into Moldova. Another 3,000 people were forced "
        "from their homes in the east.\n"
    )
    kinds = {c.low: c.kind for c in doc.claims}
    assert kinds == {8000: "fled", 3000: "displaced"}


def test_a_transcript_is_its_speakers(run_text: Run) -> None:
    doc = run_text(
        " date 2024-03-02\n\nThe minister Anna Kowalczyk spoke to parliament on Friday.\n\n"
        "Here is the full text of her speech.\n\n"
        "Dear colleagues! Yesterday 14 of our soldiers were killed near the border.\n"
    )
    killed = next(c for c in doc.claims if c.low == 14)
    assert killed.claimant is not None and killed.claimant.name.endswith("Kowalczyk")


def test_a_quotation_over_several_sentences_is_the_speakers(run_text: Run) -> None:
    doc = run_text(
        " date 2024-03-02\n\nThe mayor Pierre Lavallee visited the hospital on Sunday.\n\n"
        '"We have lost so much. '
        "Since the winter more than 200 residents of this town were killed by the shelling and we buried "
        "them all, one by one, in the old cemetery on the hill above the river. The families still wait for "
        "news of the missing, and the school has been closed since the first week of the shelling, when the "
        'roof of the gymnasium fell in," he said.\n'
    )
    killed = next(c for c in doc.claims if c.kind == "killed")
    assert killed.claimant is not None and killed.claimant.name.endswith("Lavallee")


def test_media_speak_and_equipment_has_an_owner(run_text: Run) -> None:
    doc = run_text(
        " date 2024-03-02\n\nThe Russian media announced that at least three people were killed.\n\n"
        "Russia has lost 40 soldiers, 12 tanks and nine artillery systems, officials said.\n"
    )
    killed = next(c for c in doc.claims if c.low == 3)
    assert killed.claimant is not None and killed.claimant.name == "Russian media"
    tanks = next(c for c in doc.claims if c.low == 12)
    assert tanks.kind == "equipment_lost" and tanks.side == "RU" and tanks.subject != "soldiers"


def test_a_short_form_of_a_known_name_is_not_spun(run_text: Run) -> None:
    doc = run_text(
        " date 2024-05-02\n\nThe enemy has lost 320 soldiers over the past day, the General Staff said.\n"
    )
    assert "General Staff" in doc.analysis_view.text


def test_one_victim_named_again_by_surname_keeps_their_description(run_text: Run) -> None:
    doc = run_text(
        " date 2024-03-02\n\nThe convoy was led by Colonel Ivan Mirgorod, a staff officer.\n\n"
        "Mirgorod was shot dead on Tuesday.\n\n"
        "The Irish-born cameraman Pat Kowalewski filmed the attack. Mr Kowalewski, 55, who worked for a "
        "local channel, was killed on Friday.\n"
    )
    mirgorod = next(m for m in doc.mentions if m.text == "Mirgorod")
    assert mirgorod.type == "person"
    ones = [c for c in doc.claims if c.kind == "killed" and c.low == 1]
    assert {c.subject for c in ones} >= {"Mirgorod", "Kowalewski"}
    assert next(c for c in ones if c.subject == "Kowalewski").side == "civilian"
