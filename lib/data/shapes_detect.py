"""Shapes-Detect: a procedural object-detection dataset that works offline.

Each image holds 1–4 shapes (circle, square, triangle, star) of varied size, colour and rotation on a
varied background (solid, gradient, noise, stripes); shapes may partly overlap (later ones are drawn on
top). Labels are rows ``[class, x1, y1, x2, y2]`` normalised to [0, 1], padded with -1 to 4 rows; a box is
the tight box around the shape's own pixels, so it is right whatever the rotation. Image ``index`` of
``seed`` is always the same, because its random numbers come from a generator seeded ``(seed, index)``.
Rendering reuses the Shapes dataset's vectorised signed-distance renderer.
"""

from __future__ import annotations

import numpy as np
import torch

from lib.data.arrays import ImageArrays
from lib.data.shapes import BACKGROUNDS, SHAPES, Placement, background, coverage
from lib.errors import LessonError

CLASSES: tuple[str, ...] = ("circle", "square", "triangle", "star")
MAX_OBJECTS = 4
IMAGE_SIZE = 256
MIN_IMAGE_SIZE, MAX_IMAGE_SIZE = 64, 512
RADIUS = (0.09, 0.22)  # shape radius as a fraction of the image side: boxes are about 0.16–0.4 of the side
MIN_SPACING = 0.75  # centres at least this × (r1 + r2) apart: overlaps stay partial
TRIES = 30
BATCH = 256
SALT = 7  # keeps these draws apart from the classification Shapes dataset with the same seed


def _palette(rng: np.random.Generator, n: int, min_distance: float = 0.45) -> np.ndarray:
    """``n`` RGB colours (n, 3) in [0, 1]: a background colour, then object colours at least ``min_distance`` from it."""
    colors = [rng.random(3)]
    while len(colors) < n:
        candidate = rng.random(3)
        if np.linalg.norm(candidate - colors[0]) >= min_distance:
            colors.append(candidate)
    return np.stack(colors)


def _layout(rng: np.random.Generator, size: int) -> list[tuple[int, float, float, float, float]]:
    """(class, cx, cy, radius, angle) in pixels for 1–4 shapes that overlap only partly and stay in frame."""
    wanted = int(rng.integers(1, MAX_OBJECTS + 1))
    objects: list[tuple[int, float, float, float, float]] = []
    for _ in range(TRIES):
        if len(objects) == wanted:
            break
        radius = size * rng.uniform(*RADIUS)
        cx, cy = rng.uniform(radius, size - radius, 2)
        if all(np.hypot(cx - ox, cy - oy) >= MIN_SPACING * (radius + orad) for _, ox, oy, orad, _ in objects):
            objects.append((int(rng.integers(len(CLASSES))), cx, cy, radius, rng.uniform(0, 2 * np.pi)))
    return objects


