"""Boxes drawn by the browser: colours that stand out on the picture, labels as text, aspect kept."""

from __future__ import annotations

import numpy as np
import torch
from PIL import Image

from lib.data.shapes_detect import render
from lib.detection_figures import (
    MIN_CONTRAST,
    box_color,
    boxes_figure,
    contrast_ratio,
    hex_rgb,
    normalised_to_pixels,
    outline_pixels,
    relative_luminance,
)


def test_contrast_ratio_is_wcag() -> None:
    assert contrast_ratio(np.zeros(3), np.full(3, 255.0)) == 21.0
    assert contrast_ratio(np.full(3, 255.0), np.full(3, 255.0)) == 1.0
    assert relative_luminance(np.array([255.0, 0, 0])) == 0.2126


def test_box_on_a_red_background_is_not_red() -> None:
    """Bug 1: on built-in scene 0 (a red background) the box was drawn in red."""
    image, labels = render(seed=2026, index=0, image_size=256)
    picture = Image.fromarray(image.permute(1, 2, 0).numpy())
    boxes = normalised_to_pixels(labels[labels[:, 0] >= 0, 1:], picture)
    for box in boxes:
        under = outline_pixels(picture, box)
        color = box_color(picture, box)
        assert np.quantile(contrast_ratio(under, hex_rgb(color)[None]), 0.1) >= MIN_CONTRAST, color
    red = Image.new("RGB", (100, 100), (220, 30, 30))
    assert box_color(red, [20, 20, 80, 80]) not in ("#ff3b30",)
    assert contrast_ratio(hex_rgb(box_color(red, [20, 20, 80, 80])), np.array([220.0, 30, 30])) >= MIN_CONTRAST


def test_figure_draws_every_box_with_a_halo_and_its_label_as_text() -> None:
    picture = Image.new("RGB", (400, 200), "white")
    boxes = torch.tensor([[10.0, 50, 110, 150], [200, 0, 300, 100]])
    figure = boxes_figure(picture, boxes, ["圆形 0.99", "star"], ["#0a84ff", "#ff3b30"], widths=3)
    shapes = figure.layout.shapes
    assert len(shapes) == 4  # halo + outline per box
    assert [(s.x0, s.y0, s.x1, s.y1) for s in shapes[1::2]] == [(10, 50, 110, 150), (200, 0, 300, 100)]
    assert [s.line.color for s in shapes[1::2]] == ["#0a84ff", "#ff3b30"]
    texts = [a.text for a in figure.layout.annotations]
    assert texts == ["圆形 0.99", "star"]  # text for the browser to draw: any script shows
    assert figure.layout.annotations[1].yanchor == "top"  # a box at the top edge gets its label inside
    assert figure.layout.yaxis.scaleanchor == "x" and tuple(figure.layout.yaxis.range) == (200, 0)
    assert figure.data[0].source.startswith("data:image/")
