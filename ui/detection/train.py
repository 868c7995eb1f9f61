"""Train TinySSD live: the shared engine in a background job, class error, bbox MAE and mAP drawn as it learns.

The detector a run leaves (finished, or stopped after an epoch) is at once selectable on the Detect tab.
"""

from __future__ import annotations

import streamlit as st
import torch

from lib.data import banana
from lib.data.arrays import ImageArrays
from lib.data.shapes_detect import CLASSES, make_shapes_detect
from lib.detection import Detector, calibrate_tinyssd
from lib.detection_train import (
    DEFAULT_BATCH,
    DEFAULT_COUNT,
    DEFAULT_EPOCHS,
    DEFAULT_LR,
    DEFAULT_SIZE,
    DetectionTask,
    tinyssd_from_backbone,
    train_config,
    val_count,
)
from lib.jobs import Snapshot
from lib.models.ssd import TinySSD
from lib.train import TrainConfig
from ui.common import show_code, t
from ui.detection import script
from ui.detection.widgets import choose
from ui.live import live_panel, run_limiter, session_job, start_stop

DATASETS = ("shapes", "banana")
STARTS = ("backbone", "scratch")
METRICS = ("class_error", "bbox_mae", "map50")


@st.cache_data(max_entries=4, show_spinner=False)
def _shapes(count: int, size: int) -> ImageArrays:
    return make_shapes_detect(count, seed=0, image_size=size)


def _data(name: str, count: int, size: int) -> tuple[ImageArrays, ImageArrays]:
    """(train, val) for the chosen dataset; bananas are downloaded once (with progress) and resized."""
    if name == "shapes":
        data = _shapes(count + val_count(count), size)
        return data.subset(torch.arange(count)), data.subset(torch.arange(count, len(data)))
    bar = st.progress(0.0, text=t("detection.run.downloading"))
    try:
        folder = banana.fetch(lambda done, total: bar.progress(min(done / total, 1.0) if total else 0.0))
    finally:
        bar.empty()  # also when the download fails: no stale bar above the error
    train, val = banana.load_split(folder, "train", limit=count), banana.load_split(folder, "val")
    resize = torch.nn.functional.interpolate
    shrink = lambda d: ImageArrays(  # noqa: E731 - images only: labels are fractions of the image
        resize(d.images.float(), size=(size, size), mode="bilinear").round().clamp(0, 255).byte(), d.labels, d.classes
    )
    return shrink(train), shrink(val)


def _controls() -> tuple[str, str, int, int, TrainConfig]:
    left, middle, right = st.columns(3)
    with left:
        name = choose(
            st.selectbox,
            t("detection.train.dataset"),
            DATASETS,
            lambda n: t(f"detection.train.data.{n}"),
            key="det_tr_data",
        )
    with middle:
        start = choose(
            st.selectbox,
            t("detection.train.start"),
            STARTS,
            lambda n: t(f"detection.train.start.{n}"),
            key="det_tr_init",
        )
    count = right.select_slider(
        t("detection.train.count"), [64, 128, 256, 512, 1000], DEFAULT_COUNT, key="det_tr_count"
    )
    size = left.select_slider(t("detection.train.size"), [64, 128, 256], DEFAULT_SIZE, key="det_tr_size")
    epochs = middle.slider(t("detection.train.epochs"), 1, 20, DEFAULT_EPOCHS, key="det_tr_epochs")
    lr = right.select_slider(t("detection.train.lr"), [3e-4, 1e-3, 3e-3, 1e-2, 3e-2], DEFAULT_LR, key="det_tr_lr")
    batch = left.select_slider(t("detection.train.batch"), [8, 16, 32], DEFAULT_BATCH, key="det_tr_batch")
    return name, start, count, size, train_config(epochs, lr, batch)


def _model(start: str, classes: int) -> TinySSD:
    return tinyssd_from_backbone(classes) if start == "backbone" else TinySSD(classes)


def render() -> None:
    """The live-training tab: Start and the live chart first, the settings in an expander above them."""
    st.write(t("detection.train.intro"))
    with st.expander(t("detection.train.settings"), icon=":material/tune:"):
        name, start_from, count, size, config = _controls()
    job = session_job("detection")

    def start() -> None:
        train, val = _data(name, count, size)
        classes = CLASSES if name == "shapes" else banana.CLASSES
        meta = {"classes": classes, "image_size": size, "val": val}
        model = _model(start_from, len(classes))
        job.start(model, train, val, config, limiter=run_limiter(), task=DetectionTask(), meta=meta)

    start_stop(job, start, key="det_tr")
    script.render(name, start_from, count, size, config)
    names = {metric: t(f"detection.train.metric.{metric}") for metric in METRICS}
    live_panel(job, key="det_tr", metrics=METRICS, log_metrics=True, details=_latest, labels=names)
    init = (
        "model = tinyssd_from_backbone(num_classes=4)  # the shipped TinySSD's blocks (frozen), new heads"
        if start_from == "backbone"
        else "model = TinySSD(num_classes=4)  # random weights"
    )
    show_code(f"""
import torch
from lib.data.shapes_detect import make_shapes_detect
from lib.detection_train import DetectionTask, tinyssd_from_backbone  # loss = cross-entropy + masked L1
from lib.models.ssd import TinySSD
from lib.train import TrainConfig, fit

data = make_shapes_detect({count + val_count(count)}, seed=0, image_size={size})
train, val = data.subset(torch.arange({count})), data.subset(torch.arange({count}, len(data)))
config = TrainConfig(optimizer="adamw", lr={config.lr}, weight_decay=5e-4, schedule="onecycle",
                     batch_size={config.batch_size}, epochs={config.epochs}, flip=True, mean=(0, 0, 0), std=(1, 1, 1))
{init}
history = fit(model, train, val, config, task=DetectionTask())
print(history.epochs[-1].train, history.epochs[-1].val)  # class_error, bbox_mae, map50 ...
""")


def trained_detector() -> Detector | None:
    """The detector this session's last run left (finished, or stopped after an epoch), kept in session state.

    It is built once per run: the job's model, its classes and image size, and its familiarity check calibrated on
    the run's own validation images.
    """
    job = session_job("detection")
    stored = st.session_state.get("det_trained")
    snap = job.snapshot()
    fresh = stored is None or stored[0] != snap.run_id
    if fresh and not job.running and snap.status in ("done", "stopped") and snap.epochs:
        model = job.model_copy()
        meta = job.meta
        if model is not None and {"classes", "image_size", "val"} <= set(meta):
            ood = calibrate_tinyssd(model, meta["val"].images)
            map50 = snap.epochs[-1].val.get("map50")
            detector = Detector("trained", model, tuple(meta["classes"]), int(meta["image_size"]), ood, map50)
            st.session_state["det_trained"] = stored = (snap.run_id, detector)
    return None if stored is None else stored[1]


def _latest(snap: Snapshot) -> None:
    """The last epoch's numbers; after the run, where its detector can be used."""
    latest_epoch(snap)
    if snap.epochs and snap.status in ("done", "stopped"):
        st.caption(t("detection.train.ready"))


def latest_epoch(snap: Snapshot) -> None:
    """The last epoch's class error, box error and validation mAP@0.5 (both detection training tabs)."""
    if not snap.epochs:
        return
    last = snap.epochs[-1]
    st.caption(
        t(
            "detection.train.last",
            epoch=last.epoch,
            cls=f"{last.train.get('class_error', 0):.2e}",
            mae=f"{last.train.get('bbox_mae', 0):.2e}",
            map50=f"{last.val.get('map50', 0):.3f}",
        )
    )
