"""Floating-point formats bit by bit: FP64 down to FP8, rounding to nearest-even in plain integer arithmetic.

A finite float is ``(-1)^sign × significand × 2^exponent``. Every format here stores a sign bit, ``exp_bits``
biased exponent bits and ``man_bits`` mantissa bits (the leading 1 of a normal number is implicit).
The readable scalar ``encode`` is the lesson; ``encode_array`` is the same algorithm vectorised with NumPy
for whole tensors. Both match PyTorch's ``torch.tensor(v, dtype=torch.float64).to(dtype)``, which rounds
FP64 → FP32 → the target (so it can round twice) and saturates FP8 E4M3 at ±448.
"""

from __future__ import annotations

import math
import re
import struct
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property

import torch

from lib.errors import LessonError, excerpt


@dataclass(frozen=True)
class FloatFormat:
    """A binary floating-point format: field widths, special values, and its PyTorch dtype if any."""

    name: str
    label: str
    exp_bits: int
    man_bits: int
    has_inf: bool = True
    torch_dtype: torch.dtype | None = None

    @property
    def bias(self) -> int:
        return 2 ** (self.exp_bits - 1) - 1

    @property
    def total_bits(self) -> int:
        return 1 + self.exp_bits + self.man_bits

    @property
    def exp_all_ones(self) -> int:
        return 2**self.exp_bits - 1

    @property
    def emin(self) -> int:
        """Unbiased exponent of the smallest normal number (raw exponent 1)."""
        return 1 - self.bias

    @property
    def max_code(self) -> tuple[int, int]:
        """(raw exponent, mantissa) of the largest finite number.

        IEEE formats keep the all-ones exponent for inf/NaN; E4M3fn has no inf and uses it for numbers,
        except mantissa all ones, its only NaN.
        """
        if self.has_inf:
            return self.exp_all_ones - 1, 2**self.man_bits - 1
        return self.exp_all_ones, 2**self.man_bits - 2

    @property
    def emax(self) -> int:
        return self.max_code[0] - self.bias

    @cached_property
    def max(self) -> float:
        exponent_raw, mantissa = self.max_code
        return math.ldexp(2**self.man_bits + mantissa, exponent_raw - self.bias - self.man_bits)

    @property
    def min_normal(self) -> float:
        return math.ldexp(1.0, self.emin)

    @property
    def min_subnormal(self) -> float:
        return math.ldexp(1.0, self.emin - self.man_bits)

    @property
    def eps(self) -> float:
        """Gap between 1 and the next number: 2^-man_bits."""
        return math.ldexp(1.0, -self.man_bits)

    @property
    def decimal_digits(self) -> float:
        """Significant decimal digits the significand carries: (man_bits + 1)·log10(2)."""
        return (self.man_bits + 1) * math.log10(2)


FORMATS: dict[str, FloatFormat] = {
    "fp64": FloatFormat("fp64", "FP64", 11, 52, torch_dtype=torch.float64),
    "fp32": FloatFormat("fp32", "FP32", 8, 23, torch_dtype=torch.float32),
    "tf32": FloatFormat("tf32", "TF32", 8, 10),
    "fp16": FloatFormat("fp16", "FP16", 5, 10, torch_dtype=torch.float16),
    "bf16": FloatFormat("bf16", "BF16", 8, 7, torch_dtype=torch.bfloat16),
    "fp8_e4m3": FloatFormat("fp8_e4m3", "FP8 E4M3", 4, 3, has_inf=False, torch_dtype=torch.float8_e4m3fn),
    "fp8_e5m2": FloatFormat("fp8_e5m2", "FP8 E5M2", 5, 2, torch_dtype=torch.float8_e5m2),
}
FP64, FP32 = FORMATS["fp64"], FORMATS["fp32"]


def get_format(name: str) -> FloatFormat:
    """The format called ``name`` (a key of FORMATS), or a LessonError listing the choices."""
    if name not in FORMATS:
        raise LessonError("number_formats.error.format", name=name, choices=", ".join(FORMATS))
    return FORMATS[name]


# ----------------------------------------------------------------------------------------------- rounding


def float64_parts(x: float) -> tuple[int, int, int]:
    """Split a finite float into (sign, m, e) with |x| = m · 2^e and m a non-negative integer < 2^53."""
    bits = struct.unpack("<Q", struct.pack("<d", x))[0]
    sign, exponent_raw, mantissa = bits >> 63, (bits >> 52) & 0x7FF, bits & (2**52 - 1)
    if exponent_raw == 0:
        return sign, mantissa, -1074
    return sign, mantissa | 2**52, exponent_raw - 1075


