"""A folder of text articles a test writes, ready to ingest (``newstrace ingest FOLDER``)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path


def text_folder(tmp_path: Path, files: Mapping[str, str], name: str = "in") -> Path:
    """The folder ``tmp_path / name`` holding each file name's text, UTF-8."""
    folder = tmp_path / name
    folder.mkdir(exist_ok=True)
    for file_name, text in files.items():
        (folder / file_name).write_text(text, encoding="utf-8")
    return folder
