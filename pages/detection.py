"""Object detection (SSD): anchors, IoU, labeling anchors, NMS step by step, and detection on photos.
Each tab lives in a ui/detection module; the logic is in lib/detection_anchors.py and lib/detection.py."""

import streamlit as st

from ui.common import t
from ui.detection import anchors, detect, iou, labeling, nms, own, train
from ui.routing import enter_page

enter_page()

st.title(t("page.detection.title"))
st.write(t("page.detection.summary"))

SECTIONS = (
    ("detection.tab.anchors", anchors.render),
    ("detection.tab.iou", iou.render),
    ("detection.tab.labeling", labeling.render),
    ("detection.tab.nms", nms.render),
    ("detection.tab.detect", detect.render),
    ("detection.tab.train", train.render),
    ("detection.tab.own", own.render),
)
for tab, (_, render) in zip(st.tabs([t(label) for label, _ in SECTIONS]), SECTIONS, strict=True):
    with tab:
        render()
