"""The detection pipeline the page runs: image in, boxes in the image's own pixels out.

TinySSD (shipped weights, offline) and torchvision's SSDlite320-MobileNetV3 / SSD300-VGG16 (COCO weights,
downloaded once) share one path: downscale big photos, run the model, keep boxes above the score
threshold after NMS, and map them back to original pixel coordinates.
"""

from __future__ import annotations

import copy
import pickle
import re
import struct
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import torch
from PIL import Image
from torch import nn
from torch.nn import functional as F
from torchvision import models, ops
from torchvision.models import detection
from torchvision.transforms.functional import pil_to_tensor

from lib.data.shapes_detect import make_shapes_detect
from lib.detection_anchors import fast_detections, offset_inverse
from lib.downloads import Progress, hub_path, hub_weights
from lib.errors import LessonError
from lib.images import fit_within
from lib.models.ssd import TinySSD
from lib.ood import OodCheck, fit_check
from lib.paths import WEIGHTS_DIR

TINYSSD_FILE = WEIGHTS_DIR / "tinyssd_shapes.pt"
MAX_SIDE = 1024  # photos are downscaled to this longer side before detection; boxes are mapped back
# The unlike-training check: energy of each shown box, thresholded on the detector's own validation scenes.
OOD_KIND = "energy"
CALIBRATION_SCENES = 32
CALIBRATION_SEED = 1  # Shapes-Detect seed of the shipped weights' validation set (train seed 0, val seed + 1)
CALIBRATION_SCORE = 0.5  # boxes the page shows by default: the ones the threshold is calibrated on


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


@torch.no_grad()
def tinyssd_boxes(
    model: nn.Module,
    images: torch.Tensor,
    score_threshold: float = 0.5,
    nms_threshold: float = 0.5,
    max_detections: int = 100,
) -> list[tuple[torch.Tensor, torch.Tensor]]:
    """Per uint8 image (N, 3, S, S): its detections (D, 6) as ``decode_tinyssd`` and each box's logits (D, C+1).

    The same steps as ``fast_detections`` (softmax, candidates over the threshold, offsets, ``ops.nms``), keeping
    the anchor of every kept box so that its class logits can say how familiar the box looks to the model.
    """
    anchors, cls_preds, bbox_preds = model(to_model_input(images))
    anchors = anchors.squeeze(0)
    out = []
    for logits, offsets in zip(cls_preds.float(), bbox_preds.float(), strict=True):
        conf, class_id = F.softmax(logits, dim=1)[:, 1:].max(dim=1)
        candidates = torch.nonzero(conf >= score_threshold).reshape(-1)
        boxes = offset_inverse(anchors[candidates], offsets.reshape(-1, 4)[candidates])
        keep = ops.nms(boxes, conf[candidates], nms_threshold)[:max_detections]
        index = candidates[keep]
        rows = torch.cat((class_id[index, None].float(), conf[index, None], boxes[keep].clamp(0.0, 1.0)), dim=1)
        out.append((rows, logits[index]))
    return out


def calibrate_tinyssd(model: nn.Module, images: torch.Tensor, keep: float = 0.95) -> OodCheck | None:
    """The unlike-training check of a TinySSD: the energy that ``keep`` of its boxes on held-out scenes reach.

    ``images`` (N, 3, S, S) uint8 are validation scenes of its own domain; boxes are those scoring at least
    ``CALIBRATION_SCORE``. ``None`` when the model finds no box there (nothing to calibrate on).
    """
    found = tinyssd_boxes(model, images, CALIBRATION_SCORE)
    logits = torch.cat([box_logits for _, box_logits in found])
    return fit_check(logits, OOD_KIND, keep) if len(logits) else None


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


def coco_key(name: str) -> str:
    """The i18n key of a COCO category as torchvision's ``meta["categories"]`` names it, so a page can show it in
    the learner's language: "traffic light" -> "detection.coco.traffic_light", "N/A" -> "detection.coco.n_a"."""
    return "detection.coco." + re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


@dataclass
class Detector:
    """A ready model: ``name`` is "tinyssd" or a torchvision name; ``classes`` index its labels."""

    name: str
    model: nn.Module
    classes: tuple[str, ...]
    input_size: int  # TinySSD: the square side it was trained on; torchvision: its own resize target
    ood: OodCheck | None = None  # TinySSD: boxes unlike its training data score below this (None: no check)
    map50: float | None = None  # validation mAP@0.5 when known (a detector trained on the page)


