"""Your own images: an uploaded zip in ImageFolder layout (``class_name/image.jpg``) read safely in memory.

Nothing is extracted to disk, so no member path can escape anywhere; hostile archives are still refused
early: too many members, too many (declared or actual) bytes, a compression ratio only a zip bomb has, or
a path with ``..``, an absolute root or a drive letter. Files that are not usable images are skipped and
reported, never fatal; the dataset needs at least two classes that each keep an image.

Decoding is bounded per upload, not only per member: a total of decoded pixels, a total time, and a stop
event (set when the learner's session ends) checked between members and inside each decode. Member names
written in GBK without the zip's UTF-8 flag are read as GBK, and every name is normalised to NFC, so "café"
typed on a Mac and on Windows is one class.
"""

from __future__ import annotations

import io
import re
import threading
import time
import unicodedata
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
from lib.images import DECODE_SECONDS, load_image
from lib.paths import env_number

READABLE_COMPRESSION = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}

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
    max_total_pixels: int = int(env_number("DLP_ZIP_MAX_MP", 1000) * 1_000_000)  # decoded, all members together
    max_seconds: float = env_number("DLP_ZIP_MAX_SECONDS", 60.0)  # decoding, all members together


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


def name_encoding(infos: list[zipfile.ZipInfo]) -> str | None:
    """How the archive's unflagged non-ASCII names are encoded: "utf-8", "gbk", or None (keep cp437).

    Without the UTF-8 flag (bit 11) ``zipfile`` decodes names as cp437, yet macOS writes UTF-8 and Windows in
    Chinese writes GBK without setting it. Decided once per archive (a short name can be valid in both).
    """
    raws = []
    for info in infos:
        if not info.flag_bits & 0x800 and not info.filename.isascii():
            try:
                raws.append(info.filename.encode("cp437"))
            except UnicodeEncodeError:
                return None
    for encoding in ("utf-8", "gbk") if raws else ():
        try:
            for raw in raws:
                raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    return None


