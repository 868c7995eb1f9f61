"""detection page (being built)."""

import streamlit as st

from pages.common import t

st.title(t("page.detect.title"))
st.write(t("page.detect.summary"))
