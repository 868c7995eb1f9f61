"""Your objects: label your own photos, train TinySSD on them, and try the detector (also on the Detect tab)."""

from __future__ import annotations

import streamlit as st

from ui.common import t
from ui.detection import own_label, own_train


def render() -> None:
    """The "Your objects" tab: label, train, try."""
    st.write(t("detection.own.intro"))
    st.subheader(t("detection.own.step.label"))
    labels = own_label.render()
    own_train.render(labels)
