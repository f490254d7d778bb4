"""No circle of imports passes through a models module.

A models module that imports (even inside a function) code that imports models back is a
circle: it works only because of import order and late imports, and it hides which layer
depends on which. The graph is built from the source with `ast`, so it sees what a run may
not: relative imports, `from . import x`, imports inside functions, and the package
`__init__` a dotted import executes. Imports under `if TYPE_CHECKING:` are left out (they
never run).
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Circles known and not yet removed; each entry is a whole strongly connected component, so
# the test fails when one grows, and fails when it is gone until the entry is deleted.
KNOWN = []
# Top-level product packages: directory -> importable name (`site/` is imported as coopsite).
PACKAGES = {
    "site": "coopsite",
    "home": "home",
    "resources": "resources",
    "members": "members",
    "billing": "billing",
    "search": "search",
}


def product_modules():
    """{dotted module name: path} for every product module."""
    modules = {}
    for directory, name in PACKAGES.items():
        for path in sorted((ROOT / directory).rglob("*.py")):
            parts = list(path.relative_to(ROOT / directory).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join([name, *parts])] = path
    return modules


def _is_type_checking(node):
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(tree):
    """Every Import/ImportFrom in the module, at any depth, except TYPE_CHECKING blocks."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def _base(module, is_package, node):
    """The absolute module an ImportFrom names, resolving leading dots."""
    if not node.level:
        return node.module
    parts = module.split(".")
    package = parts if is_package else parts[:-1]
    anchor = package[: len(package) - (node.level - 1)]
    return ".".join(anchor + ([node.module] if node.module else []))


def imported_names(module, path):
    """Dotted names a module imports, as Python would resolve them."""
    is_package = path.name == "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in _import_nodes(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
            continue
        base = _base(module, is_package, node)
        yield base
        # `from package import name` imports the submodule `package.name` when there is one.
        for alias in node.names:
            yield f"{base}.{alias.name}"


def import_graph():
    """{module: set of product modules it makes Python execute}."""
    modules = product_modules()
    graph = {}
    for module, path in modules.items():
        ancestors = {".".join(module.split(".")[:i]) for i in range(1, module.count(".") + 1)}
        if path.name == "__init__.py":
            ancestors.add(module)
        edges = set()
        for name in imported_names(module, path):
            parts = name.split(".")
            # Importing a.b.c executes a, a.b and a.b.c; the importer's own packages are
            # already being imported, so they are not a dependency.
            for i in range(1, len(parts) + 1):
                target = ".".join(parts[:i])
                if target in modules and target not in ancestors and target != module:
                    edges.add(target)
        graph[module] = edges
    return graph


def strongly_connected(graph):
    """Tarjan's strongly connected components, iteratively."""
    index, low, on_stack, stack, components = {}, {}, set(), [], []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                components.append(component)
    return components


def is_models(module):
    return "models" in module.split(".")


def a_cycle(graph, component, start):
    """One concrete circle inside `component` from `start` back to itself (for the message)."""
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in sorted(graph[node] & component):
            if child == start:
                return [*paths[node], start]
            if child not in paths:
                paths[child] = [*paths[node], child]
                queue.append(child)
    return [start]  # pragma: no cover - a component always has a circle


def cycles_through_models(graph, known=()):
    """One circle per models module in each strongly connected component, skipping
    components that are exactly one of `known` (sets of module names)."""
    found = []
    for component in strongly_connected(graph):
        if len(component) < 2 or component in known:
            continue
        for module in sorted(m for m in component if is_models(m)):
            found.append(" -> ".join(a_cycle(graph, component, module)))
    return found


def test_the_graph_sees_relative_late_and_package_imports(tmp_path, monkeypatch):
    """The builder must see the kinds of import a circle hides behind, or the test is blind."""
    package = tmp_path / "pkg"
    (package / "models").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "models" / "__init__.py").write_text("from .things import Thing\n")
    (package / "models" / "things.py").write_text(
        "def late():\n    from pkg import rules\n"
    )  # a late import back out of models
    (package / "rules.py").write_text("from . import helpers\n")
    (package / "helpers.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .views import X\n"
        "from .models.things import Thing\n"
    )
    (package / "views.py").write_text("from .models import Thing\n")
    monkeypatch.setattr(
        "tests.test_import_graph.ROOT", tmp_path, raising=True
    )  # product_modules reads ROOT
    monkeypatch.setattr("tests.test_import_graph.PACKAGES", {"pkg": "pkg"}, raising=True)
    graph = import_graph()
    assert graph["pkg.models.things"] == {"pkg.rules"}
    assert graph["pkg.rules"] == {"pkg.helpers"}
    # `from .models.things import` executes pkg.models first; TYPE_CHECKING is left out.
    assert graph["pkg.helpers"] == {"pkg.models", "pkg.models.things"}
    assert cycles_through_models(graph) == [
        "pkg.models -> pkg.models.things -> pkg.rules -> pkg.helpers -> pkg.models",
        "pkg.models.things -> pkg.rules -> pkg.helpers -> pkg.models.things",
    ]


def test_no_import_cycle_passes_through_models():
    graph = import_graph()
    assert len(graph) > 100  # the product was found
    assert cycles_through_models(graph, KNOWN) == []


def test_every_known_circle_is_still_there():
    """Delete an entry of KNOWN once its circle is gone, so it cannot come back unseen."""
    components = [c for c in strongly_connected(import_graph()) if len(c) > 1]
    for known in KNOWN:
        assert known in components, f"no longer a circle, delete it from KNOWN: {sorted(known)}"
