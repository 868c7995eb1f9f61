"""Number formats: FP64 to FP8 bit by bit, their ranges and gaps, and live lessons on rounding in training.
Each tab lives in a ui/number_formats module."""

import streamlit as st

from ui.common import t
from ui.number_formats import editor, lessons, ranges, spacing, value
from ui.routing import enter_page

enter_page()

st.title(t("page.number_formats.title"))
st.markdown(t("number_formats.intro"))

SECTIONS = (
    ("number_formats.tab.value", value.render),
    ("number_formats.tab.editor", editor.render),
    ("number_formats.tab.range", ranges.render),
    ("number_formats.tab.spacing", spacing.render),
    ("number_formats.tab.lessons", lessons.render),
)
for tab, (_, render) in zip(st.tabs([t(key) for key, _ in SECTIONS]), SECTIONS, strict=True):
    with tab:
        render()
