"""The background training job: runs off the script thread, logs bounded metrics, stops, caps concurrency."""

import functools
import threading
import time

import pytest
import torch
from torch import nn

from lib import jobs
from lib.data.arrays import ImageArrays
from lib.errors import LessonError
from lib.jobs import MetricsLog, RunLimiter, TrainingJob
from lib.train import StepEvent, TrainConfig


def tiny_data(n: int = 64) -> ImageArrays:
    gen = torch.Generator().manual_seed(0)
    images = torch.randint(0, 256, (n, 1, 8, 8), dtype=torch.uint8, generator=gen)
    return ImageArrays(images, torch.randint(0, 2, (n,), generator=gen), ("a", "b"))


def tiny_model() -> nn.Module:
    torch.manual_seed(0)
    return nn.Sequential(nn.Flatten(), nn.Linear(64, 2))


def wait_for(predicate, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_job_runs_in_background_and_finishes() -> None:
    job = TrainingJob()
    limiter = RunLimiter(limit=1)
    job.start(tiny_model(), tiny_data(), tiny_data(16), TrainConfig(epochs=2, batch_size=16), limiter=limiter)
    job.join(120)
    snap = job.snapshot()
    assert snap.status == "done"
    assert snap.step == snap.total_steps == 8
    assert [e.epoch for e in snap.epochs] == [1, 2]
    assert "accuracy" in snap.epochs[-1].val
    assert job.history is not None and job.history.status == "done"
    assert job.model_copy() is not None
    limiter.acquire()  # the slot was given back


def test_stop_and_busy_server() -> None:
    limiter = RunLimiter(limit=1)
    first, second = TrainingJob(), TrainingJob()
    first.start(tiny_model(), tiny_data(4096), None, TrainConfig(epochs=50, batch_size=8), limiter=limiter)
    with pytest.raises(LessonError, match="busy"):
        second.start(tiny_model(), tiny_data(), None, TrainConfig(epochs=1), limiter=limiter)
    with pytest.raises(LessonError, match="already"):
        first.start(tiny_model(), tiny_data(), None, TrainConfig(epochs=1), limiter=limiter)
    wait_for(lambda: first.snapshot().step > 0)
    first.stop.set()
    first.join(120)
    assert not first.running
    snap = first.snapshot()
    assert snap.status == "stopped"
    assert snap.step < snap.total_steps
    second.start(tiny_model(), tiny_data(), None, TrainConfig(epochs=1), limiter=limiter)
    second.join(120)
    assert second.snapshot().status == "done"


def test_failure_in_thread_is_recorded() -> None:
    job = TrainingJob()
    bad = nn.Sequential(nn.Flatten(), nn.Linear(3, 2))  # wrong input size: a shape error in the thread
    job.start(bad, tiny_data(), None, TrainConfig(epochs=1), limiter=RunLimiter(limit=1))
    job.join(120)
    snap = job.snapshot()
    assert snap.status == "failed"
    assert snap.error is not None and "RuntimeError" in str(snap.error)


def test_metrics_log_stays_bounded_and_smooths() -> None:
    log = MetricsLog(max_points=50)
    losses = [float(i % 7) for i in range(1, 1001)]
    for step, loss in enumerate(losses, start=1):
        log.add_step(StepEvent(step, 1000, 1, loss, 0.1, 1.0))
    assert len(log.steps) < 50
    assert log.steps[-1].step % log.stride == 0
    ema = losses[0]
    for loss in losses[1:]:
        ema = 0.9 * ema + 0.1 * loss
    assert log.smoothed == pytest.approx(ema)


def test_snapshot_is_safe_to_read_while_training(monkeypatch: pytest.MonkeyPatch) -> None:
    """Snapshots read from another thread during a run (the log thinning itself mid-run) are each consistent."""
    monkeypatch.setattr(jobs, "MetricsLog", functools.partial(MetricsLog, max_points=8))
    job = TrainingJob()
    job.start(tiny_model(), tiny_data(256), None, TrainConfig(epochs=2, batch_size=8), limiter=RunLimiter(limit=1))
    seen = []

    def read() -> None:
        while True:
            seen.append(job.snapshot())
            if seen[-1].status != "running":
                return
            time.sleep(0.001)

    reader = threading.Thread(target=read)
    reader.start()
    reader.join(120)
    job.join(120)
    final = job.snapshot()
    assert final.status == "done" and final.step == final.total_steps == 64
    during = [snap for snap in seen if snap.status == "running" and 0 < snap.step < snap.total_steps]
    assert during, "no snapshot was read while the run was going"
    assert [snap.step for snap in seen] == sorted(snap.step for snap in seen)  # progress never goes back
    for snap in seen:
        points = [point.step for point in snap.steps]
        assert points == sorted(set(points)) and len(points) <= 8
        assert all(step <= snap.step for step in points)
    assert max(len(snap.steps) for snap in during) > 1 and final.steps[-1].step <= 64


def test_stages_run_in_turn_and_tag_their_points() -> None:
    from lib.jobs import Stage

    seen: list[float] = []

    def tune(model: nn.Module, train: ImageArrays, config: TrainConfig, stop: threading.Event) -> TrainConfig:
        seen.append(config.lr)
        return TrainConfig(epochs=1, batch_size=16, lr=0.5)

    stages = [
        Stage("a", tiny_model(), TrainConfig(epochs=2, batch_size=16)),
        Stage("b", tiny_model(), TrainConfig(epochs=1, batch_size=16, lr=0.2), tune=tune),
    ]
    job = TrainingJob()
    job.start_stages(stages, tiny_data(), tiny_data(16), limiter=RunLimiter(limit=1))
    job.join(120)
    snap = job.snapshot()
    assert snap.status == "done" and snap.runs == ("a", "b")
    assert snap.epoch_runs == ("a", "a", "b") and [e.epoch for e in snap.epochs] == [1, 2, 1]
    assert snap.step == snap.total_steps == 4 * 2 + 4  # the second stage continues the step count
    assert [p.run for p in snap.steps] == ["a"] * 8 + ["b"] * 4 and [p.step for p in snap.steps] == list(range(1, 13))
    assert seen == [0.2] and job.histories["b"].config.lr == 0.5  # tune ran before stage b and its config was used
    assert job.histories["a"].status == "done" and job.model is stages[1].model


def test_a_failing_stage_ends_the_job() -> None:
    from lib.jobs import Stage

    bad = nn.Sequential(nn.Flatten(), nn.Linear(3, 2))  # wrong input size: a shape error in the thread
    good = tiny_model()
    before = [p.clone() for p in good.parameters()]
    stages = [Stage("a", bad, TrainConfig(epochs=1)), Stage("b", good, TrainConfig(epochs=1))]
    job = TrainingJob()
    job.start_stages(stages, tiny_data(), None, limiter=RunLimiter(limit=1))
    job.join(120)
    snap = job.snapshot()
    assert snap.status == "failed" and snap.error.key == "train.error.crashed"
    assert job.histories == {} and all(torch.equal(a, b) for a, b in zip(before, good.parameters(), strict=True))
