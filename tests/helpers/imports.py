"""What a module of the package imports, read from its source (the layer and structure tests)."""

from __future__ import annotations

import ast
from pathlib import Path

import newstrace

PACKAGE = Path(newstrace.__file__).parent


def module_name(path: Path) -> str:
    """The dotted name of a file of the package (a package's ``__init__.py`` is the package)."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(
    source: str, module: str, *, is_package: bool = False, top_level: bool = False
) -> set[str]:
    """Every module ``source`` (the text of ``module``, dotted) imports, relative imports resolved
    (from the package itself where ``is_package``, the text of an ``__init__.py``); with ``top_level``,
    only the imports at module level (a function-level import is how a lazy dependency is written)."""
    found: set[str] = set()
    package = module.split(".") if is_package else module.split(".")[:-1]
    tree = ast.parse(source)
    for node in tree.body if top_level else ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, node.module] if node.module else base)
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return found
