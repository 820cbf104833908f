"""Layering of the ``toolkit`` package: no import cycle among its modules at import time.

Only imports that run when a module is imported count: those at module level (also inside
top-level ``try``/``if`` blocks and class bodies), not those inside functions (deliberately
deferred) nor under ``if TYPE_CHECKING:``. ``from pkg import name`` is an edge to
``pkg.name`` when that is a module, else to ``pkg`` (its ``__init__``).
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "toolkit"

# The last two cycles came from registries that imported their members at the bottom of
# the module while the members imported the registry back (toolkit.readers and
# toolkit.trust.render); registries are now explicit tables (toolkit/registry.py).


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_time_statements(body: list[ast.stmt]):
    """Statements that run on import: descend into try/if/with/class bodies, never into functions."""
    for node in body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, ast.If):
            if not _is_type_checking(node.test):
                yield from _import_time_statements(node.body)
            yield from _import_time_statements(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody, *(h.body for h in node.handlers)):
                yield from _import_time_statements(block)
        elif isinstance(node, (ast.With, ast.ClassDef)):
            yield from _import_time_statements(node.body)


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The toolkit modules ``name`` imports when it is imported."""
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in _import_time_statements(tree.body):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                package = ".".join(base + ([node.module] if node.module else []))
            else:
                package = node.module or ""
            targets = [f"{package}.{alias.name}" if f"{package}.{alias.name}" in modules else package
                       for alias in node.names]
        found.update(target for target in targets if target in modules and target != name)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = all_modules()
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def tangles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """Strongly connected components of more than one module (Tarjan): each holds a cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[frozenset[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(frozenset(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(components, key=min)


def one_cycle(graph: dict[str, set[str]], component: frozenset[str]) -> list[str]:
    """A shortest path from the component's first module back to itself, for the failure message."""
    start = min(component)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for nxt in sorted(graph[node] & component):
                if nxt == start:
                    return [*paths[node], start]
                if nxt not in paths:
                    paths[nxt] = [*paths[node], nxt]
                    following.append(nxt)
        frontier = following
    return sorted(component)


def describe(graph: dict[str, set[str]], found: list[frozenset[str]]) -> str:
    """One cycle per tangle, then every module caught in it."""
    return "\n".join(
        " -> ".join(one_cycle(graph, component)) + f"   (modules in the tangle: {', '.join(sorted(component))})"
        for component in found
    )


def test_the_graph_sees_real_imports():
    """The parser must find edges, or 'no cycle' would be vacuous."""
    graph = import_graph()
    assert "toolkit.model" in graph["toolkit.render.document"]
    assert "toolkit.citations" in graph["toolkit.trust.render"]
    assert "toolkit.readers.pdf" not in graph["toolkit.model"]
    # A deferred import (inside a function) is not an edge: document.py reads the register lazily.
    source = (PACKAGE / "render" / "document.py").read_text("utf-8")
    if "    from ..citations import" in source and "\nfrom ..citations import" not in source:
        assert "toolkit.citations" not in graph["toolkit.render.document"]


def test_cycle_finder_finds_a_planted_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "e"}, "d": {"a"}, "e": set()}
    assert tangles(graph) == [frozenset("abc")]
    assert one_cycle(graph, frozenset("abc")) == ["a", "b", "c", "a"]
    assert tangles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle():
    graph = import_graph()
    found = tangles(graph)
    print(describe(graph, found))
    assert not found, "import cycle(s) among toolkit modules:\n" + describe(graph, found)


def test_registries_import_none_of_their_members():
    """Explicit tables, loaded on first use: listing formats imports no parser or renderer."""
    graph = import_graph()
    assert not {m for m in graph["toolkit.readers"] if m.startswith("toolkit.readers.") and m != "toolkit.readers.options"}
    assert "toolkit.trust.render_html" not in graph["toolkit.trust.render"]
    assert not {m for m in graph["toolkit.render"] if m.startswith("toolkit.render.diff_")}
