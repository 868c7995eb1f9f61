"""Detect: TinySSD (shipped, offline) or torchvision SSDs (COCO, online) on built-in pictures or the learner's photos."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.detection import DETECTORS, Detector, annotate, detect, is_cached, load_online, load_tinyssd, png_bytes
from lib.errors import LessonError
from lib.images import load_image
from ui.common import IMAGE_TYPES, error_message, guard, show_code, t
from ui.detection.widgets import BUILTINS, builtin, choose, sample_label

MAX_PHOTOS = 6


@st.cache_resource(show_spinner=False)
def _tinyssd() -> Detector:
    return load_tinyssd()


@st.cache_resource(show_spinner=False, max_entries=2)
def _online(name: str) -> Detector:
    return load_online(name)


@st.cache_data(max_entries=16, show_spinner=False)
def _decode(data: bytes):
    return load_image(data)


def _detector(name: str) -> Detector | None:
    if name == "tinyssd":
        return _tinyssd()
    if not is_cached(name):
        st.info(t("detection.run.needs_download", model=t(f"detection.model.{name}")))
        if not st.button(t("detection.run.download"), key=f"det_run_download_{name}"):
            return None
        bar = st.progress(0.0, text=t("detection.run.downloading"))
        load_online(
            name,
            lambda done, total: bar.progress(
                min(done / total, 1.0) if total else 0.0, text=t("detection.run.downloading")
            ),
        )
        bar.empty()
    return _online(name)


def _photos() -> list[tuple[str, object]]:
    labels = {sample_label(n): n for n in BUILTINS}
    picked = st.multiselect(
        t("detection.run.builtins"), list(labels), default=list(labels)[1:3], key="det_run_builtins"
    )
    chosen = [labels[label] for label in picked if label in labels]
    photos = [(sample_label(n), builtin(n)) for n in chosen]
    uploads = (
        st.file_uploader(t("detection.run.upload"), type=IMAGE_TYPES, accept_multiple_files=True, key="det_run_upload")
        or []
    )
    if len(uploads) > MAX_PHOTOS:
        st.warning(t("detection.run.too_many", n=MAX_PHOTOS))
    for upload in uploads[:MAX_PHOTOS]:
        try:
            photos.append((upload.name, _decode(upload.getvalue())))
        except ValueError as error:
            st.error(f"{upload.name}: {error_message(error)}", icon=":material/broken_image:")
    return photos


def render() -> None:
    """The detection tab."""
    st.write(t("detection.run.intro"))
    name = choose(
        st.selectbox, t("detection.run.model"), DETECTORS, lambda n: t(f"detection.model.{n}"), key="det_run_model"
    )
    left, right = st.columns(2)
    score = left.slider(t("detection.run.score"), 0.0, 1.0, 0.5, 0.05, key="det_run_score")
    nms = right.slider(t("detection.run.nms"), 0.0, 1.0, 0.45, 0.05, key="det_run_nms")
    photos = _photos()
    with guard():
        detector = _detector(name)
        if detector is None:
            return
        if name == "tinyssd":
            st.caption(t("detection.run.tinyssd_note", classes=", ".join(detector.classes), size=detector.input_size))
        if not photos:
            st.info(t("detection.run.no_photos"))
        for index, (title, photo) in enumerate(photos):
            try:
                found = detect(detector, photo, score, nms)
            except LessonError as error:
                st.error(error_message(error))
                continue
            st.subheader(title)
            shown = annotate(photo, found)
            st.image(shown, width="content")
            st.caption(
                t(
                    "detection.run.summary",
                    count=len(found.labels),
                    ms=f"{found.latency_ms:.0f}",
                    w=photo.width,
                    h=photo.height,
                    scale=f"{found.scale:.3f}",
                )
            )
            if found.labels:
                st.dataframe(pd.DataFrame(found.rows()), hide_index=True, key=f"det_run_table_{index}")
            st.download_button(
                t("detection.run.save"),
                png_bytes(shown),
                file_name=f"detections_{index}.png",
                mime="image/png",
                key=f"det_run_save_{index}",
            )
        _code(name, score, nms)


def _code(name: str, score: float, nms: float) -> None:
    if name == "tinyssd":
        show_code(f"""
import torch
from PIL import Image
from lib.detection import detect, load_tinyssd

detector = load_tinyssd()  # weights/tinyssd_shapes.pt, trained by python -m scripts.train_tinyssd
found = detect(detector, Image.open("photo.png").convert("RGB"), score_threshold={score}, nms_threshold={nms})
print(found.rows())  # boxes in the photo's own pixels
# inside detect(): resize to the training size, softmax, offset_inverse on every anchor, NMS:
#   anchors, cls_preds, bbox_preds = model(x)
#   cls_probs = cls_preds.softmax(dim=2).permute(0, 2, 1)
#   fast_detections(cls_probs, bbox_preds, anchors, {nms}, {score})
""")
    else:
        builder = "ssdlite320_mobilenet_v3_large" if name == "ssdlite320" else "ssd300_vgg16"
        weights = "SSDLite320_MobileNet_V3_Large_Weights" if name == "ssdlite320" else "SSD300_VGG16_Weights"
        show_code(f"""
import torch
from torchvision.io import read_image
from torchvision.models.detection import {builder}, {weights}

weights = {weights}.COCO_V1
model = {builder}(weights=weights, score_thresh={score}, nms_thresh={nms}).eval()
image = read_image("photo.jpg")
with torch.inference_mode():
    out = model([image.float() / 255])[0]  # boxes in the input image's pixels
print([weights.meta["categories"][i] for i in out["labels"]], out["scores"])
""")
