"""Tensors & broadcasting: shapes made visible, every rule checked against PyTorch itself.
Each tab lives in a ui/tensors module."""

import streamlit as st

from ui.common import t
from ui.routing import enter_page
from ui.tensors import autograd, broadcast, layouts, matmul, ops, preprocess

enter_page()

st.title(t("page.tensors.title"))
st.write(t("page.tensors.summary"))

SECTIONS = (
    ("tensors.tab.broadcast", broadcast.render),
    ("tensors.tab.matmul", matmul.render),
    ("tensors.tab.ops", ops.render),
    ("tensors.tab.layouts", layouts.render),
    ("tensors.tab.autograd", autograd.render),
    ("tensors.tab.preprocess", preprocess.render),
)
for tab, (_, render) in zip(st.tabs([t(key) for key, _ in SECTIONS]), SECTIONS, strict=True):
    with tab:
        render()