def round_half_even_shift(m: int, shift: int) -> tuple[int, bool]:
    """m / 2^shift rounded to the nearest integer, ties to even; also whether it was an exact tie."""
    if shift <= 0:
        return m << -shift, False
    q, rest = m >> shift, m & ((1 << shift) - 1)
    half = 1 << (shift - 1)
    if rest > half or (rest == half and q & 1):
        q += 1
    return q, rest == half


@dataclass(frozen=True)
class Rounded:
    """The code a finite value rounds to, before special-value policy: raw exponent, mantissa, tie?"""

    exponent_raw: int
    mantissa: int
    tie: bool


def round_magnitude(m: int, e: int, fmt: FloatFormat) -> Rounded:
    """Round m · 2^e (m > 0) to ``fmt`` with nearest-even, as if the exponent had no upper limit.

    1. Find the binade: 2^E <= value < 2^(E+1). Below the normal range use E = emin (subnormals share it).
    2. Count the value in units of that binade's gap 2^(E - man_bits) and round to an integer q.
    3. Rounding up can carry into the next binade (q = 2^(man_bits+1)): halve q, bump E.
    """
    exponent = max(e + m.bit_length() - 1, fmt.emin)
    q, tie = round_half_even_shift(m, exponent - fmt.man_bits - e)
    if q == 2 ** (fmt.man_bits + 1):
        q, exponent = q >> 1, exponent + 1
    if q < 2**fmt.man_bits:  # subnormal (or zero): no implicit leading 1
        return Rounded(0, q, tie)
    return Rounded(exponent + fmt.bias, q - 2**fmt.man_bits, tie)


def _nan_code(fmt: FloatFormat, sign: int) -> int:
    """The NaN PyTorch makes from a Python NaN: quiet (top mantissa bit) with the sign kept; FP8 sets every
    mantissa bit; BF16 drops the sign. (Its vectorised kernels may pick other NaN bits; all are NaN.)"""
    mantissa = 2**fmt.man_bits - 1 if fmt.total_bits == 8 else 2 ** (fmt.man_bits - 1)
    if fmt.name == "bf16":
        sign = 0
    return (sign << (fmt.total_bits - 1)) | (fmt.exp_all_ones << fmt.man_bits) | mantissa


def _code(sign: int, exponent_raw: int, mantissa: int, fmt: FloatFormat) -> int:
    return (sign << (fmt.total_bits - 1)) | (exponent_raw << fmt.man_bits) | mantissa


@dataclass(frozen=True)
class Step:
    """One rounding step: the resulting bit code and what happened (for explanations)."""

    code: int
    overflow: bool = False
    saturated: bool = False


def round_float(x: float, fmt: FloatFormat) -> Step:
    """Round the float64 ``x`` to ``fmt`` once (nearest-even); overflow gives inf, or ±max where there is no inf."""
    sign = int(math.copysign(1.0, x) < 0)
    if math.isnan(x):
        return Step(_nan_code(fmt, sign))
    max_exp, max_man = fmt.max_code
    if math.isinf(x):
        if fmt.has_inf:
            return Step(_code(sign, fmt.exp_all_ones, 0, fmt))
        return Step(_code(sign, max_exp, max_man, fmt), overflow=True, saturated=True)
    _, m, e = float64_parts(x)
    if m == 0:
        return Step(_code(sign, 0, 0, fmt))
    r = round_magnitude(m, e, fmt)
    if (r.exponent_raw, r.mantissa) > (max_exp, max_man):
        if fmt.has_inf:
            return Step(_code(sign, fmt.exp_all_ones, 0, fmt), overflow=True)
        return Step(_code(sign, max_exp, max_man, fmt), overflow=True, saturated=True)
    return Step(_code(sign, r.exponent_raw, r.mantissa, fmt))


