"""Train page, precision tab: the loss-scaler lesson (fp16 without scaling, fp16 + GradScaler, bf16) in one click."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from lib.device import pick_device
from lib.jobs import RunLimiter
from lib.train_precision import (
    LESSON_BATCH,
    LESSON_LR,
    LESSON_STEPS,
    LOSS_FACTORS,
    MODES,
    PrecisionLesson,
    default_lesson,
    lesson_code,
)
from lib.training_chart import SKIP_COLOR, panel_layout
from ui.common import guard, show_code, t

RESULTS = "train_precision_lessons"  # session_state: {loss factor: PrecisionLesson}
COLORS = {"fp32": "#7f7f7f", "fp16": "#d62728", "fp16_scaled": "#0068c9", "bf16": "#2ca02c"}


def render(limiter: RunLimiter) -> None:
    """Explain underflow and loss scaling, run the four modes on one click, show the zero-gradient shares."""
    st.subheader(t("train.precision.header"))
    st.markdown(t("train.precision.intro"))
    device = "cuda" if pick_device().type == "cuda" else "cpu"
    st.caption(t("train.precision.device_gpu" if device == "cuda" else "train.precision.device_cpu"))
    factor = st.select_slider(
        t("train.precision.factor"),
        LOSS_FACTORS,
        value=LOSS_FACTORS[-1],
        format_func=lambda value: f"× {value:g}",
        key="train_precision_factor",
    )
    st.caption(t("train.precision.factor_help"))
    lessons: dict[float, PrecisionLesson] = st.session_state.setdefault(RESULTS, {})
    if st.button(t("train.precision.run"), key="train_precision_run", icon=":material/science:"):
        with guard(), st.spinner(t("train.precision.running")):
            limiter.acquire()
            try:
                lessons[factor] = default_lesson(factor, device)
            finally:
                limiter.release()
    lesson = lessons.get(factor)
    if lesson is None:
        st.info(t("train.precision.none"), icon=":material/science:")
        return
    _show(lesson)
    show_code(lesson_code(LESSON_STEPS, LESSON_BATCH, LESSON_LR, factor, lesson.device))


def mode_name(mode: str) -> str:
    """The learner's name of a lesson mode."""
    return t(f"train.precision.mode.{mode}")


def _show(lesson: PrecisionLesson) -> None:
    rows = {
        t("train.precision.col.mode"): [mode_name(m) for m in MODES],
        t("train.precision.col.loss"): [f"{lesson.runs[m].losses[-1]:.3f}" for m in MODES],
        t("train.precision.col.zeros"): [f"{lesson.runs[m].mean_zeros():.1%}" for m in MODES],
        t("train.precision.col.skipped"): [
            str(len(lesson.runs[m].skipped)) if m == "fp16_scaled" else "—" for m in MODES
        ],
        t("train.precision.col.accuracy"): [f"{lesson.runs[m].accuracy:.1%}" for m in MODES],
    }
    st.dataframe(rows, hide_index=True)
    fp32, fp16 = lesson.runs["fp32"], lesson.runs["fp16"]
    cast = [v for series in lesson.cast_zeros.values() for v in series]
    st.markdown(
        t(
            "train.precision.summary",
            fp16=f"{fp16.mean_zeros():.1%}",
            fp32=f"{fp32.mean_zeros():.1%}",
            cast=f"{sum(cast) / max(1, len(cast)):.1%}",
            scaled=f"{lesson.runs['fp16_scaled'].mean_zeros():.1%}",
        )
    )
    st.plotly_chart(_curves(lesson), key="train_precision_curves")
    mode = st.radio(
        t("train.precision.layers_of"),
        MODES,
        index=1,
        format_func=mode_name,
        horizontal=True,
        key="train_precision_mode",
    )
    st.plotly_chart(_heatmap(lesson, mode), key="train_precision_heatmap")


def _curves(lesson: PrecisionLesson) -> go.Figure:
    """Loss, share of zero gradients and the loss scale per step, one line per mode."""
    traces = []
    for mode in MODES:
        run = lesson.runs[mode]
        steps = list(range(1, len(run.losses) + 1))
        zeros = [sum(values) / len(values) for values in zip(*run.zeros.values(), strict=True)]
        style = {"name": mode_name(mode), "line_color": COLORS[mode], "legendgroup": mode, "mode": "lines"}
        traces.append(go.Scatter(x=steps, y=run.losses, **style))
        traces.append(go.Scatter(x=steps, y=zeros, xaxis="x2", yaxis="y2", showlegend=False, **style))
        if run.scales:
            traces.append(go.Scatter(x=steps, y=run.scales, xaxis="x3", yaxis="y3", showlegend=False, **style))
            traces.append(
                go.Scatter(
                    x=list(run.skipped),
                    y=[run.scales[s - 1] for s in run.skipped],
                    name=t("train.live.skipped", count=len(run.skipped)),
                    mode="markers",
                    marker={"symbol": "x", "color": SKIP_COLOR, "size": 9},
                    xaxis="x3",
                    yaxis="y3",
                )
            )
    titles = (t("train.precision.chart.loss"), t("train.precision.chart.zeros"), t("train.live.scale"))
    step = t("train.live.step")
    layout = panel_layout(titles, (step, step, step), height=360, uirevision="train_precision")
    layout["yaxis2"] |= {"range": [0, 1], "tickformat": ".0%"}
    layout["yaxis3"] |= {"type": "log", "exponentformat": "power"}
    return go.Figure(data=traces, layout=layout)


def _heatmap(lesson: PrecisionLesson, mode: str) -> go.Figure:
    """Share of exactly-zero gradient entries per layer (rows) and step (columns) for one mode."""
    zeros = lesson.runs[mode].zeros
    steps = list(range(1, len(lesson.runs[mode].losses) + 1))
    figure = go.Figure(
        go.Heatmap(
            z=[list(series) for series in zeros.values()],
            x=steps,
            y=list(zeros),
            zmin=0,
            zmax=1,
            colorscale="Reds",
            colorbar={"tickformat": ".0%", "title": {"text": t("train.precision.chart.zero_share")}},
            hovertemplate="%{y} · " + t("train.live.step") + " %{x}: %{z:.1%}<extra></extra>",
        )
    )
    figure.update_layout(
        title=t("train.precision.chart.layers", mode=mode_name(mode)),
        height=260,
        margin={"t": 40, "b": 10, "l": 10, "r": 10},
        xaxis_title=t("train.live.step"),
        yaxis_title=t("train.precision.chart.layer"),
    )
    return figure
