"""NMS step by step: predictions sorted by score; each step keeps the best box and suppresses its overlaps."""

from __future__ import annotations

import pandas as pd
import streamlit as st
import torch
from PIL import Image
from torchvision import ops

from lib.detection_anchors import check_boxes, nms, nms_steps
from lib.detection_figures import boxes_figure, normalised_to_pixels
from lib.errors import LessonError
from ui.common import guard, show_code, t

CANVAS = 360
# d2l's example: four predicted boxes (dog, dog, dog, cat) with their confidences.
NOTES_PREDICTIONS = [
    [0.9, 0.1, 0.08, 0.52, 0.92],
    [0.8, 0.08, 0.2, 0.56, 0.95],
    [0.7, 0.15, 0.3, 0.62, 0.91],
    [0.9, 0.55, 0.2, 0.9, 0.88],
]
COLUMNS = ["score", "x1", "y1", "x2", "y2"]


def _random_predictions(seed: int, count: int = 12) -> pd.DataFrame:
    g = torch.Generator().manual_seed(seed)
    centers = torch.rand(3, 2, generator=g) * 0.5 + 0.25  # a few objects, each predicted several times
    rows = []
    for i in range(count):
        c = centers[i % 3] + (torch.rand(2, generator=g) - 0.5) * 0.12
        half = torch.rand(2, generator=g) * 0.12 + 0.1
        box = torch.cat([c - half, c + half]).clamp(0, 1)
        rows.append([round(float(torch.rand(1, generator=g)), 3), *[round(v, 3) for v in box.tolist()]])
    return pd.DataFrame(rows, columns=COLUMNS)


def render() -> None:
    """The NMS tab."""
    st.write(t("detection.nms.intro"))
    controls, visual = st.columns(2, gap="medium")
    with controls:
        if st.button(t("detection.nms.random"), key="det_nms_random"):
            st.session_state["det_nms_seed"] = st.session_state.get("det_nms_seed", 0) + 1
        seed = st.session_state.get("det_nms_seed", 0)
        start = pd.DataFrame(NOTES_PREDICTIONS, columns=COLUMNS) if seed == 0 else _random_predictions(seed)
        frame = st.data_editor(
            start,
            num_rows="dynamic",
            key=f"det_nms_table_{seed}",
            column_config={"score": st.column_config.NumberColumn(t("detection.nms.col.score"))},
        )
        threshold = st.slider(t("detection.nms.threshold"), 0.0, 1.0, 0.5, 0.05, key="det_nms_thr")
    with guard():
        values = frame[COLUMNS].apply(pd.to_numeric, errors="coerce").dropna()
        if values.empty:
            raise LessonError("detection.error.no_boxes", what=t("detection.nms.predictions"))
        data = torch.tensor(values.to_numpy(dtype="float64"), dtype=torch.float32)
        scores, boxes = data[:, 0], data[:, 1:]
        check_boxes(boxes, t("detection.nms.predictions"))
        steps = nms_steps(boxes, scores, threshold)
        keep = nms(boxes, scores, threshold)
        reference = ops.nms(boxes, scores, threshold)
        step = (
            controls.slider(t("detection.nms.step"), 1, len(steps), len(steps), key="det_nms_step")
            if len(steps) > 1
            else 1
        )
        with visual:
            _figure(boxes, scores, steps, step)
        table = [
            {
                t("detection.nms.col.step"): i + 1,
                t("detection.nms.col.kept"): s["kept"],
                t("detection.nms.col.score"): round(s["score"], 3),
                t("detection.nms.col.suppressed"): ", ".join(f"{j} (IoU {v:.2f})" for j, v in s["suppressed"]) or "–",
                t("detection.nms.col.remaining"): ", ".join(map(str, s["remaining"])) or "–",
            }
            for i, s in enumerate(steps)
        ]
        st.dataframe(pd.DataFrame(table), hide_index=True, key="det_nms_steps")
        same = keep.tolist() == reference.tolist()
        (st.success if same else st.error)(t("detection.nms.check", keep=keep.tolist(), ref=reference.tolist()))
        show_code(f"""
import torch
from torchvision import ops
from lib.detection_anchors import nms  # d2l's loop

boxes = torch.tensor({[[round(v, 3) for v in row] for row in boxes.tolist()]})
scores = torch.tensor({[round(v, 3) for v in scores.tolist()]})
print(nms(boxes, scores, {threshold}))      # {keep.tolist()}
print(ops.nms(boxes, scores, {threshold}))  # the same, in C++
""")


def _figure(boxes: torch.Tensor, scores: torch.Tensor, steps: list[dict[str, object]], upto: int) -> None:
    kept = [s["kept"] for s in steps[:upto]]
    suppressed_now = {j for j, _ in steps[upto - 1]["suppressed"]}
    suppressed_before = {j for s in steps[: upto - 1] for j, _ in s["suppressed"]}
    canvas = Image.new("RGB", (CANVAS, CANVAS), "white")
    order = [i for i in range(len(boxes)) if i not in kept and i not in suppressed_before]
    shown = order + kept  # kept boxes last: drawn on top
    colors = ["#d62728" if i in suppressed_now else "#9e9e9e" for i in order] + ["#2ca02c"] * len(kept)
    labels = [f"{i}: {float(scores[i]):.2f}" for i in shown]
    widths = [2.0] * len(order) + [4.0] * len(kept)
    figure = boxes_figure(
        canvas, normalised_to_pixels(boxes[shown], canvas), labels, colors, widths=widths, height=CANVAS
    )
    st.plotly_chart(figure, key="det_nms_figure", config={"displaylogo": False})
    st.caption(t("detection.nms.figure_caption", step=upto))
