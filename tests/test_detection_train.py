"""TinySSD training pieces: the notes' loss, class error, bbox MAE, flips that move boxes, and mAP@0.5."""

from __future__ import annotations

import pytest
import torch
from torch.nn import functional as F

from lib.data.shapes_detect import make_shapes_detect
from lib.detection_anchors import multibox_target
from lib.detection_train import DetectionTask, bbox_mae, calc_loss, class_error, random_flip
from lib.models.ssd import TinySSD
from lib.train import EpochEvent, TrainConfig, fit


def test_loss_and_metrics_match_the_notes_formulas() -> None:
    torch.manual_seed(0)
    data = make_shapes_detect(2, seed=1, image_size=64)
    model = TinySSD(4)
    loss, metrics = DetectionTask().loss(model, data.images.float() / 255, data.labels)
    anchors, cls_preds, bbox_preds = model(data.images.float() / 255)
    offsets, mask, classes = multibox_target(anchors, data.labels)
    ce = F.cross_entropy(cls_preds.reshape(-1, 5), classes.reshape(-1), reduction="none").reshape(2, -1).mean(1)
    l1 = ((bbox_preds - offsets).abs() * mask).mean(1)
    torch.testing.assert_close(loss, (ce + l1).mean())
    torch.testing.assert_close(calc_loss(cls_preds, classes, bbox_preds, offsets, mask), ce + l1)
    assert float(metrics["class_error"]) == pytest.approx(class_error(cls_preds, classes))
    assert 0 <= float(metrics["class_error"]) <= 1
    assert float(metrics["bbox_mae"]) == pytest.approx(bbox_mae(bbox_preds, offsets, mask))


def test_random_flip_mirrors_boxes_and_keeps_padding() -> None:
    data = make_shapes_detect(8, seed=2, image_size=64)
    images, labels = random_flip(data.images, data.labels, torch.Generator().manual_seed(0))
    assert not torch.equal(images, data.images)
    for i in range(8):
        same = torch.equal(images[i], data.images[i])
        real = data.labels[i, :, 0] >= 0
        if same:
            assert torch.equal(labels[i], data.labels[i])
        else:
            assert torch.equal(images[i], data.images[i].flip(-1))
            torch.testing.assert_close(labels[i, real, 1], 1 - data.labels[i, real, 3])
            torch.testing.assert_close(labels[i, real, 3], 1 - data.labels[i, real, 1])
        assert (labels[i, ~real] == -1).all()


def test_detection_trains_through_the_shared_engine() -> None:
    torch.manual_seed(0)
    data = make_shapes_detect(8, seed=4, image_size=64)
    config = TrainConfig(optimizer="adamw", lr=3e-3, batch_size=4, epochs=1, flip=True, mean=(0.0,) * 3, std=(1.0,) * 3)
    events = []
    history = fit(TinySSD(4), data, data.subset(torch.arange(4)), config, task=DetectionTask(), on_event=events.append)
    assert history.status == "done", history.error
    epoch = next(e for e in events if isinstance(e, EpochEvent))
    assert {"class_error", "bbox_mae"} <= set(epoch.train) and {"map50", "class_error"} <= set(epoch.val)
