"""The number-format lessons measure what plain PyTorch measures: sums, gradients, matmul errors, gaps."""

import math

import numpy as np
import pytest
import torch

from lib.errors import LessonError
from lib.number_formats import FORMATS, claimed_range_is_right, decode_code, gap_above, gap_steps
from lib.number_formats_lessons import accumulate, gradient_runs, matmul_errors


@pytest.mark.parametrize("fmt", ["fp32", "fp16", "bf16"])
def test_accumulate_equals_a_plain_torch_loop(fmt: str) -> None:
    dtype = FORMATS[fmt].torch_dtype
    total, step = torch.zeros((), dtype=dtype), torch.tensor(1e-3, dtype=dtype)
    for _ in range(3000):
        total = total + step
    assert accumulate(1e-3, 3000, fmt).total == total.item()


def test_accumulate_reports_the_stall_step() -> None:
    run = accumulate(1e-4, 5000, "fp16")
    total, step = torch.zeros((), dtype=torch.float16), torch.tensor(1e-4, dtype=torch.float16)
    for index in range(1, 5001):
        if total + step == total:
            assert run.stalled_at == index
            break
        total = total + step
    assert run.total == 0.25 == total.item()
    assert accumulate(1e-4, 5000, "fp64").stalled_at is None


@pytest.mark.parametrize(("value", "count"), [(1.0, 0), (1.0, 10**6), (math.inf, 5)])
def test_accumulate_rejects_bad_input(value: float, count: int) -> None:
    with pytest.raises(LessonError):
        accumulate(value, count, "fp16")


def test_fp16_gradient_underflows_and_grad_scaler_rescues_it() -> None:
    runs = {run.label: run for run in gradient_runs(1e-8)}
    assert runs["fp32"].nonzero == 1.0
    assert runs["fp16"].nonzero == 0.0
    assert runs["fp16_scaled"].nonzero == 1.0 and runs["fp16_scaled"].rel_error < 1e-2
    assert runs["bf16"].nonzero == 1.0 and runs["bf16"].rel_error < 2e-2
    assert runs["fp16_scaled"].scale == 65536.0


def test_matmul_errors_match_direct_torch_and_show_fp16_overflow() -> None:
    results = {r.fmt: r for r in matmul_errors(32, 1.0)}
    generator = torch.Generator().manual_seed(0)
    a = torch.randn(32, 32, generator=generator, dtype=torch.float64)
    b = torch.randn(32, 32, generator=generator, dtype=torch.float64)
    exact = a @ b
    direct = ((a.half() @ b.half()).double() - exact).norm() / exact.norm()
    assert results["fp16"].rel_error == pytest.approx(direct.item())
    assert results["fp32"].rel_error < results["tf32"].rel_error < results["bf16"].rel_error
    assert results["fp8_e4m3"].how == "emulated_fp8" and results["tf32"].how == "emulated"
    big = {r.fmt: r for r in matmul_errors(32, 1000.0)}
    assert big["fp16"].overflow and not big["bf16"].overflow


@pytest.mark.parametrize("fmt", ["fp64", "fp32", "fp16", "bf16"])
def test_gap_above_is_the_next_bit_pattern_in_torch(fmt: str) -> None:
    dtype = FORMATS[fmt].torch_dtype
    as_int = {64: torch.int64, 32: torch.int32, 16: torch.int16}[FORMATS[fmt].total_bits]
    for value in (1e-6, 0.1, 1.0, 3.0, 1000.0, 60000.0):
        y = torch.tensor(value, dtype=torch.float64).to(dtype)
        following = (y.view(as_int) + 1).view(dtype)
        assert gap_above(value, fmt) == following.double().item() - y.double().item()


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_gap_steps_agree_with_neighbouring_codes(fmt: str) -> None:
    spec = FORMATS[fmt]
    xs, gaps = gap_steps(fmt)
    assert xs[0] == gaps[0] == spec.min_subnormal and xs[-1] == spec.max
    rng = np.random.default_rng(0)
    for index in rng.integers(1, len(xs) - 1, 20):
        assert gap_above(xs[index], fmt) == gaps[index]
    assert decode_code(1, spec) == spec.min_subnormal


def test_notes_ranges_verdicts() -> None:
    assert claimed_range_is_right("fp32", 1e-38, 1e38)
    assert not claimed_range_is_right("fp16", 1e-15, 1e16)
    assert not claimed_range_is_right("tf32", 1e-127, 1e128)
