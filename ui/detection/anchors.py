"""Anchor explorer: the anchors of one pixel, or d2l's multi-scale layout, on a picture (drawn by the browser)."""

from __future__ import annotations

import streamlit as st
import torch

from lib.detection_anchors import anchors_per_pixel, multibox_prior, parse_numbers
from lib.detection_figures import boxes_figure, normalised_to_pixels
from lib.errors import LessonError
from ui.common import guard, show_code, t
from ui.detection.widgets import choose, pick_image

LAYOUT = ((4, 0.15), (2, 0.4), (1, 0.8))  # d2l's display_anchors: feature-map side and size
MAX_SIDE = 1000  # feature maps up to 1000×1000 pixels
MAX_ANCHORS = 5_000_000  # ~80 MB of anchors: enough for d2l's 2,042,040 while protecting the server
COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2"]


def colors(count: int) -> list[str]:
    """``count`` box colours, the palette repeated as often as needed (any number of anchors per pixel)."""
    return [COLORS[i % len(COLORS)] for i in range(count)]


def _one_pixel(image, controls, visual) -> None:
    """Inputs in ``controls``; the picture with the pixel's anchors and the anchor count in ``visual``."""
    # The feature map starts at the picture's own size, and starts again when another picture is chosen: the
    # keys carry the size (a kept 561×728 map on a 512×512 photo made r=1 anchors non-square).
    picture = f"{image.width}x{image.height}"
    with controls:
        left, right = st.columns(2)
        fmap_h = left.number_input(
            t("detection.anchor.fmap_h"), 1, MAX_SIDE, min(image.height, MAX_SIDE), key=f"det_anc_fh_{picture}"
        )
        fmap_w = right.number_input(
            t("detection.anchor.fmap_w"), 1, MAX_SIDE, min(image.width, MAX_SIDE), key=f"det_anc_fw_{picture}"
        )
        sizes_text = left.text_input(t("detection.anchor.sizes"), "0.75, 0.5, 0.25", key="det_anc_sizes")
        ratios_text = right.text_input(t("detection.anchor.ratios"), "1, 2, 0.5", key="det_anc_ratios")
    with visual, guard():
        sizes = parse_numbers(sizes_text, t("detection.anchor.sizes"), 0.0, 1.0)
        ratios = parse_numbers(ratios_text, t("detection.anchor.ratios"), 0.0, 10.0)
        row = (
            controls.slider(
                t("detection.anchor.row"), 0, int(fmap_h) - 1, int(fmap_h) // 2, key=f"det_anc_row_{fmap_h}"
            )
            if fmap_h > 1
            else 0
        )
        col = (
            controls.slider(
                t("detection.anchor.col"), 0, int(fmap_w) - 1, int(fmap_w) // 2, key=f"det_anc_col_{fmap_w}"
            )
            if fmap_w > 1
            else 0
        )
        per_pixel = anchors_per_pixel(sizes, ratios)
        if fmap_h * fmap_w * per_pixel > MAX_ANCHORS:
            raise LessonError(
                "detection.error.too_many_anchors", count=f"{fmap_h * fmap_w * per_pixel:,}", limit=f"{MAX_ANCHORS:,}"
            )
        anchors = multibox_prior(torch.zeros(1, 1, int(fmap_h), int(fmap_w)), sizes, ratios)
        mine = anchors.reshape(int(fmap_h), int(fmap_w), per_pixel, 4)[row, col]
        labels = [f"s={s}, r={ratios[0]}" for s in sizes] + [f"s={sizes[0]}, r={r}" for r in ratios[1:]]
        figure = boxes_figure(image, normalised_to_pixels(mine, image), labels, colors(len(labels)), widths=3)
        st.plotly_chart(figure, key="det_anc_figure", config={"displaylogo": False})
        with controls:
            st.metric(t("detection.anchor.count"), f"{anchors.shape[1]:,}")
            st.caption(
                t(
                    "detection.anchor.count_formula",
                    h=int(fmap_h),
                    w=int(fmap_w),
                    n=len(sizes),
                    m=len(ratios),
                    per=per_pixel,
                    total=f"{anchors.shape[1]:,}",
                )
            )
        st.dataframe(
            [
                {
                    t("detection.label.col.anchor"): label,
                    "x1": round(a[0], 3),
                    "y1": round(a[1], 3),
                    "x2": round(a[2], 3),
                    "y2": round(a[3], 3),
                }
                for label, a in zip(labels, mine.tolist(), strict=True)
            ],
            hide_index=True,
        )
        show_code(f"""
import torch
from lib.detection_anchors import multibox_prior  # d2l.multibox_prior

Y = multibox_prior(torch.zeros(1, 3, {int(fmap_h)}, {int(fmap_w)}), sizes={sizes}, ratios={ratios})
print(Y.shape)  # (1, {anchors.shape[1]}, 4)
boxes = Y.reshape({int(fmap_h)}, {int(fmap_w)}, {per_pixel}, 4)
print(boxes[{row}, {col}])  # the anchors of pixel ({row}, {col}), as fractions of the image
""")


def _layout(image) -> None:
    st.caption(t("detection.anchor.layout_caption"))
    columns = st.columns(len(LAYOUT))
    for column, (side, size) in zip(columns, LAYOUT, strict=True):
        anchors = multibox_prior(torch.zeros(1, 1, side, side), [size], [1, 2, 0.5])[0]
        figure = boxes_figure(image, normalised_to_pixels(anchors, image), None, COLORS[:3] * (side * side), widths=2)
        column.plotly_chart(figure, key=f"det_anc_layout_{side}", config={"displaylogo": False})
        column.caption(t("detection.anchor.layout_item", side=side, size=size, count=anchors.shape[0]))
    show_code("""
import torch
from lib.detection_anchors import multibox_prior

for side, size in [(4, 0.15), (2, 0.4), (1, 0.8)]:
    fmap = torch.zeros(1, 10, side, side)  # only the feature map's height and width matter
    anchors = multibox_prior(fmap, sizes=[size], ratios=[1, 2, 0.5])
    print(side, size, anchors.shape)  # small anchors on large maps, large anchors on small maps
""")


def render() -> None:
    """The anchor explorer tab: settings on the left, the picture with its anchors on the right."""
    st.write(t("detection.anchor.intro"))
    controls, visual = st.columns([1, 2], gap="medium")
    with controls:
        image = pick_image("det_anc")
        mode = choose(
            st.radio,
            t("detection.anchor.mode"),
            ("pixel", "layout"),
            lambda m: t(f"detection.anchor.mode.{m}"),
            key="det_anc_mode",
            horizontal=True,
        )
    if mode == "pixel":
        _one_pixel(image, controls, visual)
    else:
        with visual:
            _layout(image)
