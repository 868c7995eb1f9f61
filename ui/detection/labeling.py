"""Labeling anchors: editable ground truth and anchors -> IoU matrix, greedy assignment, class and offset targets."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import streamlit as st
import torch
from PIL import Image

from lib.detection_anchors import assignment_steps, box_iou, check_boxes, multibox_target
from lib.detection_figures import boxes_figure, normalised_to_pixels
from lib.errors import LessonError
from ui.common import guard, show_code, t

CANVAS = 360
NOTES_TRUTH = [[0, 0.1, 0.08, 0.52, 0.92], [1, 0.55, 0.2, 0.9, 0.88]]  # d2l's dog and cat
NOTES_ANCHORS = [
    [0, 0.1, 0.2, 0.3],
    [0.15, 0.2, 0.4, 0.4],
    [0.63, 0.05, 0.88, 0.98],
    [0.66, 0.45, 0.8, 0.8],
    [0.57, 0.3, 0.92, 0.9],
]
BOX_COLUMNS = ["x1", "y1", "x2", "y2"]
PALETTE = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]


def _tensor(frame: pd.DataFrame, columns: list[str], what: str) -> torch.Tensor:
    values = frame[columns].apply(pd.to_numeric, errors="coerce").dropna(how="all")
    if values.empty:
        raise LessonError("detection.error.no_boxes", what=what)
    return torch.tensor(values.to_numpy(dtype="float64"), dtype=torch.float32)


def render() -> None:
    """The labeling-anchors tab."""
    st.write(t("detection.label.intro"))
    left, right = st.columns(2, gap="medium")
    with left:
        st.markdown(f"**{t('detection.label.truth')}**")
        truth_frame = st.data_editor(
            pd.DataFrame(NOTES_TRUTH, columns=["class", *BOX_COLUMNS]),
            num_rows="dynamic",
            key="det_lab_truth",
            hide_index=True,
            column_config={"class": st.column_config.NumberColumn(t("detection.label.col.cls"))},
        )
        st.markdown(f"**{t('detection.label.anchors')}**")
        anchor_frame = st.data_editor(
            pd.DataFrame(NOTES_ANCHORS, columns=BOX_COLUMNS), num_rows="dynamic", key="det_lab_anchors"
        )
        threshold = st.slider(t("detection.label.threshold"), 0.0, 1.0, 0.5, 0.05, key="det_lab_thr")
    with guard():
        truth = _tensor(truth_frame, ["class", *BOX_COLUMNS], t("detection.label.truth"))
        anchors = _tensor(anchor_frame, BOX_COLUMNS, t("detection.label.anchors"))
        check_boxes(truth[:, 1:], t("detection.label.truth"))
        check_boxes(anchors, t("detection.label.anchors"))
        if (truth[:, 0] < 0).any() or (truth[:, 0] != truth[:, 0].round()).any():
            raise LessonError("detection.error.class_index")
        iou = box_iou(anchors, truth[:, 1:])
        steps, assignment = assignment_steps(truth[:, 1:], anchors, threshold)
        offsets, mask, classes = multibox_target(anchors[None], truth[None], threshold)
        with right:
            _figure(truth, anchors, assignment)
        heat = px.imshow(
            iou.numpy(),
            text_auto=".2f",
            color_continuous_scale="Blues",
            zmin=0,
            zmax=1,
            labels={"x": t("detection.label.truth"), "y": t("detection.label.anchors"), "color": "IoU"},
        )
        st.plotly_chart(heat, key="det_lab_heat")
        st.markdown(f"**{t('detection.label.steps')}**")
        st.caption(t("detection.label.steps_caption"))
        headers = {name: t(f"detection.label.col.{name}") for name in ("step", "anchor", "box", "iou")}
        st.dataframe(pd.DataFrame(steps), hide_index=True, key="det_lab_steps_table", column_config=headers)
        offsets = offsets[0].reshape(-1, 4)
        rows = [
            {
                t("detection.label.col.anchor"): i,
                t("detection.label.col.box"): int(assignment[i]),
                t("detection.label.col.class"): int(classes[0, i]),
                "Δx": round(float(offsets[i, 0]), 3),
                "Δy": round(float(offsets[i, 1]), 3),
                "Δw": round(float(offsets[i, 2]), 3),
                "Δh": round(float(offsets[i, 3]), 3),
                t("detection.label.col.mask"): int(mask[0, 4 * i]),
            }
            for i in range(len(anchors))
        ]
        st.markdown(f"**{t('detection.label.targets')}**")
        st.dataframe(pd.DataFrame(rows), hide_index=True, key="det_lab_targets")
        show_code(f"""
import torch
from lib.detection_anchors import assign_anchor_to_bbox, box_iou, multibox_target  # d2l's functions, fixed

ground_truth = torch.tensor({[[round(v, 3) for v in row] for row in truth.tolist()]})  # [class, x1, y1, x2, y2]
anchors = torch.tensor({[[round(v, 3) for v in row] for row in anchors.tolist()]})
print(box_iou(anchors, ground_truth[:, 1:]))  # the IoU matrix above
print(assign_anchor_to_bbox(ground_truth[:, 1:], anchors, iou_threshold={threshold}))  # {assignment.tolist()}
offsets, mask, classes = multibox_target(anchors[None], ground_truth[None], iou_threshold={threshold})
print(classes)  # {classes[0].tolist()}: 0 = background, class + 1 otherwise
print(offsets.reshape(-1, 4))  # 10·Δxy/wh_anchor, 5·log(wh/wh_anchor); zero for background
""")


def _figure(truth: torch.Tensor, anchors: torch.Tensor, assignment: torch.Tensor) -> None:
    canvas = Image.new("RGB", (CANVAS, CANVAS), "white")
    colors = [PALETTE[int(j) % len(PALETTE)] if j >= 0 else "#9e9e9e" for j in assignment.tolist()]
    truth_labels = [t("detection.label.gt_name", box=j, cls=int(c)) for j, c in enumerate(truth[:, 0].tolist())]
    boxes = normalised_to_pixels(torch.cat([anchors, truth[:, 1:]]), canvas)
    labels = [str(i) for i in range(len(anchors))] + truth_labels
    widths = [2.0] * len(anchors) + [3.0] * len(truth)
    figure = boxes_figure(canvas, boxes, labels, colors + ["#000000"] * len(truth), widths=widths, height=CANVAS)
    st.plotly_chart(figure, key="det_lab_figure", config={"displaylogo": False})
    st.caption(t("detection.label.figure_caption"))
