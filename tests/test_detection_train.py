"""TinySSD training pieces: the notes' loss, class error, bbox MAE, flips that move boxes, and mAP@0.5."""

from __future__ import annotations

import pytest
import torch
from torch.nn import functional as F

from lib.data.shapes_detect import make_shapes_detect
from lib.detection_anchors import multibox_target
from lib.detection_train import DetectionTask, bbox_mae, calc_loss, class_error, mean_average_precision, random_flip
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


def test_map_is_a_fraction() -> None:
    torch.manual_seed(0)
    scores = mean_average_precision(TinySSD(4), make_shapes_detect(4, seed=3, image_size=64), batch_size=2)
    assert set(scores) == {"loss", "class_error", "bbox_mae", "map50", "map"}
    assert 0.0 <= scores["map"] <= scores["map50"] <= 1.0


def test_detection_trains_through_the_shared_engine() -> None:
    torch.manual_seed(0)
    data = make_shapes_detect(8, seed=4, image_size=64)
    config = TrainConfig(optimizer="adamw", lr=3e-3, batch_size=4, epochs=1, flip=True, mean=(0.0,) * 3, std=(1.0,) * 3)
    events = []
    history = fit(TinySSD(4), data, data.subset(torch.arange(4)), config, task=DetectionTask(), on_event=events.append)
    assert history.status == "done", history.error
    epoch = next(e for e in events if isinstance(e, EpochEvent))
    assert {"class_error", "bbox_mae"} <= set(epoch.train) and {"map50", "class_error"} <= set(epoch.val)


# ---- the page's default start: the shipped feature blocks, frozen, with new heads -------------------------------


def test_backbone_start_copies_and_freezes_the_shipped_blocks() -> None:
    from lib.detection import TINYSSD_FILE
    from lib.detection_train import tinyssd_from_backbone, train_config

    shipped = torch.load(TINYSSD_FILE, map_location="cpu", weights_only=True)["state_dict"]
    torch.manual_seed(0)
    model = tinyssd_from_backbone(4)
    for key, value in model.blocks.state_dict().items():
        assert torch.equal(value, shipped[f"blocks.{key}"]), key
    assert not any(p.requires_grad for p in model.blocks.parameters())
    assert all(p.requires_grad for p in model.cls.parameters()) and model.cls[0].out_channels == 4 * 5
    weights = {k: v.clone() for k, v in model.blocks.named_parameters()}
    data = make_shapes_detect(8, seed=6, image_size=64)
    history = fit(model, data, data.subset(torch.arange(4)), train_config(epochs=1, batch_size=4), task=DetectionTask())
    assert history.status == "done", history.error
    assert all(torch.equal(v, dict(model.blocks.named_parameters())[k]) for k, v in weights.items())
