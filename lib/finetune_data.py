"""Your own classes, image by image: a collection the page keeps in the session, turned into a dataset.

Images are stored as small square uint8 tensors (centre-cropped, ``STORE_SIZE`` pixels) so a session stays
light; class names are compared ignoring case and surrounding spaces, so "Cat" and " cat" are the same class.
"""

from __future__ import annotations

import threading

import numpy as np
import torch
from PIL import Image, ImageOps

from lib.data.arrays import ImageArrays
from lib.errors import LessonError
from lib.images import MAX_PIXELS, load_image

STORE_SIZE = 96
MAX_CLASSES = 20
MAX_PER_CLASS = 200
MAX_NAME = 40
MAX_UPLOAD_PIXELS = 1_000_000_000  # decoded per batch of chosen photos, as for a zip (lib.data.imagefolder_zip)

Collection = dict[str, list[torch.Tensor]]  # class name -> images (3, STORE_SIZE, STORE_SIZE) uint8


def to_tensor(image: Image.Image, size: int = STORE_SIZE) -> torch.Tensor:
    """An RGB PIL image centre-cropped to a square and resized: (3, size, size) uint8."""
    square = ImageOps.fit(image.convert("RGB"), (size, size), method=Image.Resampling.BILINEAR)
    return torch.from_numpy(np.asarray(square).copy()).permute(2, 0, 1).contiguous()


def clean_name(name: str) -> str:
    """A class name as stored: surrounding spaces removed, inner runs of spaces collapsed."""
    return " ".join(str(name).split())


def _same(a: str, b: str) -> bool:
    return clean_name(a).casefold() == clean_name(b).casefold()


def add_class(collection: Collection, name: str) -> str:
    """Add an empty class; refuses empty, too long, duplicate names and too many classes."""
    name = clean_name(name)
    if not name:
        raise LessonError("finetune.error.class_name_empty")
    if len(name) > MAX_NAME:
        raise LessonError("finetune.error.class_name_long", most=MAX_NAME)
    existing = next((c for c in collection if _same(c, name)), None)
    if existing is not None:
        raise LessonError("finetune.error.class_duplicate", name=name, existing=existing)
    if len(collection) >= MAX_CLASSES:
        raise LessonError("finetune.error.too_many_classes", most=MAX_CLASSES)
    collection[name] = []
    return name


def add_images(collection: Collection, name: str, images: list[Image.Image | torch.Tensor]) -> int:
    """Append images (PIL, or tensors from ``decode_uploads``) to class ``name``; returns how many were added
    (the class cap is respected and reported)."""
    if name not in collection:
        raise LessonError("finetune.error.no_class", name=name)
    room = MAX_PER_CLASS - len(collection[name])
    if room < len(images):
        raise LessonError("finetune.error.class_full", name=name, most=MAX_PER_CLASS)
    collection[name].extend(image if isinstance(image, torch.Tensor) else to_tensor(image) for image in images)
    return len(images)


def decode_uploads(
    files: list[tuple[str, bytes]], stop: threading.Event | None = None, max_total_pixels: int = MAX_UPLOAD_PIXELS
) -> tuple[list[torch.Tensor], list[tuple[str, LessonError]]]:
    """Photos the learner chose at once, as stored tensors, and the refused ones by file name.

    Each decode runs in the bounded worker, reduced to twice the stored size; like a zip, the batch as a whole
    may decode at most ``max_total_pixels`` and stops as soon as ``stop`` is set (the session ended).
    """
    good, bad, spent = [], [], 0
    for name, data in files:
        if stop is not None and stop.is_set():
            raise LessonError("image.error.stopped")
        left = max(1, max_total_pixels - spent)
        try:
            image = load_image(data, max_pixels=min(MAX_PIXELS, left), max_side=2 * STORE_SIZE, stop=stop)
        except LessonError as error:
            if error.key == "image.error.stopped":
                raise
            alone = error.params.get("width", 0) * error.params.get("height", 0)
            if (
                error.key == "image.error.too_many_pixels" and left < alone <= MAX_PIXELS
            ):  # fine alone, not with the rest
                error = LessonError("image.error.batch_pixels", limit_mp=max_total_pixels // 1_000_000)
            bad.append((name, error))
            continue
        width, height = image.info["source_size"]
        spent += width * height
        good.append(to_tensor(image))
    return good, bad


def to_arrays(collection: Collection) -> ImageArrays:
    """The collection as a dataset; needs two or more classes and no empty class."""
    names = tuple(collection)
    if len(names) < 2:
        raise LessonError("finetune.error.need_two_classes", count=len(names))
    empty = [name for name in names if not collection[name]]
    if empty:
        raise LessonError("finetune.error.empty_class", names=", ".join(empty))
    images = torch.stack([image for name in names for image in collection[name]])
    labels = torch.tensor([k for k, name in enumerate(names) for _ in collection[name]], dtype=torch.int64)
    return ImageArrays(images, labels, names)


def stratified_split(data: ImageArrays, val_fraction: float = 0.25, seed: int = 0) -> tuple[ImageArrays, ImageArrays]:
    """A seeded split that keeps at least one training and one validation image of every class.

    Classes with a single image cannot be both trained on and checked, so they are refused.
    """
    generator = torch.Generator().manual_seed(seed)
    train_idx, val_idx = [], []
    for k, name in enumerate(data.classes):
        members = (data.labels == k).nonzero().flatten()
        if len(members) < 2:
            raise LessonError("finetune.error.class_too_small", name=name)
        members = members[torch.randperm(len(members), generator=generator)]
        n_val = min(len(members) - 1, max(1, round(len(members) * val_fraction)))
        val_idx.append(members[:n_val])
        train_idx.append(members[n_val:])
    return data.subset(torch.cat(train_idx)), data.subset(torch.cat(val_idx))
