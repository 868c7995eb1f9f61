"""Shapes: a procedural image-classification dataset that works offline.

Each image is one shape (circle, square, … arrow) with random colour, size, position and rotation on a
random background (solid, gradient, noise or stripes) plus pixel noise. Image ``index`` of ``seed`` is
always the same picture, whatever batch it is rendered in, because every random draw for it comes from
its own generator seeded with ``(seed, index)``. Rendering is vectorised: each shape is a signed-distance
function evaluated with numpy over a whole batch of coordinate grids, antialiased by turning the distance
(in pixels) into a coverage between 0 and 1.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import torch

from lib.data.arrays import ImageArrays
from lib.errors import LessonError

Sdf = Callable[[np.ndarray, np.ndarray], np.ndarray]

BACKGROUNDS = ("solid", "gradient", "noise", "stripes")
NOISE_CELLS = 4  # the noise background is drawn on a (size / NOISE_CELLS)² grid and smoothly upsampled
BATCH = 1024  # images rendered at once: bounds memory at ~10 floats per pixel
MIN_SIZE, MAX_SIZE = 8, 256
RADIUS = (0.28, 0.44)  # shape radius as a fraction of the image side: small enough to vary, big enough to see
REACH = 1.5  # local radius beyond which no shape covers a pixel (shapes lie within 1.2)
PIXEL_NOISE = 0.04  # largest standard deviation of the per-pixel Gaussian noise (1.0 = full range)


def regular_polygon(sides: int, radius: float, inner: float | None = None) -> np.ndarray:
    """Vertices (K, 2) of a regular polygon, or of a star when ``inner`` (the inner radius) is given."""
    if inner is None:
        angles = np.arange(sides) * 2 * np.pi / sides - np.pi / 2
        return np.stack([radius * np.cos(angles), radius * np.sin(angles)], axis=1)
    angles = np.arange(2 * sides) * np.pi / sides - np.pi / 2
    radii = np.where(np.arange(2 * sides) % 2 == 0, radius, inner)
    return np.stack([radii * np.cos(angles), radii * np.sin(angles)], axis=1)


def polygon_sdf(u: np.ndarray, v: np.ndarray, vertices: np.ndarray) -> np.ndarray:
    """Signed distance from points ``(u, v)`` (any shape) to a simple polygon (K, 2): negative inside.

    Distance is the minimum over edges of the distance to the segment; the sign comes from the even-odd
    crossing test (a horizontal ray from the point crosses the boundary an odd number of times inside).
    """
    nearest = np.full(u.shape, np.inf, dtype=np.float32)
    inside = np.zeros(u.shape, dtype=bool)
    for (ax, ay), (bx, by) in zip(vertices, np.roll(vertices, -1, axis=0), strict=True):
        ex, ey = bx - ax, by - ay
        wx, wy = u - ax, v - ay
        t = np.clip((wx * ex + wy * ey) / (ex * ex + ey * ey), 0.0, 1.0)
        dx, dy = wx - ex * t, wy - ey * t
        np.minimum(nearest, dx * dx + dy * dy, out=nearest)
        if ey != 0:
            crosses = (ay > v) != (by > v)
            inside ^= crosses & (u < ax + (v - ay) * (ex / ey))
    return np.where(inside, -1.0, 1.0).astype(np.float32) * np.sqrt(nearest)


def box_sdf(u: np.ndarray, v: np.ndarray, half_w: float, half_h: float) -> np.ndarray:
    """Signed distance to an axis-aligned box centred at the origin."""
    qx, qy = np.abs(u) - half_w, np.abs(v) - half_h
    outside = np.hypot(np.maximum(qx, 0), np.maximum(qy, 0))
    return outside + np.minimum(np.maximum(qx, qy), 0)


TRIANGLE = regular_polygon(3, 1.0) + np.array([0.0, 0.2])  # moved down so its centroid is near the centre
HEXAGON = regular_polygon(6, 0.92)
STAR = regular_polygon(5, 1.0, inner=0.42)
DIAMOND = np.array([[0.0, -1.0], [0.55, 0.0], [0.0, 1.0], [-0.55, 0.0]])  # not a square: its sides differ
ARROW = np.array([[-0.9, -0.2], [0.1, -0.2], [0.1, -0.6], [0.9, 0.0], [0.1, 0.6], [0.1, 0.2], [-0.9, 0.2]])

# Each shape in local units: it fits in the unit disc, and the renderer scales it by the shape's radius.
SHAPES: dict[str, Sdf] = {
    "circle": lambda u, v: np.hypot(u, v) - 0.9,
    "square": lambda u, v: box_sdf(u, v, 0.72, 0.72),
    "triangle": lambda u, v: polygon_sdf(u, v, TRIANGLE),
    "star": lambda u, v: polygon_sdf(u, v, STAR),
    "cross": lambda u, v: np.minimum(box_sdf(u, v, 0.9, 0.27), box_sdf(u, v, 0.27, 0.9)),
    "ring": lambda u, v: np.abs(np.hypot(u, v) - 0.68) - 0.22,
    "hexagon": lambda u, v: polygon_sdf(u, v, HEXAGON),
    "diamond": lambda u, v: polygon_sdf(u, v, DIAMOND),
    "crescent": lambda u, v: np.maximum(np.hypot(u, v) - 0.9, 0.78 - np.hypot(u - 0.42, v)),
    "arrow": lambda u, v: polygon_sdf(u, v, ARROW),
}
CLASSES: tuple[str, ...] = tuple(SHAPES)


@dataclass
class Placement:
    """Where each of B shapes goes, in pixels: centre ``(cx, cy)``, radius, rotation (radians); all (B,)."""

    cx: np.ndarray
    cy: np.ndarray
    radius: np.ndarray
    angle: np.ndarray


def coverage(sdfs: Sequence[Sdf], place: Placement, size: int) -> np.ndarray:
    """How much of each pixel shape ``b`` covers, (B, size, size) float32 in [0, 1].

    The pixel grid is mapped into each shape's rotated, scaled local frame; the signed distance, converted
    back to pixels, becomes coverage ``clip(0.5 - d, 0, 1)``: a one-pixel antialiased edge. Distances are
    only computed within REACH of the centre (every shape lies inside radius 1.2), where coverage can be > 0.
    """
    grid = np.arange(size, dtype=np.float32) + 0.5
    x, y = grid[None, None, :], grid[None, :, None]
    cos = np.cos(place.angle).astype(np.float32)[:, None, None]
    sin = np.sin(place.angle).astype(np.float32)[:, None, None]
    radius = place.radius.astype(np.float32)[:, None, None]
    dx, dy = x - place.cx.astype(np.float32)[:, None, None], y - place.cy.astype(np.float32)[:, None, None]
    u, v = (dx * cos + dy * sin) / radius, (dy * cos - dx * sin) / radius
    near = u * u + v * v < REACH**2
    pixel_radius = np.broadcast_to(radius, u.shape)
    out = np.zeros((len(sdfs), size, size), dtype=np.float32)
    by_shape: dict[Sdf, list[int]] = {}
    for b, sdf in enumerate(sdfs):
        by_shape.setdefault(sdf, []).append(b)
    for sdf, rows in by_shape.items():
        mask = np.zeros(len(sdfs), dtype=bool)
        mask[rows] = True
        pick = near & mask[:, None, None]
        out[pick] = np.clip(0.5 - sdf(u[pick], v[pick]) * pixel_radius[pick], 0.0, 1.0)
    return out


def background(kind: np.ndarray, colors: np.ndarray, params: np.ndarray, noise: np.ndarray, size: int) -> np.ndarray:
    """Backgrounds (B, 3, size, size) in [0, 1], a blend of two colours by a per-kind pattern.

    ``kind`` (B,) indexes BACKGROUNDS; ``colors`` (B, 2, 3); ``params`` (B, 3) uniform numbers for direction,
    frequency and phase; ``noise`` (B, c, c) uniform numbers for the noise kind.
    """
    grid = (np.arange(size, dtype=np.float32) + 0.5) / size
    x, y = grid[None, None, :], grid[None, :, None]
    angle = (params[:, 0] * 2 * np.pi).astype(np.float32)[:, None, None]
    along = x * np.cos(angle) + y * np.sin(angle)  # position along a random direction
    mix = np.zeros((len(kind), size, size), dtype=np.float32)
    gradient = kind == BACKGROUNDS.index("gradient")
    mix[gradient] = (along[gradient] - along[gradient].min(axis=(1, 2), keepdims=True)) / 1.5
    noisy = kind == BACKGROUNDS.index("noise")
    if noisy.any():
        cells = torch.from_numpy(noise[noisy]).unsqueeze(1)
        smooth = torch.nn.functional.interpolate(cells, size=(size, size), mode="bicubic", align_corners=False)
        mix[noisy] = smooth.squeeze(1).clamp(0, 1).numpy()
    striped = kind == BACKGROUNDS.index("stripes")
    frequency = (3 + params[striped, 1] * 5).astype(np.float32)[:, None, None]  # stripes per image width
    phase = (params[striped, 2] * 2 * np.pi).astype(np.float32)[:, None, None]
    mix[striped] = 0.5 + 0.5 * np.sin(2 * np.pi * frequency * along[striped] + phase)
    low, high = colors[:, 0, :, None, None], colors[:, 1, :, None, None]
    return (low + (high - low) * mix[:, None]).astype(np.float32)


def contrasting_colors(first: np.ndarray, candidates: np.ndarray, min_distance: float = 0.45) -> np.ndarray:
    """For each first colour (B, 3) the first of its candidates (B, K, 3) at least ``min_distance`` away
    (failing that, the farthest corner of the colour cube): a shape colour that stands out. -> (B, 3)."""
    far = np.linalg.norm(candidates - first[:, None], axis=2) >= min_distance
    pick = candidates[np.arange(len(first)), far.argmax(axis=1)]
    return np.where(far.any(axis=1)[:, None], pick, np.round(1 - first))


COLOR_UNIFORMS = 3 + 8 * 3 + 3  # background colour, candidate shape colours, second-colour shift


@dataclass
class Draws:
    """Every random number of a batch of images, drawn image by image from generators seeded (seed, index),
    so an image never depends on which batch renders it."""

    colors: np.ndarray  # (B, 3, 3): background low, background high, shape
    scalars: np.ndarray  # (B, S) uniform numbers for the caller's geometry and style
    noise_cells: np.ndarray  # (B, c, c) uniform
    pixel_noise: np.ndarray  # (B, 3, size, size) standard normal


def draw(seed: int, indices: np.ndarray, size: int, scalars: int = 9, stream: tuple[int, ...] = ()) -> Draws:
    """The random numbers of images ``indices`` of ``seed`` at ``size`` pixels, ``scalars`` uniforms each.

    ``stream`` keeps datasets built on this renderer apart: image i of another stream is another picture.
    """
    cells = max(2, size // NOISE_CELLS)
    count = len(indices)
    uniforms = np.empty((count, COLOR_UNIFORMS + scalars))
    noise_cells = np.empty((count, cells, cells), dtype=np.float32)
    pixel_noise = np.empty((count, 3, size, size), dtype=np.float32)
    for b, index in enumerate(indices):
        rng = np.random.default_rng([seed, int(index), *stream])
        rng.random(out=uniforms[b])
        rng.random(out=noise_cells[b], dtype=np.float32)
        rng.standard_normal(out=pixel_noise[b], dtype=np.float32)
    low = uniforms[:, :3]
    shape = contrasting_colors(low, uniforms[:, 3:27].reshape(count, 8, 3))
    high = np.clip(low + 0.6 * uniforms[:, 27:30] - 0.3, 0, 1)  # a second background colour close to the first
    return Draws(np.stack([low, high, shape], axis=1), uniforms[:, COLOR_UNIFORMS:], noise_cells, pixel_noise)


def _render_batch(seed: int, indices: np.ndarray, size: int, names: Sequence[str]) -> np.ndarray:
    """Images (B, 3, size, size) uint8 for ``indices``; image i shows shape ``names[i % len(names)]``."""
    d = draw(seed, indices, size)
    s = d.scalars
    radius = size * (RADIUS[0] + (RADIUS[1] - RADIUS[0]) * s[:, 0])
    margin = 0.9 * radius  # a shape may touch the border but stays inside
    place = Placement(
        cx=margin + (size - 2 * margin) * s[:, 1],
        cy=margin + (size - 2 * margin) * s[:, 2],
        radius=radius,
        angle=2 * np.pi * s[:, 3],
    )
    sdfs = [SHAPES[names[int(i) % len(names)]] for i in indices]
    alpha = coverage(sdfs, place, size)[:, None] * (0.9 + 0.1 * s[:, 4, None, None, None]).astype(np.float32)
    kind = np.minimum((s[:, 5] * len(BACKGROUNDS)).astype(int), len(BACKGROUNDS) - 1)
    canvas = background(kind, d.colors[:, :2], s[:, 6:9], d.noise_cells, size)
    shape_color = d.colors[:, 2, :, None, None].astype(np.float32)
    canvas += (shape_color - canvas) * alpha
    sigma = (PIXEL_NOISE * s[:, 4]).astype(np.float32)[:, None, None, None]
    canvas += sigma * d.pixel_noise
    return np.clip(canvas * 255 + 0.5, 0, 255).astype(np.uint8)


def check_classes(classes: Sequence[str] | None, known: Sequence[str]) -> tuple[str, ...]:
    """The chosen class names (all of ``known`` if None); unknown names or fewer than two raise LessonError."""
    names = tuple(known) if classes is None else tuple(classes)
    unknown = [name for name in names if name not in known]
    if unknown:
        raise LessonError("data.error.unknown_classes", names=", ".join(unknown), known=", ".join(known))
    if len(set(names)) < 2 or len(set(names)) != len(names):
        raise LessonError("data.error.too_few_classes", count=len(set(names)))
    return names


def check_size(image_size: int) -> None:
    """Refuse image sizes the renderer cannot make sensibly (with a learner-facing message)."""
    if not MIN_SIZE <= image_size <= MAX_SIZE:
        raise LessonError("data.error.image_size", size=image_size, low=MIN_SIZE, high=MAX_SIZE)


def render(
    seed: int, index: int, image_size: int = 32, classes: Sequence[str] | None = None
) -> tuple[torch.Tensor, int]:
    """One Shapes image (3, H, W) uint8 and its label; the same as item ``index`` of ``make_shapes``."""
    names = check_classes(classes, CLASSES)
    check_size(image_size)
    image = _render_batch(seed, np.array([index]), image_size, names)[0]
    return torch.from_numpy(image), index % len(names)


def make_shapes(n: int, seed: int = 0, image_size: int = 32, classes: Sequence[str] | None = None) -> ImageArrays:
    """``n`` Shapes images (N, 3, S, S) uint8 with balanced labels (class ``i % len(classes)`` for image i).

    Deterministic from ``(seed, index)``; about 10,000 images at 32×32 per few seconds on one CPU core.
    """
    names = check_classes(classes, CLASSES)
    check_size(image_size)
    if n < 1:
        raise LessonError("data.error.count", count=n)
    images = np.empty((n, 3, image_size, image_size), dtype=np.uint8)
    for start in range(0, n, BATCH):
        indices = np.arange(start, min(n, start + BATCH))
        images[start : start + len(indices)] = _render_batch(seed, indices, image_size, names)
    labels = torch.arange(n, dtype=torch.int64) % len(names)
    return ImageArrays(torch.from_numpy(images), labels, names)


def preview_grid(arrays: ImageArrays, n: int = 40, columns: int = 10, upscale: int = 2, gap: int = 2) -> np.ndarray:
    """The first ``n`` images tiled ``columns`` wide as one (H, W, 3) uint8 array, ready for ``st.image``.

    Images are enlarged ``upscale``× by pixel repetition so small pictures stay crisp; 1-channel images are
    shown in grey; tiles are separated by ``gap`` white pixels.
    """
    images = arrays.images[:n]
    if images.shape[1] == 1:
        images = images.expand(-1, 3, -1, -1)
    images = images.repeat_interleave(upscale, dim=2).repeat_interleave(upscale, dim=3)
    count, _, height, width = images.shape
    rows = -(-count // columns)
    cols = min(columns, count)
    grid = np.full((rows * (height + gap) - gap, cols * (width + gap) - gap, 3), 255, dtype=np.uint8)
    for i, image in enumerate(images.permute(0, 2, 3, 1).numpy()):
        top, left = (i // columns) * (height + gap), (i % columns) * (width + gap)
        grid[top : top + height, left : left + width] = image
    return grid


def first_per_class(arrays: ImageArrays, k: int) -> ImageArrays:
    """The first ``k`` examples of every class, class by class: ``preview_grid(.., columns=k)`` shows a class per row."""
    picks = [torch.nonzero(arrays.labels == label).flatten()[:k] for label in range(len(arrays.classes))]
    return arrays.subset(torch.cat(picks))
