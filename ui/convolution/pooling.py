"""Section 3: max and average pooling window by window (the max marked), and where the gradient goes."""

from __future__ import annotations

import math

import streamlit as st
import torch
import torch.nn.functional as F

from lib.convolution import PoolStep, assemble, pad_input, pool2d_steps, pool_examples, pool_gradient
from ui.common import guard, show_code, t
from ui.convolution.widgets import (
    current_matrix,
    fmt,
    grid_html,
    labels,
    literal,
    matrix_editor,
    playing,
    resize_matrix,
    set_matrix,
    show_grids,
    shown_table,
    stepper,
    zoom_control,
)

P = "convolution.pool"
MAX_SIDE = 16
PLAY_SECONDS = 0.8
PAIRS = (("kernel", 1, 6), ("stride", 0, 6), ("padding", -1, 3))


def _load_example() -> None:
    example = pool_examples()[st.session_state[f"{P}.preset"]]
    state = st.session_state
    _, state[f"{P}.h"], state[f"{P}.w"] = example.x.shape
    for name, (height, width) in (("kernel", example.kernel), ("stride", example.stride), ("padding", example.padding)):
        state[f"{P}.{name}_h"], state[f"{P}.{name}_w"] = height, width
    state[f"{P}.ceil"] = False
    state[f"{P}.index"], state[f"{P}.playing"] = 0, False
    set_matrix(f"{P}.x", example.x[0])


def _resize() -> None:
    h, w = st.session_state[f"{P}.h"], st.session_state[f"{P}.w"]
    resize_matrix(f"{P}.x", h, w, torch.zeros(h, w))


def _controls() -> tuple[str, dict[str, tuple[int, int]], bool, int]:
    """One row: the example, max/average, a popover with sizes and parameters, and the zoom."""
    top = st.columns([4, 2, 2, 2], vertical_alignment="bottom")
    top[0].selectbox(
        t("convolution.step.preset"),
        list(pool_examples()),
        format_func=labels("convolution.pool.example"),
        key=f"{P}.preset",
        persist_state="session",
        on_change=_load_example,
    )
    if f"{P}.loaded" not in st.session_state:
        st.session_state[f"{P}.loaded"] = True
        _load_example()
    mode = top[1].radio(
        t("convolution.pool.mode"),
        ("max", "avg"),
        format_func=labels("convolution.pool.mode"),
        horizontal=True,
        key=f"{P}.mode",
        persist_state="session",
    )
    with top[2].popover(t("convolution.step.settings"), icon=":material/tune:", width="stretch"):
        columns = st.columns(2)
        columns[0].number_input(
            t("convolution.step.h"), 1, MAX_SIDE, key=f"{P}.h", persist_state="session", on_change=_resize
        )
        columns[1].number_input(
            t("convolution.step.w"), 1, MAX_SIDE, key=f"{P}.w", persist_state="session", on_change=_resize
        )
        params = {}
        for name, low, high in PAIRS:
            label = t(f"convolution.calc.param.{name}")
            height = columns[0].number_input(
                f"{label} ({t('convolution.height')})", low, high, key=f"{P}.{name}_h", persist_state="session"
            )
            width = columns[1].number_input(
                f"{label} ({t('convolution.width')})", low, high, key=f"{P}.{name}_w", persist_state="session"
            )
            params[name] = (height, width)
        ceil_mode = st.checkbox(
            t("convolution.calc.ceil_mode"),
            key=f"{P}.ceil",
            persist_state="session",
            help=t("convolution.calc.ceil_help"),
        )
        st.caption(t("convolution.pool.cap", side=MAX_SIDE))
    with top[3]:
        zoom = zoom_control(P)
    return mode, params, ceil_mode, zoom


def _window_text(step: PoolStep, mode: str) -> str:
    values = ", ".join(fmt(v) for v in step.window.flatten().tolist())
    if mode == "max":
        return f"max({values}) = **{fmt(step.value)}**"
    return f"({' + '.join(fmt(v) for v in step.window.flatten().tolist())}) / {step.divisor} = **{fmt(step.value)}**"


