"""Your own labelled photos: boxes with class names, saved and loaded as a zip with a COCO JSON file.

The labelled set is plain data (photos, boxes in each photo's pixels, class names); it goes to and from a
zip holding ``images/...`` and ``annotations.json`` in the standard COCO layout, so labels made in Label
Studio or CVAT (COCO export, or Pascal VOC XML files) import too. Everything read from a file is checked and
capped before it costs anything: JSON size, counts of images, boxes and classes, names, numbers, boxes that
leave their image, and the zip itself (members, sizes, compression ratio, decode time and pixels).
"""

from __future__ import annotations

import io
import json
import math
import re
import threading
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from xml.etree import ElementTree

import torch
from PIL import Image

from lib.data.arrays import ImageArrays
from lib.data.imagefolder_zip import (
    IMAGE_EXTENSIONS,
    ZipLimits,
    _Budget,
    _check_archive,
    _decode,
    _parts,
    _read,
    member_name,
    name_encoding,
)
from lib.errors import LessonError, excerpt, literal

MAX_IMAGES = 60  # photos in one labelled set
MAX_BOXES = 2000  # boxes in one set
MAX_BOXES_PER_IMAGE = 50
MAX_CLASSES = 20
MAX_CLASS_NAME = 40  # characters
MAX_JSON_BYTES = 5 * 2**20  # one annotation file (COCO JSON or all VOC XML files together)
MAX_IMAGE_SIDE = 640  # photos are kept at most this wide or high: enough for TinySSD, light in memory
EDGE_TOLERANCE = 1.0  # pixels a box may stick out of its image (rounding in other tools) before it is refused
ANNOTATIONS = "annotations.json"
ZIP_LIMITS = ZipLimits(
    max_members=2 * MAX_IMAGES + 20, max_file_bytes=25 * 2**20, max_total_bytes=300 * 2**20, max_seconds=60.0
)


@dataclass
class Box:
    """One labelled object: corners in the photo's own pixels, and its class name."""

    x1: float
    y1: float
    x2: float
    y2: float
    label: str

    def xyxy(self) -> list[float]:
        """The corners ``[x1, y1, x2, y2]``."""
        return [self.x1, self.y1, self.x2, self.y2]


@dataclass
class LabeledImage:
    """A photo (RGB, at most ``MAX_IMAGE_SIDE`` px) with a unique file name and its boxes."""

    name: str
    image: Image.Image
    boxes: list[Box] = field(default_factory=list)


@dataclass
class LabelSet:
    """The learner's labelled photos, in the order they were added."""

    images: list[LabeledImage] = field(default_factory=list)

    @property
    def classes(self) -> tuple[str, ...]:
        """Class names in order of first appearance (the detector's class indices)."""
        seen: dict[str, None] = {}
        for item in self.images:
            for box in item.boxes:
                seen.setdefault(box.label, None)
        return tuple(seen)

    def box_count(self) -> int:
        """How many boxes the whole set has."""
        return sum(len(item.boxes) for item in self.images)

    def find(self, name: str) -> LabeledImage | None:
        """The photo called ``name``, if any."""
        return next((item for item in self.images if item.name == name), None)

    def add(self, name: str, image: Image.Image) -> LabeledImage:
        """Add a photo (shrunk to ``MAX_IMAGE_SIDE``) under a name not used yet; refuses past ``MAX_IMAGES``."""
        if len(self.images) >= MAX_IMAGES:
            raise LessonError("detection.own.error.too_many_images", count=len(self.images) + 1, limit=MAX_IMAGES)
        item = LabeledImage(unique_name(name, {i.name for i in self.images}), shrink(image))
        self.images.append(item)
        return item


def shrink(image: Image.Image) -> Image.Image:
    """``image`` as RGB with its longer side at most ``MAX_IMAGE_SIDE``."""
    image = image.convert("RGB")
    scale = MAX_IMAGE_SIDE / max(image.size)
    if scale >= 1:
        return image
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.BILINEAR)


def unique_name(name: str, taken: set[str]) -> str:
    """A safe file name (no folders, at most 80 characters) based on ``name`` that is not in ``taken``."""
    base = PurePosixPath(name.replace("\\", "/")).name or "photo.png"
    base = re.sub(r"[\x00-\x1f/:*?\"<>|]", "_", base)[-80:]
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, "png"
    candidate, n = f"{stem}.{suffix}", 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}_{n}.{suffix}"
    return candidate


