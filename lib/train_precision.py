"""The loss-scaler lesson: the same seeded model and batches trained in fp32, fp16, fp16 + GradScaler and bf16.

FP16's smallest positive number is 2^-24 (~6e-8); a gradient smaller than half of it is rounded to exactly zero
(underflow) and that weight learns nothing. GradScaler multiplies the loss before backward, so the FP16 gradients
stay representable, divides them again in FP32, and skips a step whose scaled gradients overflowed (inf/NaN).
BF16 keeps FP32's exponent range and needs no scaling. Every number here is measured on a real run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from lib.data.arrays import ImageArrays
from lib.data.shapes import make_shapes
from lib.models import build_model
from lib.train import channel_stats, normalize, scale_tensor

MODES: tuple[str, ...] = ("fp32", "fp16", "fp16_scaled", "bf16")
DTYPES = {"fp32": None, "fp16": torch.float16, "fp16_scaled": torch.float16, "bf16": torch.bfloat16}
FP16_SMALLEST = 2.0**-24  # the smallest positive FP16 number (a subnormal)
ADAM_EPS = 1e-12  # below the smallest gradients the lesson makes, so Adam's step ignores their size (default 1e-8)
GROWTH_INTERVAL = 10  # the lesson's scaler doubles its scale after 10 clean steps (PyTorch's default: 2000)
LOSS_FACTORS: tuple[float, ...] = (1.0, 1e-3, 1e-6)  # shrinks every gradient, as a deep net's small ones
LESSON_IMAGES, LESSON_SIZE, LESSON_STEPS, LESSON_BATCH, LESSON_LR = 1000, 16, 20, 64, 1e-3


def underflow_fraction(grad: torch.Tensor, scale: float = 1.0) -> float:
    """Share of the non-zero entries of ``grad`` (FP32) that become exactly 0 when ``grad * scale`` is cast to FP16.

    Round-to-nearest-even sends everything up to half the smallest subnormal (2^-25) to 0, the tie included.
    """
    scaled = grad.detach().float() * scale
    nonzero = scaled != 0
    if not bool(nonzero.any()):
        return 0.0
    lost = nonzero & (scaled.abs() <= FP16_SMALLEST / 2)
    return lost.sum().item() / nonzero.sum().item()


def zero_fraction(grad: torch.Tensor | None) -> float:
    """Share of the entries of a gradient that are exactly zero (a missing gradient counts as all zero)."""
    if grad is None:
        return 1.0
    return (grad == 0).float().mean().item()


def weight_layers(model: nn.Module) -> dict[str, nn.Parameter]:
    """The model's weight matrices and kernels by layer name (biases and norm scales left out: few entries)."""
    return {
        name.removesuffix(".weight"): p
        for name, p in model.named_parameters()
        if name.endswith(".weight") and p.dim() > 1
    }


def scaled_step(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    scaler: torch.amp.GradScaler | None,
    x: torch.Tensor,
    labels: torch.Tensor,
    dtype: torch.dtype | None,
    loss_factor: float = 1.0,
) -> tuple[float, float | None, bool]:
    """One training step with autocast to ``dtype`` (None: FP32) and an optional GradScaler -> (loss, scale, skipped).

    ``scale`` is the loss scale this step's backward used; ``skipped`` is True when the scaler found inf/NaN
    gradients, left the parameters as they were and halved the scale. Gradients stay in ``p.grad`` (unscaled).
    """
    device_type = x.device.type
    with torch.autocast(device_type, dtype=dtype or torch.float32, enabled=dtype is not None):
        loss = F.cross_entropy(model(x).float(), labels) * loss_factor
    optimizer.zero_grad(set_to_none=True)
    if scaler is None:
        loss.backward()
        optimizer.step()
        return loss.item(), None, False
    scaler.scale(loss).backward()
    scaler.unscale_(optimizer)  # p.grad now holds the true (unscaled) gradient, for the lesson to inspect
    used = scale_tensor(scaler)
    scaler.step(optimizer)
    scaler.update()
    after = scale_tensor(scaler)
    return loss.item(), used.item(), bool(after < used)


