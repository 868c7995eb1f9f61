"""Detect: TinySSD (shipped or trained here, offline) or torchvision SSDs (COCO, online) on pictures and photos.

Boxes are drawn by the browser (Plotly), each in the palette colour that stands out most on the picture; a
TinySSD also says, per box, whether the box is unlike its training data (energy under its calibrated threshold).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from PIL import Image

from lib.data.shapes_detect import CLASSES, class_examples
from lib.detection import ONLINE, Detections, Detector, coco_key, detect, is_cached, load_online, load_tinyssd
from lib.detection_figures import boxes_figure
from lib.errors import LessonError
from lib.i18n import CATALOG
from lib.images import fit_within
from ui.common import IMAGE_TYPES, decoded_upload, error_message, guard, show_code, t
from ui.detection.own_train import model_label, own_detector
from ui.detection.train import trained_detector
from ui.detection.widgets import BUILTINS, builtin, choose, sample_label

MAX_PHOTOS = 6
SHOWN_SIDE = 1000  # pictures travel to the browser at most this wide or high


@st.cache_resource(show_spinner=False)
def _tinyssd() -> Detector:
    return load_tinyssd()


@st.cache_resource(show_spinner=False, max_entries=2)
def _online(name: str) -> Detector:
    return load_online(name)


@st.cache_data(show_spinner=False)
def _examples() -> list[Image.Image]:
    return [Image.fromarray(crop.permute(1, 2, 0).numpy()) for crop in class_examples()]


def class_name(name: str) -> str:
    """A class name in the learner's language: Shapes-Detect, bananas, and the online detectors' COCO categories."""
    key = next((k for k in (f"detection.class.{name}", coco_key(name)) if k in CATALOG), None)
    return name if key is None else t(key)


def _download(name: str) -> None:
    """Download ``name``'s weights with a progress bar that goes away whatever happens (bug: it stayed on errors)."""
    bar = st.progress(0.0, text=t("detection.run.downloading"))
    try:
        load_online(
            name,
            lambda done, total: bar.progress(
                min(done / total, 1.0) if total else 0.0, text=t("detection.run.downloading")
            ),
        )
    finally:
        bar.empty()


def _detector(name: str, trained: Detector | None, own: Detector | None) -> Detector | None:
    if name == "tinyssd":
        return _tinyssd()
    if name == "trained":
        return trained
    if name == "own":
        return own
    if not is_cached(name):
        st.info(t("detection.run.needs_download", model=t(f"detection.model.{name}")))
        if not st.button(t("detection.run.download"), key=f"det_run_download_{name}"):
            return None
        _download(name)
    return _online(name)


def _photos() -> list[tuple[str, Image.Image]]:
    labels = {sample_label(n): n for n in BUILTINS}
    picked = st.multiselect(
        t("detection.run.builtins"),
        list(labels),
        default=list(labels)[1:3],
        key="det_run_builtins",
        placeholder=t("common.choose"),
    )
    photos = [(sample_label(labels[label]), builtin(labels[label])) for label in picked if label in labels]
    uploads = (
        st.file_uploader(t("detection.run.upload"), type=IMAGE_TYPES, accept_multiple_files=True, key="det_run_upload")
        or []
    )
    if len(uploads) > MAX_PHOTOS:
        st.warning(t("detection.run.too_many", n=MAX_PHOTOS))
    for upload in uploads[:MAX_PHOTOS]:
        try:
            photos.append((upload.name, decoded_upload(upload.getvalue())))
        except ValueError as error:
            st.error(f"{upload.name}: {error_message(error)}", icon=":material/broken_image:")
    return photos


def _model_label(name: str, trained: Detector | None, own: Detector | None) -> str:
    if name == "trained" and trained is not None:
        return t("detection.model.trained", map50=f"{trained.map50 or 0.0:.2f}")
    if name == "own" and own is not None:
        return model_label(own)
    return t(f"detection.model.{name}")


def _knows(detector: Detector) -> None:
    """What the detector knows: its classes, with an example image each for the drawn shapes."""
    if detector.name in ONLINE:
        st.caption(t("detection.run.knows_coco", n=sum(c not in ("__background__", "N/A") for c in detector.classes)))
        return
    st.caption(t("detection.run.knows", n=len(detector.classes)))
    if tuple(detector.classes) == CLASSES:
        columns = st.columns(len(CLASSES))
        for column, name, example in zip(columns, CLASSES, _examples(), strict=True):
            column.image(example, caption=class_name(name), width="stretch")
    else:
        st.caption(", ".join(class_name(c) for c in detector.classes))


