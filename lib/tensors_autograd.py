"""A tiny, safe expression language for autograd lessons, and the graph PyTorch records while evaluating it.

The learner types e.g. ``sum(relu(w * x + b) ** 2)``. It is parsed with :mod:`ast` and only whitelisted nodes are
evaluated (numbers, the variables ``x``, ``w``, ``b``, ``+ - * / **``, unary minus, a few functions), never with
``eval``; anything else is a LessonError. The graph is read back from ``grad_fn.next_functions``.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable
from dataclasses import dataclass

import torch

from lib.errors import LessonError

MAX_EXPRESSION = 120
MAX_NODES = 60
MAX_CONSTANT = 1e6
MAX_EXPONENT = 10
MAX_VALUES = 16
VARIABLES = ("x", "w", "b")

FUNCTIONS: dict[str, Callable[[torch.Tensor], torch.Tensor]] = {
    "sin": torch.sin,
    "cos": torch.cos,
    "exp": torch.exp,
    "log": torch.log,
    "relu": torch.relu,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "sum": torch.sum,
    "mean": torch.mean,
}
_OPERATORS: dict[type[ast.operator], tuple[str, Callable[[torch.Tensor, torch.Tensor], torch.Tensor]]] = {
    ast.Add: ("+", torch.add),
    ast.Sub: ("-", torch.sub),
    ast.Mult: ("*", torch.mul),
    ast.Div: ("/", torch.div),
    ast.Pow: ("**", torch.pow),
}


def _number(node: ast.AST) -> float | None:
    """The value of a numeric literal or a negated one, else None."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        inner = _number(node.operand)
        return None if inner is None else (-inner if isinstance(node.op, ast.USub) else inner)
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return float(node.value)
    return None


def _check(node: ast.AST, variables: tuple[str, ...] = VARIABLES) -> None:
    """Raise LessonError unless ``node`` and everything below it is in the grammar."""
    if isinstance(node, ast.Constant):
        if type(node.value) not in (int, float):
            raise LessonError("tensors.expr.literal", text=repr(node.value)[:30])
        if not math.isfinite(node.value) or abs(node.value) > MAX_CONSTANT:
            raise LessonError("tensors.expr.big_number", limit=f"{MAX_CONSTANT:g}")
    elif isinstance(node, ast.Name):
        if node.id not in variables:
            raise LessonError("tensors.expr.name", name=node.id[:30], allowed=", ".join(variables))
    elif isinstance(node, ast.BinOp):
        if type(node.op) not in _OPERATORS:
            raise LessonError("tensors.expr.operator")
        if isinstance(node.op, ast.Pow):
            exponent = _number(node.right)
            if exponent is None:
                raise LessonError("tensors.expr.exponent", limit=MAX_EXPONENT)
            if abs(exponent) > MAX_EXPONENT:
                raise LessonError("tensors.expr.exponent", limit=MAX_EXPONENT)
        _check(node.left, variables)
        _check(node.right, variables)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        _check(node.operand, variables)
    elif isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            raise LessonError("tensors.expr.function", allowed=", ".join(FUNCTIONS))
        if node.keywords or len(node.args) != 1:
            raise LessonError("tensors.expr.arguments", name=node.func.id)
        _check(node.args[0], variables)
    else:
        raise LessonError("tensors.expr.syntax_element", kind=type(node).__name__)


def parse_expression(text: str, variables: tuple[str, ...] = VARIABLES) -> ast.expr:
    """Parse and vet ``text`` over ``variables``; returns the checked AST. LessonError for anything else."""
    source = text.strip()
    if not source:
        raise LessonError("tensors.expr.empty")
    if len(source) > MAX_EXPRESSION:
        raise LessonError("tensors.expr.too_long", limit=MAX_EXPRESSION)
    try:
        tree = ast.parse(source, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        raise LessonError("tensors.expr.syntax") from error
    if sum(1 for _ in ast.walk(tree)) > MAX_NODES:
        raise LessonError("tensors.expr.too_long", limit=MAX_EXPRESSION)
    _check(tree.body, variables)
    return tree.body


def evaluate(node: ast.expr, variables: dict[str, torch.Tensor]) -> torch.Tensor:
    """Evaluate a tree from ``parse_expression``; autograd records every step.

    Constants become float32 tensors, so no Python arithmetic ever runs on the learner's numbers.
    """
    if isinstance(node, ast.Constant):
        return torch.tensor(float(node.value))
    if isinstance(node, ast.Name):
        return variables[node.id]
    if isinstance(node, ast.UnaryOp):
        operand = evaluate(node.operand, variables)
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp):
        _, function = _OPERATORS[type(node.op)]
        return function(evaluate(node.left, variables), evaluate(node.right, variables))
    if isinstance(node, ast.Call):
        return FUNCTIONS[node.func.id](evaluate(node.args[0], variables))  # type: ignore[union-attr]
    raise LessonError("tensors.expr.syntax_element", kind=type(node).__name__)


def used_variables(tree: ast.expr) -> tuple[str, ...]:
    """The variables an expression mentions, in ``VARIABLES`` order."""
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    return tuple(name for name in VARIABLES if name in names)


