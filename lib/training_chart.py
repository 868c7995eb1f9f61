"""The live training chart (loss per step, a metric per epoch, LR per step) as one Plotly figure.

It is redrawn twice a second while a run trains, on the same CPU cores, so it is built cheaply: numpy arrays
and three axes placed by hand instead of ``make_subplots`` (about five times faster), which keeps the chart's
cost within a few percent of training throughput (``bench/train_throughput.py`` measures it).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import plotly.graph_objects as go

from lib.i18n import CATALOG, translate
from lib.jobs import Snapshot

PANELS = ((0.0, 0.3), (0.35, 0.65), (0.7, 1.0))  # x-domains of the loss, metric and LR panels
LOSS_COLOR = "#0068c9"  # raw and smoothed loss share a hue; the raw one is faint, as in TensorBoard
REFRESH_S = 0.5  # ≤ 2 Hz: st.plotly_chart re-sends the whole figure each time
FRACTIONS = ("accuracy",)  # metrics that live in 0..1: their axis stays fixed there, so noise never looks like progress
LOG_TICKS = "~g"  # a log axis labels every tick as a full number (0.02, 0.05, 0.1), not bare mantissas (2, 5, 1)
SKIP_COLOR = "#d62728"  # steps GradScaler skipped (overflow), marked on the loss and on the scale
SCALE_ROWS = ((0.42, 1.0), (0.0, 0.26))  # y-domains of the loss and of the loss scale under it (fp16 runs)


def training_figure(
    snap: Snapshot,
    metrics: str | tuple[str, ...] = "accuracy",
    *,
    text: Callable[..., str] | None = None,
    uirevision: str = "",
    log_metrics: bool = False,
    labels: dict[str, str] | None = None,
) -> go.Figure:
    """Loss per step (raw + smoothed), ``metrics`` per epoch (train/val) and the LR per step, side by side.

    ``text(key, **values)`` gives the labels (a page passes its translator; default English). Several metrics
    share the middle panel (e.g. detection's class error and box MAE, on a log axis with ``log_metrics``).
    ``labels`` maps a metric to the name the learner reads (default: ``train.live.metric.<name>`` if defined).
    Accuracy-like metrics (``FRACTIONS``) are drawn on a fixed 0..1 axis.
    """
    names = (metrics,) if isinstance(metrics, str) else tuple(metrics)
    text = text or (lambda key, **values: translate(key, "en", **values))
    shown = {name: metric_label(name, text, labels) for name in names}
    steps = np.fromiter((p.step for p in snap.steps), dtype=np.int64, count=len(snap.steps))
    loss = np.fromiter((p.loss for p in snap.steps), dtype=np.float64, count=len(snap.steps))
    smoothed = np.fromiter((p.smoothed for p in snap.steps), dtype=np.float64, count=len(snap.steps))
    lr = np.fromiter((p.lr for p in snap.steps), dtype=np.float64, count=len(snap.steps))
    traces = [
        go.Scatter(x=steps, y=loss, name=text("train.live.raw"), mode="lines", opacity=0.3, line_color=LOSS_COLOR),
        go.Scatter(x=steps, y=smoothed, name=text("train.live.smoothed"), mode="lines", line_color=LOSS_COLOR),
    ]
    epochs = [e.epoch for e in snap.epochs]
    for metric in names:
        for part, key in (("train", "train.live.train"), ("val", "train.live.val")):
            values = [getattr(e, part).get(metric) for e in snap.epochs]
            if any(v is not None for v in values):
                label = text(key) if len(names) == 1 else f"{text(key)} {shown[metric]}"
                traces.append(
                    go.Scatter(
                        x=epochs, y=values, name=label, mode="lines+markers", xaxis="x2", yaxis="y2", cliponaxis=False
                    )
                )
    traces.append(go.Scatter(x=steps, y=lr, name="LR", mode="lines", xaxis="x3", yaxis="y3"))
    titles = (
        text("train.live.loss"),
        text("train.live.metric", metric=", ".join(shown.values())),
        text("train.live.lr"),
    )
    axis_titles = (text("train.live.step"), text("train.live.epoch"), text("train.live.step"))
    layout = panel_layout(titles, axis_titles, height=380, uirevision=uirevision)
    if any(p.scale is not None for p in snap.steps) or snap.skipped_steps:
        add_scale_panel(traces, layout, snap, text)
    if log_metrics:
        layout["yaxis2"] |= {"type": "log", "tickformat": LOG_TICKS}
    elif all(name in FRACTIONS for name in names):
        layout["yaxis2"] |= {"range": [0, 1], "autorange": False}
    return go.Figure(data=traces, layout=layout)


def add_scale_panel(
    traces: list[go.Scatter], layout: dict[str, object], snap: Snapshot, text: Callable[..., str]
) -> None:
    """Under the loss, on the same step axis: GradScaler's loss scale (log) and a mark at every skipped step.

    A step whose scaled gradients overflowed (inf/NaN) is skipped and the scale halved; the marks sit on the loss
    curve and on the scale, so the learner sees when it happened and what it did to the scale.
    """
    points = [p for p in snap.steps if p.scale is not None]
    skipped = snap.skipped_steps
    skip_name = text("train.live.skipped", count=len(skipped))
    traces.append(
        go.Scatter(
            x=[p.step for p in points],
            y=[p.scale for p in points],
            name=text("train.live.scale"),
            mode="lines",
            line_shape="hv",
            line_color="#7f7f7f",
            xaxis="x4",
            yaxis="y4",
        )
    )
    marker = {"symbol": "x", "color": SKIP_COLOR, "size": 8}
    traces.append(
        go.Scatter(
            x=[p.step for p in skipped],
            y=[p.loss for p in skipped],
            name=skip_name,
            mode="markers",
            marker=marker,
            legendgroup="skipped",
        )
    )
    traces.append(
        go.Scatter(
            x=[p.step for p in skipped],
            y=[p.scale for p in skipped],
            name=skip_name,
            mode="markers",
            marker=marker,
            legendgroup="skipped",
            showlegend=False,
            xaxis="x4",
            yaxis="y4",
        )
    )
    layout["height"] = 440
    layout["yaxis"] = dict(layout["yaxis"]) | {"domain": SCALE_ROWS[0]}
    layout["xaxis"] = dict(layout["xaxis"]) | {"title": {"text": ""}}
    layout["xaxis4"] = {
        "domain": PANELS[0],
        "anchor": "y4",
        "matches": "x",
        "title": {"text": text("train.live.step")},
    }
    layout["yaxis4"] = {
        "domain": SCALE_ROWS[1],
        "anchor": "x4",
        "type": "log",
        "nticks": 4,
        "tickformat": "~s",  # 65.5k, 32.8k: short labels on a short axis
        "title": {"text": text("train.live.scale_axis"), "font": {"size": 11}},
    }


def panel_layout(
    titles: tuple[str, ...], axis_titles: tuple[str, ...], *, height: int, uirevision: str
) -> dict[str, object]:
    """Three side-by-side panels (``PANELS``) with a centred title each and their axes, as a Plotly layout dict.

    Hand-placed axes are several times cheaper per redraw than ``make_subplots``; the live charts share them.
    """
    layout: dict[str, object] = {
        "height": height,
        "margin": {"t": 40, "b": 10, "l": 10, "r": 10},
        "uirevision": uirevision,
        "legend": {"orientation": "h", "x": 0, "y": -0.22, "yanchor": "top"},  # below the axis titles
        "annotations": [
            {
                "text": title,
                "x": sum(domain) / 2,
                "y": 1.0,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "center",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 14},
            }
            for title, domain in zip(titles, PANELS, strict=True)
        ],
    }
    for index, (domain, title) in enumerate(zip(PANELS, axis_titles, strict=True), start=1):
        suffix = "" if index == 1 else str(index)
        layout[f"xaxis{suffix}"] = {"domain": domain, "anchor": f"y{suffix}", "title": {"text": title}}
        layout[f"yaxis{suffix}"] = {"anchor": f"x{suffix}"}
    return layout


def metric_label(name: str, text: Callable[..., str], labels: dict[str, str] | None = None) -> str:
    """What the learner reads for metric ``name``: the caller's label, else its i18n text, else the name."""
    if labels and name in labels:
        return labels[name]
    key = f"train.live.metric.{name}"
    return text(key) if key in CATALOG else name


def progress_text(snap: Snapshot, text: Callable[..., str] | None = None) -> str:
    """ "step 120/500 · epoch 2/5 · 2,900 images/s · ETA 14 s"; without the ETA once nothing is left to wait for."""
    text = text or (lambda key, **values: translate(key, "en", **values))
    values = {
        "step": snap.step,
        "total": snap.total_steps,
        "epoch": snap.epoch,
        "epochs": snap.epochs_total,
        "rate": f"{snap.images_per_s:,.0f}",
    }
    if snap.eta_s is None:  # a finished, stopped or not yet measured run has no time left to announce
        return text("train.live.progress_ended", **values)
    return text("train.live.progress", eta=f"{snap.eta_s:.0f}", **values)
