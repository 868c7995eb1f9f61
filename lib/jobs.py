"""A training run in a background thread: a lock-guarded metrics log, a stop flag, and a server-wide cap.

No Streamlit here: a page owns one :class:`TrainingJob` per session and polls :meth:`TrainingJob.snapshot`;
the worker thread only calls :func:`lib.train.fit` and appends to the log.
"""

from __future__ import annotations

import copy
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Protocol

import torch
from torch import nn

from lib.data.arrays import ImageArrays
from lib.errors import LessonError
from lib.train import EpochEvent, Event, FinishedEvent, History, StepEvent, Task, TrainConfig, batch_starts, fit

MAX_STEP_POINTS = 600  # plotted loss points kept; older ones are thinned by half when the log fills up
SMOOTHING = 0.9  # exponential moving average factor of the smoothed loss curve

log = logging.getLogger(__name__)


def max_concurrent_runs() -> int:
    """The server-wide cap on simultaneous training runs: ``$DLP_MAX_CONCURRENT_RUNS``, default 2."""
    try:
        return max(1, int(os.environ.get("DLP_MAX_CONCURRENT_RUNS", "2")))
    except ValueError:
        return 2


class RunLimiter:
    """A server-wide cap on concurrent runs; also splits the CPU threads between them.

    Make one per server process (a page keeps it in a global ``st.cache_resource``).
    """

    def __init__(self, limit: int | None = None) -> None:
        self.limit = limit or max_concurrent_runs()
        self._slots = threading.BoundedSemaphore(self.limit)
        # Intra-op threads are per process: share the cores so concurrent runs do not oversubscribe them.
        torch.set_num_threads(max(1, (os.cpu_count() or 1) // self.limit))

    def acquire(self) -> None:
        """Take a slot now or raise a "server busy" LessonError (never waits: the page must stay live)."""
        if not self._slots.acquire(blocking=False):
            raise LessonError("train.error.busy", limit=self.limit)

    def release(self) -> None:
        """Give the slot back."""
        self._slots.release()


@dataclass(frozen=True)
class StepPoint:
    """One plotted step: raw and smoothed loss, and the LR (and, in fp16 runs, the loss scale and a skip)."""

    step: int
    loss: float
    smoothed: float
    lr: float
    run: str = ""  # the stage's name in a job of several runs
    scale: float | None = None  # GradScaler's loss scale at this step; None without a scaler
    skipped: bool = False  # GradScaler skipped this step's update (inf/NaN gradients)


@dataclass
class Stage:
    """One run of a job that trains several models in turn on the same data (fine-tuning, then from scratch).

    ``tune(model, train, config, stop)``, when given, runs in the worker thread just before the stage trains and
    returns the config to train with (e.g. a learning rate found by a range test); ``History.config`` keeps it.
    """

    name: str
    model: nn.Module
    config: TrainConfig
    task: Task | None = None
    groups: list[dict] | None = None
    tune: Callable[[nn.Module, ImageArrays, TrainConfig, threading.Event], TrainConfig] | None = None


@dataclass(frozen=True)
class Snapshot:
    """An immutable copy of a job's state for drawing: status, thinned steps, epochs, progress."""

    status: str  # idle, running, done, stopped, failed
    steps: tuple[StepPoint, ...] = ()
    epochs: tuple[EpochEvent, ...] = ()
    step: int = 0
    total_steps: int = 0
    epoch: int = 0
    epochs_total: int = 0
    images_per_s: float = 0.0
    eta_s: float | None = None
    error: LessonError | None = None
    run_id: int = 0
    runs: tuple[str, ...] = ()  # stage names, in training order (one empty name for a plain run)
    epoch_runs: tuple[str, ...] = ()  # the stage of each of ``epochs``
    skipped_steps: tuple[StepPoint, ...] = ()  # every step GradScaler skipped, never thinned away
    queue_place: int | None = None  # while a run waits for a cluster's worker: 1 = next to start, 0 = not known yet
    queue_wait_s: float | None = None  # the expected wait until it starts (None: not known yet)

    @property
    def running(self) -> bool:
        return self.status == "running"

    @property
    def progress(self) -> float:
        """Fraction of optimisation steps done, 0..1."""
        return self.step / self.total_steps if self.total_steps else 0.0


@dataclass
class MetricsLog:
    """Step points bounded to ``max_points`` by halving the resolution when full; every epoch is kept.

    Steps that GradScaler skipped are kept apart (``skipped``), so thinning never hides one. They are rare (each
    halves the scale), but are bounded the same way.
    """

    max_points: int = MAX_STEP_POINTS
    steps: list[StepPoint] = field(default_factory=list)
    epochs: list[EpochEvent] = field(default_factory=list)
    stride: int = 1
    smoothed: float | None = None
    skipped: list[StepPoint] = field(default_factory=list)

    def add_step(self, event: StepEvent, run: str = "") -> None:
        """Update the smoothed loss with every step; keep every ``stride``-th point and every skipped step."""
        self.smoothed = (
            event.loss if self.smoothed is None else SMOOTHING * self.smoothed + (1 - SMOOTHING) * event.loss
        )
        point = StepPoint(event.step, event.loss, self.smoothed, event.lr, run, event.scale, event.skipped)
        if event.skipped:
            self.skipped.append(point)
            if len(self.skipped) >= self.max_points:
                self.skipped = self.skipped[::2]
        if event.step % self.stride:
            return
        self.steps.append(point)
        if len(self.steps) >= self.max_points:
            self.stride *= 2
            self.steps = [point for point in self.steps if point.step % self.stride == 0]


@dataclass(frozen=True)
class Reporter:
    """Where an executor tells a job how its run goes (called from the job's own worker thread)."""

    stage_started: Callable[[int], None]  # the stage at this index begins to train (after its ``tune``)
    event: Callable[[Event], None]  # the engine's events, as fit emits them
    stage_ended: Callable[[int, History], None]  # that stage's History; its model holds the trained weights
    queued: Callable[[int | None, float | None], None]  # place in a cluster's queue and expected wait; None: started


def train_stages(
    stages: list[Stage] | tuple[Stage, ...],
    train: ImageArrays,
    val: ImageArrays | None,
    stop: threading.Event,
    report: Reporter,
) -> None:
    """Tune and fit every stage in turn in this thread; a stage that stops or fails ends the job there.

    The one body of every executor: the thread executor calls it in the job's thread, the Ray executor in the
    worker that runs the job.
    """
    for index, stage in enumerate(stages):
        config = stage.config if stage.tune is None else stage.tune(stage.model, train, stage.config, stop)
        report.stage_started(index)
        if stop.is_set():
            report.event(FinishedEvent("stopped"))
            return
        history = fit(
            stage.model, train, val, config, task=stage.task, groups=stage.groups, on_event=report.event, stop=stop
        )
        report.stage_ended(index, history)
        if history.status != "done":
            return


class Executor(Protocol):
    """Where a job's training runs: threads of this process (default) or a cluster (``lib.jobs_ray``)."""

    def admit(self, limiter: RunLimiter) -> None:
        """Take a slot for a new run or raise LessonError (called in the script thread: never waits)."""
        ...

    def release(self, limiter: RunLimiter) -> None:
        """Give back what ``admit`` took."""
        ...

    def run(
        self,
        stages: tuple[Stage, ...],
        train: ImageArrays,
        val: ImageArrays | None,
        stop: threading.Event,
        report: Reporter,
    ) -> None:
        """Train the stages (their models end with the trained weights); blocks the job's worker thread."""
        ...


class ThreadExecutor:
    """Runs train in the job's own daemon thread, capped server-wide by the page's :class:`RunLimiter`."""

    def admit(self, limiter: RunLimiter) -> None:
        """A free slot of the limiter now, or the "server busy" LessonError."""
        limiter.acquire()

    def release(self, limiter: RunLimiter) -> None:
        """Give the slot back."""
        limiter.release()

    def run(
        self,
        stages: tuple[Stage, ...],
        train: ImageArrays,
        val: ImageArrays | None,
        stop: threading.Event,
        report: Reporter,
    ) -> None:
        """Train right here, in the calling thread."""
        train_stages(stages, train, val, stop, report)


def executor_from_env() -> Executor:
    """The executor this server uses: Ray when ``$DLP_RAY_ADDRESS`` names a cluster or ``$DLP_JOBS=ray`` asks for a
    local one, else threads. Make one per server process; if Ray cannot be reached it logs why, once, and uses threads.
    """
    address = os.environ.get("DLP_RAY_ADDRESS", "").strip()
    if not address and os.environ.get("DLP_JOBS", "threads").strip().lower() != "ray":
        return ThreadExecutor()
    try:
        from lib.jobs_ray import RayExecutor

        return RayExecutor.connect(address or None)
    except Exception as error:  # noqa: BLE001 - not installed, head down, bad address: still train, in threads
        log.warning(
            "Ray is not available (%s: %s); training runs in this process's threads", type(error).__name__, error
        )
        return ThreadExecutor()


class TrainingJob:
    """One session's training run in a daemon thread; start, stop, and snapshot it from any thread.

    A job trains one model (:meth:`start`) or several in turn on the same data (:meth:`start_stages`); the
    steps of later stages continue the step count, so one progress bar and one loss axis cover them all.
    """

    def __init__(self, executor: Executor | None = None) -> None:
        self.executor: Executor = executor or ThreadExecutor()
        self.stop = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._log = MetricsLog()
        self._status = "idle"
        self._error: LessonError | None = None
        self._last_step: StepEvent | None = None
        self._epochs_total = 0
        self._started_at = 0.0
        self._run_id = 0
        self._stages: tuple[Stage, ...] = ()
        self._stage = 0  # index of the stage training now
        self._step_offset = 0  # steps of the finished stages
        self._total_steps = 0
        self._epoch_runs: list[str] = []
        self._queue: tuple[int | None, float | None] = (None, None)
        self.model: nn.Module | None = None
        self.history: History | None = None
        self.histories: dict[str, History] = {}  # per stage name, once that stage has ended
        self.meta: dict[str, object] = {}
        self._epoch_model: nn.Module | None = None

    @property
    def running(self) -> bool:
        """True while the worker thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    def start(
        self,
        model: nn.Module,
        train: ImageArrays,
        val: ImageArrays | None,
        config: TrainConfig,
        *,
        limiter: RunLimiter,
        task: Task | None = None,
        meta: dict[str, object] | None = None,
        on_finish: Callable[[TrainingJob], None] | None = None,
    ) -> None:
        """Train ``model`` (in place) in a new daemon thread; raises LessonError if busy or already running."""
        self.start_stages([Stage("", model, config, task)], train, val, limiter=limiter, meta=meta, on_finish=on_finish)

    def start_stages(
        self,
        stages: list[Stage],
        train: ImageArrays,
        val: ImageArrays | None,
        *,
        limiter: RunLimiter,
        meta: dict[str, object] | None = None,
        on_finish: Callable[[TrainingJob], None] | None = None,
    ) -> None:
        """Train every stage's model (in place), one after the other, in a new daemon thread.

        The thread runs the stages through the job's executor (here, or on a cluster). A stage that stops or fails
        ends the job there. Raises LessonError if busy or already running.
        """
        if self.running:
            raise LessonError("train.error.running")
        self.executor.admit(limiter)
        per_epoch = [len(batch_starts(len(train), stage.config.batch_size)) for stage in stages]
        with self._lock:
            self.stop = threading.Event()
            self._log = MetricsLog()
            self._status, self._error, self._last_step = "running", None, None
            self._epochs_total = sum(stage.config.epochs for stage in stages)
            self._started_at = time.perf_counter()
            self._run_id += 1
            self._stages, self._stage, self._step_offset, self._epoch_runs = tuple(stages), 0, 0, []
            self._total_steps = sum(n * stage.config.epochs for n, stage in zip(per_epoch, stages, strict=True))
            self.model, self.history, self.histories, self.meta = stages[0].model, None, {}, dict(meta or {})
            self._epoch_model, self._queue = None, (None, None)
        stop = self.stop
        self._thread = threading.Thread(
            target=self._work,
            args=(train, val, stop, limiter, on_finish),
            name="dlp-training",
            daemon=True,
        )
        self._thread.start()

    def _work(
        self,
        train: ImageArrays,
        val: ImageArrays | None,
        stop: threading.Event,
        limiter: RunLimiter,
        on_finish: Callable[[TrainingJob], None] | None,
    ) -> None:
        """The thread body: run the stages on the executor, record how it ended, always give the slot back."""
        report = Reporter(self._stage_started, self._on_event, self._stage_ended, self._queued)
        try:
            self.executor.run(self._stages, train, val, stop, report)
            if on_finish is not None:
                on_finish(self)
        except Exception as error:  # a worker thread must record its failure, not die silently
            log.exception("training run failed")
            reason = (
                error
                if isinstance(error, LessonError)
                else LessonError("train.error.crashed", kind=type(error).__name__, detail=str(error)[:300])
            )
            with self._lock:
                self._status, self._error = "failed", reason
        finally:
            self.executor.release(limiter)

    def _stage_started(self, index: int) -> None:
        with self._lock:
            self._stage, self.model, self._epoch_model = index, self._stages[index].model, None
            self._log.smoothed = None  # a new model's loss starts its own average

    def _stage_ended(self, index: int, history: History) -> None:
        with self._lock:
            self.history = history
            self.histories[self._stages[index].name] = history
            self._step_offset += len(history.steps)

    def _queued(self, place: int | None, wait_s: float | None) -> None:
        with self._lock:
            if place is None and self._queue[0] is not None:
                self._started_at = time.perf_counter()  # the ETA counts from when training began, not the wait
            self._queue = (place, wait_s)

    def _on_event(self, event: Event) -> None:
        """Called in the worker thread by fit; everything the UI reads goes through the lock."""
        if isinstance(event, EpochEvent):  # training is paused during the callback: a consistent copy
            epoch_model = _cpu_copy(self.model)
        with self._lock:
            name = self._stages[self._stage].name
            if isinstance(event, StepEvent):
                event = replace(event, step=event.step + self._step_offset, total_steps=self._total_steps)
                self._log.add_step(event, name)
                self._last_step = event
            elif isinstance(event, EpochEvent):
                self._log.epochs.append(event)
                self._epoch_runs.append(name)
                self._epoch_model = epoch_model
            elif isinstance(event, FinishedEvent) and (event.status != "done" or self._stage == len(self._stages) - 1):
                self._status, self._error = event.status, event.error

    def snapshot(self) -> Snapshot:
        """A consistent copy of the run's state (cheap: bounded number of points)."""
        with self._lock:
            last = self._last_step
            eta = None
            if last is not None and last.images_per_s > 0 and self._status == "running":
                elapsed = time.perf_counter() - self._started_at
                eta = elapsed / last.step * (last.total_steps - last.step)
            return Snapshot(
                status=self._status,
                steps=tuple(self._log.steps),
                epochs=tuple(self._log.epochs),
                step=last.step if last else 0,
                total_steps=last.total_steps if last else 0,
                epoch=len(self._log.epochs),
                epochs_total=self._epochs_total,
                images_per_s=last.images_per_s if last else 0.0,
                eta_s=eta,
                error=self._error,
                run_id=self._run_id,
                runs=tuple(stage.name for stage in self._stages),
                epoch_runs=tuple(self._epoch_runs),
                skipped_steps=tuple(self._log.skipped),
                queue_place=self._queue[0],
                queue_wait_s=self._queue[1],
            )

    def model_copy(self) -> nn.Module | None:
        """A CPU copy of the model (eval mode): as of the last finished epoch while running, else the final one."""
        with self._lock:
            model = self._epoch_model if self._status == "running" or self.running else self.model
            return None if model is None else _cpu_copy(model)

    def join(self, timeout: float | None = None) -> None:
        """Wait for the worker thread (tests and scripts)."""
        if self._thread is not None:
            self._thread.join(timeout)


def _cpu_copy(model: nn.Module) -> nn.Module:
    """An independent copy of ``model`` on the CPU, contiguous layout, in eval mode."""
    return copy.deepcopy(model).to("cpu", memory_format=torch.contiguous_format).eval()
