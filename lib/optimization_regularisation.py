"""Regularisation: dropout in train vs eval mode, weight decay vs L2 in Adam vs AdamW, and an overfitting run.

Dropout zeroes each activation with probability p during training and scales the survivors by 1/(1-p), so the
expected value is unchanged; in eval mode it is the identity. Adam's ``weight_decay`` adds λw to the gradient
*before* the adaptive normalisation (an L2 penalty, whose pull is divided by the gradient's running RMS), while
AdamW shrinks the weights directly by lr·λ·w (decoupled weight decay, Loshchilov & Hutter 2019).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from lib.optimization_runs import Run, mlp, spirals, train_run

TRAIN_POINTS = 60
VAL_POINTS = 300
NOISE = 0.12


@dataclass(frozen=True)
class DropoutDemo:
    """The same input through ``nn.Dropout(p)`` in train mode and in eval mode."""

    input: torch.Tensor
    train: torch.Tensor
    eval: torch.Tensor


def dropout_demo(p: float, size: int = 16, seed: int = 0) -> DropoutDemo:
    """An all-ones input (easy to read: survivors show 1/(1-p)) through ``nn.Dropout`` in both modes."""
    layer = nn.Dropout(p)
    x = torch.ones(size)
    torch.manual_seed(seed)
    layer.train()
    trained = layer(x)
    layer.eval()
    return DropoutDemo(x, trained, layer(x))


def decay_paths(lr: float, weight_decay: float, steps: int, gradient_scale: float) -> dict[str, list[float]]:
    """One weight starting at 1.0 under a constant loss gradient ``gradient_scale`` (e.g. a tiny data term):
    its value per step with Adam(weight_decay) — L2 — and with AdamW — decoupled decay — from ``torch.optim``."""
    paths = {}
    for name, cls in (("adam_l2", torch.optim.Adam), ("adamw", torch.optim.AdamW)):
        w = nn.Parameter(torch.ones(1, dtype=torch.float64))
        opt = cls([w], lr=lr, weight_decay=weight_decay)
        values = [1.0]
        for _ in range(steps):
            opt.zero_grad()
            w.grad = torch.full_like(w, gradient_scale)
            opt.step()
            values.append(w.item())
        paths[name] = values
    return paths


REGULARISERS: tuple[str, ...] = ("none", "dropout", "weight_decay")


def overfit_run(regulariser: str, strength: float = 0.0, steps: int = 200, seed: int = 0) -> Run:
    """A wide MLP trained on 60 noisy points, validated on 300 more: with no regularisation, with dropout
    ``p = strength`` or with AdamW weight decay ``λ = strength``; every run starts from the same weights."""
    if regulariser not in REGULARISERS:
        raise ValueError(f"unknown regulariser {regulariser!r}")
    train = spirals(TRAIN_POINTS, NOISE, seed)
    val = spirals(VAL_POINTS, NOISE, seed + 1)
    p = strength if regulariser == "dropout" else 0.0
    wd = strength if regulariser == "weight_decay" else 0.0
    model = mlp(width=128, depth=2, dropout=p, seed=seed)
    return train_run(model, train, lambda params: torch.optim.AdamW(params, lr=0.01, weight_decay=wd), steps, val=val)
