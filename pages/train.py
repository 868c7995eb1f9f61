"""train page (being built)."""

import streamlit as st

from pages.common import t

st.title(t("page.train.title"))
st.write(t("page.train.summary"))
