"""finetune page (being built)."""

import streamlit as st

from pages.common import t

st.title(t("page.finetune.title"))
st.write(t("page.finetune.summary"))