def decode_code(code: int, fmt: FloatFormat) -> float:
    """The value of the bit pattern ``code`` (an integer) in ``fmt``."""
    sign = code >> (fmt.total_bits - 1)
    exponent_raw = (code >> fmt.man_bits) & fmt.exp_all_ones
    mantissa = code & (2**fmt.man_bits - 1)
    if exponent_raw == fmt.exp_all_ones and fmt.has_inf:
        value = math.inf if mantissa == 0 else math.nan
    elif exponent_raw == fmt.exp_all_ones and mantissa == 2**fmt.man_bits - 1:  # E4M3fn's only NaN
        value = math.nan
    elif exponent_raw == 0:
        value = math.ldexp(mantissa, fmt.emin - fmt.man_bits)
    else:
        value = math.ldexp(2**fmt.man_bits + mantissa, exponent_raw - fmt.bias - fmt.man_bits)
    return -value if sign else value


def torch_path(fmt: FloatFormat) -> list[FloatFormat]:
    """Formats PyTorch rounds through when casting a float64: narrower formats go via FP32 first."""
    if fmt.name == "fp64":
        return []
    if fmt.name == "fp32":
        return [FP32]
    return [FP32, fmt]


def round_like_torch(x: float, fmt: FloatFormat) -> tuple[Step, float]:
    """Round a float64 the way ``torch.tensor(x, dtype=torch.float64).to(dtype)`` does; also the rounded value."""
    step = Step(struct.unpack("<Q", struct.pack("<d", x))[0])
    value = x
    for target in torch_path(fmt):
        previous = step
        step = round_float(value, target)
        step = Step(step.code, overflow=step.overflow or previous.overflow, saturated=step.saturated)
        value = decode_code(step.code, target)
    return step, value


# ----------------------------------------------------------------------------------------------- encode / decode


@dataclass(frozen=True)
class Encoded:
    """A value stored in a format: its bits, fields, the stored value, and what rounding did to it.

    ``why`` is an i18n key (``number_formats.why.*``) explaining the outcome and ``why_params`` its values.
    Errors are measured against the exact input (so FP64's error for ``0.1`` is not zero).
    """

    fmt: str
    bits: str
    sign: int
    exponent_raw: int
    mantissa_raw: int
    stored: float
    kind: str
    abs_error: float
    rel_error: float
    overflow: bool
    underflow: bool
    why: str
    why_params: dict[str, str]

    @property
    def exponent(self) -> int | None:
        """Unbiased exponent (subnormals use emin), or None for inf/NaN."""
        fmt = FORMATS[self.fmt]
        if self.kind in ("inf", "nan"):
            return None
        return fmt.emin if self.exponent_raw == 0 else self.exponent_raw - fmt.bias


def classify(code: int, fmt: FloatFormat) -> str:
    """normal, subnormal, zero, inf or nan for a bit pattern."""
    exponent_raw = (code >> fmt.man_bits) & fmt.exp_all_ones
    mantissa = code & (2**fmt.man_bits - 1)
    if exponent_raw == fmt.exp_all_ones and (fmt.has_inf or mantissa == 2**fmt.man_bits - 1):
        return "inf" if fmt.has_inf and mantissa == 0 else "nan"
    if exponent_raw == 0:
        return "zero" if mantissa == 0 else "subnormal"
    return "normal"


def _errors(exact: Fraction | float, stored: float) -> tuple[float, float]:
    """Absolute and relative error of ``stored`` against the exact input (inf/NaN inputs: 0 if kept)."""
    if isinstance(exact, float) and not math.isfinite(exact):
        kept = exact == stored or (math.isnan(exact) and math.isnan(stored))
        return (0.0, 0.0) if kept else (math.inf, math.nan)
    if not math.isfinite(stored):
        return math.inf, math.inf
    exact = Fraction(exact)
    error = abs(Fraction(stored) - exact)
    return float(error), (float(error / abs(exact)) if exact else 0.0)


def short(x: float) -> str:
    """A compact, exact-enough text for a number in explanations (``65504``, ``6.1e-05``)."""
    if math.isnan(x) or math.isinf(x):
        return str(x)
    if x == int(x) and abs(x) < 1e16:
        return str(int(x))
    return f"{x:.6g}"


def is_halfway(exact: Fraction | float, fmt: FloatFormat) -> bool:
    """Whether ``exact`` lies exactly halfway between two neighbouring numbers of ``fmt`` (a true tie).

    Asked of the exact input, not of PyTorch's FP64 → FP32 → target steps: a tie in the first step (1 + 2^-24
    is halfway between two FP32 numbers) says nothing about the last one. Midpoints are dyadic (p / 2^k).
    """
    exact = abs(Fraction(exact))
    if exact == 0 or exact.denominator & (exact.denominator - 1):
        return False
    return round_magnitude(exact.numerator, 1 - exact.denominator.bit_length(), fmt).tie


