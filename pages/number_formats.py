"""Number formats: FP64 to FP8 bit by bit, their ranges and gaps, and live lessons on rounding in training."""

import streamlit as st

from pages.common import t
from pages.number_formats_bits import editor_section, value_section
from pages.number_formats_lessons import lessons_section
from pages.number_formats_tables import range_section, spacing_section

st.title(t("page.floats.title"))
st.markdown(t("floats.intro"))

value_tab, editor_tab, range_tab, spacing_tab, lessons_tab = st.tabs(
    [t(f"floats.tab.{name}") for name in ("value", "editor", "range", "spacing", "lessons")]
)
with value_tab:
    value_section()
with editor_tab:
    editor_section()
with range_tab:
    range_section()
with spacing_tab:
    spacing_section()
with lessons_tab:
    lessons_section()
