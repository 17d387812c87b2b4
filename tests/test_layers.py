"""The interfaces (cli/, web/) reach the store only through services: no module of theirs imports
``newstrace.store``, at the top or inside a function, absolutely or relatively."""

from __future__ import annotations

import ast
from pathlib import Path

import newstrace

PACKAGE = Path(newstrace.__file__).parent
INTERFACES = ("cli", "web")


def imported_modules(source: str, module: str) -> set[str]:
    """Every module ``source`` (the text of ``module``, dotted) imports, relative imports resolved."""
    found: set[str] = set()
    package = module.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, node.module] if node.module else base)
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def store_imports(folder: str, layer: str = "store") -> list[str]:
    """Imports of ``newstrace.<layer>`` by the modules under ``folder``."""
    bad = []
    package = f"newstrace.{layer}"
    for path in sorted((PACKAGE / folder).rglob("*.py")):
        name = _module_name(path)
        for target in imported_modules(path.read_text(encoding="utf-8"), name):
            if target == package or target.startswith(f"{package}."):
                bad.append(f"{name} imports {target}")
    return bad


def test_interfaces_do_not_import_the_store() -> None:
    for folder in INTERFACES:
        assert store_imports(folder) == []


def test_the_store_analyses_no_text() -> None:
    # What the store keeps is computed by stages and stored as annotation fields (the stated figures,
    # an event's ACLED codes); the store only writes and reads them.
    assert store_imports("store", layer="text") == []


def test_the_check_sees_every_form_of_import() -> None:
    forms = {
        "import newstrace.store.sqlite": "newstrace.store.sqlite",
        "from newstrace.store.documents import DocumentStore": "newstrace.store.documents",
        "from ..store import sqlite": "newstrace.store.sqlite",
        "from ...store.lists import ListFilter": "newstrace.store.lists",
        "def f():\n    from newstrace.store import lists\n": "newstrace.store.lists",
    }
    for source, target in forms.items():
        module = "newstrace.web.api.x" if "..." in source else "newstrace.cli.x"
        assert target in imported_modules(source, module), source
    assert not any(
        m.startswith("newstrace.store") for m in imported_modules("import newstrace.services", "x")
    )
