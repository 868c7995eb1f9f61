"""Build a network from an editable table of layers, and say exactly where and why a stack does not fit.

Each row is a ``LayerRow``: a layer type and a few whole-number settings. ``build_stack`` walks the rows with
the shape flowing through them (C, H, W for images, F after Flatten) and either returns the ``nn.Sequential``
or raises ``StackError`` naming the row (1-based, like the table), the reason and the value that would fit.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from torch import nn

from lib.errors import LessonError

LAYER_TYPES = (
    "Conv2d",
    "MaxPool2d",
    "AvgPool2d",
    "BatchNorm2d",
    "ReLU",
    "LeakyReLU",
    "Sigmoid",
    "Dropout",
    "Flatten",
    "Linear",
    "AdaptiveAvgPool2d",
)
# The settings each layer type reads; the rest of a row is ignored for that type.
FIELDS: dict[str, tuple[str, ...]] = {
    "Conv2d": ("in_size", "out_size", "kernel", "stride", "padding"),
    "MaxPool2d": ("kernel", "stride", "padding"),
    "AvgPool2d": ("kernel", "stride", "padding"),
    "BatchNorm2d": ("in_size",),
    "Linear": ("in_size", "out_size"),
    "AdaptiveAvgPool2d": ("out_size",),
}
# What each setting is called in PyTorch, per layer type, for messages and code.
TORCH_NAMES: dict[str, dict[str, str]] = {
    "Conv2d": {"in_size": "in_channels", "out_size": "out_channels", "kernel": "kernel_size"},
    "MaxPool2d": {"kernel": "kernel_size"},
    "AvgPool2d": {"kernel": "kernel_size"},
    "BatchNorm2d": {"in_size": "num_features"},
    "Linear": {"in_size": "in_features", "out_size": "out_features"},
    "AdaptiveAvgPool2d": {"out_size": "output_size"},
}
Factory = Callable[[], nn.Module]
MAX_CHANNELS = 65_536
MAX_IMAGE = 4096
MAX_PARAMS = 200_000_000
DROPOUT_P = 0.5
LEAKY_SLOPE = 0.1


@dataclass(frozen=True)
class LayerRow:
    """One row of the table: a layer type and its whole-number settings (``None`` = default or inferred)."""

    type: str
    in_size: int | None = None  # in_channels / in_features / num_features; inferred when empty
    out_size: int | None = None  # out_channels / out_features / output size of an adaptive pool
    kernel: int | None = None
    stride: int | None = None  # pools default to their kernel, convs to 1
    padding: int | None = None


class StackError(LessonError):
    """A layer that does not fit: ``index`` is its 0-based row, ``fix`` the settings that would make it fit."""

    def __init__(self, key: str, index: int, layer: str, fix: dict[str, int] | None = None, **params: object) -> None:
        self.index = index
        self.fix = fix or {}
        super().__init__(key, number=index + 1, layer=layer, **params)


@dataclass
class _Flow:
    """The shape between layers: (C, H, W) for an image, (F,) after Flatten."""

    shape: tuple[int, ...]
    params: int = 0
    layers: list[nn.Module] = field(default_factory=list)
    shapes: list[tuple[int, ...]] = field(default_factory=list)

    @property
    def is_image(self) -> bool:
        return len(self.shape) == 3


def _window(n: int, kernel: int, stride: int, padding: int) -> int:
    return (n + 2 * padding - kernel) // stride + 1


def _check_settings(i: int, row: LayerRow) -> None:
    """Positive kernel/stride/sizes, non-negative padding, sizes below the caps."""
    if row.type not in LAYER_TYPES:
        raise StackError("convolution.trace.stack.unknown_type", i, str(row.type), known=", ".join(LAYER_TYPES))
    names = TORCH_NAMES.get(row.type, {})
    for name in FIELDS.get(row.type, ()):
        value = getattr(row, name)
        if value is None:
            continue
        smallest = 0 if name == "padding" else 1
        largest = MAX_CHANNELS if name in ("in_size", "out_size") else 1024
        if not smallest <= value <= largest:
            raise StackError(
                "convolution.trace.stack.out_of_range",
                i,
                row.type,
                setting=names.get(name, name),
                value=value,
                low=smallest,
                high=largest,
            )


def _need_image(i: int, row: LayerRow, flow: _Flow) -> None:
    if not flow.is_image:
        raise StackError("convolution.trace.stack.needs_image", i, row.type, features=flow.shape[0])


def _check_in(i: int, row: LayerRow, received: int) -> None:
    """The row's declared input size must equal what reaches it; suggest the size that does."""
    if row.in_size is not None and row.in_size != received:
        setting = TORCH_NAMES[row.type]["in_size"]
        raise StackError(
            "convolution.trace.stack.in_features" if row.type == "Linear" else "convolution.trace.stack.in_channels",
            i,
            row.type,
            fix={"in_size": received},
            expected=row.in_size,
            received=received,
            setting=setting,
        )


