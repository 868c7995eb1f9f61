"""Train TinySSD live: the shared engine in a background job, class error and bbox MAE drawn as it learns."""

from __future__ import annotations

import streamlit as st
import torch

from lib.data import banana
from lib.data.arrays import ImageArrays
from lib.data.shapes_detect import CLASSES, make_shapes_detect
from lib.detection_train import DetectionTask
from lib.jobs import Snapshot
from lib.models.ssd import TinySSD
from lib.train import TrainConfig
from ui.common import show_code, t
from ui.detection.widgets import choose
from ui.live import live_panel, run_limiter, session_job, start_stop

DATASETS = ("shapes", "banana")


@st.cache_data(max_entries=4, show_spinner=False)
def _shapes(count: int, size: int) -> ImageArrays:
    return make_shapes_detect(count, seed=0, image_size=size)


def _data(name: str, count: int, size: int) -> tuple[ImageArrays, ImageArrays]:
    """(train, val) for the chosen dataset; bananas are downloaded once (with progress) and resized."""
    if name == "shapes":
        data = _shapes(count + max(8, count // 8), size)
        return data.subset(torch.arange(count)), data.subset(torch.arange(count, len(data)))
    bar = st.progress(0.0, text=t("detection.run.downloading"))
    folder = banana.fetch(lambda done, total: bar.progress(min(done / total, 1.0) if total else 0.0))
    bar.empty()
    train, val = banana.load_split(folder, "train", limit=count), banana.load_split(folder, "val")
    resize = torch.nn.functional.interpolate
    shrink = lambda d: ImageArrays(  # noqa: E731 - images only: labels are fractions of the image
        resize(d.images.float(), size=(size, size), mode="bilinear").round().clamp(0, 255).byte(), d.labels, d.classes
    )
    return shrink(train), shrink(val)


def _controls() -> tuple[str, int, int, TrainConfig]:
    left, middle, right = st.columns(3)
    with left:
        name = choose(
            st.selectbox,
            t("detection.train.dataset"),
            DATASETS,
            lambda n: t(f"detection.train.data.{n}"),
            key="det_tr_data",
        )
    count = middle.select_slider(t("detection.train.count"), [64, 128, 256, 512, 1000], 128, key="det_tr_count")
    size = right.select_slider(t("detection.train.size"), [64, 128, 256], 128, key="det_tr_size")
    epochs = left.slider(t("detection.train.epochs"), 1, 20, 3, key="det_tr_epochs")
    lr = middle.select_slider(t("detection.train.lr"), [3e-4, 1e-3, 3e-3, 1e-2], 3e-3, key="det_tr_lr")
    batch = right.select_slider(t("detection.train.batch"), [8, 16, 32], 16, key="det_tr_batch")
    config = TrainConfig(
        optimizer="adamw",
        lr=lr,
        weight_decay=5e-4,
        schedule="onecycle",
        batch_size=batch,
        epochs=epochs,
        flip=True,
        mean=(0.0, 0.0, 0.0),
        std=(1.0, 1.0, 1.0),
        channels_last=False,
    )
    return name, count, size, config


def render() -> None:
    """The live-training tab."""
    st.write(t("detection.train.intro"))
    name, count, size, config = _controls()
    job = session_job("detection")

    def start() -> None:
        train, val = _data(name, count, size)
        classes = CLASSES if name == "shapes" else banana.CLASSES
        job.start(TinySSD(len(classes)), train, val, config, limiter=run_limiter(), task=DetectionTask())

    start_stop(job, start, key="det_tr")
    live_panel(job, key="det_tr", metrics=("class_error", "bbox_mae"), log_metrics=True, details=_latest)
    show_code(f"""
import torch
from lib.data.shapes_detect import make_shapes_detect
from lib.detection_train import DetectionTask   # loss = cross-entropy + masked L1 (the notes' calc_loss)
from lib.models.ssd import TinySSD
from lib.train import TrainConfig, fit

data = make_shapes_detect({count + max(8, count // 8)}, seed=0, image_size={size})
train, val = data.subset(torch.arange({count})), data.subset(torch.arange({count}, len(data)))
config = TrainConfig(optimizer="adamw", lr={config.lr}, weight_decay=5e-4, schedule="onecycle",
                     batch_size={config.batch_size}, epochs={config.epochs}, flip=True, mean=(0, 0, 0), std=(1, 1, 1))
history = fit(TinySSD(num_classes=4), train, val, config, task=DetectionTask())
print(history.epochs[-1].train, history.epochs[-1].val)  # class_error, bbox_mae, map50 ...
""")


def _latest(snap: Snapshot) -> None:
    """The last epoch's numbers, validation mAP@0.5 included (the chart shows the errors)."""
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
