"""The package reads top to bottom: every import (at module level, inside a function or under
TYPE_CHECKING) points to a lower layer or to a unit of the same layer, and the units import each
other without a cycle. A newcomer can then read a layer knowing only the layers below it."""

from __future__ import annotations

import ast
from pathlib import Path

import replylint

ROOT = Path(replylint.__file__).parent

# Lowest first. A unit is a subpackage or a top-level module of replylint.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "data", "send_at", "cached"),
    ("document",),
    ("sources",),  # inputs: files and collections as drafts (the document model finds zones in an e-mail)
    ("mechanisms", "integrations"),  # reusable matching; LanguageTool's client
    ("rulekit",),  # what a rule is written against: catalog, findings, @rule, typed options, context
    ("checks",),  # the rules
    ("engine",),  # settings, running the rules, suppressions, parallel linting
    ("config", "fixes", "baseline", "reporters"),  # around a run: config files, --fix, baselines, outputs
    ("pipeline", "server", "lsp", "cli", "__main__", "__init__"),  # applications
)
RANK = {unit: rank for rank, units in enumerate(LAYERS) for unit in units}


def _unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _module_of(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Every replylint module `path` imports, wherever the import statement stands."""
    module = _module_of(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            found.add(target)
            # `from replylint import config`: the name may be a module of its own
            found.update(f"{target}.{alias.name}" for alias in node.names
                         if (ROOT.parent / f"{target}.{alias.name}".replace(".", "/")).with_suffix(".py").exists())
    return {name for name in found if name == "replylint" or name.startswith("replylint.")}


def _unit_graph() -> dict[str, dict[str, list[str]]]:
    """unit -> the units it imports -> the modules that do so (for the failure message)."""
    graph: dict[str, dict[str, list[str]]] = {}
    for path in sorted(ROOT.rglob("*.py")):
        source = _module_of(path)
        for target in _imports(path):
            if target == "replylint":
                continue  # the package itself: importing any submodule runs it; it imports nothing at load
            a, b = _unit(source), _unit(target)
            if a != b:
                graph.setdefault(a, {}).setdefault(b, []).append(f"{source} -> {target}")
    return graph


def test_every_unit_has_a_layer() -> None:
    units = {_unit(_module_of(path)) for path in ROOT.rglob("*.py")}
    assert units <= set(RANK), f"add to LAYERS: {sorted(units - set(RANK))}"


def test_imports_point_down_the_layers() -> None:
    upward = [where for a, targets in _unit_graph().items() for b, wheres in targets.items()
              if RANK[b] > RANK[a] for where in wheres]
    assert not upward, "imports of a higher layer:\n" + "\n".join(sorted(upward))


def test_no_import_cycle_between_units() -> None:
    graph = {unit: set(targets) for unit, targets in _unit_graph().items()}
    done: set[str] = set()
    path: list[str] = []

    def visit(unit: str) -> None:
        if unit in path:
            raise AssertionError("import cycle: " + " -> ".join([*path[path.index(unit):], unit]))
        if unit in done:
            return
        path.append(unit)
        for target in sorted(graph.get(unit, ())):
            visit(target)
        path.pop()
        done.add(unit)

    for unit in sorted(graph):
        visit(unit)


def test_the_package_module_imports_nothing_at_load() -> None:
    """`import replylint.document.model` runs replylint/__init__.py first: it must not pull the engine in."""
    tree = ast.parse((ROOT / "__init__.py").read_text(encoding="utf-8"))
    top_level = [node for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)]
    assert all(node.module in ("__future__", "typing") for node in top_level if isinstance(node, ast.ImportFrom))


def test_the_walk_sees_imports_inside_functions_and_under_type_checking() -> None:
    """The checks above would pass vacuously if the walk missed imports: cli imports the server
    only inside `serve`, runner imports GrammarStage only under TYPE_CHECKING."""
    graph = _unit_graph()
    assert "replylint.cli -> replylint.server.run" in graph["cli"]["server"]
    assert "replylint.engine.runner -> replylint.integrations.languagetool" in graph["engine"]["integrations"]
