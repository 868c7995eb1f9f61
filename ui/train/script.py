"""Train page: this run as a self-contained PyTorch script (the data, model and settings chosen in the tabs)."""

from __future__ import annotations

import streamlit as st

from lib.export_script import DataChoice, train_script
from lib.train import DEFAULT_RUN, TrainConfig
from ui.common import t
from ui.script import download_script


def data_choice() -> DataChoice:
    """What the data tab chose, read from its widgets (their defaults until the learner changes them)."""
    state = st.session_state
    source = state.get("train_source", "shapes")
    if source == "shapes":
        return DataChoice(
            "shapes",
            state.get("train_shapes_n", DEFAULT_RUN.images),
            state.get("train_shapes_size", DEFAULT_RUN.image_size),
            state.get("train_val_share", DEFAULT_RUN.val_share),
        )
    if source == "zip":
        return DataChoice("folder", 0, state.get("train_zip_size", 32), state.get("train_zip_val", 0.2))
    return DataChoice(source, state.get(f"train_{source}_limit", 5000))


def render(model: str, config: TrainConfig) -> None:
    """The download button, how to run the script, and the script itself."""
    data = data_choice()
    notes = [t("train.script.caption", file=f"train_{model}.py")]
    if data.source == "folder":
        notes.append(t("train.script.folder"))
    elif data.source != "shapes":
        notes.append(t("train.script.torchvision"))
    download_script(
        train_script(model, config, data),
        f"train_{model}.py",
        key="train_script",
        label=t("train.script.download"),
        caption=" ".join(notes),
    )
