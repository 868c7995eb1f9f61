"""Training TinySSD on your own labelled photos: box-aware augmentation, a train/validation split, the checkpoint.

A handful of photos is enough because the detector starts from the shipped TinySSD's feature blocks
(``tinyssd_from_backbone``) and each epoch shows every photo several times, each time changed by
torchvision's ``transforms.v2`` (flip, a crop that keeps every box, zoom-out, colour), which moves the
``tv_tensors.BoundingBoxes`` with the pixels.
"""

from __future__ import annotations

import torch
from torchvision import tv_tensors
from torchvision.transforms.v2 import functional as TF

from lib.checkpoints import build_and_load, checkpoint_bytes, make_meta, read_checkpoint
from lib.data.arrays import ImageArrays
from lib.detection import Detector, calibrate_tinyssd
from lib.detection_labels import MAX_CLASSES, LabelSet, check_label, to_arrays
from lib.detection_train import DetectionTask, tinyssd_from_backbone, train_config
from lib.errors import LessonError, excerpt, literal
from lib.models.ssd import TinySSD
from lib.train import TrainConfig

MODEL_NAME = "tinyssd"
OWN_SIZE = 128  # 16 photos, 8 epochs: about 10 s of CPU time (tests/test_detection_own.py's slow run); 256 costs 4×
SIZES = (128, 256)
EPOCH_SAMPLES = 64  # each epoch shows the photos repeated (and augmented) up to this many times
# 20 epochs: on three seeded sets of 16 photos (tests/own_objects.py), mAP@0.5 on 12 new photos went from 0.48, 0.66,
# 0.47 after 12 epochs to 0.78, 0.88, 0.48 after 20, for ~35 CPU-s instead of ~20 (2 threads).
DEFAULT_EPOCHS, DEFAULT_LR, DEFAULT_BATCH = 20, 1e-2, 16
MIN_IMAGES = 4  # photos with boxes needed: at least one for validation, three to learn from
MIN_SIZE, MAX_SIZE = 64, 512  # uploaded detectors are refused outside these input sizes (cost per photo)
GRAY_WEIGHTS = torch.tensor([0.2989, 0.587, 0.114])  # torchvision's rgb_to_grayscale


def random_crop_keeping_boxes(
    image: tv_tensors.Image, boxes: tv_tensors.BoundingBoxes, generator: torch.Generator, min_scale: float = 0.5
) -> tuple[tv_tensors.Image, tv_tensors.BoundingBoxes]:
    """A random crop (at least ``min_scale`` of each side) that contains every box whole, resized back.

    Objects look larger and move about, and none is cut; with no box the crop is free.
    """
    height, width = image.shape[-2:]
    real = boxes[(boxes[:, 2] > boxes[:, 0])]
    if len(real):
        ux1, uy1 = float(real[:, 0].min()), float(real[:, 1].min())
        ux2, uy2 = float(real[:, 2].max()), float(real[:, 3].max())
    else:
        ux1, uy1, ux2, uy2 = width / 2, height / 2, width / 2, height / 2
    u = torch.rand(4, generator=generator, device=generator.device).tolist()
    crop_w = max(ux2 - ux1, width * (min_scale + (1 - min_scale) * u[0]))
    crop_h = max(uy2 - uy1, height * (min_scale + (1 - min_scale) * u[1]))
    left = min(max(0.0, ux2 - crop_w), ux1) + u[2] * max(0.0, min(ux1, width - crop_w) - max(0.0, ux2 - crop_w))
    top = min(max(0.0, uy2 - crop_h), uy1) + u[3] * max(0.0, min(uy1, height - crop_h) - max(0.0, uy2 - crop_h))
    left, top = int(max(0, min(left, width - crop_w))), int(max(0, min(top, height - crop_h)))
    crop_w, crop_h = int(min(width - left, round(crop_w) + 1)), int(min(height - top, round(crop_h) + 1))
    image, boxes = TF.crop(image, top, left, crop_h, crop_w), TF.crop(boxes, top, left, crop_h, crop_w)
    return TF.resize(image, [height, width], antialias=True), TF.resize(boxes, [height, width])


