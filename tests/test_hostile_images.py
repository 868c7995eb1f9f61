"""Every image in the hostile corpus through ``lib.images.load_image``: a clear ``LessonError`` or a correct RGB image."""

from __future__ import annotations

import io
import threading
import time
import tracemalloc
import warnings
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from lib.errors import LessonError
from lib.finetune_data import STORE_SIZE, decode_uploads
from lib.i18n import LANGUAGES
from lib.images import MAX_SIDE, jpeg_scans, load_image
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
REFUSALS |= {"repeated_scans.jpg": "image.error.too_many_scans"}  # small but slow (issue 14)
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
    assert _load(hostile_images, "extreme_aspect.png").shape == (1, MAX_SIDE, 3)
    assert np.asarray(load_image(hostile_images["extreme_aspect.png"].read_bytes(), max_side=None)).shape == (
        1,
        4000,
        3,
    )
    gray = _load(hostile_images, "grayscale.jpg")
    assert np.array_equal(gray[..., 0], gray[..., 2])


# ---------------------------------------------------------------- decode cost (issue 14)


def _jpeg(size: tuple[int, int], **options: object) -> bytes:
    buffer = io.BytesIO()
    corpus.photo(*size).save(buffer, "JPEG", **options)
    return buffer.getvalue()


def test_scans_are_counted_from_the_markers(hostile_images: dict[str, Path]) -> None:
    assert jpeg_scans(_jpeg((64, 48))) == 1
    assert jpeg_scans(_jpeg((64, 48), progressive=True)) == 10
    assert jpeg_scans(hostile_images["repeated_scans.jpg"].read_bytes()) == 10 + corpus.SCANS_REPEATED
    assert jpeg_scans(hostile_images["valid.png"].read_bytes()) == 0


def test_a_many_pixel_image_comes_back_reduced_to_what_pages_use(hostile_images: dict[str, Path]) -> None:
    image = load_image(hostile_images["flat_39mpx.png"].read_bytes())
    assert max(image.size) == MAX_SIDE
    assert image.info["source_size"] == corpus.FLAT_39MPX


def test_large_jpegs_are_decoded_reduced_with_the_right_pixels() -> None:
    data = _jpeg((3000, 2000), quality=95)
    reduced = load_image(data, max_side=300)
    assert reduced.size == (300, 200)
    full = load_image(data, max_side=None).resize((300, 200), Image.Resampling.BOX)
    assert np.abs(np.asarray(reduced, dtype=int) - np.asarray(full, dtype=int)).mean() < 8


def test_a_decode_past_its_deadline_is_killed_and_the_pool_recovers() -> None:
    slow = _jpeg((2000, 2000), progressive=True)
    with pytest.raises(LessonError) as refused:
        load_image(slow, max_side=None, seconds=0.001)
    assert refused.value.key == "image.error.too_slow"
    assert load_image(slow, max_side=100).size == (100, 100)


def test_a_set_stop_event_ends_the_decode() -> None:
    stop = threading.Event()
    stop.set()
    with pytest.raises(LessonError) as refused:
        load_image(_jpeg((2000, 2000), progressive=True), stop=stop)
    assert refused.value.key == "image.error.stopped"


def test_photos_added_together_share_one_pixel_budget(hostile_images: dict[str, Path]) -> None:
    flat = hostile_images["flat_39mpx.png"].read_bytes()
    small = hostile_images["valid.png"].read_bytes()
    good, bad = decode_uploads([("a.png", flat), ("b.png", flat), ("c.png", small)], max_total_pixels=50_000_000)
    assert [tuple(image.shape) for image in good] == [(3, STORE_SIZE, STORE_SIZE)] * 2
    assert [(name, error.key) for name, error in bad] == [("b.png", "image.error.batch_pixels")]
