import re

from newstrace.linking.caseless import case_variants, caseless_words

_WORDS = ("in", "near", "nach", "près de", "de", "в", "біля", "з", "із", "k", "su")


def test_case_variants_hold_every_code_point_the_engine_matches() -> None:
    # case_variants reads the Basic Multilingual Plane only: no character beyond it matches a Latin or
    # Cyrillic letter ignoring case.
    everything = "".join(map(chr, range(0x110000)))
    letters = "abcdefghijklmnopqrstuvwxyzàéабвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ"
    for letter in letters:
        assert case_variants(letter) == tuple(re.findall("(?i)" + re.escape(letter), everything))
    assert "K" in case_variants("k")  # the Kelvin sign
    assert "İ" in case_variants("i")


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    return [(m.span(), m.span(1)) for m in pattern.finditer(text)]


def test_caseless_words_match_as_the_plain_alternation_does() -> None:
    words = "|".join(map(re.escape, _WORDS))
    name = r"\s+([A-ZА-ЯІ]\w+)"
    for not_after in (r"\w", r"[\w'’-]"):
        plain = re.compile(rf"(?<!{not_after})(?i:{words}){name}")
        fast = re.compile(caseless_words(_WORDS, not_after) + name)
        texts = [
            "In Paris and near Lyon, NEAR Nantes, nach Berlin, près de Metz, de Gaulle's route.",
            "Бої в Ізюмі, біля Харкова, В Києві, із Сум; зброю з Польщі, ів Гори.",
            "Kiev: K Town, su Roma, SU Napoli, ſu Milano, İn Ankara, xin Foo, l'in Bar, x-in Baz.",
            "in Oslo",
        ]
        for text in texts:
            assert _spans(fast, text) == _spans(plain, text)
        assert _spans(fast, texts[0])  # the test reads matches, not only their absence


def test_unit_pattern_matches_as_the_plain_alternation_does() -> None:
    from newstrace.linking import units

    plain = re.compile(
        rf"\b\d{{1,4}}(?:e|er|re|ème|st|nd|rd|th|\.|-я|-й|-го|-ї|-а|-ша|-га|-тя|-та)?\s+"
        rf"(?:[\w'’-]+\s+){{0,3}}?(?:{units._UNIT_WORDS})\b(?:\s*(?:d['’]|de |of |der |des )[\w-]+){{0,4}}"
        rf"|\b(?:{'|'.join(units._UNIT_NAMES)})\s+[A-ZА-Я]?\d{{3,5}}\b",
        re.IGNORECASE,
    )
    text = (
        "The 72nd Mechanized Brigade and x72 brigade; UNIT 11097, Einheit 3456 and в/ч 11097, В/Ч 2345; "
        "la 580e division d'artillerie, військової частини А1234 and 3-я бригада; _5 army, ſunit 1234."
    )
    found = [(m.span(), m.group()) for m in units._unit().finditer(text)]
    assert found == [(m.span(), m.group()) for m in plain.finditer(text)]
    assert len(found) == 8
