"""Training TinySSD: the notes' loss (cross-entropy + masked L1), class error, bbox MAE, and mAP@0.5.

``DetectionTask`` turns a batch of uint8 images and padded label rows into the loss and metrics, so the
same code serves the shared training engine, the training script and the page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F
from torchmetrics.detection import MeanAveragePrecision

from lib.anchor_grid import AnchorGrids
from lib.detection import TINYSSD_FILE, decode_outputs
from lib.detection_anchors import fast_multibox_target, real_rows
from lib.models.ssd import TinySSD, anchor_grids
from lib.train import TrainConfig

# The page's default run: the shipped feature blocks (frozen) with new heads, 256 Shapes-Detect scenes of 128×128,
# four epochs. bench/detection_default_run.py measures it (mAP@0.5 above 0.5 within two minutes on 2 CPU cores).
DEFAULT_COUNT, DEFAULT_SIZE, DEFAULT_EPOCHS, DEFAULT_LR, DEFAULT_BATCH = 256, 128, 4, 1e-2, 16

# COCOeval's own thresholds, as pycocotools builds them (float64). torchmetrics' defaults are float32 linspaces
# (0.65 becomes 0.6499999762), which moves mAP by up to 5e-4 away from COCOeval.
COCO_IOU_THRESHOLDS = np.linspace(0.5, 0.95, int(np.round((0.95 - 0.5) / 0.05)) + 1, endpoint=True).tolist()
COCO_RECALL_THRESHOLDS = np.linspace(0.0, 1.00, int(np.round((1.00 - 0.0) / 0.01)) + 1, endpoint=True).tolist()


def map_metric() -> MeanAveragePrecision:
    """COCO mAP (``map``, ``map_50``, ...) of (x1, y1, x2, y2) boxes, equal to pycocotools' COCOeval.

    torchmetrics runs COCOeval itself; passing COCOeval's float64 IoU and recall thresholds makes the result
    the same number, not one off by a float32 rounding of the thresholds.
    """
    return MeanAveragePrecision(
        box_format="xyxy",
        iou_type="bbox",
        backend="pycocotools",
        iou_thresholds=COCO_IOU_THRESHOLDS,
        rec_thresholds=COCO_RECALL_THRESHOLDS,
    )


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


def grids_of(model: nn.Module, images: torch.Tensor) -> AnchorGrids | None:
    """TinySSD's anchor grids for these images, so labeling takes the separable IoU; None for another model."""
    if not isinstance(model, TinySSD):
        return None
    return anchor_grids(images.shape[-2], images.shape[-1], str(images.device))


