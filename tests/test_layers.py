"""The interfaces (cli/, web/) reach the store only through services: no module of theirs imports
``newstrace.store``, at the top or inside a function, absolutely or relatively."""

from __future__ import annotations

from helpers.imports import PACKAGE, imported_modules, module_name

INTERFACES = ("cli", "web")


def store_imports(folder: str, layer: str = "store") -> list[str]:
    """Imports of ``newstrace.<layer>`` by the modules under ``folder``."""
    bad = []
    package = f"newstrace.{layer}"
    for path in sorted((PACKAGE / folder).rglob("*.py")):
        name = module_name(path)
        source = path.read_text(encoding="utf-8")
        for target in imported_modules(source, name, is_package=path.name == "__init__.py"):
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