@dataclass(frozen=True)
class PrecisionRun:
    """One mode's run: per step its loss, the zero share of each layer's gradient, and the scaler's doings."""

    mode: str
    losses: tuple[float, ...]
    zeros: dict[str, tuple[float, ...]]  # layer -> share of exactly-zero gradient entries, per step
    scales: tuple[float, ...]  # fp16_scaled: the loss scale used at each step; empty otherwise
    skipped: tuple[int, ...]  # 1-based steps whose update the scaler skipped
    accuracy: float  # on the held-out images after the last step

    def mean_zeros(self) -> float:
        """Share of zero gradient entries over every layer and step (weighted alike)."""
        values = [v for series in self.zeros.values() for v in series]
        return sum(values) / len(values) if values else 0.0


@dataclass(frozen=True)
class PrecisionLesson:
    """The four runs, plus what casting FP32's own gradients to FP16 would zero (per layer and step)."""

    runs: dict[str, PrecisionRun]
    cast_zeros: dict[str, tuple[float, ...]]  # layer -> share of FP32's non-zero gradient that FP16 flushes to 0
    device: str
    loss_factor: float


def run_mode(
    model: nn.Module,
    train: ImageArrays,
    val: ImageArrays,
    mode: str,
    *,
    steps: int,
    batch_size: int,
    lr: float,
    seed: int,
    loss_factor: float,
    device: torch.device,
) -> tuple[PrecisionRun, dict[str, tuple[float, ...]]]:
    """Train ``model`` in place for ``steps`` Adam steps in ``mode`` -> (its run, FP16-cast zero shares of fp32).

    The batches come from a ``seed``-ed shuffle of ``train``, so every mode sees the same images in the same order.
    """
    torch.manual_seed(seed)  # dropout masks alike in every mode
    model.to(device).train()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr, eps=ADAM_EPS)
    scaler = torch.amp.GradScaler(device.type, growth_interval=GROWTH_INTERVAL) if mode == "fp16_scaled" else None
    mean, std = channel_stats(train.images)
    order = torch.randperm(len(train), generator=torch.Generator().manual_seed(seed))
    layers = weight_layers(model)
    losses, scales, skipped = [], [], []
    zeros: dict[str, list[float]] = {name: [] for name in layers}
    cast: dict[str, list[float]] = {name: [] for name in layers}
    for step in range(steps):
        index = order[(torch.arange(batch_size) + step * batch_size) % len(train)]
        x = normalize(train.images[index].to(device), mean, std)
        labels = train.labels[index].to(device)
        loss, scale, was_skipped = scaled_step(model, optimizer, scaler, x, labels, DTYPES[mode], loss_factor)
        losses.append(loss / loss_factor)  # the cross-entropy itself, comparable across loss factors
        if scale is not None:
            scales.append(scale)
        if was_skipped:
            skipped.append(step + 1)
        for name, p in layers.items():
            zeros[name].append(zero_fraction(p.grad))
            if mode == "fp32":  # what a plain cast of FP32's gradients to FP16 would lose
                cast[name].append(underflow_fraction(p.grad) if p.grad is not None else 0.0)
    accuracy = _accuracy(model, val, mean, std, device, DTYPES[mode])
    run = PrecisionRun(
        mode,
        tuple(losses),
        {name: tuple(v) for name, v in zeros.items()},
        tuple(scales),
        tuple(skipped),
        accuracy,
    )
    return run, {name: tuple(v) for name, v in cast.items()}


@torch.no_grad()
def _accuracy(
    model: nn.Module,
    val: ImageArrays,
    mean: tuple[float, ...],
    std: tuple[float, ...],
    device: torch.device,
    dtype: torch.dtype | None,
) -> float:
    model.eval()
    x = normalize(val.images.to(device), mean, std)
    with torch.autocast(device.type, dtype=dtype or torch.float32, enabled=dtype is not None):
        predicted = model(x).argmax(dim=1).cpu()
    return (predicted == val.labels).float().mean().item()


