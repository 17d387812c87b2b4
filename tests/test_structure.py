"""The limits the code keeps so a newcomer can read it: no module above 450 lines, no function above
cyclomatic complexity 25 (radon's measure), no import cycle between the package's modules (imports at
module level; a function-level import is how a lazy dependency is written and does not count)."""

from __future__ import annotations

from pathlib import Path

from radon.complexity import cc_visit

from helpers.imports import PACKAGE, imported_modules, module_name

MAX_LINES = 450
MAX_COMPLEXITY = 25


def _modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def test_no_module_is_longer_than_the_limit() -> None:
    long = {
        name: n for name, p in _modules().items() if (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES
    }
    assert not long, long


def test_no_function_is_more_complex_than_the_limit() -> None:
    complex_ = {
        f"{name}.{block.fullname}": block.complexity
        for name, p in _modules().items()
        for block in cc_visit(p.read_text("utf-8"))
        if block.complexity > MAX_COMPLEXITY
    }
    assert not complex_, complex_


def _top_level_imports(path: Path, module: str, known: set[str]) -> set[str]:
    source = path.read_text("utf-8")
    found = imported_modules(source, module, is_package=path.name == "__init__.py", top_level=True)
    return {t for t in found if t in known and t != module}


def test_no_import_cycle() -> None:
    modules = _modules()
    graph = {name: _top_level_imports(path, name, set(modules)) for name, path in modules.items()}
    state: dict[str, int] = {}  # 1: on the path being walked, 2: done
    cycles: list[list[str]] = []

    def walk(name: str, path: list[str]) -> None:
        state[name] = 1
        for nxt in sorted(graph[name]):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                walk(nxt, [*path, nxt])
        state[name] = 2

    for name in graph:
        if name not in state:
            walk(name, [name])
    assert not cycles, cycles[:3]
