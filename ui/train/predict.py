"""Train page, predict step: a photo's top-5 classes from this run, an uploaded checkpoint or the shipped weights."""

from __future__ import annotations

import plotly.express as px
import streamlit as st
import torch
from torch import nn

from lib.data.arrays import ImageArrays
from lib.data.shapes import CLASSES, make_shapes
from lib.data.shapes import first_per_class as examples_of
from lib.evaluate import to_model_input, top_k
from lib.i18n import CATALOG
from lib.ood import OodCheck
from lib.train import domain_check
from lib.weights import load_shipped, shipped_classifiers
from ui.common import guard, show_code, t, uploaded_image
from ui.train.model import model_name

SHIPPED_VAL = {"n": 1000, "seed": 1}  # the shipped classifiers' validation set (weights/manifest.json)


def class_name(name: str) -> str:
    """A class as the learner reads it: the translated name of a Shapes class, else the name as given."""
    key = f"data.class.{name}"
    return t(key) if key in CATALOG else name


def _own_images(meta: dict, val: ImageArrays | None) -> ImageArrays | None:
    """Validation images of the model's own domain: the page's, if the model fits them, else regenerated Shapes."""
    classes = list(meta["classes"])
    size = int(meta["image_size"])
    if val is not None and list(val.classes) == classes and list(val.image_shape) == [meta["in_channels"], size, size]:
        return val
    if set(classes) <= set(CLASSES) and int(meta["in_channels"]) == 3:
        return make_shapes(SHIPPED_VAL["n"], seed=SHIPPED_VAL["seed"], image_size=size, classes=classes)
    return None


@st.cache_resource(show_spinner=False, max_entries=8)
def _shipped_check(file: str) -> OodCheck | None:
    """The shipped model's out-of-distribution test, calibrated once on its validation set (shared, read-only)."""
    model, meta = _shipped(file)
    own = _own_images(meta, None)
    return None if own is None else domain_check(model, own, meta["mean"], meta["std"])


def _knows(meta: dict, own: ImageArrays | None) -> None:
    """What the model knows: its classes, with an example image of each when there are images of its domain."""
    classes = [class_name(name) for name in meta["classes"]]
    st.markdown(t("train.predict.knows", count=len(classes)))
    if own is None:
        st.write(", ".join(classes))
        return
    examples = examples_of(own, 1)
    pictures = [image.permute(1, 2, 0).numpy().squeeze() for image in examples.images]
    st.image(pictures, caption=[class_name(examples.classes[int(i)]) for i in examples.labels], width=64)


@st.cache_resource(show_spinner=False)
def _shipped(file: str) -> tuple[nn.Module, dict]:
    """Shared read-only model (eval mode, used under inference_mode only)."""
    return load_shipped(file)


def render(candidates: dict[str, tuple[nn.Module, dict]], val: ImageArrays | None = None) -> None:
    """Top-5 for an uploaded photo with a chosen model; works at once with the shipped weights.

    Shows what the model knows and checks, on a score calibrated on the model's own validation images
    (``val`` when it fits the model), whether the photo is like anything it was trained on.
    """
    st.header(t("train.predict.header"))
    shipped_files: dict[str, str] = {}
    for item in shipped_classifiers():
        label = t("train.predict.shipped", model=model_name(str(item["model"])), accuracy=item["val_accuracy"])
        with guard():
            candidates[label] = _shipped(str(item["file"]))
            shipped_files[label] = str(item["file"])
    if not candidates:
        st.info(t("train.predict.none"))
        return
    choice = st.selectbox(t("train.predict.model"), list(candidates), key="train_predict_model")
    model, meta = candidates[choice]
    own = _own_images(meta, val)
    _knows(meta, own)
    image = uploaded_image(t("train.predict.upload"), key="train_predict_image")
    if image is None:
        return
    x, small = to_model_input(image, meta)
    with torch.inference_mode():
        logits = model.eval()(x[None]).float()
    probabilities = torch.softmax(logits, dim=1)[0]
    ranking = [(class_name(name), p) for name, p in top_k(probabilities, list(meta["classes"]), k=5)]
    if choice in shipped_files:
        check = _shipped_check(shipped_files[choice])
    else:
        check = None if own is None else domain_check(model, own, meta["mean"], meta["std"])
    _verdict(check, logits)
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
    right.dataframe(
        {t("train.results.class"): [n for n, _ in ranking], t("train.predict.p"): [round(p, 4) for _, p in ranking]},
        hide_index=True,
    )
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


def _verdict(check: OodCheck | None, logits: torch.Tensor) -> None:
    """Is the photo like the training data? The score, the threshold, what they mean, and the way forward."""
    if check is None:
        st.info(t("train.predict.ood.unknown"), icon=":material/help:")
        return
    score = float(check.scores(logits)[0])
    values = {"score": f"{score:.2f}", "threshold": f"{check.threshold:.2f}", "keep": f"{check.keep:.0%}"}
    if bool(check.unlike_training(logits)[0]):
        st.warning(t("train.predict.ood.unlike", **values), icon=":material/warning:")
        st.markdown(t("train.predict.ood.way"))
    else:
        st.success(t("train.predict.ood.like", **values), icon=":material/check_circle:")
    st.caption(t("train.predict.ood.meaning", keep=values["keep"]))
