"""Trace a network layer by layer: output shape, parameters, MACs, FLOPs and receptive field of every leaf layer.

The trace runs one forward pass of a single image (batch 1) with forward hooks on the leaf modules; build the
model under ``torch.device("meta")`` to trace even ResNet-50 without allocating or computing anything.

- **MACs** (multiply-accumulates) are counted for convolutions and linear layers only:
  Conv2d: ``C_out·H_out·W_out · (C_in/groups)·k_H·k_W``; Linear: ``outputs · in_features``. Bias additions,
  BatchNorm, activations and pooling are cheap element-wise work and are not counted.
- **FLOPs** = 2·MACs (one multiply and one add), the convention of ``torch.utils.flop_counter.FlopCounterMode``,
  so the column's total equals what that counter reports for the same forward pass.
- **Receptive field** along H: how many input pixels one output value can see (``size``) and how far apart in
  the input two neighbouring outputs are (``jump``, the product of the strides so far). A k-wide window with
  dilation d and stride s maps (r, j) to (r + d·(k-1)·j, j·s); flattening or a global reduction makes every
  feature see the whole map. The field follows the data, not the module tree: a ``TorchFunctionMode`` gives
  every tensor a field as it is made, through ``F.conv2d``, ``F.max_pool2d``/``F.avg_pool2d`` (module or
  functional), adaptive pooling, ``torch.cat``, residual adds (in place or not) and every other op. Where paths
  meet (add, cat) the field is the maximum over the paths. The value is the theoretical field, which can exceed
  the image (the padding counts). ``trace(...).attrs["field_ops"]`` says which ops the fields went through.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pandas as pd
import torch
from torch import nn
from torch.overrides import TorchFunctionMode
from torch.utils.flop_counter import FlopCounterMode
from torch.utils.weak import WeakIdKeyDictionary

from lib.errors import LessonError

COLUMNS = ["name", "type", "output_shape", "params", "macs", "flops", "rf_size", "rf_jump"]


@dataclass(frozen=True)
class Field:
    """Receptive field along H: ``size`` input pixels seen by one output, ``jump`` input pixels between outputs."""

    size: int
    jump: int


def _first(value: int | tuple[int, ...] | list[int]) -> int:
    """The H component of a PyTorch size argument, which may be an int or an (H, W) tuple."""
    return value[0] if isinstance(value, (tuple, list)) else value


def window_field(field: Field, kernel: int, stride: int, dilation: int = 1) -> Field:
    """Field after a k-wide window (conv or pool): the window spans d·(k-1)+1 inputs, each ``jump`` apart."""
    return Field(field.size + dilation * (kernel - 1) * field.jump, field.jump * stride)


def _arg(args: tuple, kwargs: dict, index: int, name: str, default: object) -> object:
    """A call's argument given by position or by name (PyTorch accepts both)."""
    if name in kwargs:
        return kwargs[name]
    return args[index] if len(args) > index else default


def _conv_field(field: Field, args: tuple, kwargs: dict) -> Field:
    """F.conv2d(input, weight, bias, stride, padding, dilation, groups): the kernel is the weight's height."""
    kernel = _arg(args, kwargs, 1, "weight", None).shape[-2]
    stride, dilation = _arg(args, kwargs, 3, "stride", 1), _arg(args, kwargs, 5, "dilation", 1)
    return window_field(field, kernel, _first(stride), _first(dilation))


def _pool_field(field: Field, args: tuple, kwargs: dict, dilation_index: int | None) -> Field:
    """F.max_pool2d / F.avg_pool2d: stride defaults to the kernel; only max pooling has a dilation."""
    kernel = _first(_arg(args, kwargs, 1, "kernel_size", 1))
    stride = _arg(args, kwargs, 2, "stride", None)
    dilation = 1 if dilation_index is None else _first(_arg(args, kwargs, dilation_index, "dilation", 1))
    return window_field(field, kernel, _first(stride) if stride else kernel, dilation)


