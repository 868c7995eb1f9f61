"""Decode untrusted image uploads safely: size caps, a decompression-bomb guard, EXIF orientation,
and every mode (16-bit, CMYK, palette, alpha, animated) turned into plain 8-bit RGB."""

from __future__ import annotations

import io
import warnings

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from lib.errors import LessonError

MAX_FILE_BYTES = 25 * 1024 * 1024
MAX_PIXELS = 40_000_000
READABLE_FORMATS = ("JPEG", "PNG", "GIF", "BMP", "WEBP", "TIFF")


def _open(data: bytes, max_pixels: int) -> Image.Image:
    """Open (header only) and refuse images whose pixel count would be a memory bomb."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=READABLE_FORMATS)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as bomb:
            raise LessonError("image.error.bomb", limit_mp=max_pixels // 1_000_000) from bomb
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            raise LessonError("image.error.not_image") from error
    width, height = image.size
    if width * height > max_pixels:
        raise LessonError("image.error.too_many_pixels", width=width, height=height, limit_mp=max_pixels // 1_000_000)
    return image


def _to_rgb(image: Image.Image) -> Image.Image:
    """8-bit RGB whatever the mode; transparency is composited onto white, 16-bit is rescaled."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        values = np.asarray(image, dtype=np.float64)
        low, high = float(values.min()), float(values.max())
        scaled = (values - low) / (high - low) * 255.0 if high > low else np.zeros_like(values)
        return Image.fromarray(scaled.astype(np.uint8), "L").convert("RGB")
    if image.mode == "P" and "transparency" in image.info:
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "PA"):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return image.convert("RGB")


def load_image(data: bytes, *, max_pixels: int = MAX_PIXELS, max_bytes: int = MAX_FILE_BYTES) -> Image.Image:
    """Decode upload ``data`` into an upright 8-bit RGB image (first frame if animated).

    Raises ``LessonError`` (a ValueError) with a clear sentence for empty, oversized, non-image,
    bomb-sized or corrupt input.
    """
    if not data:
        raise LessonError("image.error.empty")
    if len(data) > max_bytes:
        raise LessonError("image.error.too_big_file", size_mb=len(data) / 2**20, limit_mb=max_bytes // 2**20)
    image = _open(data, max_pixels)
    try:
        image.seek(0)
        image.load()
        image = ImageOps.exif_transpose(image)
        return _to_rgb(image)
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise LessonError("image.error.corrupt", detail=str(error) or type(error).__name__) from error


def fit_within(image: Image.Image, max_side: int) -> tuple[Image.Image, float]:
    """Downscale so the longer side is at most ``max_side``; returns the image and the scale applied (≤ 1)."""
    longer = max(image.size)
    if longer <= max_side:
        return image, 1.0
    scale = max_side / longer
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.BILINEAR), scale
