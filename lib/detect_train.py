"""Training TinySSD: the notes' loss (cross-entropy + masked L1), class error, bbox MAE, and mAP@0.5.

``DetectionTask`` turns a batch of uint8 images and padded label rows into the loss and metrics, so the
same code serves the shared training engine, the training script and the page.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn
from torch.nn import functional as F
from torchmetrics.detection import MeanAveragePrecision

from lib.anchors import fast_multibox_target, real_rows
from lib.data.arrays import ImageArrays
from lib.detect import decode_tinyssd, to_model_input


def calc_loss(
    cls_preds: torch.Tensor,
    cls_labels: torch.Tensor,
    bbox_preds: torch.Tensor,
    bbox_labels: torch.Tensor,
    bbox_masks: torch.Tensor,
) -> torch.Tensor:
    """Per-image loss (B,): mean cross-entropy over anchors plus mean L1 over offsets of object anchors only."""
    batch_size, num_classes = cls_preds.shape[0], cls_preds.shape[2]
    cls = F.cross_entropy(cls_preds.reshape(-1, num_classes), cls_labels.reshape(-1), reduction="none")
    cls = cls.reshape(batch_size, -1).mean(dim=1)
    bbox = F.l1_loss(bbox_preds * bbox_masks, bbox_labels * bbox_masks, reduction="none").mean(dim=1)
    return cls + bbox


def class_error(cls_preds: torch.Tensor, cls_labels: torch.Tensor) -> float:
    """Fraction of anchors whose predicted class (background included) is wrong."""
    return float((cls_preds.detach().argmax(dim=-1) != cls_labels).float().mean())


def bbox_mae(bbox_preds: torch.Tensor, bbox_labels: torch.Tensor, bbox_masks: torch.Tensor) -> float:
    """Mean absolute offset error, averaged over every offset entry as in the notes (background entries count 0)."""
    return float((torch.abs((bbox_labels - bbox_preds.detach()) * bbox_masks)).mean())


@dataclass(frozen=True)
class DetectionTask:
    """Loss and metrics of SSD training: images uint8 (B, 3, S, S), labels (B, K, 5) padded with -1."""

    name: str = "detection"
    metric_names: tuple[str, ...] = ("class_error", "bbox_mae")

    def loss(
        self, model: nn.Module, images: torch.Tensor, labels: torch.Tensor
    ) -> tuple[torch.Tensor, dict[str, float]]:
        """Forward, label the anchors, and return the mean loss and this batch's metrics."""
        anchors, cls_preds, bbox_preds = model(to_model_input(images))
        bbox_labels, bbox_masks, cls_labels = fast_multibox_target(anchors, labels.to(anchors.device))
        loss = calc_loss(cls_preds, cls_labels, bbox_preds, bbox_labels, bbox_masks).mean()
        with torch.no_grad():
            metrics = {
                "class_error": class_error(cls_preds, cls_labels),
                "bbox_mae": bbox_mae(bbox_preds, bbox_labels, bbox_masks),
            }
        return loss, metrics


def random_flip(
    images: torch.Tensor, labels: torch.Tensor, generator: torch.Generator
) -> tuple[torch.Tensor, torch.Tensor]:
    """Mirror a random half of the batch left-right, boxes too (x -> 1 - x); padding rows stay -1."""
    flip = torch.rand(len(images), generator=generator) < 0.5
    images = torch.where(flip[:, None, None, None], images.flip(-1), images)
    mirrored = labels.clone()
    mirrored[..., 1], mirrored[..., 3] = 1 - labels[..., 3], 1 - labels[..., 1]
    keep_padding = labels[..., :1] < 0
    mirrored = torch.where(keep_padding, labels, mirrored)
    return images, torch.where(flip[:, None, None], mirrored, labels)


@torch.no_grad()
def mean_average_precision(
    model: nn.Module, data: ImageArrays, batch_size: int = 32, device: torch.device | str = "cpu"
) -> dict[str, float]:
    """mAP@0.5 (and mAP@0.5:0.95) of TinySSD on ``data``, computed by torchmetrics' COCO-style evaluator."""
    was_training = model.training
    model.eval()
    metric = MeanAveragePrecision(box_format="xyxy", iou_type="bbox", backend="pycocotools")
    for start in range(0, len(data), batch_size):
        images = data.images[start : start + batch_size].to(device)
        detections = decode_tinyssd(model, images, score_threshold=0.01, nms_threshold=0.5, max_detections=100)
        predictions, targets = [], []
        for found, label in zip(detections, data.labels[start : start + batch_size], strict=True):
            truth = real_rows(label)
            predictions.append(
                {"boxes": found[:, 2:].cpu(), "scores": found[:, 1].cpu(), "labels": found[:, 0].long().cpu()}
            )
            targets.append({"boxes": truth[:, 1:], "labels": truth[:, 0].long()})
        metric.update(predictions, targets)
    result = metric.compute()
    model.train(was_training)
    return {"map50": float(result["map_50"]), "map": float(result["map"])}
