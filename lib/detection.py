"""The detection pipeline the page runs: image in, boxes in the image's own pixels out.

TinySSD (shipped weights, offline) and torchvision's SSDlite320-MobileNetV3 / SSD300-VGG16 (COCO weights,
downloaded once) share one path: downscale big photos, run the model, keep boxes above the score
threshold after NMS, and map them back to original pixel coordinates.
"""

from __future__ import annotations

import copy
import io
import pickle
import struct
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import torch
from PIL import Image
from torch import nn
from torch.nn import functional as F
from torchvision import models
from torchvision.models import detection
from torchvision.transforms.functional import pil_to_tensor
from torchvision.utils import draw_bounding_boxes

from lib.detection_anchors import fast_detections
from lib.downloads import Progress, hub_path, hub_weights
from lib.errors import LessonError
from lib.images import fit_within
from lib.models.ssd import TinySSD
from lib.paths import WEIGHTS_DIR

TINYSSD_FILE = WEIGHTS_DIR / "tinyssd_shapes.pt"
MAX_SIDE = 1024  # photos are downscaled to this longer side before detection; boxes are mapped back


def to_model_input(images: torch.Tensor) -> torch.Tensor:
    """uint8 images (N, 3, H, W) -> float in [0, 1], the input TinySSD is trained on."""
    return images.float() / 255.0


@torch.no_grad()
def decode_tinyssd(
    model: nn.Module,
    images: torch.Tensor,
    score_threshold: float = 0.5,
    nms_threshold: float = 0.5,
    max_detections: int = 100,
) -> list[torch.Tensor]:
    """TinySSD detections for uint8 images (N, 3, S, S): per image (D, 6) ``[class, score, x1, y1, x2, y2]``.

    Boxes are normalised to [0, 1] and clipped to the image; class 0 is the first object class.
    """
    anchors, cls_preds, bbox_preds = model(to_model_input(images))
    return decode_outputs(anchors, cls_preds, bbox_preds, score_threshold, nms_threshold, max_detections)


def decode_outputs(
    anchors: torch.Tensor,
    cls_preds: torch.Tensor,
    bbox_preds: torch.Tensor,
    score_threshold: float = 0.5,
    nms_threshold: float = 0.5,
    max_detections: int = 100,
) -> list[torch.Tensor]:
    """TinySSD outputs -> per image (D, 6) ``[class, score, x1, y1, x2, y2]``: softmax, offsets, NMS, clip to [0, 1]."""
    cls_probs = F.softmax(cls_preds.float(), dim=2).permute(0, 2, 1)
    found = fast_detections(cls_probs, bbox_preds.float(), anchors, nms_threshold, score_threshold, max_detections)
    for rows in found:
        rows[:, 2:] = rows[:, 2:].clamp(0.0, 1.0)
    return found


@dataclass(frozen=True)
class OnlineDetector:
    """A torchvision COCO detector: its builder and weights enum (class names in ``meta["categories"]``)."""

    name: str
    builder: Callable[..., nn.Module]
    weights: models.WeightsEnum


ONLINE: dict[str, OnlineDetector] = {
    "ssdlite320": OnlineDetector(
        "ssdlite320",
        detection.ssdlite320_mobilenet_v3_large,
        detection.SSDLite320_MobileNet_V3_Large_Weights.COCO_V1,
    ),
    "ssd300": OnlineDetector("ssd300", detection.ssd300_vgg16, detection.SSD300_VGG16_Weights.COCO_V1),
}
DETECTORS: tuple[str, ...] = ("tinyssd", *ONLINE)


@dataclass
class Detector:
    """A ready model: ``name`` is "tinyssd" or a torchvision name; ``classes`` index its labels."""

    name: str
    model: nn.Module
    classes: tuple[str, ...]
    input_size: int  # TinySSD: the square side it was trained on; torchvision: its own resize target


def load_tinyssd(path: Path = TINYSSD_FILE) -> Detector:
    """The shipped TinySSD (weights only, strict), in eval mode, with the classes and input size it was trained on."""
    if not path.is_file():
        raise LessonError("detection.error.no_weights", path=str(path))
    try:
        checkpoint = torch.load(path, map_location="cpu", weights_only=True)
        meta = checkpoint["meta"]
        model = TinySSD(num_classes=len(meta["classes"]))
        model.load_state_dict(checkpoint["state_dict"], strict=True)
    except (
        RuntimeError,
        OSError,
        EOFError,
        KeyError,
        TypeError,
        ValueError,
        struct.error,
        pickle.UnpicklingError,
    ) as error:
        raise LessonError("detection.error.bad_weights", path=str(path)) from error
    return Detector("tinyssd", model.eval(), tuple(meta["classes"]), int(meta["image_size"]))


def online_cache_path(name: str) -> Path:
    """Where a torchvision detector's COCO weights live once downloaded (torch.hub's checkpoint cache)."""
    return hub_path(ONLINE[name].weights.url)


def is_cached(name: str) -> bool:
    """Whether ``name``'s weights are already on disk: then it works offline too."""
    return name == "tinyssd" or online_cache_path(name).is_file()


def build_online(name: str) -> nn.Module:
    """The torchvision detector with random weights and no backbone download (``weights_backbone=None``)."""
    if name not in ONLINE:
        raise LessonError("detection.error.unknown_model", name=name, known=", ".join(DETECTORS))
    return ONLINE[name].builder(weights=None, weights_backbone=None, num_classes=91)


