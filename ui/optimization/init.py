"""Initialisation tab: activation and gradient spread per layer of a deep MLP, one real forward/backward pass."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from lib.optimization_init import ACTIVATIONS, INITS, LayerStats, gradient_flow
from ui.common import show_code, t

COLOURS = {"normal": "#e45756", "small": "#9d755d", "xavier": "#4c78a8", "kaiming": "#54a24b"}
CODE = {
    "normal": "nn.init.normal_(m.weight, 0.0, 1.0)",
    "small": "nn.init.normal_(m.weight, 0.0, 0.01)",
    "xavier": "nn.init.xavier_normal_(m.weight, gain=nn.init.calculate_gain('{act}'))",
    "kaiming": "nn.init.kaiming_normal_(m.weight, nonlinearity='{act}')",
}


@st.cache_data(max_entries=64, show_spinner=False)
def _stats(init: str, activation: str, depth: int, batchnorm: bool, residual: bool) -> LayerStats:
    return gradient_flow(init, activation, depth, batchnorm, residual)


def _band(fig: go.Figure, quantiles, colour: str, name: str, col: int) -> None:
    """The 5–95% band of a per-layer quantile table, with its median as a line."""
    layers = list(range(1, len(quantiles) + 1))
    fig.add_scatter(
        x=layers, y=quantiles[:, 4].tolist(), line_width=0, showlegend=False, hoverinfo="skip", row=1, col=col
    )
    fig.add_scatter(
        x=layers,
        y=quantiles[:, 0].tolist(),
        fill="tonexty",
        line_width=0,
        fillcolor=colour,
        opacity=0.25,
        showlegend=False,
        hoverinfo="skip",
        row=1,
        col=col,
    )
    fig.add_scatter(
        x=layers, y=quantiles[:, 2].tolist(), name=name, line_color=colour, showlegend=col == 1, row=1, col=col
    )


def render() -> None:
    """Controls left; right, two panels per layer: |activation| and |gradient| (median line, 5–95% band)."""
    left, right = st.columns([1, 2])
    with left:
        activation = st.radio(
            t("optimization.init.activation"), ACTIVATIONS, horizontal=True, key="optimization.init.act"
        )
        chosen = st.multiselect(
            t("optimization.init.which"),
            INITS,
            default=list(INITS),
            format_func={name: t(f"optimization.init.{name}") for name in INITS}.__getitem__,
            key="optimization.init.which",
            placeholder=t("common.choose"),
        )
        depth = st.slider(t("optimization.init.depth"), 2, 50, 20, key="optimization.init.depth")
        batchnorm = st.toggle(t("optimization.init.batchnorm"), False, key="optimization.init.bn")
        residual = st.toggle(t("optimization.init.residual"), False, key="optimization.init.res")
        st.caption(t("optimization.init.batch"))
    with right:
        fig = make_subplots(
            rows=1,
            cols=2,
            horizontal_spacing=0.12,
            subplot_titles=(t("optimization.init.act_chart"), t("optimization.init.grad_chart")),
        )
        notes = []
        for init in chosen:
            stats = _stats(init, activation, depth, batchnorm, residual)
            name = t(f"optimization.init.{init}")
            _band(fig, stats.activation_quantiles.abs().sort(dim=1).values, COLOURS[init], name, 1)
            _band(fig, stats.gradient_quantiles, COLOURS[init], name, 2)
            first, last = float(stats.gradient_std[0]), float(stats.gradient_std[-1])
            notes.append(t("optimization.init.ratio", name=name, ratio=f"{first / last:.3g}" if last > 0 else "∞"))
        fig.update_xaxes(title_text=t("optimization.init.layer"))
        fig.update_yaxes(type="log", exponentformat="power")
        fig.update_layout(height=430, margin={"t": 40, "b": 10}, legend={"orientation": "h", "y": -0.2})
        st.plotly_chart(fig, key="optimization.init.figure")
        st.caption("  \n".join(notes))
    first = chosen[0] if chosen else "xavier"
    show_code(
        f"""import torch
from torch import nn

model = nn.Sequential(*[m for _ in range({depth}) for m in (nn.Linear(128, 128),{" nn.BatchNorm1d(128)," if batchnorm else ""} nn.{"Tanh" if activation == "tanh" else "ReLU"}())])
for m in model.modules():
    if isinstance(m, nn.Linear):
        {CODE[first].format(act=activation)}
        nn.init.zeros_(m.bias)
outputs = []
for layer in model:
    layer.register_forward_hook(lambda mod, inp, out: (out.retain_grad(), outputs.append(out)))
model(x).sum().backward()                      # x: one batch, (64, 128)
print([o.std().item() for o in outputs])        # activations per layer
print([o.grad.std().item() for o in outputs])   # gradients per layer{"  (residual: h = h + layer(h))" if residual else ""}"""
    )
