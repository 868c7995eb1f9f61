"""Object detection (SSD): anchors, IoU, labeling anchors, NMS step by step, and detection on photos.
Each tab lives in a pages/detection_* module; the logic is in lib/anchors.py and lib/detect.py."""

import streamlit as st

from pages import (
    detection_anchors,
    detection_detect,
    detection_iou,
    detection_labeling,
    detection_nms,
    detection_train,
)
from pages.common import t

st.title(t("page.detect.title"))
st.write(t("page.detect.summary"))

SECTIONS = (
    ("detect.tab.anchors", detection_anchors.render),
    ("detect.tab.iou", detection_iou.render),
    ("detect.tab.labeling", detection_labeling.render),
    ("detect.tab.nms", detection_nms.render),
    ("detect.tab.detect", detection_detect.render),
    ("detect.tab.train", detection_train.render),
)
for tab, (_, render) in zip(st.tabs([t(label) for label, _ in SECTIONS]), SECTIONS, strict=True):
    with tab:
        render()
