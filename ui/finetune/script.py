"""Fine-tuning page: the fine-tuned run as a self-contained PyTorch script (backbone, data, freezing, LRs, augmentation)."""

from __future__ import annotations

import streamlit as st

from lib.export_script import DataChoice, finetune_script
from lib.finetune_data import STORE_SIZE
from lib.finetune_run import Plan
from lib.finetune_sources import OFFLINE_FILE, Backbone
from lib.train import TrainConfig
from ui.common import t
from ui.finetune.target import ZIP_SIZE
from ui.script import download_script


def data_choice() -> DataChoice:
    """What the target step chose, read from its widgets: the built-in few-shot task or your images."""
    state = st.session_state
    target = state.get("ft_target", "builtin")
    if target == "builtin":
        return DataChoice("fewshot", state.get("ft_per_class", 20), 64)
    return DataChoice("folder", 0, ZIP_SIZE if target == "zip" else STORE_SIZE, 0.25)


def render(backbone: Backbone, config: TrainConfig, plan: Plan) -> None:
    """The download button, what the script needs to run, and the script itself."""
    source = st.session_state.get("ft_source", "offline")
    data = data_choice()
    file_name = f"finetune_{backbone.name}.py"
    notes = [t("finetune.script.caption", file=file_name)]
    if data.source == "folder":
        notes.append(t("finetune.script.folder"))
    notes.append(t(f"finetune.script.backbone_{source}"))
    download_script(
        finetune_script(backbone.name, source, config, plan, data),
        file_name,
        key="ft_script",
        label=t("finetune.script.download"),
        caption=" ".join(notes),
        weights=(t("finetune.script.weights"), OFFLINE_FILE) if source == "offline" else None,
    )
