"""The layout shows the architecture, and the imports keep it: read from the source with `ast`, nothing imported.

Dependencies point one way: `bot.core` (plain Python) <- `bot.language` (spaCy) <- `bot.rasa_patches` <-
`bot.rasa_plugins` <- `bot.serving`; the actions build on the core alone; the development tools (`devtools/`,
scripts, benchmarks) may use anything and nothing in the runtime uses them. Only `bot.rasa_patches` touches a
private name of Rasa's: a `_name` imported from, read off or overridden in one of Rasa's modules or classes.
"""

from __future__ import annotations

import ast
import importlib.util
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import ROOT

SCANNED = ("bot", "actions", "devtools", "scripts", "benchmarks")
RASA = ("rasa", "rasa_sdk")
PATCHES = "bot.rasa_patches"
LAYERS = {
    "bot.core": {"bot.core"},
    "bot.language": {"bot.core", "bot.language"},
    "bot.rasa_patches": {"bot.core", "bot.language", "bot.rasa_patches"},
    "bot.rasa_plugins": {"bot.core", "bot.language", "bot.rasa_patches", "bot.rasa_plugins"},
    "bot.serving": {"bot.core", "bot.language", "bot.rasa_patches", "bot.rasa_plugins", "bot.serving"},
    "actions": {"bot.core", "actions"},
}
"""Each runtime package and the project packages it may import (the development tools are in none)."""


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for top in SCANNED for path in sorted((ROOT / top).rglob("*.py")) if path.is_file()}


@cache
def _tree(name: str) -> ast.Module:
    return ast.parse(MODULES[name].read_text(encoding="utf-8"), filename=str(MODULES[name]))


def _imports(name: str) -> Iterator[str]:
    """Every module `name` imports, at the top, inside functions or for type checking (none are relative)."""
    for node in ast.walk(_tree(name)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert not node.level, f"{name}: a relative import"
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                yield submodule if submodule in MODULES else str(node.module)


def _project_imports(name: str) -> set[str]:
    return {imported for imported in _imports(name) if imported in MODULES}


def _layer(name: str) -> str | None:
    return next((layer for layer in LAYERS if name == layer or name.startswith(layer + ".")), None)


def _top(name: str) -> str:
    return name.partition(".")[0]


def test_the_runtime_packages_are_all_placed() -> None:
    """Every module under bot/ belongs to one role (a new top-level module would blur the layout)."""
    assert [name for name in MODULES if _top(name) == "bot" and name != "bot" and _layer(name) is None] == []


def test_no_import_cycle() -> None:
    graph = {name: _project_imports(name) for name in MODULES}
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        if name in path:
            cycle = path[path.index(name) :] + [name]
            pytest.fail("import cycle: " + " -> ".join(cycle))
        if name in done:
            return
        for imported in sorted(graph[name]):
            visit(imported, [*path, name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])


@pytest.mark.parametrize("name", sorted(name for name in MODULES if _layer(name)))
def test_dependencies_point_one_way(name: str) -> None:
    """A runtime module imports only the packages below it; none imports the development tools."""
    layer = _layer(name)
    assert layer is not None
    wrong = sorted(imported for imported in _project_imports(name) if _layer(imported) not in LAYERS[layer])
    assert wrong == [], f"{name} ({layer}) may import only {sorted(LAYERS[layer])}"


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [("bot.core", (*RASA, "spacy")), ("bot.language", RASA), ("actions", ("rasa",))],
)
def test_the_core_needs_no_rasa_and_no_spacy(layer: str, forbidden: tuple[str, ...]) -> None:
    """The core is plain Python, the language package spaCy without Rasa, the actions rasa-sdk without Rasa."""
    found = sorted(
        f"{name} imports {imported}"
        for name in MODULES
        if _layer(name) == layer
        for imported in _imports(name)
        if _top(imported) in forbidden
    )
    assert found == []