def compare_precisions(
    make_model: Callable[[], nn.Module],
    train: ImageArrays,
    val: ImageArrays,
    *,
    steps: int = 30,
    batch_size: int = 64,
    lr: float = 1e-3,
    seed: int = 0,
    loss_factor: float = 1e-4,
    device: str = "cpu",
) -> PrecisionLesson:
    """Run every mode of ``MODES`` on a fresh ``make_model()`` seeded alike, on the same batches.

    ``loss_factor`` multiplies the loss, and so every gradient: a stand-in for the tiny gradients of deep nets and
    late training. Adam's update does not depend on the gradient's size, so FP32 learns the same at any factor.
    """
    runs, cast = {}, {}
    for mode in MODES:
        torch.manual_seed(seed)
        model = make_model()
        run, cast_zeros = run_mode(
            model,
            train,
            val,
            mode,
            steps=steps,
            batch_size=batch_size,
            lr=lr,
            seed=seed,
            loss_factor=loss_factor,
            device=torch.device(device),
        )
        runs[mode] = run
        if mode == "fp32":
            cast = cast_zeros
    return PrecisionLesson(runs, cast, device, loss_factor)


def lesson_code(steps: int, batch_size: int, lr: float, loss_factor: float, device: str) -> str:
    """The plain-PyTorch loop behind ``compare_precisions`` for one mode."""
    kind = torch.device(device).type
    return f"""import torch
import torch.nn.functional as F

# model: a fresh torch.manual_seed(0) model; batches: the same {steps} batches of {batch_size} for every mode
for dtype, use_scaler in ((None, False), (torch.float16, False), (torch.float16, True), (torch.bfloat16, False)):
    torch.manual_seed(0)
    model = make_model().to("{device}")
    optimizer = torch.optim.Adam(model.parameters(), lr={lr:g}, eps={ADAM_EPS:g})
    scaler = torch.amp.GradScaler("{kind}", growth_interval={GROWTH_INTERVAL}) if use_scaler else None
    for x, labels in batches:
        with torch.autocast("{kind}", dtype=dtype or torch.float32, enabled=dtype is not None):
            loss = F.cross_entropy(model(x).float(), labels) * {loss_factor:g}
        optimizer.zero_grad(set_to_none=True)
        if scaler is None:
            loss.backward()
            optimizer.step()
        else:
            scaler.scale(loss).backward()            # backward of loss × scale: FP16 gradients stay representable
            scaler.unscale_(optimizer)                # divide the FP32 gradients by the scale again
            scale = scaler.get_scale()
            scaler.step(optimizer)                    # skipped if any gradient is inf/NaN
            scaler.update()                           # halve after an overflow, double after {GROWTH_INTERVAL} clean steps
            skipped = scaler.get_scale() < scale
        zero_share = {{name: (p.grad == 0).float().mean().item()
                      for name, p in model.named_parameters() if p.dim() > 1}}
"""


def default_lesson(loss_factor: float, device: str = "cpu") -> PrecisionLesson:
    """The page's one-click lesson: d2l's MLP on 1,000 Shapes images of 16×16, 20 Adam steps per mode.

    An MLP because most CPUs have no fp16 units and compute fp16 convolutions slowly; the underflow is the same.
    """
    train, val = make_shapes(LESSON_IMAGES, seed=0, image_size=LESSON_SIZE).split(0.2, seed=0)
    classes = len(train.classes)
    return compare_precisions(
        lambda: build_model("mlp", classes, 3, LESSON_SIZE),
        train,
        val,
        steps=LESSON_STEPS,
        batch_size=LESSON_BATCH,
        lr=LESSON_LR,
        loss_factor=loss_factor,
        device=device,
    )
