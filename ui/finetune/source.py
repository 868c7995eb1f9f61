"""Fine-tuning page, step 1: where the pretrained backbone comes from (offline, ImageNet online, your file)."""

from __future__ import annotations

import hashlib

import streamlit as st

from lib.errors import literal
from lib.finetune import trainable_count
from lib.finetune_sources import (
    OFFLINE_FILE,
    ONLINE,
    Backbone,
    is_cached,
    load_checkpoint,
    load_offline,
    online_backbone,
)
from ui.common import guard, show_code, t

SOURCES = ("offline", "online", "checkpoint")
# Radio labels are translated once per run (not inside format_func), so they stay in the session's language.


@st.cache_resource(show_spinner=False)
def _offline() -> Backbone:
    """Read-only and shared: every fine-tune works on a deep copy."""
    return load_offline()


@st.cache_resource(show_spinner=False, max_entries=3)
def _online(name: str) -> Backbone:
    return online_backbone(name)


@st.cache_resource(show_spinner=False, max_entries=4)
def _checkpoint(digest: str, data: bytes) -> Backbone:
    return load_checkpoint(data)


def _download(name: str) -> None:
    """Fetch the ImageNet weights with a progress bar; failures become a message."""
    bar = st.progress(0.0, text=t("finetune.source.downloading", name=name))

    def progress(done: int, total: int) -> None:
        if total:
            bar.progress(
                min(done / total, 1.0), text=t("finetune.source.progress", mb=done / 2**20, total=total / 2**20)
            )

    with guard():
        online_backbone(name, progress)
        st.session_state["ft_downloaded"] = name
    bar.empty()


def _describe(backbone: Backbone, offline: bool) -> None:
    total = trainable_count(backbone.model)[1]
    cols = st.columns(3)
    cols[0].metric(t("finetune.source.params"), f"{total:,}")
    cols[1].metric(t("finetune.source.input"), f"{backbone.image_size}×{backbone.image_size}")
    cols[2].metric(t("finetune.source.classes"), len(backbone.classes))
    if offline:
        st.caption(t("finetune.source.offline_data", acc=backbone.meta.get("val_accuracy", 0.0)))
    elif "val_accuracy" in backbone.meta:
        dataset = literal(str(backbone.meta.get("dataset", "")))  # from the file: shown as text, never as Markdown
        st.caption(t("finetune.source.offline_acc", acc=backbone.meta["val_accuracy"], data=dataset))
    if "acc@1" in backbone.meta:
        st.caption(t("finetune.source.imagenet_acc", acc=backbone.meta["acc@1"]))


def render() -> Backbone | None:
    """Pick a source; returns the loaded backbone, or None (with a message) when there is none yet."""
    source = st.radio(
        t("finetune.source.label"),
        SOURCES,
        format_func={s: t(f"finetune.source.{s}") for s in SOURCES}.__getitem__,
        horizontal=True,
        key="ft_source",
    )
    backbone: Backbone | None = None
    if source == "offline":
        with guard():
            backbone = _offline()
        code = f'ckpt = torch.load("weights/{OFFLINE_FILE.name}", weights_only=True)\n'
        code += 'model = build_model("compact_resnet", len(ckpt["meta"]["classes"]), 3, 64)\n'
        code += 'model.load_state_dict(ckpt["state_dict"])'
    elif source == "online":
        name = st.selectbox(t("finetune.source.online_model"), list(ONLINE), key="ft_online_model")
        weights = ONLINE[name].weights
        if is_cached(name):
            with guard():
                backbone = _online(name)
        else:
            st.info(
                t("finetune.source.not_cached", name=name, mb=weights.meta["_file_size"]),
                icon=":material/cloud_download:",
            )
            if st.button(t("finetune.source.download"), key="ft_download"):
                _download(name)
                if is_cached(name):
                    st.rerun()
        code = f"from torchvision import models\n\nweights = models.{type(weights).__name__}.{weights.name}\n"
        code += f"model = models.{name}(weights=weights)  # downloads once into torch.hub.get_dir()\n"
        code += "preprocess = weights.transforms()\nclasses = weights.meta['categories']"
    else:
        upload = st.file_uploader(t("finetune.source.upload"), type=["pt", "pth"], key="ft_ckpt_upload")
        if upload is not None:
            data = upload.getvalue()
            with guard():
                backbone = _checkpoint(hashlib.sha256(data).hexdigest(), data)
        code = 'ckpt = torch.load("model.pt", map_location="cpu", weights_only=True)  # never weights_only=False\n'
        code += 'model.load_state_dict(ckpt["state_dict"], strict=True)'
    if backbone is not None:
        _describe(backbone, source == "offline")
    show_code("import torch\nfrom lib.models import build_model\n\n" + code)
    return backbone
