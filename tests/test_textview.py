from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newstrace.model import Edit, TextView


def test_identity_maps_each_character_to_itself() -> None:
    v = TextView.identity("abc")
    assert v.to_raw(0, 3) == (0, 3)
    assert v.to_raw(1, 1) == (1, 1)
    assert v.to_raw(3, 3) == (3, 3)


def test_deletion_and_replacement_compose_back_to_raw() -> None:
    raw = "Hello  &amp; world\n\n\nBye"
    v = TextView.identity(raw)
    v = v.edit([Edit(5, 7, " "), Edit(7, 12, "&")])
    assert v.text == "Hello & world\n\n\nBye"
    s = v.text.index("world")
    assert raw[slice(*v.to_raw(s, s + 5))] == "world"
    amp = v.text.index("&")
    assert v.to_raw(amp, amp + 1) == (7, 12)
    v2 = v.edit([Edit(v.text.index("\n"), v.text.index("B"), "\n")])
    b = v2.text.index("Bye")
    assert raw[slice(*v2.to_raw(b, b + 3))] == "Bye"


def test_same_length_replacement_keeps_exact_offsets() -> None:
    raw = "“quoted”"
    v = TextView.identity(raw).edit([Edit(0, 1, '"'), Edit(7, 8, '"')])
    assert v.to_raw(1, 7) == (1, 7)


def test_overlapping_edits_are_refused() -> None:
    v = TextView.identity("abcdef")
    try:
        v.edit([Edit(0, 3, ""), Edit(2, 4, "")])
    except ValueError:
        return
    raise AssertionError("overlapping edits must raise")


@given(
    st.text(min_size=1, max_size=60),
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 5), st.text(max_size=4)), max_size=6),
)
def test_runs_round_trip(raw: str, ops: list[tuple[int, int, str]]) -> None:
    v = TextView.identity(raw)
    for pos, length, rep in ops:
        start = min(pos, len(v.text))
        end = min(start + length, len(v.text))
        v = v.edit([Edit(start, end, rep)])
    back = TextView.from_runs(v.text, v.to_runs(), len(raw))
    for i in range(len(v.text)):
        assert back.to_raw(i, i + 1) == v.to_raw(i, i + 1) or (
            # a run of replacement characters whose raw span happens to have the run's length is
            # restored one to one: still inside the same raw span
            v.to_raw(i, i + 1)[0]
            <= back.to_raw(i, i + 1)[0]
            < back.to_raw(i, i + 1)[1]
            <= v.to_raw(i, i + 1)[1]
        )
