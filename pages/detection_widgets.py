"""Shared pieces of the detection page: the built-in pictures and the image picker."""

from __future__ import annotations

import streamlit as st
from PIL import Image

from lib.data.shapes_detect import render
from lib.sample_images import sample_image
from pages.common import t, uploaded_image

NOTES_SIZE = (728, 561)  # (width, height) of the notes' cat-and-dog photo: 561×728 pixels


@st.cache_data(max_entries=16, show_spinner=False)
def builtin(name: str) -> Image.Image:
    """A built-in picture: a landscape at the notes' photo size, or a Shapes-Detect scene."""
    if name == "landscape":
        return sample_image("landscape", 512).resize(NOTES_SIZE, Image.Resampling.BILINEAR)
    index = int(name.removeprefix("shapes"))
    image, _ = render(seed=2026, index=index, image_size=256)
    return Image.fromarray(image.permute(1, 2, 0).numpy())


BUILTINS = ("landscape", "shapes0", "shapes1", "shapes2", "shapes3")


def sample_label(name: str) -> str:
    """The learner-facing name of built-in picture ``name``."""
    if name == "landscape":
        return t("detect.sample.landscape")
    return t("detect.sample.shapes", n=name.removeprefix("shapes"))


def pick_image(key: str) -> Image.Image:
    """A built-in picture or the learner's upload (falls back to the built-in one after a bad upload)."""
    choice = st.selectbox(t("detect.image.builtin"), BUILTINS, key=f"{key}_builtin", format_func=sample_label)
    upload = uploaded_image(t("detect.image.upload"), key=f"{key}_upload")
    return upload if upload is not None else builtin(choice)
