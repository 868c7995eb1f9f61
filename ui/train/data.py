"""Train page, section 1: choose and load the dataset (Shapes offline, torchvision sets, an ImageFolder zip)."""

from __future__ import annotations

import streamlit as st
import torch

from lib.data.arrays import ImageArrays
from lib.data.shapes import make_shapes, preview_grid
from lib.data.torchvision_sets import SOURCES, load_torchvision
from lib.i18n import CATALOG
from lib.train import DEFAULT_RUN
from ui.common import guard, load_zip_upload, show_code, t

SHAPES, ZIP = "shapes", "zip"
SPLIT_SEED = 0


@st.cache_data(max_entries=4, show_spinner=False)
def _shapes(n: int, image_size: int) -> ImageArrays:
    return make_shapes(n, seed=0, image_size=image_size)


@st.cache_resource(max_entries=3, show_spinner=False)
def _torchvision(name: str, train: bool) -> ImageArrays:
    """Read-only, shared by every session (training indexes copies, never writes into it)."""
    return load_torchvision(name, train=train)


def _limit(data: ImageArrays, n: int) -> ImageArrays:
    """The first ``n`` images of a seeded shuffle, so a subset keeps every class."""
    if n >= len(data):
        return data
    order = torch.randperm(len(data), generator=torch.Generator().manual_seed(SPLIT_SEED))
    return data.subset(order[:n])


def _shapes_data() -> tuple[ImageArrays, ImageArrays, str]:
    left, mid, right = st.columns(3)
    n = left.select_slider(
        t("train.data.count"), [500, 1000, 2000, 5000, 10000], value=DEFAULT_RUN.images, key="train_shapes_n"
    )
    size = mid.select_slider(
        t("train.data.size"), [16, 24, 32, 48, 64], value=DEFAULT_RUN.image_size, key="train_shapes_size"
    )
    share = right.slider(t("train.data.val"), 0.1, 0.5, DEFAULT_RUN.val_share, 0.05, key="train_val_share")
    train, val = _shapes(n, size).split(share, seed=SPLIT_SEED)
    code = f"""from lib.data.shapes import make_shapes

data = make_shapes({n}, seed=0, image_size={size})   # uint8 images (N, 3, {size}, {size}) + labels
train, val = data.split({share}, seed={SPLIT_SEED})"""
    return train, val, code


def _torchvision_data(name: str) -> tuple[ImageArrays, ImageArrays, str] | None:
    st.caption(t("train.data.offline_hint"))
    limit = st.select_slider(
        t("train.data.limit"), [1000, 5000, 10000, 20000, 50000, 60000], value=5000, key=f"train_{name}_limit"
    )
    loaded = st.session_state.get("train_tv_loaded", set())
    if name not in loaded:
        if not st.button(t("train.data.load", name=SOURCES[name].title), key=f"train_load_{name}"):
            return None
        bar = st.progress(0.0)
        with guard():
            load_torchvision(name, train=True, on_progress=lambda share, message: bar.progress(share, text=message))
            st.session_state["train_tv_loaded"] = loaded | {name}
        if name not in st.session_state.get("train_tv_loaded", set()):
            return None
    train = _limit(_torchvision(name, True), limit)
    val = _limit(_torchvision(name, False), max(1000, limit // 5))
    cls = SOURCES[name].cls.__name__
    code = f"""from torchvision import datasets

train = datasets.{cls}("data", train=True, download=True)
val = datasets.{cls}("data", train=False, download=True)"""
    return train, val, code


def _zip_data() -> tuple[ImageArrays, ImageArrays, str] | None:
    upload = st.file_uploader(t("train.data.upload"), type=["zip"], key="train_zip")
    size = st.select_slider(t("train.data.size"), [16, 24, 32, 48, 64], value=32, key="train_zip_size")
    share = st.slider(t("train.data.val"), 0.1, 0.5, 0.2, 0.05, key="train_zip_val")
    if upload is None:
        return None
    with guard():
        data, report = load_zip_upload(upload.getvalue(), size)
        st.dataframe(
            {t("train.results.class"): list(report.class_counts), "n": list(report.class_counts.values())},
            hide_index=True,
        )
        if report.skipped:
            with st.expander(t("train.data.skipped", count=len(report.skipped))):
                st.write([item.path for item in report.skipped[:50]])
        train, val = data.split(share, seed=SPLIT_SEED)
        code = f"""from lib.data.imagefolder_zip import load_imagefolder_zip

data, report = load_imagefolder_zip(open("my_images.zip", "rb").read(), image_size={size})
train, val = data.split({share}, seed={SPLIT_SEED})"""
        return train, val, code
    return None


def render() -> tuple[ImageArrays, ImageArrays] | None:
    """The data widgets; returns (train, validation) or None until data is loaded."""
    st.header(t("train.data.header"))
    names = [SHAPES, *SOURCES, ZIP]
    labels = {SHAPES: t("train.data.shapes"), ZIP: t("train.data.zip")} | {k: s.title for k, s in SOURCES.items()}
    source = st.radio(t("train.data.source"), names, format_func=labels.get, horizontal=True, key="train_source")
    if source == SHAPES:
        result = _shapes_data()
    elif source == ZIP:
        result = _zip_data()
    else:
        result = _torchvision_data(source)
    if result is None:
        st.info(t("train.data.need"), icon=":material/dataset:")
        return None
    train, val, code = result
    c, h, w = train.image_shape
    st.caption(t("train.data.summary", train=len(train), val=len(val), classes=len(train.classes), c=c, h=h, w=w))
    names = [t(f"data.class.{name}") if f"data.class.{name}" in CATALOG else name for name in train.classes]
    st.image(preview_grid(train, n=30, columns=15, upscale=max(1, 64 // h)), caption=", ".join(names))
    show_code(code)
    return train, val
