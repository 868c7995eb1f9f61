"""Train a (pre-trained or fresh) classifier on a small dataset, and compare fine-tuning with training from scratch.

Small data means per-image augmentation with ``torchvision.transforms.v2`` is cheap; everything else is the
plain loop of the notes: forward → loss → backward → step, then evaluate without gradients. Events go to a
callback after every epoch, so a page can draw both runs on one live chart.
"""

from __future__ import annotations

import copy
import math
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import torch
import torch.nn.functional as F
from torch import nn
from torchvision.transforms import v2

from lib.data.arrays import ImageArrays
from lib.errors import LessonError
from lib.finetune import Freeze, param_groups, prepare
from lib.finetune_augment import AugmentConfig, batch_mix, train_transform

OPTIMIZERS = ("sgd", "adam", "adamw")


@dataclass(frozen=True)
class RunConfig:
    """What both runs share: the budget, the optimizer and the data pipeline."""

    epochs: int = 8
    lr: float = 0.01  # the body's learning rate; the head gets lr × head_lr_mult
    head_lr_mult: float = 10.0
    optimizer: str = "sgd"
    weight_decay: float = 1e-4
    batch_size: int = 32
    freeze: Freeze = "none"
    augment: AugmentConfig | None = None  # None: no augmentation, just resize to image_size
    image_size: int = 64
    seed: int = 0


@dataclass(frozen=True)
class Normalisation:
    """Per-channel mean and std the backbone was pretrained with (ImageNet's or our Shapes')."""

    mean: tuple[float, float, float]
    std: tuple[float, float, float]

    def apply(self, images: torch.Tensor) -> torch.Tensor:
        """uint8 (N, C, H, W) → standardised float."""
        mean = torch.tensor(self.mean, device=images.device)[:, None, None]
        std = torch.tensor(self.std, device=images.device)[:, None, None]
        return (images.float() / 255 - mean) / std


@dataclass(frozen=True)
class EpochEvent:
    """One point of the live chart."""

    run: str  # "finetune" or "scratch"
    epoch: int
    train_loss: float
    val_loss: float
    val_accuracy: float


@dataclass
class RunResult:
    """A finished run: its model and its per-epoch history."""

    run: str
    model: nn.Module
    history: list[EpochEvent] = field(default_factory=list)

    @property
    def best_accuracy(self) -> float:
        return max((e.val_accuracy for e in self.history), default=0.0)

    @property
    def final_accuracy(self) -> float:
        return self.history[-1].val_accuracy if self.history else 0.0


def check_config(config: RunConfig) -> None:
    """Refuse budgets and settings that cannot train, with a sentence."""
    if not 1 <= config.epochs <= 200 or not 1 <= config.batch_size <= 1024:
        raise LessonError("finetune.error.budget", epochs=config.epochs, batch=config.batch_size)
    if config.optimizer not in OPTIMIZERS:
        raise LessonError("finetune.error.optimizer", name=config.optimizer, known=", ".join(OPTIMIZERS))
    if not 8 <= config.image_size <= 512:
        raise LessonError("finetune.error.size", size=config.image_size)
    if not (math.isfinite(config.weight_decay) and config.weight_decay >= 0):
        raise LessonError("finetune.error.lr", lr=config.lr, mult=config.head_lr_mult)


def make_optimizer(groups: list[dict], config: RunConfig) -> torch.optim.Optimizer:
    """SGD (momentum 0.9), Adam or AdamW over the parameter groups (each with its own lr)."""
    if config.optimizer == "sgd":
        return torch.optim.SGD(groups, momentum=0.9, weight_decay=config.weight_decay)
    if config.optimizer == "adam":
        return torch.optim.Adam(groups, weight_decay=config.weight_decay)
    return torch.optim.AdamW(groups, weight_decay=config.weight_decay)


def resize(images: torch.Tensor, size: int) -> torch.Tensor:
    """uint8 (N, C, H, W) → (N, C, size, size) with antialiasing; unchanged when already that size."""
    if images.shape[-2:] == (size, size):
        return images
    return v2.functional.resize(images, [size, size], antialias=True)