def _adaptive_field(field: Field, x: torch.Tensor, out: torch.Tensor) -> Field:
    """Adaptive pooling from n_in to n_out rows, seen as a window (exact when n_out divides n_in)."""
    n_in, n_out = x.shape[-2], out.shape[-2]
    stride = n_in // n_out
    return window_field(field, n_in - (n_out - 1) * stride, stride)


_WINDOWS: dict[str, Callable[[Field, tuple, dict], Field]] = {
    "conv2d": _conv_field,
    "max_pool2d": lambda field, args, kwargs: _pool_field(field, args, kwargs, dilation_index=4),
    "max_pool2d_with_indices": lambda field, args, kwargs: _pool_field(field, args, kwargs, dilation_index=4),
    "avg_pool2d": lambda field, args, kwargs: _pool_field(field, args, kwargs, dilation_index=None),
}
_ADAPTIVE = {"adaptive_avg_pool2d", "adaptive_max_pool2d", "adaptive_max_pool2d_with_indices"}


def _tensors(value: object) -> Iterator[torch.Tensor]:
    """Every tensor inside a call's arguments or result (lists and tuples included)."""
    if isinstance(value, torch.Tensor):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _tensors(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _tensors(item)


_LAYOUT = {"permute", "transpose", "movedim", "contiguous", "__getitem__", "narrow", "pad", "interpolate"}


def _covers_the_map(name: str, x: torch.Tensor, out: torch.Tensor) -> bool:
    """Whether an op mixes every row of the (…, H, W) map ``x`` into each value of ``out``: flatten, view,
    reshape, a mean or max over H and W. Ops that keep H and W (element-wise, cat, channel shuffles) do not."""
    if name in _LAYOUT or x.shape[-2] == 1 or out.shape[-2:] == x.shape[-2:]:
        return False
    return out.numel() <= x.numel() and (out.dim() < x.dim() or out.shape[-2] == 1)


class FieldTracker(TorchFunctionMode):
    """Gives every tensor made from the traced input a receptive field, op by op, as the data flows.

    ``fields`` maps tensors (by identity) to their Field; ``ops`` counts the ops that changed a field or
    merged several (conv2d, max_pool2d, cat, add, flatten, ...), so a page can say what it followed.
    """

    def __init__(self) -> None:
        super().__init__()
        self.fields: WeakIdKeyDictionary = WeakIdKeyDictionary()
        self.ops: Counter[str] = Counter()

    def __torch_function__(self, func: Callable, types: tuple, args: tuple = (), kwargs: dict | None = None) -> object:
        kwargs = kwargs or {}
        out = func(*args, **kwargs)
        sources = [t for t in _tensors((args, kwargs)) if t in self.fields]
        if sources:
            field = self._field(getattr(func, "__name__", ""), sources, args, kwargs, out)
            for result in _tensors(out):
                self.fields[result] = field
        return out

    def _field(self, name: str, sources: list[torch.Tensor], args: tuple, kwargs: dict, out: object) -> Field:
        """The field of ``out``: windowed ops grow it, flattening/global reductions cover the map, merges take the max."""
        first = sources[0]
        field = Field(max(self.fields[t].size for t in sources), max(self.fields[t].jump for t in sources))
        result = next(_tensors(out), None)
        if name in _WINDOWS and args and args[0] is first:
            self.ops[name] += 1
            return _WINDOWS[name](self.fields[first], args, kwargs)
        if name in _ADAPTIVE and result is not None and first.dim() >= 3:
            self.ops[name] += 1
            return _adaptive_field(self.fields[first], first, result)
        if result is not None and first.dim() >= 4 and _covers_the_map(name, first, result):
            self.ops[name] += 1
            return window_field(field, first.shape[-2], 1)
        if len({id(t) for t in sources}) > 1:
            self.ops[name] += 1
        return field


def layer_macs(module: nn.Module, x: torch.Tensor, out: torch.Tensor) -> int:
    """Multiply-accumulates of one call (conv and linear layers; 0 for the rest, as FlopCounterMode does)."""
    if isinstance(module, nn.Conv2d):
        per_output = (module.in_channels // module.groups) * module.kernel_size[0] * module.kernel_size[1]
        return out.numel() * per_output
    if isinstance(module, nn.Linear):
        return out.numel() * module.in_features
    return 0


def _check_input_shape(input_shape: tuple[int, ...]) -> None:
    if not input_shape or any(int(d) < 1 for d in input_shape):
        raise LessonError("convolution.trace.bad_input_shape", shape="×".join(str(d) for d in input_shape))


def _model_device(model: nn.Module) -> torch.device:
    param = next(model.parameters(), None)
    return param.device if param is not None else torch.device("cpu")


def trace(model: nn.Module, input_shape: tuple[int, ...]) -> pd.DataFrame:
    """One row per leaf-layer call, in execution order, for one input of shape ``input_shape`` (C, H, W).

    Columns: name, type, output_shape (without the batch), params (counted at a layer's first call, so the
    column sums to the model's parameter count), macs, flops (= 2·macs), rf_size, rf_jump. ``attrs["field_ops"]``
    counts the ops the receptive fields went through ({"conv2d": 20, "add": 8, ...}).
    """
    _check_input_shape(input_shape)
    x = torch.zeros(1, *input_shape, device=_model_device(model))
    tracker = FieldTracker()
    tracker.fields[x] = Field(1, 1)
    rows: list[dict[str, object]] = []
    counted: set[int] = set()

    def hook(name: str):
        def record(module: nn.Module, args: tuple[object, ...], out: torch.Tensor) -> None:
            inp = args[0] if args and isinstance(args[0], torch.Tensor) else x
            field = tracker.fields.get(out, Field(1, 1))
            params = 0 if id(module) in counted else sum(p.numel() for p in module.parameters())
            counted.add(id(module))
            macs = layer_macs(module, inp, out)
            rows.append(
                dict(
                    name=name,
                    type=type(module).__name__,
                    output_shape=tuple(out.shape[1:]),
                    params=params,
                    macs=macs,
                    flops=2 * macs,
                    rf_size=field.size,
                    rf_jump=field.jump,
                )
            )

        return record

    leaves = [(name, m) for name, m in model.named_modules() if not any(True for _ in m.children())]
    handles = [m.register_forward_hook(hook(name)) for name, m in leaves]
    was_training = model.training
    model.eval()  # batch 1: BatchNorm must use its running statistics
    try:
        with torch.no_grad(), tracker:
            model(x)
    except RuntimeError as err:
        raise LessonError(
            "convolution.trace.forward_failed", shape="×".join(map(str, input_shape)), reason=str(err)
        ) from err
    finally:
        model.train(was_training)
        for handle in handles:
            handle.remove()
    uncounted = sum(p.numel() for p in model.parameters()) - sum(int(r["params"]) for r in rows)
    if uncounted:
        rows.append(
            dict(name="(other)", type="—", output_shape=(), params=uncounted, macs=0, flops=0, rf_size=0, rf_jump=0)
        )
    table = pd.DataFrame(rows, columns=COLUMNS)
    table.attrs["field_ops"] = dict(tracker.ops)
    return table


def flop_counter_total(model: nn.Module, input_shape: tuple[int, ...]) -> int:
    """FLOPs of one forward pass as ``torch.utils.flop_counter.FlopCounterMode`` counts them (the reference)."""
    _check_input_shape(input_shape)
    x = torch.zeros(1, *input_shape, device=_model_device(model))
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad(), FlopCounterMode(display=False) as counter:
            model(x)
    finally:
        model.train(was_training)
    return counter.get_total_flops()


def totals(table: pd.DataFrame) -> dict[str, int]:
    """Sums of the params, MACs and FLOPs columns of a trace."""
    return {col: int(table[col].sum()) for col in ("params", "macs", "flops")}
