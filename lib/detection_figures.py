"""Boxes drawn over a picture as a Plotly figure: the browser draws the labels, so any language's glyphs show.

Drawing text into pixels needs a font with the reader's glyphs (Chinese labels became missing-glyph boxes);
Plotly draws the image, the box outlines and the labels in the browser, scales them on a projector, and
picks each box's colour from a palette by its contrast with the pixels under the box's outline, so a red
shape on a red background still gets a box one can see.
"""

from __future__ import annotations

import base64
import io

import numpy as np
import plotly.graph_objects as go
import torch
from PIL import Image

# Saturated, mutually distinct colours (light and dark ones, so every background has a good match).
PALETTE = ("#ff3b30", "#ffcc00", "#00c7be", "#0a84ff", "#bf5af2", "#34c759", "#ffffff", "#1c1c1e")
MIN_CONTRAST = 3.0  # WCAG's contrast ratio for large text and graphics; 1 = same luminance, 21 = black on white
JPEG_ABOVE = 320  # pictures wider or taller than this travel as JPEG (smaller), the rest as lossless PNG


def relative_luminance(rgb: np.ndarray) -> np.ndarray:
    """WCAG relative luminance of sRGB colours (..., 3) in 0..255 -> (...) in [0, 1]."""
    c = np.asarray(rgb, dtype=np.float64) / 255.0
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return linear @ np.array([0.2126, 0.7152, 0.0722])


