"""Regularisation tab: dropout in train vs eval mode, Adam's L2 vs AdamW's decoupled decay, and an overfitting run."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from lib.optimization_regularisation import REGULARISERS, Run, decay_paths, dropout_demo, overfit_run
from ui.common import show_code, t

PARTS = ("dropout", "decay", "overfit")
COLOURS = {"none": "#e45756", "dropout": "#4c78a8", "weight_decay": "#54a24b", "adam_l2": "#e45756", "adamw": "#4c78a8"}
HEIGHT = 380


def _dropout() -> None:
    left, right = st.columns([1, 3])
    p = left.slider(t("optimization.reg.p"), 0.0, 0.9, 0.5, step=0.1, key="optimization.dropout.p")
    seed = left.number_input(t("optimization.reg.seed"), 0, 1000, 0, key="optimization.dropout.seed")
    demo = dropout_demo(p, seed=int(seed))
    with right:
        fig = go.Figure()
        positions = list(range(1, len(demo.input) + 1))
        fig.add_bar(x=positions, y=demo.train.tolist(), name=t("optimization.reg.train_mode"))
        fig.add_bar(x=positions, y=demo.eval.tolist(), name=t("optimization.reg.eval_mode"))
        fig.update_layout(
            barmode="group",
            title=t("optimization.reg.dropout_chart", p=p),
            xaxis_title=t("optimization.reg.position"),
            yaxis_title=t("optimization.reg.value"),
            height=HEIGHT,
            margin={"t": 40, "b": 10},
            legend={"orientation": "h", "y": -0.2},
        )
        st.plotly_chart(fig, key="optimization.dropout.figure")
        kept = int((demo.train != 0).sum())
        st.caption(
            t(
                "optimization.reg.dropout_summary",
                kept=kept,
                total=len(demo.input),
                scale=f"{1 / (1 - p):.3g}",
                mean=f"{float(demo.train.mean()):.3g}",
            )
        )
    show_code(
        f"""import torch
from torch import nn

drop = nn.Dropout(p={p})
x = torch.ones(16)
torch.manual_seed({int(seed)})
drop.train(); print(drop(x))   # each entry 0 or 1/(1-p) = {1 / (1 - p):.3g}; the mean stays near 1
drop.eval();  print(drop(x))   # identity: nothing dropped, nothing scaled"""
    )


def _decay() -> None:
    left, right = st.columns([1, 3])
    lr = left.select_slider(t("optimization.reg.lr"), [0.001, 0.01, 0.05, 0.1], value=0.01, key="optimization.decay.lr")
    wd = left.select_slider(
        t("optimization.reg.wd"), [0.0, 0.01, 0.1, 0.5, 1.0], value=0.1, key="optimization.decay.wd"
    )
    grad = left.select_slider(
        t("optimization.reg.grad"), [0.0, 0.001, 0.01, 0.1, 1.0], value=0.001, key="optimization.decay.grad"
    )
    steps = left.slider(t("optimization.reg.steps"), 10, 500, 200, key="optimization.decay.steps")
    paths = decay_paths(lr, wd, steps, grad)
    with right:
        fig = go.Figure()
        for name, values in paths.items():
            fig.add_scatter(y=values, name=t(f"optimization.reg.{name}"), line_color=COLOURS[name])
        fig.update_layout(
            title=t("optimization.reg.decay_chart"),
            xaxis_title=t("optimization.axis.step"),
            yaxis_title=t("optimization.reg.weight"),
            height=HEIGHT,
            margin={"t": 40, "b": 10},
            legend={"orientation": "h", "y": -0.2},
        )
        st.plotly_chart(fig, key="optimization.decay.figure")
        st.caption(
            t("optimization.reg.decay_summary", adam=f"{paths['adam_l2'][-1]:.4g}", adamw=f"{paths['adamw'][-1]:.4g}")
        )
    show_code(
        f"""import torch

for cls in (torch.optim.Adam, torch.optim.AdamW):
    w = torch.nn.Parameter(torch.ones(1, dtype=torch.float64))
    opt = cls([w], lr={lr}, weight_decay={wd})
    for _ in range({steps}):
        opt.zero_grad()
        w.grad = torch.full_like(w, {grad})   # the data's gradient
        opt.step()
    print(cls.__name__, w.item())   # Adam: {paths["adam_l2"][-1]:.4g}   AdamW: {paths["adamw"][-1]:.4g}"""
    )


@st.cache_data(max_entries=32, show_spinner=False)
def _overfit(regulariser: str, strength: float) -> Run:
    return overfit_run(regulariser, strength)


def _overfit_chart() -> None:
    left, right = st.columns([1, 3])
    p = left.slider(t("optimization.reg.p"), 0.1, 0.9, 0.5, step=0.1, key="optimization.overfit.p")
    wd = left.select_slider(
        t("optimization.reg.wd"), [0.01, 0.1, 0.5, 1.0, 2.0], value=0.5, key="optimization.overfit.wd"
    )
    left.caption(t("optimization.reg.overfit_task"))
    runs = {name: _overfit(name, {"none": 0.0, "dropout": p, "weight_decay": wd}[name]) for name in REGULARISERS}
    with right:
        fig = go.Figure()
        for name, run in runs.items():
            label = t(f"optimization.reg.{name}")
            fig.add_scatter(
                y=run.train, x=list(range(1, len(run.train) + 1)), name=f"{label} · {t('optimization.reg.train')}",
                line={"color": COLOURS[name], "dash": "dot"},
            )  # fmt: skip
            fig.add_scatter(
                y=run.val, x=run.val_steps, name=f"{label} · {t('optimization.reg.val')}", line_color=COLOURS[name]
            )
        fig.update_layout(
            title=t("optimization.reg.overfit_chart"),
            xaxis_title=t("optimization.axis.step"),
            yaxis={"title": t("optimization.axis.loss"), "type": "log"},
            height=HEIGHT,
            margin={"t": 40, "b": 10},
            legend={"orientation": "h", "y": -0.2},
        )
        st.plotly_chart(fig, key="optimization.overfit.figure")
        st.caption(
            "  \n".join(
                t(
                    "optimization.reg.overfit_summary",
                    name=t(f"optimization.reg.{name}"),
                    train=f"{run.train[-1]:.3g}",
                    val=f"{run.val[-1]:.3g}",
                    accuracy=f"{run.val_accuracy:.0%}",
                )
                for name, run in runs.items()
            )
        )
    show_code(
        f"""import torch
from torch import nn
import torch.nn.functional as F

model = nn.Sequential(nn.Linear(2, 128), nn.ReLU(), nn.Dropout({p}), nn.Linear(128, 128), nn.ReLU(), nn.Dropout({p}), nn.Linear(128, 2))
opt = torch.optim.AdamW(model.parameters(), lr=0.01, weight_decay={wd})
for step in range(200):
    model.train(); loss = F.cross_entropy(model(x_train), y_train)
    opt.zero_grad(); loss.backward(); opt.step()
    model.eval()
    with torch.no_grad():
        val_loss = F.cross_entropy(model(x_val), y_val)   # dropout is off in eval mode"""
    )


def render() -> None:
    """The regularisation tab: pick one of three experiments."""
    part = st.segmented_control(
        t("optimization.reg.part"),
        PARTS,
        format_func={name: t(f"optimization.reg.part.{name}") for name in PARTS}.__getitem__,
        default="dropout",
        key="optimization.reg.part",
    )
    {"dropout": _dropout, "decay": _decay, "overfit": _overfit_chart}[part or "dropout"]()
