"""Train TinySSD on your labelled photos (shared engine, live panel), save/upload the detector, try it on a photo.

The detector a run leaves (or one uploaded) is kept in session state and is at once a choice on the Detect tab.
"""

from __future__ import annotations

import streamlit as st
from PIL import Image

from lib.detection import Detector, detect
from lib.detection_figures import boxes_figure
from lib.detection_labels import LabelSet
from lib.detection_own import (
    DEFAULT_EPOCHS,
    DEFAULT_LR,
    OWN_SIZE,
    SIZES,
    OwnObjectsTask,
    detector_bytes,
    load_detector,
    make_detector,
    own_config,
    own_model,
    split,
)
from lib.errors import LessonError
from lib.images import fit_within, load_image
from ui.common import error_message, guard, session_stop, show_code, t, uploaded_image
from ui.detection.train import latest_epoch
from ui.live import live_panel, run_limiter, session_job, start_stop

METRICS = ("class_error", "bbox_mae", "map50")
STATE = "det_own_detector"


def own_detector() -> Detector | None:
    """The detector of your objects: the last run's (finished or stopped after an epoch) or the last one uploaded."""
    job = session_job("detection_own")
    stored = st.session_state.get(STATE)
    snap = job.snapshot()
    source = f"run{snap.run_id}"
    fresh = stored is None or (stored[0].startswith("run") and stored[0] != source)
    if fresh and not job.running and snap.status in ("done", "stopped") and snap.epochs:
        model = job.model_copy()
        meta = job.meta
        if model is not None and {"classes", "image_size", "val"} <= set(meta):
            map50 = snap.epochs[-1].val.get("map50")
            detector = make_detector(model, tuple(meta["classes"]), int(meta["image_size"]), meta["val"], map50)
            st.session_state[STATE] = stored = (source, detector)
    return None if stored is None else stored[1]


def model_label(detector: Detector) -> str:
    """How the Detect tab lists this detector: its classes and validation mAP@0.5."""
    map50 = "–" if detector.map50 is None else f"{detector.map50:.2f}"
    return t("detection.model.own", classes=", ".join(detector.classes), map50=map50)


def _settings() -> tuple[int, float, int, bool]:
    with st.expander(t("detection.train.settings"), icon=":material/tune:"):
        left, middle, right = st.columns(3)
        epochs = left.slider(t("detection.train.epochs"), 1, 40, DEFAULT_EPOCHS, key="det_own_epochs")
        lr = middle.select_slider(t("detection.train.lr"), [1e-3, 3e-3, 1e-2, 3e-2], DEFAULT_LR, key="det_own_lr")
        size = right.select_slider(t("detection.train.size"), list(SIZES), OWN_SIZE, key="det_own_size")
        fine_tune = st.checkbox(t("detection.own.train.fine_tune"), key="det_own_fine_tune")
    return epochs, lr, size, fine_tune