@cache
def _rasa_source(module: str) -> ast.Module | None:
    """A module of Rasa's (or rasa-sdk's) parsed from its file, without importing it; None if not found."""
    spec = importlib.util.find_spec(_top(module))
    if spec is None or not spec.submodule_search_locations:
        return None
    base = Path(next(iter(spec.submodule_search_locations))).joinpath(*module.split(".")[1:])
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return ast.parse(path.read_text(encoding="utf-8"))
    return None


@cache
def _rasa_private_methods(module: str, class_name: str) -> frozenset[str]:
    """The private names a Rasa class defines, its Rasa base classes' included."""
    tree = _rasa_source(module)
    if tree is None:
        return frozenset()
    imported = {
        alias.asname or alias.name: (node.module, alias.name)
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module and _top(node.module) in RASA
        for alias in node.names
    }
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == class_name:
            names = {item.name for item in node.body if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)}
            for base in node.bases:
                if isinstance(base, ast.Name):
                    base_module, base_name = imported.get(base.id, (module, base.id))
                    names |= _rasa_private_methods(base_module, base_name)
            return frozenset(name for name in names if _private(name))
    return frozenset()


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _rasa_bindings(tree: ast.Module) -> tuple[dict[str, tuple[str, str]], list[str]]:
    """The local names bound to Rasa's modules and classes (name -> (Rasa module, the name imported from it, or
    "")), and the imports that name a private module or object of Rasa's."""
    names: dict[str, tuple[str, str]] = {}
    private: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and _top(node.module) in RASA:
            for alias in node.names:
                names[alias.asname or alias.name] = (node.module, alias.name)
                if _private(alias.name) or any(_private(part) for part in node.module.split(".")):
                    private.append(f"line {node.lineno}: imports {alias.name} from {node.module}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if _top(alias.name) in RASA:
                    names[alias.asname or _top(alias.name)] = (alias.name if alias.asname else _top(alias.name), "")
                    if any(_private(part) for part in alias.name.split(".")):
                        private.append(f"line {node.lineno}: imports {alias.name}")
    return names, private


def _private_rasa_uses(tree: ast.Module) -> list[str]:
    """Private Rasa names a module imports, reads off a Rasa module or class, or overrides in a Rasa subclass."""
    rasa_names, uses = _rasa_bindings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            root: ast.expr = node
            while isinstance(root, ast.Attribute):
                root = root.value
            if isinstance(root, ast.Name) and root.id in rasa_names:
                uses.append(f"line {node.lineno}: uses {ast.unparse(node)}")
        elif isinstance(node, ast.ClassDef):
            inherited = {
                method
                for base in node.bases
                if isinstance(base, ast.Name) and base.id in rasa_names
                for method in _rasa_private_methods(*rasa_names[base.id])
            }
            uses += [
                f"line {item.lineno}: {node.name} overrides Rasa's {item.name}"
                for item in node.body
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef) and item.name in inherited
            ]
    return sorted(uses)


SNIPPET = """
import rasa.core.actions.action as action
from rasa.core.tracker_store import SQLTrackerStore

class Store(SQLTrackerStore):
    async def _retrieve(self, sender_id, fetch_events_from_all_sessions): ...

action.RemoteAction._validate_action_result = None
"""


def test_the_private_name_check_sees_overrides_and_attributes() -> None:
    """The check below catches an overridden private method of a Rasa base class and a private attribute."""
    assert _private_rasa_uses(ast.parse(SNIPPET)) == [
        "line 6: Store overrides Rasa's _retrieve",
        "line 8: uses action.RemoteAction._validate_action_result",
    ]
    assert _private_rasa_uses(_tree(PATCHES)), "bot/rasa_patches.py touches Rasa's internals"


@pytest.mark.parametrize("name", sorted(name for name in MODULES if name != PATCHES))
def test_only_the_patches_touch_rasa_internals(name: str) -> None:
    assert _private_rasa_uses(_tree(name)) == []