def render() -> None:
    """The detection tab."""
    st.write(t("detection.run.intro"))
    trained, own = trained_detector(), own_detector()
    names = ("tinyssd", *(("trained",) if trained is not None else ()), *(("own",) if own is not None else ()), *ONLINE)
    controls, results = st.columns([1, 2], gap="medium")
    with controls:
        name = choose(
            st.selectbox, t("detection.run.model"), names, lambda n: _model_label(n, trained, own), key="det_run_model"
        )
        score = st.slider(t("detection.run.score"), 0.0, 1.0, 0.5, 0.05, key="det_run_score")
        nms = st.slider(t("detection.run.nms"), 0.0, 1.0, 0.45, 0.05, key="det_run_nms")
        photos = _photos()
    with results, guard():
        detector = _detector(name, trained, own)
        if detector is None:
            return
        with controls:
            _knows(detector)
        if not photos:
            st.info(t("detection.run.no_photos"))
        for index, (title, photo) in enumerate(photos):
            try:
                found = detect(detector, photo, score, nms)
            except LessonError as error:
                st.error(error_message(error))
                continue
            _result(index, title, photo, found, detector)
        if detector.ood is not None:
            keep, threshold = f"{detector.ood.keep:.0%}", f"{detector.ood.threshold:.2f}"
            st.caption(t("detection.run.familiarity", keep=keep, threshold=threshold))
        if detector.name not in ONLINE:
            st.info(t("detection.run.meaningful"), icon=":material/lightbulb:")
    _code(name, score, nms)


def _result(index: int, title: str, photo: Image.Image, found: Detections, detector: Detector) -> None:
    """One photo: the boxes drawn by the browser, what the model saw, and the table (with familiarity)."""
    st.subheader(title)
    shown, shrink = fit_within(photo, SHOWN_SIDE)
    unlike = found.unlike.tolist() if len(found.unlike) else [False] * len(found.labels)
    labels = [
        f"{class_name(n)} {s:.2f}" + (" ?" if u else "")
        for n, s, u in zip(found.labels, found.scores.tolist(), unlike, strict=True)
    ]
    figure = boxes_figure(shown, found.boxes * shrink, labels)
    for shape, odd in zip(figure.layout.shapes[1::2], unlike, strict=True):
        if odd:
            shape.line.dash = "dash"
    st.plotly_chart(
        figure,
        key=f"det_run_figure_{index}",
        config={"displaylogo": False, "toImageButtonOptions": {"filename": f"detections_{index}"}},
    )
    w, h = found.model_size
    st.caption(
        t(
            "detection.run.summary",
            count=len(found.labels),
            ms=f"{found.latency_ms:.0f}",
            w=photo.width,
            h=photo.height,
            mw=w,
            mh=h,
        )
    )
    if not found.labels:
        return
    if detector.ood is not None:
        st.caption(t("detection.run.unlike_count", unlike=sum(unlike), count=len(unlike)))
    table = {
        t("detection.run.col.label"): [class_name(n) for n in found.labels],
        t("detection.run.col.score"): [round(float(s), 3) for s in found.scores],
        **{axis: found.boxes[:, i].round().int().tolist() for i, axis in enumerate(("x1", "y1", "x2", "y2"))},
    }
    if len(found.familiarity):
        table[t("detection.run.col.familiarity")] = [round(float(v), 2) for v in found.familiarity]
        table[t("detection.run.col.unlike")] = [t("detection.run.yes") if u else t("detection.run.no") for u in unlike]
    st.dataframe(pd.DataFrame(table), hide_index=True, key=f"det_run_table_{index}")


def _code(name: str, score: float, nms: float) -> None:
    if name in ("tinyssd", "trained", "own"):
        show_code(f"""
import torch
from PIL import Image
from lib.detection import detect, load_tinyssd

detector = load_tinyssd()  # weights/tinyssd_shapes.pt; calibrates its familiarity check on validation scenes
found = detect(detector, Image.open("photo.png").convert("RGB"), score_threshold={score}, nms_threshold={nms})
print(found.rows())  # boxes in the photo's own pixels, energy and whether each box is unlike the training data
# inside detect(): resize to the training size, softmax, offset_inverse on every anchor, NMS:
#   anchors, cls_preds, bbox_preds = model(x)
#   cls_probs = cls_preds.softmax(dim=2).permute(0, 2, 1)
#   fast_detections(cls_probs, bbox_preds, anchors, {nms}, {score})
# familiarity of a box = torch.logsumexp(its anchor's logits, dim=-1), compared with
#   detector.ood.threshold, which 95% of the boxes on its own validation scenes reach (lib.ood.fit_check)
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