def load_tinyssd(path: Path = TINYSSD_FILE, calibrate: bool = True) -> Detector:
    """The shipped TinySSD (weights only, strict), in eval mode, with the classes and input size it was trained on.

    With ``calibrate``, its unlike-training check is fitted on Shapes-Detect validation scenes (about a second).
    """
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
    size = int(meta["image_size"])
    model.eval()
    ood = None
    if calibrate:
        scenes = make_shapes_detect(CALIBRATION_SCENES, seed=CALIBRATION_SEED, image_size=size).images
        ood = calibrate_tinyssd(model, scenes)
    return Detector("tinyssd", model, tuple(meta["classes"]), size, ood)


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
    """What one photo gave: boxes (D, 4) in the original image's pixels, scores (D,), class names, timing.

    ``familiarity`` (D,) is each box's energy (TinySSD only; empty otherwise) and ``unlike`` (D,) marks the boxes
    below the detector's calibrated threshold: unlike anything in its training data.
    """

    boxes: torch.Tensor
    scores: torch.Tensor
    labels: list[str]
    latency_ms: float
    scale: float  # the downscale applied before detection (1.0 when the photo was small enough)
    model_size: tuple[int, int] = (0, 0)  # (width, height) of the picture the model itself saw
    familiarity: torch.Tensor = field(default_factory=lambda: torch.empty(0))
    unlike: torch.Tensor = field(default_factory=lambda: torch.empty(0, dtype=torch.bool))

    def rows(self) -> list[dict[str, object]]:
        """One table row per detection, boxes rounded to whole pixels of the original image."""
        rows = []
        for i, (name, score, box) in enumerate(zip(self.labels, self.scores, self.boxes, strict=True)):
            row: dict[str, object] = {"label": name, "score": round(float(score), 3)}
            row |= dict(zip(("x1", "y1", "x2", "y2"), box.round().int().tolist(), strict=True))
            if len(self.familiarity):
                row |= {"energy": round(float(self.familiarity[i]), 2), "unlike": bool(self.unlike[i])}
            rows.append(row)
        return rows


def check_thresholds(score_threshold: float, nms_threshold: float) -> None:
    """Refuse thresholds outside [0, 1] with a learner-facing message."""
    for name, value in (("score", score_threshold), ("nms", nms_threshold)):
        if not 0.0 <= value <= 1.0:
            raise LessonError("detection.error.threshold", name=name, value=value)


@dataclass
class _Raw:
    boxes: torch.Tensor  # (D, 4) in the pixels of the picture given to the runner
    scores: torch.Tensor
    names: list[str]
    model_size: tuple[int, int]
    logits: torch.Tensor | None = None  # (D, C+1) per box, TinySSD only


@torch.no_grad()
def _run_tinyssd(detector: Detector, image: Image.Image, score: float, nms: float, limit: int) -> _Raw:
    side = detector.input_size
    square = image.resize((side, side), Image.Resampling.BILINEAR)
    rows, logits = tinyssd_boxes(detector.model, pil_to_tensor(square)[None], max(score, 1e-6), nms, limit)[0]
    boxes = rows[:, 2:] * torch.tensor([image.width, image.height, image.width, image.height])
    names = [detector.classes[int(c)] for c in rows[:, 0]]
    return _Raw(boxes, rows[:, 1], names, (side, side), logits)


@torch.no_grad()
def _run_torchvision(detector: Detector, image: Image.Image, score: float, nms: float, limit: int) -> _Raw:
    model = copy.copy(detector.model)  # shallow: shares the weights, so per-call thresholds don't leak between users
    model.score_thresh, model.nms_thresh, model.detections_per_img = max(score, 1e-6), nms, limit
    output = model([pil_to_tensor(image).float() / 255.0])[0]
    names = [detector.classes[int(c)] for c in output["labels"]]
    return _Raw(output["boxes"], output["scores"], names, (detector.input_size, detector.input_size))


def detect(
    detector: Detector,
    image: Image.Image,
    score_threshold: float = 0.5,
    nms_threshold: float = 0.5,
    max_detections: int = 100,
) -> Detections:
    """Detect objects in an RGB photo: downscale to ``MAX_SIDE``, run the model, map boxes to original pixels.

    A TinySSD with a calibrated check also scores every box for how like its training data it looks.
    """
    check_thresholds(score_threshold, nms_threshold)
    work, scale = fit_within(image, MAX_SIDE)
    run = _run_tinyssd if isinstance(detector.model, TinySSD) else _run_torchvision
    start = time.perf_counter()
    raw = run(detector, work, score_threshold, nms_threshold, max_detections)
    latency = (time.perf_counter() - start) * 1000
    back = torch.tensor([image.width / work.width, image.height / work.height] * 2)  # per axis: rounding-exact
    found = Detections(raw.boxes * back, raw.scores, raw.names, latency, scale, raw.model_size)
    if detector.ood is not None and raw.logits is not None:
        found.familiarity = detector.ood.scores(raw.logits).float()
        found.unlike = detector.ood.unlike_training(raw.logits)
    return found
