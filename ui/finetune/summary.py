"""Fine-tuning page: one paragraph of what Start will run, and which precision it uses and why."""

from __future__ import annotations

import streamlit as st

from lib.data.arrays import ImageArrays
from lib.finetune_run import Plan
from lib.finetune_sources import Backbone
from lib.models import MODELS
from lib.train import TrainConfig
from ui.common import t


def render(
    backbone: Backbone | None, data: tuple[ImageArrays, ImageArrays] | None, setup: tuple[TrainConfig, Plan, str] | None
) -> None:
    """One paragraph of what Start will run, and which precision it uses and why."""
    if backbone is None or data is None or setup is None:
        if data is None:
            st.info(t("finetune.run.need_data"), icon=":material/info:")
        return
    config, plan, precision_note = setup
    train, val = data
    freeze = {"none": t("finetune.settings.freeze_none"), "body": t("finetune.settings.freeze_body")}
    scratch = t("finetune.summary.scratch_auto") if plan.scratch_lr is None else f"{plan.scratch_lr:g}"
    st.caption(
        t(
            "finetune.summary",
            model=t(MODELS[backbone.name].label_key) if backbone.name in MODELS else backbone.name,
            classes=len(train.classes),
            train=len(train),
            val=len(val),
            epochs=config.epochs,
            freeze=freeze.get(plan.freeze, t("finetune.summary.stages", k=plan.freeze)),
            lr=config.lr,
            head_lr=config.lr * plan.head_lr_mult,
            scratch=scratch,
        )
        + " "
        + precision_note
    )
