"""What a source file imports, read from its syntax tree (for the import-boundary tests)."""

import ast


def package_of(path, root):
    """The package a module file at `path` (under `root`) belongs to, as relative imports see it."""
    return ".".join(path.relative_to(root).parts[:-1])


def imported_modules(path, package):
    """Every module `path` imports, anywhere in it (function-local imports too), with
    relative imports resolved against `package` and `from x import y` also giving `x.y`."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            module = node.module
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            found.add(module)
            found |= {f"{module}.{alias.name}" for alias in node.names}
    return found
