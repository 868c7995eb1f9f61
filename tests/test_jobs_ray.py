"""Training runs on Ray (``lib.jobs_ray``): the same events and weights as the thread executor, Stop, a closed
tab, a worker killed mid-run, and a cluster that cannot be reached when the app starts.

The cluster tests start a local Ray (2 CPUs, no dashboard, a 200 MB object store) once for the module; they are
marked ``ray`` and ``slow`` (CI runs them with ``pytest -m slow``).
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
import socket
import sys
import threading
import time
from pathlib import Path

import pytest
import torch
from torch import nn

from lib.data.arrays import ImageArrays
from lib.errors import LessonError
from lib.jobs import RunLimiter, ThreadExecutor, TrainingJob, executor_from_env
from lib.jobs_roster import expected_wait
from lib.train import EpochEvent, StepEvent, TrainConfig

ray = pytest.importorskip("ray")
jobs_ray = pytest.importorskip("lib.jobs_ray")

CLUSTER_CPUS = 2
OBJECT_STORE_BYTES = 200 * 2**20


def tiny_data(n: int = 64, seed: int = 0) -> ImageArrays:
    gen = torch.Generator().manual_seed(seed)
    images = torch.randint(0, 256, (n, 1, 8, 8), dtype=torch.uint8, generator=gen)
    return ImageArrays(images, torch.randint(0, 2, (n,), generator=gen), ("a", "b"))


def tiny_model(seed: int = 0) -> nn.Module:
    torch.manual_seed(seed)
    return nn.Sequential(nn.Flatten(), nn.Linear(64, 2))


class PidNet(nn.Module):
    """A tiny classifier that writes the id of the process it trains in to ``path`` (so a test can kill it)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = str(path)
        self.net = tiny_model()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not os.path.exists(self.path):
            Path(self.path).write_text(str(os.getpid()))
        return self.net(x)