def check_label(label: object) -> str:
    """A class name typed by the learner or read from a file: stripped text of 1 to ``MAX_CLASS_NAME`` characters,
    without control characters or ``<>`` (charts draw labels as HTML-like text)."""
    text = label.strip() if isinstance(label, str) else ""
    if not text or len(text) > MAX_CLASS_NAME or any(ord(c) < 32 or c in "<>" for c in text):
        raise LessonError("detection.own.error.class_name", text=literal(str(label)), limit=MAX_CLASS_NAME)
    return text


def clip_box(values: list[float], width: int, height: int) -> list[float] | None:
    """Corners ordered and clipped to the picture, or ``None`` when nothing of a box (min 2 px) is left."""
    x1, x2 = sorted((float(values[0]), float(values[2])))
    y1, y2 = sorted((float(values[1]), float(values[3])))
    x1, x2 = max(0.0, x1), min(float(width), x2)
    y1, y2 = max(0.0, y1), min(float(height), y2)
    if x2 - x1 < 2 or y2 - y1 < 2:
        return None
    return [x1, y1, x2, y2]


def selection_box(selection: dict, width: int, height: int) -> list[float] | None:
    """The last rectangle dragged on a Plotly chart of the photo (``event.selection``) in the photo's pixels.

    Plotly reports a box as ``{"x": [x0, x1], "y": [y0, y1]}`` in data units, which are the picture's pixels
    for a ``go.Image`` (y grows downwards); the corners are ordered and clipped to the picture.
    """
    boxes = (selection.get("box") or []) if isinstance(selection, dict) else []
    if not boxes:
        return None
    last = boxes[-1]
    try:
        xs, ys = [float(v) for v in last["x"]], [float(v) for v in last["y"]]
    except (KeyError, TypeError, ValueError):
        return None
    if len(xs) < 2 or len(ys) < 2 or not all(math.isfinite(v) for v in xs + ys):
        return None
    return clip_box([min(xs), min(ys), max(xs), max(ys)], width, height)


def boxes_from_rows(rows: list[dict], width: int, height: int) -> list[Box]:
    """Boxes from the editable table's rows (class, x1, y1, x2, y2); rows without a class or a number are refused."""
    boxes = []
    for number, row in enumerate(rows, start=1):
        values = [row.get(axis) for axis in ("x1", "y1", "x2", "y2")]
        label = row.get("label")
        if label is None and all(v is None or (isinstance(v, float) and math.isnan(v)) for v in values):
            continue  # a new, still empty row
        try:
            numbers = [float(v) for v in values]
        except (TypeError, ValueError):
            numbers = [math.nan]
        if not all(math.isfinite(v) for v in numbers):
            raise LessonError("detection.own.error.row_number", row=number)
        clipped = clip_box(numbers, width, height)
        if clipped is None:
            raise LessonError("detection.own.error.row_empty", row=number)
        boxes.append(Box(*clipped, check_label(label)))
    if len(boxes) > MAX_BOXES_PER_IMAGE:
        raise LessonError("detection.own.error.too_many_boxes", count=len(boxes), limit=MAX_BOXES_PER_IMAGE)
    return boxes


# ---- COCO ---------------------------------------------------------------------------------------------------


def to_coco(labels: LabelSet) -> dict:
    """The set as a COCO detection dict: ids from 1, ``bbox`` as ``[x, y, w, h]``, ``area`` = w·h, no crowds."""
    categories = [{"id": i, "name": name, "supercategory": "object"} for i, name in enumerate(labels.classes, 1)]
    category_id = {c["name"]: c["id"] for c in categories}
    images, annotations = [], []
    for image_id, item in enumerate(labels.images, start=1):
        width, height = item.image.size
        images.append({"id": image_id, "file_name": f"images/{item.name}", "width": width, "height": height})
        for box in item.boxes:
            w, h = round(box.x2 - box.x1, 2), round(box.y2 - box.y1, 2)
            annotations.append(
                {
                    "id": len(annotations) + 1,
                    "image_id": image_id,
                    "category_id": category_id[box.label],
                    "bbox": [round(box.x1, 2), round(box.y1, 2), w, h],
                    "area": round(w * h, 2),
                    "iscrowd": 0,
                }
            )
    return {
        "info": {"description": "DL Playground: your objects"},
        "images": images,
        "annotations": annotations,
        "categories": categories,
    }


