"""Every image in the hostile corpus through ``lib.images.load_image``: a clear ``LessonError`` or a correct RGB image."""

from __future__ import annotations

import time
import tracemalloc
import warnings
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from lib.errors import LessonError
from lib.i18n import LANGUAGES
from lib.images import load_image
from scripts import make_hostile_corpus as corpus

pytest_plugins = ("tests.fixtures.hostile",)

# The error each refused file must give: the learner reads a specific reason, not a generic failure.
REFUSALS = {
    "truncated.jpg": "image.error.corrupt",
    "truncated.png": "image.error.corrupt",
    "text.png": "image.error.not_image",
    "html.jpg": "image.error.not_image",
    "zero_bytes.png": "image.error.empty",
    "bomb.png": "image.error.bomb",
    "bomb_48mpx.png": "image.error.too_many_pixels",
    "oversized_file.jpg": "image.error.too_big_file",
}
WHITE, RED, BLUE = (255, 255, 255), (255, 0, 0), (0, 0, 255)


def _load(files: dict[str, Path], name: str) -> np.ndarray:
    image = load_image(files[name].read_bytes())
    assert isinstance(image, Image.Image)
    assert image.mode == "RGB"
    return np.asarray(image).astype(int)


def _close(pixel: np.ndarray, expected: tuple[int, int, int], tolerance: int = 12) -> bool:
    return bool(np.all(np.abs(pixel - np.array(expected)) <= tolerance))


def test_the_table_covers_every_image_in_the_corpus() -> None:
    accepted = set(corpus.names("image", acceptable=True))
    refused = set(corpus.names("image", acceptable=False))
    assert refused == set(REFUSALS)
    assert accepted.isdisjoint(refused)


@pytest.mark.parametrize("name", corpus.names("image"))
def test_every_image_gives_rgb_or_a_clear_lesson_error(hostile_images: dict[str, Path], name: str) -> None:
    data = hostile_images[name].read_bytes()
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        if name in REFUSALS:
            with pytest.raises(LessonError) as refused:
                load_image(data)
            assert refused.value.key == REFUSALS[name]
            for lang in LANGUAGES:
                text = refused.value.localized(lang)
                assert text and "{" not in text, f"{lang} message not filled in: {text!r}"
        else:
            image = load_image(data)
            assert image.mode == "RGB"
            assert min(image.size) >= 1


def test_refused_errors_are_value_errors_pages_can_show(hostile_images: dict[str, Path]) -> None:
    with pytest.raises(ValueError, match=r"\S"):
        load_image(hostile_images["text.png"].read_bytes())


def test_decompression_bombs_are_refused_quickly_without_decoding(hostile_images: dict[str, Path]) -> None:
    for name in ("bomb.png", "bomb_48mpx.png"):
        data = hostile_images[name].read_bytes()
        assert len(data) < 10_000, "the bomb must be a tiny file"
        tracemalloc.start()
        started = time.perf_counter()
        with pytest.raises(LessonError):
            load_image(data)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert elapsed < 1.0, f"{name} took {elapsed:.2f}s: it was decoded"
        assert peak < 20 * 2**20, f"{name} allocated {peak / 2**20:.0f} MiB"


def test_bomb_message_names_the_real_size(hostile_images: dict[str, Path]) -> None:
    with pytest.raises(LessonError) as refused:
        load_image(hostile_images["bomb_48mpx.png"].read_bytes())
    width, height = corpus.MID_BOMB_SIZE
    assert refused.value.params["width"] == width
    assert refused.value.params["height"] == height


def test_png_renamed_jpg_decodes_by_content(hostile_images: dict[str, Path]) -> None:
    assert np.array_equal(_load(hostile_images, "png_renamed.jpg"), _load(hostile_images, "valid.png"))


def test_valid_images_keep_their_size(hostile_images: dict[str, Path]) -> None:
    assert _load(hostile_images, "valid.jpg").shape == (48, 64, 3)
    assert _load(hostile_images, "valid.png").shape == (48, 64, 3)


def test_exif_orientation_is_applied(hostile_images: dict[str, Path]) -> None:
    # Stored 80x40 with red on the left; Orientation 6 means "turn 90° clockwise": upright it is 40x80, red on top.
    pixels = _load(hostile_images, "exif_rotated.jpg")
    assert pixels.shape == (80, 40, 3)
    assert _close(pixels[10, 20], RED, 40)
    assert _close(pixels[70, 20], BLUE, 40)


def test_palette_transparency_is_composited_on_white(hostile_images: dict[str, Path]) -> None:
    pixels = _load(hostile_images, "palette_transparent.png")
    assert pixels.shape == (20, 40, 3)
    assert _close(pixels[10, 5], WHITE, 0), "transparent palette entry must become white, not black"
    assert _close(pixels[10, 35], BLUE, 0)


def test_alpha_is_composited_on_white(hostile_images: dict[str, Path]) -> None:
    pixels = _load(hostile_images, "rgba.png")
    assert _close(pixels[2, 2], WHITE, 0), "fully transparent green must vanish"
    assert _close(pixels[15, 2], RED, 0)


def test_16_bit_is_scaled_to_the_full_8_bit_range(hostile_images: dict[str, Path]) -> None:
    pixels = _load(hostile_images, "gray16.png")
    assert pixels.shape == (32, 64, 3)
    row = pixels[0, :, 0]
    assert row[0] == 0 and row[-1] == 255, "1000..61000 must stretch to 0..255, not clip or truncate"
    assert np.all(np.diff(row) >= 0), "the ramp must stay monotone"
    assert len(np.unique(row)) > 32, "16-bit detail must survive as distinct 8-bit levels"
    assert np.array_equal(pixels[..., 0], pixels[..., 1]) and np.array_equal(pixels[..., 1], pixels[..., 2])


def test_cmyk_is_converted_to_rgb_colours(hostile_images: dict[str, Path]) -> None:
    pixels = _load(hostile_images, "cmyk.jpg")
    assert _close(pixels.reshape(-1, 3).mean(axis=0), RED, 20)


def test_animated_gif_gives_the_first_frame(hostile_images: dict[str, Path]) -> None:
    pixels = _load(hostile_images, "animated.gif")
    assert pixels.shape == (24, 24, 3)
    assert _close(pixels.reshape(-1, 3).mean(axis=0), RED, 5)


def test_degenerate_but_legal_images_decode(hostile_images: dict[str, Path]) -> None:
    assert _load(hostile_images, "one_pixel.png").tolist() == [[[10, 20, 30]]]
    assert _load(hostile_images, "extreme_aspect.png").shape == (1, 4000, 3)
    gray = _load(hostile_images, "grayscale.jpg")
    assert np.array_equal(gray[..., 0], gray[..., 2])
