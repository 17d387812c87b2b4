"""The knowledge-base matcher on inflected Russian and Ukrainian names and on acronyms."""

from __future__ import annotations

import pytest

from newstrace.linking.kb_index import kb_index


def _ids(text: str, lang: str) -> list[tuple[str, str]]:
    return [(m.text, m.entity.id) for m in kb_index().find(text, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "surface", "entity_id"),
    [
        # Feminine and plural names: the dictionary form of the text's adjective is masculine singular.
        (
            "Заседание Государственной думы перенесли.",
            "ru",
            "Государственной думы",
            "organization/state-duma",
        ),
        (
            "Командование Вооруженных сил Украины сообщило.",
            "ru",
            "Вооруженных сил Украины",
            "organization/ukrainian-armed-forces",
        ),
        (
            "Про це повідомили у Збройних силах України.",
            "uk",
            "Збройних силах України",
            "organization/ukrainian-armed-forces",
        ),
    ],
)
def test_inflected_cyrillic_names_meet_their_nominative(
    text: str, lang: str, surface: str, entity_id: str
) -> None:
    assert (surface, entity_id) in _ids(text, lang)


def test_a_longer_name_beats_the_acronym_it_starts_with() -> None:
    assert _ids("The UN Security Council met on Friday.", "en") == [
        ("UN Security Council", "organization/un-security-council")
    ]
    assert ("ЧФ РФ", "military_unit/black-sea-fleet") in _ids("В штабе ЧФ РФ заявили об ударе.", "ru")


def test_an_acronym_alone_still_links() -> None:
    assert _ids("The UN said on Friday that talks continue.", "en") == [("UN", "organization/united-nations")]


def test_the_nak_is_not_naftogaz() -> None:
    assert _ids("Об этом сообщили в НАК.", "ru") == [
        ("НАК", "organization/national-anti-terrorism-committee")
    ]
    ids = _ids("Як повідомили в НАК «Нафтогаз України», ремонт триває.", "uk")
    assert [eid for _, eid in ids] == ["organization/naftogaz"]


@pytest.mark.parametrize(
    ("text", "lang", "entity_id"),
    [
        (
            "The head of the Investigative Committee, Alexander Bastrykin, opened a case.",
            "en",
            "person/alexander-bastrykin",
        ),
        (
            "Le vice-Premier ministre Marat Khousnoulline a promis des réparations.",
            "fr",
            "person/marat-khusnullin",
        ),
        ("Вице-премьер Марат Хуснуллин заявил о сроках ремонта.", "ru", "person/marat-khusnullin"),
        (
            "Заяву оприлюднив Національний антитерористичний комітет Росії.",
            "uk",
            "organization/national-anti-terrorism-committee",
        ),
    ],
)
def test_officials_and_bodies_of_the_bridge_stories(text: str, lang: str, entity_id: str) -> None:
    assert entity_id in [eid for _, eid in _ids(text, lang)]
