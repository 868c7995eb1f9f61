"""Train page, section 5: what the model learned — confusion matrix, per-class accuracy, mistakes,
first-layer filters and feature maps of one image."""

from __future__ import annotations

import numpy as np
import plotly.express as px
import streamlit as st
import torch
from torch import nn

from lib.data.arrays import ImageArrays
from lib.evaluate import (
    confusion_matrix,
    feature_maps,
    filter_images,
    misclassified,
    per_class_accuracy,
    predict,
)
from lib.train import normalize
from ui.common import guard, show_code, t
from ui.mistakes import cell_view, confusion_chart

MAX_MAPS = 16  # channels shown per layer
MARGIN = {"t": 40, "b": 10, "l": 10, "r": 10}
CELL = "train_cell_pick"  # session_state: the picked confusion cell as (true, predicted) class names


def fits(meta: dict, data: ImageArrays) -> bool:
    """Whether a model described by ``meta`` can be evaluated on ``data`` (same classes count and image shape)."""
    shape = [meta["in_channels"], meta["image_size"], meta["image_size"]]
    return len(meta["classes"]) == len(data.classes) and list(data.image_shape) == shape


def render(model: nn.Module, meta: dict, val: ImageArrays) -> None:
    """All the views of ``model`` (eval mode, CPU) on the validation set. Runs before the checkpoint uploader,
    so a failure here is shown as a message and the page goes on (the learner can still upload another)."""
    with guard():
        _render(model, meta, val)


def _render(model: nn.Module, meta: dict, val: ImageArrays) -> None:
    classes = list(meta["classes"])
    if not fits(meta, val):
        st.warning(t("train.results.mismatch", model=len(classes), data=len(val.classes)), icon=":material/warning:")
        return
    probabilities = predict(model, val, meta["mean"], meta["std"])
    predicted = probabilities.argmax(dim=1)
    confusion = confusion_matrix(val.labels, predicted, len(classes))
    correct = int(confusion.diagonal().sum())
    st.markdown(t("train.results.accuracy", accuracy=correct / len(val), correct=correct, total=len(val)))
    left, right = st.columns([3, 2])
    with left:
        layout = {"height": 420, "margin": MARGIN, "title": t("train.results.confusion")}
        cell = confusion_chart(confusion, classes, key="train_confusion", state_key=CELL, layout=layout)
    with right:
        accuracy = per_class_accuracy(confusion)
        fig = px.bar(
            x=accuracy.tolist(), y=classes, orientation="h", range_x=[0, 1], title=t("train.results.per_class")
        )
        fig.update_layout(height=420, margin=MARGIN, xaxis_title=None, yaxis_title=None)
        st.plotly_chart(fig, key="train_per_class")
    if cell is not None:
        cell_view(model, meta["mean"], meta["std"], val, probabilities, classes, cell, key="train_cell", state_key=CELL)
    _mistakes(val, probabilities, classes)
    _filters(model)
    _maps(model, meta, val)
    mean = [round(v, 4) for v in meta["mean"]]
    std = [round(v, 4) for v in meta["std"]]
    n = len(classes)
    show_code(f"""import torch

model.eval()
with torch.no_grad():
    x = (val_images.float() / 255 - torch.tensor({mean})[:, None, None]) / torch.tensor({std})[:, None, None]
    predicted = model(x).argmax(dim=1)
confusion = torch.bincount(val_labels * {n} + predicted, minlength={n * n}).reshape({n}, {n})
per_class = confusion.diagonal() / confusion.sum(dim=1)
print((predicted == val_labels).float().mean())  # {correct / len(val):.4f}""")


def _mistakes(val: ImageArrays, probabilities: torch.Tensor, classes: list[str]) -> None:
    st.subheader(t("train.results.wrong"))
    wrong = misclassified(val.labels, probabilities, limit=16)
    if len(wrong) == 0:
        st.success(t("train.results.no_wrong"))
        return
    predicted = probabilities.argmax(dim=1)
    columns = st.columns(8)
    for i, index in enumerate(wrong.tolist()):
        image = val.images[index].permute(1, 2, 0).numpy().squeeze()
        guess = int(predicted[index])
        caption = f"{classes[int(val.labels[index])]} → {classes[guess]} ({float(probabilities[index, guess]):.0%})"
        columns[i % 8].image(image, caption=caption, width="stretch")


def _filters(model: nn.Module) -> None:
    st.subheader(t("train.results.filters"))
    filters = filter_images(model)
    if filters is None:
        st.info(t("train.results.no_conv"))
        return
    shown = filters[:, :3] if filters.shape[1] >= 3 else filters[:, :1].expand(-1, 3, -1, -1)
    tiles = shown.repeat_interleave(8, dim=2).repeat_interleave(8, dim=3).permute(0, 2, 3, 1).numpy()
    st.image(list(tiles[:64]), width=48, clamp=True)


def _maps(model: nn.Module, meta: dict, val: ImageArrays) -> None:
    st.subheader(t("train.results.maps"))
    index = st.number_input(t("train.results.image"), 0, len(val) - 1, 0, key="train_map_index")
    left, right = st.columns([1, 5])
    left.image(val.images[index].permute(1, 2, 0).numpy().squeeze(), width=96)
    x = normalize(val.images[index : index + 1], meta["mean"], meta["std"])[0]
    with right:
        for name, out in feature_maps(model, x):
            st.caption(t("train.results.layer", name=name, shape=" × ".join(map(str, out.shape))))
            maps = out[:MAX_MAPS]
            low = maps.amin(dim=(1, 2), keepdim=True)
            high = maps.amax(dim=(1, 2), keepdim=True)
            scaled = ((maps - low) / (high - low).clamp_min(1e-12)).numpy()
            upscale = max(1, 48 // maps.shape[-1])
            st.image([np.kron(m, np.ones((upscale, upscale))) for m in scaled], width=48, clamp=True)
