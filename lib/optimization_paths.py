"""Optimizers on a 2-D loss surface: the path each one takes, stepped by ``torch.optim`` on the real function.

A surface is a function of two scalars ``x`` and ``y``. The built-in ones show the classic behaviours: a long
narrow valley (a quadratic whose curvature differs by ``conditioning`` between the axes: plain SGD zig-zags or
diverges, momentum speeds along the valley), Rosenbrock's curved valley, and a saddle (gradient descent from near
the ridge escapes slowly). A typed surface goes through the same safe expression parser as the autograd lesson.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable
from dataclasses import dataclass

import torch

from lib.errors import LessonError
from lib.tensors_autograd import evaluate, parse_expression

Surface = Callable[[torch.Tensor, torch.Tensor], torch.Tensor]

SURFACES: tuple[str, ...] = ("quadratic", "rosenbrock", "saddle", "custom")
OPTIMIZERS: tuple[str, ...] = ("sgd", "momentum", "nesterov", "adam", "adamw")
VARIABLES = ("x", "y")
MAX_STEPS = 500
DIVERGED = 1e6  # once |x| or |y| passes this, the path has left any sensible view: stop there
VIEW = {"quadratic": (-3.0, 3.0), "rosenbrock": (-2.0, 2.0), "saddle": (-2.0, 2.0), "custom": (-3.0, 3.0)}
START = {"quadratic": (-2.5, 1.5), "rosenbrock": (-1.5, 1.5), "saddle": (-1.5, 0.05), "custom": (-2.0, 2.0)}
MINIMUM = {"quadratic": (0.0, 0.0), "rosenbrock": (1.0, 1.0)}


def builtin_surface(name: str, conditioning: float = 10.0) -> Surface:
    """The named surface as a function of two tensors (elementwise, so it also draws a whole grid)."""
    if name == "quadratic":
        return lambda x, y: 0.5 * (x**2 + conditioning * y**2)
    if name == "rosenbrock":
        return lambda x, y: (1 - x) ** 2 + 100 * (y - x**2) ** 2
    if name == "saddle":
        return lambda x, y: x**2 - y**2
    raise LessonError("optimization.error.surface", name=name, choices=", ".join(SURFACES[:-1]))


def typed_surface(text: str) -> Surface:
    """A surface the learner types in ``x`` and ``y`` (e.g. ``x**2 + 3*sin(y)``); refused unless it is an
    elementwise function of both."""
    tree = parse_expression(text, VARIABLES)
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    calls = {node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call)}  # type: ignore[union-attr]
    if not names:
        raise LessonError("optimization.error.no_xy")
    if calls & {"sum", "mean"}:
        raise LessonError("optimization.error.reduction")

    def surface(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        return evaluate(tree, {"x": x, "y": y}) + 0 * (x + y)  # broadcast constants and one-variable surfaces

    return surface


def make_optimizer(name: str, params: list[torch.Tensor], lr: float, momentum: float) -> torch.optim.Optimizer:
    """``torch.optim`` itself: SGD, SGD with (Nesterov) momentum, Adam or AdamW (``momentum`` is Adam's β1)."""
    if name == "sgd":
        return torch.optim.SGD(params, lr=lr)
    if name == "momentum":
        return torch.optim.SGD(params, lr=lr, momentum=momentum)
    if name == "nesterov":
        return torch.optim.SGD(params, lr=lr, momentum=momentum, nesterov=momentum > 0)
    if name == "adam":
        return torch.optim.Adam(params, lr=lr, betas=(momentum, 0.999))
    if name == "adamw":
        return torch.optim.AdamW(params, lr=lr, betas=(momentum, 0.999), weight_decay=0.01)
    raise LessonError("optimization.error.optimizer", name=name, choices=", ".join(OPTIMIZERS))


@dataclass(frozen=True)
class Path:
    """Where an optimizer went: (steps + 1, 2) points, the loss at each, and the step it diverged at (if any)."""

    optimizer: str
    points: torch.Tensor
    losses: torch.Tensor
    diverged_at: int | None


def optimizer_path(
    surface: Surface, start: tuple[float, float], optimizer: str, lr: float, momentum: float, steps: int
) -> Path:
    """Step ``optimizer`` on ``surface`` from ``start``; stops early when the point leaves every sensible range."""
    if not (0 < lr <= 100 and math.isfinite(lr)):
        raise LessonError("optimization.error.lr", lr=lr)
    if not 0 <= momentum < 1:
        raise LessonError("optimization.error.momentum")
    steps = max(1, min(int(steps), MAX_STEPS))
    point = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = make_optimizer(optimizer, [point], lr, momentum)
    points, losses, diverged = [point.detach().clone()], [], None
    for step in range(steps + 1):
        opt.zero_grad()
        loss = surface(point[0], point[1])
        if not torch.isfinite(loss):
            if step == 0:
                raise LessonError("optimization.error.nan_start", x=start[0], y=start[1])
            diverged = step
            break
        losses.append(loss.item())
        if step == steps:
            break
        loss.backward()
        opt.step()
        if not torch.isfinite(point).all() or point.detach().abs().max() > DIVERGED:
            diverged = step + 1
            break
        points.append(point.detach().clone())
    return Path(optimizer, torch.stack(points), torch.tensor(losses, dtype=torch.float64), diverged)


def surface_grid(surface: Surface, view: tuple[float, float], n: int = 81) -> tuple[torch.Tensor, torch.Tensor]:
    """The surface on an ``n``×``n`` grid over ``view`` for a contour plot: (axis values, Z of shape (n, n))."""
    axis = torch.linspace(view[0], view[1], n, dtype=torch.float64)
    y, x = torch.meshgrid(axis, axis, indexing="ij")
    with torch.no_grad():
        z = surface(x, y)
    if z.shape != x.shape:
        raise LessonError("optimization.error.reduction")
    return axis, z
