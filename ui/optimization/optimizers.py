"""Optimizers tab: SGD, momentum, Nesterov, Adam and AdamW walking a 2-D loss surface, stepped by torch.optim."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st
import torch

from lib.errors import LessonError
from lib.optimization_paths import (
    MINIMUM,
    OPTIMIZERS,
    START,
    SURFACES,
    VIEW,
    builtin_surface,
    optimizer_path,
    surface_grid,
    typed_surface,
)
from ui.common import error_message, show_code, t

COLOURS = {"sgd": "#e45756", "momentum": "#4c78a8", "nesterov": "#72b7b2", "adam": "#54a24b", "adamw": "#b279a2"}
NAMES = {"sgd": "SGD", "nesterov": "Nesterov", "adam": "Adam", "adamw": "AdamW"}


def _names() -> dict[str, str]:
    """Every optimizer's display name in this run's language (momentum is a word, the rest are names)."""
    return {**NAMES, "momentum": t("optimization.opt.name.momentum")}


LRS = [0.001, 0.003, 0.01, 0.03, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.5, 1.0]
CODE_SURFACE = {
    "quadratic": "0.5 * (x**2 + {k:g} * y**2)",
    "rosenbrock": "(1 - x)**2 + 100 * (y - x**2)**2",
    "saddle": "x**2 - y**2",
}


def _controls() -> dict:
    surface = st.selectbox(
        t("optimization.opt.surface"),
        SURFACES,
        format_func={name: t(f"optimization.surface.{name}") for name in SURFACES}.__getitem__,
        key="optimization.opt.surface",
    )
    conditioning, text = 10.0, ""
    if surface == "quadratic":
        conditioning = st.slider(t("optimization.opt.conditioning"), 1.0, 50.0, 10.0, key="optimization.opt.k")
    if surface == "custom":
        text = st.text_input(t("optimization.opt.expression"), "x**2 + 3*sin(y)", key="optimization.opt.expr")
    chosen = st.multiselect(
        t("optimization.opt.optimizers"),
        OPTIMIZERS,
        default=["sgd", "momentum", "adam"],
        format_func=_names().__getitem__,
        key="optimization.opt.which",
        placeholder=t("common.choose"),
    )
    default_lr = 0.001 if surface == "rosenbrock" else 0.05
    lr = st.select_slider(t("optimization.opt.lr"), LRS, value=default_lr, key=f"optimization.opt.lr.{surface}")
    momentum = st.slider(t("optimization.opt.momentum"), 0.0, 0.99, 0.9, key="optimization.opt.momentum")
    steps = st.slider(t("optimization.opt.steps"), 5, 300, 60, key="optimization.opt.steps")
    sx, sy = START[surface]
    a, b = st.columns(2)
    x0 = a.number_input("x₀", -10.0, 10.0, sx, key=f"optimization.opt.x0.{surface}")
    y0 = b.number_input("y₀", -10.0, 10.0, sy, key=f"optimization.opt.y0.{surface}")
    return dict(
        surface=surface, k=conditioning, text=text, chosen=chosen, lr=lr, momentum=momentum, steps=steps, start=(x0, y0)
    )


def _figure(choice: dict, paths: list, axis: torch.Tensor, z: torch.Tensor) -> go.Figure:
    fig = go.Figure()
    shown = torch.log1p(z - z.min())  # contours evenly spaced in log(loss): dense near the valley, not the rim
    fig.add_contour(
        x=axis.tolist(), y=axis.tolist(), z=shown.tolist(), colorscale="Greys", ncontours=25, showscale=False
    )
    low, high = VIEW[choice["surface"]]
    for path in paths:
        pts = path.points.clamp(low - 1, high + 1)
        fig.add_scatter(
            x=pts[:, 0].tolist(),
            y=pts[:, 1].tolist(),
            mode="lines+markers",
            marker_size=4,
            line_color=COLOURS[path.optimizer],
            name=_names()[path.optimizer],
        )
    if choice["surface"] in MINIMUM:
        mx, my = MINIMUM[choice["surface"]]
        fig.add_scatter(
            x=[mx], y=[my], mode="markers", marker_symbol="star", marker_size=14, name=t("optimization.opt.minimum")
        )
    fig.update_layout(
        xaxis={"range": [low, high], "title": "x"},
        yaxis={"range": [low, high], "title": "y", "scaleanchor": "x"},
        height=470,
        margin={"t": 30, "b": 10, "l": 10, "r": 10},
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0},
        uirevision=choice["surface"],
    )
    return fig


def render() -> None:
    """Controls on the left, the surface with every optimizer's path on the right."""
    left, right = st.columns([1, 2])
    with left:
        choice = _controls()
    with right:
        try:
            surface = (
                typed_surface(choice["text"])
                if choice["surface"] == "custom"
                else builtin_surface(choice["surface"], choice["k"])
            )
            axis, z = surface_grid(surface, VIEW[choice["surface"]])
            paths = [
                optimizer_path(surface, choice["start"], name, choice["lr"], choice["momentum"], choice["steps"])
                for name in choice["chosen"]
            ]
        except LessonError as error:
            st.error(error_message(error), icon=":material/error:")
            return
        st.markdown(f"**{t('optimization.opt.chart')}**")
        st.plotly_chart(_figure(choice, paths, axis, z), key="optimization.opt.figure")
        summary = []
        for path in paths:
            if path.diverged_at is not None:
                summary.append(t("optimization.opt.diverged", name=_names()[path.optimizer], step=path.diverged_at))
            else:
                x, y = path.points[-1].tolist()
                summary.append(
                    t(
                        "optimization.opt.ended",
                        name=_names()[path.optimizer],
                        x=f"{x:.3g}",
                        y=f"{y:.3g}",
                        loss=f"{float(path.losses[-1]):.3g}",
                    )
                )
        st.caption("  \n".join(summary))
    with left:
        expression = (
            choice["text"] if choice["surface"] == "custom" else CODE_SURFACE[choice["surface"]].format(k=choice["k"])
        )
        first = choice["chosen"][0] if choice["chosen"] else "sgd"
        constructor = {
            "sgd": f"torch.optim.SGD([p], lr={choice['lr']})",
            "momentum": f"torch.optim.SGD([p], lr={choice['lr']}, momentum={choice['momentum']})",
            "nesterov": f"torch.optim.SGD([p], lr={choice['lr']}, momentum={choice['momentum']}, nesterov=True)",
            "adam": f"torch.optim.Adam([p], lr={choice['lr']}, betas=({choice['momentum']}, 0.999))",
            "adamw": f"torch.optim.AdamW([p], lr={choice['lr']}, betas=({choice['momentum']}, 0.999), weight_decay=0.01)",
        }[first]
        show_code(
            f"""import torch
from torch import sin, cos, exp, log, tanh, sigmoid, relu

p = torch.tensor({list(choice["start"])}, dtype=torch.float64, requires_grad=True)
opt = {constructor}
path = [p.detach().clone()]
for step in range({choice["steps"]}):
    x, y = p[0], p[1]
    loss = {expression}
    opt.zero_grad()
    loss.backward()
    opt.step()
    path.append(p.detach().clone())
print(torch.stack(path)[-1])"""
        )
