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
  dilation d and stride s maps (r, j) to (r + d·(k-1)·j, j·s); Flatten makes every feature see the whole map.
  Branching networks (residual blocks) take, for a tensor made outside a layer such as ``x + branch(x)``, the
  field of the most recent layer output — the longer of the two paths, i.e. the maximum over paths there.
  The value is the theoretical field, which can exceed the image (the padding counts).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode
from torch.utils.weak import WeakIdKeyDictionary

from lib.errors import LessonError

COLUMNS = ["name", "type", "output_shape", "params", "macs", "flops", "rf_size", "rf_jump"]
_WINDOWED = (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d)
_ADAPTIVE = (nn.AdaptiveAvgPool2d, nn.AdaptiveMaxPool2d)


@dataclass(frozen=True)
class Field:
    """Receptive field along H: ``size`` input pixels seen by one output, ``jump`` input pixels between outputs."""

    size: int
    jump: int


def _first(value: int | tuple[int, ...]) -> int:
    """The H component of a PyTorch size argument, which may be an int or an (H, W) tuple."""
    return value[0] if isinstance(value, tuple) else value


def window_field(field: Field, kernel: int, stride: int, dilation: int = 1) -> Field:
    """Field after a k-wide window (conv or pool): the window spans d·(k-1)+1 inputs, each ``jump`` apart."""
    return Field(field.size + dilation * (kernel - 1) * field.jump, field.jump * stride)


def layer_field(module: nn.Module, field: Field, x: torch.Tensor, out: torch.Tensor) -> Field:
    """The receptive field after ``module`` turned ``x`` into ``out``; element-wise layers keep it unchanged."""
    if isinstance(module, _WINDOWED):
        dilation = _first(module.dilation) if isinstance(module, (nn.Conv2d, nn.MaxPool2d)) else 1
        stride = _first(module.stride) if module.stride is not None else _first(module.kernel_size)
        return window_field(field, _first(module.kernel_size), stride, dilation)
    if isinstance(module, _ADAPTIVE) and x.dim() >= 3:
        n_in, n_out = x.shape[-2], out.shape[-2]
        stride = n_in // n_out  # exact when n_out divides n_in, the usual case (global pooling: n_out = 1)
        return window_field(field, n_in - (n_out - 1) * stride, stride)
    if isinstance(module, nn.Flatten) and x.dim() >= 4:
        return window_field(field, x.shape[-2], 1)  # every feature now sees every row of the map
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
    column sums to the model's parameter count), macs, flops (= 2·macs), rf_size, rf_jump.
    """
    _check_input_shape(input_shape)
    x = torch.zeros(1, *input_shape, device=_model_device(model))
    fields = WeakIdKeyDictionary()
    fields[x] = Field(1, 1)
    rows: list[dict[str, object]] = []
    counted: set[int] = set()
    last = Field(1, 1)

    def hook(name: str):
        def record(module: nn.Module, args: tuple[object, ...], out: torch.Tensor) -> None:
            nonlocal last
            inp = args[0] if args and isinstance(args[0], torch.Tensor) else x
            field = layer_field(module, fields.get(inp, last), inp, out)
            fields[out] = field
            last = field
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
        with torch.no_grad():
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
    return pd.DataFrame(rows, columns=COLUMNS)


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
