"""Train a CNN: data → model → settings → live training → what it learned → save/load → predict."""

from __future__ import annotations

import copy
import dataclasses

import streamlit as st
from torch import nn

from lib.checkpoints import make_meta
from lib.data.arrays import ImageArrays
from lib.device import fastest_precision
from lib.train import TrainConfig
from ui.common import t
from ui.live import live_panel, run_limiter, session_job, start_stop
from ui.routing import enter_page
from ui.train import checkpoint, precision, predict, race, results, script, settings
from ui.train import data as data_step
from ui.train import model as model_step

enter_page()

st.title(t("page.train.title"))
st.caption(t("page.train.summary") + " " + t("train.intro"))

job = session_job("train")
top = st.container()  # Start and the live chart come first on screen; what feeds them sits in tabs below
tabs = st.tabs(
    [
        t("train.tab.data"),
        t("train.tab.model"),
        t("train.tab.settings"),
        t("train.tab.results"),
        t("train.tab.predict"),
        t("train.tab.precision"),
    ]
)
with tabs[0]:
    data = data_step.render()
choice = config = None
if data is not None:
    train, val = data
    with tabs[1]:
        choice = model_step.render(train)
    with tabs[2]:
        config = settings.render(train)


def start_run(name: str, model: nn.Module, train: ImageArrays, val: ImageArrays, config: TrainConfig) -> None:
    """Start the session's run (continuing from the uploaded checkpoint when asked)."""
    loaded = st.session_state.get(checkpoint.LOADED)
    if loaded is not None and st.session_state.get("train_continue") and results.fits(loaded[1], train):
        name, model = str(loaded[1]["model"]), copy.deepcopy(loaded[0])
        config = dataclasses.replace(config, mean=tuple(loaded[1]["mean"]), std=tuple(loaded[1]["std"]))
    c, h, _ = train.image_shape
    meta = make_meta(name, train.classes, c, h, config.mean, config.std, task="classification", config=config.to_dict())
    job.start(model, train, val, config, limiter=run_limiter(), meta=meta)


with top:
    if data is not None and choice is not None and config is not None:
        st.caption(
            t(
                "train.run.summary",
                images=len(train),
                size=train.image_shape[1],
                model=model_step.model_name(choice[0]),
                optimizer=settings.OPTIMIZER_NAMES[config.optimizer],
                lr=f"{config.lr:g}",
                batch=config.batch_size,
                epochs=config.epochs,
                precision=config.precision,
            )
            + (
                " " + t(fastest_precision(config.device)[1])
                if st.session_state.get("train_precision") == "auto"
                else ""
            )
        )
        loaded = st.session_state.get(checkpoint.LOADED)
        if loaded is not None and results.fits(loaded[1], train):
            st.checkbox(
                t("train.settings.continue", model=model_step.model_name(str(loaded[1]["model"]))), key="train_continue"
            )
        start_stop(job, lambda: start_run(*choice, train, val, config), key="train")
        script.render(choice[0], config)
    snapshot = live_panel(job, key="train")

trained = job.model_copy()
run_meta = dict(job.meta) if trained is not None else None
if run_meta is not None and snapshot.epochs:
    last = snapshot.epochs[-1]
    run_meta["metrics"] = {f"train_{k}": v for k, v in last.train.items()} | {
        f"val_{k}": v for k, v in last.val.items()
    }
sources: dict[str, tuple[nn.Module, dict]] = {}
if trained is not None and run_meta is not None:
    sources[t("train.results.run")] = (trained, run_meta)
if checkpoint.LOADED in st.session_state:
    sources[t("train.results.uploaded")] = st.session_state[checkpoint.LOADED]

with tabs[3]:
    st.header(t("train.results.header"))
    if not sources or data is None:
        st.info(t("train.results.none"), icon=":material/insights:")
    else:
        picked = st.radio(t("train.results.source"), list(sources), horizontal=True, key="train_inspect")
        results.render(*sources[picked], data[1])
    checkpoint.render(trained, run_meta)
with tabs[4]:
    predict.render(dict(sources), data[1] if data is not None else None)
with tabs[5]:
    precision.render(run_limiter())
    if data is not None and choice is not None and config is not None:
        race.render(*choice, *data, config, run_limiter())
