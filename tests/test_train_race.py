"""The device and precision race: one row per combination here, CUDA rows only with CUDA, honest accuracies."""

import copy

import torch
from torch import nn

from lib import device as device_module
from lib.data.arrays import ImageArrays
from lib.jobs import RunLimiter
from lib.train import TrainConfig, fit
from lib.train_race import RaceJob, race, race_plan, short_run_accuracy


def tiny_data(n: int = 64) -> ImageArrays:
    gen = torch.Generator().manual_seed(0)
    images = torch.randint(0, 256, (n, 1, 8, 8), dtype=torch.uint8, generator=gen)
    return ImageArrays(images, torch.randint(0, 2, (n,), generator=gen), ("a", "b"))


def tiny_model() -> nn.Module:
    torch.manual_seed(0)
    return nn.Sequential(nn.Flatten(), nn.Linear(64, 16), nn.ReLU(), nn.Linear(16, 2))


CONFIG = TrainConfig(optimizer="sgd", lr=0.05, batch_size=16, epochs=1, channels_last=False)


def test_plan_has_cuda_rows_only_when_cuda_exists(monkeypatch) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: False)
    assert race_plan() == [("cpu", "fp32"), ("cpu", "fp16"), ("cpu", "bf16")]
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 1)
    monkeypatch.setattr(torch.cuda, "get_device_capability", lambda device=None: (8, 0))
    assert race_plan()[3:] == [("cuda:0", p) for p in ("fp32", "tf32", "fp16", "bf16")]
    monkeypatch.setattr(torch.cuda, "get_device_capability", lambda device=None: (7, 5))
    assert race_plan()[3:] == [("cuda:0", "fp32"), ("cuda:0", "fp16")]
    assert device_module.available_devices() == ["cpu", "cuda:0"]


def test_race_returns_one_timed_row_per_combination() -> None:
    data = tiny_data()
    rows = race(tiny_model(), data, tiny_data(32), CONFIG, steps=2)
    assert [(row.device, row.precision) for row in rows] == race_plan()
    for row in rows:
        assert row.status == "done"
        assert row.ms_per_step > 0 and row.images_per_s > 0
        assert 0.0 <= row.accuracy <= 1.0
        assert row.memory in ("rss", "")  # the process's resident memory on a CPU (Linux)


def test_short_run_accuracy_is_lib_train_with_that_precision() -> None:
    train, val = tiny_data(), tiny_data(32)
    model = tiny_model()
    for precision in ("fp32", "bf16"):
        config = TrainConfig(
            optimizer="sgd", lr=0.05, batch_size=16, epochs=3, precision=precision, channels_last=False
        )
        raced = short_run_accuracy(copy.deepcopy(model), train, val, config, steps=3)
        direct = fit(
            copy.deepcopy(model),
            train.subset(torch.arange(48)),
            val,
            TrainConfig(optimizer="sgd", lr=0.05, batch_size=16, epochs=1, precision=precision, channels_last=False),
        )
        assert raced == direct.final_metrics()["val_accuracy"]


def test_race_job_holds_a_run_slot_and_reports_rows() -> None:
    limiter = RunLimiter(limit=1)
    job = RaceJob()
    job.start(("k",), tiny_model(), tiny_data(), tiny_data(32), CONFIG, steps=1, limiter=limiter)
    job.join(120)
    status, key, rows, total = job.snapshot()
    assert (status, key, len(rows), total) == ("done", ("k",), len(race_plan()), len(race_plan()))
    limiter.acquire()  # the slot came back
    limiter.release()
