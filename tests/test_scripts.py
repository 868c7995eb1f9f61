"""The weight-training scripts run end to end on CPU with a tiny budget and write files the app loads."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import torch

from lib.detection import load_tinyssd
from lib.finetune_sources import load_offline
from lib.paths import WEIGHTS_DIR


def run_script(main, monkeypatch: pytest.MonkeyPatch, *argv: str) -> None:
    monkeypatch.setattr(sys, "argv", ["script", *argv])
    main()


def test_pretrain_backbone_writes_a_backbone_the_fine_tuning_page_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scripts.pretrain_backbone import main

    out = tmp_path / "backbone.pt"
    manifest = (WEIGHTS_DIR / "manifest.json").read_bytes()
    run_script(
        main,
        monkeypatch,
        "--train",
        "48",
        "--val",
        "16",
        "--epochs",
        "1",
        "--batch",
        "16",
        "--device",
        "cpu",
        "--out",
        str(out),
    )
    backbone = load_offline(out)
    assert backbone.name == "compact_resnet" and backbone.image_size == 64 and len(backbone.classes) == 10
    assert 0 <= backbone.meta["val_accuracy"] <= 1
    assert (WEIGHTS_DIR / "manifest.json").read_bytes() == manifest  # only files in weights/ are recorded


def test_train_tinyssd_writes_a_detector_the_detection_page_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scripts.train_tinyssd import main

    out = tmp_path / "tinyssd.pt"
    run_script(
        main,
        monkeypatch,
        "--train",
        "16",
        "--val",
        "4",
        "--epochs",
        "1",
        "--batch",
        "8",
        "--image-size",
        "64",
        "--workers",
        "1",
        "--device",
        "cpu",
        "--out",
        str(out),
    )
    detector = load_tinyssd(out)
    assert detector.classes == ("circle", "square", "triangle", "star")


def test_train_weights_writes_classifiers_the_train_page_can_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lib.checkpoints import restore
    from scripts.train_weights import main

    manifest = (WEIGHTS_DIR / "manifest.json").read_bytes()
    run_script(
        main,
        monkeypatch,
        "--only",
        "cifar10_quick_relu",
        "--train",
        "64",
        "--val",
        "16",
        "--epochs",
        "1",
        "--device",
        "cpu",
        "--out-dir",
        str(tmp_path),
    )
    model, meta = restore((tmp_path / "cifar10_quick_relu_shapes.pt").read_bytes())  # as the Train page's upload
    assert meta["model"] == "cifar10_quick_relu" and meta["image_size"] == 32 and len(meta["classes"]) == 10
    assert "val_accuracy" in meta["metrics"]
    assert model(torch.zeros(2, 3, 32, 32)).shape == (2, 10)
    assert (WEIGHTS_DIR / "manifest.json").read_bytes() == manifest
