"""Losses tab: regression losses on editable values, cross-entropy of two animal classifiers, the logits mistake,
and softmax with a temperature — each number computed twice, by its formula and by torch.nn.functional."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
import torch

from lib.optimization_losses import (
    ANIMAL_TARGETS,
    ANIMALS,
    MODEL_1,
    MODEL_2,
    REGRESSION_PREDICTION,
    REGRESSION_TARGET,
    cross_entropy_from_probabilities,
    probabilities_as_logits,
    regression_losses,
    softmax_with_temperature,
)
from ui.common import guard, show_code, t

PARTS = ("regression", "classification", "softmax")
CHART_HEIGHT = 330


def _loss_table(values: list) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("optimization.col.loss"): [t(f"optimization.loss.{v.name}") for v in values],
            t("optimization.col.by_hand"): [f"{v.by_hand:.6f}" for v in values],
            t("optimization.col.torch"): [f"{v.torch:.6f}" for v in values],
        }
    )


def _regression() -> None:
    st.caption(t("optimization.regression.intro"))
    left, right = st.columns([2, 3])
    with left:
        table = st.data_editor(
            pd.DataFrame(
                {
                    t("optimization.col.prediction"): list(REGRESSION_PREDICTION),
                    t("optimization.col.target"): list(REGRESSION_TARGET),
                }
            ),
            num_rows="dynamic",
            key="optimization.regression.table",
            width="stretch",
        )
        beta = st.number_input(t("optimization.regression.beta"), 0.01, 100.0, 1.0, key="optimization.regression.beta")
    with right, guard():
        frame = table.dropna()
        prediction = [float(v) for v in frame.iloc[:, 0]]
        target = [float(v) for v in frame.iloc[:, 1]]
        values = regression_losses(prediction, target, beta)
        st.dataframe(_loss_table(values), hide_index=True, width="stretch")
        errors = torch.tensor(prediction) - torch.tensor(target)
        e = torch.linspace(-3, 3, 241)
        curves = {
            "l1": e.abs(),
            "mse": e**2,
            "smooth_l1": torch.where(e.abs() < beta, 0.5 * e**2 / beta, e.abs() - 0.5 * beta),
        }
        fig = go.Figure()
        for name, curve in curves.items():
            fig.add_scatter(x=e.tolist(), y=curve.tolist(), name=t(f"optimization.loss.{name}"), mode="lines")
        fig.add_scatter(
            x=errors.tolist(),
            y=[0] * len(errors),
            mode="markers",
            name=t("optimization.regression.errors"),
            marker_size=10,
        )
        fig.update_layout(
            title=t("optimization.regression.chart"),
            xaxis_title=t("optimization.regression.error_axis"),
            yaxis_title=t("optimization.col.loss"),
            yaxis_range=[-0.2, 4.5],
            height=CHART_HEIGHT,
            margin={"t": 40, "b": 10},
            legend={"orientation": "h", "y": -0.25},
        )
        st.plotly_chart(fig, key="optimization.regression.figure")
        show_code(
            f"""import torch
import torch.nn.functional as F

pred = torch.tensor({prediction})
target = torch.tensor({target})
print(F.l1_loss(pred, target))                     # mean |pred - target|        = {values[0].torch:.6f}
print(F.mse_loss(pred, target))                    # mean (pred - target)^2      = {values[1].torch:.6f}
print(F.smooth_l1_loss(pred, target, beta={beta:g}))  # squared near 0, linear beyond = {values[2].torch:.6f}"""
        )


def _probabilities_editor(model: tuple, key: str) -> pd.DataFrame:
    frame = pd.DataFrame([list(row) for row in model], columns=[t(f"optimization.animal.{a}") for a in ANIMALS])
    frame.insert(0, t("optimization.col.truth"), [t(f"optimization.animal.{ANIMALS[i]}") for i in ANIMAL_TARGETS])
    return st.data_editor(frame, disabled=[t("optimization.col.truth")], key=key, hide_index=True, width="stretch")


