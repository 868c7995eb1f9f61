"""The network tracer agrees with PyTorch: parameters, FLOPs (FlopCounterMode), shapes, receptive fields, errors."""

from __future__ import annotations

import math

import pandas as pd
import pytest
import torch
import torchvision
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn
from torch.nn import functional as F
from torch.overrides import TorchFunctionMode
from torch.utils.flop_counter import FlopCounterMode

from lib.convolution_stack import (
    PRESET_ROWS,
    LayerRow,
    StackError,
    apply_fix,
    build_stack,
    rows_from_records,
    rows_to_records,
    stack_code,
)
from lib.convolution_trace import COLUMNS, Field, FieldTracker, flop_counter_total, totals, trace
from lib.errors import LessonError
from lib.models import MODELS, build_model


def meta_model(name: str) -> tuple[nn.Module, tuple[int, int, int]]:
    spec = MODELS[name]
    with torch.device("meta"):
        return build_model(name, 10, spec.default_input[0], spec.default_input[1]), spec.default_input


@pytest.mark.parametrize("name", list(MODELS))
def test_model_presets_match_flop_counter_and_param_count(name: str) -> None:
    model, shape = meta_model(name)
    table = trace(model, shape)
    assert list(table.columns) == COLUMNS
    assert totals(table)["params"] == sum(p.numel() for p in model.parameters())
    assert totals(table)["flops"] == flop_counter_total(model, shape) > 0
    assert (table["flops"] == 2 * table["macs"]).all()
    assert tuple(table["output_shape"].iloc[-1]) == (10,)


@pytest.mark.parametrize("name", list(PRESET_ROWS))
def test_table_presets_match_flop_counter_params_and_real_forward(name: str) -> None:
    rows, shape = PRESET_ROWS[name]
    torch.manual_seed(0)
    model = build_stack(rows, shape)
    table = trace(model, shape)
    assert totals(table)["flops"] == flop_counter_total(model, shape)
    assert totals(table)["params"] == sum(p.numel() for p in model.parameters())
    assert totals(table)["params"] == sum(p.numel() for p in build_model(name, 10, shape[0], shape[1]).parameters())
    x = torch.randn(1, *shape)
    real = []
    for layer in model:
        x = layer(x)
        real.append(tuple(x.shape[1:]))
    assert list(table["output_shape"]) == real


@pytest.mark.parametrize("name", ["cifar10_quick_bn", "lenet_bn", "small_resnet", "darknet53"])
def test_per_layer_flops_equal_flop_counter_per_module(name: str) -> None:
    model, shape = meta_model(name)
    table = trace(model, shape)
    with FlopCounterMode(display=False) as counter:
        model.eval()(torch.empty(1, *shape, device="meta"))
    root = type(model).__name__
    per_module = {key.removeprefix(root + "."): sum(ops.values()) for key, ops in counter.get_flop_counts().items()}
    for row in table.itertuples():
        assert row.flops == per_module.get(row.name, 0), row.name


def test_meta_and_real_traces_agree() -> None:
    torch.manual_seed(0)
    real = trace(build_model("small_resnet"), (3, 32, 32))
    meta, _ = meta_model("small_resnet")
    assert real.equals(trace(meta, (3, 32, 32)))


def test_reused_module_is_counted_once() -> None:
    """torchvision's BasicBlock calls its ReLU twice: two rows, parameters counted at the first call only."""
    model, shape = meta_model("resnet18")
    table = trace(model, shape)
    assert (table["name"] == "layer1.0.relu").sum() == 2
    linear = nn.Linear(4, 4)
    twice = nn.Sequential(linear, linear)
    table = trace(twice, (4,))
    assert list(table["params"]) == [20, 0] and list(table["macs"]) == [16, 16]


def test_receptive_fields_of_cifar10_quick_by_hand() -> None:
    model, shape = meta_model("cifar10_quick")
    table = trace(model, shape)
    assert list(table["rf_size"]) == [5, 6, 14, 16, 32, 36, 60, 60]
    assert list(table["rf_jump"]) == [1, 2, 2, 4, 4, 8, 8, 8]


