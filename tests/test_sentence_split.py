"""Sentence boundaries that scraped pages glue together."""

from __future__ import annotations

from newstrace.text.sentence_split import split_glued


def _pieces(text: str) -> list[str]:
    return [text[a:b] for a, b in split_glued(text, [(0, len(text))])]


def test_a_stop_without_a_space_ends_the_sentence() -> None:
    assert _pieces("The report came out on Monday.Officials said 40 died.") == [
        "The report came out on Monday.",
        "Officials said 40 died.",
    ]
    assert _pieces("Он ушёл утром.Потом пришёл.") == ["Он ушёл утром.", "Потом пришёл."]


def test_addresses_abbreviations_and_short_words_are_not_boundaries() -> None:
    for text in (
        "Read it at www.example.Org today.",
        "Write to press@agency.Example now.",
        "See it approx.The end",
    ):
        assert _pieces(text) == [text]
    assert _pieces("It is ok.Fine") == ["It is ok.Fine"]  # two letters: an initialism or a typo
