"""The model zoo: shapes on default and other inputs, torchvision parity, correct residuals, clear errors."""

from __future__ import annotations

from contextlib import nullcontext

import pytest
import torch
from torch import nn
from torchvision import models as tvm

from lib.errors import LessonError
from lib.models import MODELS, TRAINABLE, build_model
from lib.models.darknet import DarkResidual
from lib.models.small_resnet import ResidualBlock

BIG = ["resnet18", "alexnet", "vgg11", "nin", "resnet50", "darknet53"]
SMALL = [name for name in TRAINABLE if name not in BIG]  # the Train page's CPU-sized models


def n_params(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


def test_registry_covers_every_model() -> None:
    assert sorted(MODELS) == sorted(SMALL + BIG)


@pytest.mark.parametrize("name", SMALL)
def test_small_models_forward_on_default_input(name: str) -> None:
    torch.manual_seed(0)
    c, h, w = MODELS[name].default_input
    model = build_model(name, num_classes=7, in_channels=c, image_size=h)
    assert model(torch.randn(2, c, h, w)).shape == (2, 7)


@pytest.mark.parametrize("name", BIG)
def test_big_models_forward_on_default_input(name: str) -> None:
    """Shapes on the meta device: same shape logic as a real forward, without 100M random weights."""
    c, h, w = MODELS[name].default_input
    with torch.device("meta"):
        model = build_model(name, num_classes=5, in_channels=c, image_size=h)
        assert model(torch.empty(1, c, h, w)).shape == (1, 5)


def test_resnet18_real_forward_at_224() -> None:
    torch.manual_seed(0)
    model = build_model("resnet18", num_classes=3, image_size=224).eval()
    with torch.no_grad():
        out = model(torch.randn(1, 3, 224, 224))
    assert out.shape == (1, 3) and torch.isfinite(out).all()


@pytest.mark.parametrize("name", list(MODELS))
def test_spec_matches_the_built_model(name: str) -> None:
    spec = MODELS[name]
    c, h, _ = spec.default_input
    with torch.device("meta"):
        model = build_model(name, num_classes=4, in_channels=c, image_size=h)
    assert tuple(n for n, _ in model.named_children()) == spec.stages
    if spec.head:
        head = model.get_submodule(spec.head)
        assert isinstance(head, nn.Linear) and head.out_features == 4
    assert spec.kind == "classifier"
    assert spec.description_key == f"models.{name}.desc"


@pytest.mark.parametrize(
    ("name", "reference"),
    [("resnet18", tvm.resnet18), ("resnet50", tvm.resnet50), ("alexnet", tvm.alexnet), ("vgg11", tvm.vgg11)],
)
@pytest.mark.parametrize("num_classes", [10, 1000])
def test_param_counts_equal_torchvision(name: str, reference, num_classes: int) -> None:
    with torch.device("meta"):
        ours = build_model(name, num_classes=num_classes, image_size=224)
        theirs = reference(weights=None, num_classes=num_classes)
    assert n_params(ours) == n_params(theirs)
    assert [type(m) for m in ours.modules()] == [type(m) for m in theirs.modules()]


def test_resnet18_small_input_stem() -> None:
    with torch.device("meta"):
        small = build_model("resnet18", image_size=32)
        large = build_model("resnet18", image_size=64)
    assert small.conv1.kernel_size == (3, 3) and small.conv1.stride == (1, 1)
    assert isinstance(small.maxpool, nn.Identity)
    assert large.conv1.kernel_size == (7, 7) and isinstance(large.maxpool, nn.MaxPool2d)


def test_cifar10_quick_is_the_notes_model() -> None:
    model = build_model("cifar10_quick")
    convs = [m for m in model if isinstance(m, nn.Conv2d)]
    assert [(m.in_channels, m.out_channels, m.kernel_size, m.padding) for m in convs] == [
        (3, 32, (5, 5), (2, 2)),
        (32, 32, (5, 5), (2, 2)),
        (32, 64, (5, 5), (2, 2)),
    ]
    assert sum(isinstance(m, nn.MaxPool2d) for m in model) == 3
    assert model.fc.in_features == 1024 and model.fc.out_features == 10
    assert not any(isinstance(m, (nn.ReLU, nn.Sigmoid, nn.LeakyReLU)) for m in model.modules())
    assert n_params(model) == n_params(build_model("cifar10_quick_relu"))


def test_cifar10_quick_without_activation_is_linear_between_pools() -> None:
    """With zero biases and no activation, conv/max-pool/linear commute with positive scaling: f(3x) = 3 f(x)."""
    torch.manual_seed(0)
    model = build_model("cifar10_quick")
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.zeros_(m.bias)
    x = torch.randn(2, 3, 32, 32)
    torch.testing.assert_close(model(3 * x), 3 * model(x), rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize(
    ("name", "in_channels", "size", "flat"),
    [
        ("cifar10_quick", 3, 32, 1024),
        ("cifar10_quick", 1, 28, 64 * 3 * 3),
        ("cifar10_quick_bn", 3, 64, 64 * 8 * 8),
        ("lenet", 1, 28, 16 * 5 * 5),
        ("lenet", 3, 32, 16 * 6 * 6),
        ("lenet_bn", 1, 28, 16 * 4 * 4),
        ("lenet_bn", 3, 64, 16 * 13 * 13),
        ("mlp", 1, 28, 784),
        ("mlp", 3, 32, 3072),
    ],
)
def test_flatten_size_generalises(name: str, in_channels: int, size: int, flat: int) -> None:
    torch.manual_seed(0)
    model = build_model(name, num_classes=10, in_channels=in_channels, image_size=size)
    first_linear = next(m for m in model.modules() if isinstance(m, nn.Linear))
    assert first_linear.in_features == flat
    assert model(torch.randn(2, in_channels, size, size)).shape == (2, 10)


@pytest.mark.parametrize("name", ["small_resnet", "resnet18", "darknet53", "cifar10_quick_relu", "lenet"])
@pytest.mark.parametrize(("in_channels", "size"), [(1, 28), (3, 32), (3, 64)])
def test_models_run_on_common_small_images(name: str, in_channels: int, size: int) -> None:
    with torch.device("meta"):
        model = build_model(name, num_classes=10, in_channels=in_channels, image_size=size)
        assert model(torch.empty(2, in_channels, size, size)).shape == (2, 10)


@pytest.mark.parametrize("name", list(MODELS))
def test_min_size_is_the_smallest_working_size(name: str) -> None:
    spec = MODELS[name]
    c = spec.default_input[0]
    with torch.device("meta"):
        model = spec.builder(3, c, spec.min_size)
        assert model(torch.empty(2, c, spec.min_size, spec.min_size)).shape == (2, 3)
        if spec.min_size > 1:
            with pytest.raises(RuntimeError):
                spec.builder(3, c, spec.min_size - 1)(torch.empty(2, c, spec.min_size - 1, spec.min_size - 1))
    with pytest.raises(LessonError, match=f"at least {spec.min_size}") if spec.min_size > 1 else nullcontext():
        build_model(name, 3, c, max(spec.min_size - 1, 1))


def test_bad_arguments_raise_lesson_errors() -> None:
    with pytest.raises(LessonError, match="no model called 'resnet9'"):
        build_model("resnet9")
    with pytest.raises(LessonError, match="at least one class"):
        build_model("mlp", num_classes=0)
    with pytest.raises(LessonError, match="at least 32×32"):
        build_model("vgg11", image_size=16)


def test_darknet53_is_the_real_one() -> None:
    with torch.device("meta"):
        model = build_model("darknet53", num_classes=1000, image_size=256)
    assert sum(isinstance(m, nn.Conv2d) for m in model.modules()) == 52
    assert sum(isinstance(m, DarkResidual) for m in model.modules()) == 1 + 2 + 8 + 8 + 4
    assert n_params(model) == 41_609_928  # the published Darknet-53 ImageNet classifier
    assert all(m.negative_slope == 0.1 for m in model.modules() if isinstance(m, nn.LeakyReLU))


def test_darknet_residual_really_adds_its_input() -> None:
    torch.manual_seed(0)
    block = DarkResidual(8).eval()
    x = torch.randn(2, 8, 5, 5)
    torch.testing.assert_close(block(x), x + block.branch(x))
    last_bn = block.branch[1][1]
    nn.init.zeros_(last_bn.weight)
    nn.init.zeros_(last_bn.bias)
    torch.testing.assert_close(block(x), x)  # branch silenced → identity, only possible with a skip connection


def test_darknet_residual_adds_happen_in_the_full_model() -> None:
    torch.manual_seed(0)
    model = build_model("darknet53", image_size=32).eval()
    seen: list[bool] = []

    def check(module: DarkResidual, inputs: tuple[torch.Tensor], output: torch.Tensor) -> None:
        seen.append(torch.allclose(output, inputs[0] + module.branch(inputs[0])))

    for m in model.modules():
        if isinstance(m, DarkResidual):
            m.register_forward_hook(check)
    with torch.no_grad():
        model(torch.randn(1, 3, 32, 32))
    assert seen == [True] * 23


def test_small_resnet_projection_only_where_shape_changes() -> None:
    model = build_model("small_resnet")
    blocks = [m for m in model.modules() if isinstance(m, ResidualBlock)]
    projections = [not isinstance(b.shortcut, nn.Identity) for b in blocks]
    assert projections == [False, False, True, False, True, False]
    torch.manual_seed(0)
    block = ResidualBlock(4, 8, stride=2).eval()
    x = torch.randn(1, 4, 6, 6)
    branch = block.bn2(block.conv2(block.relu(block.bn1(block.conv1(x)))))
    torch.testing.assert_close(block(x), torch.relu(branch + block.shortcut(x)))


def test_every_model_has_a_learner_name_in_both_languages() -> None:
    from lib.i18n import CATALOG

    for spec in MODELS.values():
        names = CATALOG[spec.label_key]
        assert names["en"] and names["zh"] and "_" not in names["en"] + names["zh"], spec.name
    assert CATALOG[MODELS["cifar10_quick_bn"].label_key]["en"] == "CIFAR10-quick + BatchNorm"
