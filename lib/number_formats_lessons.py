"""Live experiments behind the number-formats lessons: accumulation, gradient underflow, matmul error.

Each function runs real PyTorch arithmetic in the format (or says how it emulates it) and returns plain data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import torch

from lib.errors import LessonError
from lib.number_formats import FORMATS
from lib.number_formats_arrays import round_tensor, tf32_round

MAX_STEPS = 20_000
ACCUMULATE_FORMATS = ("fp64", "fp32", "fp16", "bf16", "fp8_e4m3", "fp8_e5m2")
COMPUTE_DTYPES = {"fp64": torch.float64, "fp32": torch.float32, "fp16": torch.float16, "bf16": torch.bfloat16}


@dataclass
class Accumulation:
    """Running sum of one format: the total, where it stopped growing, and a thinned trace for the chart."""

    fmt: str
    total: float
    stalled_at: int | None
    steps: list[int] = field(default_factory=list)
    sums: list[float] = field(default_factory=list)


def accumulate(value: float, count: int, fmt: str, points: int = 200) -> Accumulation:
    """Add ``value`` to a running sum ``count`` times, one addition at a time, rounding to ``fmt`` after each.

    Sequential on purpose (``torch.cumsum`` may sum in a wider type or in a tree). FP8 has no arithmetic in
    PyTorch, so each step adds in FP32 and stores the sum back in FP8, which is what FP8 storage means.
    A sum that stops changing stays stuck, so the loop ends early and the rest is filled in.
    """
    if not 1 <= count <= MAX_STEPS:
        raise LessonError("number_formats.error.count", limit=MAX_STEPS)
    if not math.isfinite(value):
        raise LessonError("number_formats.error.finite")
    dtype = FORMATS[fmt].torch_dtype
    compute = COMPUTE_DTYPES.get(fmt, torch.float32)
    total = torch.zeros((), dtype=dtype)
    step = torch.tensor(value, dtype=torch.float64).to(dtype).to(compute)
    every = max(1, count // points)
    result = Accumulation(fmt, 0.0, None, [0], [0.0])
    for index in range(1, count + 1):
        updated = (total.to(compute) + step).to(dtype)
        if updated.to(torch.float64) == total.to(torch.float64) and result.stalled_at is None:
            result.stalled_at = index
            break
        total = updated
        if index % every == 0 or index == count:
            result.steps.append(index)
            result.sums.append(total.item())
    result.total = total.to(torch.float64).item()
    if result.stalled_at is not None:
        result.steps.append(count)
        result.sums.append(result.total)
    return result


def accumulate_code(value: float, count: int) -> str:
    """The PyTorch snippet that reproduces ``accumulate`` for FP16 and BF16."""
    return f"""import torch

for dtype in (torch.float64, torch.float32, torch.float16, torch.bfloat16):
    total = torch.zeros((), dtype=dtype)
    step = torch.tensor({value!r}, dtype=dtype)
    for _ in range({count}):
        total = total + step          # rounded to dtype after every addition
    print(dtype, total.item(), "exact:", {value!r} * {count})
"""


@dataclass(frozen=True)
class GradientRun:
    """One backward pass: how many weight gradients survived (non-zero) and their error vs FP32."""

    label: str
    nonzero: float
    rel_error: float
    scale: float


def _linear_problem(seed: int = 0, batch: int = 32, features: int = 64) -> tuple[torch.nn.Linear, torch.Tensor]:
    generator = torch.Generator().manual_seed(seed)
    model = torch.nn.Linear(features, 16)
    with torch.no_grad():
        model.weight.copy_(torch.randn(model.weight.shape, generator=generator) / math.sqrt(features))
        model.bias.zero_()
    return model, torch.randn(batch, features, generator=generator)


def gradient_runs(grad_size: float, device: str = "cpu") -> list[GradientRun]:
    """Backward passes of ``loss = grad_size · sum(linear(x))`` in FP32, FP16, FP16 + GradScaler, and BF16.

    dLoss/dOutput is ``grad_size`` everywhere. Under FP16 autocast it is cast to FP16 on the way back, so a
    value below FP16's smallest subnormal (~6e-8) becomes 0 and so do all weight gradients. GradScaler
    multiplies the loss first (65536) and divides the FP32 gradients afterwards; BF16 has FP32's range.
    """
    if not 0 < grad_size < 1:
        raise LessonError("number_formats.error.grad_size")
    runs, reference = [], None
    for label, dtype, scaled in (("fp32", None, False), ("fp16", torch.float16, False),
                                 ("fp16_scaled", torch.float16, True), ("bf16", torch.bfloat16, False)):  # fmt: skip
        model, x = _linear_problem()
        model, x = model.to(device), x.to(device)
        scaler = torch.amp.GradScaler(device, enabled=scaled)
        with torch.autocast(
            device_type=torch.device(device).type, dtype=dtype or torch.float32, enabled=dtype is not None
        ):
            loss = grad_size * model(x).float().sum()
        scaler.scale(loss).backward()
        scaler.unscale_(_ParamGroups(model))
        grad = model.weight.grad.detach().double().cpu()
        reference = grad if reference is None else reference
        error = ((grad - reference).norm() / reference.norm()).item() if reference.norm() > 0 else math.nan
        runs.append(
            GradientRun(label, (grad != 0).double().mean().item(), error, scaler.get_scale() if scaled else 1.0)
        )
    return runs


class _ParamGroups:
    """All of an optimizer that ``GradScaler.unscale_`` reads. A real one would do, but constructing the first
    optimizer in a process imports ``torch._dynamo`` (seconds); this lesson never steps."""

    def __init__(self, model: torch.nn.Module) -> None:
        self.param_groups = [{"params": list(model.parameters())}]


def gradient_code(grad_size: float) -> str:
    """The PyTorch snippet that reproduces ``gradient_runs``."""
    return f"""import torch

