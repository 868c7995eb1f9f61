"""tensors page (being built)."""

import streamlit as st

from pages.common import t

st.title(t("page.tensors.title"))
st.write(t("page.tensors.summary"))