def _conv(i: int, row: LayerRow, flow: _Flow) -> Factory:
    _need_image(i, row, flow)
    c, h, w = flow.shape
    _check_in(i, row, c)
    if row.out_size is None or row.kernel is None:
        raise StackError("convolution.trace.stack.missing", i, row.type, settings="out_channels, kernel_size")
    stride, padding = row.stride or 1, row.padding or 0
    _check_fits(i, row, h, w, row.kernel, padding)
    flow.shape = (row.out_size, _window(h, row.kernel, stride, padding), _window(w, row.kernel, stride, padding))
    flow.params += row.out_size * (c * row.kernel * row.kernel + 1)
    return lambda: nn.Conv2d(c, row.out_size, row.kernel, stride=stride, padding=padding)


def _check_fits(i: int, row: LayerRow, h: int, w: int, kernel: int, padding: int) -> None:
    """The kernel must fit inside the zero-padded input (PyTorch raises otherwise)."""
    smallest = min(h, w) + 2 * padding
    if kernel > smallest:
        fits = max(0, math.ceil((kernel - min(h, w)) / 2))
        raise StackError(
            "convolution.trace.stack.kernel_too_big",
            i,
            row.type,
            fix={"kernel": smallest},
            kernel=kernel,
            h=h,
            w=w,
            padding=padding,
            padded=smallest,
            padding_fit=fits,
        )


