"""Reusable live-training UI: the session's job, Start/Stop buttons, and a live Plotly chart in a fragment.

Pages that train (Train a CNN, fine-tuning, detection) call :func:`session_job`, :func:`start_stop` and
:func:`live_panel` (at the top level of the page, not inside columns or expanders).
"""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from lib.jobs import RunLimiter, Snapshot, TrainingJob
from pages.common import error_message, guard, t

REFRESH_S = 0.5  # ≤ 2 Hz: st.plotly_chart re-sends the whole figure each time


@st.cache_resource(show_spinner=False)
def run_limiter() -> RunLimiter:
    """The server-wide cap on concurrent runs (one object shared by every session)."""
    return RunLimiter()


@st.cache_resource(scope="session", on_release=lambda job: job.stop.set(), show_spinner=False)
def session_job(page: str) -> TrainingJob:
    """This session's job for ``page``; when the session goes away the run is told to stop."""
    return TrainingJob()


def start_stop(job: TrainingJob, start: Callable[[], None], *, key: str) -> None:
    """Start (calls ``start`` inside ``guard``) and Stop buttons; one run per session."""
    left, right = st.columns(2)
    running = job.running
    if left.button(
        t("train.live.start"),
        key=f"{key}_start",
        type="primary",
        disabled=running,
        icon=":material/play_arrow:",
        width="stretch",
    ):
        started = False
        with guard():
            start()
            started = True
        if started:
            st.rerun()  # redraw the buttons (Start disabled, Stop enabled) and start the live fragment
    if right.button(
        t("train.live.stop"), key=f"{key}_stop", disabled=not job.running, icon=":material/stop:", width="stretch"
    ):
        job.stop.set()


def training_figure(snap: Snapshot, metric: str = "accuracy", *, uirevision: str = "") -> go.Figure:
    """Loss per step (raw + smoothed), ``metric`` per epoch (train/val), and the LR per step."""
    fig = make_subplots(
        rows=1,
        cols=3,
        subplot_titles=(t("train.live.loss"), t("train.live.metric", metric=metric), t("train.live.lr")),
    )
    steps = [p.step for p in snap.steps]
    fig.add_trace(
        go.Scatter(x=steps, y=[p.loss for p in snap.steps], name=t("train.live.raw"), mode="lines", opacity=0.35),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(x=steps, y=[p.smoothed for p in snap.steps], name=t("train.live.smoothed"), mode="lines"),
        row=1,
        col=1,
    )
    epochs = [e.epoch for e in snap.epochs]
    for part, label in (("train", t("train.live.train")), ("val", t("train.live.val"))):
        values = [getattr(e, part).get(metric) for e in snap.epochs]
        if any(v is not None for v in values):
            fig.add_trace(go.Scatter(x=epochs, y=values, name=label, mode="lines+markers"), row=1, col=2)
    fig.add_trace(go.Scatter(x=steps, y=[p.lr for p in snap.steps], name="LR", mode="lines"), row=1, col=3)
    fig.update_xaxes(title_text=t("train.live.step"), row=1, col=1)
    fig.update_xaxes(title_text=t("train.live.epoch"), row=1, col=2)
    fig.update_xaxes(title_text=t("train.live.step"), row=1, col=3)
    fig.update_layout(
        height=320, margin={"t": 40, "b": 10, "l": 10, "r": 10}, uirevision=uirevision, legend={"orientation": "h"}
    )
    return fig


def progress_line(snap: Snapshot) -> str:
    """ "step 120/500 · epoch 2/5 · 2,900 images/s · ETA 14 s"."""
    eta = "-" if snap.eta_s is None else f"{snap.eta_s:.0f}"
    return t(
        "train.live.progress",
        step=snap.step,
        total=snap.total_steps,
        epoch=snap.epoch,
        epochs=snap.epochs_total,
        rate=f"{snap.images_per_s:,.0f}",
        eta=eta,
    )


def live_panel(job: TrainingJob, *, key: str, metric: str = "accuracy") -> Snapshot:
    """The live chart + progress bar; refreshes itself every 0.5 s while the job runs, reruns the page at the end."""
    running = job.running

    @st.fragment(run_every=REFRESH_S if running else None)
    def panel() -> None:
        snap = job.snapshot()
        if snap.status == "idle":
            st.info(t("train.live.idle"), icon=":material/info:")
            return
        st.progress(min(1.0, snap.progress), text=progress_line(snap))
        st.plotly_chart(training_figure(snap, metric, uirevision=f"{key}-{snap.run_id}"), key=f"{key}_chart")
        if snap.status == "failed" and snap.error is not None:
            st.error(error_message(snap.error), icon=":material/error:")
        elif snap.status == "stopped":
            st.warning(t("train.live.stopped", step=snap.step), icon=":material/stop_circle:")
        elif snap.status == "done":
            st.success(t("train.live.done", epochs=snap.epoch), icon=":material/check_circle:")
        if running and not job.running:
            st.rerun()  # the run ended: redraw the page once so polling stops and results appear

    panel()
    return job.snapshot()
