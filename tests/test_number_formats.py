"""lib.number_formats against PyTorch: every bit pattern, edge cases, 100k random casts, finfo, and round-trips."""

import math
from fractions import Fraction

import ml_dtypes
import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.errors import LessonError
from lib.number_formats import FORMATS, decode, decode_code, encode, parse_value, short
from lib.number_formats_arrays import decode_codes, tf32_round, torch_codes

TORCH_FORMATS = [name for name, spec in FORMATS.items() if spec.torch_dtype is not None]
INT_VIEW = {8: torch.uint8, 16: torch.int16, 32: torch.int32, 64: torch.int64}


def torch_cast_codes(values: np.ndarray, name: str) -> np.ndarray:
    """Bit codes of ``torch.tensor(values, dtype=float64).to(dtype)`` as unsigned integers."""
    spec = FORMATS[name]
    cast = torch.from_numpy(np.asarray(values, dtype=np.float64)).to(spec.torch_dtype)
    codes = cast.view(INT_VIEW[spec.total_bits]).numpy().astype(np.int64).astype(np.uint64)
    return codes & np.uint64(2**spec.total_bits - 1) if spec.total_bits < 64 else codes


def same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))


@pytest.mark.parametrize("name", ["fp16", "bf16", "fp8_e4m3", "fp8_e5m2"])
def test_every_bit_pattern_decodes_like_torch_view(name: str) -> None:
    spec = FORMATS[name]
    codes = np.arange(2**spec.total_bits, dtype=np.int64)
    storage = torch.from_numpy(codes).to(INT_VIEW[spec.total_bits]) if spec.total_bits == 16 else None
    if storage is None:
        storage = torch.from_numpy(codes.astype(np.uint8))
    expected = storage.view(spec.torch_dtype).to(torch.float64).numpy()
    mine = np.array([decode_code(int(code), spec) for code in codes])
    np.testing.assert_array_equal(mine, expected)  # NaN equals NaN here; signs of zero checked below
    assert np.array_equal(np.signbit(mine), np.signbit(expected))
    np.testing.assert_array_equal(decode_codes(codes.astype(np.uint64), spec), expected)


EDGES = [
    0.0, -0.0, math.inf, -math.inf, math.nan, -math.nan, 1.0, 0.1, 1 / 3, 1e-8, -1e-8,
    65504.0, 65519.99, 65520.0, 65536.0, 1e6, 2**-24, 2**-25, 1.5 * 2**-25, 2**-25 + 2**-50, 2**-14, 2**-14 - 2**-25,
    1 + 2**-11, 1 + 3 * 2**-11, 1 + 2**-11 + 2**-40, 1 + 2**-8, 1 + 2**-8 + 2**-40, 3.3895e38, 3.4e38, 3.5e38, 1e39,
    448.0, 464.0, 464.01, 480.0, 500.0, 2**-9, 2**-10, 3 * 2**-10, 2**-6, 57344.0, 61439.0, 61440.0, 1e300, 5e-324,
    1.17549435e-38, 1.4e-45, 7e-46, 2**-149, 2**-150,
]  # fmt: skip


@pytest.mark.parametrize("name", TORCH_FORMATS)
def test_encode_matches_torch_cast_on_edge_cases(name: str) -> None:
    values = np.array(EDGES + [-v for v in EDGES])
    expected = torch_cast_codes(values, name)
    spec = FORMATS[name]
    for value, code in zip(values, expected, strict=True):
        got = encode(float(value), name)
        if math.isnan(value):  # torch's NaN sign/payload bits differ between its scalar and SIMD kernels
            assert math.isnan(got.stored) and got.kind == "nan"
            continue
        assert got.bits == format(int(code), f"0{spec.total_bits}b"), (name, value)
        assert same(got.stored, decode_code(int(code), spec))
        assert same(decode(got.bits, name), got.stored)


