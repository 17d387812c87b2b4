"""Words of nationality name any country, from data: no war is built in."""

from __future__ import annotations

from newstrace.languages import pack
from newstrace.stages.claim_subjects import side_of
from newstrace.text.nationalities import demonym, nationality_words


def _codes(text: str) -> list[str]:
    return [code for _, _, code in nationality_words(text)]


def test_demonyms_names_and_short_forms_of_any_country() -> None:
    assert _codes("Sudanese soldiers and Syrian fighters") == ["SD", "SY"]
    assert _codes("the Russian Federation and Myanmar") == ["RU", "MM"]
    assert _codes("US officials met U.K. envoys") == ["US", "GB"]
    assert _codes("soldats russes, российских военных, ukrainische Soldaten") == ["RU", "RU", "UA"]


def test_lower_case_words_and_first_names_are_not_countries() -> None:
    assert _codes("let us go and ask Chad and Jordan") == []


def test_country_names_that_are_common_words_are_the_english_packs() -> None:
    assert _codes("a turkey and a guinea pig on china plates") == []
    assert _codes("Georgia, Niger, Togo and Mali") == []
    assert _codes("la Turquie et le Tchad") == ["TR", "TD"]  # other names of those countries still are
    english = pack("en")
    assert english is not None and "turkey" in english.ambiguous_countries


def test_the_side_of_a_subject_is_its_country() -> None:
    assert side_of("Malian troops") == "ML"
    assert side_of("Israeli soldiers") == "IL"
    assert demonym("SD") == "Sudanese"


def test_event_sides_and_whole_country_targets_of_any_war() -> None:
    from newstrace.text.event_actors import many_places
    from newstrace.text.nationalities import side_words

    assert [code for _, _, code in side_words("Khartoum said Sudanese troops advanced")] == ["SD", "SD"]
    assert many_places("shelling of Syrian towns") and many_places("strikes across Sudan")
    assert not many_places("strikes across the river") and not many_places("in big cities")