def save_zip(labels: LabelSet) -> bytes:
    """The set as a zip: ``images/<name>`` (PNG, or JPEG for .jpg names) and ``annotations.json`` (COCO)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in labels.images:
            encoded = io.BytesIO()
            jpeg = item.name.lower().endswith((".jpg", ".jpeg"))
            item.image.save(encoded, format="JPEG" if jpeg else "PNG", **({"quality": 95} if jpeg else {}))
            archive.writestr(f"images/{item.name}", encoded.getvalue(), zipfile.ZIP_STORED)
        archive.writestr(ANNOTATIONS, json.dumps(to_coco(labels), ensure_ascii=False, indent=1))
    return buffer.getvalue()


def _shown(value: object) -> str:
    """A value from a file, cut short and escaped, to quote in a message."""
    return literal(excerpt(str(value)))


def _whole(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise LessonError("detection.own.error.field", what=what)
    return value


def _number(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise LessonError("detection.own.error.field", what=what)
    return float(value)


def parse_json(data: bytes) -> object:
    """The JSON in ``data`` (at most ``MAX_JSON_BYTES``), or a clear refusal."""
    if len(data) > MAX_JSON_BYTES:
        raise LessonError("detection.own.error.json_size", mb=len(data) / 2**20, limit=MAX_JSON_BYTES // 2**20)
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        where = f"{error.lineno}:{error.colno}" if isinstance(error, json.JSONDecodeError) else "-"
        raise LessonError("detection.own.error.json", where=where) from None


@dataclass(frozen=True)
class Annotation:
    """A box as a file states it: its image's file name, corners in the stated image size, class name."""

    file_name: str
    xyxy: tuple[float, float, float, float]
    label: str


@dataclass(frozen=True)
class Declared:
    """What an annotation file says: the images (file name -> stated (width, height)) and their boxes."""

    sizes: dict[str, tuple[int, int]]
    boxes: list[Annotation]


def _list(document: dict, key: str, limit: int) -> list:
    value = document.get(key, [])
    if not isinstance(value, list):
        raise LessonError("detection.own.error.coco_shape")
    if len(value) > limit:
        raise LessonError(f"detection.own.error.too_many.{key}", count=len(value), limit=limit)
    return value


def read_coco(document: object) -> Declared:
    """Check a COCO detection dict and return its images and boxes; counts, ids, names and boxes are all checked.

    Refused with a message naming the culprit: not a COCO dict, too many images/boxes/classes, a box on an
    unknown image or class, a box that is empty or leaves its image by more than ``EDGE_TOLERANCE`` pixels.
    """
    if not isinstance(document, dict) or "images" not in document or "annotations" not in document:
        raise LessonError("detection.own.error.coco_shape")
    images = _list(document, "images", MAX_IMAGES)
    annotations = _list(document, "annotations", MAX_BOXES)
    categories = _list(document, "categories", MAX_CLASSES)
    names: dict[int, str] = {}
    for category in categories:
        if not isinstance(category, dict):
            raise LessonError("detection.own.error.coco_shape")
        names[_whole(category.get("id"), "categories.id")] = check_label(category.get("name"))
    files: dict[int, str] = {}
    sizes: dict[str, tuple[int, int]] = {}
    for image in images:
        if not isinstance(image, dict) or not isinstance(image.get("file_name"), str) or not image["file_name"]:
            raise LessonError("detection.own.error.field", what="images.file_name")
        size = (_whole(image.get("width"), "images.width"), _whole(image.get("height"), "images.height"))
        if not (1 <= size[0] <= 100_000 and 1 <= size[1] <= 100_000):
            raise LessonError("detection.own.error.field", what="images.width/height")
        file_name = image["file_name"][:500]
        files[_whole(image.get("id"), "images.id")] = file_name
        sizes[file_name] = size
    boxes = []
    for annotation in annotations:
        if not isinstance(annotation, dict):
            raise LessonError("detection.own.error.coco_shape")
        image_id = _whole(annotation.get("image_id"), "annotations.image_id")
        category_id = _whole(annotation.get("category_id"), "annotations.category_id")
        if image_id not in files:
            raise LessonError("detection.own.error.unknown_image_id", id=image_id)
        if category_id not in names:
            raise LessonError("detection.own.error.unknown_category", id=category_id)
        bbox = annotation.get("bbox")
        if not isinstance(bbox, list) or len(bbox) != 4:
            raise LessonError("detection.own.error.field", what="annotations.bbox")
        x, y, w, h = (_number(v, "annotations.bbox") for v in bbox)
        file_name = files[image_id]
        boxes.append(
            Annotation(file_name, _inside((x, y, x + w, y + h), sizes[file_name], file_name), names[category_id])
        )
    return Declared(sizes, boxes)