def random_float64s(n: int, seed: int) -> np.ndarray:
    """Values across FP64's range, dense near every format's edges, plus exact ties for the narrow formats."""
    rng = np.random.default_rng(seed)
    wide = np.ldexp(rng.integers(0, 2**53, n).astype(np.float64), rng.integers(-1100, 970, n))
    near = rng.standard_normal(n) * np.exp2(rng.integers(-30, 20, n).astype(np.float64))
    ties = np.ldexp(rng.integers(1, 2**12, n).astype(np.float64) + 0.5, rng.integers(-30, 10, n))
    values = np.concatenate([wide, near, ties])
    values[::3] *= -1
    return values


@pytest.mark.parametrize("name", TORCH_FORMATS)
def test_vectorised_twin_matches_torch_on_random_values(name: str) -> None:
    values = random_float64s(40_000, seed=1)  # 120,000 values
    np.testing.assert_array_equal(torch_codes(values, name), torch_cast_codes(values, name))


@pytest.mark.parametrize("name", TORCH_FORMATS)
def test_scalar_encode_matches_torch_on_random_values(name: str) -> None:
    values = random_float64s(700, seed=2)
    expected = torch_cast_codes(values, name)
    width = FORMATS[name].total_bits
    assert [encode(float(v), name).bits for v in values] == [format(int(c), f"0{width}b") for c in expected]


def test_scalar_and_vectorised_tf32_agree_with_the_fp32_bit_trick() -> None:
    values = random_float64s(2_000, seed=3)
    values = values[np.abs(values) < 3e38]
    fp32 = torch.from_numpy(values).float()
    bits = fp32.view(torch.int32).to(torch.int64)
    trick = ((bits + 0xFFF + ((bits >> 13) & 1)) & ~0x1FFF).to(torch.int32).view(torch.float32)
    finite = torch.isfinite(trick)
    torch.testing.assert_close(tf32_round(fp32)[finite], trick[finite], rtol=0, atol=0)
    for value, expected in list(zip(fp32.tolist(), trick.tolist(), strict=True))[:300]:
        assert same(encode(value, "tf32").stored, expected)


@pytest.mark.parametrize("name", TORCH_FORMATS)
def test_range_table_matches_torch_finfo(name: str) -> None:
    spec, info = FORMATS[name], torch.finfo(FORMATS[name].torch_dtype)
    assert spec.max == info.max
    assert spec.min_normal == info.tiny == info.smallest_normal
    assert spec.eps == info.eps
    assert spec.min_subnormal == info.tiny * info.eps
    assert spec.min_subnormal == decode_code(1, spec)
    assert spec.total_bits == info.bits


def test_known_outcomes_and_explanations() -> None:
    assert encode(65520.0, "fp16").stored == math.inf and encode(65520.0, "fp16").overflow
    assert encode(65519.99, "fp16").stored == 65504
    assert encode(65520.0, "fp16").why == "number_formats.why.overflow"
    assert encode(1e6, "fp8_e4m3").stored == 448 and encode(1e6, "fp8_e4m3").why == "number_formats.why.saturate"
    assert encode(math.inf, "fp8_e4m3").stored == 448
    assert encode(61440.0, "fp8_e5m2").stored == math.inf
    tiny = encode(1e-8, "fp16")
    assert tiny.stored == 0 and tiny.underflow and tiny.kind == "zero" and tiny.why == "number_formats.why.flush"
    assert encode(2**-24, "fp16").kind == "subnormal"
    assert encode(1 + 2**-11 + 2**-40, "fp16").why == "number_formats.why.double_rounding"
    assert encode(1 + 2**-11, "fp16").why == "number_formats.why.tie"
    point_one = encode(parse_value("0.1"), "fp64")
    assert (
        point_one.abs_error == float(abs(Fraction(0.1) - Fraction(1, 10)))
        and point_one.why == "number_formats.why.rounded"
    )
    assert encode(-0.0, "bf16").bits == "1" + "0" * 15
    assert encode(3.4e38, "bf16").stored == math.inf and encode(3.4e38, "fp32").stored < math.inf
    assert encode(1.0, "fp16").exponent == 0 and encode(2**-24, "fp16").exponent == -14


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.1", Fraction(1, 10)), ("-0", -0.0), ("1e-8", Fraction(1, 10**8)), ("65504", Fraction(65504)),
        ("2^-24", Fraction(1, 2**24)), ("2**-24", Fraction(1, 2**24)), ("-2^10", Fraction(-1024)), ("inf", math.inf),
        ("-inf", -math.inf), ("0x1p-24", Fraction(1, 2**24)), ("1/3", Fraction(1, 3)), (" 3.4E38 ", Fraction(34 * 10**37)),
        ("2^(-3)", Fraction(1, 8)), ("1e-400", Fraction(1, 10**400)),
    ],
)  # fmt: skip
def test_parse_value_accepts_what_learners_type(text: str, expected: Fraction | float) -> None:
    got = parse_value(text)
    assert got == expected and type(got) is type(expected)
    if isinstance(expected, float):
        assert math.copysign(1, got) == math.copysign(1, expected)


