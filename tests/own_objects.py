"""Real-looking test photos for the "Your objects" tab: smooth natural-image-like backgrounds with pasted objects.

Backgrounds are low-pass noise over a colour gradient (like walls, tables, sky); the objects are shaded,
textured discs ("ball") and rounded bars with a handle ("mug"), pasted at random places and sizes.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from lib.detection_labels import Box, LabelSet

CLASSES = ("ball", "mug")


def background(rng: np.random.Generator, width: int, height: int) -> np.ndarray:
    """(H, W, 3) float in 0..255: a two-colour gradient plus smooth (upsampled) noise and a little grain."""
    top, bottom = rng.uniform(40, 220, 3), rng.uniform(40, 220, 3)
    ramp = np.linspace(0, 1, height)[:, None, None]
    image = top * (1 - ramp) + bottom * ramp + np.zeros((1, width, 1))
    coarse = rng.normal(0, 25, (6, 8, 3)).astype(np.float32)
    smooth = np.asarray(
        Image.fromarray(((coarse + 128).clip(0, 255)).astype(np.uint8)).resize(
            (width, height), Image.Resampling.BICUBIC
        ),
        dtype=np.float64,
    )
    return (image + smooth - 128 + rng.normal(0, 4, (height, width, 3))).clip(0, 255)


def paste(rng: np.random.Generator, image: np.ndarray, kind: str, x: int, y: int, size: int) -> list[float]:
    """Draw one object with its top-left corner at (x, y) and ``size`` px across; returns its box (x1, y1, x2, y2)."""
    height, width = image.shape[:2]
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float64)
    grain = rng.normal(0, 6, image.shape[:2])
    if kind == "ball":
        r = size / 2
        cx, cy = x + r, y + r
        d = np.hypot(xs - cx, ys - cy) / r
        mask = d <= 1
        colour = np.array([235, 200, 40]) * rng.uniform(0.85, 1.05)
        shade = 1.15 - 0.55 * np.hypot(xs - cx + r / 3, ys - cy + r / 3) / r
        stripe = 0.8 + 0.2 * np.sign(np.sin((xs - cx) / r * 3))
        pixels = colour[None, None] * (shade * stripe)[..., None] + grain[..., None]
        image[mask] = pixels[mask].clip(0, 255)
        return [x, y, x + size, y + size]
    w, h = int(size * 0.65), size
    body = (xs >= x) & (xs < x + w) & (ys >= y) & (ys < y + h)
    handle_r = h / 4
    hx, hy = x + w, y + h / 2
    ring = np.hypot(xs - hx, ys - hy)
    handle = (ring <= handle_r) & (ring >= handle_r * 0.55) & (xs >= hx)
    colour = np.array([40, 90, 200]) * rng.uniform(0.85, 1.1)
    shade = 0.75 + 0.5 * np.sin(np.pi * ((xs - x) / max(w, 1)).clip(0, 1))
    pixels = colour[None, None] * shade[..., None] + grain[..., None]
    image[body | handle] = pixels[body | handle].clip(0, 255)
    rim = body & (ys < y + max(2, h // 12))
    image[rim] = np.array([230, 230, 235])
    return [x, y, min(width, x + w + handle_r), y + h]


def photo(seed: int, width: int = 320, height: int = 240) -> tuple[Image.Image, list[Box]]:
    """One photo with one to three objects that do not overlap, and their boxes."""
    rng = np.random.default_rng(seed)
    image = background(rng, width, height)
    boxes: list[Box] = []
    for _ in range(int(rng.integers(1, 4))):
        kind = CLASSES[int(rng.integers(0, len(CLASSES)))]
        size = int(rng.integers(50, 110))
        for _attempt in range(20):
            x, y = int(rng.integers(0, width - size - size // 3)), int(rng.integers(0, height - size))
            if all(x + size * 1.1 < b.x1 or x > b.x2 or y + size < b.y1 or y > b.y2 for b in boxes):
                boxes.append(Box(*paste(rng, image, kind, x, y, size), kind))
                break
    return Image.fromarray(image.astype(np.uint8)), boxes


def labelled_set(count: int, seed: int = 0) -> LabelSet:
    """``count`` photos with their boxes, as the learner would have labelled them."""
    labels = LabelSet()
    for i in range(count):
        image, boxes = photo(seed * 1000 + i)
        labels.add(f"photo_{i:02d}.png", image).boxes.extend(boxes)
    return labels