def _inside(xyxy: tuple[float, ...], size: tuple[int, int], file_name: str) -> tuple[float, float, float, float]:
    """The box if it has an area and lies in its image (within ``EDGE_TOLERANCE``), clipped to the image."""
    x1, y1, x2, y2 = xyxy
    width, height = size
    if x2 - x1 <= 0 or y2 - y1 <= 0:
        raise LessonError("detection.own.error.box_empty", name=_shown(file_name))
    tolerance = EDGE_TOLERANCE
    if x1 < -tolerance or y1 < -tolerance or x2 > width + tolerance or y2 > height + tolerance:
        raise LessonError(
            "detection.own.error.box_outside",
            name=_shown(file_name),
            box=f"[{x1:.0f}, {y1:.0f}, {x2:.0f}, {y2:.0f}]",
            width=width,
            height=height,
        )
    return (max(0.0, x1), max(0.0, y1), min(float(width), x2), min(float(height), y2))


# ---- Pascal VOC ---------------------------------------------------------------------------------------------


def read_voc(files: list[tuple[str, bytes]]) -> Declared:
    """Pascal VOC XML files (one per photo: ``filename``, ``size``, ``object/name``, ``object/bndbox``).

    DTDs and entities are refused before parsing (no entity expansion, no external files); sizes and counts
    are capped as for COCO.
    """
    if sum(len(data) for _, data in files) > MAX_JSON_BYTES:
        raise LessonError("detection.own.error.json_size", mb=0, limit=MAX_JSON_BYTES // 2**20)
    sizes: dict[str, tuple[int, int]] = {}
    boxes: list[Annotation] = []
    for path, data in files:
        if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
            raise LessonError("detection.own.error.xml", name=_shown(path))
        try:
            root = ElementTree.fromstring(data)
            file_name = (root.findtext("filename") or "").strip()
            size = (int(root.findtext("size/width") or 0), int(root.findtext("size/height") or 0))
            objects = [
                (
                    obj.findtext("name"),
                    tuple(float(obj.findtext(f"bndbox/{k}") or "nan") for k in ("xmin", "ymin", "xmax", "ymax")),
                )
                for obj in root.iter("object")
            ]
        except (ElementTree.ParseError, ValueError) as error:
            raise LessonError("detection.own.error.xml", name=_shown(path)) from error
        if not file_name or not (1 <= size[0] <= 100_000 and 1 <= size[1] <= 100_000):
            raise LessonError("detection.own.error.xml", name=_shown(path))
        sizes[file_name] = size
        if len(sizes) > MAX_IMAGES:
            raise LessonError("detection.own.error.too_many.images", count=len(sizes), limit=MAX_IMAGES)
        for label, xyxy in objects:
            if not all(math.isfinite(v) for v in xyxy):
                raise LessonError("detection.own.error.xml", name=_shown(path))
            boxes.append(Annotation(file_name, _inside(xyxy, size, file_name), check_label(label)))
            if len(boxes) > MAX_BOXES:
                raise LessonError("detection.own.error.too_many.annotations", count=len(boxes), limit=MAX_BOXES)
    return Declared(sizes, boxes)


# ---- the zip ------------------------------------------------------------------------------------------------


def _image_lookup(images: dict[str, bytes], file_name: str) -> str | None:
    """The zip member a file name points at: the same path, else the same base name (Label Studio, CVAT)."""
    clean = file_name.replace("\\", "/").lstrip("/")
    if clean in images:
        return clean
    base = PurePosixPath(clean).name
    matches = [path for path in images if PurePosixPath(path).name == base]
    return matches[0] if len(matches) == 1 else None


def _members(data: bytes) -> tuple[dict[str, bytes], list[tuple[str, bytes]], list[tuple[str, bytes]]]:
    """(images by path, JSON files, XML files) of a zip, read within ``ZIP_LIMITS``; other files are ignored."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise LessonError("data.zip.error.not_zip") from error
    _check_archive(infos, ZIP_LIMITS)
    encoding = name_encoding(infos)
    images: dict[str, bytes] = {}
    jsons: list[tuple[str, bytes]] = []
    xmls: list[tuple[str, bytes]] = []
    for info in infos:
        parts = _parts(member_name(info, encoding))
        if parts[0] == "__MACOSX" or any(part.startswith(".") for part in parts):
            continue
        path, suffix = "/".join(parts), PurePosixPath(parts[-1]).suffix.lower()
        if suffix in IMAGE_EXTENSIONS:
            images[path] = _read(archive, info, ZIP_LIMITS)
        elif suffix in (".json", ".xml"):
            if info.file_size > MAX_JSON_BYTES:
                raise LessonError(
                    "detection.own.error.json_size", mb=info.file_size / 2**20, limit=MAX_JSON_BYTES // 2**20
                )
            (jsons if suffix == ".json" else xmls).append((path, _read(archive, info, ZIP_LIMITS)))
    return images, jsons, xmls


def load_zip(data: bytes, stop: threading.Event | None = None) -> LabelSet:
    """A labelled set from a zip: photos plus a COCO JSON file (or Pascal VOC XML files) naming them.

    Every image the annotations name must be in the zip; photos the annotations do not name are ignored.
    Boxes are scaled from the size the file states to the photo as kept (at most ``MAX_IMAGE_SIDE``).
    """
    images, jsons, xmls = _members(data)
    if len(jsons) > 1:
        named = [item for item in jsons if PurePosixPath(item[0]).name == ANNOTATIONS]
        jsons = named[:1] or jsons
        if len(jsons) > 1:
            raise LessonError("detection.own.error.many_json", names=", ".join(_shown(p) for p, _ in jsons[:3]))
    if jsons:
        declared = read_coco(parse_json(jsons[0][1]))
    elif xmls:
        declared = read_voc(xmls)
    else:
        raise LessonError("detection.own.error.no_annotations")
    paths = {}
    for file_name in declared.sizes:
        path = _image_lookup(images, file_name)
        if path is None:
            raise LessonError("detection.own.error.unknown_image", name=_shown(file_name))
        paths[file_name] = path
    budget = _Budget(ZIP_LIMITS, stop)
    labels = LabelSet()
    by_name: dict[str, LabeledImage] = {}
    for file_name, (width, height) in declared.sizes.items():
        try:
            picture = _decode(images[paths[file_name]], MAX_IMAGE_SIDE // 4, budget)
        except LessonError as error:
            if error.key.startswith("data.zip."):  # the whole upload's budget is spent: say so, not "this image"
                raise
            raise LessonError("detection.own.error.image", name=_shown(file_name)) from error
        source = picture.info.get("source_size", picture.size)
        if tuple(source) != (width, height):
            raise LessonError(
                "detection.own.error.size_mismatch",
                name=_shown(file_name),
                width=width,
                height=height,
                actual=f"{source[0]}×{source[1]}",
            )
        by_name[file_name] = labels.add(paths[file_name], picture)
    for box in declared.boxes:
        item = by_name[box.file_name]
        sx, sy = (
            item.image.width / declared.sizes[box.file_name][0],
            item.image.height / declared.sizes[box.file_name][1],
        )
        x1, y1, x2, y2 = box.xyxy
        item.boxes.append(Box(x1 * sx, y1 * sy, x2 * sx, y2 * sy, box.label))
    check_set(labels)
    return labels


def check_set(labels: LabelSet) -> None:
    """Refuse a set over the caps on boxes per photo, boxes and classes."""
    for item in labels.images:
        if len(item.boxes) > MAX_BOXES_PER_IMAGE:
            raise LessonError("detection.own.error.too_many_boxes", count=len(item.boxes), limit=MAX_BOXES_PER_IMAGE)
    if labels.box_count() > MAX_BOXES:
        raise LessonError("detection.own.error.too_many.annotations", count=labels.box_count(), limit=MAX_BOXES)
    if len(labels.classes) > MAX_CLASSES:
        raise LessonError("detection.own.error.too_many.categories", count=len(labels.classes), limit=MAX_CLASSES)


# ---- training data ------------------------------------------------------------------------------------------


def to_arrays(items: list[LabeledImage], classes: tuple[str, ...], size: int) -> ImageArrays:
    """Photos squashed to ``size``×``size`` (as the detector sees them) and boxes as fractions, padded with -1.

    Returns uint8 images (N, 3, size, size) and labels (N, K, 5) rows ``[class, x1, y1, x2, y2]``.
    """
    most = max([len(item.boxes) for item in items] + [1])
    labels = torch.full((len(items), most, 5), -1.0)
    images = torch.empty((len(items), 3, size, size), dtype=torch.uint8)
    for i, item in enumerate(items):
        square = item.image.convert("RGB").resize((size, size), Image.Resampling.BILINEAR)
        images[i] = (
            torch.frombuffer(bytearray(square.tobytes()), dtype=torch.uint8).reshape(size, size, 3).permute(2, 0, 1)
        )
        width, height = item.image.size
        for j, box in enumerate(item.boxes):
            labels[i, j] = torch.tensor(
                [classes.index(box.label), box.x1 / width, box.y1 / height, box.x2 / width, box.y2 / height]
            )
    return ImageArrays(images, labels, classes)
