"""The training engine: it learns, stops, detects divergence, augments like torchvision, runs bf16 on CPU."""

import threading

import pytest
import torch
from torch import nn
from torch.optim.optimizer import register_optimizer_step_pre_hook
from torchvision.transforms import v2

from lib.data.arrays import ImageArrays
from lib.data.shapes import make_shapes
from lib.errors import LessonError
from lib.train import (
    EpochEvent,
    FinishedEvent,
    StepEvent,
    TrainConfig,
    channel_stats,
    crop_flip,
    evaluate,
    fit,
    lr_curve,
    normalize,
)

CLASSES = ("circle", "cross")


def small_cnn(classes: int = 2, channels: int = 3) -> nn.Module:
    torch.manual_seed(0)
    return nn.Sequential(
        nn.Conv2d(channels, 8, 5, padding=2),
        nn.ReLU(),
        nn.MaxPool2d(4),
        nn.Flatten(),
        nn.Linear(8 * 4 * 4, classes),
    )


@pytest.fixture(scope="module")
def shapes() -> tuple[ImageArrays, ImageArrays]:
    return make_shapes(400, seed=1, image_size=16, classes=CLASSES).split(0.25, seed=0)


def test_learning_happens(shapes: tuple[ImageArrays, ImageArrays]) -> None:
    train, val = shapes
    events: list[object] = []
    config = TrainConfig(optimizer="adam", lr=0.01, epochs=6, batch_size=32)
    history = fit(small_cnn(), train, val, config, on_event=events.append)
    assert history.status == "done"
    assert history.epochs[-1].val["accuracy"] > 0.75  # chance is 1/2
    assert history.epochs[-1].train["loss"] < history.epochs[0].train["loss"]
    steps = [e for e in events if isinstance(e, StepEvent)]
    assert [e.step for e in steps] == list(range(1, 6 * 10 + 1))
    assert sum(isinstance(e, EpochEvent) for e in events) == 6
    assert events[-1] == FinishedEvent("done")


def test_val_metrics_equal_plain_pytorch(shapes: tuple[ImageArrays, ImageArrays]) -> None:
    train, val = shapes
    model = small_cnn().eval()
    mean, std = channel_stats(train.images)
    metrics = evaluate(model, val, TrainConfig(channels_last=False), mean=mean, std=std)
    x = (val.images.float() / 255 - torch.tensor(mean)[:, None, None]) / torch.tensor(std)[:, None, None]
    with torch.no_grad():
        logits = model(x)
    assert metrics["loss"] == pytest.approx(nn.functional.cross_entropy(logits, val.labels).item(), rel=1e-5)
    assert metrics["accuracy"] == pytest.approx((logits.argmax(1) == val.labels).float().mean().item())


def test_channel_stats_match_torch() -> None:
    images = torch.randint(0, 256, (10, 3, 5, 5), dtype=torch.uint8)
    mean, std = channel_stats(images)
    x = images.double() / 255
    assert mean == pytest.approx(x.mean((0, 2, 3)).tolist())
    assert std == pytest.approx(x.std((0, 2, 3)).tolist())
    out = normalize(images, torch.tensor(mean), torch.tensor(std), channels_last=True)
    assert out.is_contiguous(memory_format=torch.channels_last)
    torch.testing.assert_close(out, v2.Normalize(mean, std)(images.float() / 255))


def test_crop_flip_matches_torchvision_per_image() -> None:
    gen = torch.Generator().manual_seed(0)
    images = torch.randint(0, 256, (6, 3, 7, 9), dtype=torch.uint8, generator=gen)
    dy = torch.tensor([0, 1, 4, 2, 3, 0])
    dx = torch.tensor([4, 0, 1, 2, 3, 0])
    flipped = torch.tensor([True, False, True, False, True, True])
    out = crop_flip(images, 2, dy, dx, flipped)
    for i in range(6):
        padded = v2.functional.pad(images[i], [2, 2, 2, 2])
        expected = v2.functional.crop(padded, int(dy[i]), int(dx[i]), 7, 9)
        if flipped[i]:
            expected = v2.functional.horizontal_flip(expected)
        torch.testing.assert_close(out[i], expected)


def test_stop_mid_epoch(shapes: tuple[ImageArrays, ImageArrays], monkeypatch: pytest.MonkeyPatch) -> None:
    # Report every step (not every 0.25 s), so on a fast machine the flag is not first seen at the epoch's end.
    monkeypatch.setattr("lib.train.FLUSH_SECONDS", 0.0)
    train, _ = shapes
    stop = threading.Event()

    def on_event(event: object) -> None:
        if isinstance(event, StepEvent) and event.step == 3:
            stop.set()

    history = fit(small_cnn(), train, None, TrainConfig(epochs=3, batch_size=8), on_event=on_event, stop=stop)
    assert history.status == "stopped"
    assert history.epochs == []
    # steps are reported in flushes, but no step runs after the flag: at most one flush window past step 3
    assert 3 <= len(history.steps) < 45


