"""Fine-tune a pretrained classifier on a small dataset, and compare it with training from scratch.

Both runs go through the app's one training loop, :func:`lib.train.fit`, with two fine-tuning additions:
parameter groups (the new head learns ``head_lr_mult`` times faster than the body) and
:class:`FinetuneTask`, which augments with ``torchvision.transforms.v2`` per image (cheap on small data)
and can blend whole batches with MixUp/CutMix. Epoch results go to a callback so a page can draw both runs
on one live chart.
"""

from __future__ import annotations

import copy
import dataclasses
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
from lib.train import OPTIMIZERS, ClassificationTask, EpochEvent, Event, TrainConfig, fit


@dataclass(frozen=True)
class RunConfig:
    """What both runs share: the budget, the optimizer, the data pipeline and where it runs."""

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
    device: str = "cpu"
    precision: str = "fp32"


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
class RunPoint:
    """One point of the live chart: a run's epoch."""

    run: str  # "finetune" or "scratch"
    epoch: int
    train_loss: float
    val_loss: float
    val_accuracy: float


@dataclass
class RunResult:
    """A finished (or stopped) run: its model and its per-epoch history."""

    run: str
    model: nn.Module
    history: list[RunPoint] = field(default_factory=list)

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


def resize(images: torch.Tensor, size: int) -> torch.Tensor:
    """uint8 (N, C, H, W) → (N, C, size, size) with antialiasing; unchanged when already that size."""
    if images.shape[-2:] == (size, size):
        return images
    return v2.functional.resize(images, [size, size], antialias=True)


class FinetuneTask(ClassificationTask):
    """Classification with the fine-tuning page's augmentation: a v2 pipeline per image, then MixUp/CutMix.

    MixUp/CutMix turn class indices into soft labels (B, K); cross-entropy accepts both, and accuracy is
    counted against the dominant class of a blended label.
    """

    def __init__(self, augment: AugmentConfig | None, num_classes: int) -> None:
        self.pipeline = None if augment is None else train_transform(augment)
        self.mix = None if augment is None else batch_mix(augment, num_classes)

    def loss(self, model: nn.Module, images: torch.Tensor, labels: torch.Tensor) -> tuple[torch.Tensor, dict]:
        logits = model(images)
        loss = F.cross_entropy(logits.float(), labels)
        hard = labels.argmax(dim=1) if labels.ndim == 2 else labels
        accuracy = (logits.argmax(dim=1) == hard).float().mean()
        return loss, {"loss": loss.detach(), "accuracy": accuracy}

    def augment(
        self, images: torch.Tensor, labels: torch.Tensor, config: TrainConfig, generator: torch.Generator
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Each image through the pipeline (global RNG, seeded per run), then a batch blend when enabled."""
        if self.pipeline is None:
            return images, labels
        out = torch.stack([self.pipeline(image) for image in images])
        if self.mix is None or len(images) < 2:
            return out, labels
        mixed, soft = self.mix(out.float() / 255, labels)
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
    on_event: Callable[[RunPoint], None] | None = None,
    stop: threading.Event | None = None,
) -> RunResult:
    """Train ``model`` (already prepared) with :func:`lib.train.fit`; evaluate on ``val`` after every epoch.

    Raises the run's :class:`LessonError` when it fails (NaN loss, out of memory); a stop returns what it has.
    """
    torch.manual_seed(config.seed)  # same shuffles and augmentations for both runs
    result = RunResult(run, model)
    train_config = TrainConfig(
        optimizer=config.optimizer,
        lr=lr,
        weight_decay=config.weight_decay,
        batch_size=config.batch_size,
        epochs=config.epochs,
        mean=norm.mean,
        std=norm.std,
        precision=config.precision,
        device=config.device,
        seed=config.seed,
    )

    def record(event: Event) -> None:
        if isinstance(event, EpochEvent):
            point = RunPoint(run, event.epoch, event.train["loss"], event.val["loss"], event.val["accuracy"])
            result.history.append(point)
            if on_event is not None:
                on_event(point)

    history = fit(
        model,
        _resized(train, config.image_size if config.augment is None else None),
        _resized(val, config.image_size),
        train_config,
        task=FinetuneTask(_at_size(config.augment, config.image_size), len(train.classes)),
        groups=param_groups(model, lr, head_lr_mult),
        on_event=record,
        stop=stop,
    )
    model.to("cpu")
    if history.status == "failed" and history.error is not None:
        raise history.error
    return result


def _at_size(augment: AugmentConfig | None, size: int) -> AugmentConfig | None:
    """The pipeline cropping to the run's input size, so training and validation images match."""
    return None if augment is None else dataclasses.replace(augment, size=size)


def _resized(data: ImageArrays, size: int | None) -> ImageArrays:
    """``data`` at ``size``×``size`` (the augmentation pipeline crops to the size itself, so None keeps it)."""
    if size is None:
        return data
    return ImageArrays(resize(data.images, size), data.labels, data.classes)


def compare(
    pretrained: nn.Module,
    scratch: nn.Module,
    train: ImageArrays,
    val: ImageArrays,
    config: RunConfig,
    norm: Normalisation,
    *,
    on_event: Callable[[RunPoint], None] | None = None,
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
    if stop is not None and stop.is_set():
        return first, RunResult("scratch", fresh)
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
