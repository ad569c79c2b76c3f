"""The package's import graph read from its source with `ast` (nothing is imported): every
`import` and `from … import` of the package's own modules, at the top of a module or inside a
function, and what breaks the stage order (tests/test_structure.py)."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Import:
    """One import of a package module by another: where it is written and whether it is lazy."""

    source: str  # the importing module, `analysis.metrics.series`
    target: str  # the imported module, `analysis.report.labels`
    line: int
    lazy: bool  # inside a function (or a class), not run when the module is imported

    def __str__(self) -> str:
        where = "inside a function" if self.lazy else "at the top"
        return f"{self.source} → {self.target} (line {self.line}, {where})"


def module_names(package_dir: Path) -> dict[str, Path]:
    """Every module of the package under `package_dir` by dotted name (a package by its own)."""
    root = package_dir.name
    names = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = [root, *path.relative_to(package_dir).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _resolved(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    """The absolute name `from .x import y` refers to, written in `module`."""
    if not node.level:
        return node.module or ""
    base = module.split(".")
    base = base[: len(base) - node.level + (1 if is_package else 0)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _targets(node: ast.AST, module: str, is_package: bool, known: Iterable[str]) -> list[str]:
    """The package modules an import statement loads: `from a.b import c` is `a.b.c` when c is
    a module, else `a.b`."""
    known = set(known)
    if isinstance(node, ast.Import):
        found = []
        for alias in node.names:
            name = alias.name
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name:
                found.append(name)
        return found
    assert isinstance(node, ast.ImportFrom)
    base = _resolved(node, module, is_package)
    found = []
    for alias in node.names:
        full = f"{base}.{alias.name}"
        if full in known:
            found.append(full)
        elif base in known:
            found.append(base)
    return list(dict.fromkeys(found))


def _walk(tree: ast.Module) -> Iterable[tuple[ast.AST, bool]]:
    """Every import statement of a module and whether it sits inside a function or class."""
    stack: list[tuple[ast.AST, bool]] = [(child, False) for child in tree.body]
    while stack:
        node, nested = stack.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node, nested
        inner = nested or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        stack.extend((child, inner) for child in ast.iter_child_nodes(node))


def imports(package_dir: Path) -> list[Import]:
    """Every import of one of the package's modules by another, sorted by module and line."""
    names = module_names(package_dir)
    found = []
    for module, path in names.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        is_package = path.name == "__init__.py"
        for node, lazy in _walk(tree):
            for target in _targets(node, module, is_package, names):
                if target != module:
                    found.append(Import(module, target, node.lineno, lazy))
    return sorted(found, key=lambda i: (i.source, i.line, i.target))


def stage_of(module: str, stages: Sequence[Sequence[str]]) -> int | None:
    """The index of the stage a module belongs to: the first whose names prefix it."""
    for index, names in enumerate(stages):
        for name in names:
            if module == name or module.startswith(name + "."):
                return index
    return None


def upward(found: Iterable[Import], stages: Sequence[Sequence[str]]) -> list[Import]:
    """Imports of a module of a later stage than the importing one (and of unplaced modules)."""
    bad = []
    for imp in found:
        source, target = stage_of(imp.source, stages), stage_of(imp.target, stages)
        if source is None or target is None or target > source:
            bad.append(imp)
    return bad


def crossing(found: Iterable[Import], source: str, target: str) -> list[Import]:
    """Imports by a module of `source` (a package prefix) of a module of `target`."""

    def within(module: str, prefix: str) -> bool:
        return module == prefix or module.startswith(prefix + ".")

    return [i for i in found if within(i.source, source) and within(i.target, target)]


def cycles(found: Iterable[Import]) -> list[list[str]]:
    """Groups of modules that import each other, directly or through others (Tarjan's strongly
    connected components of more than one module), each sorted, the groups sorted."""
    graph: dict[str, set[str]] = {}
    for imp in found:
        graph.setdefault(imp.source, set()).add(imp.target)
        graph.setdefault(imp.target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups = []

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
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def edges(found: Iterable[Import]) -> set[tuple[str, str]]:
    """The (importing, imported) module pairs."""
    return {(i.source, i.target) for i in found}


def cycle_edges(found: Sequence[Import]) -> set[tuple[str, str]]:
    """The imports that run inside a group of modules importing each other."""
    groups = cycles(found)
    member = {m: n for n, group in enumerate(groups) for m in group}
    return {
        (i.source, i.target)
        for i in found
        if i.source in member and member.get(i.target) == member[i.source]
    }


def violations(
    found: Sequence[Import],
    stages: Sequence[Sequence[str]],
    allowed: Iterable[tuple[str, str]] = (),
    *,
    computes: str,
    presents: str,
) -> list[str]:
    """Every breach of the stage order, one line each: a module of `computes` importing one of
    `presents`, a module importing a later stage's, modules importing each other (through any
    path); imports in `allowed` (exact (importing, imported) pairs) are left out."""
    allowed = set(allowed)
    kept = [i for i in found if (i.source, i.target) not in allowed]
    lines = [f"{computes} imports {presents}: {i}" for i in crossing(kept, computes, presents)]
    lines += [f"upward (stage order {stage_names(stages)}): {i}" for i in upward(kept, stages)]
    lines += [f"import cycle: {' ↔ '.join(group)}" for group in cycles(kept)]
    return lines


def stage_names(stages: Sequence[Sequence[str]]) -> str:
    return " < ".join("/".join(n.rpartition(".")[2] or n for n in names) for names in stages)


def report(found: Sequence[Import], stages: Sequence[Sequence[str]]) -> Mapping[str, int]:
    """The figures docs/structure.md gives: imports, lazy ones, upward ones, metrics → report."""
    return {
        "imports of the package's own modules": len(found),
        "of them inside functions (lazy)": sum(i.lazy for i in found),
        "upward (a stage importing a later one)": len(upward(found, stages)),
        "analysis.metrics → analysis.report": len(
            crossing(found, "analysis.metrics", "analysis.report")
        ),
        "modules in an import cycle": sum(len(g) for g in cycles(found)),
    }
