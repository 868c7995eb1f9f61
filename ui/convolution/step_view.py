"""The step-by-step convolution itself (run in a timed fragment while playing): a slider over the windows, each
window as grids or every output cell as its formula, the output filling in, and the code that reproduces it."""

from __future__ import annotations

import streamlit as st
import torch

from lib.convolution import Step, pad_input
from ui.common import show_code, t
from ui.convolution import formula, groups
from ui.convolution.widgets import fmt, grid_html, labels, literal, show_grids, shown_table, stepper

VIEWS = ("grids", "formulas")
P = "convolution.step"


def _output_so_far(steps: list[Step], index: int) -> torch.Tensor:
    """The current output channel with the cells computed up to step ``index`` (NaN elsewhere)."""
    step = steps[index]
    partial = torch.full((1 + max(s.row for s in steps), 1 + max(s.col for s in steps)), float("nan"))
    for s in steps[: index + 1]:
        if s.out_channel == step.out_channel:
            partial[s.row, s.col] = s.total
    return partial


def _grids(x: torch.Tensor, weight: torch.Tensor, step: Step, padding: int, zoom: int, extra: list[str]) -> None:
    """For each input channel the step reads: the window on it, its kernel, the products and their sum."""
    padded = pad_input(x, padding)
    window_cells = [(r, c) for r in step.rows for c in step.cols]
    for local, c in enumerate(step.in_channels):
        grids = [
            grid_html(
                padded[c],
                t("convolution.step.padded_input", c=c),
                cell=zoom,
                highlight=window_cells,
                padding=(padding, padding),
            ),
            grid_html(
                weight[step.out_channel, local],
                t("convolution.step.kernel_name", o=step.out_channel, c=c),
                cell=zoom,
                colorscale="RdBu",
            ),
            grid_html(step.products[local], t("convolution.step.products"), cell=zoom, colorscale="RdBu"),
        ]
        show_grids(*grids, *(extra if len(step.in_channels) == 1 else []))
        left, right = st.columns([1, 3])
        left.metric(t("convolution.step.partial", c=c), fmt(float(step.partial_sums[local])))
        right.caption(formula.terms(step, weight, local) + f" = **{fmt(float(step.partial_sums[local]))}**")
    sums = " + ".join(fmt(float(s)) for s in step.partial_sums)
    st.markdown(t("convolution.step.total", sums=sums, bias=fmt(step.bias), total=fmt(step.total)))
    if len(step.in_channels) > 1:
        show_grids(*extra)


def _formulas(weight: torch.Tensor, steps: list[Step], step: Step, zoom: int, extra: list[str]) -> None:
    """The output (and the groups picture), then every cell of the current output channel as its formula."""
    show_grids(*extra)
    cells = [s for s in steps if s.out_channel == step.out_channel]
    shown = formula.around(cells, cells.index(step))
    first, last = cells.index(shown[0]) + 1, cells.index(shown[-1]) + 1
    st.caption(t("convolution.step.formula_caption", o=step.out_channel, first=first, last=last, count=len(cells)))
    st.markdown(formula.formulas_html(shown, weight, step, max(15, round(zoom * 0.36))), unsafe_allow_html=True)


def _code(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor, step: Step, index: int, n_groups: int) -> str:
    """F.conv2d on the same numbers, then the current window's cell recomputed from its group's channels."""
    stride, padding, dilation = (st.session_state[f"{P}.{name}"] for name in ("stride", "padding", "dilation"))
    span_h, span_w = (dilation * (k - 1) + 1 for k in weight.shape[2:])
    first, last = step.in_channels[0], step.in_channels[-1] + 1
    rows = f"i * {stride}:i * {stride} + {span_h}:{dilation}"
    cols = f"j * {stride}:j * {stride} + {span_w}:{dilation}"
    return f"""import torch
import torch.nn.functional as F

x = torch.tensor({literal(x)}, dtype=torch.float32)  # (C_in, H, W)
weight = torch.tensor({literal(weight)}, dtype=torch.float32)  # (C_out, C_in / groups, kH, kW)
bias = torch.tensor({literal(bias)}, dtype=torch.float32)
y = F.conv2d(x[None], weight, bias, stride={stride}, padding={padding}, dilation={dilation}, groups={n_groups})[0]
print(y)  # (C_out, H_out, W_out)

# Window {index + 1}: output channel {step.out_channel} reads input channels {list(step.in_channels)} (its group)
# {formula.line(step, weight)}
o, i, j = {step.out_channel}, {step.row}, {step.col}
window = F.pad(x, ({padding},) * 4)[{first}:{last}, {rows}, {cols}]
print((window * weight[o]).sum() + bias[o], y[o, i, j])"""


def render(
    x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor, steps: list[Step], n_groups: int, zoom: int
) -> None:
    """Slider + play over the steps; where the window is, as grids or formulas; the output filling in; the code."""
    padding = st.session_state[f"{P}.padding"]
    count = len(steps)
    index = stepper(P, count, t("convolution.step.index"), t("convolution.step.play"), t("convolution.step.pause"))
    step = steps[index]
    left, right = st.columns([3, 2], vertical_alignment="center")
    left.markdown(
        t("convolution.step.position", o=step.out_channel, row=step.row, col=step.col, n=index + 1, count=count)
    )
    view = right.segmented_control(
        t("convolution.step.view"),
        VIEWS,
        default="grids",
        format_func=labels("convolution.step.view"),
        key=f"{P}.view",
        persist_state="session",
        required=True,
        label_visibility="collapsed",
    )
    partial = _output_so_far(steps, index)
    output = grid_html(
        partial,
        t("convolution.step.output", o=step.out_channel),
        cell=zoom,
        highlight=[(step.row, step.col)],
        colorscale="Greens",
    )
    c_in, c_out = x.shape[0], weight.shape[0]
    extra = [output] + ([groups.picture_block(c_in, c_out, n_groups, step.out_channel)] if c_in * c_out > 1 else [])
    if view == "formulas":
        _formulas(weight, steps, step, zoom, extra)
    else:
        _grids(x, weight, step, padding, zoom, extra)
    with st.expander(t("convolution.step.output_table", o=step.out_channel)):
        st.dataframe(shown_table(partial), key=f"{P}.out_table", hide_index=False)
    show_code(_code(x, weight, bias, step, index, n_groups))
