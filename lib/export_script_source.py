"""Copy the app's own code into a stand-alone script: named top-level definitions of ``lib`` modules, with
everything they use from other ``lib`` modules, in an order that runs, and the imports they need.

``lib.export_script`` builds the "Download as a Python script" files from this, so the data generators, models and
training steps in a script are the app's code itself, not a rewrite that could drift from it.
"""

from __future__ import annotations

import ast
import builtins
import importlib
import inspect
import itertools
import sys
from dataclasses import dataclass, field
from functools import cache

# A definition a script needs but whose lib version would drag in the app (i18n, paths): this text instead.
LESSON_ERROR = '''class LessonError(ValueError):
    """A setting the app would refuse with a message in the learner's language: here its key and values."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(f"{key}: {params}")'''
DEFAULT_OVERRIDES = {("lib.errors", "LessonError"): LESSON_ERROR}


@dataclass(frozen=True)
class Module:
    """One parsed module: its source lines, top-level definitions by name, and what its imports bind."""

    name: str
    lines: list[str]
    definitions: dict[str, ast.stmt]
    imports: dict[str, tuple[str, str | None]]  # bound name -> (module, attribute or None for `import x`)


@cache
def parse(name: str) -> Module:
    """The module ``name`` (e.g. "lib.data.shapes") parsed from its source file."""
    source = inspect.getsource(importlib.import_module(name))
    tree = ast.parse(source)
    definitions: dict[str, ast.stmt] = {}
    imports: dict[str, tuple[str, str | None]] = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            definitions[node.name] = node
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                for item in ast.walk(target):
                    if isinstance(item, ast.Name):
                        definitions[item.id] = node
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            definitions[node.target.id] = node
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    imports[alias.asname] = (alias.name, None)
                else:
                    top = alias.name.split(".")[0]
                    imports[top] = (top, None)
        elif isinstance(node, ast.ImportFrom) and node.module != "__future__":
            for alias in node.names:
                imports[alias.asname or alias.name] = (node.module or "", alias.name)
    return Module(name, source.splitlines(), definitions, imports)


def used_names(node: ast.AST) -> set[str]:
    """Every name ``node`` reads (a superset of the globals it needs: locals are filtered by the caller)."""
    return {item.id for item in ast.walk(node) if isinstance(item, ast.Name)}


def _text(module: Module, node: ast.stmt, without: set[str]) -> str:
    """The definition's source lines (decorators and trailing comments included), minus the methods ``without``."""
    first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
    dropped: set[int] = set()
    if isinstance(node, ast.ClassDef):
        for item in node.body:
            if isinstance(item, ast.FunctionDef) and item.name in without:
                start = min([item.lineno, *(d.lineno for d in item.decorator_list)])
                dropped |= set(range(start, item.end_lineno + 1))
                if item.end_lineno + 1 <= node.end_lineno and not module.lines[item.end_lineno].strip():
                    dropped.add(item.end_lineno + 1)  # the blank line after it
    return "\n".join(
        module.lines[number - 1] for number in range(first, node.end_lineno + 1) if number not in dropped
    ).rstrip()


def _reads(node: ast.stmt, without: set[str]) -> set[str]:
    if isinstance(node, ast.ClassDef) and without:
        kept = [item for item in node.body if not (isinstance(item, ast.FunctionDef) and item.name in without)]
        names = set().union(*(used_names(item) for item in kept))
        return names | set().union(*(used_names(item) for item in [*node.bases, *node.decorator_list]))
    return used_names(node)