def _train_batch(images: torch.Tensor, labels: torch.Tensor, config: RunConfig, classes: int):
    """Augmented (or just resized) batch and its targets (class indices, or soft labels after MixUp/CutMix)."""
    if config.augment is None:
        return resize(images, config.image_size), labels
    pipeline = train_transform(config.augment)
    out = torch.stack([pipeline(image) for image in images])
    mix = batch_mix(config.augment, classes)
    if mix is None or len(images) < 2:
        return out, labels
    mixed, soft = mix(out.float() / 255, labels)
    return (mixed * 255).clamp(0, 255).to(torch.uint8), soft


@torch.no_grad()
def predict(model: nn.Module, images: torch.Tensor, norm: Normalisation, size: int, batch: int = 128) -> torch.Tensor:
    """Class probabilities (N, K) for uint8 images (N, C, H, W), in eval mode."""
    model.eval()
    out = [
        F.softmax(model(norm.apply(resize(images[s : s + batch], size))), dim=1) for s in range(0, len(images), batch)
    ]
    return torch.cat(out)


def train_run(
    run: str,
    model: nn.Module,
    train: ImageArrays,
    val: ImageArrays,
    config: RunConfig,
    norm: Normalisation,
    head_lr_mult: float,
    lr: float,
    *,
    on_event: Callable[[EpochEvent], None] | None = None,
    stop: threading.Event | None = None,
) -> RunResult:
    """Train ``model`` (already prepared) for ``config.epochs``; evaluate on ``val`` after every epoch."""
    torch.manual_seed(config.seed)  # same shuffles and augmentations for both runs
    generator = torch.Generator().manual_seed(config.seed)
    opt = make_optimizer(param_groups(model, lr, head_lr_mult), config)
    result = RunResult(run, model)
    classes = len(train.classes)
    for epoch in range(1, config.epochs + 1):
        model.train()
        order = torch.randperm(len(train), generator=generator)
        total, seen = 0.0, 0
        for start in range(0, len(train), config.batch_size):
            if stop is not None and stop.is_set():
                return result
            idx = order[start : start + config.batch_size]
            if len(idx) < 2 and seen:  # a batch of one breaks BatchNorm; fold it into the next epoch
                continue
            images, targets = _train_batch(train.images[idx], train.labels[idx], config, classes)
            loss = F.cross_entropy(model(norm.apply(images)), targets)
            if not torch.isfinite(loss):
                raise LessonError("finetune.error.nan", run=run, epoch=epoch)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
            seen += len(idx)
        probs = predict(model, val.images, norm, config.image_size)
        val_loss = F.nll_loss(probs.clamp_min(1e-12).log(), val.labels).item()
        accuracy = (probs.argmax(1) == val.labels).float().mean().item()
        event = EpochEvent(run, epoch, total / max(seen, 1), val_loss, accuracy)
        result.history.append(event)
        if on_event is not None:
            on_event(event)
    return result


def compare(
    pretrained: nn.Module,
    scratch: nn.Module,
    train: ImageArrays,
    val: ImageArrays,
    config: RunConfig,
    norm: Normalisation,
    *,
    on_event: Callable[[EpochEvent], None] | None = None,
    stop: threading.Event | None = None,
) -> tuple[RunResult, RunResult]:
    """Fine-tune a copy of ``pretrained`` and train ``scratch`` (same architecture, random) on the same data.

    As in d2l: the fine-tuned body learns at ``lr`` and its new head at ``lr × head_lr_mult``; the scratch
    network has nothing worth protecting, so all of it learns at the head's rate. Same seed, batches, epochs.
    """
    check_config(config)
    classes = len(train.classes)
    tuned = prepare(copy.deepcopy(pretrained), classes, config.freeze)
    fresh = prepare(scratch, classes, "none")
    first = train_run(
        "finetune", tuned, train, val, config, norm, config.head_lr_mult, config.lr, on_event=on_event, stop=stop
    )
    second = train_run(
        "scratch", fresh, train, val, config, norm, 1.0, config.lr * config.head_lr_mult, on_event=on_event, stop=stop
    )
    return first, second


def confusion(predicted: torch.Tensor, labels: torch.Tensor, classes: int) -> torch.Tensor:
    """(K, K) counts: row = true class, column = predicted class."""
    return torch.bincount(labels * classes + predicted, minlength=classes * classes).reshape(classes, classes)


def per_class_accuracy(matrix: torch.Tensor) -> torch.Tensor:
    """Recall of every class from a confusion matrix (NaN for a class with no examples)."""
    return matrix.diag().float() / matrix.sum(1).float()