def _classification() -> None:
    st.caption(t("optimization.ce.intro"))
    columns = st.columns(2)
    results = []
    for index, (column, model) in enumerate(zip(columns, (MODEL_1, MODEL_2), strict=True), start=1):
        with column:
            st.markdown(f"**{t('optimization.ce.model', n=index)}**")
            edited = _probabilities_editor(model, f"optimization.ce.model{index}")
            with guard():
                probs = edited.iloc[:, 1:].astype(float).values.tolist()
                value, per_sample = cross_entropy_from_probabilities(probs, ANIMAL_TARGETS)
                mistake = probabilities_as_logits(probs, ANIMAL_TARGETS)
                st.metric(t("optimization.ce.loss"), f"{value.torch:.4f}", help=t("optimization.ce.loss_help"))
                st.caption(
                    t(
                        "optimization.ce.sum",
                        terms=" + ".join(f"{p:.3f}" for p in per_sample),
                        by_hand=f"{value.by_hand:.4f}",
                    )
                )
                st.metric(t("optimization.ce.mistake"), f"{mistake:.4f}", help=t("optimization.ce.mistake_help"))
                results.append((probs, value.torch, mistake))
    if len(results) == 2:
        (_, good1, bad1), (probs2, good2, bad2) = results
        st.info(
            t("optimization.ce.verdict", gap=f"{abs(good1 - good2):.3f}", mistake_gap=f"{abs(bad1 - bad2):.3f}"),
            icon=":material/lightbulb:",
        )
        show_code(
            f"""import torch
import torch.nn.functional as F

probs = torch.tensor({probs2})       # already softmaxed: rows sum to 1 (cat, dog, pig)
target = torch.tensor({list(ANIMAL_TARGETS)})         # pig, dog, cat
print(F.nll_loss(torch.log(probs), target))   # right: NLL takes log-probabilities   = {good2:.4f}
print(F.cross_entropy(probs, target))         # wrong: cross_entropy wants logits    = {bad2:.4f}
# with raw scores (logits) z, F.cross_entropy(z, target) == F.nll_loss(F.log_softmax(z, dim=1), target)"""
        )


def _softmax() -> None:
    left, right = st.columns([2, 3])
    with left:
        logits = st.data_editor(
            pd.DataFrame({t("optimization.col.logit"): [2.0, 1.0, 0.1, -1.0]}),
            num_rows="dynamic",
            key="optimization.sm.logits",
            width="stretch",
        )
        temperature = st.select_slider(
            t("optimization.sm.temperature"),
            [0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0],
            value=1.0,
            key="optimization.sm.temperature",
        )
    with right, guard():
        z = [float(v) for v in logits.iloc[:, 0].dropna()]
        probs = softmax_with_temperature(z, temperature)
        reference = torch.softmax(torch.tensor(z, dtype=torch.float64) / temperature, dim=0)
        labels = [f"z{i} = {v:g}" for i, v in enumerate(z)]
        fig = go.Figure(go.Bar(x=labels, y=probs.tolist(), text=[f"{p:.3f}" for p in probs], textposition="outside"))
        fig.update_layout(
            title=t("optimization.sm.chart", temperature=temperature),
            yaxis_title=t("optimization.sm.probability"),
            yaxis_range=[0, 1.1],
            height=CHART_HEIGHT,
            margin={"t": 40, "b": 10},
        )
        st.plotly_chart(fig, key="optimization.sm.figure")
        st.caption(t("optimization.sm.check", agree=bool(torch.allclose(probs, reference))))
        show_code(
            f"""import torch

z = torch.tensor({z})
T = {temperature}
p = torch.softmax(z / T, dim=0)   # small T sharpens towards the largest logit, large T flattens to uniform
print(p)  # {[round(v, 4) for v in probs.tolist()]}"""
        )


def render() -> None:
    """The losses tab: pick one of three worked examples."""
    part = st.segmented_control(
        t("optimization.losses.part"),
        PARTS,
        format_func={name: t(f"optimization.losses.{name}") for name in PARTS}.__getitem__,
        default="regression",
        key="optimization.losses.part",
    )
    {"regression": _regression, "classification": _classification, "softmax": _softmax}[part or "regression"]()
