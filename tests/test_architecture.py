"""The package's shape, read from the source: no import circles, and knowledge (word lists, grade names) only in
domain/."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "assistant"
_WORDS = re.compile(r"^[a-z][a-z' -]*$")
# A regex alternation of four or more lower-case words, e.g. r"\b(judged|rated|graded|grades?)\b". Capitalised
# alternatives are the printed headings of Ofsted's report templates: parsing rules of the PDF reader, not words.
_ALTERNATION = re.compile(r"(?:(?<![A-Za-z])[a-z][a-z' ]{2,}\??\|){3,}[a-z][a-z' ]{2,}")
_GRADE_NAMES = ("outstanding", "good", "inadequate", "requires improvement")
# Literals on (or just under) a line with this comment hold names the code uses (fields, formats, tags), not words.
NAMES = "# names, not words"


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Package modules imported anywhere in a module (top level or inside functions)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            for alias in node.names:
                full = f"{stem}.{alias.name}"
                targets.add(full if full in modules else stem)
        elif isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
    return {t for t in targets if t in modules and t != name}


def test_the_module_import_graph_has_no_circle():
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    # A package's __init__ re-exporting its modules is not a dependency of those modules on each other.
    graph = {n: {t for t in deps if not (modules[t].name == "__init__.py" and n.startswith(t + "."))}
             for n, deps in graph.items()}  # fmt: skip
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(trail[trail.index(nxt) :] + [nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert not cycles, f"import circles: {cycles}"


def _word_literals(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if not hasattr(node, "lineno") or id(node) in docstrings:
            continue
        if any(NAMES in lines[n - 1] for n in range(max(node.lineno - 1, 1), (node.end_lineno or node.lineno) + 1)):
            continue
        elements = []
        if isinstance(node, (ast.Set, ast.Tuple, ast.List)):
            elements = node.elts
        elif isinstance(node, ast.Dict):
            elements = [k for k in node.keys if k is not None]
        strings = [e.value for e in elements if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        if len(strings) >= 3 and sum(bool(_WORDS.match(s)) for s in strings) >= 3:
            found.append(f"{path.name}:{node.lineno} {strings[:4]}")
        elif sum(s.strip().casefold() in _GRADE_NAMES for s in strings) >= 2:
            found.append(f"{path.name}:{node.lineno} grade names {strings[:4]}")
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            alternatives = {a.strip("()?^$ ").casefold() for a in re.split(r"[|]", node.value)}
            if len(alternatives & set(_GRADE_NAMES)) >= 2:
                found.append(f"{path.name}:{node.lineno} grade names in a regex")
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and _ALTERNATION.search(node.value):
            found.append(f"{path.name}:{node.lineno} regex {_ALTERNATION.search(node.value).group(0)[:60]!r}")
    return found


def test_no_module_outside_domain_holds_a_word_list():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "domain" in path.relative_to(PACKAGE).parts:
            continue
        offenders += _word_literals(path)
    assert not offenders, "word lists outside domain/:\n" + "\n".join(offenders)
