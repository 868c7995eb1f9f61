"""The matmul tab's picture: a, b and the result as rectangles sized by their dims, the summed dim highlighted."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from lib.tensors import format_shape
from ui.common import t

SUMMED = "#f58518"
MISMATCH = "#d62728"
FILL = {"a": "#9ecae9", "b": "#bab0ac", "c": "#88d27a"}
LONGEST = 6.0  # the longest side, in plot units; the others scale linearly with their dims
SHORTEST = 0.45


@dataclass(frozen=True)
class Product:
    """a (m × k_a) times b (k_b × n) after 1-D promotion, with the broadcast batch dims and the result shape."""

    m: int
    k_a: int
    k_b: int
    n: int
    batch: tuple[int, ...]
    result: tuple[int, ...] | None


def product(
    shape_a: tuple[int, ...], shape_b: tuple[int, ...], batch: tuple[int, ...] | None, result: tuple[int, ...] | None
) -> Product:
    """How ``a @ b`` reads its operands: a 1-D a is a (1, k) row, a 1-D b a (k, 1) column (torch.matmul's rule)."""
    matrix_a = shape_a if len(shape_a) >= 2 else (1, *shape_a)
    matrix_b = shape_b if len(shape_b) >= 2 else (*shape_b, 1)
    return Product(matrix_a[-2], matrix_a[-1], matrix_b[-2], matrix_b[-1], batch or (), result)


def _rect(fig: go.Figure, x0: float, y0: float, width: float, height: float, colour: str, batched: bool) -> None:
    if batched:  # two shadow copies behind: the same product repeated for every batch index
        for shift in (0.5, 0.25):
            fig.add_shape(
                type="rect", x0=x0 + shift, x1=x0 + width + shift, y0=y0 + shift, y1=y0 + height + shift,
                fillcolor=colour, opacity=0.35, line={"color": "#555555", "width": 1},
            )  # fmt: skip
    fig.add_shape(
        type="rect", x0=x0, x1=x0 + width, y0=y0, y1=y0 + height,
        fillcolor=colour, line={"color": "#333333", "width": 1.5},
    )  # fmt: skip


def _text(fig: go.Figure, x: float, y: float, text: str, colour: str = "#222222", size: int = 15, **kw: object) -> None:
    fig.add_annotation(x=x, y=y, text=text, showarrow=False, font={"size": size, "color": colour}, **kw)


def figure(p: Product, names: tuple[str, str, str]) -> go.Figure:
    """Falk's scheme: b above the result, a to its left, so a's rows line up with the result's rows, b's columns
    with its columns, and a's width and b's height are the summed dim k (orange, or red when they differ)."""
    unit = LONGEST / max(p.m, p.k_a, p.k_b, p.n, 1)
    m, k_a, k_b, n = (max(SHORTEST, d * unit) for d in (p.m, p.k_a, p.k_b, p.n))
    gap = 0.9
    batched = bool(p.batch)
    k_colour = SUMMED if p.k_a == p.k_b else MISMATCH
    fig = go.Figure()
    _rect(fig, -gap - k_a, -m, k_a, m, FILL["a"], batched)  # a: m × k, left of the result
    _rect(fig, 0, gap, n, k_b, FILL["b"], batched)  # b: k × n, above the result
    if p.result is not None:
        _rect(fig, 0, -m, n, m, FILL["c"], batched)
        _text(fig, n / 2, -m / 2, f"<b>{names[2]}</b><br>{format_shape(p.result)}")
    else:
        _text(fig, n / 2, -m / 2, "✗", MISMATCH, size=28)
    # the summed dim: a's top edge and b's left edge
    fig.add_shape(type="line", x0=-gap - k_a, x1=-gap, y0=0, y1=0, line={"color": k_colour, "width": 6})
    fig.add_shape(type="line", x0=0, x1=0, y0=gap, y1=gap + k_b, line={"color": k_colour, "width": 6})
    _text(fig, -gap - k_a / 2, 0, f"<b>k = {p.k_a}</b>", k_colour, yanchor="bottom")
    _text(fig, 0, gap + k_b / 2, f"<b>k = {p.k_b}</b>", k_colour, xanchor="right", xshift=-6)
    _text(fig, -gap - k_a, -m / 2, f"m = {p.m}", xanchor="right", xshift=-6)
    _text(fig, n / 2, gap + k_b, f"n = {p.n}", yanchor="bottom")
    _text(fig, -gap - k_a / 2, -m / 2, f"<b>{names[0]}</b>")
    _text(fig, n / 2, gap + k_b / 2, f"<b>{names[1]}</b>")
    if batched:
        _text(fig, n, -m, t("tensors.mm.picture.batch", batch=format_shape(p.batch)), yanchor="top", xanchor="right")
    reach_x, reach_y = gap + k_a + 2.2, gap + k_b + 1.0
    fig.update_xaxes(visible=False, range=[-reach_x, n + 1.0], fixedrange=True)
    fig.update_yaxes(visible=False, range=[-m - 1.2, reach_y], fixedrange=True, scaleanchor="x")
    fig.update_layout(height=330, margin={"l": 0, "r": 0, "t": 0, "b": 0}, plot_bgcolor="rgba(0,0,0,0)")
    return fig
