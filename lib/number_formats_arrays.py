"""``lib.number_formats``' rounding, vectorised: the same integer steps on NumPy arrays, for whole tensors.

Used to emulate formats PyTorch has no dtype for (TF32) and to test the algorithm on 100,000s of values.
"""

from __future__ import annotations

import numpy as np
import torch

from lib.number_formats import FloatFormat, get_format, torch_path

_U = np.uint64


def float64_parts(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Split float64s into (sign, m, e) with |x| = m · 2^e, m < 2^53 (like ``lib.number_formats.float64_parts``)."""
    bits = np.ascontiguousarray(x, dtype=np.float64).view(_U)
    sign = bits >> _U(63)
    exponent_raw = ((bits >> _U(52)) & _U(0x7FF)).astype(np.int64)
    mantissa = bits & _U(2**52 - 1)
    normal = exponent_raw != 0
    m = np.where(normal, mantissa | _U(2**52), mantissa)
    e = np.where(normal, exponent_raw - 1075, -1074)
    return sign, m, e


def round_half_even_shift(m: np.ndarray, shift: np.ndarray) -> np.ndarray:
    """m / 2^shift to the nearest integer, ties to even (shift may be <= 0: exact left shift)."""
    left = np.clip(-shift, 0, 63).astype(_U)
    right = np.clip(shift, 0, 62).astype(_U)
    q, rest = m >> right, m & ((_U(1) << right) - _U(1))
    half = np.where(right > 0, _U(1) << (right - (right > 0).astype(_U)), _U(0))
    up = (right > 0) & ((rest > half) | ((rest == half) & ((q & _U(1)) == _U(1))))
    q = q + up.astype(_U)
    return np.where(shift <= 0, m << left, q)


def round_codes(x: np.ndarray, fmt: FloatFormat) -> np.ndarray:
    """Bit codes (uint64) of float64s ``x`` rounded once to ``fmt``: ``lib.number_formats.round_float`` on arrays."""
    sign, m, e = float64_parts(x)
    top = np.where(m > 0, np.floor(np.log2(np.maximum(m, 1).astype(np.float64))).astype(np.int64), 0)
    # log2 of a float rounds near powers of two: fix the leading-bit position exactly.
    top = np.where((m >> np.clip(top, 0, 63).astype(_U)) == 0, top - 1, top)
    top = np.where((m >> np.clip(top + 1, 0, 63).astype(_U)) > 0, top + 1, top)
    exponent = np.maximum(e + top, fmt.emin)
    q = round_half_even_shift(m, exponent - fmt.man_bits - e)
    carry = q == _U(2 ** (fmt.man_bits + 1))
    q, exponent = np.where(carry, q >> _U(1), q), exponent + carry
    normal = q >= _U(2**fmt.man_bits)
    exponent_raw = np.where(normal, exponent + fmt.bias, 0).astype(_U)
    mantissa = np.where(normal, q - _U(2**fmt.man_bits), q)
    max_exp, max_man = fmt.max_code
    over = (exponent_raw > _U(max_exp)) | ((exponent_raw == _U(max_exp)) & (mantissa > _U(max_man)))
    over |= np.isinf(x)
    if fmt.has_inf:
        exponent_raw = np.where(over, _U(fmt.exp_all_ones), exponent_raw)
        mantissa = np.where(over, _U(0), mantissa)
    else:  # saturate, as PyTorch does for E4M3fn
        exponent_raw = np.where(over, _U(max_exp), exponent_raw)
        mantissa = np.where(over, _U(max_man), mantissa)
    nan = np.isnan(x)
    nan_sign = _U(0) if fmt.name == "bf16" else sign
    nan_man = _U(2**fmt.man_bits - 1) if fmt.total_bits == 8 else _U(2 ** (fmt.man_bits - 1))
    sign = np.where(nan, nan_sign, sign)
    exponent_raw = np.where(nan, _U(fmt.exp_all_ones), exponent_raw)
    mantissa = np.where(nan, nan_man, mantissa)
    return (sign << _U(fmt.total_bits - 1)) | (exponent_raw << _U(fmt.man_bits)) | mantissa


def decode_codes(codes: np.ndarray, fmt: FloatFormat) -> np.ndarray:
    """Float64 values of bit codes in ``fmt`` (``lib.number_formats.decode_code`` on arrays)."""
    codes = codes.astype(_U)
    sign = (codes >> _U(fmt.total_bits - 1)).astype(bool)
    exponent_raw = ((codes >> _U(fmt.man_bits)) & _U(fmt.exp_all_ones)).astype(np.int64)
    mantissa = (codes & _U(2**fmt.man_bits - 1)).astype(np.int64)
    significand = np.where(exponent_raw == 0, mantissa, mantissa + 2**fmt.man_bits).astype(np.float64)
    value = np.ldexp(significand, np.maximum(exponent_raw, 1) - fmt.bias - fmt.man_bits)
    top = exponent_raw == fmt.exp_all_ones
    if fmt.has_inf:
        value = np.where(top, np.where(mantissa == 0, np.inf, np.nan), value)
    else:
        value = np.where(top & (mantissa == 2**fmt.man_bits - 1), np.nan, value)
    return np.where(sign, -value, value)


def torch_codes(x: np.ndarray, fmt: str) -> np.ndarray:
    """Codes PyTorch's float64 → ``fmt`` cast gives (rounding via FP32, like ``lib.number_formats.round_like_torch``)."""
    spec = get_format(fmt)
    values = np.asarray(x, dtype=np.float64)
    codes = values.view(_U)
    for target in torch_path(spec):
        codes = round_codes(values, target)
        values = decode_codes(codes, target)
    return codes


def round_tensor(x: torch.Tensor, fmt: str) -> torch.Tensor:
    """Round every element of ``x`` to ``fmt`` and return it as float32 (e.g. emulate TF32 matmul inputs)."""
    values = x.detach().to(torch.float64).cpu().numpy()
    spec = get_format(fmt)
    rounded = decode_codes(torch_codes(values, fmt), spec)
    dtype = torch.float64 if spec.name == "fp64" else torch.float32
    return torch.from_numpy(rounded).to(dtype)


def tf32_round(x: torch.Tensor) -> torch.Tensor:
    """FP32 → TF32 (10 mantissa bits, nearest-even), kept in an FP32 tensor: what TF32 tensor cores read."""
    return round_tensor(x.to(torch.float32), "tf32").to(torch.float32)
