"""Convolution & pooling: output sizes, convolution and pooling window by window, kernels on images,
1×1 convolutions, and whole networks traced layer by layer. Each tab lives in a ui/convolution module."""

import streamlit as st

from ui.common import t
from ui.convolution import calculator, image, one_by_one, pooling, steps, tracer
from ui.convolution.widgets import open_tabs
from ui.routing import enter_page

enter_page()

st.title(t("page.convolution.title"))
st.write(t("page.convolution.summary"))

SECTIONS = (
    ("convolution.tab.calculator", calculator.render),
    ("convolution.tab.steps", steps.render),
    ("convolution.tab.pooling", pooling.render),
    ("convolution.tab.image", image.render),
    ("convolution.tab.one_by_one", one_by_one.render),
    ("convolution.tab.tracer", tracer.render),
)
# Only the open tab runs: the page computes and sends one section, not six. Widgets keep their values while
# their tab is closed (persist_state="session" in each section).
for tab, (_, render) in zip(open_tabs("convolution.tab", [key for key, _ in SECTIONS]), SECTIONS, strict=True):
    if tab.open:
        with tab:
            render()
