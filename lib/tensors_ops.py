"""Helpers for the operations gallery and the layouts section: small tables <-> tensors, memory sharing
checks, and what a layer does to a layout's shape (computed on the meta device, so nothing is allocated)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import torch
from torch import nn

from lib.errors import LessonError

MAX_TABLE_CELLS = 64

LAYOUTS: dict[str, tuple[str, ...]] = {
    "image": ("N", "C", "H", "W"),
    "audio": ("batch", "time", "freq"),
    "llm": ("batch", "seq", "hidden"),
}


def table_to_tensor(table: pd.DataFrame, name: str) -> torch.Tensor:
    """An edited table -> float32 tensor of the same (rows, columns); empty or non-numeric cells are an error."""
    values = table.apply(pd.to_numeric, errors="coerce")
    if values.size == 0:
        raise LessonError("tensors.ops.empty_table", name=name)
    if values.isna().to_numpy().any():
        raise LessonError("tensors.ops.bad_cell", name=name)
    return torch.tensor(values.to_numpy(dtype="float64"), dtype=torch.float32)


def tensor_grid(tensor: torch.Tensor) -> pd.DataFrame:
    """Any small tensor as a 2-D table: the last dim across, every leading index down (``[1, 0, :]``)."""
    if tensor.dim() == 0:
        return pd.DataFrame({"": [tensor.item()]}, index=["()"])
    columns = [str(i) for i in range(tensor.shape[-1])]
    if tensor.dim() == 1:
        return pd.DataFrame([tensor.tolist()], columns=columns, index=[":"])
    rows = tensor.reshape(-1, tensor.shape[-1]).tolist()
    leading = ["[" + ", ".join(str(i) for i in index) + ", :]" for index in _indices(tuple(tensor.shape[:-1]))]
    return pd.DataFrame(rows, columns=columns, index=leading)


def _indices(shape: tuple[int, ...]) -> list[tuple[int, ...]]:
    """Every index of ``shape`` in row-major order (the order ``reshape(-1)`` reads elements)."""
    if not shape:
        return [()]
    return [(i, *rest) for i in range(shape[0]) for rest in _indices(shape[1:])]


def shares_memory(a: torch.Tensor, b: torch.Tensor) -> bool:
    """Whether two tensors read the same storage (a view and its base do; a clone does not)."""
    return a.untyped_storage().data_ptr() == b.untyped_storage().data_ptr()


@dataclass(frozen=True)
class InPlaceReport:
    """What each way of writing ``X + Y`` does to the target's identity and storage."""

    slice_assign_same_id: bool  # Z[:] = X + Y
    slice_assign_same_ptr: bool
    augmented_same_id: bool  # X += Y
    augmented_same_ptr: bool
    rebind_same_id: bool  # X = X + Y
    rebind_same_ptr: bool
    result: torch.Tensor


def in_place_report(x: torch.Tensor, y: torch.Tensor) -> InPlaceReport:
    """Run the notes' three spellings and compare ``id()`` and ``data_ptr()`` before and after each."""
    z = torch.zeros_like(y)
    before_id, before_ptr = id(z), z.data_ptr()
    z[:] = x + y
    slice_id, slice_ptr = id(z) == before_id, z.data_ptr() == before_ptr
    target = x.clone()
    before_id, before_ptr = id(target), target.data_ptr()
    target += y
    aug_id, aug_ptr = id(target) == before_id, target.data_ptr() == before_ptr
    kept = target  # hold the old object so its id cannot be reused by the new one
    before_id, before_ptr = id(target), target.data_ptr()
    target = target + y
    rebind_id, rebind_ptr = id(target) == before_id, target.data_ptr() == before_ptr
    del kept
    return InPlaceReport(slice_id, slice_ptr, aug_id, aug_ptr, rebind_id, rebind_ptr, z)


def layer_output(
    layout: str, shape: tuple[int, ...], out_features: int, kernel: int, stride: int, padding: int
) -> tuple[tuple[int, ...], int, str]:
    """The layer a layout meets first and its output shape, run on the meta device (no memory, no numbers).

    Images: ``Conv2d(C, out, kernel, stride, padding)`` on NCHW. Audio: ``Conv1d(freq, out, ...)`` over time,
    which wants channels first, so the input is permuted to [batch, freq, time]. LLM: ``Linear(hidden, out)``
    acts on the last dim only.
    """
    if any(size <= 0 for size in shape) or min(out_features, kernel, stride) <= 0 or padding < 0:
        raise LessonError("tensors.layout.positive")
    data = torch.empty(shape, device="meta")
    if layout == "image":
        layer: nn.Module = nn.Conv2d(shape[1], out_features, kernel, stride, padding, device="meta")
        code = f"nn.Conv2d({shape[1]}, {out_features}, kernel_size={kernel}, stride={stride}, padding={padding})"
    elif layout == "audio":
        layer = nn.Conv1d(shape[2], out_features, kernel, stride, padding, device="meta")
        data = data.permute(0, 2, 1)
        code = f"nn.Conv1d({shape[2]}, {out_features}, kernel_size={kernel}, stride={stride}, padding={padding})"
    else:
        layer = nn.Linear(shape[2], out_features, device="meta")
        code = f"nn.Linear({shape[2]}, {out_features})"
    try:
        output = layer(data)
    except RuntimeError as error:
        raise LessonError("tensors.layout.torch_error", detail=str(error)[:300]) from error
    parameters = sum(math.prod(p.shape) for p in layer.parameters())
    return tuple(output.shape), parameters, code
