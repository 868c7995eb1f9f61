"""Fine-tune a pretrained classifier on a small dataset, and compare it with training from scratch.

Both runs go through the app's one training loop, :func:`lib.train.fit`, as two stages of one
:class:`lib.jobs.TrainingJob`, with two fine-tuning additions: parameter groups (the new head learns
``head_lr_mult`` times faster than the body) and :class:`FinetuneTask`, which augments with
``torchvision.transforms.v2`` per image (cheap on small data) and can blend whole batches with MixUp/CutMix.

A fair race needs a scratch run that trains: its learning rate comes from a learning-rate range test
(Smith, 2017): raise the LR exponentially for a few dozen steps, find where the loss was lowest, and train at a
tenth of that — the last LR before the loss blows up is too fast to train with.
"""

from __future__ import annotations

import copy
import dataclasses
import math
import threading
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn
from torchvision.transforms import v2

from lib.data.arrays import ImageArrays
from lib.device import autocast, needs_grad_scaler
from lib.errors import LessonError
from lib.evaluate import Stats, logits
from lib.finetune import Freeze, param_groups, prepare
from lib.finetune_augment import AugmentConfig, batch_mix, train_transform
from lib.jobs import Stage
from lib.ood import OodCheck, fit_check
from lib.train import ClassificationTask, History, TrainConfig, channel_stats, fit, make_optimizer, normalize

RUNS = ("finetune", "scratch")
SWEEP = (1e-5, 1.0, 40)  # range test: from, to, steps
SWEEP_DIVERGED = 4.0  # the sweep stops once the smoothed loss exceeds this many times its minimum
LR_BELOW_MIN = 10.0  # train at the LR of the lowest loss divided by this


@dataclass(frozen=True)
class Plan:
    """What fine-tuning adds to a :class:`TrainConfig`: the head's LR multiplier, freezing, augmentation, size.

    ``scratch_lr`` None means: found by :func:`find_lr` just before the scratch run starts.
    """

    head_lr_mult: float = 10.0
    freeze: Freeze = "body"
    augment: AugmentConfig | None = None  # None: no augmentation, just resize to image_size
    image_size: int = 64
    scratch_lr: float | None = None


def check_plan(config: TrainConfig, plan: Plan) -> None:
    """Refuse budgets and settings that cannot train, with a sentence."""
    if not 1 <= config.epochs <= 200 or not 1 <= config.batch_size <= 1024:
        raise LessonError("finetune.error.budget", epochs=config.epochs, batch=config.batch_size)
    if not 8 <= plan.image_size <= 512:
        raise LessonError("finetune.error.size", size=plan.image_size)
    lrs = (config.lr, plan.head_lr_mult, config.weight_decay + 1, plan.scratch_lr or 1.0)
    if not all(math.isfinite(x) and x > 0 for x in lrs):
        raise LessonError("finetune.error.lr", lr=config.lr, mult=plan.head_lr_mult)


def resize(images: torch.Tensor, size: int) -> torch.Tensor:
    """uint8 (N, C, H, W) → (N, C, size, size) with antialiasing; unchanged when already that size."""
    if images.shape[-2:] == (size, size):
        return images
    return v2.functional.resize(images, [size, size], antialias=True)


def sized(train: ImageArrays, val: ImageArrays, plan: Plan) -> tuple[ImageArrays, ImageArrays]:
    """(train, val) at the run's input size; with augmentation on, its crop makes the training size itself."""
    val = ImageArrays(resize(val.images, plan.image_size), val.labels, val.classes)
    if plan.augment is None:
        train = ImageArrays(resize(train.images, plan.image_size), train.labels, train.classes)
    return train, val


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
        """Each image through the pipeline, then a batch blend when enabled.

        v2 transforms draw from the global RNG: they run on a private copy of it, seeded from the run's
        ``generator``, so both runs of a comparison see the same augmentations and other threads are unaffected.
        """
        if self.pipeline is None:
            return images, labels
        seed = int(torch.randint(0, 2**62, (1,), generator=generator, device=generator.device))
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            out = torch.stack([self.pipeline(image) for image in images])
            if self.mix is None or len(images) < 2:
                return out, labels
            mixed, soft = self.mix(out.float() / 255, labels)
        return (mixed * 255).clamp(0, 255).to(torch.uint8), soft


@dataclass(frozen=True)
class LrSweep:
    """A learning-rate range test: the LR of every step, the smoothed loss there, and the LR it recommends."""

    lrs: tuple[float, ...]
    losses: tuple[float, ...]
    lr: float

    @property
    def lowest(self) -> float:
        """The LR at which the smoothed loss was lowest (the recommendation is a tenth of it)."""
        return self.lrs[min(range(len(self.losses)), key=self.losses.__getitem__)]


