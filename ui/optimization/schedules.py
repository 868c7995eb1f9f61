"""Schedules tab: the learning rate of each real scheduler over the steps, beside the loss of a short run with it."""

from __future__ import annotations

import streamlit as st
import torch
from plotly.subplots import make_subplots

from lib.optimization_runs import SCHEDULES, Run, lr_curve, mlp, spirals, train_run
from ui.common import show_code, t

COLOURS = {"constant": "#9d755d", "step": "#e45756", "cosine": "#4c78a8", "onecycle": "#54a24b", "warmup": "#b279a2"}
CODE = {
    "constant": "ConstantLR(opt, factor=1.0, total_iters=0)",
    "step": "StepLR(opt, step_size={third}, gamma=0.1)",
    "cosine": "CosineAnnealingLR(opt, T_max={steps})",
    "onecycle": "OneCycleLR(opt, max_lr={lr}, total_steps={steps})",
    "warmup": "SequentialLR(opt, [LinearLR(opt, start_factor=0.01, total_iters={warm}), "
    "CosineAnnealingLR(opt, T_max={rest})], milestones=[{warm}])",
}


@st.cache_data(max_entries=64, show_spinner=False)
def _run(schedule: str, lr: float, steps: int) -> Run:
    """SGD with momentum on the two-spiral task in mini-batches of 16, from the same weights for every schedule."""
    data = spirals(200, 0.05, seed=0)
    model = mlp(width=64, depth=2, seed=0)
    optimizer = lambda params: torch.optim.SGD(params, lr=lr, momentum=0.9)  # noqa: E731
    return train_run(model, data, optimizer, steps, schedule, batch_size=16)


def render() -> None:
    """Pick schedules, a peak LR and a length; both curves come from the real schedulers."""
    left, right = st.columns([1, 3])
    with left:
        chosen = st.multiselect(
            t("optimization.sched.which"),
            SCHEDULES,
            default=["constant", "step", "cosine", "onecycle"],
            format_func={name: t(f"optimization.schedule.{name}") for name in SCHEDULES}.__getitem__,
            key="optimization.sched.which",
            placeholder=t("common.choose"),
        )
        lr = st.select_slider(
            t("optimization.sched.lr"), [0.01, 0.03, 0.1, 0.3, 0.5, 1.0], value=0.5, key="optimization.sched.lr"
        )
        steps = st.slider(t("optimization.sched.steps"), 20, 400, 200, step=10, key="optimization.sched.steps")
        st.caption(t("optimization.sched.task"))
    with right:
        fig = make_subplots(
            rows=1, cols=2, subplot_titles=(t("optimization.sched.lr_chart"), t("optimization.sched.loss_chart"))
        )
        for name in chosen:
            curve = lr_curve(name, lr, steps)
            run = _run(name, lr, steps)
            label = t(f"optimization.schedule.{name}")
            x = list(range(1, steps + 1))
            fig.add_scatter(x=x, y=curve, name=label, line_color=COLOURS[name], row=1, col=1)
            fig.add_scatter(x=x, y=run.train, name=label, line_color=COLOURS[name], showlegend=False, row=1, col=2)
        fig.update_xaxes(title_text=t("optimization.axis.step"))
        fig.update_yaxes(title_text=t("optimization.axis.lr"), row=1, col=1)
        fig.update_yaxes(title_text=t("optimization.axis.train_loss"), type="log", row=1, col=2)
        fig.update_layout(height=420, margin={"t": 40, "b": 10}, legend={"orientation": "h", "y": -0.2})
        st.plotly_chart(fig, key="optimization.sched.figure")
        if chosen:
            final = ", ".join(
                f"{t(f'optimization.schedule.{name}')} {_run(name, lr, steps).train[-1]:.3g}" for name in chosen
            )
            st.caption(t("optimization.sched.final", losses=final))
    name = chosen[0] if chosen else "cosine"
    warm = max(1, steps // 10)
    show_code(
        f"""import torch
from torch.optim.lr_scheduler import ConstantLR, CosineAnnealingLR, LinearLR, OneCycleLR, SequentialLR, StepLR

opt = torch.optim.SGD(model.parameters(), lr={lr}, momentum=0.9)
scheduler = {CODE[name].format(third=max(1, steps // 3), steps=steps, lr=lr, warm=warm, rest=steps - warm)}
for step in range({steps}):
    print(step, scheduler.get_last_lr())   # the curve on the left
    batch = torch.randint(0, len(x), (16,))
    loss = F.cross_entropy(model(x[batch]), y[batch])
    opt.zero_grad(); loss.backward(); opt.step()
    scheduler.step()                       # once per optimisation step"""
    )
