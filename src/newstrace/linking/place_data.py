"""newstrace's own place data (``data/places/*.yaml``), read in one place by the modules that build the
gazetteer from it."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml


def places_yaml(name: str) -> Any:
    """The parsed file ``data/places/<name>`` (None for an empty file)."""
    path = Path(str(resources.files("newstrace").joinpath("data", "places", name)))
    return yaml.safe_load(path.read_text(encoding="utf-8"))
