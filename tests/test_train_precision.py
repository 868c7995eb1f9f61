"""The loss scaler, live: fp16 runs report GradScaler's scale and skipped steps; the lesson's underflow numbers."""

import math

import torch
from torch import nn

from lib.data.arrays import ImageArrays
from lib.jobs import MetricsLog, Snapshot
from lib.train import StepEvent, TrainConfig, fit
from lib.train_precision import (
    FP16_SMALLEST,
    MODES,
    compare_precisions,
    scaled_step,
    underflow_fraction,
)
from lib.training_chart import training_figure


def tiny_data(n: int = 48) -> ImageArrays:
    gen = torch.Generator().manual_seed(0)
    images = torch.randint(0, 256, (n, 1, 8, 8), dtype=torch.uint8, generator=gen)
    return ImageArrays(images, torch.randint(0, 2, (n,), generator=gen), ("a", "b"))


def tiny_model() -> nn.Module:
    torch.manual_seed(0)
    return nn.Sequential(nn.Flatten(), nn.Linear(64, 16), nn.ReLU(), nn.Linear(16, 2))


def test_underflow_fraction_equals_a_direct_fp16_cast() -> None:
    gen = torch.Generator().manual_seed(1)
    grad = torch.randn(4000, generator=gen) * torch.logspace(-10, -2, 4000)  # magnitudes around FP16's limit
    grad[:5] = torch.tensor([FP16_SMALLEST / 2, -FP16_SMALLEST / 2, FP16_SMALLEST * 0.51, 0.0, 1e-30])
    for scale in (1.0, 1024.0, 65536.0):
        scaled = grad * scale
        expected = ((scaled.half() == 0) & (scaled != 0)).sum().item() / (scaled != 0).sum().item()
        assert underflow_fraction(grad, scale) == expected
    assert underflow_fraction(torch.zeros(3)) == 0.0


def test_scale_halves_on_an_injected_inf_and_the_step_is_skipped() -> None:
    model = tiny_model()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scaler = torch.amp.GradScaler("cpu")
    x, labels = torch.randn(8, 1, 8, 8), torch.randint(0, 2, (8,))
    handle = model[1].weight.register_hook(lambda grad: grad * math.inf)
    before = [p.detach().clone() for p in model.parameters()]
    _, scale, skipped = scaled_step(model, optimizer, scaler, x, labels, torch.float16)
    assert (scale, skipped) == (65536.0, True)
    assert scaler.get_scale() == 32768.0
    assert all(torch.equal(p, q) for p, q in zip(model.parameters(), before, strict=True))
    handle.remove()
    _, scale, skipped = scaled_step(model, optimizer, scaler, x, labels, torch.float16)
    assert (scale, skipped) == (32768.0, False)
    assert not all(torch.equal(p, q) for p, q in zip(model.parameters(), before, strict=True))


def test_fp16_steps_carry_the_scale_and_skips_through_the_log_to_the_chart() -> None:
    model = tiny_model()
    calls = []

    def overflow_on_second_step(grad: torch.Tensor) -> torch.Tensor:
        calls.append(1)
        return grad * math.inf if len(calls) == 2 else grad

    model[3].weight.register_hook(overflow_on_second_step)
    events: list[StepEvent] = []
    config = TrainConfig(optimizer="sgd", lr=0.05, batch_size=8, epochs=1, precision="fp16", channels_last=False)
    history = fit(
        model, tiny_data(), None, config, on_event=lambda e: events.append(e) if isinstance(e, StepEvent) else None
    )
    assert history.status == "done"
    assert [e.scale for e in events[:3]] == [65536.0, 65536.0, 32768.0]
    assert [e.skipped for e in events] == [False, True] + [False] * (len(events) - 2)
    log = MetricsLog(max_points=4)
    for event in events:
        log.add_step(event)
    assert [p.step for p in log.skipped] == [2]  # kept even though thinning dropped most steps
    figure = training_figure(Snapshot("done", steps=tuple(log.steps), skipped_steps=tuple(log.skipped)))
    names = [trace.name for trace in figure.data]
    assert "loss scale (GradScaler)" in names
    assert "skipped step (overflow): 1" in names


def test_fp32_steps_carry_no_scale() -> None:
    events: list[StepEvent] = []
    config = TrainConfig(batch_size=16, epochs=1, channels_last=False)
    fit(
        tiny_model(),
        tiny_data(),
        None,
        config,
        on_event=lambda e: events.append(e) if isinstance(e, StepEvent) else None,
    )
    assert events and all(e.scale is None and not e.skipped for e in events)


def test_fp16_without_scaling_loses_gradients_that_the_scaler_and_bf16_keep() -> None:
    lesson = compare_precisions(tiny_model, tiny_data(), tiny_data(16), steps=3, batch_size=16, loss_factor=1e-6)
    assert tuple(lesson.runs) == MODES
    fp32, fp16, scaled, bf16 = (lesson.runs[mode] for mode in MODES)
    assert fp16.mean_zeros() > 0.5 > fp32.mean_zeros()
    assert scaled.mean_zeros() < 0.5 and bf16.mean_zeros() < 0.5
    assert scaled.scales[0] == 65536.0 and not fp16.scales
    # what a plain cast of FP32's gradients loses is computed from the FP32 run's own gradients
    assert all(0.0 <= share <= 1.0 for series in lesson.cast_zeros.values() for share in series)
    assert max(max(series) for series in lesson.cast_zeros.values()) > 0.5
