"""IoU playground: two boxes by sliders, their intersection and union drawn, the value computed."""

from __future__ import annotations

import streamlit as st
import torch
from PIL import Image
from torchvision import ops

from lib.detection_anchors import box_area, box_iou, check_boxes
from lib.detection_figures import boxes_figure, normalised_to_pixels
from ui.common import guard, show_code, t

CANVAS = 320


def _box_sliders(name: str, default: tuple[float, float, float, float], column) -> torch.Tensor:
    with column:
        st.markdown(f"**{t('detection.iou.box', name=name)}**")
        x = st.slider("x1 – x2", 0.0, 1.0, (default[0], default[2]), 0.01, key=f"det_iou_{name}_x")
        y = st.slider("y1 – y2", 0.0, 1.0, (default[1], default[3]), 0.01, key=f"det_iou_{name}_y")
    return torch.tensor([[x[0], y[0], x[1], y[1]]])


def render() -> None:
    """The IoU playground tab."""
    st.write(t("detection.iou.intro"))
    controls, visual = st.columns([1, 2], gap="medium")
    a = _box_sliders("A", (0.1, 0.1, 0.6, 0.6), controls)
    b = _box_sliders("B", (0.35, 0.3, 0.9, 0.85), controls)
    with visual, guard():
        check_boxes(a, t("detection.iou.box", name="A"))
        check_boxes(b, t("detection.iou.box", name="B"))
        iou = float(box_iou(a, b)[0, 0])
        reference = float(ops.box_iou(a, b)[0, 0])
        corner_min, corner_max = torch.max(a[:, :2], b[:, :2]), torch.min(a[:, 2:], b[:, 2:])
        inter = torch.cat([corner_min, corner_max], dim=1)
        overlap = bool((corner_max > corner_min).all())
        inter_area = float(box_area(inter)) if overlap else 0.0
        union_area = float(box_area(a) + box_area(b)) - inter_area
        canvas = Image.new("RGB", (CANVAS, CANVAS), "white")
        boxes, labels, colors = [a, b], ["A", "B"], ["#1f77b4", "#ff7f0e"]
        if overlap:
            boxes, labels, colors = [*boxes, inter], [*labels, t("detection.iou.intersection")], [*colors, "#2ca02c"]
        pixels = normalised_to_pixels(torch.cat(boxes), canvas)
        figure = boxes_figure(canvas, pixels, labels, colors, widths=3, fills=True, height=CANVAS)
        st.plotly_chart(figure, key="det_iou_figure", config={"displaylogo": False})
        cols = st.columns([1, 2])
        cols[0].metric("IoU", f"{iou:.4f}")
        cols[1].write(t("detection.iou.areas", inter=f"{inter_area:.4f}", union=f"{union_area:.4f}", iou=f"{iou:.4f}"))
        cols[1].caption(t("detection.iou.check", value=f"{reference:.4f}"))
        show_code(f"""
import torch
from torchvision import ops

a = torch.tensor([{[round(v, 2) for v in a[0].tolist()]}])  # (x1, y1, x2, y2), fractions of the image
b = torch.tensor([{[round(v, 2) for v in b[0].tolist()]}])
top_left = torch.max(a[:, None, :2], b[:, :2])
bottom_right = torch.min(a[:, None, 2:], b[:, 2:])
inter = (bottom_right - top_left).clamp(min=0).prod(dim=2)
area = lambda boxes: (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
iou = inter / (area(a)[:, None] + area(b) - inter)
print(iou, ops.box_iou(a, b))  # both {iou:.4f}
""")
