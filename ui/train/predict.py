"""Train page, predict step: a photo's top-5 classes from this run, an uploaded checkpoint or the shipped weights."""

from __future__ import annotations

import plotly.express as px
import streamlit as st
import torch
from torch import nn

from lib.evaluate import to_model_input, top_k
from lib.weights import load_shipped, shipped_classifiers
from ui.common import guard, show_code, t, uploaded_image


@st.cache_resource(show_spinner=False)
def _shipped(file: str) -> tuple[nn.Module, dict]:
    """Shared read-only model (eval mode, used under inference_mode only)."""
    return load_shipped(file)


def render(candidates: dict[str, tuple[nn.Module, dict]]) -> None:
    """Top-5 for an uploaded photo with a chosen model; works at once with the shipped weights."""
    st.header(t("train.predict.header"))
    for item in shipped_classifiers():
        label = t("train.predict.shipped", model=item["model"], accuracy=item["val_accuracy"])
        with guard():
            candidates[label] = _shipped(str(item["file"]))
    if not candidates:
        st.info(t("train.predict.none"))
        return
    choice = st.selectbox(t("train.predict.model"), list(candidates), key="train_predict_model")
    model, meta = candidates[choice]
    image = uploaded_image(t("train.predict.upload"), key="train_predict_image")
    if image is None:
        return
    x, small = to_model_input(image, meta)
    with torch.inference_mode():
        probabilities = torch.softmax(model.eval()(x[None]).float(), dim=1)[0]
    ranking = top_k(probabilities, list(meta["classes"]), k=5)
    left, right = st.columns([1, 3])
    left.image(small, caption=t("train.predict.seen", size=meta["image_size"]), width=128)
    fig = px.bar(
        x=[p for _, p in ranking][::-1],
        y=[name for name, _ in ranking][::-1],
        orientation="h",
        range_x=[0, 1],
        title=t("train.predict.top"),
    )
    fig.update_layout(
        height=260,
        margin={"t": 40, "b": 10, "l": 10, "r": 10},
        xaxis_title=t("train.predict.probability"),
        yaxis_title=None,
    )
    right.plotly_chart(fig, key="train_predict_chart")
    right.dataframe({"class": [n for n, _ in ranking], "p": [round(p, 4) for _, p in ranking]}, hide_index=True)
    size = meta["image_size"]
    show_code(f"""import torch
from PIL import Image, ImageOps

image = ImageOps.exif_transpose(Image.open("photo.jpg")).convert("{"L" if meta["in_channels"] == 1 else "RGB"}")
image = image.resize(({size}, {size}), Image.Resampling.BILINEAR)
x = torch.tensor(list(image.getdata()), dtype=torch.float32).reshape({size}, {size}, -1).permute(2, 0, 1) / 255
x = (x - torch.tensor({[round(v, 4) for v in meta["mean"]]})[:, None, None]) / torch.tensor({[round(v, 4) for v in meta["std"]]})[:, None, None]
model.eval()
with torch.no_grad():
    probabilities = torch.softmax(model(x[None]), dim=1)[0]
print(probabilities.topk(5))  # top-5: {", ".join(f"{n} {p:.3f}" for n, p in ranking)}""")
