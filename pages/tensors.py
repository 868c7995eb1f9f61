"""Tensors & broadcasting: shapes made visible, every rule checked against PyTorch itself."""

import streamlit as st

from pages.common import t
from pages.tensors_autograd import render_autograd
from pages.tensors_broadcast import render_broadcast
from pages.tensors_layouts import render_layouts
from pages.tensors_matmul import render_matmul
from pages.tensors_ops import render_ops
from pages.tensors_preprocess import render_preprocess

st.title(t("page.tensors.title"))
st.write(t("page.tensors.summary"))

SECTIONS = (
    ("tensors.tab.broadcast", render_broadcast),
    ("tensors.tab.matmul", render_matmul),
    ("tensors.tab.ops", render_ops),
    ("tensors.tab.layouts", render_layouts),
    ("tensors.tab.autograd", render_autograd),
    ("tensors.tab.preprocess", render_preprocess),
)
for tab, (_, render) in zip(st.tabs([t(key) for key, _ in SECTIONS]), SECTIONS, strict=True):
    with tab:
        render()
