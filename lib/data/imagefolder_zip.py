"""Your own images: an uploaded zip in ImageFolder layout (``class_name/image.jpg``) read safely in memory.

Nothing is extracted to disk, so no member path can escape anywhere; hostile archives are still refused
early: too many members, too many (declared or actual) bytes, a compression ratio only a zip bomb has, or
a path with ``..``, an absolute root or a drive letter. Files that are not usable images are skipped and
reported, never fatal; the dataset needs at least two classes that each keep an image.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Literal

import numpy as np
import torch
from PIL import Image, ImageOps

from lib.data.arrays import ImageArrays
from lib.data.shapes import check_size
from lib.errors import LessonError
from lib.images import load_image

IMAGE_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp", ".tif", ".tiff"})
DRIVE = re.compile(r"^[A-Za-z]:")
Fit = Literal["crop", "pad"]


@dataclass(frozen=True)
class ZipLimits:
    """Caps that keep a hostile or accidental upload from exhausting memory or time."""

    max_members: int = 3000
    max_file_bytes: int = 10 * 2**20
    max_total_bytes: int = 300 * 2**20
    max_ratio: float = 200.0  # uncompressed / compressed; photos barely compress, bombs reach 1000×
    max_pixels: int = 25_000_000
    max_output_bytes: int = 400 * 2**20  # the resized uint8 dataset


@dataclass(frozen=True)
class Skipped:
    """A member left out: its path, and why as an i18n key with its format values."""

    path: str
    reason: str
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class ZipReport:
    """What was loaded: images per class, and every skipped file with its reason."""

    class_counts: dict[str, int]
    skipped: tuple[Skipped, ...]
    fit: Fit
    image_size: int


def _ignored(parts: tuple[str, ...]) -> bool:
    """macOS resource forks (``__MACOSX/``) and hidden files or folders are not part of anyone's data."""
    return parts[0] == "__MACOSX" or any(part.startswith(".") for part in parts)


def _parts(name: str) -> tuple[str, ...]:
    """Path parts of a member name; refuses names that would escape a folder if ever extracted."""
    unified = name.replace("\\", "/")
    parts = tuple(part for part in unified.split("/") if part not in ("", "."))
    if unified.startswith("/") or DRIVE.match(unified) or ".." in parts:
        raise LessonError("data.zip.error.unsafe_path", name=name)
    return parts


def _check_archive(infos: list[zipfile.ZipInfo], limits: ZipLimits) -> None:
    """Refuse the archive as a whole before reading a byte of content."""
    if len(infos) > limits.max_members:
        raise LessonError("data.zip.error.too_many_files", count=len(infos), limit=limits.max_members)
    total = sum(info.file_size for info in infos)
    if total > limits.max_total_bytes:
        raise LessonError("data.zip.error.too_big", size_mb=total / 2**20, limit_mb=limits.max_total_bytes / 2**20)
    for info in infos:
        if info.file_size > 0 and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise LessonError(
                "data.zip.error.bomb", name=info.filename, ratio=info.file_size / max(info.compress_size, 1)
            )


def _layout(files: list[tuple[zipfile.ZipInfo, tuple[str, ...]]]) -> int:
    """How many leading folders to drop: 1 when every file sits in one wrapping folder (a zipped folder)."""
    firsts = {parts[0] for _, parts in files}
    wrapped = len(firsts) == 1 and any(len(parts) >= 3 for _, parts in files)
    return 1 if wrapped else 0


def _resize(image: Image.Image, size: int, fit: Fit) -> np.ndarray:
    """A (3, size, size) uint8 array: centre-cropped to a square ("crop") or letterboxed on black ("pad")."""
    if fit == "crop":
        square = ImageOps.fit(image, (size, size), Image.Resampling.BICUBIC)
    else:
        square = ImageOps.pad(image, (size, size), Image.Resampling.BICUBIC, color=(0, 0, 0))
    return np.asarray(square, dtype=np.uint8).transpose(2, 0, 1)


def _read(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: ZipLimits) -> bytes:
    """A member's bytes, never more than the per-file cap (a lying header cannot make us read more)."""
    with zf.open(info) as member:
        data = member.read(limits.max_file_bytes + 1)
    if len(data) > limits.max_file_bytes:
        raise LessonError("data.zip.error.bomb", name=info.filename, ratio=len(data) / max(info.compress_size, 1))
    return data