@dataclass
class Collector:
    """Gathers definitions (and what they need) from lib modules; ``text()`` is them in a runnable order.

    ``overrides`` replace a definition by other source text (the app's ``LessonError`` by a plain one);
    ``without`` leaves methods out of classes (``{"ClassificationTask": {"evaluate"}}``).
    """

    overrides: dict[tuple[str, str], str] = field(default_factory=lambda: dict(DEFAULT_OVERRIDES))
    without: dict[str, set[str]] = field(default_factory=dict)
    segments: list[tuple[str, int, str]] = field(default_factory=list)  # (module, first line, text)
    external: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    _owner: dict[str, str] = field(default_factory=dict)  # name -> module that defined it here
    _done: set[int] = field(default_factory=set)  # ids of statements already placed
    _uses: dict[str, set[str]] = field(default_factory=dict)  # module -> the lib modules its definitions use

    def add(self, module_name: str, *names: str) -> Collector:
        """Include ``names`` of ``module_name`` and, first, everything they use."""
        for name in names:
            self._visit(module_name, name)
        return self

    def _visit(self, module_name: str, name: str) -> None:
        if (module_name, name) in self.overrides:
            self._place(module_name, name, self.overrides[(module_name, name)], None)
            return
        module = parse(module_name)
        if name not in module.definitions:
            origin, attribute = module.imports.get(name, (None, None))
            if origin is None or attribute is None or not origin.startswith("lib."):
                raise KeyError(f"{module_name} defines no {name}")
            self._uses.setdefault(module_name, set()).add(origin)
            self._visit(origin, attribute)
            return
        node = module.definitions[name]
        if id(node) in self._done:
            return
        self._done.add(id(node))
        without = self.without.get(name, set())
        for used in sorted(_reads(node, without)):
            if used in module.definitions and module.definitions[used] is not node:
                self._visit(module_name, used)
            elif used in module.imports:
                origin, attribute = module.imports[used]
                if origin.startswith("lib.") and attribute is not None:
                    self._uses.setdefault(module_name, set()).add(origin)
                    self._visit(origin, attribute)
                else:
                    self.external[used] = module.imports[used]
        self._place(module_name, name, _text(module, node, without), node)

    def _place(self, module_name: str, name: str, text: str, node: ast.stmt | None) -> None:
        defined = [name] if node is None else [n for n, d in parse(module_name).definitions.items() if d is node]
        for bound in defined:
            owner = self._owner.setdefault(bound, module_name)
            if owner != module_name:
                raise ValueError(f"{bound} is defined by both {owner} and {module_name}")
        if node is None and any(seg[0] == module_name and seg[2] == text for seg in self.segments):
            return
        self.segments.append((module_name, 0 if node is None else node.lineno, text))

    def text(self) -> str:
        """The collected definitions module by module (a module after those it uses), each in its source order."""
        modules: list[str] = []

        def place(module: str) -> None:  # the modules it uses first: Python's own imports are acyclic
            if module not in modules:
                for used in sorted(self._uses.get(module, ())):
                    place(used)
                modules.append(module)

        for module, _, _ in self.segments:
            place(module)
        blocks = []
        for module in modules:
            texts = [text for _, _, text in sorted(seg for seg in self.segments if seg[0] == module)]
            if texts:
                blocks.append(f"# ---- from {module.replace('.', '/')}.py ----\n" + _join(texts))
        return "\n\n\n".join(blocks)


def _join(texts: list[str]) -> str:
    """Definitions two blank lines apart, except one-line constants in a row (one line apart, as in the source)."""
    out = texts[0]
    for before, text in itertools.pairwise(texts):
        simple = all("\n" not in t and not t.startswith(("def ", "class ", "@")) for t in (before, text))
        out += ("\n" if simple else "\n\n\n") + text
    return out


def _kind(name: str) -> int:
    """isort's order-by-type inside a from-import: CONSTANTS, then Classes, then functions and modules."""
    if name.isupper() and len(name) > 1:
        return 0
    return 1 if name[:1].isupper() else 2


def import_block(body: str, known: dict[str, tuple[str, str | None]]) -> str:
    """The sorted import statements (isort style, as ruff checks them) for the names ``body`` reads from ``known``."""
    tree = ast.parse(body)
    defined = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            defined.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            defined |= {item.id for target in targets for item in ast.walk(target) if isinstance(item, ast.Name)}
    wanted = {name for name in used_names(tree) if name in known and name not in defined}
    wanted -= set(dir(builtins))
    sections: dict[bool, tuple[set[str], dict[str, set[str]]]] = {True: (set(), {}), False: (set(), {})}
    for name in wanted:
        module, attribute = known[name]
        stdlib = module.split(".")[0] in sys.stdlib_module_names
        straight, froms = sections[stdlib]
        if attribute is None:
            straight.add(module if module.split(".")[0] == name else f"{module} as {name}")
        else:
            froms.setdefault(module, set()).add(attribute if attribute == name else f"{attribute} as {name}")
    blocks = ["from __future__ import annotations"]
    for stdlib in (True, False):
        straight, froms = sections[stdlib]
        lines = [f"import {entry}" for entry in sorted(straight, key=str.lower)]
        lines += [
            f"from {module} import {', '.join(sorted(names, key=lambda n: (_kind(n), n.lower())))}"
            for module, names in sorted(froms.items(), key=lambda item: item[0].lower())
        ]
        if lines:
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
