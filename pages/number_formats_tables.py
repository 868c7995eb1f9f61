"""Number formats page: the range & precision table, the notes' table corrected, and the spacing plot."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lib.errors import LessonError
from lib.floats import FORMATS, NOTES_RANGES, claimed_range_is_right, gap_above, gap_steps, parse_value
from pages.common import error_message, show_code, t
from pages.number_formats_bits import number

PLOT_COLOURS = {
    "fp64": "#4c78a8", "fp32": "#f58518", "tf32": "#e45756", "fp16": "#72b7b2",
    "bf16": "#54a24b", "fp8_e4m3": "#b279a2", "fp8_e5m2": "#9d755d",
}  # fmt: skip


def range_section() -> None:
    """Every format's range and precision, computed from its bit widths (tests compare with torch.finfo)."""
    st.header(t("floats.range.header"))
    rows = []
    for spec in FORMATS.values():
        rows.append(
            {
                t("floats.col.format"): spec.label,
                t("floats.range.col.bits"): f"1 / {spec.exp_bits} / {spec.man_bits}",
                t("floats.range.col.bias"): spec.bias,
                t("floats.range.col.exp_range"): f"{spec.emin} … {spec.emax}",
                t("floats.range.col.max"): f"{spec.max:.6g}",
                t("floats.range.col.min_normal"): f"{spec.min_normal:.6g}",
                t("floats.range.col.min_subnormal"): f"{spec.min_subnormal:.6g}",
                t("floats.range.col.eps"): f"{spec.eps:.6g}",
                t("floats.range.col.digits"): f"{spec.decimal_digits:.2f}",
                t("floats.range.col.inf"): "✓" if spec.has_inf else "✗",
                t("floats.range.col.dtype"): str(spec.torch_dtype) if spec.torch_dtype else t("floats.range.no_dtype"),
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    st.caption(t("floats.range.caption"))
    show_code(
        """import torch

for dtype in (torch.float64, torch.float32, torch.float16, torch.bfloat16, torch.float8_e4m3fn, torch.float8_e5m2):
    info = torch.finfo(dtype)
    print(dtype, info.max, info.tiny, info.tiny * info.eps, info.eps)   # max, min normal, min subnormal, eps
"""
    )
    notes_section()


def notes_section() -> None:
    """The study notes' range claims next to the computed ranges, with a computed verdict."""
    st.subheader(t("floats.notes.header"))
    rows = []
    for fmt, claim, low, high in NOTES_RANGES:
        spec = FORMATS[fmt]
        verdict = "ok" if claimed_range_is_right(fmt, low, high) else "wrong"
        rows.append(
            {
                t("floats.col.format"): spec.label,
                t("floats.notes.col.notes"): claim,
                t(
                    "floats.notes.col.actual"
                ): f"{spec.min_normal:.3g} … {spec.max:.5g}  (2^{spec.emin} … ≈2^{spec.emax + 1})",
                t("floats.notes.col.verdict"): ("✓ " if verdict == "ok" else "✗ ") + t(f"floats.notes.{verdict}"),
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    fp16, fp32 = FORMATS["fp16"], FORMATS["fp32"]
    st.caption(
        t(
            "floats.notes.caption",
            emin16=fp16.emin,
            emax16=fp16.emax,
            min16=f"{fp16.min_normal:.3g}",
            max16=number(fp16.max),
            sub16=f"{fp16.min_subnormal:.3g}",
            emin32=fp32.emin,
            emax32=fp32.emax,
            min32=f"{fp32.min_normal:.3g}",
            max32=f"{fp32.max:.3g}",
        )
    )


def spacing_figure() -> go.Figure:
    """Log-log staircase of the gap between neighbouring numbers for every format."""
    figure = go.Figure()
    for name, spec in FORMATS.items():
        xs, gaps = gap_steps(name)
        figure.add_trace(
            go.Scatter(x=xs, y=gaps, name=spec.label, mode="lines", line={"shape": "hv", "color": PLOT_COLOURS[name]})
        )
    fp32 = FORMATS["fp32"]
    # Open on FP32's range, where the deep-learning formats live; double-click zooms out to FP64's.
    x_range = [math.log10(fp32.min_subnormal) - 1, math.log10(fp32.max) + 1]
    figure.update_xaxes(type="log", title=t("floats.spacing.x"), exponentformat="power", range=x_range)
    figure.update_yaxes(type="log", title=t("floats.spacing.y"), exponentformat="power", range=[x_range[0], 34])
    figure.update_layout(height=520, margin={"t": 30}, legend={"orientation": "h"}, uirevision="spacing")
    return figure


def _gap_text(gap: float) -> str:
    """A gap, or a dash at and beyond the format's largest number (nothing larger is finite)."""
    return f"{gap:.6g}" if math.isfinite(gap) else "—"


def spacing_section() -> None:
    st.header(t("floats.spacing.header"))
    st.plotly_chart(spacing_figure(), key="floats.spacing.chart", width="stretch")
    st.caption(t("floats.spacing.caption"))
    st.subheader(t("floats.spacing.at"))
    text = st.text_input(t("floats.value.input"), value="1000", key="floats.spacing.value")
    try:
        value = float(parse_value(text))
    except LessonError as error:
        st.error(error_message(error), icon=":material/error:")
        return
    if math.isnan(value):
        st.error(t("floats.error.finite"), icon=":material/error:")
        return
    st.write(t("floats.spacing.at_caption", x=number(value)))
    gaps = {FORMATS[name].label: [_gap_text(gap_above(value, name))] for name in FORMATS}
    st.dataframe(pd.DataFrame(gaps), hide_index=True, width="stretch")
    show_code(
        f"""import torch

x = torch.tensor({number(abs(value))}, dtype=torch.float64)
for dtype, as_int in ((torch.float64, torch.int64), (torch.float32, torch.int32),
                      (torch.float16, torch.int16), (torch.bfloat16, torch.int16)):
    y = x.to(dtype)
    following = (y.view(as_int) + 1).view(dtype)     # the next bit pattern is the next larger number
    print(dtype, (following.double() - y.double()).item())
"""
    )