def test_nan_loss_stops_with_step_and_advice(shapes: tuple[ImageArrays, ImageArrays]) -> None:
    train, _ = shapes
    events: list[object] = []
    config = TrainConfig(lr=1e12, epochs=2, batch_size=16, momentum=0.0)
    history = fit(small_cnn(), train, None, config, on_event=events.append)
    assert history.status == "failed"
    assert history.error is not None and history.error.key == "train.error.nan"
    step = history.error.params["step"]
    assert step == len(history.steps) + 1
    assert "lower learning rate" in str(history.error)
    assert events[-1] == FinishedEvent("failed", history.error)


def test_bf16_autocast_on_cpu(shapes: tuple[ImageArrays, ImageArrays]) -> None:
    train, val = shapes
    seen: list[torch.dtype] = []
    model = small_cnn()
    model[0].register_forward_hook(lambda module, args, out: seen.append(out.dtype))
    history = fit(model, train, val, TrainConfig(precision="bf16", epochs=1, batch_size=64))
    assert history.status == "done"
    assert torch.bfloat16 in seen
    assert model[0].weight.dtype == torch.float32  # master weights stay fp32


def test_schedules_and_bad_settings() -> None:
    cosine = lr_curve(TrainConfig(lr=0.1, epochs=2, schedule="cosine"), steps_per_epoch=5)
    assert cosine[0] == pytest.approx(0.1) and cosine[-1] < 0.01
    step = lr_curve(TrainConfig(lr=0.1, epochs=4, schedule="step", step_epochs=2, step_gamma=0.5), steps_per_epoch=2)
    assert step == pytest.approx([0.1] * 4 + [0.05] * 4)
    onecycle = lr_curve(TrainConfig(lr=0.1, epochs=2, schedule="onecycle"), steps_per_epoch=10)
    assert max(onecycle) == pytest.approx(0.1) and onecycle[0] < 0.01
    data = ImageArrays(torch.zeros(4, 1, 4, 4, dtype=torch.uint8), torch.zeros(4, dtype=torch.long), ("a",))
    with pytest.raises(LessonError, match="learning rate"):
        fit(nn.Flatten(), data, None, TrainConfig(lr=0))
    with pytest.raises(LessonError, match="optimizer"):
        fit(nn.Flatten(), data, None, TrainConfig(optimizer="lion"))


