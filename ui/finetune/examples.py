"""Fine-tuning page: what the network must learn, one example image per class, next to the Start button."""

from __future__ import annotations

import streamlit as st

from lib.data.arrays import ImageArrays
from lib.data.shapes import first_per_class
from lib.i18n import CATALOG
from ui.common import t

THUMB = 72
MAX_SHOWN = 12  # classes shown in the strip; the data step lists every class


def class_label(name: str) -> str:
    """A built-in class's name in the page's language; the learner's own class names as they typed them."""
    key = f"finetune.class.{name}"
    return t(key) if key in CATALOG else name


def render(train: ImageArrays) -> None:
    """One training image of each class (the first of each), captioned with its class name."""
    examples = first_per_class(train, 1)
    shown = min(len(examples), MAX_SHOWN)
    st.image(
        [image.permute(1, 2, 0).numpy() for image in examples.images[:shown]],
        width=THUMB,
        caption=[class_label(train.classes[int(label)]) for label in examples.labels[:shown]],
    )
