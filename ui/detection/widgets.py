"""Shared pieces of the detection page: the built-in pictures and the image picker."""

from __future__ import annotations

import streamlit as st
from PIL import Image

from lib.data.shapes_detect import render
from lib.images import fit_within
from lib.sample_images import sample_image
from ui.common import t, uploaded_image

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
        return t("detection.sample.landscape")
    return t("detection.sample.shapes", n=name.removeprefix("shapes"))


def choose(widget, label: str, names: tuple[str, ...], label_of, *, key: str, **kwargs) -> str:
    """A selectbox/radio over translated labels that returns the chosen *name*.

    The options are the labels themselves (no ``format_func``), so the widget is the same in every language
    and in AppTest, which formats values outside the script run.
    """
    labels = [label_of(name) for name in names]
    picked = widget(label, labels, key=key, **kwargs)
    return names[labels.index(picked)] if picked in labels else names[0]


def pick_image(key: str) -> Image.Image:
    """A built-in picture or the learner's upload (falls back to the built-in one after a bad upload).

    Uploads are shown at most 1000 px on the longer side (anchors are fractions of the image, so nothing
    else changes); st.image would otherwise shrink a very wide photo to zero height.
    """
    choice = choose(st.selectbox, t("detection.image.builtin"), BUILTINS, sample_label, key=f"{key}_builtin")
    upload = uploaded_image(t("detection.image.upload"), key=f"{key}_upload")
    return fit_within(upload, 1000)[0] if upload is not None else builtin(choice)