def test_gradient_clipping_and_optimizers(
    shapes: tuple[ImageArrays, ImageArrays], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every optimizer steps with clipped gradients: norm ≤ max_norm and equal to clip_grad_norm_'s result."""
    train, _ = shapes
    small = train.subset(torch.arange(64))
    max_norm = 0.05  # small enough that every step of a fresh model is clipped
    reference = torch.nn.utils.clip_grad_norm_
    before: list[list[torch.Tensor]] = []  # gradients handed to clipping
    stepped: list[list[torch.Tensor]] = []  # gradients the optimizer stepped with

    def recording_clip(parameters, *args, **kwargs):
        parameters = list(parameters)
        before.append([p.grad.clone() for p in parameters])
        return reference(parameters, *args, **kwargs)

    def record_step(optimizer, args, kwargs) -> None:
        stepped.append([p.grad.clone() for group in optimizer.param_groups for p in group["params"]])

    monkeypatch.setattr(torch.nn.utils, "clip_grad_norm_", recording_clip)
    handle = register_optimizer_step_pre_hook(record_step)
    try:
        for name in ("sgd", "adam", "adamw"):
            before.clear(), stepped.clear()
            config = TrainConfig(
                optimizer=name, nesterov=name == "sgd", epochs=1, batch_size=16, grad_clip=max_norm, crop_padding=2
            )
            assert fit(small_cnn(), small, None, config).status == "done"
            assert len(before) == len(stepped) == 4
            for raw, used in zip(before, stepped, strict=True):
                assert torch.linalg.vector_norm(torch.stack([g.norm() for g in raw])) > max_norm  # clipping had work
                expected = [nn.Parameter(torch.zeros_like(g)) for g in raw]
                for parameter, g in zip(expected, raw, strict=True):
                    parameter.grad = g.clone()
                reference(expected, max_norm)
                assert all(torch.allclose(p.grad, g) for p, g in zip(expected, used, strict=True))
                assert torch.linalg.vector_norm(torch.stack([g.norm() for g in used])) <= max_norm * (1 + 1e-5)
    finally:
        handle.remove()


@pytest.mark.parametrize("schedule", ["constant", "cosine", "onecycle"])
def test_parameter_groups_keep_their_lr_ratio(
    shapes: tuple[ImageArrays, ImageArrays], schedule: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    train, _ = shapes
    model = small_cnn()
    body, head = list(model[0].parameters()), list(model[4].parameters())
    seen: list[list[float]] = []
    config = TrainConfig(lr=0.01, epochs=2, batch_size=100, schedule=schedule)

    class Recording(torch.optim.SGD):
        """SGD that notes every group's LR at each step."""

        def step(self, closure=None):
            seen.append([group["lr"] for group in self.param_groups])
            return super().step(closure)

    groups = [{"params": body, "lr": 0.01}, {"params": head, "lr": 0.1}]
    monkeypatch.setattr(torch.optim, "SGD", Recording)
    history = fit(model, train, None, config, groups=groups)
    assert history.status == "done" and len(seen) == 6
    assert all(head_lr == pytest.approx(10 * body_lr) for body_lr, head_lr in seen)
    assert history.steps[0].lr == pytest.approx(seen[0][0])  # the chart shows the first group's LR


def test_a_last_batch_of_one_is_skipped_so_batchnorm_trains() -> None:
    from lib.train import batch_starts

    assert batch_starts(33, 32) == [0] and batch_starts(34, 32) == [0, 32] and batch_starts(1, 32) == [0]
    data = make_shapes(33, seed=2, image_size=16, classes=CLASSES)
    torch.manual_seed(0)
    model = nn.Sequential(nn.Flatten(), nn.Linear(3 * 16 * 16, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 2))
    history = fit(model, data, None, TrainConfig(epochs=2, batch_size=32))
    assert history.status == "done" and len(history.steps) == 2


def test_the_default_run_learns_on_a_small_set() -> None:
    """The Train page's default model and settings (seeded, fp32) learn three Shapes classes in seconds.

    Only the batch is smaller, so that 720 images still give the default one-cycle schedule 138 steps.
    """
    import dataclasses

    from lib.models import build_model
    from lib.train import DEFAULT_RUN

    data = make_shapes(900, seed=3, image_size=16, classes=("circle", "cross", "triangle"))
    train, val = data.split(DEFAULT_RUN.val_share, seed=0)
    torch.manual_seed(0)
    model = build_model(DEFAULT_RUN.model, 3, 3, 16)
    history = fit(model, train, val, dataclasses.replace(DEFAULT_RUN.config, batch_size=32))
    assert history.status == "done" and len(history.epochs) == DEFAULT_RUN.config.epochs
    assert history.epochs[-1].val["accuracy"] >= 0.6  # chance is 1/3; this seeded run gets 0.70
    assert history.epochs[-1].train["loss"] < 0.8 * history.epochs[0].train["loss"]


def test_shipped_model_flags_natural_image_statistics_but_not_its_own_validation_images() -> None:
    """Smooth, photo-like inputs (low-pass noise, gradients) are unlike the Shapes a shipped model knows."""
    from lib.train import domain_check
    from lib.train import normalize as to_input
    from lib.weights import load_shipped

    model, meta = load_shipped("cifar10_quick_relu_shapes.pt")
    val = make_shapes(1000, seed=1, image_size=32)  # the validation set recorded in weights/manifest.json
    check = domain_check(model, val, meta["mean"], meta["std"])
    assert check.kind == "energy" and check.keep == 0.95
    fresh = make_shapes(300, seed=7, image_size=32)  # more images of its own domain, never seen in calibration
    with torch.inference_mode():
        own = check.unlike_training(model(to_input(fresh.images, meta["mean"], meta["std"])))
    assert own.float().mean() <= 0.1
    generator = torch.Generator().manual_seed(0)
    low_pass = torch.nn.functional.interpolate(torch.rand(40, 3, 4, 4, generator=generator), size=32, mode="bicubic")
    ramp = torch.linspace(0, 1, 32)
    colors = torch.rand(40, 3, 2, generator=generator)
    gradients = colors[..., :1, None] + (colors[..., 1:, None] - colors[..., :1, None]) * ramp[None, None, None, :]
    photos = (torch.cat([low_pass, gradients.expand(-1, -1, 32, -1)]).clamp(0, 1) * 255).round().to(torch.uint8)
    with torch.inference_mode():
        flagged = check.unlike_training(model(to_input(photos, meta["mean"], meta["std"])))
    assert flagged.float().mean() >= 0.9
