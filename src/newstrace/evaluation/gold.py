"""The gold file: what a careful analyst reads out of a set of articles (see the seeds' gold file)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class GoldError(ValueError):
    pass


@dataclass(frozen=True)
class Gold:
    path: Path
    data: dict[str, Any]

    @property
    def documents(self) -> dict[str, dict[str, Any]]:
        docs = self.data.get("documents")
        if not isinstance(docs, dict):
            raise GoldError(f"{self.path}: no 'documents' object")
        return docs

    def corpus_dir(self) -> Path:
        """The articles sit beside the gold file in a folder named like it (seeds.gold.json -> seeds/)."""
        name = self.path.name.split(".")[0]
        return self.path.parent / name


def load_gold(path: Path) -> Gold:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GoldError(f"cannot read gold file {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise GoldError(f"{path}: the gold file must hold a JSON object")
    return Gold(path, data)
