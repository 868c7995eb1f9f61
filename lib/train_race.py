"""The device and precision race: the same training step timed on every device × precision this machine has.

Each combination trains a copy of the same model from the same initial weights: a few timed steps (with the
peak memory they took), then a short run through :func:`lib.train.fit` for the validation accuracy after N steps.
Peak memory is ``torch.cuda.max_memory_allocated`` on a GPU and the growth of the process's peak resident memory
(Linux ``VmHWM``, reset through ``/proc/self/clear_refs``) on a CPU.
"""

from __future__ import annotations

import contextlib
import copy
import ctypes
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

import torch
from torch import nn

from lib.data.arrays import ImageArrays
from lib.device import autocast, available_devices, needs_grad_scaler, runnable_precisions
from lib.errors import LessonError
from lib.jobs import RunLimiter
from lib.train import ClassificationTask, TrainConfig, channel_stats, fit, make_optimizer, normalize

RACE_SECONDS = 120.0  # the whole race; combinations not reached by then are reported as not run
TIMING_SECONDS = 2.0  # timed steps per combination stop after this long (at least MIN_TIMED of them)
MIN_TIMED, MAX_TIMED = 2, 10
PROBE_BATCH = 8  # a first step on this many images estimates the full step before committing to it
TOO_SLOW_S = 10.0  # estimated seconds per step above which a combination is not timed (e.g. fp16 convs on a CPU)


@dataclass(frozen=True)
class RaceRow:
    """One device × precision: time per step, throughput, peak memory, accuracy after the short run."""

    device: str
    precision: str
    status: str  # done, too_slow (estimate only), out_of_time, failed
    ms_per_step: float | None = None  # measured (done) or estimated from the probe (too_slow)
    images_per_s: float | None = None
    peak_mb: float | None = None
    memory: str = ""  # "cuda": max_memory_allocated; "rss": growth of the process's peak resident memory
    accuracy: float | None = None


def race_plan() -> list[tuple[str, str]]:
    """Every (device, precision) to race here: the CPU's fp32, fp16, bf16, and each GPU's precisions."""
    return [(device, precision) for device in available_devices() for precision in runnable_precisions(device)]


def _proc_status(field_name: str) -> float | None:
    """A memory line of /proc/self/status in MB, or None off Linux."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field_name + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


@contextlib.contextmanager
def peak_memory(device: torch.device) -> Iterator[dict[str, object]]:
    """Measure the body's peak memory in MB into the yielded dict (``peak_mb``, ``memory``: which measure)."""
    result: dict[str, object] = {"peak_mb": None, "memory": ""}
    if device.type == "cuda":
        torch.cuda.synchronize(device)
        torch.cuda.reset_peak_memory_stats(device)
        yield result
        torch.cuda.synchronize(device)
        result.update(peak_mb=torch.cuda.max_memory_allocated(device) / 2**20, memory="cuda")
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)  # glibc: hand freed memory back, so growth is this body's
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")  # reset the peak resident set size (VmHWM) to the current one
        baseline = _proc_status("VmRSS")
    except OSError:
        baseline = None
    yield result
    peak = _proc_status("VmHWM")
    if baseline is not None and peak is not None:
        result.update(peak_mb=max(0.0, peak - baseline), memory="rss")


def _sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def time_steps(
    model: nn.Module, train: ImageArrays, config: TrainConfig, stop: threading.Event | None = None
) -> RaceRow:
    """Time ``lib.train.fit``'s training step of ``model`` (changed in place) in ``config``'s device and precision.

    Same step as the loop: normalise, forward + loss under autocast, backward (through a GradScaler for fp16),
    optimizer step. A probe on ``PROBE_BATCH`` images first; a step estimated above ``TOO_SLOW_S`` is not run.
    """
    device, precision = torch.device(config.device), config.precision
    task = ClassificationTask()
    mean, std = channel_stats(train.images)
    mean_t, std_t = torch.tensor(mean, device=device), torch.tensor(std, device=device)
    model.to(device).train()
    if config.channels_last:
        model.to(memory_format=torch.channels_last)
    optimizer = make_optimizer(model, config)
    scaler = torch.amp.GradScaler(device.type) if needs_grad_scaler(precision, device) else None
    images = train.images[: config.batch_size].to(device)
    labels = train.labels[: config.batch_size].to(device)

    def step(n: int) -> None:
        x = normalize(images[:n], mean_t, std_t, config.channels_last)
        with autocast("fp32" if precision == "tf32" else precision, device):
            loss, _ = task.loss(model, x, labels[:n])
        optimizer.zero_grad(set_to_none=True)
        if scaler is None:
            loss.backward()
            optimizer.step()
        else:
            scaler.scale(loss).backward()
            scaler.step(optimizer)
            scaler.update()

    batch = len(images)
    outer = autocast("tf32", device) if precision == "tf32" else contextlib.nullcontext()
    with outer, peak_memory(device) as memory:
        start = time.perf_counter()
        step(min(PROBE_BATCH, batch))
        _sync(device)
        estimate = (time.perf_counter() - start) * batch / min(PROBE_BATCH, batch)
        if estimate > TOO_SLOW_S:
            return RaceRow(str(device), precision, "too_slow", ms_per_step=estimate * 1000)
        step(batch)  # warm-up at the real size (kernel choice, allocator)
        _sync(device)
        timed, start = 0, time.perf_counter()
        while timed < MIN_TIMED or (timed < MAX_TIMED and time.perf_counter() - start < TIMING_SECONDS):
            if stop is not None and stop.is_set():
                break
            step(batch)
            _sync(device)
            timed += 1
        seconds = (time.perf_counter() - start) / max(1, timed)
    return RaceRow(
        str(device),
        precision,
        "done",
        ms_per_step=seconds * 1000,
        images_per_s=batch / seconds,
        peak_mb=memory["peak_mb"],
        memory=str(memory["memory"]),
    )