def _explain(x: float, exact: Fraction | float, step: Step, stored: float, kind: str, fmt: FloatFormat) -> tuple:
    """Pick the one-line explanation (i18n key, params) for this outcome, most important first."""
    params = {"max": short(fmt.max), "min_sub": short(fmt.min_subnormal), "min_normal": short(fmt.min_normal)}
    direct = decode_code(round_float(x, fmt).code, fmt) if fmt.name != "fp64" else stored
    if math.isnan(x):
        return "number_formats.why.nan", params
    if math.isinf(x):
        return ("number_formats.why.saturate_inf" if step.saturated else "number_formats.why.inf"), params
    if step.saturated:
        return "number_formats.why.saturate", params
    if step.overflow:
        return "number_formats.why.overflow", params
    nonzero = exact != 0
    if kind == "zero" and nonzero:
        return "number_formats.why.flush", params
    if not (direct == stored or (math.isnan(direct) and math.isnan(stored))):
        return "number_formats.why.double_rounding", {**params, "direct": short(direct)}
    if kind == "subnormal":
        return ("number_formats.why.subnormal_exact" if stored == exact else "number_formats.why.subnormal"), params
    if stored == exact:
        return "number_formats.why.exact", params
    if is_halfway(exact, fmt):
        return "number_formats.why.tie", params
    return "number_formats.why.rounded", params


def _encoded(
    code: int, spec: FloatFormat, stored: float, exact: Fraction | float, why: tuple, **flags: bool
) -> Encoded:
    abs_error, rel_error = _errors(exact, stored)
    return Encoded(
        fmt=spec.name,
        bits=format(code, f"0{spec.total_bits}b"),
        sign=code >> (spec.total_bits - 1),
        exponent_raw=(code >> spec.man_bits) & spec.exp_all_ones,
        mantissa_raw=code & (2**spec.man_bits - 1),
        stored=stored,
        kind=classify(code, spec),
        abs_error=abs_error,
        rel_error=rel_error,
        overflow=flags.get("overflow", False),
        underflow=flags.get("underflow", False),
        why=why[0],
        why_params=why[1],
    )


def encode(value: float | Fraction, fmt: str) -> Encoded:
    """Store ``value`` in format ``fmt`` as PyTorch would, with bits, fields, errors and an explanation.

    A Fraction is the exact input (e.g. from ``parse_value("0.1")``): it is first rounded to FP64, as
    ``torch.tensor(0.1, dtype=torch.float64)`` does, and errors are measured against it.
    """
    spec = get_format(fmt)
    exact: Fraction | float = value
    x = float(value)
    if isinstance(value, Fraction) and value == 0:
        exact = x
    step, stored = round_like_torch(x, spec)
    kind = classify(step.code, spec)
    tiny = (not isinstance(exact, float) or math.isfinite(exact)) and 0 < abs(exact) < spec.min_normal
    why = _explain(x, exact, step, stored, kind, spec)
    return _encoded(step.code, spec, stored, exact, why, overflow=step.overflow, underflow=tiny and stored != exact)


BITS = re.compile(r"[01]+")


def check_bits(bits: str, fmt: str) -> str:
    """``bits`` without spaces/underscores, or a LessonError saying what is wrong with it."""
    spec = get_format(fmt)
    cleaned = re.sub(r"[\s_]", "", bits)
    if not cleaned:
        raise LessonError("number_formats.error.bits_empty", n=spec.total_bits, label=spec.label)
    if not BITS.fullmatch(cleaned):
        raise LessonError("number_formats.error.bits_chars")
    if len(cleaned) != spec.total_bits:
        raise LessonError("number_formats.error.bits_length", n=spec.total_bits, label=spec.label, got=len(cleaned))
    return cleaned


def decode(bits: str, fmt: str) -> float:
    """The value a bit string (sign first; spaces allowed) stands for in ``fmt``."""
    return decode_code(int(check_bits(bits, fmt), 2), FORMATS[fmt])


def encode_bits(bits: str, fmt: str) -> Encoded:
    """The bit editor's view of a pattern: its fields and value, stored exactly (no rounding happened)."""
    spec = FORMATS[fmt]
    code = int(check_bits(bits, fmt), 2)
    stored = decode_code(code, spec)
    kind = classify(code, spec)
    why = {
        "nan": "number_formats.why.nan",
        "inf": "number_formats.why.inf",
        "subnormal": "number_formats.why.subnormal_exact",
    }.get(kind, "number_formats.why.exact")
    params = {"max": short(spec.max), "min_sub": short(spec.min_subnormal), "min_normal": short(spec.min_normal)}
    return _encoded(code, spec, stored, stored, (why, params))


