"""Short, real training runs small enough to redraw while a slider moves: a 2-D two-spiral task and an MLP.

Schedules and regularisation are easiest to see on a run that finishes in a fraction of a second: the learning
rate curve next to the loss it produces, and train vs validation loss as an MLP memorises a small noisy training
set. Full-batch gradient steps keep every run deterministic for a given seed.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import torch
from torch import nn
from torch.nn import functional as F

SCHEDULES: tuple[str, ...] = ("constant", "step", "cosine", "onecycle", "warmup")


def spirals(n: int, noise: float, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """``n`` points (n, 2) on two interleaved spirals, labels (n,) in {0, 1}, with Gaussian ``noise``."""
    g = torch.Generator().manual_seed(seed)
    labels = torch.arange(n) % 2
    radius = torch.rand(n, generator=g) * 0.9 + 0.1
    angle = radius * 3 * math.pi + labels * math.pi
    points = torch.stack([radius * angle.cos(), radius * angle.sin()], dim=1)
    return points + noise * torch.randn(n, 2, generator=g), labels


def mlp(width: int = 64, depth: int = 2, dropout: float = 0.0, seed: int = 0) -> nn.Sequential:
    """A small ReLU MLP for 2-D points, seeded so runs that differ in one setting start from the same weights."""
    torch.manual_seed(seed)
    layers: list[nn.Module] = []
    size = 2
    for _ in range(depth):
        layers += [nn.Linear(size, width), nn.ReLU()]
        if dropout > 0:
            layers.append(nn.Dropout(dropout))
        size = width
    layers.append(nn.Linear(size, 2))
    return nn.Sequential(*layers)


def make_scheduler(name: str, optimizer: torch.optim.Optimizer, steps: int) -> torch.optim.lr_scheduler.LRScheduler:
    """The real ``torch.optim.lr_scheduler`` for each schedule, stepped once per optimisation step."""
    sched = torch.optim.lr_scheduler
    if name == "constant":
        return sched.ConstantLR(optimizer, factor=1.0, total_iters=0)
    if name == "step":
        return sched.StepLR(optimizer, step_size=max(1, steps // 3), gamma=0.1)
    if name == "cosine":
        return sched.CosineAnnealingLR(optimizer, T_max=steps)
    if name == "onecycle":
        return sched.OneCycleLR(optimizer, max_lr=optimizer.param_groups[0]["lr"], total_steps=steps)
    if name == "warmup":
        warm = max(1, steps // 10)
        return sched.SequentialLR(
            optimizer,
            [
                sched.LinearLR(optimizer, start_factor=0.01, total_iters=warm),
                sched.CosineAnnealingLR(optimizer, steps - warm),
            ],
            milestones=[warm],
        )
    raise ValueError(f"unknown schedule {name!r}")


def lr_curve(name: str, lr: float, steps: int) -> list[float]:
    """The LR the scheduler sets at every step (``get_last_lr()`` before each step)."""
    optimizer = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=lr)
    scheduler = make_scheduler(name, optimizer, steps)
    curve = []
    for _ in range(steps):
        curve.append(scheduler.get_last_lr()[0])
        optimizer.step()
        scheduler.step()
    return curve


@dataclass(frozen=True)
class Run:
    """Losses of one run: training loss per step, and validation loss at ``val_steps`` when a set was given."""

    train: list[float]
    val: list[float]
    val_steps: list[int]
    lr: list[float]
    val_accuracy: float


def train_run(
    model: nn.Module,
    data: tuple[torch.Tensor, torch.Tensor],
    make_optimizer: Callable[[list[nn.Parameter]], torch.optim.Optimizer],
    steps: int,
    schedule: str = "constant",
    val: tuple[torch.Tensor, torch.Tensor] | None = None,
    val_every: int = 5,
    batch_size: int | None = None,
) -> Run:
    """Train ``model`` for ``steps`` steps, full batch or on seeded random mini-batches of ``batch_size``.

    The recorded training loss is the whole training set's after each step (smooth even with mini-batches);
    validation loss is measured in eval mode every ``val_every`` steps.
    """
    x_all, y_all = data
    batches = torch.Generator().manual_seed(0)
    optimizer = make_optimizer(list(model.parameters()))
    scheduler = make_scheduler(schedule, optimizer, steps)
    train_losses, val_losses, val_steps, lrs = [], [], [], []
    for step in range(steps):
        model.train()
        if batch_size is None:
            x, y = x_all, y_all
        else:
            pick = torch.randint(0, len(x_all), (batch_size,), generator=batches)
            x, y = x_all[pick], y_all[pick]
        loss = F.cross_entropy(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        lrs.append(scheduler.get_last_lr()[0])
        optimizer.step()
        scheduler.step()
        if batch_size is None:
            train_losses.append(loss.item())
        else:
            with torch.no_grad():
                train_losses.append(F.cross_entropy(model(x_all), y_all).item())
        if val is not None and (step % val_every == 0 or step == steps - 1):
            model.eval()
            with torch.no_grad():
                val_losses.append(float(F.cross_entropy(model(val[0]), val[1])))
            val_steps.append(step + 1)
    accuracy = float("nan")
    if val is not None:
        model.eval()
        with torch.no_grad():
            accuracy = float((model(val[0]).argmax(1) == val[1]).double().mean())
    return Run(train_losses, val_losses, val_steps, lrs, accuracy)
