"""The detection pipeline the page runs: image in, boxes in the image's own pixels out.

TinySSD (shipped weights, offline) and torchvision's SSDlite320-MobileNetV3 / SSD300-VGG16 (COCO weights,
downloaded once) share one path: downscale big photos, run the model, keep boxes above the score
threshold after NMS, and map them back to original pixel coordinates.
"""

from __future__ import annotations

import torch
from torch import nn
from torch.nn import functional as F

from lib.anchors import fast_detections


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
    cls_probs = F.softmax(cls_preds, dim=2).permute(0, 2, 1)
    found = fast_detections(cls_probs, bbox_preds, anchors, nms_threshold, score_threshold, max_detections)
    for rows in found:
        rows[:, 2:] = rows[:, 2:].clamp(0.0, 1.0)
    return found
