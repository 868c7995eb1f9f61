"""Number formats, spacing tab: the gap between neighbouring numbers of every format, and at a value."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lib.errors import LessonError
from lib.number_formats import FORMATS, gap_above, gap_steps, parse_float
from ui.common import error_message, show_code, t
from ui.number_formats.display import PLOT_COLOURS, number


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
    figure.update_xaxes(type="log", title=t("number_formats.spacing.x"), exponentformat="power", range=x_range)
    figure.update_yaxes(type="log", title=t("number_formats.spacing.y"), exponentformat="power", range=[x_range[0], 34])
    figure.update_layout(height=520, margin={"t": 30}, legend={"orientation": "h"}, uirevision="spacing")
    return figure


def _gap_text(gap: float) -> str:
    """A gap, or a dash at and beyond the format's largest number (nothing larger is finite)."""
    return f"{gap:.6g}" if math.isfinite(gap) else "—"


def render() -> None:
    st.subheader(t("number_formats.spacing.header"))
    st.plotly_chart(spacing_figure(), key="number_formats.spacing.chart", width="stretch")
    st.caption(t("number_formats.spacing.caption"))
    st.subheader(t("number_formats.spacing.at"))
    text = st.text_input(t("number_formats.value.input"), value="1000", key="number_formats.spacing.value")
    try:
        value = parse_float(text)
    except LessonError as error:
        st.error(error_message(error), icon=":material/error:")
        return
    if math.isnan(value):
        st.error(t("number_formats.error.finite"), icon=":material/error:")
        return
    st.write(t("number_formats.spacing.at_caption", x=number(value)))
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
