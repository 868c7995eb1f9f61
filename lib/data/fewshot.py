"""Data for the fine-tuning lesson: a rich Shapes variant to pretrain on and a few-shot task that differs.

Pretraining ("Shapes-Rich", 64×64 by default): each picture holds one large shape from Shapes' ten
classes, filled with a texture (flat, stripes, checker or dots), in front of up to two smaller distractor
shapes on a busy background; the label is the large shape. Learning it needs features for edges, corners,
curvature and size that ignore colour, texture and clutter — what a new shape task needs too.

Few-shot target: six shape families Shapes never shows (heart, pentagon, ellipse, L-shape, semicircle,
trapezoid) in the same style, with 10–30 training images per class. Training and validation images come
from separate random streams, so they never repeat each other.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import torch

from lib.data.arrays import ImageArrays
from lib.data.shapes import (
    BACKGROUNDS,
    CLASSES,
    SHAPES,
    Placement,
    Sdf,
    background,
    check_size,
    coverage,
    draw,
    polygon_sdf,
    regular_polygon,
)
from lib.errors import LessonError


def _heart(points: int = 32) -> np.ndarray:
    """The classic parametric heart curve as a polygon, scaled into the unit disc, point up-side down."""
    t = np.linspace(0, 2 * np.pi, points, endpoint=False)
    x = 16 * np.sin(t) ** 3
    y = -(13 * np.cos(t) - 5 * np.cos(2 * t) - 2 * np.cos(3 * t) - np.cos(4 * t))
    outline = np.stack([x, y + 2.5], axis=1)
    return outline / np.abs(outline).max() * 0.95


HEART = _heart()
PENTAGON = regular_polygon(5, 0.95) + np.array([0.0, 0.1])
L_SHAPE = np.array([[-0.65, -0.9], [-0.15, -0.9], [-0.15, 0.4], [0.75, 0.4], [0.75, 0.9], [-0.65, 0.9]])
TRAPEZOID = np.array([[-0.95, 0.5], [0.95, 0.5], [0.45, -0.5], [-0.45, -0.5]])

TARGET_SHAPES: dict[str, Sdf] = {
    "heart": lambda u, v: polygon_sdf(u, v, HEART),
    "pentagon": lambda u, v: polygon_sdf(u, v, PENTAGON),
    "ellipse": lambda u, v: (np.hypot(u / 0.95, v / 0.5) - 1) * 0.5,
    "l_shape": lambda u, v: polygon_sdf(u, v, L_SHAPE),
    "semicircle": lambda u, v: np.maximum(np.hypot(u, v - 0.4) - 0.95, v - 0.4),
    "trapezoid": lambda u, v: polygon_sdf(u, v, TRAPEZOID),
}
TARGET_CLASSES: tuple[str, ...] = tuple(TARGET_SHAPES)
TEXTURES = ("flat", "stripes", "checker", "dots")

PRETRAIN_STREAM, TRAIN_STREAM, VALIDATION_STREAM = (1,), (2,), (3,)
DISTRACTOR_UNIFORMS = 9  # present, class, x, y, radius, angle, RGB
MAIN_UNIFORMS = 16  # radius, x, y, angle, noise, 4 background, 4 texture, 3 second-colour shift
MAX_FEW_SHOT = 200


def texture(kind: np.ndarray, params: np.ndarray, size: int) -> np.ndarray:
    """Fill patterns (B, size, size) in [0, 1] for each ``kind`` (index into TEXTURES).

    ``params`` (B, 3) are uniforms for frequency, angle and phase; patterns live in a rotated frame.
    """
    grid = (np.arange(size, dtype=np.float32) + 0.5) / size
    x, y = grid[None, None, :], grid[None, :, None]
    angle = (params[:, 1] * np.pi).astype(np.float32)[:, None, None]
    frequency = (4 + params[:, 0] * 6).astype(np.float32)[:, None, None]
    phase = params[:, 2].astype(np.float32)[:, None, None]
    a = (x * np.cos(angle) + y * np.sin(angle)) * frequency + phase
    b = (y * np.cos(angle) - x * np.sin(angle)) * frequency + phase
    patterns = {
        "flat": lambda: np.zeros_like(a),
        "stripes": lambda: 0.5 + 0.5 * np.sin(2 * np.pi * a),
        "checker": lambda: 0.5 + 0.5 * np.tanh(4 * np.sin(2 * np.pi * a) * np.sin(2 * np.pi * b)),
        "dots": lambda: np.clip((0.3 - np.hypot(a % 1 - 0.5, b % 1 - 0.5)) * 12, 0, 1),
    }
    out = np.empty((len(kind), size, size), dtype=np.float32)
    for i, name in enumerate(TEXTURES):
        rows = kind == i
        if rows.any():
            out[rows] = np.broadcast_to(patterns[name](), (len(kind), size, size))[rows]
    return out


def _choose(uniform: np.ndarray, count: int) -> np.ndarray:
    """Uniform numbers in [0, 1) turned into indices in [0, count)."""
    return np.minimum((uniform * count).astype(int), count - 1)


def _render_scenes(
    seed: int, indices: np.ndarray, size: int, main: Sequence[Sdf], stream: tuple[int, ...], distractors: int
) -> np.ndarray:
    """Scenes (B, 3, size, size) uint8: a large textured shape ``main[b]`` in front of smaller distractors."""
    d = draw(seed, indices, size, scalars=MAIN_UNIFORMS + distractors * DISTRACTOR_UNIFORMS, stream=stream)
    s, count = d.scalars, len(indices)
    canvas = background(_choose(s[:, 5], len(BACKGROUNDS)), d.colors[:, :2], s[:, 6:9], d.noise_cells, size)
    radius = size * (0.25 + 0.15 * s[:, 0])
    margin = 0.85 * radius
    for k in range(distractors):
        u = s[:, MAIN_UNIFORMS + k * DISTRACTOR_UNIFORMS : MAIN_UNIFORMS + (k + 1) * DISTRACTOR_UNIFORMS]
        rows = np.flatnonzero(u[:, 0] < 0.5)
        if not len(rows):
            continue
        small = radius[rows] * (0.25 + 0.2 * u[rows, 4])  # under half the labelled shape's size
        place = Placement(
            cx=small + (size - 2 * small) * u[rows, 2],
            cy=small + (size - 2 * small) * u[rows, 3],
            radius=small,
            angle=2 * np.pi * u[rows, 5],
        )
        sdfs = [SHAPES[CLASSES[c]] for c in _choose(u[rows, 1], len(CLASSES))]
        alpha = coverage(sdfs, place, size)[:, None]
        canvas[rows] += (u[rows, 6:9, None, None].astype(np.float32) - canvas[rows]) * alpha
    place = Placement(
        cx=margin + (size - 2 * margin) * s[:, 1],
        cy=margin + (size - 2 * margin) * s[:, 2],
        radius=radius,
        angle=2 * np.pi * s[:, 3],
    )
    alpha = coverage(list(main), place, size)[:, None]
    first = d.colors[:, 2]
    second = np.clip(first + 0.4 * s[:, 13:16] - 0.2, 0, 1)  # a texture close in colour keeps the outline clear
    mix = texture(_choose(s[:, 9], len(TEXTURES)), s[:, 10:13], size)[:, None]
    fill = (first[:, :, None, None] + (second - first)[:, :, None, None] * mix).astype(np.float32)
    canvas += (fill - canvas) * alpha
    canvas += (0.05 * s[:, 4]).astype(np.float32).reshape(count, 1, 1, 1) * d.pixel_noise
    return np.clip(canvas * 255 + 0.5, 0, 255).astype(np.uint8)


def _batch_size(size: int) -> int:
    """Images rendered at once: about a million pixels, which bounds memory at any image size."""
    return max(1, 2**20 // (size * size))


def _make(
    labels: np.ndarray, seed: int, size: int, shapes: dict[str, Sdf], stream: tuple[int, ...], distractors: int
) -> ImageArrays:
    """Render one scene per label (indices 0..N-1 of ``stream``) in batches; labels index ``shapes``."""
    check_size(size)
    names = tuple(shapes)
    images = np.empty((len(labels), 3, size, size), dtype=np.uint8)
    batch = _batch_size(size)
    for start in range(0, len(labels), batch):
        indices = np.arange(start, min(len(labels), start + batch))
        sdfs = [shapes[names[label]] for label in labels[indices]]
        images[indices] = _render_scenes(seed, indices, size, sdfs, stream, distractors)
    return ImageArrays(torch.from_numpy(images), torch.from_numpy(labels.astype(np.int64)), names)


def make_pretraining(n: int, seed: int = 0, image_size: int = 64) -> ImageArrays:
    """``n`` Shapes-Rich scenes (N, 3, S, S) uint8 labelled by their large shape (Shapes' ten classes, balanced)."""
    if n < 1:
        raise LessonError("data.error.count", count=n)
    return _make(np.arange(n) % len(CLASSES), seed, image_size, SHAPES, PRETRAIN_STREAM, distractors=2)


def _few_shot_labels(n_per_class: int) -> np.ndarray:
    if not 1 <= n_per_class <= MAX_FEW_SHOT:
        raise LessonError("data.error.per_class", count=n_per_class, high=MAX_FEW_SHOT)
    return np.arange(n_per_class * len(TARGET_CLASSES)) % len(TARGET_CLASSES)


def make_fewshot_task(n_per_class: int = 20, seed: int = 0, image_size: int = 64) -> ImageArrays:
    """The few-shot training set: ``n_per_class`` images of each of TARGET_CLASSES (new shapes, same style)."""
    labels = _few_shot_labels(n_per_class)
    return _make(labels, seed, image_size, TARGET_SHAPES, TRAIN_STREAM, distractors=1)


def make_fewshot_validation(n_per_class: int = 50, seed: int = 0, image_size: int = 64) -> ImageArrays:
    """Held-out images of the few-shot task, from another random stream than ``make_fewshot_task``'s."""
    labels = _few_shot_labels(n_per_class)
    return _make(labels, seed, image_size, TARGET_SHAPES, VALIDATION_STREAM, distractors=1)