def _render_batch(seed: int, indices: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Images (B, 3, S, S) uint8 and labels (B, 4, 5) float32 for ``indices``."""
    count = len(indices)
    labels = np.full((count, MAX_OBJECTS, 5), -1.0, dtype=np.float32)
    layouts, colors, scalars, cells, noise = [], [], [], [], []
    cell_count = max(2, size // 4)
    for index in indices:
        rng = np.random.default_rng([seed, int(index), SALT])
        layout = _layout(rng, size)
        palette = _palette(rng, 1 + len(layout))
        low = palette[0]
        high = np.clip(low + rng.uniform(-0.3, 0.3, 3), 0, 1)
        layouts.append(layout)
        colors.append((np.stack([low, high]), palette[1:]))
        scalars.append(rng.random(5))
        cells.append(rng.random((cell_count, cell_count), dtype=np.float32))
        noise.append(rng.standard_normal((3, size, size), dtype=np.float32))
    s = np.stack(scalars)
    kind = np.minimum((s[:, 0] * len(BACKGROUNDS)).astype(int), len(BACKGROUNDS) - 1)
    canvas = background(kind, np.stack([c[0] for c in colors]), s[:, 1:4], np.stack(cells), size)
    owner = [b for b, layout in enumerate(layouts) for _ in layout]
    flat = [obj for layout in layouts for obj in layout]
    place = Placement(
        cx=np.array([o[1] for o in flat]),
        cy=np.array([o[2] for o in flat]),
        radius=np.array([o[3] for o in flat]),
        angle=np.array([o[4] for o in flat]),
    )
    alphas = coverage([SHAPES[CLASSES[o[0]]] for o in flat], place, size)
    slot = [0] * count
    for alpha, b, obj in zip(alphas, owner, flat, strict=True):
        k = slot[b]
        color = colors[b][1][k].astype(np.float32)[:, None, None]
        canvas[b] += (color - canvas[b]) * alpha[None]
        ys, xs = np.nonzero(alpha > 0.5)
        labels[b, k] = [obj[0], xs.min() / size, ys.min() / size, (xs.max() + 1) / size, (ys.max() + 1) / size]
        slot[b] += 1
    canvas += (0.04 * s[:, 4]).astype(np.float32)[:, None, None, None] * np.stack(noise)
    return np.clip(canvas * 255 + 0.5, 0, 255).astype(np.uint8), labels


def check_size(image_size: int) -> None:
    """Refuse image sizes the renderer cannot make sensibly (with a learner-facing message)."""
    if not MIN_IMAGE_SIZE <= image_size <= MAX_IMAGE_SIZE:
        raise LessonError("detection.error.image_size", size=image_size, low=MIN_IMAGE_SIZE, high=MAX_IMAGE_SIZE)


def render(seed: int, index: int, image_size: int = IMAGE_SIZE) -> tuple[torch.Tensor, torch.Tensor]:
    """One Shapes-Detect image (3, S, S) uint8 and its labels (4, 5); the same as item ``index`` of the dataset."""
    check_size(image_size)
    images, labels = _render_batch(seed, np.array([index]), image_size)
    return torch.from_numpy(images[0]), torch.from_numpy(labels[0])


def make_shapes_detect(n: int, seed: int = 0, image_size: int = IMAGE_SIZE, start: int = 0) -> ImageArrays:
    """Images ``start .. start+n-1`` of Shapes-Detect: uint8 (N, 3, S, S) and labels (N, 4, 5)."""
    check_size(image_size)
    if n < 1:
        raise LessonError("detection.error.count", count=n)
    images = np.empty((n, 3, image_size, image_size), dtype=np.uint8)
    labels = np.empty((n, MAX_OBJECTS, 5), dtype=np.float32)
    for first in range(0, n, BATCH):
        indices = np.arange(start + first, start + min(n, first + BATCH))
        images[first : first + len(indices)], labels[first : first + len(indices)] = _render_batch(
            seed, indices, image_size
        )
    return ImageArrays(torch.from_numpy(images), torch.from_numpy(labels), CLASSES)


def class_examples(seed: int = 2026, image_size: int = IMAGE_SIZE, margin: float = 0.03) -> list[torch.Tensor]:
    """One example crop (3, h, w) uint8 per class, in ``CLASSES`` order: what a detector trained here knows.

    Each crop is the first object of that class in scenes ``0, 1, …`` of ``seed``, with a small margin.
    """
    crops: dict[int, torch.Tensor] = {}
    index = 0
    while len(crops) < len(CLASSES):
        image, labels = render(seed, index, image_size)
        for row in labels[labels[:, 0] >= 0].tolist():
            cls = int(row[0])
            if cls in crops:
                continue
            x1, y1, x2, y2 = (min(max(v + d, 0.0), 1.0) for v, d in zip(row[1:], (-margin, -margin, margin, margin)))
            crops[cls] = image[
                :, int(y1 * image_size) : int(y2 * image_size), int(x1 * image_size) : int(x2 * image_size)
            ]
        index += 1
    return [crops[c] for c in range(len(CLASSES))]
