"""Train page, checkpoint step: download this run's checkpoint, or upload one to evaluate, continue or predict with."""

from __future__ import annotations

import streamlit as st
from torch import nn

from lib.checkpoints import checkpoint_bytes, restore
from ui.common import guard, show_code, t
from ui.train.model import model_name

LOADED = "train_loaded"  # session_state: (model, meta) from an uploaded checkpoint


def render(model: nn.Module | None, meta: dict | None) -> None:
    """Download this run's checkpoint; upload one (kept in the session) to evaluate, continue or predict with."""
    st.header(t("train.ckpt.header"))
    if model is None or meta is None:
        st.caption(t("train.ckpt.no_model"))
    else:
        st.download_button(
            t("train.ckpt.download"),
            checkpoint_bytes(model, meta),
            file_name=f"{meta['model']}.pt",
            mime="application/octet-stream",
            key="train_download",
            icon=":material/download:",
        )
    upload = st.file_uploader(t("train.ckpt.upload"), type=["pt", "pth"], key="train_ckpt_upload")
    if upload is not None and st.session_state.get(f"{LOADED}_id") != upload.file_id:
        loaded = None
        with guard():
            loaded = restore(upload.getvalue())
        if loaded is not None:
            st.session_state[LOADED] = loaded
            st.session_state[f"{LOADED}_id"] = upload.file_id
            st.rerun()  # the sections above (continue training, results) must see the new model too
    if LOADED in st.session_state:
        loaded_meta = st.session_state[LOADED][1]
        metrics = loaded_meta.get("metrics", {})
        accuracy = t("train.ckpt.val_accuracy", accuracy=metrics["val_accuracy"]) if "val_accuracy" in metrics else "-"
        st.success(
            t(
                "train.ckpt.loaded",
                model=model_name(str(loaded_meta["model"])),
                classes=len(loaded_meta["classes"]),
                size=loaded_meta["image_size"],
                accuracy=accuracy,
            )
        )
    show_code("""import torch
from lib.checkpoints import checkpoint_bytes, make_meta, restore

open("model.pt", "wb").write(checkpoint_bytes(model, meta))   # state_dict + JSON metadata
checkpoint = torch.load("model.pt", weights_only=True, map_location="cpu")  # tensors and plain data only
model, meta = restore(open("model.pt", "rb").read())  # rebuilds the architecture, strict load""")