def test_parse_value_nan() -> None:
    assert math.isnan(parse_value("NaN"))


@pytest.mark.parametrize("name", TORCH_FORMATS)
def test_a_single_nan_casts_to_the_nan_bits_encode_shows(name: str) -> None:
    expected = torch_cast_codes(np.array([math.nan]), name)[0]
    assert encode(math.nan, name).bits == format(int(expected), f"0{FORMATS[name].total_bits}b")


@pytest.mark.parametrize("text", ["", "   ", "abc", "1e999", "-1e999", "2^2000", "1/0", "0^-1", "1e99999999", "x" * 200,
                                  "__import__('os')", "1+1", "2^", "1..2", "0x", "--1"])  # fmt: skip
def test_parse_value_rejects_junk_with_a_lesson_error(text: str) -> None:
    with pytest.raises(LessonError):
        parse_value(text)


def test_parse_value_overflow_message_names_fp64() -> None:
    with pytest.raises(LessonError, match="FP64"):
        parse_value("1e999")


@pytest.mark.parametrize(
    ("bits", "name"), [("0101", "fp16"), ("01x0000000000000", "fp16"), ("", "bf16"), ("2" * 8, "fp8_e4m3")]
)
def test_bad_bit_strings_raise(bits: str, name: str) -> None:
    with pytest.raises(LessonError):
        decode(bits, name)


def test_decode_ignores_spaces() -> None:
    assert decode("0 01111 0000000000", "fp16") == 1.0


@settings(max_examples=300, deadline=None)
@given(value=st.floats(allow_nan=True, allow_infinity=True), name=st.sampled_from(sorted(FORMATS)))
def test_decode_of_encode_is_the_stored_value(value: float, name: str) -> None:
    encoded = encode(value, name)
    assert same(decode(encoded.bits, name), encoded.stored)
    assert len(encoded.bits) == FORMATS[name].total_bits


@settings(max_examples=200, deadline=None)
@given(value=st.floats(allow_nan=False, allow_infinity=False, width=32), name=st.sampled_from(sorted(FORMATS)))
def test_stored_value_is_a_nearest_representable_neighbour(value: float, name: str) -> None:
    """No representable number lies strictly closer to the FP32-rounded input than the stored one."""
    encoded = encode(value, name)
    if not math.isfinite(encoded.stored) or encoded.overflow:
        return
    code = int(encoded.bits, 2)
    for neighbour in (code - 1, code + 1):
        if 0 <= neighbour < 2 ** FORMATS[name].total_bits and (neighbour ^ code) >> (len(encoded.bits) - 1) == 0:
            other = decode_code(neighbour, FORMATS[name])
            if math.isfinite(other):
                assert abs(other - value) >= abs(encoded.stored - value)


# ---- against an independent reference: ml_dtypes (NumPy's float16 for FP16) ---------------------------

ML_DTYPES = {
    "fp16": np.float16,
    "bf16": ml_dtypes.bfloat16,
    "fp8_e4m3": ml_dtypes.float8_e4m3fn,
    "fp8_e5m2": ml_dtypes.float8_e5m2,
}


