"""Losses worked through by hand and checked against ``torch.nn.functional``.

Regression: L1, MSE and smooth L1 on a prediction and a target. Classification: cross-entropy of predicted
probabilities (the negative log-probability of the true class, averaged), which is ``nll_loss`` of their log —
and the classic mistake of handing those probabilities to ``cross_entropy``, which expects logits and so applies a
second softmax. Softmax with a temperature shows how logits become probabilities.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F

from lib.errors import LessonError

MAX_VALUES = 64
PROBABILITY_TOLERANCE = 1e-3

# A regression example: the prediction is off by 0.5 everywhere.
REGRESSION_TARGET = (1.0, 2.0, 3.0, 4.0, 5.0)
REGRESSION_PREDICTION = (1.5, 2.5, 3.5, 4.5, 5.5)

# Two three-class models on the same three animals (columns: cat, dog, pig). Both get samples 1 and 2 right;
# model 1 only just, model 2 clearly; both get sample 3 wrong, model 1 badly.
ANIMALS = ("cat", "dog", "pig")
ANIMAL_TARGETS = (2, 1, 0)  # pig, dog, cat
MODEL_1 = ((0.3, 0.3, 0.4), (0.3, 0.4, 0.3), (0.1, 0.2, 0.7))
MODEL_2 = ((0.1, 0.2, 0.7), (0.1, 0.7, 0.2), (0.3, 0.4, 0.3))


@dataclass(frozen=True)
class LossValue:
    """One loss computed twice: by its formula, and by ``torch.nn.functional``."""

    name: str
    by_hand: float
    torch: float


def _finite_vector(values: list[float] | tuple[float, ...], what: str) -> torch.Tensor:
    tensor = torch.tensor(values, dtype=torch.float64)
    if tensor.numel() == 0 or tensor.numel() > MAX_VALUES:
        raise LessonError("optimization.error.count", what=what, limit=MAX_VALUES)
    if not torch.isfinite(tensor).all():
        raise LessonError("optimization.error.not_finite", what=what)
    return tensor


def regression_losses(
    prediction: list[float] | tuple[float, ...], target: list[float] | tuple[float, ...], beta: float = 1.0
) -> list[LossValue]:
    """L1, MSE and smooth L1 (Huber with ``beta``) of two equal-length vectors, mean-reduced."""
    pred, true = _finite_vector(prediction, "prediction"), _finite_vector(target, "target")
    if pred.shape != true.shape:
        raise LessonError("optimization.error.lengths", left=pred.numel(), right=true.numel())
    if not (beta > 0 and math.isfinite(beta)):
        raise LessonError("optimization.error.beta")
    diff = (pred - true).abs()
    smooth = torch.where(diff < beta, 0.5 * diff**2 / beta, diff - 0.5 * beta)
    return [
        LossValue("l1", float(diff.mean()), float(F.l1_loss(pred, true))),
        LossValue("mse", float((diff**2).mean()), float(F.mse_loss(pred, true))),
        LossValue("smooth_l1", float(smooth.mean()), float(F.smooth_l1_loss(pred, true, beta=beta))),
    ]


def check_probabilities(probabilities: list[list[float]] | tuple, targets: list[int] | tuple) -> torch.Tensor:
    """Rows of class probabilities (N, C) with their true class indices; refuse what is not a distribution."""
    probs = torch.tensor(probabilities, dtype=torch.float64)
    if probs.ndim != 2 or probs.numel() == 0 or probs.numel() > MAX_VALUES:
        raise LessonError("optimization.error.count", what="probabilities", limit=MAX_VALUES)
    if not torch.isfinite(probs).all():
        raise LessonError("optimization.error.not_finite", what="probabilities")
    if (probs <= 0).any() or (probs > 1).any():
        raise LessonError("optimization.error.probability_range")
    sums = probs.sum(dim=1)
    if ((sums - 1).abs() > PROBABILITY_TOLERANCE).any():
        row = int(((sums - 1).abs() > PROBABILITY_TOLERANCE).nonzero()[0])
        raise LessonError("optimization.error.row_sum", row=row + 1, total=f"{float(sums[row]):.4g}")
    if len(targets) != probs.shape[0] or any(not 0 <= int(t) < probs.shape[1] for t in targets):
        raise LessonError("optimization.error.targets", classes=probs.shape[1])
    return probs


def cross_entropy_from_probabilities(
    probabilities: list[list[float]] | tuple, targets: list[int] | tuple
) -> tuple[LossValue, list[float]]:
    """Mean −log p(true class), by hand and as ``nll_loss(log p)``; also each sample's −log p."""
    probs = check_probabilities(probabilities, targets)
    target = torch.tensor([int(t) for t in targets])
    per_sample = -probs[torch.arange(len(target)), target].log()
    torch_value = float(F.nll_loss(probs.log(), target))
    return LossValue("cross_entropy", float(per_sample.mean()), torch_value), per_sample.tolist()


def probabilities_as_logits(probabilities: list[list[float]] | tuple, targets: list[int] | tuple) -> float:
    """The classic mistake: ``F.cross_entropy`` on probabilities. It softmaxes them again, so the loss shrinks
    towards log(C) and hardly tells a good model from a bad one."""
    probs = check_probabilities(probabilities, targets)
    return float(F.cross_entropy(probs, torch.tensor([int(t) for t in targets])))


def softmax_with_temperature(logits: list[float] | tuple[float, ...], temperature: float) -> torch.Tensor:
    """exp(z / T) / Σ exp(z / T), written out (shifted by the maximum so large logits cannot overflow)."""
    z = _finite_vector(logits, "logits")
    if not (temperature > 0 and math.isfinite(temperature)):
        raise LessonError("optimization.error.temperature")
    scaled = z / temperature
    exps = (scaled - scaled.max()).exp()
    return exps / exps.sum()
