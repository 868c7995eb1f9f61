"""Shapes-Detect (deterministic, valid labels) and the banana loader on a fake copy in the real on-disk format."""

from __future__ import annotations

import csv
import io
import urllib.error
import zipfile
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from lib.data import banana
from lib.data.shapes_detect import CLASSES, MAX_OBJECTS, make_shapes_detect, render
from lib.errors import LessonError


def test_shapes_detect_is_deterministic_and_labels_are_valid() -> None:
    data = make_shapes_detect(12, seed=3, image_size=96)
    assert data.images.shape == (12, 3, 96, 96) and data.images.dtype == torch.uint8
    assert data.labels.shape == (12, MAX_OBJECTS, 5)
    image, label = render(3, 7, image_size=96)
    assert torch.equal(image, data.images[7]) and torch.equal(label, data.labels[7])
    again = make_shapes_detect(4, seed=3, image_size=96, start=5)
    assert torch.equal(again.images, data.images[5:9])
    real = data.labels[:, :, 0] >= 0
    counts = real.sum(dim=1)
    assert (counts >= 1).all() and (counts <= MAX_OBJECTS).all()
    boxes = data.labels[real][:, 1:]
    assert (boxes[:, 2] > boxes[:, 0]).all() and (boxes[:, 3] > boxes[:, 1]).all()
    assert (boxes >= 0).all() and (boxes <= 1).all()
    assert set(data.labels[real][:, 0].long().tolist()) <= set(range(len(CLASSES)))
    assert (data.labels[~real] == -1).all()  # padding rows stay -1


def test_shapes_detect_rejects_bad_sizes() -> None:
    with pytest.raises(LessonError):
        make_shapes_detect(2, image_size=8)
    with pytest.raises(LessonError):
        make_shapes_detect(0)


def _fake_bananas(root: Path, count: int = 3) -> None:
    """A tiny copy in the d2l layout: bananas_{split}/label.csv and images/*.png (256×256, pixel boxes)."""
    for split in ("train", "val"):
        base = root / f"bananas_{split}"
        (base / "images").mkdir(parents=True)
        with (base / "label.csv").open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["img_name", "label", "xmin", "ymin", "xmax", "ymax"])
            for i in range(count):
                Image.fromarray(np.full((256, 256, 3), 40 * i, dtype=np.uint8)).save(base / "images" / f"{i}.png")
                writer.writerow([f"{i}.png", 0, 10 + i, 20, 100, 120 + i])


def test_banana_loader_on_a_fake_copy(tmp_path: Path) -> None:
    _fake_bananas(tmp_path)
    data = banana.load_split(tmp_path, "train")
    assert data.images.shape == (3, 3, 256, 256)
    assert data.labels.shape == (3, 1, 5)
    torch.testing.assert_close(data.labels[1, 0], torch.tensor([0, 11 / 256, 20 / 256, 100 / 256, 121 / 256]))
    assert int(data.images[2].float().mean()) == 80
    assert len(banana.load_split(tmp_path, "val", limit=2)) == 2
    with pytest.raises(LessonError):
        banana.load_split(tmp_path, "test")
    with pytest.raises(LessonError):
        banana.load_split(tmp_path / "missing")


def test_banana_fetch_unpacks_a_cached_zip_and_explains_offline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DLP_DATA_DIR", str(tmp_path / "data"))
    source = tmp_path / "src"
    _fake_bananas(source / banana.FOLDER)
    downloads = tmp_path / "data" / "downloads"
    downloads.mkdir(parents=True)
    with zipfile.ZipFile(downloads / "banana-detection.zip", "w") as zf:
        for path in source.rglob("*"):
            if path.is_file():
                zf.write(path, path.relative_to(source).as_posix())
        zf.writestr("../evil.txt", "outside")
    folder = banana.fetch()
    assert banana.is_cached() and not (tmp_path / "data" / "evil.txt").exists()
    assert len(banana.load_split(folder, "val")) == 3

    monkeypatch.setenv("DLP_DATA_DIR", str(tmp_path / "offline"))

    def no_network(request):
        raise urllib.error.URLError("no route to host")

    monkeypatch.setattr("lib.downloads._open", no_network)
    with pytest.raises(LessonError) as error:
        banana.fetch()
    assert error.value.key == "downloads.error.offline"
    assert str(error.value).endswith("Training on Shapes-Detect still works.")


def test_banana_refuses_a_corrupt_zip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DLP_DATA_DIR", str(tmp_path))
    archive = tmp_path / "downloads" / "banana-detection.zip"
    archive.parent.mkdir(parents=True)
    archive.write_bytes(io.BytesIO(b"not a zip").getvalue())
    with pytest.raises(LessonError) as error:
        banana.fetch()
    assert error.value.key == "detection.error.bad_archive"