def wait_for(predicate, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- without a cluster: fast ------------------------------------------------------------------------------------


def test_threads_are_the_default_and_an_unreachable_cluster_falls_back_to_them(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv("DLP_RAY_ADDRESS", raising=False)
    monkeypatch.delenv("DLP_JOBS", raising=False)
    assert isinstance(executor_from_env(), ThreadExecutor)
    monkeypatch.setenv("DLP_RAY_ADDRESS", f"127.0.0.1:{free_port()}")  # nothing listens there
    with caplog.at_level(logging.WARNING, logger="lib.jobs"):
        executor = executor_from_env()
    assert isinstance(executor, ThreadExecutor)
    assert [r.getMessage() for r in caplog.records if "Ray is not available" in r.getMessage()] != []
    job = TrainingJob(executor)  # and the app still trains
    job.start(tiny_model(), tiny_data(), None, TrainConfig(epochs=1, batch_size=16), limiter=RunLimiter(limit=1))
    job.join(60)
    assert job.snapshot().status == "done"


def test_without_ray_installed_runs_use_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DLP_JOBS", "ray")
    monkeypatch.delenv("DLP_RAY_ADDRESS", raising=False)
    monkeypatch.setitem(sys.modules, "lib.jobs_ray", None)  # import lib.jobs_ray raises ImportError
    assert isinstance(executor_from_env(), ThreadExecutor)


def test_data_travels_as_uint8_arrays_and_comes_back_equal() -> None:
    data = tiny_data(16)
    packed = jobs_ray.pack(data)
    assert packed["images"].dtype.name == "uint8" and packed["images"].nbytes == 16 * 64
    packed["images"].setflags(write=False)  # as Ray's object store hands it out
    back = jobs_ray.unpack(packed)
    assert torch.equal(back.images, data.images) and torch.equal(back.labels, data.labels)
    assert back.classes == data.classes


def test_weights_come_back_through_the_checkpoint_reader() -> None:
    trained, page = tiny_model(1), tiny_model(2)
    jobs_ray.load_weights(page, jobs_ray.state_bytes(trained))
    for name, tensor in trained.state_dict().items():
        assert torch.equal(page.state_dict()[name], tensor)
    with pytest.raises(LessonError, match="do not fit"):
        jobs_ray.load_weights(nn.Linear(3, 2), jobs_ray.state_bytes(trained))


def test_a_worker_without_the_pages_device_trains_on_its_own() -> None:
    stage = jobs_ray.Stage("", tiny_model(), TrainConfig(device="cuda", precision="fp16"))
    moved = jobs_ray.worker_stage(stage, "cpu")
    assert moved.config.device == "cpu" and moved.config.precision in ("fp32", "bf16")
    assert moved.model is stage.model
    same = jobs_ray.worker_stage(jobs_ray.Stage("", tiny_model(), TrainConfig(precision="bf16")), "cpu")
    assert same.config.precision == "bf16"


def test_lost_runs_get_the_learners_message() -> None:
    assert jobs_ray.failure(ray.exceptions.OutOfMemoryError("task killed")).key == "train.error.worker_oom"
    assert jobs_ray.failure(ray.exceptions.ActorDiedError()).key == "train.error.worker_lost"
    memory = ray.exceptions.RayActorError(error_msg="Task was killed due to the node running low on memory.")
    assert jobs_ray.failure(memory).key == "train.error.worker_oom"
    assert jobs_ray.failure(ConnectionError("the cluster did not answer")).key == "train.error.cluster_lost"


class _Roster:
    """The roster's ``stop.remote`` as the page's side calls it."""

    def __init__(self) -> None:
        self.stopped: list[str] = []
        self.stop = type("Remote", (), {"remote": lambda _, run: self.stopped.append(run)})()


@pytest.mark.timeout(30)
def test_a_cluster_that_goes_silent_mid_run_ends_it_as_lost(monkeypatch: pytest.MonkeyPatch) -> None:
    """No record and no heartbeat for CLUSTER_TIMEOUT_S (the head is gone): the run ends with "cluster lost"."""
    monkeypatch.setattr(jobs_ray, "CLUSTER_TIMEOUT_S", 0.3)
    monkeypatch.setattr(jobs_ray.RayExecutor, "_next", staticmethod(lambda items, timeout: time.sleep(0.05)))
    began = time.monotonic()
    with pytest.raises(ConnectionError) as silent:
        jobs_ray.RayExecutor()._follow("run", None, _Roster(), (), threading.Event(), None)  # type: ignore[arg-type]
    assert 0.3 <= time.monotonic() - began < 5
    assert jobs_ray.failure(silent.value).key == "train.error.cluster_lost"


def test_heartbeats_keep_a_long_quiet_run_alive(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker that only sends heartbeats (an empty list every poll) for longer than the timeout is not lost."""
    monkeypatch.setattr(jobs_ray, "CLUSTER_TIMEOUT_S", 0.2)
    beats = iter([[]] * 12)

    def next_records(items: object, timeout: float) -> list:
        time.sleep(0.05)
        return next(beats)  # StopIteration after the last: the worker's generator ended

    monkeypatch.setattr(jobs_ray.RayExecutor, "_next", staticmethod(next_records))
    began = time.monotonic()
    trained = jobs_ray.RayExecutor()._follow("run", None, _Roster(), (), threading.Event(), None)  # type: ignore[arg-type]
    assert time.monotonic() - began > 0.2 * 2 and trained is False  # it ended without a "done": not trained through


def test_expected_wait_fills_the_first_free_worker() -> None:
    now = 100.0
    assert expected_wait(0, [90.0], [], now) is None  # no run finished yet: nothing to go by
    # two workers busy since 90 and 95, runs take 20 s: they free up at 110 and 115
    assert expected_wait(0, [90.0, 95.0], [20.0], now) == 10.0
    assert expected_wait(1, [90.0, 95.0], [20.0], now) == 15.0
    assert expected_wait(2, [90.0, 95.0], [20.0], now) == 30.0  # after the first's next run
    assert expected_wait(3, [], [10.0, 30.0, 20.0], now) == 60.0  # median 20 s, one slot
    assert expected_wait(0, [50.0], [20.0], now) == 0.0  # overdue: any moment now


# --- on a local cluster -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cluster() -> jobs_ray.RayExecutor:
    """A local Ray for this module, and an executor that asks one CPU per run (so two train, the rest wait)."""
    ray.init(
        address="local",  # a new one, even where another test left a cluster address behind
        num_cpus=CLUSTER_CPUS,
        include_dashboard=False,
        object_store_memory=OBJECT_STORE_BYTES,
        namespace=jobs_ray.NAMESPACE,
        log_to_driver=False,
    )
    try:
        yield jobs_ray.RayExecutor(cpus_per_run=1, gpus_per_run=0.1)  # no GPU here: the share is not asked
    finally:
        ray.shutdown()


def cpus_free() -> float:
    return ray.available_resources().get("CPU", 0.0)


def comparable(job: TrainingJob, close=lambda value: value) -> tuple:
    """What the page draws and keeps, without wall-clock measurements; ``close`` wraps the computed numbers."""
    snap = job.snapshot()
    history = job.history
    return (
        snap.status,
        snap.step,
        snap.total_steps,
        [(p.step, p.lr, close(p.loss), close(p.smoothed)) for p in snap.steps],
        [(e.epoch, e.epochs, close(e.train), close(e.val)) for e in snap.epochs],
        [(s.step, s.total_steps, s.epoch, s.lr, close(s.loss)) for s in history.steps],
        (history.status, history.mean, history.std),
    )


@pytest.mark.ray
@pytest.mark.slow
def test_four_runs_give_the_events_and_weights_of_the_thread_executor(cluster: jobs_ray.RayExecutor) -> None:
    configs = [TrainConfig(epochs=2, batch_size=16, lr=lr, seed=i) for i, lr in enumerate((0.01, 0.03, 0.1, 0.3))]
    reference = []
    for i, config in enumerate(configs):
        job = TrainingJob(ThreadExecutor())
        job.start(tiny_model(i), tiny_data(seed=i), tiny_data(16, seed=9), config, limiter=RunLimiter(limit=1))
        job.join(60)
        reference.append(job)
    seen: list[tuple] = []
    jobs = [TrainingJob(cluster) for _ in configs]
    models = [tiny_model(i) for i in range(len(configs))]
    for i, (job, config) in enumerate(zip(jobs, configs, strict=True)):
        job.start(models[i], tiny_data(seed=i), tiny_data(16, seed=9), config, limiter=RunLimiter(limit=1))
    places = set()
    deadline = time.monotonic() + 120
    while any(job.running for job in jobs):
        assert time.monotonic() < deadline, "the runs did not finish"
        places.update(job.snapshot().queue_place for job in jobs)
        time.sleep(0.05)
    for job, ref, model in zip(jobs, reference, models, strict=True):
        assert comparable(job) == comparable(ref, lambda value: pytest.approx(value, rel=1e-4))
        assert job.snapshot().status == "done" and job.snapshot().queue_place is None
        seen.append(tuple(type(s) for s in job.history.steps[:1]) + tuple(type(e) for e in job.history.epochs[:1]))
        for name, tensor in ref.model.state_dict().items():  # the page's own model holds the trained weights
            assert torch.allclose(model.state_dict()[name], tensor, rtol=1e-4, atol=1e-6)
        assert job.model is model and not model.training
    assert seen == [(StepEvent, EpochEvent)] * 4  # the engine's own event objects
    assert places & {1, 2}, "two of the four runs waited for a CPU and were told their place"
    wait_for(lambda: cpus_free() == CLUSTER_CPUS)


@pytest.mark.ray
@pytest.mark.slow
def test_stop_and_a_closed_tab_end_the_run_within_seconds_also_while_it_waits(cluster: jobs_ray.RayExecutor) -> None:
    from ui.live import session_job  # the hook Streamlit calls when a session ends

    long = TrainConfig(epochs=200, batch_size=8)
    stopped, closed, waiting = TrainingJob(cluster), TrainingJob(cluster), TrainingJob(cluster)
    stopped.start(tiny_model(), tiny_data(2048), None, long, limiter=RunLimiter(limit=1))
    closed.start(tiny_model(), tiny_data(2048), None, long, limiter=RunLimiter(limit=1))
    wait_for(lambda: stopped.snapshot().step > 0 and closed.snapshot().step > 0)  # both CPUs taken
    waiting.start(tiny_model(), tiny_data(), None, TrainConfig(epochs=1), limiter=RunLimiter(limit=1))
    wait_for(lambda: waiting.snapshot().queue_place == 1)
    waiting.stop.set()
    waiting.join(30)
    assert waiting.snapshot().status == "stopped" and waiting.snapshot().step == 0
    stopped.stop.set()  # the Stop button
    session_job._info.on_release(closed)  # what Streamlit does with a closed tab's session
    began = time.monotonic()
    stopped.join(30)
    closed.join(30)
    assert time.monotonic() - began < jobs_ray.STOP_GRACE_S + 10
    for job in (stopped, closed):
        snap = job.snapshot()
        assert snap.status == "stopped" and 0 < snap.step < snap.total_steps
        assert not job.running
    wait_for(lambda: cpus_free() == CLUSTER_CPUS, timeout=30)  # both workers were given back


@pytest.mark.ray
@pytest.mark.slow
def test_a_worker_killed_mid_run_ends_that_run_with_a_message_and_others_go_on(
    cluster: jobs_ray.RayExecutor, tmp_path: Path
) -> None:
    pid_file = tmp_path / "pid"
    victim, other = TrainingJob(cluster), TrainingJob(cluster)
    victim.start(
        PidNet(pid_file), tiny_data(2048), None, TrainConfig(epochs=200, batch_size=8), limiter=RunLimiter(limit=1)
    )
    other.start(
        tiny_model(), tiny_data(), tiny_data(16), TrainConfig(epochs=3, batch_size=8), limiter=RunLimiter(limit=1)
    )
    wait_for(lambda: pid_file.exists() and pid_file.read_text() and victim.snapshot().step > 0)
    os.kill(int(pid_file.read_text()), signal.SIGKILL)
    victim.join(60)
    snap = victim.snapshot()
    assert snap.status == "failed" and snap.error is not None
    assert snap.error.key == "train.error.worker_lost"
    other.join(60)
    assert other.snapshot().status == "done" and len(other.snapshot().epochs) == 3
    again = TrainingJob(cluster)  # the learner presses Start again, with the same settings
    again.start(tiny_model(), tiny_data(), None, TrainConfig(epochs=1, batch_size=16), limiter=RunLimiter(limit=1))
    again.join(60)
    assert again.snapshot().status == "done"
    wait_for(lambda: cpus_free() == CLUSTER_CPUS, timeout=30)


def test_a_learners_error_crosses_processes_whole() -> None:
    error = LessonError("train.error.nan", step=3, loss=float("inf"), lr=0.5, lower=0.05)
    back = pickle.loads(pickle.dumps(error))
    assert (back.key, back.params, back.localized("zh")) == (error.key, error.params, error.localized("zh"))