def _step_view(x: torch.Tensor, steps: list[PoolStep], mode: str, padding: tuple[int, int], zoom: int) -> None:
    index = stepper(P, len(steps), t("convolution.step.index"), t("convolution.step.play"), t("convolution.step.pause"))
    step = steps[index]
    st.markdown(t("convolution.pool.position", row=step.row, col=step.col, n=index + 1, count=len(steps)))
    padded = pad_input(x[None], padding, value=-math.inf if mode == "max" else 0.0)[0]
    mark = (step.rows[step.argmax[0]], step.cols[step.argmax[1]]) if step.argmax else None
    partial = torch.full((1 + max(s.row for s in steps), 1 + max(s.col for s in steps)), float("nan"))
    for s in steps[: index + 1]:
        partial[s.row, s.col] = s.value
    window = [(r, c) for r in step.rows for c in step.cols]
    show_grids(
        grid_html(
            padded, t(f"convolution.pool.padded.{mode}"), cell=zoom, highlight=window, padding=padding, mark=mark
        ),
        grid_html(
            partial, t("convolution.pool.output"), cell=zoom, highlight=[(step.row, step.col)], colorscale="Greens"
        ),
    )
    left, right = st.columns([1, 3])
    left.metric(t(f"convolution.pool.value.{mode}"), fmt(step.value))
    right.caption(_window_text(step, mode))
    with st.expander(t("convolution.pool.output_table")):
        st.dataframe(shown_table(partial), key=f"{P}.out_table")


def _check_and_code(x: torch.Tensor, steps: list[PoolStep], mode: str, params: dict, ceil_mode: bool) -> None:
    kernel, stride, padding = params["kernel"], params["stride"], params["padding"]
    pool = F.max_pool2d if mode == "max" else F.avg_pool2d
    expected = pool(x[None, None], kernel, stride, padding, ceil_mode=ceil_mode)[0, 0]
    with st.expander(t("convolution.pool.check")):
        left, right = st.columns(2)
        left.caption(t("convolution.pool.ours"))
        left.dataframe(shown_table(assemble(steps)[0]), key=f"{P}.ours")
        right.caption(f"F.{pool.__name__}")
        right.dataframe(shown_table(expected), key=f"{P}.theirs")
    layer = "MaxPool2d" if mode == "max" else "AvgPool2d"
    show_code(
        f"""import torch
from torch import nn

x = torch.tensor({literal(x)})[None, None]  # (N, C, H, W)
pool = nn.{layer}({kernel}, stride={stride}, padding={padding}, ceil_mode={ceil_mode})
print(pool(x)[0, 0])"""
    )


def _gradient(x: torch.Tensor, mode: str, params: dict, ceil_mode: bool, zoom: int) -> None:
    st.subheader(t("convolution.pool.grad.title"))
    st.write(t(f"convolution.pool.grad.{mode}"))
    kernel, stride, padding = params["kernel"], params["stride"], params["padding"]
    grad = pool_gradient(x, kernel, stride, padding, mode, ceil_mode=ceil_mode)
    show_grids(grid_html(grad, t("convolution.pool.grad.heatmap"), cell=zoom, colorscale="Oranges"))
    st.write(
        t(
            "convolution.pool.grad.total",
            total=fmt(float(grad.sum())),
            outputs=len(pool2d_steps(x[None], kernel, stride, padding, mode, ceil_mode=ceil_mode)),
        )
    )
    with st.expander(t("convolution.pool.grad.table")):
        st.dataframe(shown_table(grad), key=f"{P}.grad")
    layer = "max_pool2d" if mode == "max" else "avg_pool2d"
    show_code(
        f"""import torch
import torch.nn.functional as F

x = torch.tensor({literal(x)}, requires_grad=True)
y = F.{layer}(x[None, None], {kernel}, stride={stride}, padding={padding}, ceil_mode={ceil_mode})
y.sum().backward()  # every output sends back a gradient of 1
print(x.grad)"""
    )


def render() -> None:
    """Controls in one row, the animated pooling (the main visual), the editor, the check, the gradient lesson."""
    st.write(t("convolution.pool.intro"))
    mode, params, ceil_mode, zoom = _controls()
    view = st.container()
    h, w = st.session_state[f"{P}.h"], st.session_state[f"{P}.w"]
    with st.expander(t("convolution.pool.edit"), icon=":material/edit:"):
        x = matrix_editor(f"{P}.x", current_matrix(f"{P}.x", torch.zeros(h, w)), t("convolution.pool.input"))
    if x is None:
        view.info(t("convolution.step.fix_cells"))
        return
    steps = None
    with view, guard():  # a bad setting is explained where the grids would be
        steps = pool2d_steps(x[None], params["kernel"], params["stride"], params["padding"], mode, ceil_mode=ceil_mode)
        play = st.fragment(run_every=PLAY_SECONDS if playing(P) else None)(_step_view)
        play(x, steps, mode, params["padding"], zoom)
    if steps is not None:
        with guard():
            _check_and_code(x, steps, mode, params, ceil_mode)
            _gradient(x, mode, params, ceil_mode, zoom)
