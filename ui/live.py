"""Reusable live-training UI: the session's job, Start/Stop buttons, and a live Plotly chart in a fragment.

Pages that train (Train a CNN, fine-tuning, detection) call :func:`session_job`, :func:`start_stop` and
:func:`live_panel` (at the top level of the page, not inside columns or expanders).
"""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go
import streamlit as st

from lib.jobs import Executor, RunLimiter, Snapshot, TrainingJob, executor_from_env
from lib.training_chart import REFRESH_S, progress_text, training_figure
from ui.common import error_message, guard, t


@st.cache_resource(show_spinner=False)
def run_limiter() -> RunLimiter:
    """The server-wide cap on concurrent runs (one object shared by every session)."""
    return RunLimiter()


@st.cache_resource(show_spinner=False)
def run_executor() -> Executor:
    """Where runs train, chosen once per server: threads here, or a Ray cluster (``DLP_RAY_ADDRESS``, ``DLP_JOBS``)."""
    return executor_from_env()


@st.cache_resource(scope="session", on_release=lambda job: job.stop.set(), show_spinner=False)
def session_job(page: str) -> TrainingJob:
    """This session's job for ``page``; when the session goes away the run is told to stop."""
    return TrainingJob(run_executor())


def _drawn_running(key: str) -> str:
    """Where :func:`start_stop` leaves the job state it drew its buttons with, for :func:`live_panel` to read."""
    return f"_{key}_buttons_drawn_running"


def start_stop(job: TrainingJob, start: Callable[[], None], *, key: str) -> None:
    """Start (calls ``start`` inside ``guard``) and Stop buttons; one run per session."""
    left, right = st.columns(2)
    running = job.running
    st.session_state[_drawn_running(key)] = running
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


def live_panel(
    job: TrainingJob,
    *,
    key: str,
    metrics: str | tuple[str, ...] = "accuracy",
    log_metrics: bool = False,
    details: Callable[[Snapshot], None] | None = None,
    figure: Callable[[Snapshot], go.Figure] | None = None,
    labels: dict[str, str] | None = None,
) -> Snapshot:
    """The live chart + progress bar; refreshes itself every 0.5 s while the job runs, reruns the page at the end.

    ``details(snapshot)`` draws page-specific lines under the chart (e.g. detection's latest mAP);
    ``figure(snapshot)`` replaces the standard chart (e.g. fine-tuning's two runs side by side); ``labels`` gives
    the metrics' display names (translated).

    The panel polls while the job runs, and also when this run drew the Start button disabled (the job ended
    between the buttons and the panel, as after a Stop): its next refresh then redraws the page with Start enabled.
    """
    running = job.running or bool(st.session_state.pop(_drawn_running(key), False))
    inline = [True]  # True while the page's own run draws the panel; later calls are the fragment's reruns

    @st.fragment(run_every=REFRESH_S if running else None)
    def panel() -> None:
        snap = job.snapshot()
        if snap.status == "idle":
            st.info(t("train.live.idle"), icon=":material/info:")
            return
        if snap.queue_place is not None:
            wait = None if snap.queue_wait_s is None else f"{snap.queue_wait_s:.0f}"
            queued = "train.live.queued" if wait is not None else "train.live.queued_unknown"
            queued = queued if snap.queue_place else "train.live.queued_start"
            st.info(t(queued, place=snap.queue_place, wait=wait), icon=":material/hourglass_top:")
        st.progress(min(1.0, snap.progress), text=progress_text(snap, t))
        chart = (
            training_figure(
                snap, metrics, text=t, uirevision=f"{key}-{snap.run_id}", log_metrics=log_metrics, labels=labels
            )
            if figure is None
            else figure(snap)
        )
        st.plotly_chart(chart, key=f"{key}_chart")
        if details is not None:
            details(snap)
        if snap.status == "failed" and snap.error is not None:
            st.error(error_message(snap.error), icon=":material/error:")
        elif snap.status == "stopped":
            st.warning(t("train.live.stopped", step=snap.step), icon=":material/stop_circle:")
        elif snap.status == "done":
            st.success(t("train.live.done", epochs=snap.epoch), icon=":material/check_circle:")
        if running and not job.running and not inline[0]:
            # The run ended: redraw the page once so polling stops and results appear. Only from a fragment
            # rerun: Streamlit forgets the session's media at the start of every full run and deletes what that
            # run did not draw, so cutting a full run short here would 404 every image below the panel.
            st.rerun()

    panel()
    inline[0] = False
    return job.snapshot()
