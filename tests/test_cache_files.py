"""The built-index cache: read when it holds the right kind, rebuilt when not, and old builds tidied."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from newstrace.linking.cache_files import KEEP, STALE_SECONDS, load_or_build, tidy


class Built:
    def __init__(self, n: int) -> None:
        self.n = n


def _file(path: Path, mtime: float) -> Path:
    path.write_bytes(b"x")
    os.utime(path, (mtime, mtime))
    return path


def test_a_cached_build_is_read_and_marked_used(tmp_path: Path) -> None:
    path = tmp_path / "index-aaa.pickle"
    path.write_bytes(pickle.dumps(Built(7)))
    os.utime(path, (1000.0, 1000.0))
    calls: list[int] = []

    def build() -> Built:
        calls.append(1)
        return Built(1)

    assert load_or_build(path, Built, build).n == 7 and not calls
    assert path.stat().st_mtime > 1000.0


def test_a_missing_or_foreign_cache_is_built_and_written(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "index-bbb.pickle"
    assert load_or_build(path, Built, lambda: Built(3)).n == 3
    assert pickle.loads(path.read_bytes()).n == 3
    path.write_bytes(pickle.dumps({"not": "a build"}))
    assert load_or_build(path, Built, lambda: Built(4)).n == 4
    path.write_bytes(b"truncated")
    assert load_or_build(path, Built, lambda: Built(5)).n == 5
    assert not list(path.parent.glob("*.tmp"))


def test_writing_a_build_keeps_only_the_builds_used_last(tmp_path: Path) -> None:
    old = [_file(tmp_path / f"index-{i:03d}.pickle", 1000.0 + i) for i in range(KEEP + 2)]
    other = _file(tmp_path / "other-001.pickle", 0.0)
    load_or_build(tmp_path / "index-new.pickle", Built, lambda: Built(1))
    left = sorted(p.name for p in tmp_path.glob("index-*"))
    # The new build and the KEEP - 1 used most recently before it; another index's files untouched.
    assert left == sorted(["index-new.pickle", *(p.name for p in old[-(KEEP - 1) :])])
    assert other.exists()


def test_stale_temporary_files_go_and_fresh_ones_stay(tmp_path: Path) -> None:
    now = 10_000_000.0
    current = _file(tmp_path / "index-cur.pickle", now)
    stale = _file(tmp_path / "index-cur.pickle.41.tmp", now - STALE_SECONDS - 1)
    writing = _file(tmp_path / "index-cur.pickle.42.tmp", now - 5)
    assert tidy(current, now=now) == [stale]
    assert current.exists() and writing.exists() and not stale.exists()
