"""Train page, precision tab: the device × precision race of the chosen model's training step."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st
from torch import nn

from lib.data.arrays import ImageArrays
from lib.jobs import RunLimiter
from lib.train import TrainConfig
from lib.train_race import RaceJob, RaceRow
from ui.common import guard, show_code, t

STEP_CHOICES = (10, 20, 50)


@st.cache_resource(scope="session", on_release=lambda job: job.stop.set(), show_spinner=False)
def session_race() -> RaceJob:
    """This session's race; its results stay until the next race (a closed tab stops a running one)."""
    return RaceJob()


def render(
    name: str, model: nn.Module, train: ImageArrays, val: ImageArrays, config: TrainConfig, limiter: RunLimiter
) -> None:
    """The race button, then (live while it runs) the table and bar chart of every device × precision."""
    st.subheader(t("train.race.header"))
    st.markdown(t("train.race.intro"))
    steps = st.select_slider(t("train.race.steps"), STEP_CHOICES, value=20, key="train_race_steps")
    key = (name, len(train), train.image_shape, config.optimizer, config.lr, config.batch_size, config.seed, steps)
    job = session_race()
    if st.button(t("train.race.run"), key="train_race_run", icon=":material/speed:", disabled=job.running):
        with guard():
            job.start(key, model, train, val, config, steps=steps, limiter=limiter)
    st.caption(t("train.race.gpu_note"))

    running = job.running
    inline = [True]  # True during the page's own run; later calls are the fragment's reruns

    @st.fragment(run_every=0.5 if running else None)
    def results() -> None:
        status, raced, rows, total = job.snapshot()
        if status == "idle" or raced != key:
            st.info(t("train.race.none"), icon=":material/speed:")
            return
        if status == "running":
            st.progress(len(rows) / max(1, total), text=t("train.race.progress", done=len(rows), total=total))
        if rows:
            _show(rows, steps)
        if running and not job.running and not inline[0]:
            st.rerun()  # the race ended: one full rerun stops the polling and re-enables the button

    results()
    inline[0] = False
    show_code(race_code(config))


def combo(row: RaceRow) -> str:
    """ "cpu · bf16"."""
    return f"{row.device} · {row.precision}"


def _show(rows: list[RaceRow], steps: int) -> None:
    status_text = {
        "done": "",
        "too_slow": t("train.race.too_slow"),
        "out_of_time": t("train.race.out_of_time"),
        "failed": t("train.race.failed"),
    }
    table = {
        t("train.race.col.combo"): [combo(row) for row in rows],
        t("train.race.col.ms"): [f"{row.ms_per_step:,.1f}" if row.ms_per_step else "—" for row in rows],
        t("train.race.col.rate"): [f"{row.images_per_s:,.0f}" if row.images_per_s else "—" for row in rows],
        t("train.race.col.memory"): [
            f"{row.peak_mb:,.1f} ({t('train.race.memory.' + row.memory)})" if row.peak_mb is not None else "—"
            for row in rows
        ],
        t("train.race.col.accuracy", steps=steps): [
            f"{row.accuracy:.1%}" if row.accuracy is not None else "—" for row in rows
        ],
        t("train.race.col.note"): [status_text[row.status] for row in rows],
    }
    st.dataframe(table, hide_index=True)
    done = [row for row in rows if row.status == "done" and row.images_per_s]
    if not done:
        return
    fastest = max(done, key=lambda row: row.images_per_s)
    base = next((row for row in done if row.precision == "fp32" and row.device == "cpu"), done[0])
    st.markdown(
        t(
            "train.race.verdict",
            fastest=combo(fastest),
            ratio=f"{fastest.images_per_s / base.images_per_s:.2f}",
            base=combo(base),
            acc=f"{fastest.accuracy:.1%}" if fastest.accuracy is not None else "—",
            base_acc=f"{base.accuracy:.1%}" if base.accuracy is not None else "—",
            steps=steps,
        )
    )
    figure = go.Figure(
        go.Bar(
            x=[row.images_per_s for row in done],
            y=[combo(row) for row in done],
            orientation="h",
            marker_color=["#0068c9" if row is fastest else "#9bbbe0" for row in done],
            text=[f"{row.images_per_s:,.0f}" for row in done],
            textposition="auto",
        )
    )
    figure.update_layout(
        title=t("train.race.chart"),
        height=120 + 40 * len(done),
        margin={"t": 40, "b": 10, "l": 10, "r": 10},
        xaxis_title=t("train.race.col.rate"),
        yaxis={"autorange": "reversed"},
    )
    st.plotly_chart(figure, key="train_race_chart")


def race_code(config: TrainConfig) -> str:
    """The plain-PyTorch timing of one combination (what lib.train_race.time_steps does)."""
    optimizer = {"sgd": "SGD", "adam": "Adam", "adamw": "AdamW"}[config.optimizer]
    return f"""import copy
import time
import torch
import torch.nn.functional as F

# model: the chosen model from the same initial weights; x: one normalised batch of {config.batch_size}, y: labels
for device, dtype in (("cpu", None), ("cpu", torch.bfloat16), ("cuda", torch.float16)):  # what the machine has
    m = copy.deepcopy(model).to(device)
    optimizer = torch.optim.{optimizer}(m.parameters(), lr={config.lr:g})
    scaler = torch.amp.GradScaler(device, enabled=dtype is torch.float16)
    if device == "cuda":
        torch.cuda.reset_peak_memory_stats()
    for i in range(12):                                   # 2 warm-up steps, then 10 timed
        if i == 2:
            start = time.perf_counter()
        with torch.autocast(device, dtype=dtype or torch.float32, enabled=dtype is not None):
            loss = F.cross_entropy(m(x.to(device)).float(), y.to(device))
        optimizer.zero_grad(set_to_none=True)
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()
    if device == "cuda":
        torch.cuda.synchronize()                          # GPU work is asynchronous: wait before reading the clock
        print(torch.cuda.max_memory_allocated() / 2**20, "MB")
    print(device, dtype, (time.perf_counter() - start) / 10 * 1000, "ms per step")"""