def _pool(i: int, row: LayerRow, flow: _Flow) -> Factory:
    _need_image(i, row, flow)
    c, h, w = flow.shape
    if row.kernel is None:
        raise StackError("convolution.trace.stack.missing", i, row.type, settings="kernel_size")
    stride, padding = row.stride or row.kernel, row.padding or 0
    if 2 * padding > row.kernel:
        raise StackError(
            "convolution.trace.stack.pool_padding",
            i,
            row.type,
            fix={"padding": row.kernel // 2},
            padding=padding,
            kernel=row.kernel,
            most=row.kernel // 2,
        )
    _check_fits(i, row, h, w, row.kernel, padding)
    flow.shape = (c, _window(h, row.kernel, stride, padding), _window(w, row.kernel, stride, padding))
    cls = nn.MaxPool2d if row.type == "MaxPool2d" else nn.AvgPool2d
    return lambda: cls(row.kernel, stride=stride, padding=padding)


def _batchnorm(i: int, row: LayerRow, flow: _Flow) -> Factory:
    _need_image(i, row, flow)
    _check_in(i, row, flow.shape[0])
    channels = flow.shape[0]
    flow.params += 2 * channels
    return lambda: nn.BatchNorm2d(channels)


def _linear(i: int, row: LayerRow, flow: _Flow) -> Factory:
    if flow.is_image:
        raise StackError(
            "convolution.trace.stack.needs_flatten",
            i,
            row.type,
            shape="×".join(map(str, flow.shape)),
            features=math.prod(flow.shape),
        )
    (features,) = flow.shape
    _check_in(i, row, features)
    if row.out_size is None:
        raise StackError("convolution.trace.stack.missing", i, row.type, settings="out_features")
    flow.shape = (row.out_size,)
    flow.params += row.out_size * (features + 1)
    return lambda: nn.Linear(features, row.out_size)


def _adaptive(i: int, row: LayerRow, flow: _Flow) -> Factory:
    _need_image(i, row, flow)
    size = row.out_size or 1
    flow.shape = (flow.shape[0], size, size)
    return lambda: nn.AdaptiveAvgPool2d(size)


def _flatten(i: int, row: LayerRow, flow: _Flow) -> Factory:
    flow.shape = (math.prod(flow.shape),)
    return nn.Flatten


_ELEMENTWISE = {
    "ReLU": nn.ReLU,
    "LeakyReLU": lambda: nn.LeakyReLU(LEAKY_SLOPE),
    "Sigmoid": nn.Sigmoid,
    "Dropout": lambda: nn.Dropout(DROPOUT_P),
}
_BUILDERS = {
    "Conv2d": _conv,
    "MaxPool2d": _pool,
    "AvgPool2d": _pool,
    "BatchNorm2d": _batchnorm,
    "Linear": _linear,
    "AdaptiveAvgPool2d": _adaptive,
    "Flatten": _flatten,
}


def _walk(rows: list[LayerRow], input_shape: tuple[int, int, int]) -> _Flow:
    """Check and build every row in order, tracking the shape; raises at the first row that does not fit."""
    if not rows:
        raise LessonError("convolution.trace.stack.empty")
    if len(input_shape) != 3 or not all(1 <= d <= MAX_IMAGE for d in input_shape):
        raise LessonError("convolution.trace.stack.bad_input", shape="×".join(map(str, input_shape)), most=MAX_IMAGE)
    flow = _Flow(tuple(input_shape))
    for i, row in enumerate(rows):
        _check_settings(i, row)
        factory = _ELEMENTWISE[row.type] if row.type in _ELEMENTWISE else _BUILDERS[row.type](i, row, flow)
        if flow.params > MAX_PARAMS:
            raise StackError(
                "convolution.trace.stack.too_many_params", i, row.type, params=flow.params, most=MAX_PARAMS
            )
        flow.layers.append(factory())
        flow.shapes.append(flow.shape)
    return flow


def build_stack(rows: list[LayerRow], input_shape: tuple[int, int, int]) -> nn.Sequential:
    """An ``nn.Sequential`` of ``rows`` for inputs of shape (C, H, W), or a ``StackError`` at the first misfit.

    Build it under ``torch.device("meta")`` to trace a large stack without allocating its weights.
    """
    return nn.Sequential(*_walk(rows, input_shape).layers)


def output_shapes(rows: list[LayerRow], input_shape: tuple[int, int, int]) -> list[tuple[int, ...]]:
    """The shape after every row (without the batch), by the output-size arithmetic alone."""
    return _walk(rows, input_shape).shapes


SETTINGS = ("in_size", "out_size", "kernel", "stride", "padding")


def _whole(i: int, layer: str, name: str, value: object) -> int | None:
    """A table cell as an int: empty/NaN cells are ``None``; text, fractions and infinities are errors."""
    if (
        value is None
        or (isinstance(value, float) and math.isnan(value))
        or (isinstance(value, str) and not value.strip())
    ):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if not math.isfinite(number) or number != int(number) or isinstance(value, bool):
        setting = TORCH_NAMES.get(layer, {}).get(name, name)
        raise StackError("convolution.trace.stack.not_whole", i, layer, setting=setting, value=value)
    return int(number)


def rows_from_records(records: list[dict[str, object]]) -> list[LayerRow]:
    """Rows from table records (``DataFrame.to_dict("records")``), validating every cell a layer type reads."""
    rows = []
    for i, record in enumerate(records):
        layer = str(record.get("type") or "").strip()
        if layer not in LAYER_TYPES:
            raise StackError("convolution.trace.stack.unknown_type", i, layer, known=", ".join(LAYER_TYPES))
        values = {name: _whole(i, layer, name, record.get(name)) for name in FIELDS.get(layer, ())}
        rows.append(LayerRow(layer, **values))
    return rows


def rows_to_records(rows: list[LayerRow]) -> list[dict[str, object]]:
    """Table records for ``st.data_editor`` (one dict per row, every setting present, ``None`` when empty)."""
    return [{"type": row.type, **{name: getattr(row, name) for name in SETTINGS}} for row in rows]


def apply_fix(rows: list[LayerRow], error: StackError) -> list[LayerRow]:
    """The rows with the error's suggested settings applied to the failing row (for a one-click fix)."""
    fixed = list(rows)
    fixed[error.index] = replace(rows[error.index], **error.fix)
    return fixed


def fix_text(error: StackError) -> str:
    """The suggested settings as the message names them, under PyTorch's names (``in_features=2048``)."""
    names = TORCH_NAMES.get(str(error.params["layer"]), {})
    return ", ".join(f"{names.get(name, name)}={value}" for name, value in error.fix.items())


def stack_code(model: nn.Sequential) -> str:
    """PyTorch code building the same ``nn.Sequential`` as ``build_stack`` returned (inferred sizes written out)."""
    lines = ["import torch", "from torch import nn", "", "model = nn.Sequential("]
    lines += [f"    {_layer_code(layer)}," for layer in model]
    lines.append(")")
    return "\n".join(lines)


def _layer_code(layer: nn.Module) -> str:
    """One constructor call; the ``repr`` of the other layers is already valid Python after ``nn.``."""
    if isinstance(layer, nn.Conv2d):
        return (
            f"nn.Conv2d({layer.in_channels}, {layer.out_channels}, kernel_size={layer.kernel_size[0]}, "
            f"stride={layer.stride[0]}, padding={layer.padding[0]})"
        )
    if isinstance(layer, (nn.MaxPool2d, nn.AvgPool2d)):
        name = type(layer).__name__
        return f"nn.{name}(kernel_size={layer.kernel_size}, stride={layer.stride}, padding={layer.padding})"
    if isinstance(layer, nn.BatchNorm2d):
        return f"nn.BatchNorm2d({layer.num_features})"
    return f"nn.{layer!r}"


def _rows(*specs: tuple) -> list[LayerRow]:
    return [LayerRow(*spec) for spec in specs]


def _quick(relu: bool) -> list[LayerRow]:
    """The notes' CIFAR10-quick as table rows, optionally with a ReLU after every conv."""
    rows: list[LayerRow] = []
    for c_in, c_out in ((3, 32), (32, 32), (32, 64)):
        rows.append(LayerRow("Conv2d", c_in, c_out, 5, 1, 2))
        if relu:
            rows.append(LayerRow("ReLU"))
        rows.append(LayerRow("MaxPool2d", kernel=2, stride=2))
    return [*rows, LayerRow("Flatten"), LayerRow("Linear", 1024, 10)]


# Presets the table can hold (name in lib.models.MODELS -> rows and input shape); the others are traced by name.
PRESET_ROWS: dict[str, tuple[list[LayerRow], tuple[int, int, int]]] = {
    "cifar10_quick": (_quick(relu=False), (3, 32, 32)),
    "cifar10_quick_relu": (_quick(relu=True), (3, 32, 32)),
    "lenet": (
        _rows(
            ("Conv2d", 1, 6, 5, 1, 2),
            ("Sigmoid",),
            ("AvgPool2d", None, None, 2, 2),
            ("Conv2d", 6, 16, 5),
            ("Sigmoid",),
            ("AvgPool2d", None, None, 2, 2),
            ("Flatten",),
            ("Linear", 400, 120),
            ("Sigmoid",),
            ("Linear", 120, 84),
            ("Sigmoid",),
            ("Linear", 84, 10),
        ),
        (1, 28, 28),
    ),
}