def to_torch_code(tree: ast.expr) -> str:
    """The expression as PyTorch code (``sin(x)`` -> ``torch.sin(x)``), generated from the vetted tree."""
    if isinstance(tree, ast.Constant):
        return repr(float(tree.value)) if isinstance(tree.value, float) else repr(tree.value)
    if isinstance(tree, ast.Name):
        return tree.id
    if isinstance(tree, ast.UnaryOp):
        sign = "-" if isinstance(tree.op, ast.USub) else "+"
        return f"{sign}({to_torch_code(tree.operand)})"
    if isinstance(tree, ast.BinOp):
        symbol, _ = _OPERATORS[type(tree.op)]
        return f"({to_torch_code(tree.left)} {symbol} {to_torch_code(tree.right)})"
    if isinstance(tree, ast.Call):
        return f"torch.{tree.func.id}({to_torch_code(tree.args[0])})"  # type: ignore[union-attr]
    raise LessonError("tensors.expr.syntax_element", kind=type(tree).__name__)


def parse_values(text: str, name: str) -> torch.Tensor:
    """``"0, 1, 2, 3"`` -> a float32 tensor (one number gives a 0-D tensor); at most ``MAX_VALUES`` numbers."""
    parts = [part for part in text.replace(";", ",").replace(" ", ",").split(",") if part]
    if not parts:
        raise LessonError("tensors.values.empty", name=name)
    if len(parts) > MAX_VALUES:
        raise LessonError("tensors.values.too_many", name=name, limit=MAX_VALUES)
    values = []
    for part in parts:
        try:
            value = float(part)
        except ValueError as error:
            raise LessonError("tensors.values.not_number", name=name, token=part[:20]) from error
        if not math.isfinite(value) or abs(value) > MAX_CONSTANT:
            raise LessonError("tensors.values.not_number", name=name, token=part[:20])
        values.append(value)
    return torch.tensor(values[0]) if len(values) == 1 else torch.tensor(values)


@dataclass(frozen=True)
class GradResult:
    """An evaluated expression: its value, the scalar that was back-propagated, and each variable's gradient."""

    value: torch.Tensor
    summed: bool  # a non-scalar result is summed before backward(), like ``y.sum().backward()``
    grads: dict[str, torch.Tensor]
    dot: str
    code: str


def evaluate_with_grad(text: str, values: dict[str, torch.Tensor], output_label: str = "output") -> GradResult:
    """Evaluate ``text`` on leaf tensors with ``requires_grad``, back-propagate, and draw the recorded graph
    (its top node named ``output_label``, in the learner's language)."""
    tree = parse_expression(text)
    names = used_variables(tree)
    if not names:
        raise LessonError("tensors.expr.no_variable", allowed=", ".join(VARIABLES))
    leaves = {name: values[name].detach().clone().float().requires_grad_(True) for name in names}
    try:
        value = evaluate(tree, leaves)
    except RuntimeError as error:
        raise LessonError("tensors.expr.torch_error", detail=str(error)[:300]) from error
    summed = value.dim() > 0
    scalar = value.sum() if summed else value
    if scalar.requires_grad:
        scalar.backward()
    grads = {name: leaf.grad if leaf.grad is not None else torch.zeros_like(leaf) for name, leaf in leaves.items()}
    dot = graph_dot(scalar, {name: leaves[name] for name in names}, output_label)
    return GradResult(value.detach(), summed, grads, dot, to_torch_code(tree))


def graph_edges(output: torch.Tensor, leaves: dict[str, torch.Tensor]) -> tuple[list[str], list[tuple[int, int]]]:
    """The backward graph from ``output.grad_fn``: node labels and (from, to) edges, leaves labelled by name.

    Each node is a ``grad_fn`` (e.g. ``MulBackward0``); its ``next_functions`` are the nodes of its inputs;
    an ``AccumulateGrad`` node writes into a leaf tensor's ``.grad``.
    """
    labels: list[str] = []
    edges: list[tuple[int, int]] = []
    seen: dict[int, int] = {}
    names = {id(tensor): name for name, tensor in leaves.items()}

    def visit(function: object) -> int:
        key = id(function)
        if key in seen:
            return seen[key]
        label = type(function).__name__
        variable = getattr(function, "variable", None)
        if variable is not None:
            label = f"{names.get(id(variable), '?')} {tuple(variable.shape)}\\n{label}"
        seen[key] = len(labels)
        labels.append(label)
        for child, _ in getattr(function, "next_functions", ()):
            if child is not None:
                edges.append((seen[key], visit(child)))
        return seen[key]

    if output.grad_fn is not None:
        visit(output.grad_fn)
    return labels, edges


def graph_dot(output: torch.Tensor, leaves: dict[str, torch.Tensor], output_label: str = "output") -> str:
    """A Graphviz DOT string of :func:`graph_edges`, output (named ``output_label``) at the top, leaves below."""
    labels, edges = graph_edges(output, leaves)
    lines = ["digraph autograd {", "  rankdir=TB;", '  node [shape=box, style="rounded,filled", fillcolor="#eef3ff"];']
    top = f"{output_label} {tuple(output.shape)}"
    lines.append(f'  out [label="{top}", fillcolor="#ffe9c7"];')
    for index, label in enumerate(labels):
        colour = ', fillcolor="#d9f2d9"' if "AccumulateGrad" in label else ""
        lines.append(f'  n{index} [label="{label}"{colour}];')
    if labels:
        lines.append("  out -> n0;")
    lines.extend(f"  n{source} -> n{target};" for source, target in edges)
    lines.append("}")
    return "\n".join(lines)
