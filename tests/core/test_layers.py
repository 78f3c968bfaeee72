"""The import graph of relief/: core below every area, and the areas in one declared order.

Every module is parsed (imports inside functions count too) and each `relief.*` import
becomes an edge between the parts it joins. A lower part never imports a higher one, so an
area can be read, tested and changed knowing only what lies below it.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

from tests.core.sources import syntax_tree

PACKAGE = Path(__file__).resolve().parents[2] / "relief"

# The package's version and the settings: read by every part, importing none.
FOUNDATION = {"relief", "settings"}
# What starts, wires or fills the application: may import any area.
ENTRY = {"app", "cli", "demo", "backup", "db", "__main__", "migrations"}
# From the bottom up. core holds the shared mechanisms (actor, permissions, scope, audit,
# forms, spreadsheets); places are the communes and hamlets everything belongs to; accounts
# binds a user to a commune or a sponsor (and nothing below it imports accounts: who acts is
# core's); the Front's ledger reads houses and aid; offline keeps a commune's households on
# the phone.
LAYERS = [
    "core",
    "places",
    "sponsors",
    "accounts",
    "households",
    "aid",
    "houses",
    "beneficiaries",
    "vouchers",
    "imports",
    "disaster_reports",
    "reports",
    "ledger",
    "offline",
    "entry",
]
# Edges that go down no layer but are allowed, each with its reason. Keep it short.
ALLOWED: dict[tuple[str, str], str] = {}
NOT_CODE = {"locale", "static"}


def _part(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "relief"
    name = parts[1]
    return "entry" if name in ENTRY else name


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(rel[:-1] if rel[-1] == "__init__" else rel)


def _targets(node: ast.AST, module: str, is_package: bool) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    base = node.module or ""
    if node.level:
        anchor = module.split(".") if is_package else module.split(".")[:-1]
        anchor = anchor[: len(anchor) - (node.level - 1)]
        base = ".".join(anchor + ([node.module] if node.module else []))
    if base == "relief":  # `from relief import x`: x may be a part of its own
        return [
            f"relief.{a.name}"
            if (PACKAGE / a.name).is_dir() or (PACKAGE / f"{a.name}.py").exists()
            else "relief"
            for a in node.names
        ]
    return [base]


def imports_of(source: str, module: str, is_package: bool = False) -> set[str]:
    """The relief modules a module's source imports, wherever the import statement is."""
    return _imports_in(ast.parse(source), module, is_package)


def _imports_in(tree: ast.Module, module: str, is_package: bool) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        for target in _targets(node, module, is_package):
            if target == "relief" or target.startswith("relief."):
                found.add(target)
    return found


def import_graph() -> dict[tuple[str, str], set[str]]:
    """(importing part, imported part) -> the module-level edges that make it."""
    edges: dict[tuple[str, str], set[str]] = defaultdict(set)
    for path in sorted(PACKAGE.rglob("*.py")):
        if NOT_CODE & set(path.relative_to(PACKAGE).parts):
            continue
        module = _module_name(path)
        for target in _imports_in(syntax_tree(path), module, path.name == "__init__.py"):
            here, there = _part(module), _part(target)
            if here != there:
                edges[(here, there)].add(f"{module} -> {target}")
    return edges


@pytest.fixture(scope="module")
def edges() -> dict[tuple[str, str], set[str]]:
    """The graph, parsed once for the tests of this module, which only read it."""
    return import_graph()


def _rank(part: str) -> int:
    return -1 if part in FOUNDATION else LAYERS.index(part)


def test_every_part_of_the_package_has_its_layer():
    parts = {_part(_module_name(p)) for p in PACKAGE.rglob("*.py")}
    parts |= {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    parts = {"entry" if p in ENTRY else p for p in parts} - NOT_CODE - FOUNDATION
    assert sorted(parts - set(LAYERS)) == []


def test_the_foundation_imports_nothing_of_the_package(edges):
    assert {k: v for k, v in edges.items() if k[0] in FOUNDATION and k[1] != "relief"} == {}


def test_core_imports_no_area(edges):
    found = {k: sorted(v) for k, v in edges.items() if k[0] == "core" and k[1] not in FOUNDATION}
    assert found == {}


def test_no_area_imports_one_above_it(edges):
    upward = {
        k: sorted(v)
        for k, v in edges.items()
        if k[1] not in FOUNDATION and _rank(k[0]) < _rank(k[1]) and k not in ALLOWED
    }
    assert upward == {}


def test_no_cycle_between_areas(edges):
    graph: dict[str, set[str]] = defaultdict(set)
    for here, there in edges:
        graph[here].add(there)
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], node, nxt] if nxt in path else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*path, node])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    assert cycles == []


def test_the_graph_sees_every_kind_of_import():
    source = """
import relief.places.models
from relief.core import audit
from relief import settings, __version__
from . import service
from ..places.models import Commune


def later():
    from relief.reports import kept
"""
    assert imports_of(source, "relief.houses.views") == {
        "relief.places.models",
        "relief.core",
        "relief.settings",
        "relief",
        "relief.houses",
        "relief.reports",
    }
    assert _part("relief.app") == _part("relief.migrations.0001_initial") == "entry"
