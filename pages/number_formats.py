"""number formats page (being built)."""

import streamlit as st

from pages.common import t

st.title(t("page.floats.title"))
st.write(t("page.floats.summary"))
