"""The live chart of "fine-tune vs scratch": both runs of one job, side by side on the same axes.

Validation accuracy on a fixed 0–1 axis, validation loss and the smoothed training loss on log axes: a
scratch run's loss can be a hundred times the fine-tuned one's early on, and on a linear axis that flattens
the fine-tuned curve to a line at zero.
"""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go

from lib.i18n import translate
from lib.jobs import Snapshot
from lib.training_chart import panel_layout

COLORS = {"finetune": "#1f77b4", "scratch": "#ff7f0e"}


def compare_figure(snap: Snapshot, *, text: Callable[..., str] | None = None, uirevision: str = "") -> go.Figure:
    """Per run: validation accuracy and loss per epoch, smoothed training loss per step (log axes for losses).

    ``text(key, **values)`` gives the labels (a page passes its translator; default English).
    """
    text = text or (lambda key, **values: translate(key, "en", **values))
    traces = []
    for run in snap.runs:
        epochs = [e for e, name in zip(snap.epochs, snap.epoch_runs, strict=True) if name == run]
        steps = [p for p in snap.steps if p.run == run]
        common = {"name": text(f"finetune.run.{run}"), "legendgroup": run, "line_color": COLORS.get(run)}
        x = [e.epoch for e in epochs]
        traces += [
            go.Scatter(x=x, y=[e.val.get("accuracy") for e in epochs], mode="lines+markers", **common),
            go.Scatter(
                x=x,
                y=[e.val.get("loss") for e in epochs],
                mode="lines+markers",
                showlegend=False,
                xaxis="x2",
                yaxis="y2",
                **common,
            ),
            go.Scatter(
                x=[p.step for p in steps],
                y=[p.smoothed for p in steps],
                mode="lines",
                showlegend=False,
                xaxis="x3",
                yaxis="y3",
                **common,
            ),
        ]
    titles = (text("finetune.run.accuracy"), text("finetune.run.loss"), text("finetune.run.train_loss"))
    axis_titles = (text("finetune.run.epoch"), text("finetune.run.epoch"), text("finetune.run.step"))
    epochs_total = max(1, snap.epochs_total // max(1, len(snap.runs)))
    layout = panel_layout(titles, axis_titles, height=340, uirevision=uirevision)
    layout["xaxis"]["range"] = layout["xaxis2"]["range"] = [0.5, epochs_total + 0.5]
    layout["yaxis"].update(range=[0, 1], tickformat=".0%")
    layout["yaxis2"]["type"] = layout["yaxis3"]["type"] = "log"
    return go.Figure(data=traces, layout=layout)
