"""Number formats page: live lessons (accumulation, gradient underflow, matmul error) and the advice table."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lib.device import pick_device, supported_precisions
from lib.errors import LessonError
from lib.number_formats import FORMATS, parse_float
from lib.number_formats_lessons import (
    ACCUMULATE_FORMATS,
    MAX_STEPS,
    Accumulation,
    GradientRun,
    MatmulError,
    accumulate,
    accumulate_code,
    gradient_code,
    gradient_runs,
    matmul_code,
    matmul_errors,
)
from ui.common import error_message, show_code, t
from ui.number_formats.display import PLOT_COLOURS, number

GRAD_SIZES = [1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10]
SCALES = [0.01, 0.1, 1.0, 10.0, 100.0, 300.0, 1000.0]


@st.cache_data(max_entries=16, show_spinner=False)
def _accumulations(value: float, count: int) -> list[Accumulation]:
    return [accumulate(value, count, fmt) for fmt in ACCUMULATE_FORMATS]


@st.cache_data(max_entries=16, show_spinner=False)
def _gradients(grad_size: float, device: str) -> list[GradientRun]:
    return gradient_runs(grad_size, device)


@st.cache_data(max_entries=16, show_spinner=False)
def _matmuls(size: int, scale: float, device: str, real_tf32: bool) -> list[MatmulError]:
    return matmul_errors(size, scale, device, real_tf32)


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _err(x: float) -> str:
    return "∞" if math.isinf(x) else ("—" if math.isnan(x) else f"{x:.2e}")


def accumulate_lesson() -> tuple[float, int, list[Accumulation]] | None:
    """Sequential sums of a small number in each format; returns what it measured for the advice table."""
    st.write(t("number_formats.lesson.accumulate.intro"))
    left, right = st.columns(2)
    text = left.text_input(t("number_formats.lesson.accumulate.value"), value="0.0001", key="number_formats.acc.value")
    count = right.number_input(
        t("number_formats.lesson.accumulate.count"), 1, MAX_STEPS, 10_000, step=1000, key="number_formats.acc.count"
    )
    try:
        value = parse_float(text)
        with st.spinner():
            runs = _accumulations(value, int(count))
    except LessonError as error:
        st.error(error_message(error), icon=":material/error:")
        return None
    exact = value * int(count)
    st.write(t("number_formats.lesson.accumulate.exact", exact=f"{exact:.10g}"))
    rows = []
    for run in runs:
        error = abs(run.total - exact) / abs(exact) if exact else abs(run.total)
        rows.append(
            {
                t("number_formats.col.format"): FORMATS[run.fmt].label,
                t("number_formats.lesson.accumulate.col.total"): f"{run.total:.10g}",
                t("number_formats.lesson.accumulate.col.error"): _err(error),
                t("number_formats.lesson.accumulate.col.stall"): str(
                    run.stalled_at or t("number_formats.lesson.accumulate.never")
                ),
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    figure = go.Figure()
    for run in runs:
        figure.add_trace(
            go.Scatter(x=run.steps, y=run.sums, name=FORMATS[run.fmt].label, line={"color": PLOT_COLOURS[run.fmt]})
        )
    figure.update_layout(
        height=380,
        margin={"t": 30},
        xaxis_title=t("number_formats.lesson.accumulate.chart_x"),
        yaxis_title=t("number_formats.lesson.accumulate.chart_y"),
    )
    st.plotly_chart(figure, key="number_formats.acc.chart", width="stretch")
    st.caption(t("number_formats.lesson.accumulate.fp8_note"))
    show_code(accumulate_code(value, int(count)))
    return value, int(count), runs


def gradient_lesson(device: str) -> tuple[float, list[GradientRun]]:
    st.write(t("number_formats.lesson.grad.intro"))
    grad_size = st.select_slider(
        t("number_formats.lesson.grad.size"), GRAD_SIZES, value=1e-8, key="number_formats.grad.size"
    )
    with st.spinner():
        runs = _gradients(grad_size, device)
    st.dataframe(
        pd.DataFrame(
            {
                t("number_formats.lesson.grad.col.run"): [
                    t(f"number_formats.lesson.grad.run.{run.label}") for run in runs
                ],
                t("number_formats.lesson.grad.col.nonzero"): [_pct(run.nonzero) for run in runs],
                t("number_formats.lesson.grad.col.error"): [_err(run.rel_error) for run in runs],
                t("number_formats.lesson.grad.col.scale"): [f"{run.scale:g}" for run in runs],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    st.caption(t("number_formats.lesson.grad.device", device=device))
    show_code(gradient_code(grad_size))
    return grad_size, runs


def matmul_lesson(device: str, real_tf32: bool) -> list[MatmulError]:
    st.write(t("number_formats.lesson.matmul.intro"))
    left, right = st.columns(2)
    size = left.slider(t("number_formats.lesson.matmul.size"), 8, 256, 128, step=8, key="number_formats.mm.size")
    scale = right.select_slider(
        t("number_formats.lesson.matmul.scale"), SCALES, value=1.0, key="number_formats.mm.scale"
    )
    with st.spinner():
        results = _matmuls(size, scale, device, real_tf32)
    st.dataframe(
        pd.DataFrame(
            {
                t("number_formats.col.format"): [FORMATS[r.fmt].label for r in results],
                t("number_formats.lesson.matmul.col.error"): [
                    t("number_formats.lesson.matmul.overflow") if r.overflow else _err(r.rel_error) for r in results
                ],
                t("number_formats.lesson.matmul.col.max_abs"): [_err(r.max_abs) for r in results],
                t("number_formats.lesson.matmul.col.bytes"): [f"{r.bytes:g}" for r in results],
                t("number_formats.lesson.matmul.col.how"): [
                    t(f"number_formats.lesson.matmul.how.{r.how}") for r in results
                ],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    st.caption(
        t("number_formats.lesson.matmul.tf32_real" if real_tf32 else "number_formats.lesson.matmul.tf32_emulated")
    )
    show_code(matmul_code(size, scale))
    return results


def advice_table(
    accumulation: tuple[float, int, list[Accumulation]] | None,
    gradients: tuple[float, list[GradientRun]],
    matmuls: list[MatmulError],
) -> None:
    """Which format suits which use, one row per use, each with the number measured above that supports it."""
    grad_size, runs = gradients
    nonzero = {run.label: _pct(run.nonzero) for run in runs}
    errors = {r.fmt: r.rel_error for r in matmuls}
    ratio = errors["bf16"] / errors["fp16"] if math.isfinite(errors["fp16"]) and errors["fp16"] > 0 else math.nan
    rows = [
        ("train", "BF16 / TF32", t("number_formats.advice.train.why", bf16_grads=nonzero["bf16"], fp16_grads=nonzero["fp16"],
                                    g=f"{grad_size:g}", tf32_err=_err(errors["tf32"]), fp16_err=_err(errors["fp16"]))),
        ("infer", "FP16 / BF16", t("number_formats.advice.infer.why", fp16_err=_err(errors["fp16"]), bf16_err=_err(errors["bf16"]))),
        ("edge", "FP16", t("number_formats.advice.edge.why", fp16_err=_err(errors["fp16"]),
                           ratio=f"{ratio:.1f}" if math.isfinite(ratio) else t("number_formats.advice.unavailable"))),
    ]  # fmt: skip
    if accumulation is not None:
        value, count, sums = accumulation
        exact = value * count
        err = {run.fmt: _err(abs(run.total - exact) / abs(exact)) if exact else "—" for run in sums}
        why = t("number_formats.advice.science.why", count=count, value=number(value), fp64_err=err["fp64"],
                fp32_err=err["fp32"], fp16_err=err["fp16"])  # fmt: skip
        rows.insert(2, ("science", "FP32 / FP64", why))
    st.dataframe(
        pd.DataFrame(
            {
                t("number_formats.lesson.advice.col.use"): [t(f"number_formats.advice.{use}") for use, _, _ in rows],
                t("number_formats.lesson.advice.col.format"): [fmt for _, fmt, _ in rows],
                t("number_formats.lesson.advice.col.evidence"): [why for _, _, why in rows],
            }
        ),
        hide_index=True,
        width="stretch",
    )


def render() -> None:
    """The four lessons as steps (one tab each), so every lesson's controls and result fit one screen."""
    device = pick_device()
    real_tf32 = device.type == "cuda" and "tf32" in supported_precisions(device)
    keys = ("accumulate", "grad", "matmul", "advice")
    steps = st.tabs([t(f"number_formats.lesson.{key}.header") for key in keys])
    with steps[0]:
        accumulation = accumulate_lesson()
    with steps[1]:
        gradients = gradient_lesson(str(device) if device.type == "cuda" else "cpu")
    with steps[2]:
        matmuls = matmul_lesson(str(device), real_tf32)
    with steps[3]:
        advice_table(accumulation, gradients, matmuls)
