"""The d2l banana-detection dataset (online option): 1000 train + 100 val 256×256 images, one banana each.

Downloaded once as a zip into ``downloads_dir()`` and unpacked with size and path checks. On disk:
``banana-detection/bananas_{train,val}/label.csv`` (``img_name,label,xmin,ymin,xmax,ymax`` in pixels) and
``.../images/<img_name>``. Without internet a ``DownloadError`` says so (Shapes-Detect works offline).
"""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path, PurePosixPath

import numpy as np
import torch
from PIL import Image

from lib.data.arrays import ImageArrays
from lib.downloads import Checksum, Progress, download
from lib.errors import LessonError
from lib.paths import downloads_dir

URL = "http://d2l-data.s3-accelerate.amazonaws.com/banana-detection.zip"
CHECKSUM = Checksum("sha1", "5de26c8fce5ccdea9f91267273464dc968d20d72")  # d2l's DATA_HUB entry
FOLDER = "banana-detection"
CLASSES: tuple[str, ...] = ("banana",)
MAX_MEMBERS = 5_000
MAX_MEMBER_BYTES = 2 * 2**20
MAX_TOTAL_BYTES = 200 * 2**20
MAX_RATIO = 200  # uncompressed / compressed: more than this looks like a zip bomb


def root() -> Path:
    """Where the unpacked dataset lives (it may not exist yet)."""
    return downloads_dir() / FOLDER


def is_cached() -> bool:
    """Whether both splits are already on disk."""
    return all((root() / f"bananas_{split}" / "label.csv").is_file() for split in ("train", "val"))


def _extract(archive: Path, target: Path) -> None:
    """Unpack only ``banana-detection/...`` members, refusing bombs, huge members and path tricks."""
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = [info for info in zf.infolist() if not info.is_dir()]
            if len(infos) > MAX_MEMBERS or sum(info.file_size for info in infos) > MAX_TOTAL_BYTES:
                raise LessonError("detection.error.bad_archive", name=archive.name)
            for info in infos:
                parts = PurePosixPath(info.filename).parts
                if not parts or parts[0] != FOLDER or ".." in parts or info.filename.startswith("/"):
                    continue
                too_big = info.file_size > MAX_MEMBER_BYTES
                if too_big or info.file_size > MAX_RATIO * max(info.compress_size, 1):
                    raise LessonError("detection.error.bad_archive", name=archive.name)
                out = target.joinpath(*parts)
                out.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(info) as member:
                    out.write_bytes(member.read(MAX_MEMBER_BYTES + 1))
    except zipfile.BadZipFile as error:
        raise LessonError("detection.error.bad_archive", name=archive.name) from error


def fetch(progress: Progress | None = None) -> Path:
    """Download and unpack the dataset once (progress gets bytes so far and total); returns its folder."""
    if not is_cached():
        archive = download(
            URL,
            downloads_dir() / "banana-detection.zip",
            name="banana-detection.zip",
            fallback="detection.download.fallback_data",
            checksum=CHECKSUM,
            progress=progress,
        )
        _extract(archive, downloads_dir())
    return root()


def load_split(folder: Path, split: str = "train", limit: int | None = None) -> ImageArrays:
    """Images (N, 3, H, W) uint8 and labels (N, 1, 5) ``[0, x1, y1, x2, y2]`` normalised, from an unpacked copy."""
    if split not in ("train", "val"):
        raise LessonError("detection.error.split", split=split)
    base = folder / f"bananas_{split}"
    labels_file = base / "label.csv"
    if not labels_file.is_file():
        raise LessonError("detection.error.missing_labels", path=str(labels_file))
    with labels_file.open(newline="") as handle:
        rows = list(csv.DictReader(handle))[:limit]
    images, labels = [], []
    for row in rows:
        try:
            with Image.open(base / "images" / row["img_name"]) as picture:
                rgb = np.asarray(picture.convert("RGB"))
            height, width = rgb.shape[:2]
            box = [float(row[key]) for key in ("xmin", "ymin", "xmax", "ymax")]
            cls = float(row["label"])
        except (OSError, KeyError, ValueError) as error:
            raise LessonError("detection.error.bad_row", name=row.get("img_name", "?"), detail=str(error)) from error
        images.append(torch.from_numpy(rgb.copy()).permute(2, 0, 1))
        labels.append([cls, box[0] / width, box[1] / height, box[2] / width, box[3] / height])
    if not images:
        raise LessonError("detection.error.missing_labels", path=str(labels_file))
    return ImageArrays(torch.stack(images), torch.tensor(labels, dtype=torch.float32)[:, None, :], CLASSES)
