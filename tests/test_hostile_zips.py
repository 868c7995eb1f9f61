"""Every zip in the hostile corpus through ``lib.data.imagefolder_zip``: refused clearly, or loaded with bad members
skipped; never extracted, never slow or memory-hungry, never writing a file anywhere."""

from __future__ import annotations

import tempfile
import time
import tracemalloc
from pathlib import Path

import pytest
import torch

from lib.data import imagefolder_zip as zip_module
from lib.data.imagefolder_zip import Skipped, ZipLimits, load_imagefolder_zip
from lib.errors import LessonError
from lib.i18n import LANGUAGES
from scripts import make_hostile_corpus as corpus

pytest_plugins = ("tests.fixtures.hostile",)

# The refusal each hostile archive must get (None: loads, with its bad members reported as skipped).
EXPECTED = {
    "valid_two_class.zip": None,
    "zip_mixed_bad_images.zip": None,
    "zip_slip.zip": "data.zip.error.unsafe_path",
    "zip_bomb.zip": "data.zip.error.bomb",
    "zip_many_members.zip": "data.zip.error.too_many_files",
    "zip_size_lie.zip": "data.zip.error.empty_class",
    "zip_one_class.zip": "data.zip.error.one_class",
    "zip_empty_class.zip": "data.zip.error.empty_class",
    "zip_nested.zip": "data.zip.error.no_images",
    "zip_non_images.zip": "data.zip.error.no_images",
    "not_a_zip.zip": "data.zip.error.not_zip",
    "truncated.zip": "data.zip.error.not_zip",
}
# Decode cost and names (issue 14): a flood of tiny many-pixel members, GBK and NFC/NFD names, an over-deep member.
EXPECTED |= {
    "zip_pixel_flood.zip": "data.zip.error.too_many_pixels",
    "zip_gbk_names.zip": None,
    "zip_nfc_nfd.zip": None,
    "zip_over_deep.zip": None,
}
# Small data (issue 14): two images per class still leave a validation image after the split.
EXPECTED |= {"zip_two_per_class.zip": None}
# Refused only once the upload's decode budget is spent: its work is bounded by a count, not a clock (below).
BOUNDED_BY_BUDGET = {"zip_pixel_flood.zip"}
CLASSES = {"zip_gbk_names.zip": ("小狗", "猫"), "zip_nfc_nfd.zip": ("café", "dogs")}


def test_the_table_covers_every_zip_in_the_corpus() -> None:
    assert set(EXPECTED) == set(corpus.names("zip"))
    assert {name for name, key in EXPECTED.items() if key is None} == set(corpus.names("zip", acceptable=True))


@pytest.mark.parametrize("name", corpus.names("zip"))
def test_zip_is_refused_clearly_or_loaded(name: str, hostile_zips: dict[str, Path], tmp_path: Path) -> None:
    before = set(Path(tempfile.gettempdir()).iterdir())
    tracemalloc.start()
    started = time.perf_counter()
    try:
        if EXPECTED[name] is None:
            arrays, _ = load_imagefolder_zip(hostile_zips[name].read_bytes(), image_size=16)
            assert arrays.images.dtype == torch.uint8 and arrays.images.shape[1:] == (3, 16, 16)
            assert arrays.classes == CLASSES.get(name, ("cats", "dogs"))
        else:
            with pytest.raises(LessonError) as refused:
                load_imagefolder_zip(hostile_zips[name].read_bytes(), image_size=16)
            assert refused.value.key == EXPECTED[name], str(refused.value)
            for lang in LANGUAGES:
                text = refused.value.localized(lang)
                assert text.strip() and "{" not in text, text
    finally:
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert elapsed < 10 or name in BOUNDED_BY_BUDGET, f"{name} took {elapsed:.1f}s"
    assert peak < 64 * 2**20, f"{name} needed {peak / 2**20:.0f} MiB: a bomb was inflated"
    escaped = [p for p in set(Path(tempfile.gettempdir()).iterdir()) - before if "escape" in p.name]
    assert not escaped, f"{name} wrote {escaped}"


def test_valid_zip_loads_every_image_with_its_label(hostile_zips: dict[str, Path]) -> None:
    arrays, report = load_imagefolder_zip(hostile_zips["valid_two_class.zip"].read_bytes(), image_size=16)
    assert report.class_counts == {"cats": 6, "dogs": 6}
    assert arrays.labels.tolist() == [0] * 6 + [1] * 6
    assert report.skipped == ()


def test_bad_members_are_skipped_and_named(hostile_zips: dict[str, Path]) -> None:
    _, report = load_imagefolder_zip(hostile_zips["zip_mixed_bad_images.zip"].read_bytes(), image_size=16)
    assert report.class_counts == {"cats": 4, "dogs": 4}
    reasons = {skip.path: skip.reason for skip in report.skipped}
    assert reasons == {"cats/broken.jpg": "image.error.corrupt", "dogs/bomb.png": "image.error.bomb"}


def test_gbk_names_without_the_utf8_flag_are_read_as_gbk(hostile_zips: dict[str, Path]) -> None:
    data = hostile_zips["zip_gbk_names.zip"].read_bytes()
    _, report = load_imagefolder_zip(data, image_size=16)
    assert report.class_counts == {"小狗": 3, "猫": 3}


def test_nfc_and_nfd_spellings_are_one_class(hostile_zips: dict[str, Path]) -> None:
    _, report = load_imagefolder_zip(hostile_zips["zip_nfc_nfd.zip"].read_bytes(), image_size=16)
    assert report.class_counts == {"café": 4, "dogs": 3}


def test_one_over_deep_member_is_skipped_with_a_note(hostile_zips: dict[str, Path]) -> None:
    _, report = load_imagefolder_zip(hostile_zips["zip_over_deep.zip"].read_bytes(), image_size=16)
    assert report.class_counts == {"cats": 3, "dogs": 3}
    reasons = {skip.reason for skip in report.skipped}
    assert reasons == {"data.zip.skip.nested", "data.zip.skip.nested_class"}
    assert Skipped("d0/", "data.zip.skip.nested_class") in report.skipped


def test_a_flood_of_many_pixel_members_stops_at_the_total(hostile_zips: dict[str, Path]) -> None:
    """Every member passes every per-member cap; the total decoded pixels end the work after ~40 of 3000."""
    limits = ZipLimits()
    decoded: list[int] = []
    original = zip_module._Budget.spend
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(zip_module._Budget, "spend", lambda self, image: (decoded.append(1), original(self, image)))
        with pytest.raises(LessonError) as refused:
            load_imagefolder_zip(hostile_zips["zip_pixel_flood.zip"].read_bytes(), image_size=16)
    assert refused.value.key == "data.zip.error.too_many_pixels"
    assert len(decoded) == limits.max_total_pixels // (5_000 * 5_000)
