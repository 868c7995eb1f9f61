"""Convolution and pooling arithmetic, written out the slow, readable way.

The output-size formula (one spatial dimension, as ``torch.nn.Conv2d`` documents it):

    out = floor((n + 2·padding − dilation·(kernel − 1) − 1) / stride) + 1

transposed convolution runs it backwards, and pooling may round up (``ceil_mode``). The step
functions slide a window over a (C, H, W) input and record every multiplication, so a page can
replay the computation window by window; ``assemble`` puts the recorded results back into the
tensor ``torch.nn.functional`` computes in one call.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import torch
import torch.nn.functional as F
from PIL import Image

from lib.errors import LessonError

Pair = int | tuple[int, int]

# Above this many multiply-adds the PyTorch shape check runs on the "meta" device (shapes only).
REAL_CHECK_BUDGET = 20_000_000


def _pair(value: Pair) -> tuple[int, int]:
    """(height, width) from an int or a pair, like PyTorch's ``_pair``."""
    if isinstance(value, int):
        return value, value
    height, width = value
    return int(height), int(width)


def kernel_span(kernel: int, dilation: int = 1) -> int:
    """How many input pixels one dilated kernel covers: dilation·(kernel − 1) + 1."""
    return dilation * (kernel - 1) + 1


_NOT_POSITIVE = {
    "size": "convolution.error.size_not_positive",
    "kernel": "convolution.error.kernel_not_positive",
    "stride": "convolution.error.stride_not_positive",
    "dilation": "convolution.error.dilation_not_positive",
}


def _check_positive(name: str, value: int) -> None:
    if value < 1:
        raise LessonError(_NOT_POSITIVE[name], value=value)


def output_size(
    n: int,
    kernel: int,
    stride: int = 1,
    padding: int = 0,
    dilation: int = 1,
    *,
    ceil_mode: bool = False,
    transposed: bool = False,
    output_padding: int = 0,
    pool: bool = False,
) -> int:
    """Output length along one dimension of Conv2d (default), ConvTranspose2d (``transposed``) or
    MaxPool2d/AvgPool2d (``pool``); raises ``LessonError`` exactly where PyTorch refuses.

    ``ceil_mode`` exists only for pooling: asking for it without ``pool=True`` is refused (``ValueError``), so a
    caller never gets a convolution's answer to a pooling question."""
    if ceil_mode and not pool:
        raise ValueError("ceil_mode applies to pooling only (MaxPool2d/AvgPool2d): pass pool=True with it.")
    for name, value in (("size", n), ("kernel", kernel), ("stride", stride), ("dilation", dilation)):
        _check_positive(name, value)
    if padding < 0:
        raise LessonError("convolution.error.negative_padding", padding=padding)
    span = kernel_span(kernel, dilation)
    if transposed:
        return _transposed_size(n, kernel, stride, padding, dilation, output_padding)
    if pool:
        return _pool_size(n, kernel, stride, padding, dilation, ceil_mode)
    if n + 2 * padding < span:
        raise LessonError(
            "convolution.error.kernel_too_big",
            kernel=kernel,
            dilation=dilation,
            span=span,
            padded=n + 2 * padding,
        )
    return (n + 2 * padding - span) // stride + 1


def _transposed_size(n: int, kernel: int, stride: int, padding: int, dilation: int, output_padding: int) -> int:
    """(n − 1)·stride − 2·padding + dilation·(kernel − 1) + output_padding + 1."""
    if output_padding < 0:
        raise LessonError("convolution.error.negative_output_padding", output_padding=output_padding)
    if output_padding >= stride and output_padding >= dilation:
        raise LessonError(
            "convolution.error.output_padding", output_padding=output_padding, stride=stride, dilation=dilation
        )
    size = (n - 1) * stride - 2 * padding + kernel_span(kernel, dilation) + output_padding
    if size < 1:
        raise LessonError("convolution.error.transposed_too_small", size=size, padding=padding)
    return size


