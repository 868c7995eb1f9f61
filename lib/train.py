"""The one training loop of the app: data on the device as uint8, augment/normalise there, live events, stop flag.

Every page that trains (train a CNN, fine-tuning, detection) calls :func:`fit`. What is being learned is a
:class:`Task` (loss + metrics + evaluation + label-safe augmentation); :class:`ClassificationTask` is the default.
"""

from __future__ import annotations

import contextlib
import math
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Protocol

import torch
import torch.nn.functional as F
from torch import nn

from lib.data.arrays import ImageArrays
from lib.device import autocast, needs_grad_scaler
from lib.errors import LessonError
from lib.ood import OodCheck, fit_check

OPTIMIZERS: tuple[str, ...] = ("sgd", "adam", "adamw")
SCHEDULES: tuple[str, ...] = ("constant", "step", "cosine", "onecycle")
FLUSH_SECONDS = 0.25  # how often the loop syncs with the device to report steps (the GPU runs ahead meanwhile)
DEVICE_MEMORY_SHARE = 0.5  # keep the dataset on the GPU only when it takes at most this share of free memory


@dataclass(frozen=True)
class TrainConfig:
    """Everything that decides how a run trains; JSON-able (``asdict``) so it can go into a checkpoint."""

    optimizer: str = "sgd"
    lr: float = 0.01
    momentum: float = 0.9
    nesterov: bool = False
    weight_decay: float = 0.0
    schedule: str = "constant"
    step_epochs: int = 5  # "step" schedule: multiply the LR by step_gamma every step_epochs epochs
    step_gamma: float = 0.1
    batch_size: int = 64
    epochs: int = 5
    crop_padding: int = 0  # random crop after zero-padding every side by this many pixels; 0 = off
    flip: bool = False  # random horizontal flip
    mean: tuple[float, ...] | None = None  # per-channel, on the 0..1 scale; None = measured on the training set
    std: tuple[float, ...] | None = None
    precision: str = "fp32"
    device: str = "cpu"
    seed: int = 0
    grad_clip: float = 0.0  # max global gradient norm; 0 = off
    channels_last: bool = True

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-able values (tuples become lists)."""
        return {key: list(value) if isinstance(value, tuple) else value for key, value in asdict(self).items()}


@dataclass(frozen=True)
class DefaultRun:
    """What the Train page runs when Start is pressed with nothing changed, chosen so the lesson shows in a minute.

    On 2 CPU cores it passes 85% validation accuracy on the Shapes set within 60 s (``bench/time_to_lesson.py``):
    enough images that a small net generalises (2,000 overfit at ~55%), BatchNorm so Adam can take a high
    one-cycle LR, and batches of 256 so bf16 matrix units (AMX) are kept busy.
    """

    images: int = 10_000
    image_size: int = 32
    val_share: float = 0.2
    model: str = "cifar10_quick_bn"
    config: TrainConfig = TrainConfig(
        optimizer="adam",
        lr=0.005,
        weight_decay=5e-4,
        schedule="onecycle",
        batch_size=256,
        epochs=6,
        crop_padding=2,
        flip=True,
    )


DEFAULT_RUN = DefaultRun()


@dataclass(frozen=True)
class StepEvent:
    """One optimisation step finished: its loss, the LR it used and the recent throughput."""

    step: int  # 1-based, counted over the whole run
    total_steps: int
    epoch: int  # 1-based
    loss: float
    lr: float
    images_per_s: float
    scale: float | None = None  # fp16 runs: the GradScaler loss scale this step's backward used; None = no scaler
    skipped: bool = False  # fp16 runs: the gradients overflowed (inf/NaN), so GradScaler skipped the update


@dataclass(frozen=True)
class EpochEvent:
    """One epoch finished: mean training metrics over the epoch and validation metrics (empty without val)."""

    epoch: int
    epochs: int
    train: dict[str, float]
    val: dict[str, float]
    seconds: float


@dataclass(frozen=True)
class FinishedEvent:
    """The run ended: ``status`` is ``"done"``, ``"stopped"`` or ``"failed"`` (then ``error`` says why)."""

    status: str
    error: LessonError | None = None


Event = StepEvent | EpochEvent | FinishedEvent


@dataclass
class History:
    """What a run produced: every step and epoch, how it ended, and the normalisation it trained with."""

    config: TrainConfig
    mean: tuple[float, ...]
    std: tuple[float, ...]
    steps: list[StepEvent] = field(default_factory=list)
    epochs: list[EpochEvent] = field(default_factory=list)
    status: str = "running"
    error: LessonError | None = None
    seconds: float = 0.0
    images_seen: int = 0

    @property
    def images_per_s(self) -> float:
        """Training throughput over the whole run (evaluation time excluded)."""
        return self.images_seen / self.seconds if self.seconds > 0 else 0.0

    def final_metrics(self) -> dict[str, float]:
        """The last epoch's metrics as ``train_<name>`` / ``val_<name>``."""
        if not self.epochs:
            return {}
        last = self.epochs[-1]
        return {f"train_{k}": v for k, v in last.train.items()} | {f"val_{k}": v for k, v in last.val.items()}