def zoom_out(
    image: tv_tensors.Image, boxes: tv_tensors.BoundingBoxes, generator: torch.Generator, max_ratio: float = 2.0
) -> tuple[tv_tensors.Image, tv_tensors.BoundingBoxes]:
    """The photo shrunk by up to ``max_ratio`` onto a canvas of its own size and mean colour: smaller objects.

    The same as ``v2.RandomZoomOut`` followed by a resize back, without building the large canvas.
    """
    height, width = image.shape[-2:]
    u = torch.rand(3, generator=generator, device=generator.device).tolist()
    ratio = 1 + (max_ratio - 1) * u[0]
    small_w, small_h = max(1, round(width / ratio)), max(1, round(height / ratio))
    left, top = int(u[1] * (width - small_w)), int(u[2] * (height - small_h))
    small = TF.resize(image, [small_h, small_w], antialias=True)
    canvas = image.float().mean(dim=(-2, -1), keepdim=True).round().to(image.dtype).expand_as(image).clone()
    canvas[..., top : top + small_h, left : left + small_w] = small
    boxes = TF.pad(TF.resize(boxes, [small_h, small_w]), [left, top, width - small_w - left, height - small_h - top])
    return tv_tensors.Image(canvas), boxes


def colour_jitter(images: torch.Tensor, generator: torch.Generator, strength: float = 0.3) -> torch.Tensor:
    """A uint8 batch (B, 3, H, W) with each image's brightness, contrast and saturation scaled by its own random
    factors in [1 - strength, 1 + strength]: torchvision's ``adjust_brightness/contrast/saturation`` in one pass."""
    factors = 1 + strength * (2 * torch.rand(3, len(images), 1, 1, 1, generator=generator, device=generator.device) - 1)
    x = (images.float() * factors[0]).clamp(0, 255)
    gray = lambda v: (GRAY_WEIGHTS.to(v.device)[:, None, None] * v).sum(dim=-3, keepdim=True)  # noqa: E731
    mean = gray(x).mean(dim=(-2, -1), keepdim=True)
    x = (mean + factors[1] * (x - mean)).clamp(0, 255)
    x = (gray(x) + factors[2] * (x - gray(x))).clamp(0, 255)
    return x.round().to(torch.uint8)


def augment_one(
    image: torch.Tensor, rows: torch.Tensor, generator: torch.Generator
) -> tuple[torch.Tensor, torch.Tensor]:
    """One uint8 photo (3, S, S) and its label rows (K, 5) -> both moved alike (crop or zoom-out, flip; padding
    rows stay -1). Colours are changed for the whole batch at once (``colour_jitter``)."""
    size = image.shape[-1]
    real = rows[:, 0] >= 0
    picture = tv_tensors.Image(image)
    boxes = tv_tensors.BoundingBoxes(rows[real, 1:] * size, format="XYXY", canvas_size=(size, size))
    u = torch.rand(3, generator=generator, device=generator.device).tolist()
    if u[0] < 0.5:
        picture, boxes = random_crop_keeping_boxes(picture, boxes, generator)
    elif u[0] < 0.8:
        picture, boxes = zoom_out(picture, boxes, generator)
    if u[1] < 0.5:
        picture, boxes = TF.horizontal_flip(picture), TF.horizontal_flip(boxes)
    out = rows.clone()
    out[real, 1:] = (boxes.as_subclass(torch.Tensor) / size).clamp(0, 1).to(rows.dtype)
    return picture.as_subclass(torch.Tensor), out