def member_name(info: zipfile.ZipInfo, encoding: str | None = None) -> str:
    """The member's name as its author typed it (``encoding`` from ``name_encoding``), in NFC."""
    name = info.filename
    if encoding is not None and not info.flag_bits & 0x800 and not name.isascii():
        name = name.encode("cp437").decode(encoding)
    return unicodedata.normalize("NFC", name)


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
    data: bytes,
    image_size: int = 32,
    fit: Fit = "crop",
    limits: ZipLimits | None = None,
    stop: threading.Event | None = None,
) -> tuple[ImageArrays, ZipReport]:
    """Images (N, 3, S, S) uint8 and labels from an ImageFolder zip, plus a report of counts and skipped files.

    Classes are the folder names, sorted as torchvision's ImageFolder sorts them. ``fit`` chooses how
    non-square pictures become squares: centre crop (keeps scale, may cut edges) or pad (keeps everything).
    Setting ``stop`` (e.g. when the learner's session ends) ends the work within a fraction of a second.
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
        encoding = name_encoding(infos)
        for info in infos:
            parts = _parts(member_name(info, encoding))
            if not parts or _ignored(parts):
                continue
            if info.is_dir():
                folders.add(parts)
            else:
                files.append((info, parts))
        drop = _layout(files)
        budget = _Budget(limits, stop)
        return _load_members(zf, files, folders, drop, image_size, fit, budget)


class _Budget:
    """What one upload may still spend: decoded pixels and seconds, until ``stop`` is set."""

    def __init__(self, limits: ZipLimits, stop: threading.Event | None) -> None:
        self.limits, self.stop = limits, stop
        self.pixels = 0
        self.deadline = time.monotonic() + limits.max_seconds

    def seconds_left(self) -> float:
        """Time the next decode may take; refuses the upload once the total is spent or the session ended."""
        if self.stop is not None and self.stop.is_set():
            raise LessonError("data.zip.error.stopped")
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise LessonError("data.zip.error.too_slow", seconds=self.limits.max_seconds)
        return min(left, DECODE_SECONDS)

    def spend(self, image: Image.Image) -> None:
        """Count a decoded member at the size it had before it was reduced."""
        width, height = image.info.get("source_size", image.size)
        self.pixels += width * height


def _decode(data: bytes, image_size: int, budget: _Budget) -> Image.Image:
    """One member decoded in the bounded worker, reduced to a few times the training size."""
    seconds = budget.seconds_left()
    limits = budget.limits
    pixels_left = limits.max_total_pixels - budget.pixels
    try:
        image = load_image(
            data,
            max_pixels=min(limits.max_pixels, pixels_left),  # refused from its header once the total is spent
            max_bytes=limits.max_file_bytes,
            max_side=max(64, 4 * image_size),
            seconds=seconds,
            stop=budget.stop,
        )
    except LessonError as error:
        if error.key == "image.error.stopped":
            raise LessonError("data.zip.error.stopped") from error
        if error.key == "image.error.too_slow" and seconds < DECODE_SECONDS:
            raise LessonError("data.zip.error.too_slow", seconds=limits.max_seconds) from error
        if error.key == "image.error.too_many_pixels" and pixels_left < limits.max_pixels:
            width, height = error.params["width"], error.params["height"]
            if width * height <= limits.max_pixels:  # fine alone; too much on top of the members before it
                total = limits.max_total_pixels // 1_000_000
                raise LessonError("data.zip.error.too_many_pixels", limit_mp=total) from error
        raise
    budget.spend(image)
    return image


def _load_members(
    zf: zipfile.ZipFile,
    files: list[tuple[zipfile.ZipInfo, tuple[str, ...]]],
    folders: set[tuple[str, ...]],
    drop: int,
    image_size: int,
    fit: Fit,
    budget: _Budget,
) -> tuple[ImageArrays, ZipReport]:
    limits = budget.limits
    skipped: list[Skipped] = []
    by_class: dict[str, list[np.ndarray]] = {parts[drop]: [] for parts in folders if len(parts) == drop + 1}
    holds_folders = {parts[drop] for parts in folders if len(parts) > drop + 1}
    holds_folders |= {parts[drop] for _, parts in files if len(parts) > drop + 2}
    candidates = sum(1 for _, parts in files if len(parts) == drop + 2)
    if candidates * 3 * image_size**2 > limits.max_output_bytes:
        raise LessonError("data.zip.error.too_much_output", count=candidates, size=image_size)
    for info, parts in sorted(files, key=lambda item: item[1]):
        inner = parts[drop:]
        if len(inner) != 2:
            skipped.append(
                Skipped("/".join(parts), "data.zip.skip.not_in_class" if len(inner) < 2 else "data.zip.skip.nested")
            )
            continue
        label, name = inner
        by_class.setdefault(label, [])
        if PurePosixPath(name).suffix.lower() not in IMAGE_EXTENSIONS:
            skipped.append(Skipped("/".join(parts), "data.zip.skip.not_image"))
            continue
        if info.file_size > limits.max_file_bytes:
            params = {"size_mb": info.file_size / 2**20, "limit_mb": limits.max_file_bytes / 2**20}
            skipped.append(Skipped("/".join(parts), "data.zip.skip.too_big", params))
            continue
        if info.flag_bits & 0x1:
            skipped.append(Skipped("/".join(parts), "data.zip.skip.encrypted"))
            continue
        if info.compress_type not in READABLE_COMPRESSION:  # zipfile would refuse it on read
            skipped.append(
                Skipped("/".join(parts), "data.zip.skip.unreadable", {"detail": f"method {info.compress_type}"})
            )
            continue
        try:
            image = _decode(_read(zf, info, limits), image_size, budget)
        except LessonError as error:
            if error.key.startswith("data.zip.error."):
                raise
            skipped.append(Skipped("/".join(parts), error.key, error.params))
            continue
        except (zipfile.BadZipFile, zlib.error, EOFError) as error:
            skipped.append(Skipped("/".join(parts), "data.zip.skip.unreadable", {"detail": str(error)}))
            continue
        by_class[label].append(_resize(image, image_size, fit))
    for name in sorted(holds_folders):
        if not by_class.get(name):  # a folder of folders (e.g. one over-deep member): noted, not a class
            by_class.pop(name, None)
            skipped.append(Skipped(f"{name}/", "data.zip.skip.nested_class"))
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
