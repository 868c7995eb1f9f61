"""Training runs on a Ray cluster: each run is one Ray task with its own CPU (and GPU share) request.

The page's :class:`lib.jobs.TrainingJob` stays what it is; only where the stages train changes. Its worker
thread ships the stages (model, config, task) and the data (uint8 arrays) to :func:`train_remotely`, a streaming
task (Ray reuses warm worker processes, so a run does not pay for starting Python and torch), follows the
engine's events back (the live chart draws them unchanged), loads the weights the worker sends at every epoch
and at the end (state dicts, read with the app's safe checkpoint reader) into the page's models, and turns
Stop, a closed tab, a dead worker or a lost cluster into the job's usual endings. While the cluster has no room,
Ray keeps the run waiting; a small roster actor shared by every replica tells each learner their place and the
expected wait. Chosen by :func:`lib.jobs.executor_from_env` (``DLP_RAY_ADDRESS`` / ``DLP_JOBS=ray``).
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import ray
import torch
from ray.exceptions import RayActorError, RayError
from torch import nn

from lib.checkpoints import load_state, read_checkpoint
from lib.data.arrays import ImageArrays
from lib.device import fastest_precision, supported_precisions
from lib.errors import LessonError
from lib.jobs import Reporter, Stage, train_stages
from lib.jobs_roster import Roster
from lib.train import EpochEvent, Event, FinishedEvent, History

NAMESPACE = "dl-playground"  # every replica of the app shares the cluster's roster in this namespace
ROSTER = "dlp-roster"
POLL_S = 0.25  # how often the page's job thread fetches new events (the chart redraws at 2 Hz)
STOP_GRACE_S = 3.0  # after Stop, the worker has this long to end its step and send its weights, then it is killed
CLUSTER_TIMEOUT_S = 30.0  # no answer from the cluster for this long: the run ends with "cluster unreachable"
CONNECT_TIMEOUT_S = 5.0  # a head that does not accept a TCP connection within this is "unreachable"
LIB = Path(__file__).resolve().parent
# How Ray words a worker killed for memory (its memory monitor: "...killed due to the node running low on memory").
MEMORY_SIGNS = ("low on memory", "out of memory", "outofmemory")

log = logging.getLogger(__name__)


def _float_env(name: str, default: float) -> float:
    try:
        return max(0.0, float(os.environ.get(name, default)))
    except ValueError:
        return default


def _probe(address: str) -> None:
    """Raise ConnectionError fast when ``host:port`` takes no TCP connection (``ray.init`` would retry for minutes)."""
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        return  # "auto", "ray://..." or a bare host: let Ray resolve it
    with socket.create_connection((host, int(port)), timeout=CONNECT_TIMEOUT_S):
        pass


def pack(data: ImageArrays | None) -> dict | None:
    """An ImageArrays as plain numpy arrays (images stay uint8: 1 byte per pixel on the wire and in the object store)."""
    if data is None:
        return None
    return {"images": data.images.numpy(), "labels": data.labels.numpy(), "classes": tuple(data.classes)}


def unpack(packed: dict | None) -> ImageArrays | None:
    """The ImageArrays of :func:`pack` (copied: arrays from Ray's object store are read-only)."""
    if packed is None:
        return None
    return ImageArrays(
        torch.from_numpy(np.array(packed["images"])), torch.from_numpy(np.array(packed["labels"])), packed["classes"]
    )


def state_bytes(model: nn.Module) -> bytes:
    """The model's weights as a checkpoint file's bytes (a bare state dict on the CPU, contiguous)."""
    buffer = io.BytesIO()
    torch.save({name: t.detach().to("cpu").contiguous() for name, t in model.state_dict().items()}, buffer)
    return buffer.getvalue()


def load_weights(model: nn.Module, data: bytes) -> None:
    """Load weights sent by a worker into the page's model, through the app's safe checkpoint reader."""
    state, _ = read_checkpoint(data)
    load_state(model, state)


def worker_stage(stage: Stage, device: str) -> Stage:
    """``stage`` set to train on the worker's ``device``, in its precision if supported there, else the fastest one."""
    config = stage.config
    if config.device != device:
        precision = config.precision if config.precision in supported_precisions(device) else None
        config = replace(config, device=device, precision=precision or fastest_precision(device)[0])
    return replace(stage, config=config)


def failure(error: BaseException) -> LessonError:
    """The learner's message for a run the cluster lost: its worker ran out of memory, died, or the head is gone."""
    text = f"{type(error).__name__} {error}".lower()
    if isinstance(error, ray.exceptions.OutOfMemoryError) or any(sign in text for sign in MEMORY_SIGNS):
        return LessonError("train.error.worker_oom")
    if isinstance(error, RayActorError | ray.exceptions.WorkerCrashedError | ray.exceptions.NodeDiedError):
        return LessonError("train.error.worker_lost")
    return LessonError("train.error.cluster_lost")


class _Recorder:
    """What a worker's run reports, kept as records until the task yields them to the page."""

    def __init__(self, stages: tuple[Stage, ...]) -> None:
        self.stages, self.stage = stages, 0
        self.lock = threading.Lock()
        self.records: list[tuple] = []

    def reporter(self) -> Reporter:
        return Reporter(self.stage_started, self.event, self.stage_ended, lambda place, wait: None)

    def take(self) -> list[tuple]:
        with self.lock:
            records, self.records = self.records, []
        return records

    def _add(self, record: tuple) -> None:
        with self.lock:
            self.records.append(record)

    def stage_started(self, index: int) -> None:
        self.stage = index
        self._add(("stage", index))

    def event(self, event: Event) -> None:
        weights = state_bytes(self.stages[self.stage].model) if isinstance(event, EpochEvent) else None
        self._add(("event", self.stage, event, weights))

    def stage_ended(self, index: int, history: History) -> None:
        self._add(("ended", index, history, state_bytes(self.stages[index].model)))


@ray.remote(num_returns="streaming", max_retries=0)
def train_remotely(
    run: str, stages: list[Stage], train: dict, val: dict | None, threads: int, roster: ray.actor.ActorHandle
) -> Iterator[list[tuple]]:
    """One run on a worker (a task: Ray reuses the warm worker process for the next run).

    Trains in a thread of the worker and yields its records every ``POLL_S`` (an empty list is a heartbeat);
    between yields asks the roster whether the page wants it stopped.
    """
    yield []  # the first item tells the page the run has left the queue
    device = "cuda" if ray.get_gpu_ids() else "cpu"
    recorder = _Recorder(tuple(worker_stage(stage, device) for stage in stages))
    stop, failed = threading.Event(), []

    def body() -> None:
        torch.set_num_threads(max(1, threads))
        try:
            train_stages(recorder.stages, unpack(train), unpack(val), stop, recorder.reporter())
        except Exception as error:  # noqa: BLE001 - re-raised below, in the task, where Ray reports it
            failed.append(error)

    worker = threading.Thread(target=body, name="dlp-training", daemon=True)
    worker.start()
    asked = None
    while worker.is_alive():
        worker.join(POLL_S)
        yield recorder.take()
        if asked is None and not stop.is_set():
            asked = roster.should_stop.remote(run)
        elif asked is not None and ray.wait([asked], timeout=0)[0]:
            if ray.get(asked):
                stop.set()
            asked = None
    yield recorder.take()
    if failed:
        raise failed[0]


class RayExecutor:
    """Runs each job as a :class:`RunActor` on the connected Ray cluster; runs wait there, never "server busy"."""

    def __init__(self, cpus_per_run: float = 1.0, gpus_per_run: float = 0.1) -> None:
        self.cpus_per_run = cpus_per_run
        self.gpus_per_run = gpus_per_run
        self._roster = None

    @classmethod
    def connect(cls, address: str | None) -> RayExecutor:
        """Join the cluster at ``address`` (``host:port`` of its head, or ``auto``), or start a local one for
        ``None``; reuse a connection this process already has. Raises when the cluster cannot be reached.

        ``DLP_RAY_CPUS_PER_RUN`` (default 1) and ``DLP_RAY_GPU_PER_RUN`` (default 0.1, asked only when the
        cluster has GPUs) size each run.
        """
        if address:
            _probe(address)
        if not ray.is_initialized():
            if address:
                runtime = {"py_modules": [str(LIB)]}  # workers on other machines get this app's lib package
                ray.init(address=address, namespace=NAMESPACE, runtime_env=runtime, log_to_driver=False)
            else:
                ray.init(address="local", namespace=NAMESPACE, include_dashboard=False, log_to_driver=False)
        executor = cls(_float_env("DLP_RAY_CPUS_PER_RUN", 1.0), _float_env("DLP_RAY_GPU_PER_RUN", 0.1))
        log.info("training runs on Ray: %s", ray.cluster_resources())
        return executor

    def admit(self, limiter: object) -> None:
        """Nothing to take: the cluster queues what it cannot start yet."""

    def release(self, limiter: object) -> None:
        """Nothing to give back."""

    def roster(self) -> ray.actor.ActorHandle:
        """The cluster's one roster (made by whichever replica asks first)."""
        if self._roster is None:
            self._roster = Roster.options(
                name=ROSTER, namespace=NAMESPACE, lifetime="detached", get_if_exists=True
            ).remote()
        return self._roster

    def resources(self) -> dict[str, float]:
        """What one run asks for: CPUs, and a GPU share when the cluster has GPUs."""
        gpus = self.gpus_per_run if ray.cluster_resources().get("GPU", 0) > 0 else 0.0
        return {"num_cpus": self.cpus_per_run, "num_gpus": gpus}

    def run(
        self,
        stages: tuple[Stage, ...],
        train: ImageArrays,
        val: ImageArrays | None,
        stop: threading.Event,
        report: Reporter,
    ) -> None:
        """Queue the run, train it on a worker, and replay what the worker reports; ends on Stop within seconds."""
        run, finished = uuid.uuid4().hex, False
        try:
            roster = self.roster()
            roster.join.remote(run)  # one caller's calls to an actor run in order: join, place..., start, leave
            report.queued(0, None)
            threads = max(1, round(self.cpus_per_run))
            data = ray.put(pack(train)), ray.put(pack(val))
            items = train_remotely.options(**self.resources()).remote(run, list(stages), *data, threads, roster)
            try:
                if self._wait_for_worker(run, items, roster, stop, report):
                    finished = self._follow(run, items, roster, stages, stop, report)
            finally:
                ray.cancel(items, force=True)  # a no-op once it ended; frees the worker of a run that did not
        except (RayError, ConnectionError) as error:
            log.warning("run %s lost: %s", run, error)
            raise failure(error) from error
        finally:
            with contextlib.suppress(RayError):
                self.roster().leave.remote(run, finished)

    @staticmethod
    def _next(items: ray.ObjectRefGenerator, timeout: float) -> list[tuple] | None:
        """The worker's next batch of records, None if none within ``timeout``; StopIteration at the end."""
        if not ray.wait([items], timeout=timeout)[0]:
            return None
        try:
            return ray.get(next(items), timeout=CLUSTER_TIMEOUT_S)
        except ray.exceptions.RayTaskError as error:  # what the run raised (bad settings, a bug): the page's error
            raise error.cause if isinstance(error.cause, Exception) else error from None

    def _wait_for_worker(
        self, run: str, items: ray.ObjectRefGenerator, roster: object, stop: threading.Event, report: Reporter
    ) -> bool:
        """Until a worker takes the run, report its place and expected wait; False if stopped meanwhile.

        The roster is asked without waiting for it: a slow or lost roster only leaves the place unknown (0).
        """
        asked = None
        while self._next(items, POLL_S) is None:
            if stop.is_set():
                report.event(FinishedEvent("stopped"))
                return False
            if asked is None:
                asked = roster.place.remote(run)
            elif ray.wait([asked], timeout=0)[0]:
                with contextlib.suppress(RayError):
                    place, wait = ray.get(asked)
                    report.queued(place or 0, wait)
                asked = None
        roster.start.remote(run)
        report.queued(None, None)
        return True

    def _follow(
        self,
        run: str,
        items: ray.ObjectRefGenerator,
        roster: object,
        stages: tuple[Stage, ...],
        stop: threading.Event,
        report: Reporter,
    ) -> bool:
        """Replay the worker's records until its run ends; True when it trained to its end."""
        stop_by, status, heard = None, None, time.monotonic()
        while True:
            try:
                records = self._next(items, POLL_S)
            except StopIteration:
                return status == "done"
            if records is not None:
                heard = time.monotonic()
                for record in records:
                    status = self._replay(record, stages, report) or status
            elif time.monotonic() - heard > CLUSTER_TIMEOUT_S:
                raise ConnectionError("the cluster did not answer")
            if stop.is_set() and stop_by is None:
                roster.stop.remote(run)
                stop_by = time.monotonic() + STOP_GRACE_S
            elif stop_by is not None and time.monotonic() > stop_by:
                if status != "stopped":  # it did not end its step in time: the cancel ends it
                    report.event(FinishedEvent("stopped"))
                return False

    @staticmethod
    def _replay(record: tuple, stages: tuple[Stage, ...], report: Reporter) -> str | None:
        """One record of the worker into the page's job; returns the run's status when it ended."""
        kind = record[0]
        if kind == "stage":
            report.stage_started(record[1])
        elif kind == "event":
            index, event, weights = record[1:]
            if weights is not None:  # the page's model as of this epoch, before the job copies it
                load_weights(stages[index].model, weights)
            report.event(event)
            if isinstance(event, FinishedEvent):
                return event.status
        elif kind == "ended":
            load_weights(stages[record[1]].model, record[3])
            stages[record[1]].model.eval()
            report.stage_ended(record[1], record[2])
        return None