torch.manual_seed(0)
x = torch.randn(32, 64)
for dtype, scaled in ((torch.float16, False), (torch.float16, True), (torch.bfloat16, False)):
    model = torch.nn.Linear(64, 16)
    scaler = torch.amp.GradScaler("cpu", enabled=scaled)          # "cuda" on a GPU
    with torch.autocast("cpu", dtype=dtype):
        loss = {grad_size!r} * model(x).float().sum()               # dLoss/dOutput = {grad_size!r}
    scaler.scale(loss).backward()                                   # multiplies the loss by 65536 when scaled
    optimizer = torch.optim.SGD(model.parameters(), lr=0.0)
    scaler.unscale_(optimizer)                                      # divides the FP32 gradients back
    print(dtype, scaled, "non-zero grads:", (model.weight.grad != 0).float().mean().item())
"""


MATMUL_FORMATS = ("fp32", "tf32", "fp16", "bf16", "fp8_e4m3", "fp8_e5m2")


@dataclass(frozen=True)
class MatmulError:
    """Relative error ||C - C64|| / ||C64|| of one format's product, how it was computed, and bytes per number."""

    fmt: str
    rel_error: float
    max_abs: float
    overflow: bool
    how: str
    bytes: float


def matmul_errors(size: int, scale: float, device: str = "cpu", real_tf32: bool = False) -> list[MatmulError]:
    """Multiply two random ``size``×``size`` matrices (entries ~ N(0, scale²)) in each format and compare with FP64.

    FP16/BF16 multiply in their dtype. TF32 rounds the inputs' mantissas to 10 bits then multiplies in FP32
    (``real_tf32`` uses the GPU's TF32 tensor cores instead). FP8 rounds the inputs to FP8, multiplies in FP32.
    """
    if not 2 <= size <= 512:
        raise LessonError("number_formats.error.size", low=2, high=512)
    generator = torch.Generator().manual_seed(0)
    a = torch.randn(size, size, generator=generator, dtype=torch.float64) * scale
    b = torch.randn(size, size, generator=generator, dtype=torch.float64) * scale
    exact = a @ b
    results = []
    for fmt in MATMUL_FORMATS:
        if fmt in ("fp32", "fp16", "bf16"):
            dtype = COMPUTE_DTYPES[fmt]
            product, how = (a.to(dtype).to(device) @ b.to(dtype).to(device)).double().cpu(), "native"
        elif fmt == "tf32" and real_tf32:
            product, how = _tf32_on_gpu(a, b, device), "native"
        elif fmt == "tf32":
            product, how = (tf32_round(a.float()) @ tf32_round(b.float())).double(), "emulated"
        else:
            product, how = (round_tensor(a, fmt).float() @ round_tensor(b, fmt).float()).double(), "emulated_fp8"
        finite = torch.isfinite(product).all().item()
        error = ((product - exact).norm() / exact.norm()).item() if finite else math.inf
        max_abs = (product - exact).abs().max().item() if finite else math.inf
        results.append(MatmulError(fmt, error, max_abs, not finite, how, bytes_per_value(fmt)))
    return results


def _tf32_on_gpu(a: torch.Tensor, b: torch.Tensor, device: str) -> torch.Tensor:
    previous = torch.backends.cuda.matmul.allow_tf32
    torch.backends.cuda.matmul.allow_tf32 = True
    try:
        return (a.float().to(device) @ b.float().to(device)).double().cpu()
    finally:
        torch.backends.cuda.matmul.allow_tf32 = previous


def matmul_code(size: int, scale: float) -> str:
    """The PyTorch snippet that reproduces ``matmul_errors`` (TF32 as on a GPU)."""
    return f"""import torch

torch.manual_seed(0)
a = torch.randn({size}, {size}, dtype=torch.float64) * {scale!r}
b = torch.randn({size}, {size}, dtype=torch.float64) * {scale!r}
exact = a @ b
for dtype in (torch.float32, torch.float16, torch.bfloat16):
    c = (a.to(dtype) @ b.to(dtype)).double()
    print(dtype, ((c - exact).norm() / exact.norm()).item())

# TF32 (Ampere+ GPUs): FP32 tensors, 10-bit mantissas inside the tensor cores
torch.backends.cuda.matmul.allow_tf32 = True          # or torch.set_float32_matmul_precision("high")
"""


def bytes_per_value(fmt: str) -> float:
    """Memory per number (TF32 is stored as FP32: 4 bytes, though only 19 bits are used)."""
    return 4.0 if fmt == "tf32" else FORMATS[fmt].total_bits / 8