class OwnObjectsTask(DetectionTask):
    """The detection task with the photo augmentations above instead of flips only."""

    def augment(
        self, images: torch.Tensor, labels: torch.Tensor, config: object, generator: torch.Generator
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Each photo of the uint8 batch flipped, cropped or zoomed out and colour-jittered, its boxes moved along."""
        pairs = [augment_one(image, rows, generator) for image, rows in zip(images, labels, strict=True)]
        return colour_jitter(torch.stack([p[0] for p in pairs]), generator), torch.stack([p[1] for p in pairs])


def split(labels: LabelSet, size: int = OWN_SIZE, seed: int = 0) -> tuple[ImageArrays, ImageArrays]:
    """(train, validation) arrays from the photos that have boxes: a fifth (at least one) held out for mAP.

    The training part is repeated up to ``EPOCH_SAMPLES`` images so that one epoch is several augmented views.
    """
    items = [item for item in labels.images if item.boxes]
    if len(items) < MIN_IMAGES:
        raise LessonError("detection.own.error.too_few", count=len(items), need=MIN_IMAGES)
    classes = labels.classes
    data = to_arrays(items, classes, size)
    train, val = data.split(0.2, seed=seed)
    repeats = max(1, -(-EPOCH_SAMPLES // len(train)))
    return train.subset(torch.arange(len(train)).repeat(repeats)), val


def own_config(epochs: int = DEFAULT_EPOCHS, lr: float = DEFAULT_LR, batch_size: int = DEFAULT_BATCH) -> TrainConfig:
    """The engine settings: those of the Train TinySSD tab (AdamW, one-cycle, x / 255)."""
    return train_config(epochs, lr, batch_size)


def own_model(classes: tuple[str, ...], freeze: bool = True) -> TinySSD:
    """A TinySSD for ``classes`` with the shipped feature blocks (frozen unless ``freeze`` is False)."""
    return tinyssd_from_backbone(len(classes), freeze=freeze)


def make_detector(
    model: TinySSD, classes: tuple[str, ...], size: int, val: ImageArrays | None, map50: float | None
) -> Detector:
    """The trained model as a Detector for the Detect tab; its unlike-training check calibrated on ``val``."""
    model = model.eval()
    ood = calibrate_tinyssd(model, val.images) if val is not None and len(val) else None
    return Detector("own", model, tuple(classes), int(size), ood, map50)


def detector_bytes(detector: Detector) -> bytes:
    """The detector as the app's checkpoint file (state dict + JSON metadata with its class names)."""
    metrics = {"map50": float(detector.map50)} if detector.map50 is not None else {}
    meta = make_meta(
        MODEL_NAME,
        detector.classes,
        3,
        detector.input_size,
        (0.0, 0.0, 0.0),
        (1.0, 1.0, 1.0),
        task="detection",
        dataset="your objects",
        metrics=metrics,
    )
    return checkpoint_bytes(detector.model, meta)


def load_detector(data: bytes) -> Detector:
    """A detector from an uploaded checkpoint, with the same safety checks as every checkpoint (``read_checkpoint``:
    no code, capped metadata, real tensors), a TinySSD only, ≤ ``MAX_CLASSES`` classes, ``MIN_SIZE``–``MAX_SIZE`` px."""
    state, meta = read_checkpoint(data)
    if not meta:
        raise LessonError("checkpoint.error.bare")
    if meta["model"] != MODEL_NAME:
        raise LessonError("detection.own.error.not_detector", name=literal(excerpt(str(meta["model"]))))
    classes = tuple(check_label(name) for name in meta["classes"])
    if len(classes) > MAX_CLASSES:
        raise LessonError("detection.own.error.too_many.categories", count=len(classes), limit=MAX_CLASSES)
    size = int(meta["image_size"])
    if not MIN_SIZE <= size <= MAX_SIZE:
        raise LessonError("detection.own.error.size", size=size, low=MIN_SIZE, high=MAX_SIZE)
    model = build_and_load(lambda: TinySSD(len(classes)), state)
    map50 = meta.get("metrics", {}).get("map50")
    return Detector("own", model.eval(), classes, size, None, map50)
