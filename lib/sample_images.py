"""Built-in sample images drawn by code, so image lessons work offline and without uploads.

Each one is chosen to make a kernel's effect visible: edges in several directions, fine texture,
smooth gradients and colour.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

SIZE = 256


def shapes(size: int = SIZE) -> Image.Image:
    """Coloured square, disc, triangle and bars on a soft gradient: straight, curved and slanted edges."""
    ramp = np.linspace(40, 200, size, dtype=np.float32)
    background = np.stack([ramp[None, :].repeat(size, 0), ramp[:, None].repeat(size, 1), np.full((size, size), 120.0)])
    image = Image.fromarray(background.transpose(1, 2, 0).astype(np.uint8), "RGB")
    draw = ImageDraw.Draw(image)
    s = size / 256
    draw.rectangle([24 * s, 24 * s, 104 * s, 104 * s], fill=(230, 60, 50))
    draw.ellipse([140 * s, 28 * s, 228 * s, 116 * s], fill=(250, 220, 60))
    draw.polygon([(40 * s, 228 * s), (120 * s, 228 * s), (80 * s, 140 * s)], fill=(40, 90, 220))
    for k in range(5):
        x = (150 + 16 * k) * s
        draw.rectangle([x, 150 * s, x + 7 * s, 228 * s], fill=(20, 20, 20))
    return image


def checkerboard(size: int = SIZE, cells: int = 8) -> Image.Image:
    """Black and white squares: only horizontal and vertical edges, so the two edge kernels split them."""
    index = np.arange(size) * cells // size
    board = ((index[:, None] + index[None, :]) % 2 * 255).astype(np.uint8)
    return Image.fromarray(board, "L").convert("RGB")


def rings(size: int = SIZE) -> Image.Image:
    """Concentric rings whose spacing shrinks outwards: edges in every direction and every frequency."""
    axis = np.linspace(-1, 1, size, dtype=np.float32)
    radius = np.hypot(axis[None, :], axis[:, None])
    wave = 0.5 + 0.5 * np.cos(40 * radius**2)
    return Image.fromarray((wave * 255).astype(np.uint8), "L").convert("RGB")


def landscape(size: int = SIZE) -> Image.Image:
    """A little scene (sky, sun, hills, house) with a slight blur, closer to a photo than pure geometry."""
    image = Image.new("RGB", (size, size), (135, 190, 235))
    draw = ImageDraw.Draw(image)
    s = size / 256
    draw.ellipse([180 * s, 20 * s, 230 * s, 70 * s], fill=(255, 210, 80))
    draw.ellipse([-60 * s, 150 * s, 180 * s, 330 * s], fill=(70, 150, 70))
    draw.ellipse([100 * s, 170 * s, 330 * s, 340 * s], fill=(50, 120, 55))
    draw.rectangle([60 * s, 120 * s, 130 * s, 190 * s], fill=(200, 170, 130))
    draw.polygon([(50 * s, 122 * s), (140 * s, 122 * s), (95 * s, 80 * s)], fill=(150, 50, 40))
    draw.rectangle([85 * s, 155 * s, 105 * s, 190 * s], fill=(90, 60, 40))
    return image.filter(ImageFilter.GaussianBlur(radius=1))


SAMPLES: dict[str, Callable[[int], Image.Image]] = {
    "shapes": shapes,
    "checkerboard": checkerboard,
    "rings": rings,
    "landscape": landscape,
}


def sample_image(name: str, size: int = SIZE) -> Image.Image:
    """The built-in sample ``name`` (a key of ``SAMPLES``) as a size×size RGB image."""
    return SAMPLES[name](size)