def test_resnet18_receptive_field_is_the_published_435() -> None:
    model, shape = meta_model("resnet18")
    table = trace(model, shape)
    assert table.loc[table["name"] == "layer4.1.relu", "rf_size"].iloc[-1] == 435
    assert table.loc[table["name"] == "layer4.1.relu", "rf_jump"].iloc[-1] == 32


def measured_field(model: nn.Module, size: int, channels: int) -> int:
    """Rows of the input that reach the centre output through autograd (weights 1, so nothing cancels)."""
    for p in model.parameters():
        nn.init.ones_(p)
    x = torch.ones(1, channels, size, size, dtype=torch.float64, requires_grad=True)
    out = model.double()(x)
    out[0, 0, out.shape[2] // 2, out.shape[3] // 2].backward()
    rows = (x.grad[0].abs().sum(dim=(0, 2)) > 0).nonzero()
    return int(rows.max() - rows.min() + 1)


window = st.tuples(st.sampled_from(["Conv2d", "AvgPool2d"]), st.integers(1, 5), st.integers(1, 3))


@settings(max_examples=30, deadline=None)
@given(st.lists(window, min_size=1, max_size=4))
def test_receptive_field_equals_autograd_reach(layers: list[tuple[str, int, int]]) -> None:
    rows = []
    for kind, kernel, stride in layers:
        if kind == "Conv2d":
            rows.append(LayerRow("Conv2d", None, 2, kernel, stride, kernel // 2))
        else:
            rows.append(LayerRow("AvgPool2d", kernel=kernel, stride=stride))
    size = 2 * math.prod(s for _, _, s in layers) * sum(k for _, k, _ in layers) + 16
    model = build_stack(rows, (1, size, size))
    expected = int(trace(model, (1, size, size))["rf_size"].iloc[-1])
    assert measured_field(model, size, 1) == expected


def test_bad_input_shape_is_a_lesson_error() -> None:
    with pytest.raises(LessonError, match="positive whole number"):
        trace(nn.Linear(2, 2), (0, 3))
    with pytest.raises(LessonError, match="cannot process"):
        trace(nn.Conv2d(3, 4, 5), (3, 2, 2))


QUICK, QUICK_SHAPE = PRESET_ROWS["cifar10_quick"]


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 4096).filter(lambda n: n != 1024))
def test_linear_mismatch_points_at_the_linear_and_suggests_1024(wrong: int) -> None:
    rows = [*QUICK[:-1], LayerRow("Linear", wrong, 10)]
    with pytest.raises(StackError) as err:
        build_stack(rows, QUICK_SHAPE)
    assert err.value.index == len(rows) - 1 and err.value.fix == {"in_size": 1024}
    assert str(err.value) == f"Layer 8 (Linear) expects {wrong} inputs but receives 1024: set in_features=1024."
    fixed = apply_fix(rows, err.value)
    assert build_stack(fixed, QUICK_SHAPE)(torch.zeros(1, *QUICK_SHAPE)).shape == (1, 10)


@settings(max_examples=25, deadline=None)
@given(st.integers(8, 80), st.integers(1, 3), st.sampled_from([3, 5]))
def test_linear_suggestion_is_the_real_flatten_size(size: int, channels: int, kernel: int) -> None:
    rows = [
        LayerRow("Conv2d", channels, 8, kernel, 1, 0),
        LayerRow("MaxPool2d", kernel=2),
        LayerRow("Flatten"),
        LayerRow("Linear", 1, 10),
    ]
    prefix = nn.Sequential(nn.Conv2d(channels, 8, kernel), nn.MaxPool2d(2), nn.Flatten())
    received = prefix(torch.zeros(1, channels, size, size)).shape[1]
    with pytest.raises(StackError) as err:
        build_stack(rows, (channels, size, size))
    assert err.value.index == 3
    if received != 1:
        assert err.value.fix == {"in_size": received}


def test_conv_channel_mismatch_and_kernel_too_big() -> None:
    rows = list(QUICK)
    rows[2] = LayerRow("Conv2d", 16, 32, 5, 1, 2)
    with pytest.raises(StackError, match=r"Layer 3 .* expects 16 input channels but receives 32: set in_channels=32"):
        build_stack(rows, QUICK_SHAPE)
    rows = list(QUICK)
    rows[4] = LayerRow("Conv2d", 32, 64, 11, 1, 0)
    with pytest.raises(StackError, match=r"11×11 window does not fit in the 8×8 input .* kernel_size=8 .* padding=2"):
        build_stack(rows, QUICK_SHAPE)
    with pytest.raises(RuntimeError):  # PyTorch agrees that it does not fit
        nn.Conv2d(32, 64, 11)(torch.zeros(1, 32, 8, 8))
    nn.Conv2d(32, 64, 11, padding=2)(torch.zeros(1, 32, 8, 8))  # and that the suggested padding fits


def test_layout_errors_name_the_layer() -> None:
    with pytest.raises(StackError, match=r"Layer 1 \(Linear\) receives a 3×32×32 image: add a Flatten .* 3072"):
        build_stack([LayerRow("Linear", None, 10)], (3, 32, 32))
    with pytest.raises(StackError, match=r"Layer 2 \(Conv2d\) needs an image"):
        build_stack([LayerRow("Flatten"), LayerRow("Conv2d", None, 4, 3)], (3, 32, 32))
    with pytest.raises(StackError, match="padding=2 is more than half of kernel_size=2"):
        build_stack([LayerRow("MaxPool2d", kernel=2, padding=2)], (3, 32, 32))
    with pytest.raises(StackError, match="stride=0 is out of range"):
        build_stack([LayerRow("Conv2d", None, 4, 3, 0)], (3, 32, 32))
    with pytest.raises(StackError, match="needs a value for: out_channels, kernel_size"):
        build_stack([LayerRow("Conv2d")], (3, 32, 32))
    with pytest.raises(StackError, match="parameters, more than this playground allows"):
        build_stack([LayerRow("Flatten"), LayerRow("Linear", None, 65536), LayerRow("Linear", None, 65536)], (3, 8, 8))
    with pytest.raises(LessonError, match="empty"):
        build_stack([], (3, 32, 32))


def test_table_records_round_trip_and_bad_cells() -> None:
    rows, _ = PRESET_ROWS["lenet"]
    assert rows_from_records(rows_to_records(rows)) == rows
    records = rows_to_records(rows)
    records[0]["kernel"] = float("nan")  # an emptied cell
    with pytest.raises(StackError, match="needs a value for"):
        build_stack(rows_from_records(records), (1, 28, 28))
    for bad in ("abc", 2.5, float("inf"), True):
        records[0]["kernel"] = bad
        with pytest.raises(StackError, match=r"Layer 1 \(Conv2d\): kernel_size must be a whole number"):
            rows_from_records(records)
    with pytest.raises(StackError, match="not a layer type"):
        rows_from_records([{"type": "Conv3d"}])


@pytest.mark.parametrize("name", list(PRESET_ROWS))
def test_stack_code_rebuilds_the_same_model(name: str) -> None:
    rows, shape = PRESET_ROWS[name]
    torch.manual_seed(0)
    model = build_stack(rows, shape)
    scope: dict[str, object] = {}
    exec(stack_code(model), scope)
    rebuilt = scope["model"]
    assert [repr(m) for m in rebuilt] == [repr(m) for m in model]


# ---- receptive fields against a gradient probe and the published values (Araujo et al., Distill 2019) ----------


SLOW_PRESETS = {"resnet18", "resnet50", "darknet53", "alexnet", "vgg11", "nin", "compact_resnet", "small_resnet"}


class Linearised(TorchFunctionMode):
    """Max pooling becomes average pooling over the same windows and activations pass everything through.

    With positive averaging weights the network is then linear and positive, so an input row moves an output
    exactly when some path joins them: the rows with a nonzero gradient are the receptive field.
    """

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        name = getattr(func, "__name__", "")
        if name in ("relu", "relu_", "hardtanh", "hardtanh_", "relu6"):
            return args[0]
        if name in ("max_pool2d", "max_pool2d_with_indices"):
            x, kernel = args[0], kwargs.get("kernel_size", args[1] if len(args) > 1 else None)
            stride = kwargs.get("stride", args[2] if len(args) > 2 else None) or kernel
            padding = kwargs.get("padding", args[3] if len(args) > 3 else 0)
            assert kwargs.get("dilation", args[4] if len(args) > 4 else 1) in (1, (1, 1))
            ceil_mode = kwargs.get("ceil_mode", args[5] if len(args) > 5 else False)
            return F.avg_pool2d(x, kernel, stride, padding, ceil_mode=ceil_mode)
        return func(*args, **kwargs)


@torch.no_grad()
def make_positive_averaging(model: nn.Module) -> nn.Module:
    """Every weight 1/fan-in, biases 0, batch norm the identity: activations stay near 1, nothing cancels."""
    for module in model.modules():
        if isinstance(module, (nn.Conv2d, nn.Linear)):
            module.weight.fill_(1 / module.weight[0].numel())
            if module.bias is not None:
                module.bias.zero_()
        elif isinstance(module, nn.BatchNorm2d):
            module.reset_parameters()
    return model.double().eval()


def gradient_reach(output: torch.Tensor, image: torch.Tensor) -> tuple[int, int]:
    """First and last input row whose pixels move the centre value (summed over channels) of a (1, C, H, W) output."""
    centre = output[0, :, output.shape[2] // 2, output.shape[3] // 2].sum()
    (grad,) = torch.autograd.grad(centre, image, retain_graph=True)
    rows = (grad[0].abs().sum(dim=(0, 2)) > 0).nonzero().reshape(-1)
    return int(rows.min()), int(rows.max())


def probe_leaf_fields(model: nn.Module, height: int, width: int, channels: int, calls: list[int]) -> dict[int, int]:
    """The measured field of the given leaf-layer calls (by position in execution order).

    A preset whose Linear expects one image size fails there on a taller image: the calls before it are probed.
    """
    outputs: list[torch.Tensor] = []
    leaves = [m for m in model.modules() if not any(True for _ in m.children())]
    handles = [m.register_forward_hook(lambda _m, _a, out: outputs.append(out.clone())) for m in leaves]
    image = torch.ones(1, channels, height, width, dtype=torch.float64, requires_grad=True)
    try:
        with Linearised():
            model(image)
    except RuntimeError:
        pass
    finally:
        for handle in handles:
            handle.remove()
    fields: dict[int, int] = {}
    for call in calls:
        first, last = gradient_reach(outputs[call], image)
        assert first > 0 and last < height - 1, "the probe image is too small: the field reaches its border"
        fields[call] = last - first + 1
    return fields


def probed_rows(table: pd.DataFrame, most: int = 10) -> list[int]:
    """Up to ``most`` rows, evenly spread, whose output is still a map (C, H, W) with H > 1, the last one included.

    Rows from the first adaptive pooling on are left out: their field depends on the image size.
    """
    rows = []
    for i, (shape, kind) in enumerate(zip(table["output_shape"], table["type"], strict=True)):
        if kind.startswith("Adaptive"):
            break
        if len(shape) == 3 and shape[1] > 1:
            rows.append(i)
    if len(rows) <= most:
        return rows
    return sorted({rows[round(k * (len(rows) - 1) / (most - 1))] for k in range(most)})


@pytest.mark.parametrize(
    "name",
    [pytest.param(n, marks=pytest.mark.slow) if n in SLOW_PRESETS else n for n in MODELS],
)
def test_every_preset_field_equals_the_gradient_probe(name: str) -> None:
    """Residual presets once showed the shortcut's field (small_resnet layer3.1.relu 3, not 53)."""
    model, shape = meta_model(name)
    table = trace(model, shape)
    rows = probed_rows(table, most=6 if name in SLOW_PRESETS else 10)
    if not rows:
        pytest.skip(f"{name} has no spatial layer")
    sizes, jumps = table["rf_size"].iloc[rows], table["rf_jump"].iloc[rows]
    height = int(sizes.max() + 4 * jumps.max())
    width = max(int(2 * jumps.max()), MODELS[name].min_size, 16)
    torch.manual_seed(0)
    real = make_positive_averaging(build_model(name, 10, shape[0], shape[1]))
    measured = probe_leaf_fields(real, height, width, shape[0], rows)
    assert {i: int(table["rf_size"].iloc[i]) for i in rows} == measured


def test_residual_presets_follow_the_longer_path() -> None:
    table = trace(*meta_model("small_resnet"))
    assert table.loc[table["name"] == "layer3.1.relu", "rf_size"].iloc[-1] == 53
    assert table.loc[table["name"] == "avgpool", "rf_size"].iloc[0] == 81
    table = trace(*meta_model("compact_resnet"))
    assert table.loc[table["name"] == "layer4.0.relu", "rf_size"].iloc[-1] == 95
    assert table.attrs["field_ops"] == {"conv2d": 12, "add": 4, "adaptive_avg_pool2d": 1}


def resnet50_v1() -> nn.Module:
    """ResNet-50 v1 (He et al. 2016): the stride of each stage's first block sits in its 1×1 conv, not the 3×3
    (torchvision's v1.5), which is the network the published 483 describes."""
    model = torchvision.models.resnet50(weights=None)
    for stage in (model.layer2, model.layer3, model.layer4):
        stage[0].conv1.stride, stage[0].conv2.stride = (2, 2), (1, 1)
    return model


TORCHVISION = {
    # name: (builder, input (C, H, W), module whose output is probed, published field or None, min probe width)
    "alexnet": (lambda: torchvision.models.alexnet(weights=None), (3, 224, 224), "features", 195, 64),
    "vgg16": (lambda: torchvision.models.vgg16(weights=None), (3, 224, 224), "features", 212, 64),
    "resnet50_v1": (resnet50_v1, (3, 224, 224), "layer4", 483, 64),
    "resnet50": (lambda: torchvision.models.resnet50(weights=None), (3, 224, 224), "layer4", None, 64),
    "mobilenet_v2": (lambda: torchvision.models.mobilenet_v2(weights=None), (3, 224, 224), "features", None, 64),
    "inception_v3": (
        lambda: torchvision.models.inception_v3(weights=None, init_weights=False, aux_logits=False),
        (3, 299, 299),
        "Mixed_7c",
        1311,
        75,
    ),
}


def field_at(model: nn.Module, shape: tuple[int, int, int], module: str) -> Field:
    """The tracker's field of ``module``'s output (a block, not only a leaf: Inception's Mixed_7c is a torch.cat)."""
    captured = []
    handle = model.get_submodule(module).register_forward_hook(lambda _m, _a, out: captured.append(out))
    tracker = FieldTracker()
    x = torch.zeros(1, *shape, device=next(model.parameters()).device)
    tracker.fields[x] = Field(1, 1)
    try:
        with torch.no_grad(), tracker:
            model.eval()(x)
    finally:
        handle.remove()
    return tracker.fields[captured[-1]]


@pytest.mark.parametrize("name", [n for n, spec in TORCHVISION.items() if spec[3]])
def test_published_receptive_fields(name: str) -> None:
    """AlexNet 195, VGG-16 212, ResNet-50 483, Inception-v3 1,311 (stride 32 for all four), on the meta device."""
    build, shape, module, published, _ = TORCHVISION[name]
    with torch.device("meta"):
        model = build()
    assert field_at(model, shape, module) == Field(published, 32)
    table = trace(model, shape)
    assert {"conv2d", "max_pool2d"} <= set(table.attrs["field_ops"])
    if name == "inception_v3":  # F.max_pool2d / F.avg_pool2d calls and torch.cat are followed
        assert table.attrs["field_ops"]["cat"] == 15 and table.attrs["field_ops"]["avg_pool2d"] == 9
        assert table.loc[table["name"] == "avgpool", ["rf_size", "rf_jump"]].values.tolist() == [[1311 + 7 * 32, 256]]


@pytest.mark.slow
@pytest.mark.parametrize("name", list(TORCHVISION))
def test_torchvision_fields_equal_the_gradient_probe(name: str) -> None:
    build, shape, module, _, min_width = TORCHVISION[name]
    with torch.device("meta"):
        expected = field_at(build(), shape, module)
    model = make_positive_averaging(build())
    height, width = expected.size + 4 * expected.jump, max(2 * expected.jump, min_width)
    captured = []
    handle = model.get_submodule(module).register_forward_hook(lambda _m, _a, out: captured.append(out))
    image = torch.ones(1, 3, height, width, dtype=torch.float64, requires_grad=True)
    with Linearised():
        model(image)
    handle.remove()
    first, last = gradient_reach(captured[-1], image)
    assert first > 0 and last < height - 1
    assert last - first + 1 == expected.size
