"""The network tracer agrees with PyTorch: parameters, FLOPs (FlopCounterMode), shapes, receptive fields, errors."""

from __future__ import annotations

import math

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn
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
from lib.convolution_trace import COLUMNS, flop_counter_total, totals, trace
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
