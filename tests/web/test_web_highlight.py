"""Nesting overlapping annotations into elements without losing or reordering a character."""

from __future__ import annotations

from newstrace.model import (
    Claim,
    Document,
    LanguageGuess,
    Mention,
    Place,
    Quality,
    QualitySpan,
    Quote,
    RemovedSpan,
    Sentence,
    Source,
)
from newstrace.web.highlight import Annotation, Node, build_tree, collect_annotations


def flatten(node: Node) -> str:
    return "".join(c if isinstance(c, str) else flatten(c) for c in node.children)


def shape(node: Node) -> list[object]:
    out: list[object] = []
    for c in node.children:
        if isinstance(c, str):
            out.append(c)
        else:
            assert c.ann is not None
            out.append((c.ann.kind, shape(c)))
    return out


def ann(start: int, end: int, kind: str) -> Annotation:
    return Annotation(start, end, kind, f"hl-{kind}")


def test_nested_spans_nest() -> None:
    text = "Putin said 40 died."
    tree = build_tree(text, [ann(0, 19, "sentence"), ann(0, 5, "entity"), ann(11, 13, "figure")])
    assert shape(tree) == [("sentence", [("entity", ["Putin"]), " said ", ("figure", ["40"]), " died."])]


def test_crossing_spans_are_split_and_text_is_kept() -> None:
    text = "abcdefghij"
    # A removed caption crossing a sentence boundary: the inner element is closed and reopened.
    anns = [ann(0, 5, "sentence"), ann(5, 10, "sentence"), ann(3, 8, "removed")]
    tree = build_tree(text, anns)
    assert flatten(tree) == text
    assert shape(tree) == [
        ("sentence", ["abc", ("removed", ["de"])]),
        ("sentence", [("removed", ["fgh"]), "ij"]),
    ]
    sentences = [s for s in tree.children if isinstance(s, Node)]
    pieces = [c for s in sentences for c in s.children if isinstance(c, Node)]
    assert [p.first for p in pieces] == [True, False]  # only the first piece carries the anchor


def test_out_of_range_and_empty_spans_are_ignored() -> None:
    tree = build_tree("abc", [ann(-5, 2, "entity"), ann(2, 2, "figure"), ann(1, 99, "quote")])
    assert flatten(tree) == "abc"
    assert shape(tree) == [("entity", ["a"]), ("quote", [("entity", ["b"]), "c"])]


def test_markup_in_text_stays_text() -> None:
    text = "<script>alert(1)</script>"
    tree = build_tree(text, [ann(0, 8, "entity")])
    assert flatten(tree) == text
    assert all(isinstance(c, str) for n in tree.children if isinstance(n, Node) for c in n.children)


SPUN = QualitySpan(55, 63, "Speacial", "foreign_word", "Special", 0.8, "q")


def _document() -> Document:
    text = 'Kyiv: "Officials said 12 died," he said. Caption here. Speacial.'
    return Document(
        id="d",
        source="s.txt",
        raw=text,
        fmt="text",
        language=LanguageGuess("en", 1.0, "language"),
        sentences=(Sentence(0, 40, "en", "sentences"), Sentence(41, 54, "de", "sentences")),
        removed=(RemovedSpan(41, 54, "caption", "Caption here.", "boilerplate"),),
        quotes=(Quote(Source("he", None, None), 6, 31, (), "quotes"),),
        claims=(
            Claim(
                "killed",
                12,
                12,
                "exact",
                "people",
                None,
                None,
                Source("Officials", None, None),
                (),
                None,
                None,
                None,
                None,
                22,
                24,
                0,
                40,
                "claims",
            ),
        ),
        mentions=(
            Mention(0, 4, "Kyiv", "place", "gn:703448", "Kyiv", 1.0, "entities"),
            Mention(7, 16, "Officials", "organization", None, None, 0.5, "entities"),
        ),
        places=(Place(0, 4, "Kyiv", "Kyiv", "UA", 50.45, 30.52, 703448, "city", "city", 1.0, "places"),),
        quality=Quality(
            "spun", 0.9, (QualitySpan(55, 63, "Speacial", "foreign_word", "Special", 0.8, "q"),), "q"
        ),
    )


def test_each_rule_annotates_its_kind_in_order() -> None:
    events = [{"trigger_start": 25, "trigger_end": 29, "type": "attack", "status": "asserted"}, {"type": "x"}]
    anns = collect_annotations(_document(), events)
    assert [a.kind for a in anns] == [
        "sentence", "sentence", "removed", "quote", "claim", "figure", "entity", "place", "spun", "event",
    ]  # fmt: skip
    by_kind = {a.kind: a for a in anns}
    assert anns[1].css == "sent sent-foreign" and anns[1].lang == "de"
    assert (
        by_kind["figure"].title == "claim: killed 12 (people); Officials"
        and by_kind["figure"].anchor == "claim-22"
    )
    assert by_kind["quote"].title == "quotation: he"
    assert by_kind["entity"].href is None and by_kind["entity"].css == "hl-entity hl-organization"
    assert by_kind["place"].href == "/entities/gn:703448"  # the place mention is shown once, as a place
    assert by_kind["spun"].title == "foreign word → Special (confidence 0.80)"
    assert by_kind["event"].title == "event: attack, asserted"  # an event without a trigger is left out
