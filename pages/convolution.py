"""Convolution & pooling: output sizes, convolution and pooling window by window, kernels on images,
1×1 convolutions, and whole networks traced layer by layer. Each tab lives in a pages/convolution_* module."""

import streamlit as st

from pages import (
    convolution_calculator,
    convolution_image,
    convolution_onebyone,
    convolution_pooling,
    convolution_steps,
    convolution_tracer,
)
from pages.common import t

st.title(t("page.conv.title"))
st.write(t("page.conv.summary"))

SECTIONS = (
    ("conv.tab.calculator", convolution_calculator.render),
    ("conv.tab.steps", convolution_steps.render),
    ("conv.tab.pooling", convolution_pooling.render),
    ("conv.tab.image", convolution_image.render),
    ("conv.tab.one_by_one", convolution_onebyone.render),
    ("conv.tab.tracer", convolution_tracer.render),
)
for tab, (_, render) in zip(st.tabs([t(label) for label, _ in SECTIONS]), SECTIONS, strict=True):
    with tab:
        render()
