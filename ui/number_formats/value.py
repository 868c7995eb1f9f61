"""Number formats, value tab: type a value and see it stored in every format side by side."""

from __future__ import annotations

import html
import math

import streamlit as st

from lib.errors import LessonError
from lib.number_formats import FORMATS, encode, parse_value
from ui.common import error_message, show_code, t
from ui.number_formats.display import (
    COLOURS,
    coloured_bits,
    error_text,
    exponent_text,
    number,
    significand_text,
    why_text,
)

EXAMPLES = ["0.1", "-0", "1e-8", "65504", "65520", "2^-24", "inf", "nan", "3.4e38", "1/3", "448", "464"]
VALUE_KEY = "number_formats.value"


CELL = "padding:0.3em 0.5em;vertical-align:top"
BITS = "white-space:normal;word-break:break-all;font-size:0.95em"  # FP64's 64 bits wrap instead of scrolling


def _html_table(headers: list[str], rows: list[list[str]], widths: list[str]) -> str:
    """A full-width HTML table whose cells wrap, so it never needs a horizontal scroll bar."""
    head = "".join(
        f"<th style='{CELL};width:{width};text-align:left'>{html.escape(text)}</th>"
        for text, width in zip(headers, widths, strict=True)
    )
    body = "".join("<tr>" + "".join(f"<td style='{CELL}'>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table style='width:100%;table-layout:fixed;font-size:0.95em'><tr>{head}</tr>{body}</table>"


def value_table(value: float, label_of: dict[str, str]) -> str:
    """An HTML table: one row per format with the stored value, its bits and what happened to the value."""
    headers = [t(f"number_formats.col.{name}") for name in ("format", "stored", "bits", "why")]
    rows = []
    for name in FORMATS:
        encoded = encode(value, name)
        kind = html.escape(t(f"number_formats.kind.{encoded.kind}"))
        rows.append(
            [
                f"<b>{html.escape(label_of[name])}</b>",
                f"<span style='{BITS}'><code data-format='{name}'>{html.escape(number(encoded.stored))}</code></span>",
                f"<code style='{BITS}'>{coloured_bits(encoded)}</code>",
                f"<b>{kind}</b> · {html.escape(why_text(encoded))}",
            ]
        )
    return _html_table(headers, rows, ["11%", "22%", "30%", "37%"])


def fields_table(value: float, label_of: dict[str, str]) -> str:
    """An HTML table: one row per format with the fields of its encoding and the rounding errors."""
    headers = [
        t(f"number_formats.col.{name}")
        for name in ("format", "exponent", "mantissa", "abs_error", "rel_error", "flags")
    ]
    rows = []
    for name in FORMATS:
        encoded = encode(value, name)
        flags = [t(f"number_formats.flag.{flag}") for flag in ("overflow", "underflow") if getattr(encoded, flag)]
        rows.append(
            [
                f"<b>{html.escape(label_of[name])}</b>",
                html.escape(exponent_text(encoded)),
                f"<span style='{BITS}'>{html.escape(significand_text(encoded))}</span>",
                html.escape(error_text(encoded.abs_error)),
                html.escape(error_text(encoded.rel_error)),
                html.escape(", ".join(flags)),
            ]
        )
    return _html_table(headers, rows, ["12%", "18%", "26%", "14%", "14%", "16%"])


def _pick_example() -> None:
    if st.session_state.get("number_formats.examples"):
        st.session_state[VALUE_KEY] = st.session_state["number_formats.examples"]


def _typed() -> None:
    st.session_state["number_formats.examples"] = None


def render() -> None:
    """Type a value (or pick an example) and see it in every format side by side."""
    st.subheader(t("number_formats.value.header"))
    st.session_state.setdefault(VALUE_KEY, "0.1")
    st.pills(t("number_formats.value.examples"), EXAMPLES, key="number_formats.examples", on_change=_pick_example)
    text = st.text_input(
        t("number_formats.value.input"), key=VALUE_KEY, help=t("number_formats.value.help"), on_change=_typed
    )
    try:
        value = parse_value(text)
    except LessonError as error:
        st.error(error_message(error), icon=":material/error:")
        return
    labels = {name: spec.label for name, spec in FORMATS.items()}
    legend = t("number_formats.value.legend")
    for field, colour in (("fs", "sign"), ("fe", "exponent"), ("fm", "mantissa")):
        legend = legend.replace(f"class='{field}'", f"style='color:{COLOURS[colour]};font-weight:600'")
    st.markdown(legend, unsafe_allow_html=True)
    st.markdown(value_table(value, labels), unsafe_allow_html=True)
    with st.expander(t("number_formats.value.fields"), icon=":material/table:"):
        st.markdown(fields_table(value, labels), unsafe_allow_html=True)
    st.caption(t("number_formats.value.tf32_note"))
    literal = number(float(value))
    literal = f"float({literal!r})" if not math.isfinite(float(value)) else literal
    show_code(
        f"""import torch

x = torch.tensor({literal}, dtype=torch.float64)
for dtype, as_int, bits in ((torch.float32, torch.int32, 32), (torch.float16, torch.int16, 16),
                            (torch.bfloat16, torch.int16, 16), (torch.float8_e4m3fn, torch.uint8, 8),
                            (torch.float8_e5m2, torch.uint8, 8)):
    y = x.to(dtype)                                   # round to nearest even (E4M3 saturates at 448)
    code = y.view(as_int).item() & (2**bits - 1)      # the raw bit pattern
    print(dtype, y.item(), format(code, f"0{{bits}}b"))
"""
    )
