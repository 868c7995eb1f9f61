"""Every zip in the hostile corpus through ``lib.data.imagefolder_zip``: refused clearly, or loaded with bad members
skipped; never extracted, never slow or memory-hungry, never writing a file anywhere."""

from __future__ import annotations

import tempfile
import time
import tracemalloc
from pathlib import Path

import pytest
import torch

from lib.data.imagefolder_zip import load_imagefolder_zip
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
            assert arrays.classes == ("cats", "dogs")
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
    assert elapsed < 10, f"{name} took {elapsed:.1f}s"
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