def short_run_accuracy(
    model: nn.Module, train: ImageArrays, val: ImageArrays, config: TrainConfig, steps: int
) -> float | None:
    """Validation accuracy after ``steps`` steps of ``lib.train.fit`` on the first ``steps × batch`` images."""
    n = min(len(train), steps * config.batch_size)
    history = fit(model, train.subset(torch.arange(n)), val, replace(config, epochs=1))
    return history.final_metrics().get("val_accuracy") if history.status == "done" else None


def race(
    model: nn.Module,
    train: ImageArrays,
    val: ImageArrays,
    config: TrainConfig,
    *,
    steps: int = 20,
    plan: list[tuple[str, str]] | None = None,
    stop: threading.Event | None = None,
    deadline_s: float = RACE_SECONDS,
    on_row: Callable[[RaceRow], None] | None = None,
) -> list[RaceRow]:
    """One row per (device, precision) of ``plan`` (default: :func:`race_plan`), each from ``model``'s weights.

    ``config`` gives the optimizer, LR, batch size and seed; its device and precision are replaced per row.
    """
    initial = copy.deepcopy(model).cpu()
    rows, ends = [], time.perf_counter() + deadline_s
    for device, precision in plan or race_plan():
        run_config = replace(config, device=device, precision=precision)
        if (stop is not None and stop.is_set()) or time.perf_counter() > ends:
            row = RaceRow(device, precision, "out_of_time")
        else:
            try:
                row = time_steps(copy.deepcopy(initial), train, run_config, stop)
                if row.status == "done":
                    accuracy = short_run_accuracy(copy.deepcopy(initial), train, val, run_config, steps)
                    row = replace(row, accuracy=accuracy)
            except (RuntimeError, LessonError):  # a combination that cannot run here is a row, not a crash
                row = RaceRow(device, precision, "failed")
        rows.append(row)
        if on_row is not None:
            on_row(row)
    return rows


@dataclass
class RaceJob:
    """A session's race in a daemon thread, holding one of the server's run slots while it runs."""

    key: tuple = ()
    rows: list[RaceRow] = field(default_factory=list)
    total: int = 0
    status: str = "idle"  # idle, running, done
    stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        """True while the race thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    def start(
        self,
        key: tuple,
        model: nn.Module,
        train: ImageArrays,
        val: ImageArrays,
        config: TrainConfig,
        *,
        steps: int,
        limiter: RunLimiter,
    ) -> None:
        """Race in the background; raises LessonError when the server is busy or a race is already going."""
        if self.running:
            raise LessonError("train.error.running")
        limiter.acquire()
        plan = race_plan()
        with self._lock:
            self.key, self.rows, self.total, self.status = key, [], len(plan), "running"
            self.stop = threading.Event()

        def work() -> None:
            try:
                race(model, train, val, config, steps=steps, plan=plan, stop=self.stop, on_row=self._add)
            finally:
                limiter.release()
                with self._lock:
                    self.status = "done"

        self._thread = threading.Thread(target=work, name="dlp-race", daemon=True)
        self._thread.start()

    def _add(self, row: RaceRow) -> None:
        with self._lock:
            self.rows.append(row)

    def snapshot(self) -> tuple[str, tuple, list[RaceRow], int]:
        """(status, key, rows so far, number of combinations)."""
        with self._lock:
            return self.status, self.key, list(self.rows), self.total

    def join(self, timeout: float | None = None) -> None:
        """Wait for the race thread (tests)."""
        if self._thread is not None:
            self._thread.join(timeout)