def contrast_ratio(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """WCAG contrast ratio of colours a and b (..., 3) in 0..255: (L_light + 0.05) / (L_dark + 0.05), 1 to 21."""
    la, lb = relative_luminance(a), relative_luminance(b)
    return (np.maximum(la, lb) + 0.05) / (np.minimum(la, lb) + 0.05)


def hex_rgb(color: str) -> np.ndarray:
    """'#rrggbb' -> (3,) array in 0..255."""
    return np.array([int(color[i : i + 2], 16) for i in (1, 3, 5)], dtype=np.float64)


def outline_pixels(image: Image.Image, box: torch.Tensor | list[float], band: int = 3) -> np.ndarray:
    """The pixels (P, 3) of a band ``band`` px wide along the outline of ``box`` (x1, y1, x2, y2 in pixels)."""
    pixels = np.asarray(image.convert("RGB"), dtype=np.float64)
    height, width = pixels.shape[:2]
    x1, y1, x2, y2 = (float(v) for v in box)
    left, right = int(np.clip(np.floor(x1) - band, 0, width - 1)), int(np.clip(np.ceil(x2) + band, 1, width))
    top, bottom = int(np.clip(np.floor(y1) - band, 0, height - 1)), int(np.clip(np.ceil(y2) + band, 1, height))
    region = pixels[top:bottom, left:right]
    ys, xs = np.mgrid[top:bottom, left:right]
    near_x = (np.abs(xs - x1) <= band) | (np.abs(xs - x2) <= band)
    near_y = (np.abs(ys - y1) <= band) | (np.abs(ys - y2) <= band)
    return region[near_x | near_y].reshape(-1, 3)


def box_color(image: Image.Image, box: torch.Tensor | list[float], palette: tuple[str, ...] = PALETTE) -> str:
    """The palette colour that stands out most against the pixels under the box's outline.

    Score: the contrast ratio with the *worst* 10% of those pixels (so a box half on red and half on white
    avoids both), ties broken by distance in RGB.
    """
    under = outline_pixels(image, box)
    if len(under) == 0:
        return palette[0]
    best, best_score = palette[0], (-1.0, -1.0)
    for color in palette:
        rgb = hex_rgb(color)
        ratios = contrast_ratio(under, rgb[None])
        distance = np.linalg.norm(under - rgb[None], axis=1)
        score = (float(np.quantile(ratios, 0.1)), float(np.quantile(distance, 0.1)))
        if score > best_score:
            best, best_score = color, score
    return best


def text_color(background: str) -> str:
    """Black or white, whichever reads better on ``background``."""
    rgb = hex_rgb(background)
    black = contrast_ratio(rgb, np.zeros(3))
    white = contrast_ratio(rgb, np.full(3, 255.0))
    return "#000000" if black >= white else "#ffffff"


def image_uri(image: Image.Image) -> str:
    """The picture as a data URI for ``go.Image(source=...)``: PNG when small, JPEG (quality 90) when large."""
    buffer = io.BytesIO()
    if max(image.size) > JPEG_ABOVE:
        image.convert("RGB").save(buffer, format="JPEG", quality=90)
        kind = "jpeg"
    else:
        image.convert("RGB").save(buffer, format="PNG")
        kind = "png"
    return f"data:image/{kind};base64,{base64.b64encode(buffer.getvalue()).decode('ascii')}"


def boxes_figure(
    image: Image.Image,
    boxes: torch.Tensor,
    labels: list[str] | None = None,
    colors: list[str] | None = None,
    *,
    widths: list[float] | float = 3,
    fills: list[bool] | bool = False,
    height: int | None = None,
) -> go.Figure:
    """``image`` with boxes (N, 4) in its own pixels: outlines with a dark halo, labels on a box-coloured patch.

    ``colors`` default to the best-contrast colour per box (``box_color``); labels sit above the box, or inside
    it when the box touches the top edge. The figure keeps the picture's aspect ratio.
    """
    boxes = torch.as_tensor(boxes, dtype=torch.float64).reshape(-1, 4)
    count = len(boxes)
    labels = list(labels) if labels is not None else [""] * count
    colors = list(colors) if colors is not None else [box_color(image, box) for box in boxes]
    widths = list(widths) if isinstance(widths, list) else [float(widths)] * count
    fills = list(fills) if isinstance(fills, list) else [bool(fills)] * count
    width_px, height_px = image.size
    shapes, annotations = [], []
    for box, label, color, width, fill in zip(boxes.tolist(), labels, colors, widths, fills, strict=True):
        x1, y1, x2, y2 = box
        halo = "#ffffff" if text_color(color) == "#ffffff" else "#000000"
        common = {"type": "rect", "x0": x1, "y0": y1, "x1": x2, "y1": y2, "xref": "x", "yref": "y"}
        shapes.append(common | {"line": {"color": halo, "width": width + 2}, "opacity": 0.6})
        paint = _with_alpha(color, 0.25) if fill else "rgba(0,0,0,0)"
        shapes.append(common | {"line": {"color": color, "width": width}, "fillcolor": paint})
        if label:
            inside = y1 < 0.06 * height_px
            annotations.append(
                {
                    "x": x1,
                    "y": y1,
                    "xref": "x",
                    "yref": "y",
                    "xanchor": "left",
                    "yanchor": "top" if inside else "bottom",
                    "text": label,
                    "showarrow": False,
                    "font": {"color": text_color(color), "size": 14},
                    "bgcolor": color,
                    "borderpad": 2,
                }
            )
    figure = go.Figure(go.Image(source=image_uri(image), hoverinfo="skip"))
    shown_height = height or int(min(520, max(240, 640 * height_px / max(width_px, 1))))
    figure.update_layout(
        shapes=shapes,
        annotations=annotations,
        height=shown_height,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        dragmode=False,
    )
    figure.update_xaxes(visible=False, range=[0, width_px], constrain="domain")
    figure.update_yaxes(visible=False, range=[height_px, 0], scaleanchor="x", constrain="domain")
    return figure


def normalised_to_pixels(boxes: torch.Tensor, image: Image.Image) -> torch.Tensor:
    """Boxes (N, 4) as fractions of the image -> the same boxes in ``image``'s pixels."""
    scale = torch.tensor([image.width, image.height, image.width, image.height], dtype=torch.float64)
    return boxes.double().reshape(-1, 4) * scale


def _with_alpha(color: str, alpha: float) -> str:
    r, g, b = (int(v) for v in hex_rgb(color))
    return f"rgba({r},{g},{b},{alpha})"