def load_online(name: str, progress: Progress | None = None) -> Detector:
    """A torchvision COCO detector with its weights (downloaded once, progress reported; offline: LessonError)."""
    model = build_online(name)
    spec = ONLINE[name]
    path = hub_weights(spec.weights.url, fallback="detection.download.fallback", progress=progress)
    try:
        model.load_state_dict(torch.load(path, map_location="cpu", weights_only=True), strict=True)
    except (RuntimeError, OSError, EOFError, ValueError, struct.error, pickle.UnpicklingError) as error:
        raise LessonError("detection.error.bad_weights", path=str(path)) from error
    size = 320 if name == "ssdlite320" else 300
    return Detector(name, model.eval(), tuple(spec.weights.meta["categories"]), size)


# ---- the pipeline ------------------------------------------------------------------------------------------


@dataclass
class Detections:
    """What one photo gave: boxes (D, 4) in the original image's pixels, scores (D,), class names, timing."""

    boxes: torch.Tensor
    scores: torch.Tensor
    labels: list[str]
    latency_ms: float
    scale: float  # the downscale applied before detection (1.0 when the photo was small enough)

    def rows(self) -> list[dict[str, object]]:
        """One table row per detection, boxes rounded to whole pixels of the original image."""
        return [
            {
                "label": name,
                "score": round(float(score), 3),
                **dict(zip(("x1", "y1", "x2", "y2"), box.round().int().tolist(), strict=True)),
            }
            for name, score, box in zip(self.labels, self.scores, self.boxes, strict=True)
        ]


def check_thresholds(score_threshold: float, nms_threshold: float) -> None:
    """Refuse thresholds outside [0, 1] with a learner-facing message."""
    for name, value in (("score", score_threshold), ("nms", nms_threshold)):
        if not 0.0 <= value <= 1.0:
            raise LessonError("detection.error.threshold", name=name, value=value)


@torch.no_grad()
def _run_tinyssd(
    detector: Detector, image: Image.Image, score: float, nms: float, limit: int
) -> tuple[torch.Tensor, torch.Tensor, list[str]]:
    side = detector.input_size
    square = image.resize((side, side), Image.Resampling.BILINEAR)
    found = decode_tinyssd(detector.model, pil_to_tensor(square)[None], max(score, 1e-6), nms, limit)[0]
    boxes = found[:, 2:] * torch.tensor([image.width, image.height, image.width, image.height])
    names = [detector.classes[int(c)] for c in found[:, 0]]
    return boxes, found[:, 1], names


@torch.no_grad()
def _run_torchvision(
    detector: Detector, image: Image.Image, score: float, nms: float, limit: int
) -> tuple[torch.Tensor, torch.Tensor, list[str]]:
    model = copy.copy(detector.model)  # shallow: shares the weights, so per-call thresholds don't leak between users
    model.score_thresh, model.nms_thresh, model.detections_per_img = max(score, 1e-6), nms, limit
    output = model([pil_to_tensor(image).float() / 255.0])[0]
    names = [detector.classes[int(c)] for c in output["labels"]]
    return output["boxes"], output["scores"], names


def detect(
    detector: Detector,
    image: Image.Image,
    score_threshold: float = 0.5,
    nms_threshold: float = 0.5,
    max_detections: int = 100,
) -> Detections:
    """Detect objects in an RGB photo: downscale to ``MAX_SIDE``, run the model, map boxes to original pixels."""
    check_thresholds(score_threshold, nms_threshold)
    work, scale = fit_within(image, MAX_SIDE)
    run = _run_tinyssd if detector.name == "tinyssd" else _run_torchvision
    start = time.perf_counter()
    boxes, scores, names = run(detector, work, score_threshold, nms_threshold, max_detections)
    latency = (time.perf_counter() - start) * 1000
    back = torch.tensor([image.width / work.width, image.height / work.height] * 2)  # per axis: rounding-exact
    return Detections(boxes * back, scores, names, latency, scale)


def annotate(image: Image.Image, found: Detections, max_side: int = MAX_SIDE) -> Image.Image:
    """The photo (downscaled to ``max_side`` for display) with labelled boxes drawn by torchvision."""
    shown, scale = fit_within(image, max_side)
    pixels = pil_to_tensor(shown)
    if len(found.labels):
        texts = [f"{name} {score:.2f}" for name, score in zip(found.labels, found.scores.tolist(), strict=True)]
        width = max(2, round(max(shown.size) / 300))
        pixels = draw_bounding_boxes(pixels, found.boxes * scale, texts, colors="#ff3b30", width=width)
    return Image.fromarray(pixels.permute(1, 2, 0).numpy())


def draw_boxes(
    image: Image.Image,
    boxes: torch.Tensor,
    labels: list[str] | None = None,
    colors: str | list[str] = "#ff3b30",
    width: int = 2,
    fill: bool = False,
) -> Image.Image:
    """``image`` with boxes (N, 4) in *normalised* corner coordinates drawn on it (for the lesson figures)."""
    pixels = pil_to_tensor(image.convert("RGB"))
    if len(boxes):
        scale = torch.tensor([image.width, image.height, image.width, image.height], dtype=torch.float32)
        pixels = draw_bounding_boxes(pixels, boxes.float() * scale, labels, colors=colors, width=width, fill=fill)
    return Image.fromarray(pixels.permute(1, 2, 0).numpy())


def png_bytes(image: Image.Image) -> bytes:
    """The image as PNG, for a download button."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