class Task(Protocol):
    """What a run learns. The loop stays the same; the task supplies loss, metrics and augmentation."""

    def loss(self, model: nn.Module, images: torch.Tensor, labels: torch.Tensor) -> tuple[torch.Tensor, dict]:
        """Forward + loss on a normalised float batch -> (scalar loss, {metric: 0-d tensor, batch mean})."""
        ...

    def evaluate(self, model: nn.Module, batches: Iterator[tuple[torch.Tensor, torch.Tensor]]) -> dict[str, float]:
        """Metrics over the whole validation set, from (normalised images, labels) batches; model is in eval mode."""
        ...

    def augment(
        self, images: torch.Tensor, labels: torch.Tensor, config: TrainConfig, generator: torch.Generator
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Training-time augmentation of a uint8 batch that keeps labels right (a detection task moves boxes)."""
        ...


class ClassificationTask:
    """Cross-entropy on class logits; reports loss and accuracy. Crops and flips do not change a class."""

    def loss(self, model: nn.Module, images: torch.Tensor, labels: torch.Tensor) -> tuple[torch.Tensor, dict]:
        """Cross-entropy of ``model(images)`` (B, classes) against labels (B,); accuracy as a metric."""
        logits = model(images)
        loss = F.cross_entropy(logits.float(), labels)
        accuracy = (logits.argmax(dim=1) == labels).float().mean()
        return loss, {"loss": loss.detach(), "accuracy": accuracy}

    def evaluate(self, model: nn.Module, batches: Iterator[tuple[torch.Tensor, torch.Tensor]]) -> dict[str, float]:
        """Mean loss and accuracy over every example (summed on the device, one sync at the end)."""
        loss_sum = correct = count = None
        for images, labels in batches:
            logits = model(images).float()
            batch_loss = F.cross_entropy(logits, labels, reduction="sum")
            batch_correct = (logits.argmax(dim=1) == labels).sum()
            if loss_sum is None:
                loss_sum, correct, count = batch_loss, batch_correct, len(labels)
            else:
                loss_sum, correct, count = loss_sum + batch_loss, correct + batch_correct, count + len(labels)
        if loss_sum is None:
            return {}
        return {"loss": loss_sum.item() / count, "accuracy": correct.item() / count}

    def augment(
        self, images: torch.Tensor, labels: torch.Tensor, config: TrainConfig, generator: torch.Generator
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Random padded crop and horizontal flip, one vectorised gather for the whole batch."""
        if config.crop_padding == 0 and not config.flip:
            return images, labels
        dy, dx, flipped = sample_crop_flip(len(images), config.crop_padding, config.flip, generator, images.device)
        return crop_flip(images, config.crop_padding, dy, dx, flipped), labels


def sample_crop_flip(
    n: int, padding: int, flip: bool, generator: torch.Generator, device: torch.device
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Random crop offsets ``dy, dx`` in ``[0, 2*padding]`` and flip flags (all (n,)), drawn on ``device``."""
    dy = torch.randint(0, 2 * padding + 1, (n,), generator=generator, device=device)
    dx = torch.randint(0, 2 * padding + 1, (n,), generator=generator, device=device)
    flipped = (
        torch.rand(n, generator=generator, device=device) < 0.5
        if flip
        else torch.zeros(n, dtype=torch.bool, device=device)
    )
    return dy, dx, flipped


def crop_flip(
    images: torch.Tensor, padding: int, dy: torch.Tensor, dx: torch.Tensor, flipped: torch.Tensor
) -> torch.Tensor:
    """Zero-pad (B, C, H, W) by ``padding``, crop H×W at (dy, dx) per image, mirror where ``flipped``.

    Same result as torchvision's ``RandomCrop(H, padding)`` + ``RandomHorizontalFlip`` applied image by image,
    but done as one advanced-indexing gather on the device.
    """
    if padding == 0 and not bool(flipped.any()):
        return images
    b, c, h, w = images.shape
    padded = F.pad(images, (padding,) * 4) if padding else images
    arange_h = torch.arange(h, device=images.device)
    arange_w = torch.arange(w, device=images.device)
    rows = dy[:, None] + arange_h  # (B, H)
    cols = dx[:, None] + torch.where(flipped[:, None], arange_w.flip(0), arange_w)  # (B, W)
    batch = torch.arange(b, device=images.device)[:, None, None, None]
    channel = torch.arange(c, device=images.device)[None, :, None, None]
    return padded[batch, channel, rows[:, None, :, None], cols[:, None, None, :]]


def channel_stats(images: torch.Tensor) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Per-channel mean and (sample) std of uint8 (N, C, H, W) images on the 0..1 scale (``Normalize``'s arguments).

    Sums in float64 chunk by chunk, so a whole dataset never becomes one big float tensor.
    """
    channels = images.shape[1]
    total = torch.zeros(channels, dtype=torch.float64)
    squares = torch.zeros(channels, dtype=torch.float64)
    per_image = max(1, images[0].numel()) if len(images) else 1
    for chunk in images.split(max(1, (1 << 22) // per_image)):
        x = chunk.to("cpu", torch.float64) / 255
        total += x.sum(dim=(0, 2, 3))
        squares += (x * x).sum(dim=(0, 2, 3))
    n = images.numel() // channels
    mean = total / n
    variance = (squares / n - mean**2) * n / max(1, n - 1)
    std = variance.clamp_min(0).sqrt().clamp_min(1e-3)  # a blank channel must not divide by zero
    return tuple(mean.tolist()), tuple(std.tolist())


def normalize(
    images: torch.Tensor,
    mean: torch.Tensor | Sequence[float],
    std: torch.Tensor | Sequence[float],
    channels_last: bool = False,
) -> torch.Tensor:
    """uint8 (B, C, H, W) -> float32 ``(x/255 - mean) / std``, optionally in channels_last memory layout.

    The one normaliser of the app: the training loop, evaluation and predictions on a photo all call it, so a
    model always sees its inputs scaled the way it was trained. ``mean``/``std`` are per channel, 0..1 scale.
    """
    mean = torch.as_tensor(mean, dtype=torch.float32, device=images.device)
    std = torch.as_tensor(std, dtype=torch.float32, device=images.device)
    x = (images.float() / 255 - mean[:, None, None]) / std[:, None, None]
    return x.contiguous(memory_format=torch.channels_last) if channels_last else x


def make_optimizer(model: nn.Module, config: TrainConfig, groups: list[dict] | None = None) -> torch.optim.Optimizer:
    """SGD (momentum, Nesterov), Adam or AdamW over the trainable parameters.

    ``groups`` (torch parameter groups, each with its own ``lr``) replaces the single group, e.g. fine-tuning's
    body at ``lr`` and new head at ``10 × lr``; a group without ``lr`` uses ``config.lr``.
    """
    params = groups if groups is not None else [p for p in model.parameters() if p.requires_grad]
    if config.optimizer == "sgd":
        return torch.optim.SGD(
            params, lr=config.lr, momentum=config.momentum, nesterov=config.nesterov, weight_decay=config.weight_decay
        )
    if config.optimizer == "adam":
        return torch.optim.Adam(params, lr=config.lr, weight_decay=config.weight_decay)
    return torch.optim.AdamW(params, lr=config.lr, weight_decay=config.weight_decay)


def make_scheduler(
    optimizer: torch.optim.Optimizer, config: TrainConfig, steps_per_epoch: int
) -> torch.optim.lr_scheduler.LRScheduler:
    """The LR schedule, stepped once per optimisation step (so step/cosine/one-cycle are smooth in steps)."""
    total = max(1, config.epochs * steps_per_epoch)
    sched = torch.optim.lr_scheduler
    if config.schedule == "step":
        return sched.StepLR(optimizer, step_size=max(1, config.step_epochs * steps_per_epoch), gamma=config.step_gamma)
    if config.schedule == "cosine":
        return sched.CosineAnnealingLR(optimizer, T_max=total)
    if config.schedule == "onecycle":
        peaks = [group["lr"] for group in optimizer.param_groups]  # each group peaks at its own LR
        return sched.OneCycleLR(optimizer, max_lr=peaks, total_steps=total)
    return sched.ConstantLR(optimizer, factor=1.0, total_iters=0)


def lr_curve(config: TrainConfig, steps_per_epoch: int) -> list[float]:
    """The LR at every step of a run with ``config`` (for previewing the schedule before training)."""
    optimizer = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=config.lr)
    scheduler = make_scheduler(optimizer, config, steps_per_epoch)
    lrs = []
    for _ in range(config.epochs * steps_per_epoch):
        lrs.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return lrs


def check_config(config: TrainConfig, train: ImageArrays) -> None:
    """Reject settings a learner can get wrong, with a sentence that says what to change."""
    if config.optimizer not in OPTIMIZERS:
        raise LessonError("train.error.optimizer", name=config.optimizer, choices=", ".join(OPTIMIZERS))
    if config.schedule not in SCHEDULES:
        raise LessonError("train.error.schedule", name=config.schedule, choices=", ".join(SCHEDULES))
    if not (config.lr > 0 and math.isfinite(config.lr)):
        raise LessonError("train.error.lr", lr=config.lr)
    if config.batch_size < 1 or config.epochs < 1:
        raise LessonError("train.error.sizes", batch=config.batch_size, epochs=config.epochs)
    if len(train) == 0:
        raise LessonError("train.error.empty")
    channels = train.image_shape[0]
    for stats in (config.mean, config.std):
        if stats is not None and len(stats) != channels:
            raise LessonError("train.error.stats", got=len(stats), channels=channels)


class _Batches:
    """Uint8 data held once on the device (or in host memory when the GPU is too small), served by index."""

    def __init__(self, data: ImageArrays, device: torch.device) -> None:
        on_device = device.type == "cpu" or data.images.numel() <= DEVICE_MEMORY_SHARE * _free_memory(device)
        self.device = device
        self.images = data.images.to(device) if on_device else data.images.pin_memory()
        self.labels = data.labels.to(device) if on_device else data.labels.pin_memory()
        self.index_device = device if on_device else torch.device("cpu")

    def __len__(self) -> int:
        return len(self.images)

    def take(self, index: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        index = index.to(self.index_device)
        return (
            self.images[index].to(self.device, non_blocking=True),
            self.labels[index].to(self.device, non_blocking=True),
        )


def _free_memory(device: torch.device) -> int:
    if device.type == "cuda":
        return torch.cuda.mem_get_info(device)[0]
    return 1 << 62  # MPS shares host memory


def _is_oom(error: BaseException) -> bool:
    return isinstance(error, torch.OutOfMemoryError) or "out of memory" in str(error).lower()


class _Stop(Exception):
    """Internal: leave the loop (stop flag set or a bad loss) from inside nested loops."""

    def __init__(self, status: str, error: LessonError | None = None) -> None:
        super().__init__(status)
        self.status, self.error = status, error


def evaluate(
    model: nn.Module,
    data: ImageArrays,
    config: TrainConfig,
    *,
    mean: tuple[float, ...],
    std: tuple[float, ...],
    task: Task | None = None,
    stop: threading.Event | None = None,
) -> dict[str, float]:
    """The task's metrics of ``model`` on ``data`` (eval mode, no grad, same precision and normalisation)."""
    task = task or ClassificationTask()
    device = torch.device(config.device)
    batches = _Batches(data, device)
    mean_t = torch.tensor(mean, device=device)
    std_t = torch.tensor(std, device=device)
    size = max(config.batch_size, 256)

    def stream() -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
        for start in range(0, len(batches), size):
            if stop is not None and stop.is_set():
                raise _Stop("stopped")
            images, labels = batches.take(torch.arange(start, min(start + size, len(batches))))
            yield normalize(images, mean_t, std_t, config.channels_last), labels

    was_training = model.training
    model.eval()
    try:
        with torch.no_grad(), autocast(config.precision, device):
            return task.evaluate(model, stream())
    finally:
        model.train(was_training)


def fit(
    model: nn.Module,
    train: ImageArrays,
    val: ImageArrays | None,
    config: TrainConfig,
    *,
    task: Task | None = None,
    groups: list[dict] | None = None,
    on_event: Callable[[Event], None] | None = None,
    stop: threading.Event | None = None,
) -> History:
    """Train ``model`` in place on ``train`` for ``config.epochs``; evaluate on ``val`` after every epoch.

    ``groups`` are optional optimizer parameter groups with their own learning rates (see ``make_optimizer``).

    Never raises for what happens during training: a set ``stop`` flag (checked before every step), a NaN/inf
    loss or running out of memory end the run with ``History.status`` "stopped"/"failed" and a
    :class:`FinishedEvent`. Bad settings raise :class:`LessonError` before anything starts.
    """
    check_config(config, train)
    task = task or ClassificationTask()
    device = torch.device(config.device)
    mean, std = (config.mean, config.std) if config.mean and config.std else channel_stats(train.images)
    history = History(config=config, mean=tuple(mean), std=tuple(std))
    emit = on_event or (lambda event: None)

    def send(event: Event) -> None:
        if isinstance(event, StepEvent):
            history.steps.append(event)
        elif isinstance(event, EpochEvent):
            history.epochs.append(event)
        emit(event)

    try:
        _run(model, train, val, config, task, groups, history, send, stop, device)
        history.status = "done"
    except _Stop as end:
        history.status, history.error = end.status, end.error
    except Exception as error:  # the run must end with a message, never kill its thread
        if not _is_oom(error):
            raise
        if device.type == "cuda":
            torch.cuda.empty_cache()
        history.status, history.error = "failed", LessonError("train.error.oom", batch=config.batch_size)
    model.eval()
    emit(FinishedEvent(history.status, history.error))
    return history


def _run(
    model: nn.Module,
    train: ImageArrays,
    val: ImageArrays | None,
    config: TrainConfig,
    task: Task,
    groups: list[dict] | None,
    history: History,
    send: Callable[[Event], None],
    stop: threading.Event | None,
    device: torch.device,
) -> None:
    """The loop itself: shuffle by index, augment + normalise on the device, forward, backward, step."""
    data = _Batches(train, device)
    generator = torch.Generator(device=data.index_device).manual_seed(config.seed)
    aug_generator = torch.Generator(device=device).manual_seed(config.seed + 1)
    mean_t = torch.tensor(history.mean, device=device)
    std_t = torch.tensor(history.std, device=device)
    model.to(device)
    if config.channels_last:
        model.to(memory_format=torch.channels_last)
    optimizer = make_optimizer(model, config, groups)
    starts = batch_starts(len(data), config.batch_size)
    steps_per_epoch = len(starts)
    scheduler = make_scheduler(optimizer, config, steps_per_epoch)
    scaler = torch.amp.GradScaler(device.type) if needs_grad_scaler(config.precision, device) else None
    total = config.epochs * steps_per_epoch
    step = 0
    outer = autocast("tf32", device) if config.precision == "tf32" else contextlib.nullcontext()
    with outer:
        for epoch in range(1, config.epochs + 1):
            model.train()
            epoch_start = time.perf_counter()
            order = torch.randperm(len(data), generator=generator, device=data.index_device)
            pending: list[tuple[torch.Tensor, float, int, torch.Tensor | None]] = []  # (loss, lr, n, scales) to report
            sums: dict[str, torch.Tensor] = {}
            seen = 0
            flushed_at = time.perf_counter()
            for start in starts:
                if stop is not None and stop.is_set():
                    raise _Stop("stopped")
                images, labels = data.take(order[start : start + config.batch_size])
                images, labels = task.augment(images, labels, config, aug_generator)
                x = normalize(images, mean_t, std_t, config.channels_last)
                lr = optimizer.param_groups[0]["lr"]
                with autocast(config.precision if config.precision != "tf32" else "fp32", device):
                    loss, metrics = task.loss(model, x, labels)
                optimizer.zero_grad(set_to_none=True)
                scales = None
                if scaler is not None:
                    scaler.scale(loss).backward()
                    if config.grad_clip > 0:
                        scaler.unscale_(optimizer)
                        nn.utils.clip_grad_norm_(model.parameters(), config.grad_clip)
                    used = scale_tensor(scaler)
                    scaler.step(optimizer)
                    scaler.update()
                    scales = torch.stack([used, scale_tensor(scaler)])  # before/after update: a drop = a skipped step
                else:
                    loss.backward()
                    if config.grad_clip > 0:
                        nn.utils.clip_grad_norm_(model.parameters(), config.grad_clip)
                    optimizer.step()
                scheduler.step()
                n = len(labels)
                for name, value in metrics.items():
                    sums[name] = sums[name] + value.detach().float() * n if name in sums else value.detach().float() * n
                seen += n
                pending.append((loss.detach(), lr, n, scales))
                now = time.perf_counter()
                if now - flushed_at >= FLUSH_SECONDS or start == starts[-1]:
                    step = _flush(pending, step, total, epoch, now - flushed_at, history, send)
                    flushed_at = time.perf_counter()
                    pending = []
            train_seconds = time.perf_counter() - epoch_start
            history.seconds += train_seconds
            history.images_seen += seen
            train_metrics = {name: value.item() / seen for name, value in sums.items()}
            val_metrics = (
                evaluate(model, val, config, mean=history.mean, std=history.std, task=task, stop=stop)
                if val is not None and len(val)
                else {}
            )
            send(EpochEvent(epoch, config.epochs, train_metrics, val_metrics, time.perf_counter() - epoch_start))


def batch_starts(n: int, batch_size: int) -> list[int]:
    """Where each training batch of an epoch starts; a last batch of a single image is skipped.

    BatchNorm cannot normalise one example (its variance is undefined), and the image is not lost: the order
    is reshuffled every epoch, so another epoch trains on it.
    """
    starts = list(range(0, n, batch_size))
    if n > 1 and n % batch_size == 1:
        starts.pop()
    return starts


def scale_tensor(scaler: torch.amp.GradScaler) -> torch.Tensor:
    """The scaler's current loss scale as a 0-d float tensor on its device, read without a device sync.

    ``GradScaler.get_scale()`` calls ``.item()`` (a sync per step on a GPU); its ``_scale`` tensor is private, so
    fall back to the public call should it go away.
    """
    scale = getattr(scaler, "_scale", None)
    if isinstance(scale, torch.Tensor):
        return scale.detach().reshape(()).float().clone()
    return torch.tensor(scaler.get_scale())


def _flush(
    pending: list[tuple[torch.Tensor, float, int, torch.Tensor | None]],
    step: int,
    total: int,
    epoch: int,
    seconds: float,
    history: History,
    send: Callable[[Event], None],
) -> int:
    """Sync once for the pending steps: report each, and stop at the first NaN/inf loss.

    With a GradScaler each step also reports the scale it used and whether it was skipped (the scale dropped).
    """
    losses = torch.stack([loss for loss, _, _, _ in pending]).float().tolist()
    scaled = [scales for _, _, _, scales in pending if scales is not None]
    scales = iter(torch.stack(scaled).tolist() if scaled else [])
    rate = sum(n for _, _, n, _ in pending) / max(seconds, 1e-9)
    for loss, (_, lr, _, has_scale) in zip(losses, pending, strict=True):
        step += 1
        if not math.isfinite(loss):
            raise _Stop("failed", LessonError("train.error.nan", step=step, loss=loss, lr=lr, lower=lr / 10))
        used, after = next(scales) if has_scale is not None else (None, None)
        skipped = used is not None and after < used
        send(StepEvent(step, total, epoch, loss, lr, rate, scale=used, skipped=skipped))
    return step


@torch.inference_mode()
def domain_check(
    model: nn.Module,
    val: ImageArrays,
    mean: tuple[float, ...] | list[float],
    std: tuple[float, ...] | list[float],
    kind: str = "energy",
) -> OodCheck:
    """An out-of-distribution test for ``model`` calibrated on its own validation images (uint8 (N, C, H, W)).

    A classifier names some class for any photo; the threshold that keeps 95% of its validation images tells
    inputs like its training data from inputs it has never seen anything like.
    """
    model.eval()
    m = torch.tensor(mean, dtype=torch.float32)[:, None, None]
    s = torch.tensor(std, dtype=torch.float32)[:, None, None]
    logits = [model((val.images[i : i + 512].float() / 255 - m) / s).float() for i in range(0, len(val), 512)]
    return fit_check(torch.cat(logits), kind)
