"""Typed values of the Number formats page (value box, accumulation box, spacing box): every input either
parses to its exact value or raises LessonError, at a cost bounded by the parser itself."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from lib.errors import LessonError
from lib.i18n import translate
from lib.number_formats import MAX_EXACT_BITS, encode, parse_float, parse_value
from tests.apptest_helpers import messages, open_page


@pytest.mark.parametrize(
    "text", ["0x1p5000", "0x1p1024", "0x1.fffffffffffff8p1023", "-0x1p1024", "0xp3", "0x.p3", "0x", "0x.", "0xp",
             "0x1p", "0x1p99999999", "0x1.8p3.5", "0xg"],
)  # fmt: skip
def test_hex_floats_out_of_range_or_malformed_raise_only_lesson_errors(text: str) -> None:
    with pytest.raises(LessonError):
        parse_value(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0x1.00000000000008p0", 1 + Fraction(1, 2**53)),
        ("0x1p-1075", Fraction(1, 2**1075)),
        ("0x1.fffffffffffffp1023", Fraction(2**53 - 1) * 2**971),
        ("0x1.8", Fraction(3, 2)),
        ("0x.8p1", Fraction(1)),
        ("-0x10", Fraction(-16)),
        ("0XAp-2", Fraction(10, 4)),
    ],
)
def test_hex_floats_keep_their_exact_value(text: str, expected: Fraction) -> None:
    assert parse_value(text) == expected


def test_hex_floats_agree_with_python_where_fp64_holds_them_exactly() -> None:
    for text in ("0x1p-24", "0x1.921fb54442d18p1", "0x1p-1074", "0x1.fffffffffffffp1023"):
        assert float(parse_value(text)) == float.fromhex(text)


def test_a_hex_value_between_two_fp64_numbers_reports_rounding() -> None:
    stored = encode(parse_value("0x1.00000000000008p0"), "fp64")
    assert stored.stored == 1.0 == torch.tensor(1 + 2**-53, dtype=torch.float64).item()
    assert stored.abs_error == 2**-53 and stored.why != "number_formats.why.exact"


def test_a_hex_value_below_fp64_reports_underflow_not_zero() -> None:
    stored = encode(parse_value("0x1p-1075"), "fp64")
    assert stored.stored == 0.0 and stored.underflow and stored.why == "number_formats.why.flush"
    with pytest.raises(LessonError, match="underflow"):
        parse_float("0x1p-1075")  # the accumulation and spacing boxes compute with the FP64 value


def test_the_fp64_overflow_tie_is_refused_before_float_conversion_fails() -> None:
    # Exactly halfway between FP64's max and 2^1024: nearest-even rounds it to inf, and float() raises.
    with pytest.raises(OverflowError):
        float(Fraction(2**1024 - 2**970))
    with pytest.raises(LessonError, match="FP64"):
        parse_value("0x1.fffffffffffff8p1023")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("1e99999^99999", "far beyond FP64"),
        ("1e2999^2999", "far beyond FP64"),
        ("-1e2999^2999", "far beyond FP64"),
        ("1e-5^99999", "underflow"),
        ("1.0000001^99999", "digits to compute exactly"),
        ("2^-99999999", "exponent is too large"),
    ],
)
def test_powers_are_decided_by_magnitude_before_computing(text: str, words: str) -> None:
    with pytest.raises(LessonError, match=words):
        parse_value(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2^-2000", Fraction(1, 2**2000)), ("0.5^3", Fraction(1, 8)), ("1^99999", Fraction(1)), ("-1^3", Fraction(-1)),
     ("10^308", Fraction(10**308)), ("0^0", Fraction(1)), ("3^-2", Fraction(1, 9))],
)  # fmt: skip
def test_cheap_powers_stay_exact(text: str, expected: Fraction) -> None:
    assert parse_value(text) == expected


def test_parse_float_is_the_fp64_value() -> None:
    assert parse_float("0.1") == 0.1 and parse_float("2^-1074") == 5e-324 and parse_float("-0") == 0.0
    assert math.isinf(parse_float("-inf")) and math.isnan(parse_float("nan"))


def test_unreadable_text_is_quoted_as_a_short_excerpt() -> None:
    with pytest.raises(LessonError) as refused:
        parse_value("x" * 79)
    assert len(refused.value.localized("en")) < 160 and "…" in str(refused.value)


ALPHABET = "0123456789.eE+-^*()/xXpPaAbBcCdDfF_ ×−∞infty١²"


@settings(max_examples=500, deadline=None)
@given(st.text(ALPHABET, max_size=24))
def test_fuzz_only_lesson_errors_escape_and_values_stay_small(text: str) -> None:
    try:
        value = parse_value(text)
    except LessonError:
        return
    if isinstance(value, Fraction):
        # Cost bounded by construction: no accepted value is bigger than the parser's limits allow.
        assert value.numerator.bit_length() + value.denominator.bit_length() <= 3 * MAX_EXACT_BITS
        assert math.isfinite(float(value))
        try:
            parse_float(text)
        except LessonError:
            assert float(value) == 0


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(["", "-"]),
    st.integers(0, 10**6).map(str),
    st.sampled_from(["", ".5", "e99999", "e-99999", "e300"]),
    st.sampled_from(["^", "**", "/"]),
    st.integers(-(10**6), 10**6).map(str),
)
def test_fuzz_powers_and_ratios_of_extreme_numbers(sign: str, base: str, tail: str, op: str, power: str) -> None:
    text = f"{sign}{base}{tail}{op}{power}"
    try:
        value = parse_value(text)
    except LessonError:
        return
    assert isinstance(value, float) or value.numerator.bit_length() <= 3 * MAX_EXACT_BITS


BOXES = ("number_formats.value", "number_formats.acc.value", "number_formats.spacing.value")
ISSUE_EXAMPLES = ("0x1p5000", "0x1p1024", "0x1.fffffffffffff8p1023", "0xp3", "0x.p3", "1e99999^99999", "1e2999^2999")


@pytest.fixture(scope="module")
def page() -> AppTest:
    return open_page("pages/number_formats.py")


MAIN_TABS = ("value", "editor", "range", "spacing", "lessons")


@pytest.mark.parametrize("box", BOXES)
def test_every_typed_value_box_answers_the_issue_examples_with_a_message(page: AppTest, box: str) -> None:
    for text in (*ISSUE_EXAMPLES, "x" * 10_000):
        page.text_input(key=box).input(text).run()
        assert not page.exception, (box, text, messages(page))
        assert page.error, f"{box}: no message for {text[:20]!r}"
        assert all(len(item.value) < 300 for item in page.error)  # never the whole text echoed back
        shown = {tab.label for tab in page.tabs}  # the following tabs still render
        assert all(translate(f"number_formats.tab.{name}", "en") in shown for name in MAIN_TABS) and page.dataframe
    page.text_input(key=box).input("0.5").run()
    assert not page.error and not page.exception


def test_underflow_in_the_float_boxes_is_reported_not_silent(page: AppTest) -> None:
    page.text_input(key="number_formats.spacing.value").input("0x1p-1075").run()
    assert any("underflow" in item.value for item in page.error)
    page.text_input(key="number_formats.spacing.value").input("1000").run()
