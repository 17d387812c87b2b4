"""Hostile files and folders through the real ingest: the run goes on, and each bad input is recorded
with its reason (issue 18's defects 1, 2, 7 and 8)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newstrace.readers.decode import decode_bytes
from newstrace.services.ingest import ingest
from newstrace.services.report import RunReport
from newstrace.settings import Settings
from newstrace.store.documents import DocumentStore
from newstrace.store.sqlite import Database

# Reading the files is under test, not the analysis: the first stage only keeps the runs fast.
FAST = Settings(stages=("normalise",))
ARTICLE = "Ferry service across the river resumed on Tuesday after engineers inspected the landing stage.\n"
OTHER = "The regional library reopened its reading room after repairs to the roof that took two months.\n"
THIRD = "Volunteers in the district delivered water filters to villages cut off by the flooded road.\n"


def run(paths: list[Path], db: Database, settings: Settings = FAST) -> RunReport:
    return ingest(paths, settings, db)


def stored(db: Database) -> dict[str, str]:
    return {d.source: d.raw for d in DocumentStore(db).iter_documents()}


def rejected(db: Database) -> dict[tuple[str, str], tuple[str, str]]:
    return {(r["source"], r["source_id"]): (r["reason"], r["detail"]) for r in DocumentStore(db).rejections()}


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = Database(tmp_path / "store.db")
    yield database  # type: ignore[misc]
    database.close()


# -- 1. file names that are not UTF-8 -------------------------------------------------------------------
def test_a_file_name_that_is_not_utf8_is_stored_losslessly(tmp_path: Path, db: Database) -> None:
    from newstrace.readers.names import name_bytes

    folder = tmp_path / "in"
    folder.mkdir()
    raw_name = b"r\xe9port-\xff.txt"  # Latin-1 bytes: not UTF-8
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    odd = folder / os.fsdecode(raw_name)
    odd.write_text(OTHER, encoding="utf-8")
    (folder / "empty-\udcff.txt").write_bytes(b"")  # a rejection under an odd name too

    report = run([folder], db)
    assert report.accepted == 2 and report.rejected_total == 1
    docs = stored(db)
    [odd_source] = [s for s in docs if s != str(folder / "good.txt")]
    assert docs[odd_source] == OTHER
    assert name_bytes(odd_source) == os.fsencode(odd)  # the exact bytes of the name come back
    [(rej_source, _)] = rejected(db)
    assert name_bytes(rej_source) == os.fsencode(folder / "empty-\udcff.txt")
    assert run([folder], db).unchanged == 2  # and a second run reads the same names


def test_quoted_names_cannot_be_confused_with_plain_ones() -> None:
    from newstrace.readers.names import name_bytes, source_name

    plain = ["a/b.txt", "d\u00e9j\u00e0.txt", "\u041a\u0438\u0457\u0432.txt", 'say "hi".txt', "back\\x41.txt"]
    odd = ["\udce9t\u00e9.txt", '"quoted".txt', "back\\x41-\udcff.txt"]
    names = [source_name(p) for p in plain + odd]
    assert len(set(names)) == len(names)
    assert names[: len(plain)] == plain  # valid UTF-8 names not starting with a quote are unchanged
    for original, name in zip(plain + odd, names, strict=True):
        name.encode("utf-8")  # storable
        assert name_bytes(name) == os.fsencode(original)


# -- 2. deeply nested JSON ------------------------------------------------------------------------------
def test_deeply_nested_json_line_is_one_rejection_and_the_rest_is_read(tmp_path: Path, db: Database) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a", "text": ARTICLE}),
        "[" * 5000 + "]" * 5000,
        '{"id": "deep", "text": "x", "extra": ' + "[" * 3000 + "]" * 3000 + "}",
        json.dumps({"id": "b", "text": OTHER}),
        json.dumps({"id": "c", "text": THIRD}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = run([path], db)
    assert report.accepted == 3
    rows = rejected(db)
    assert rows[(str(path), "line 2")] == ("malformed", "JSON nested too deeply")
    assert rows[(str(path), "line 3")][0] == "malformed"
    assert len(rows) == 2


def test_a_lone_surrogate_escape_is_a_rejected_line(tmp_path: Path, db: Database) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"id": "s", "text": "broken \ud800 text"})
        + "\n"
        + json.dumps({"id": "b", "text": OTHER})
        + "\n",
        encoding="utf-8",
    )
    report = run([path], db)
    assert report.accepted == 1
    assert rejected(db)[(str(path), "line 1")][0] == "malformed"


# -- 7. symbolic links out of the folder ----------------------------------------------------------------
def _linked_folder(tmp_path: Path) -> tuple[Path, Path]:
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text(OTHER, encoding="utf-8")
    (outside / "more.txt").write_text(THIRD, encoding="utf-8")
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "secret-link.txt").symlink_to(secret)
    (folder / "dir-link").symlink_to(outside, target_is_directory=True)
    (folder / "sub" / "inside-link.txt").symlink_to(folder / "article.txt")
    (folder / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    return folder, secret


def test_a_folder_walk_does_not_follow_links_out_of_the_folder(tmp_path: Path, db: Database) -> None:
    folder, _ = _linked_folder(tmp_path)
    report = run([folder], db)
    assert set(stored(db).values()) == {ARTICLE}  # the file and the link to it inside the folder
    rows = rejected(db)
    assert rows[(str(folder / "secret-link.txt"), "")][0] == "link_outside"
    assert rows[(str(folder / "dir-link"), "")][0] == "link_outside"
    assert "--follow-links" in rows[(str(folder / "secret-link.txt"), "")][1]
    assert rows[(str(folder / "dangling.txt"), "")][0] == "broken_link"
    assert report.rejected_total == 3
    # A pattern does not leave the folder it names either.
    other = Database(tmp_path / "glob.db")
    try:
        run([Path(str(folder) + "/**/*.txt")], other)
        assert set(stored(other).values()) == {ARTICLE}
        assert rejected(other)[(str(folder / "secret-link.txt"), "")][0] == "link_outside"
    finally:
        other.close()


def test_links_are_followed_when_asked(tmp_path: Path, db: Database) -> None:
    folder, _ = _linked_folder(tmp_path)
    run([folder], db, FAST.with_overrides(follow_links=True))
    assert set(stored(db).values()) == {ARTICLE, OTHER, THIRD}
    assert {reason for reason, _ in rejected(db).values()} == {"broken_link"}


def test_a_file_named_explicitly_is_read_through_its_link(tmp_path: Path, db: Database) -> None:
    folder, _ = _linked_folder(tmp_path)
    run([folder / "secret-link.txt"], db)
    assert set(stored(db).values()) == {OTHER}


# -- 8. empty JSON Lines, UTF-16 without a byte order mark ----------------------------------------------
def test_an_empty_jsonl_file_is_rejected_as_empty(tmp_path: Path, db: Database) -> None:
    (tmp_path / "zero.jsonl").write_bytes(b"")
    (tmp_path / "blank.jsonl").write_bytes(b"\n  \n")
    (tmp_path / "zero.jsonl.gz").write_bytes(__import__("gzip").compress(b""))
    report = run([tmp_path / "zero.jsonl", tmp_path / "blank.jsonl", tmp_path / "zero.jsonl.gz"], db)
    assert report.rejected == {"empty": 3}
    assert {k[0] for k in rejected(db)} == {
        str(tmp_path / n) for n in ("zero.jsonl", "blank.jsonl", "zero.jsonl.gz")
    }


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path: Path, db: Database, encoding: str) -> None:
    text = "Паром через реку снова ходит.\n" + ARTICLE
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(encoding))
    assert decode_bytes(text.encode(encoding)) == (text, encoding)
    report = run([path], db)
    assert report.accepted == 1 and stored(db) == {str(path): text}


def test_binary_with_zero_bytes_is_still_binary() -> None:
    from newstrace.readers.decode import InputRejected

    noise = bytes((i * 7919) % 251 for i in range(4000)) + b"\x00\x00" * 300
    with pytest.raises(InputRejected, match="binary"):
        decode_bytes(noise)
    with pytest.raises(InputRejected, match="empty"):
        decode_bytes("   \n ".encode("utf-16-le"))
