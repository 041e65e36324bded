"""The import graph of perfscore, read statically: no cycles, and the core imports no YAML, view or report.

Every ``import`` in every module counts — at the top, inside functions, inside
``try`` — except those under ``if TYPE_CHECKING:`` (they never run). An import of
``perfscore.a.b`` is an edge to the module ``perfscore.a.b``; initialising the parent
package ``perfscore.a`` on the way is not an edge, so a package ``__init__`` that
re-exports its modules is not in a cycle with them (the rule of this test).

The one exception is the **façade**: a public object's display methods
(``Scorecard.table()``, ``Scorecard.to_json()``, ``Pack._repr_html_()`` …) reach, lazily,
the view that renders that object. Those edges are listed by name in :data:`FACADE`;
they are left out of the graph, and nothing else may point from the core outward.
"""

from __future__ import annotations

import ast
import graphlib
from collections.abc import Iterator
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "perfscore"
CORE = ("perfscore._core", "perfscore.rules", "perfscore.expression")
OUTWARD = ("yaml", "perfscore._yaml", "perfscore._views", "perfscore.reports", "perfscore._packs", "perfscore._batch")
FACADE = {  # (module, function, imported module): a display method and the view that renders its object
    ("perfscore._core.model", "_repr_html_", "perfscore.reports.htmlreport"),
    ("perfscore._core.scorecard", "to_dict", "perfscore._views.serialize"),
    ("perfscore._core.scorecard", "to_json", "perfscore._views.serialize"),
    ("perfscore._core.scorecard", "to_records", "perfscore._views.serialize"),
    ("perfscore._core.scorecard", "explain", "perfscore._views.explain"),
    ("perfscore._core.scorecard", "table", "perfscore._views.table"),
    ("perfscore._core.scorecard", "to_pandas", "perfscore._views.frames"),
    ("perfscore._core.scorecard", "_repr_html_", "perfscore.reports.htmlreport"),
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return getattr(test, "id", None) == "TYPE_CHECKING" or getattr(test, "attr", None) == "TYPE_CHECKING"


def _targets(module: str, path: Path, node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    base = node.module or ""
    if node.level:
        package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
        package = package[: len(package) - node.level + 1]
        base = ".".join([*package, *([node.module] if node.module else [])])
    for alias in node.names:
        full = f"{base}.{alias.name}"
        yield full if full in MODULES else base


def imports(module: str) -> Iterator[tuple[str, str | None, int]]:
    """(imported module, enclosing function or None, line) for every import that runs."""
    path = MODULES[module]

    def visit(node: ast.AST, function: str | None) -> Iterator[tuple[str, str | None, int]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _type_checking(child):
                for other in child.orelse:
                    yield from visit(other, function)
            elif isinstance(child, ast.Import | ast.ImportFrom):
                yield from ((target, function, child.lineno) for target in _targets(module, path, child))
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                yield from visit(child, child.name)
            else:
                yield from visit(child, function)

    yield from visit(ast.parse(path.read_text(encoding="utf-8")), None)


def graph() -> dict[str, set[str]]:
    """Module → the perfscore modules it imports (façade edges left out)."""
    edges: dict[str, set[str]] = {}
    for module in MODULES:
        edges[module] = {
            target
            for target, function, _ in imports(module)
            if target in MODULES and target != module and (module, function, target) not in FACADE
        }
    return edges


def cycle(edges: dict[str, set[str]]) -> list[str]:
    """One circle of imports (its modules in order, the first repeated at the end), or [] if there is none."""
    try:
        graphlib.TopologicalSorter(edges).prepare()
    except graphlib.CycleError as err:
        return list(err.args[1])
    return []


def test_there_are_no_import_cycles() -> None:
    """No two modules import each other, directly or around a circle, even from inside a function."""
    assert cycle(graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    """The check itself works: a circle of three modules is found, a tree of imports is not."""
    found = cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})
    assert sorted(set(found)) == ["a", "b", "c"]
    assert found[0] == found[-1]
    assert cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []


def test_the_core_imports_no_yaml_view_report_or_pack_reader() -> None:
    """_core, rules and expression import nothing from the YAML, view, report, pack or batch layers."""
    outward = [
        f"{module}:{line} ({function or 'module'}) → {target}"
        for module in MODULES
        if module.startswith(CORE)
        for target, function, line in imports(module)
        if target.startswith(OUTWARD) and (module, function, target) not in FACADE
    ]
    assert outward == []


def test_every_facade_edge_exists() -> None:
    """The façade list names real imports (an edge that went away is taken off the list)."""
    present = {(module, function, target) for module in MODULES for target, function, _ in imports(module)}
    assert present >= FACADE


def test_the_public_api_is_one_table() -> None:
    """__all__ and dir() come from perfscore._WHERE, and the type checkers' imports mirror it exactly."""
    import perfscore  # noqa: PLC0415 - the package under test

    where = perfscore._WHERE  # noqa: SLF001 - the table under test
    assert perfscore.__all__ == ["__version__", *where]
    assert sorted(perfscore.__all__) == dir(perfscore)
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    checked = next(node for node in tree.body if isinstance(node, ast.If) and _type_checking(node))
    mirrored = {
        alias.asname or alias.name: node.module
        for node in checked.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert mirrored == where