def _pool_size(n: int, kernel: int, stride: int, padding: int, dilation: int, ceil_mode: bool) -> int:
    """Pooling rounds down, or up with ``ceil_mode`` unless the last window would start in the right padding."""
    if padding > kernel // 2:
        raise LessonError("convolution.error.pool_padding", padding=padding, kernel=kernel, half=kernel // 2)
    span = kernel_span(kernel, dilation)
    room = n + 2 * padding - span
    size = (-(-room // stride) if ceil_mode else room // stride) + 1
    if ceil_mode and ceil_mode_drops_last(n, kernel, stride, padding, dilation):
        size -= 1
    if size < 1:
        raise LessonError(
            "convolution.error.kernel_too_big", kernel=kernel, dilation=dilation, span=span, padded=n + 2 * padding
        )
    return size


def ceil_mode_drops_last(n: int, kernel: int, stride: int, padding: int, dilation: int = 1) -> bool:
    """True when rounding up would add a window that starts inside the right padding (PyTorch drops it)."""
    room = n + 2 * padding - kernel_span(kernel, dilation)
    size = -(-room // stride) + 1
    return (size - 1) * stride >= n + padding


def size_formula_latex(
    n: int,
    kernel: int,
    stride: int = 1,
    padding: int = 0,
    dilation: int = 1,
    *,
    ceil_mode: bool = False,
    transposed: bool = False,
    output_padding: int = 0,
    pool: bool = False,
) -> tuple[str, str]:
    """The output-size formula in LaTeX, symbolic and with the numbers substituted (without the result).

    With ``ceil_mode`` the substituted form ends in "− 1" when PyTorch drops a last window starting in the padding.
    """
    drops = pool and ceil_mode and stride > 0 and ceil_mode_drops_last(n, kernel, stride, padding, dilation)
    n, kernel, stride, padding, dilation, output_padding = (
        f"({v})" if v < 0 else str(v) for v in (n, kernel, stride, padding, dilation, output_padding)
    )
    if transposed:
        symbolic = r"(n-1)\,s - 2p + d\,(k-1) + p_{out} + 1"
        numbers = rf"({n}-1)\cdot {stride} - 2\cdot {padding} + {dilation}\cdot({kernel}-1) + {output_padding} + 1"
        return symbolic, numbers
    left, right = (r"\left\lceil", r"\right\rceil") if pool and ceil_mode else (r"\left\lfloor", r"\right\rfloor")
    symbolic = left + r"\frac{n + 2p - d\,(k-1) - 1}{s}" + right + " + 1"
    numbers = left + rf"\frac{{{n} + 2\cdot {padding} - {dilation}\cdot({kernel}-1) - 1}}{{{stride}}}" + right + " + 1"
    return symbolic, numbers + (" - 1" if drops else "")


def solve_padding(n_in: int, n_out: int, kernel: int, stride: int = 1, dilation: int = 1) -> int | None:
    """The smallest padding p ≥ 0 making a convolution map ``n_in`` to ``n_out``, or None if none does."""
    span = kernel_span(kernel, dilation)
    # out = (n_in + 2p − span) // stride + 1 grows with p, so the first p with out ≥ n_out decides.
    needed = (n_out - 1) * stride + span - n_in  # smallest n_in + 2p − span giving n_out, minus n_in
    padding = max(0, -(-needed // 2))
    if n_in + 2 * padding < span:
        return None
    return padding if (n_in + 2 * padding - span) // stride + 1 == n_out else None


def torch_output_shape(
    height: int,
    width: int,
    kernel: Pair,
    stride: Pair = 1,
    padding: Pair = 0,
    dilation: Pair = 1,
    *,
    op: str = "conv",
    ceil_mode: bool = False,
    output_padding: Pair = 0,
    device: str | None = None,
) -> tuple[int, int]:
    """The (H, W) PyTorch itself produces for a 1×1×H×W input, as an independent check of ``output_size``.

    ``op`` is "conv", "conv_transpose", "max_pool" or "avg_pool". Small inputs run for real on the CPU;
    huge ones on the "meta" device, which computes shapes only but skips some argument checks, so call
    it for huge inputs only on configurations ``output_size`` accepted (``device`` overrides the choice).
    Raises PyTorch's RuntimeError.
    """
    kernel_h, kernel_w = _pair(kernel)
    if device is None:
        device = "cpu" if height * width * kernel_h * kernel_w <= REAL_CHECK_BUDGET else "meta"
    x = torch.zeros(1, 1, height, width, device=device)
    if op in ("conv", "conv_transpose"):
        weight = torch.zeros(1, 1, kernel_h, kernel_w, device=device)
        if op == "conv":
            y = F.conv2d(x, weight, stride=stride, padding=padding, dilation=dilation)
        else:
            y = F.conv_transpose2d(
                x, weight, stride=stride, padding=padding, output_padding=output_padding, dilation=dilation
            )
    elif op == "max_pool":
        y = F.max_pool2d(x, kernel, stride=stride, padding=padding, dilation=dilation, ceil_mode=ceil_mode)
    else:
        y = F.avg_pool2d(x, kernel, stride=stride, padding=padding, ceil_mode=ceil_mode)
    return int(y.shape[2]), int(y.shape[3])


@dataclass(frozen=True)
class Step:
    """One output value of a convolution: where it goes, which inputs it read, and the arithmetic.

    ``rows``/``cols`` index the *padded* input (so padding rows are visible); ``in_channels`` are the input
    channels this output reads (all of them unless the convolution is grouped); ``window``, ``products`` are
    (len(in_channels), kH, kW); ``partial_sums`` is (len(in_channels),), one per input channel read.
    """

    out_channel: int
    row: int
    col: int
    rows: tuple[int, ...]
    cols: tuple[int, ...]
    window: torch.Tensor
    products: torch.Tensor
    partial_sums: torch.Tensor
    bias: float
    total: float
    in_channels: tuple[int, ...]


@dataclass(frozen=True)
class PoolStep:
    """One output value of a pooling: the (kH, kW) window of one channel, its result and, for max, the winner.

    ``argmax`` is the winner's (row, col) inside the window; ``divisor`` is what average pooling divides by.
    """

    channel: int
    row: int
    col: int
    rows: tuple[int, ...]
    cols: tuple[int, ...]
    window: torch.Tensor
    value: float
    argmax: tuple[int, int] | None
    divisor: int | None


def pad_input(x: torch.Tensor, padding: Pair, value: float = 0.0) -> torch.Tensor:
    """(C, H, W) → (C, H + 2·pad_h, W + 2·pad_w), the border filled with ``value``."""
    pad_h, pad_w = _pair(padding)
    return F.pad(x, (pad_w, pad_w, pad_h, pad_h), value=value)


def window_indices(out_index: int, stride: int, dilation: int, kernel: int) -> tuple[int, ...]:
    """Padded-input indices read by output ``out_index``: start at out·stride, then every ``dilation``-th."""
    start = out_index * stride
    return tuple(start + dilation * k for k in range(kernel))


def check_groups(c_in: int, c_out: int, groups: int) -> None:
    """Refuse a ``groups`` that PyTorch's Conv2d refuses: it must be at least 1 and divide C_in and C_out."""
    if groups < 1 or c_in % groups or c_out % groups:
        choices = ", ".join(str(g) for g in valid_groups(c_in, c_out))
        raise LessonError("convolution.error.groups", groups=groups, c_in=c_in, c_out=c_out, choices=choices)


def valid_groups(c_in: int, c_out: int) -> list[int]:
    """Every ``groups`` a Conv2d(c_in, c_out) accepts: the common divisors of C_in and C_out (1 = standard)."""
    return [g for g in range(1, min(c_in, c_out) + 1) if c_in % g == 0 and c_out % g == 0]


def group_inputs(out_channel: int, c_in: int, c_out: int, groups: int) -> tuple[int, ...]:
    """The input channels output channel ``out_channel`` reads: its group's C_in / groups consecutive channels."""
    per_group_in, per_group_out = c_in // groups, c_out // groups
    group = out_channel // per_group_out
    return tuple(range(group * per_group_in, (group + 1) * per_group_in))


def conv2d_steps(
    x: torch.Tensor,
    weight: torch.Tensor,
    bias: torch.Tensor | None = None,
    stride: Pair = 1,
    padding: Pair = 0,
    dilation: Pair = 1,
    groups: int = 1,
) -> list[Step]:
    """Every step of a cross-correlation (what Conv2d computes) of x (C_in, H, W) with weight
    (C_out, C_in / groups, kH, kW): output channel o reads only its group's input channels (``group_inputs``).

    Ordered by output channel, then row, then column; ``assemble`` rebuilds the (C_out, H_out, W_out) output.
    """
    c_out, _, kernel_h, kernel_w = weight.shape
    check_groups(x.shape[0], c_out, groups)
    (stride_h, stride_w), (dil_h, dil_w) = _pair(stride), _pair(dilation)
    pad_h, pad_w = _pair(padding)
    out_h = output_size(x.shape[1], kernel_h, stride_h, pad_h, dil_h)
    out_w = output_size(x.shape[2], kernel_w, stride_w, pad_w, dil_w)
    padded = pad_input(x, padding)
    steps = []
    for o in range(c_out):
        b = float(bias[o]) if bias is not None else 0.0
        channels = group_inputs(o, x.shape[0], c_out, groups)
        for i in range(out_h):
            rows = window_indices(i, stride_h, dil_h, kernel_h)
            for j in range(out_w):
                cols = window_indices(j, stride_w, dil_w, kernel_w)
                window = padded[list(channels)][:, rows][:, :, cols]
                products = window * weight[o]
                partial_sums = products.sum(dim=(1, 2))
                total = float(partial_sums.sum()) + b
                steps.append(Step(o, i, j, rows, cols, window, products, partial_sums, b, total, channels))
    return steps


def pool2d_steps(
    x: torch.Tensor,
    kernel: Pair,
    stride: Pair | None = None,
    padding: Pair = 0,
    mode: str = "max",
    *,
    ceil_mode: bool = False,
) -> list[PoolStep]:
    """Every step of MaxPool2d / AvgPool2d (``mode``) over x (C, H, W); stride defaults to the kernel size.

    Max pooling pads with −∞ (padding never wins); average pooling pads with zeros and counts them
    (``count_include_pad=True``), but not the overhang ``ceil_mode`` adds beyond the padding.
    """
    kernel_h, kernel_w = _pair(kernel)
    stride_h, stride_w = _pair(kernel if stride is None else stride)
    pad_h, pad_w = _pair(padding)
    height, width = x.shape[1], x.shape[2]
    out_h = output_size(height, kernel_h, stride_h, pad_h, ceil_mode=ceil_mode, pool=True)
    out_w = output_size(width, kernel_w, stride_w, pad_w, ceil_mode=ceil_mode, pool=True)
    fill = -math.inf if mode == "max" else 0.0
    # The extra ``kernel`` cells on the bottom/right hold ceil_mode windows that hang over the edge.
    padded = F.pad(x, (pad_w, pad_w + kernel_w, pad_h, pad_h + kernel_h), value=fill)
    steps = []
    for c in range(x.shape[0]):
        for i in range(out_h):
            rows = tuple(r for r in window_indices(i, stride_h, 1, kernel_h) if r < height + 2 * pad_h)
            for j in range(out_w):
                cols = tuple(q for q in window_indices(j, stride_w, 1, kernel_w) if q < width + 2 * pad_w)
                window = padded[c][list(rows)][:, list(cols)]
                if mode == "max":
                    flat = int(torch.argmax(window))
                    argmax = divmod(flat, window.shape[1])
                    steps.append(PoolStep(c, i, j, rows, cols, window, float(window.max()), argmax, None))
                else:
                    divisor = len(rows) * len(cols)
                    value = float(window.sum()) / divisor
                    steps.append(PoolStep(c, i, j, rows, cols, window, value, None, divisor))
    return steps


def assemble(steps: Sequence[Step | PoolStep]) -> torch.Tensor:
    """Put each step's result at its (channel, row, col): the (C, H_out, W_out) output the steps compute."""
    channels = 1 + max(s.out_channel if isinstance(s, Step) else s.channel for s in steps)
    out = torch.zeros(channels, 1 + max(s.row for s in steps), 1 + max(s.col for s in steps))
    for s in steps:
        if isinstance(s, Step):
            out[s.out_channel, s.row, s.col] = s.total
        else:
            out[s.channel, s.row, s.col] = s.value
    return out


def matrix_from_table(table: pd.DataFrame, name: str) -> torch.Tensor:
    """A float32 (rows, cols) tensor from an edited table; a ``LessonError`` names the first bad cell.

    Empty, non-numeric, NaN and infinite cells are refused, so no NaN sneaks into a lesson.
    """
    numbers = table.apply(pd.to_numeric, errors="coerce").astype("float64")
    for row in range(numbers.shape[0]):
        for col in range(numbers.shape[1]):
            value = numbers.iat[row, col]
            if not math.isfinite(value):
                raw = table.iat[row, col]
                shown = "" if raw is None or (isinstance(raw, float) and math.isnan(raw)) else str(raw)
                raise LessonError("convolution.error.bad_cell", name=name, row=row, col=col, value=shown)
    return torch.tensor(numbers.to_numpy(), dtype=torch.float32)


# 3×3 kernels a learner can try; "vertical_edge" is the notes' [[1, 0, -1]] × 3.
KERNELS: dict[str, list[list[float]]] = {
    "vertical_edge": [[1, 0, -1], [1, 0, -1], [1, 0, -1]],
    "horizontal_edge": [[1, 1, 1], [0, 0, 0], [-1, -1, -1]],
    "sobel_x": [[1, 0, -1], [2, 0, -2], [1, 0, -1]],
    "sobel_y": [[1, 2, 1], [0, 0, 0], [-1, -2, -1]],
    "blur": [[1 / 9] * 3] * 3,
    "gaussian_blur": [[1 / 16, 2 / 16, 1 / 16], [2 / 16, 4 / 16, 2 / 16], [1 / 16, 2 / 16, 1 / 16]],
    "sharpen": [[0, -1, 0], [-1, 5, -1], [0, -1, 0]],
    "identity": [[0, 0, 0], [0, 1, 0], [0, 0, 0]],
}


def kernel_tensor(name: str) -> torch.Tensor:
    """The preset kernel ``name`` as a float32 (3, 3) tensor."""
    return torch.tensor(KERNELS[name], dtype=torch.float32)


@dataclass(frozen=True)
class ConvExample:
    """A worked example: input (C_in, H, W), weight (C_out, C_in / groups, kH, kW), bias (C_out,), hyper-parameters."""

    x: torch.Tensor
    weight: torch.Tensor
    bias: torch.Tensor
    stride: int = 1
    padding: int = 0
    dilation: int = 1
    groups: int = 1


def conv_examples() -> dict[str, ConvExample]:
    """The notes' worked convolutions, by name: the 5×5 vertical edge, the two-channel 2×2, d2l's multi-channel ones."""
    edge_input = torch.tensor(
        [[1, 2, 3, 0, 1], [4, 5, 6, 1, 0], [7, 8, 9, 2, 1], [0, 1, 2, 3, 4], [3, 2, 1, 0, 5]], dtype=torch.float32
    )
    d2l_x = torch.arange(9, dtype=torch.float32).reshape(3, 3)
    d2l_x = torch.stack([d2l_x, d2l_x + 1])
    d2l_k = torch.tensor([[[0.0, 1.0], [2.0, 3.0]], [[1.0, 2.0], [3.0, 4.0]]])
    return {
        "notes_edge": ConvExample(edge_input[None], kernel_tensor("vertical_edge")[None, None], torch.zeros(1)),
        "notes_two_channel": ConvExample(
            torch.tensor([[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]]),
            torch.tensor([[[[1.0, 0.0], [0.0, 1.0]], [[0.0, 1.0], [1.0, 0.0]]]]),
            torch.zeros(1),
        ),
        "d2l_multi_in": ConvExample(d2l_x, d2l_k[None], torch.zeros(1)),
        "d2l_multi_in_out": ConvExample(d2l_x, torch.stack([d2l_k, d2l_k + 1, d2l_k + 2]), torch.zeros(3)),
        "padded_stride": ConvExample(
            edge_input[None], kernel_tensor("sobel_x")[None, None], torch.zeros(1), stride=2, padding=1
        ),
        # Four 4×4 channels in two groups: outputs 0-1 read inputs 0-1, outputs 2-3 read inputs 2-3.
        "grouped": ConvExample(
            torch.stack([edge_input[:4, :4] + c for c in range(4)]) % 10,
            torch.tensor([[[[1.0, 0.0], [0.0, -1.0]], [[0.0, 1.0], [-1.0, 0.0]]]]).repeat(4, 1, 1, 1)
            * torch.tensor([1.0, 2.0, 1.0, 2.0])[:, None, None, None],
            torch.tensor([0.0, 1.0, 0.0, 1.0]),
            groups=2,
        ),
        # Depthwise: one 3×3 kernel per channel (horizontal edge, vertical edge, sharpen), no mixing across channels.
        "depthwise": ConvExample(
            torch.stack([edge_input, edge_input.T, edge_input.flip(1)]),
            torch.stack([kernel_tensor(name) for name in ("horizontal_edge", "vertical_edge", "sharpen")])[:, None],
            torch.zeros(3),
            padding=1,
            groups=3,
        ),
    }


@dataclass(frozen=True)
class PoolExample:
    """A worked pooling: input (C, H, W), kernel, stride and padding as (height, width) pairs."""

    x: torch.Tensor
    kernel: tuple[int, int]
    stride: tuple[int, int]
    padding: tuple[int, int] = (0, 0)


def pool_examples() -> dict[str, PoolExample]:
    """The notes' pooling examples: 3×3 stride-1 max on a 5×5 map; d2l's (2, 3) window on arange(16)."""
    notes = torch.tensor(
        [[1, 3, 2, 4, 0], [5, 2, 7, 1, 3], [9, 6, 3, 8, 2], [2, 5, 1, 7, 4], [8, 3, 6, 2, 9]], dtype=torch.float32
    )
    arange = torch.arange(16, dtype=torch.float32).reshape(1, 4, 4)
    return {
        "notes_3x3": PoolExample(notes[None], (3, 3), (1, 1)),
        "d2l_2x3": PoolExample(arange, (2, 3), (2, 3), (0, 1)),
        "d2l_3_pad1_stride2": PoolExample(arange, (3, 3), (2, 2), (1, 1)),
    }


def pool_gradient(
    x: torch.Tensor, kernel: Pair, stride: Pair, padding: Pair, mode: str, *, ceil_mode: bool = False
) -> torch.Tensor:
    """d(sum of the pooled output)/dx for x (H, W) by autograd: max routes each 1 to its argmax, avg spreads it."""
    leaf = x.detach().clone().requires_grad_(True)
    pool = F.max_pool2d if mode == "max" else F.avg_pool2d
    pool(leaf[None, None], kernel, stride, padding, ceil_mode=ceil_mode).sum().backward()
    return leaf.grad


def one_by_one_as_matmul(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
    """A 1×1 convolution of x (C_in, H, W) as a matrix product: (C_out, C_in) @ (C_in, H·W) + bias -> (C_out, H, W)."""
    c_in, height, width = x.shape
    c_out = weight.shape[0]
    y = weight.reshape(c_out, c_in) @ x.reshape(c_in, height * width) + bias[:, None]
    return y.reshape(c_out, height, width)


def image_to_tensor(image: Image.Image, grayscale: bool) -> torch.Tensor:
    """An RGB PIL image as a float (C, H, W) tensor in [0, 1]: C = 1 (luma, as PIL's "L") or 3."""
    array = np.asarray(image.convert("L") if grayscale else image.convert("RGB"), dtype=np.float32) / 255.0
    tensor = torch.from_numpy(array)
    return tensor[None] if grayscale else tensor.permute(2, 0, 1)


def filter_image(image: torch.Tensor, kernel: torch.Tensor, stride: int = 1, padding: int = 0) -> torch.Tensor:
    """Apply one (kH, kW) kernel to every channel of image (C, H, W) separately -> (C, H_out, W_out).

    This is a depthwise convolution (``groups=C``): each colour channel gets the same kernel, no mixing.
    """
    channels = image.shape[0]
    weight = kernel.expand(channels, 1, *kernel.shape)
    return F.conv2d(image[None], weight, stride=stride, padding=padding, groups=channels)[0]


DISPLAYS = ("clip", "rescale", "absolute")


def feature_to_image(feature: torch.Tensor, how: str = "clip") -> np.ndarray:
    """A (C, H, W) feature map as a displayable uint8 (H, W) or (H, W, 3) array.

    "clip": values outside [0, 1] are cut (fits blur, sharpen, identity); "rescale": min..max stretched to
    0..255 (fits edges, which are mostly negative or positive); "absolute": |value|, scaled by its maximum.
    """
    if how == "absolute":
        feature = feature.abs()
        feature = feature / feature.max() if feature.max() > 0 else feature
    elif how == "rescale":
        low, high = feature.min(), feature.max()
        feature = (feature - low) / (high - low) if high > low else torch.zeros_like(feature)
    pixels = (feature.clamp(0, 1) * 255).round().to(torch.uint8)
    return pixels[0].numpy() if pixels.shape[0] == 1 else pixels.permute(1, 2, 0).numpy()
