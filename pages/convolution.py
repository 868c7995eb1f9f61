"""convolution page (being built)."""

import streamlit as st

from pages.common import t

st.title(t("page.conv.title"))
st.write(t("page.conv.summary"))