# ----------------------------------------------------------------------------------------------- parsing

MAX_TEXT = 80
MAX_EXPONENT = 100_000
MAX_EXACT_BITS = 400_000  # an exact power is computed only when its numerator and denominator stay this small
_NUMBER = r"(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?"
_DECIMAL = re.compile(rf"({_NUMBER})")
_POWER = re.compile(rf"({_NUMBER})(?:\^|\*\*)\(?([+-]?\d+)\)?")
_RATIO = re.compile(rf"({_NUMBER})/({_NUMBER})")
_HEX = re.compile(r"0x(?=\.?[0-9a-f])([0-9a-f]*)(?:\.([0-9a-f]*))?(?:p([+-]?\d+))?")
_SPECIAL = {"inf": math.inf, "infinity": math.inf, "∞": math.inf, "nan": math.nan}
# Magnitudes (log2) well outside FP64: 2^1024 overflows it, below 2^-1075 everything rounds to 0.
_LOG2_OVERFLOW, _LOG2_UNDERFLOW = 1025, -1076


def _exponent(digits: str) -> int:
    """An exponent a learner typed, refused when so large it would hang the exact arithmetic."""
    exponent = int(digits or 0)
    if abs(exponent) > MAX_EXPONENT:
        raise LessonError("number_formats.error.huge_exponent", limit=MAX_EXPONENT)
    return exponent


def _decimal(text: str) -> Fraction:
    """A decimal literal as an exact Fraction, refusing exponents so large they would hang the computation."""
    mantissa, _, exponent = text.partition("e")
    return Fraction(mantissa) * Fraction(10) ** _exponent(exponent)


def _hex(match: re.Match[str]) -> Fraction:
    """A hex float (``0x1.8p3``) as its exact value: hex digits over 16^(fraction digits), times 2^exponent.

    Exact on purpose (``float.fromhex`` rounds ``0x1.00000000000008p0`` to 1 and ``0x1p-1075`` to 0, and
    raises OverflowError past FP64), so the page can show the rounding, underflow or overflow that happens.
    """
    whole, fraction, exponent = match[1], match[2] or "", match[3]
    return Fraction(int(whole + fraction, 16), 16 ** len(fraction)) * Fraction(2) ** _exponent(exponent)


def _log2(value: Fraction) -> float:
    """log2 of a positive Fraction, from its integer parts (exact enough to compare with the format's range)."""
    return math.log2(value.numerator) - math.log2(value.denominator)


def _power(base: Fraction, power: int) -> Fraction:
    """base^power, decided by magnitude first: far outside FP64 is refused at once, and the exact value is
    computed only when its size (bits of numerator and denominator) is bounded by MAX_EXACT_BITS."""
    if abs(power) > MAX_EXPONENT:
        raise LessonError("number_formats.error.huge_exponent", limit=MAX_EXPONENT)
    if base == 0:
        return base**power if power >= 0 else _zero_power()
    if abs(base) == 1:
        return base**power
    log2 = power * _log2(abs(base))
    if log2 > _LOG2_OVERFLOW:
        raise LessonError("number_formats.error.power_overflow", power=_power_of_ten(log2), max=short(FP64.max))
    size = abs(power) * max(base.numerator.bit_length(), base.denominator.bit_length())
    if size <= MAX_EXACT_BITS:
        return base**power
    if log2 < _LOG2_UNDERFLOW:
        raise LessonError(
            "number_formats.error.power_underflow", power=_power_of_ten(log2), min_sub=short(FP64.min_subnormal)
        )
    raise LessonError("number_formats.error.power_cost", digits=f"{int(size * math.log10(2)):,}")


def _power_of_ten(log2: float) -> str:
    """A magnitude given as log2, written as a power of ten (``10^9999800001``)."""
    return f"10^{round(log2 * math.log10(2)):,}"


