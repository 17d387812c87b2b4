"""Nesting overlapping annotations into elements without losing or reordering a character."""

from __future__ import annotations

from newstrace.web.highlight import Annotation, Node, build_tree


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