def _train(labels: LabelSet) -> None:
    st.write(t("detection.own.train.intro"))
    epochs, lr, size, fine_tune = _settings()
    job = session_job("detection_own")

    def start() -> None:
        train, val = split(labels, size)
        classes = labels.classes
        photos = sum(1 for item in labels.images if item.boxes) - len(val)
        st.session_state["det_own_data"] = (photos, len(train) // photos, len(val))
        meta = {"classes": classes, "image_size": size, "val": val}
        model = own_model(classes, freeze=not fine_tune)
        job.start(model, train, val, own_config(epochs, lr), limiter=run_limiter(), task=OwnObjectsTask(), meta=meta)

    start_stop(job, start, key="det_own")
    data = st.session_state.get("det_own_data")
    if data is not None:
        st.caption(t("detection.own.train.data", train=data[0], views=data[1], val=data[2]))
    names = {metric: t(f"detection.train.metric.{metric}") for metric in METRICS}
    live_panel(job, key="det_own", metrics=METRICS, log_metrics=True, details=latest_epoch, labels=names)
    show_code(f"""
import torch
from lib.detection_labels import load_zip
from lib.detection_own import OwnObjectsTask, own_config, own_model, split
from lib.train import fit

labels = load_zip(open("your_objects.zip", "rb").read())
train, val = split(labels, size={size})   # a fifth held out; training photos repeated, augmented each time
model = own_model(labels.classes, freeze={not fine_tune})  # the shipped TinySSD's blocks, new heads
history = fit(model, train, val, own_config(epochs={epochs}, lr={lr}), task=OwnObjectsTask())
print(history.epochs[-1].val["map50"])  # validation mAP@0.5 (torchmetrics with pycocotools' COCOeval)
# OwnObjectsTask.augment: torchvision.transforms.v2 on tv_tensors.Image + tv_tensors.BoundingBoxes:
#   crop that keeps every box / zoom-out, horizontal_flip, brightness-contrast-saturation jitter
""")


def _save_or_upload(detector: Detector | None) -> None:
    left, right = st.columns(2, gap="medium") if detector is not None else (st.container(), st.container())
    with left:
        if detector is not None:
            st.success(t("detection.own.ready", model=model_label(detector)), icon=":material/check_circle:")
            st.download_button(
                t("detection.own.download"),
                _checkpoint(detector),
                file_name="your_objects_tinyssd.pt",
                mime="application/octet-stream",
                key="det_own_download",
                icon=":material/download:",
            )
    with right:
        upload = st.file_uploader(t("detection.own.upload"), type=["pt", "pth"], key="det_own_ckpt")
        if upload is not None and upload.file_id != st.session_state.get("det_own_ckpt_done"):
            st.session_state["det_own_ckpt_done"] = upload.file_id
            with guard():
                loaded = load_detector(upload.getvalue())
                st.session_state[STATE] = (f"upload{upload.file_id}", loaded)
                st.success(
                    t("detection.own.uploaded", classes=", ".join(loaded.classes), size=loaded.input_size),
                    icon=":material/upload_file:",
                )
                st.rerun()


def _checkpoint(detector: Detector) -> bytes:
    cached = st.session_state.get("det_own_ckpt_bytes")
    if cached is None or cached[0] is not detector:
        cached = (detector, detector_bytes(detector))
        st.session_state["det_own_ckpt_bytes"] = cached
    return cached[1]


def _try(detector: Detector | None) -> None:
    if detector is None:
        st.info(t("detection.own.try.none"), icon=":material/info:")
        return
    left, right = st.columns([1, 2], gap="medium")
    with left:
        score = st.slider(t("detection.run.score"), 0.0, 1.0, 0.5, 0.05, key="det_own_score")
        photo = None
        if st.toggle(t("detection.own.camera_on"), key="det_own_try_cam_on"):
            shot = st.camera_input(t("detection.own.camera"), key="det_own_try_cam")
            if shot is not None:
                photo = _decode(shot.getvalue())
        upload = uploaded_image(t("detection.own.try.upload"), key="det_own_try_up")
        photo = upload if upload is not None else photo
    if photo is None:
        return
    with right, guard():
        found = detect(detector, photo, score, 0.45)
        shown, shrink = fit_within(photo, 1000)
        labels = [f"{name} {s:.2f}" for name, s in zip(found.labels, found.scores.tolist(), strict=True)]
        st.plotly_chart(boxes_figure(shown, found.boxes * shrink, labels), key="det_own_try_figure")
        listed = ", ".join(labels) or "–"
        st.caption(t("detection.own.try.found", count=len(labels), score=score, found=listed))


def _decode(data: bytes) -> Image.Image | None:
    try:
        return load_image(data, stop=session_stop())
    except LessonError as error:
        st.error(error_message(error), icon=":material/broken_image:")
        return None


def render(labels: LabelSet) -> None:
    """Training, saving/uploading and trying the detector of your objects."""
    st.subheader(t("detection.own.step.train"))
    _train(labels)
    detector = own_detector()
    _save_or_upload(detector)
    st.subheader(t("detection.own.step.try"))
    _try(own_detector())