def _magnitude(body: str) -> Fraction | float:
    if body in _SPECIAL:
        return _SPECIAL[body]
    if match := _HEX.fullmatch(body):
        return _hex(match)
    if _DECIMAL.fullmatch(body):
        return _decimal(body)
    if match := _POWER.fullmatch(body):
        return _power(_decimal(match[1]), int(match[2]))
    if match := _RATIO.fullmatch(body):
        denominator = _decimal(match[2])
        if denominator == 0:
            raise LessonError("number_formats.error.divide_by_zero")
        return _decimal(match[1]) / denominator
    raise LessonError("number_formats.error.not_a_number", text=excerpt(body))


def _zero_power() -> Fraction:
    raise LessonError("number_formats.error.divide_by_zero")


def parse_value(text: str) -> Fraction | float:
    """Read a number a learner typed, safely (regular expressions, never ``eval``).

    Accepts decimals (``0.1``, ``1e-8``), powers (``2^-24``, ``2**-24``, ``-2^10``), ratios (``1/3``),
    hex floats (``0x1p-24``), ``inf``, ``-inf``, ``nan``. Returns the exact value as a Fraction, or a float
    for ±0, ±inf and nan; raises LessonError for anything else or beyond FP64's range.
    """
    body = text.strip().lower().replace(" ", "").replace("_", "").replace("×", "*").replace("−", "-")
    if not body:
        raise LessonError("number_formats.error.empty")
    if len(body) > MAX_TEXT:
        raise LessonError("number_formats.error.too_long", limit=MAX_TEXT)
    sign = -1 if body[0] == "-" else 1
    body = body[1:] if body[0] in "+-" else body
    value = _magnitude(body)
    if isinstance(value, float):
        return math.copysign(value, sign) if not math.isnan(value) else value
    if value == 0:
        return math.copysign(0.0, sign)
    if value >= Fraction(FP64.max) + Fraction(2 ** (FP64.emax - FP64.man_bits - 1)):  # the tie rounds up to inf
        raise LessonError("number_formats.error.fp64_overflow", text=text.strip()[:MAX_TEXT], max=short(FP64.max))
    return sign * value


def parse_float(text: str) -> float:
    """``parse_value`` as the FP64 number PyTorch would start from, for boxes that compute with a float.

    A nonzero value that FP64 rounds to 0 is refused with a message (it would silently become 0 otherwise).
    """
    value = parse_value(text)
    number = float(value)
    if number == 0 and value != 0:
        raise LessonError(
            "number_formats.error.fp64_underflow", text=excerpt(text.strip()), min_sub=short(FP64.min_subnormal)
        )
    return number


# ----------------------------------------------------------------------------------------------- spacing and ranges


def gap_steps(fmt: str) -> tuple[list[float], list[float]]:
    """The gap between neighbours as a staircase: (x where a step starts, gap from there on) up to ``max``.

    Subnormals share the gap ``min_subnormal``; inside binade [2^E, 2^(E+1)) the gap is 2^(E - man_bits).
    """
    spec = get_format(fmt)
    xs, gaps = [spec.min_subnormal], [spec.min_subnormal]
    for exponent in range(spec.emin, spec.emax + 1):
        xs.append(math.ldexp(1.0, exponent))
        gaps.append(math.ldexp(1.0, exponent - spec.man_bits))
    xs.append(spec.max)
    gaps.append(gaps[-1])
    return xs, gaps


def gap_above(value: float, fmt: str) -> float:
    """Distance from ``value`` (rounded to ``fmt``, taken positive) to the next larger number of ``fmt``."""
    spec = get_format(fmt)
    stored = abs(encode(abs(value), fmt).stored)
    if not math.isfinite(stored) or stored >= spec.max:
        return math.inf
    code = int(encode(stored, fmt).bits, 2)
    return decode_code(code + 1, spec) - stored


NOTES_RANGES: tuple[tuple[str, str, float, float], ...] = (
    ("fp32", "±1e-38 … ±1e+38", 1e-38, 1e38),
    ("fp32", "1e-127 … 1e+128", 1e-127, 1e128),
    ("fp16", "1e-15 … 1e+16", 1e-15, 1e16),
    ("tf32", "±1e-127 … ±1e+128", 1e-127, 1e128),
    ("bf16", "= FP32", 1e-38, 1e38),
)
"""Ranges the study notes claim (format, as written, low, high), to check against the computed ones."""


def claimed_range_is_right(fmt: str, low: float, high: float) -> bool:
    """Whether a claimed range [low, high] matches min normal … max to within a factor of 10 at both ends."""
    spec = get_format(fmt)
    return abs(math.log10(low / spec.min_normal)) < 1 and abs(math.log10(high / spec.max)) < 1