def reference_values(name: str, n: int, seed: int) -> np.ndarray:
    """Random values in and around ``name``'s range, exact ties of ``name``, and exact ties of FP32 (1 + 2^-24)."""
    spec = FORMATS[name]
    rng = np.random.default_rng(seed)
    exponents = rng.integers(spec.emin - spec.man_bits - 2, spec.emax + 2, n)
    spread = np.ldexp(rng.random(n) + 1.0, exponents)
    ties = np.ldexp(rng.integers(2**spec.man_bits, 2 ** (spec.man_bits + 1), n) + 0.5, exponents - spec.man_bits)
    fp32 = np.ldexp(rng.integers(2**23, 2**24, n) + 0.5, exponents - 23)  # halfway between two FP32 numbers
    values = np.concatenate([spread, ties, fp32, [1 + 2**-24, 1.0000000596046448, 1 + 2**-11, 1 + 2**-8]])
    values = values[values <= spec.max * 1.2]
    values[::2] *= -1
    return values


def halfway_in(value: float, dtype: type) -> bool:
    """Whether ``value`` is exactly the midpoint of its two neighbours in ``dtype``, found with np.nextafter."""
    near = np.array([value]).astype(dtype)
    if float(near[0]) == value or not np.isfinite(near[0]):
        return False
    toward = np.array([math.copysign(float(ml_dtypes.finfo(dtype).max), value - float(near[0]))]).astype(dtype)
    other = np.nextafter(near, toward)
    return float(near[0]) + float(other[0]) == 2 * value


@pytest.mark.filterwarnings("ignore:overflow encountered in cast:RuntimeWarning")
@pytest.mark.parametrize("name", list(ML_DTYPES))
def test_encode_and_its_explanation_agree_with_ml_dtypes(name: str) -> None:
    """Stored value = ml_dtypes' cast of the FP32 value (PyTorch's path); "tie" exactly when ml_dtypes' neighbours
    of the exact input are equally near; "double rounding" names ml_dtypes' direct cast.

    Excluded, as labelled: E4M3 overflow, where PyTorch (this project's reference) saturates to ±448 and
    ml_dtypes gives NaN.
    """
    dtype, spec = ML_DTYPES[name], FORMATS[name]
    ties = 0
    for value in reference_values(name, 400, seed=7).tolist():
        got = encode(value, name)
        via_fp32 = float(np.array([np.float32(value)]).astype(dtype)[0])
        direct = float(np.array([value]).astype(dtype)[0])
        if name == "fp8_e4m3" and (math.isnan(via_fp32) or math.isnan(direct)):
            assert got.stored == math.copysign(448, value) and got.why == "number_formats.why.saturate"
            continue
        assert same(got.stored, via_fp32), (name, value)
        if got.why == "number_formats.why.double_rounding":
            assert got.why_params["direct"] == short(direct) and direct != via_fp32
            continue
        assert direct == via_fp32 or not math.isfinite(via_fp32), (name, value)
        if abs(value) > spec.max:  # beyond max a format has one neighbour only: the tie question does not apply
            continue
        halfway = halfway_in(value, dtype)
        if got.why in ("number_formats.why.tie", "number_formats.why.rounded"):
            assert (got.why == "number_formats.why.tie") == halfway, (name, value, got.why)
            ties += halfway
        elif got.why not in ("number_formats.why.overflow", "number_formats.why.flush"):
            assert not halfway or got.kind == "subnormal", (name, value, got.why)
    assert ties > 50


def test_a_tie_of_the_fp32_step_is_not_a_tie_of_fp16() -> None:
    """1 + 2^-24 is halfway between two FP32 numbers, not between FP16's 1 and 1 + 2^-10: it simply rounds down."""
    assert not halfway_in(1 + 2**-24, np.float16) and halfway_in(1 + 2**-24, np.float32)
    assert encode(1 + 2**-24, "fp16").why == "number_formats.why.rounded"
    assert encode(parse_value("1.0000000596046448"), "fp16").why == "number_formats.why.rounded"
    assert encode(1 + 2**-24, "fp32").why == "number_formats.why.tie"
    assert encode(parse_value("9007199254740993"), "fp64").why == "number_formats.why.tie"  # 2^53 + 1