def find_lr(
    model: nn.Module,
    train: ImageArrays,
    config: TrainConfig,
    task: ClassificationTask | None = None,
    *,
    stop: threading.Event | None = None,
) -> LrSweep:
    """Smith's LR range test on a copy of ``model``: one step per LR from 1e-5 to 1, growing exponentially.

    Stops when the loss diverges (4× its minimum, or NaN); recommends a tenth of the LR of the lowest smoothed
    loss. ``model`` itself is untouched; the optimizer, batch size, augmentation and precision are the run's.
    """
    task = task or ClassificationTask()
    device = torch.device(config.device)
    probe = copy.deepcopy(model).to(device).train()
    start, end, steps = SWEEP
    optimizer = make_optimizer(probe, dataclasses.replace(config, lr=start))
    precision = "fp32" if needs_grad_scaler(config.precision, device) else config.precision
    mean, std = (config.mean, config.std) if config.mean and config.std else channel_stats(train.images)
    generator = torch.Generator().manual_seed(config.seed)
    aug_generator = torch.Generator(device=device).manual_seed(config.seed + 1)
    batch = max(2, min(config.batch_size, len(train)))
    lrs: list[float] = []
    losses: list[float] = []
    smoothed = None
    for i in range(steps):
        if stop is not None and stop.is_set():
            break
        lr = start * (end / start) ** (i / (steps - 1))
        for group in optimizer.param_groups:
            group["lr"] = lr
        index = torch.randperm(len(train), generator=generator)[:batch]
        images, labels = task.augment(
            train.images[index].to(device), train.labels[index].to(device), config, aug_generator
        )
        with autocast(precision, device):
            loss, _ = task.loss(probe, normalize(images, mean, std), labels)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        value = loss.detach().item()
        if not math.isfinite(value):
            break
        smoothed = value if smoothed is None else 0.7 * smoothed + 0.3 * value
        lrs.append(lr)
        losses.append(smoothed)
        if smoothed > SWEEP_DIVERGED * min(losses):
            break
    if not lrs:
        return LrSweep((), (), config.lr)
    sweep = LrSweep(tuple(lrs), tuple(losses), 0.0)
    return dataclasses.replace(sweep, lr=sweep.lowest / LR_BELOW_MIN)


def _tune_scratch(task: ClassificationTask):
    def tune(model: nn.Module, train: ImageArrays, config: TrainConfig, stop: threading.Event) -> TrainConfig:
        return dataclasses.replace(config, lr=find_lr(model, train, config, task, stop=stop).lr)

    return tune


def stages(
    pretrained: nn.Module, scratch: nn.Module, train: ImageArrays, config: TrainConfig, plan: Plan
) -> list[Stage]:
    """The two runs of the comparison, ready for :meth:`lib.jobs.TrainingJob.start_stages` or :func:`compare`.

    As in d2l: a copy of ``pretrained`` gets a new head and the chosen freezing; its body learns at
    ``config.lr`` and its head at ``lr × head_lr_mult``. ``scratch`` (same architecture, random) trains all of
    it at one LR: ``plan.scratch_lr``, or the range test's choice. Same data, seed, augmentation and epochs.
    """
    check_plan(config, plan)
    classes = len(train.classes)
    tuned = prepare(copy.deepcopy(pretrained), classes, plan.freeze)
    fresh = prepare(scratch, classes, "none")
    augment = None if plan.augment is None else dataclasses.replace(plan.augment, size=plan.image_size)
    task = FinetuneTask(augment, classes)
    fixed = plan.scratch_lr is not None
    scratch_config = dataclasses.replace(config, lr=plan.scratch_lr) if fixed else config
    return [
        Stage("finetune", tuned, config, task, param_groups(tuned, config.lr, plan.head_lr_mult)),
        Stage("scratch", fresh, scratch_config, task, None, None if fixed else _tune_scratch(task)),
    ]


def compare(
    pretrained: nn.Module,
    scratch: nn.Module,
    train: ImageArrays,
    val: ImageArrays,
    config: TrainConfig,
    plan: Plan,
    *,
    stop: threading.Event | None = None,
) -> dict[str, tuple[nn.Module, History]]:
    """Both runs of :func:`stages` one after the other in this thread (a notebook's way; the page uses a job).

    Returns {run name: (trained model, its History)}; a stopped or failed run ends the comparison there.
    """
    train, val = sized(train, val, plan)
    stop = stop or threading.Event()
    results: dict[str, tuple[nn.Module, History]] = {}
    for stage in stages(pretrained, scratch, train, config, plan):
        run_config = stage.config if stage.tune is None else stage.tune(stage.model, train, stage.config, stop)
        history = fit(stage.model, train, val, run_config, task=stage.task, groups=stage.groups, stop=stop)
        results[stage.name] = (stage.model.to("cpu"), history)
        if history.status != "done":
            break
    return results


def ood_check(model: nn.Module, val: ImageArrays, mean: Stats, std: Stats) -> OodCheck:
    """An out-of-distribution test for ``model``: the energy score, thresholded on its own validation images.

    A photo scoring below what 95% of them reach is unlike the training data, and the model's answer is a guess.
    """
    return fit_check(logits(model, val, mean, std), "energy")


def val_accuracy(history: History) -> float:
    """The last epoch's validation accuracy (0 before any epoch)."""
    return history.epochs[-1].val.get("accuracy", 0.0) if history.epochs else 0.0


@dataclass(frozen=True)
class Memorised:
    """A run that learned its training images but not the classes: the figures that show it."""

    train_accuracy: float
    val_accuracy: float
    chance: float


MEMORISED_MARGIN = 0.1  # above chance by this much on training images, within it on validation images


def memorised(history: History, classes: int) -> Memorised | None:
    """Whether a run memorised (training accuracy clearly above chance, validation still near it), with figures.

    On a few images per class a network trained from random weights usually does exactly this: the learner
    should see that it did train, and that it is the data, not the learning rate, that leaves it at chance.
    """
    if not history.epochs or classes < 2:
        return None
    last = history.epochs[-1]
    train, val, chance = last.train.get("accuracy"), last.val.get("accuracy"), 1.0 / classes
    if train is None or val is None:
        return None
    if train >= chance + MEMORISED_MARGIN and val <= chance + MEMORISED_MARGIN:
        return Memorised(train, val, chance)
    return None