def load_imagefolder_zip(
    data: bytes, image_size: int = 32, fit: Fit = "crop", limits: ZipLimits | None = None
) -> tuple[ImageArrays, ZipReport]:
    """Images (N, 3, S, S) uint8 and labels from an ImageFolder zip, plus a report of counts and skipped files.

    Classes are the folder names, sorted as torchvision's ImageFolder sorts them. ``fit`` chooses how
    non-square pictures become squares: centre crop (keeps scale, may cut edges) or pad (keeps everything).
    """
    limits = limits or ZipLimits()
    check_size(image_size)
    if fit not in ("crop", "pad"):
        raise LessonError("data.zip.error.fit", fit=fit)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        raise LessonError("data.zip.error.not_zip") from error
    with zf:
        infos = zf.infolist()
        _check_archive(infos, limits)
        files, folders = [], set()
        for info in infos:
            parts = _parts(info.filename)
            if not parts or _ignored(parts):
                continue
            if info.is_dir():
                folders.add(parts)
            else:
                files.append((info, parts))
        drop = _layout(files)
        return _load_members(zf, files, folders, drop, image_size, fit, limits)


def _load_members(
    zf: zipfile.ZipFile,
    files: list[tuple[zipfile.ZipInfo, tuple[str, ...]]],
    folders: set[tuple[str, ...]],
    drop: int,
    image_size: int,
    fit: Fit,
    limits: ZipLimits,
) -> tuple[ImageArrays, ZipReport]:
    skipped: list[Skipped] = []
    by_class: dict[str, list[np.ndarray]] = {
        parts[drop]: [] for parts in folders if len(parts) == drop + 1 or len(parts) == drop + 2
    }
    candidates = sum(1 for _, parts in files if len(parts) == drop + 2)
    if candidates * 3 * image_size**2 > limits.max_output_bytes:
        raise LessonError("data.zip.error.too_much_output", count=candidates, size=image_size)
    for info, parts in sorted(files, key=lambda item: item[1]):
        inner = parts[drop:]
        if len(inner) != 2:
            skipped.append(
                Skipped(info.filename, "data.zip.skip.not_in_class" if len(inner) < 2 else "data.zip.skip.nested")
            )
            if len(inner) > 2:
                by_class.setdefault(inner[0], [])
            continue
        label, name = inner
        by_class.setdefault(label, [])
        if PurePosixPath(name).suffix.lower() not in IMAGE_EXTENSIONS:
            skipped.append(Skipped(info.filename, "data.zip.skip.not_image"))
            continue
        if info.file_size > limits.max_file_bytes:
            params = {"size_mb": info.file_size / 2**20, "limit_mb": limits.max_file_bytes / 2**20}
            skipped.append(Skipped(info.filename, "data.zip.skip.too_big", params))
            continue
        if info.flag_bits & 0x1:
            skipped.append(Skipped(info.filename, "data.zip.skip.encrypted"))
            continue
        try:
            image = load_image(_read(zf, info, limits), max_pixels=limits.max_pixels, max_bytes=limits.max_file_bytes)
        except LessonError as error:
            if error.key == "data.zip.error.bomb":
                raise
            skipped.append(Skipped(info.filename, error.key, error.params))
            continue
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as error:
            skipped.append(Skipped(info.filename, "data.zip.skip.unreadable", {"detail": str(error)}))
            continue
        by_class[label].append(_resize(image, image_size, fit))
    classes = _check_classes(by_class)
    images = [image for name in classes for image in by_class[name]]
    labels = [index for index, name in enumerate(classes) for _ in by_class[name]]
    arrays = ImageArrays(torch.from_numpy(np.stack(images)), torch.tensor(labels, dtype=torch.int64), classes)
    report = ZipReport({name: len(by_class[name]) for name in classes}, tuple(skipped), fit, image_size)
    return arrays, report


def _check_classes(by_class: dict[str, list[np.ndarray]]) -> tuple[str, ...]:
    """Sorted class names; refuses no images, one class, an empty class, or names differing only by case."""
    if not any(by_class.values()):
        raise LessonError("data.zip.error.no_images")
    lowered: dict[str, str] = {}
    for name in sorted(by_class):
        if name.casefold() in lowered:
            raise LessonError("data.zip.error.duplicate_class", first=lowered[name.casefold()], second=name)
        lowered[name.casefold()] = name
    empty = sorted(name for name, images in by_class.items() if not images)
    if empty:
        raise LessonError("data.zip.error.empty_class", names=", ".join(empty))
    if len(by_class) < 2:
        raise LessonError("data.zip.error.one_class", name=next(iter(by_class)))
    return tuple(sorted(by_class))