class DetectionTask:
    """The shared engine's task for SSD: notes' loss, class error and bbox MAE, mAP@0.5 on validation, flips.

    Images arrive normalised by the engine; TinySSD is trained on ``x / 255`` (mean 0, std 1 in ``TrainConfig``).
    Labels are (B, K, 5) rows ``[class, x1, y1, x2, y2]`` padded with -1.
    """

    def loss(self, model: nn.Module, images: torch.Tensor, labels: torch.Tensor) -> tuple[torch.Tensor, dict]:
        """Forward, label the anchors, and return the mean loss and this batch's metrics (0-d tensors)."""
        anchors, cls_preds, bbox_preds = model(images)
        return self.loss_from_outputs(anchors, cls_preds, bbox_preds, labels, grids_of(model, images))

    def evaluate(self, model: nn.Module, batches: Iterator[tuple[torch.Tensor, torch.Tensor]]) -> dict[str, float]:
        """Mean loss, class error, bbox MAE, and mAP@0.5 / mAP@0.5:0.95 (torchmetrics, COCO-style) over all batches."""
        metric = map_metric()
        sums: dict[str, float] = {}
        count = 0
        for images, labels in batches:
            anchors, cls_preds, bbox_preds = model(images)
            _, batch_metrics = self.loss_from_outputs(anchors, cls_preds, bbox_preds, labels, grids_of(model, images))
            for name, value in batch_metrics.items():
                sums[name] = sums.get(name, 0.0) + float(value) * len(images)
            count += len(images)
            found = decode_outputs(
                anchors, cls_preds, bbox_preds, score_threshold=0.01, nms_threshold=0.5, max_detections=100
            )
            predictions, targets = [], []
            for rows, label in zip(found, labels, strict=True):
                truth = real_rows(label).cpu()
                predictions.append(
                    {"boxes": rows[:, 2:].cpu(), "scores": rows[:, 1].cpu(), "labels": rows[:, 0].long().cpu()}
                )
                targets.append({"boxes": truth[:, 1:], "labels": truth[:, 0].long()})
            metric.update(predictions, targets)
        if count == 0:
            return {}
        result = metric.compute()
        return {name: total / count for name, total in sums.items()} | {
            "map50": float(result["map_50"]),
            "map": float(result["map"]),
        }

    def loss_from_outputs(
        self,
        anchors: torch.Tensor,
        cls_preds: torch.Tensor,
        bbox_preds: torch.Tensor,
        labels: torch.Tensor,
        grids: AnchorGrids | None = None,
    ) -> tuple[torch.Tensor, dict]:
        """The loss and metrics of model outputs already computed (used by ``evaluate``); ``grids``: the anchors'."""
        bbox_labels, bbox_masks, cls_labels = fast_multibox_target(anchors, labels, grids=grids)
        loss = calc_loss(cls_preds.float(), cls_labels, bbox_preds.float(), bbox_labels, bbox_masks).mean()
        with torch.no_grad():
            metrics = {
                "loss": loss.detach(),
                "class_error": (cls_preds.argmax(dim=-1) != cls_labels).float().mean(),
                "bbox_mae": torch.abs((bbox_labels - bbox_preds.detach()) * bbox_masks).mean(),
            }
        return loss, metrics

    def augment(
        self, images: torch.Tensor, labels: torch.Tensor, config: object, generator: torch.Generator
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Left-right flips that move the boxes too (crops are not used: they would cut objects)."""
        if not getattr(config, "flip", True):
            return images, labels
        return random_flip(images, labels, generator)


def random_flip(
    images: torch.Tensor, labels: torch.Tensor, generator: torch.Generator
) -> tuple[torch.Tensor, torch.Tensor]:
    """Mirror a random half of the batch left-right, boxes too (x -> 1 - x); padding rows stay -1."""
    flip = torch.rand(len(images), generator=generator, device=generator.device) < 0.5
    images = torch.where(flip[:, None, None, None], images.flip(-1), images)
    mirrored = labels.clone()
    mirrored[..., 1], mirrored[..., 3] = 1 - labels[..., 3], 1 - labels[..., 1]
    keep_padding = labels[..., :1] < 0
    mirrored = torch.where(keep_padding, labels, mirrored)
    return images, torch.where(flip[:, None, None], mirrored, labels)


def tinyssd_from_backbone(num_classes: int, path: Path = TINYSSD_FILE, freeze: bool = True) -> TinySSD:
    """A TinySSD whose five feature blocks come from the shipped weights and whose class/box heads are new.

    The shipped blocks already turn pictures of drawn shapes into useful feature maps, so only the small heads
    have to learn (frozen blocks: about a third of the work per step); this is what lets the page's default
    run reach a useful mAP on two CPU cores within a couple of minutes.
    """
    shipped = torch.load(path, map_location="cpu", weights_only=True)["state_dict"]
    model = TinySSD(num_classes)
    blocks = {key.removeprefix("blocks."): value for key, value in shipped.items() if key.startswith("blocks.")}
    model.blocks.load_state_dict(blocks, strict=True)
    model.blocks.requires_grad_(not freeze)
    return model


def train_config(epochs: int = DEFAULT_EPOCHS, lr: float = DEFAULT_LR, batch_size: int = DEFAULT_BATCH) -> TrainConfig:
    """The engine settings TinySSD trains with on the page: AdamW, one-cycle, flips, inputs as ``x / 255``."""
    return TrainConfig(
        optimizer="adamw",
        lr=lr,
        weight_decay=5e-4,
        schedule="onecycle",
        batch_size=batch_size,
        epochs=epochs,
        flip=True,
        mean=(0.0, 0.0, 0.0),
        std=(1.0, 1.0, 1.0),
        channels_last=False,
    )


def val_count(count: int) -> int:
    """How many held-out Shapes-Detect scenes measure mAP for ``count`` training scenes (enough to be stable)."""
    return max(16, count // 4)
