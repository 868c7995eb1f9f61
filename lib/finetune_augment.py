"""Data augmentation for fine-tuning with ``torchvision.transforms.v2``: the pipeline and a preview of it.

Train time: RandomResizedCrop(scale, ratio) → flips → rotation → ColorJitter; evaluation resizes to the input
size. MixUp/CutMix act on whole batches (they blend images *and* labels), so they are separate from the per-image pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torchvision.transforms import v2

from lib.errors import LessonError


@dataclass(frozen=True)
class AugmentConfig:
    """The knobs of the augmentation pipeline (fractions and degrees as the learner sets them)."""

    size: int = 64
    scale_min: float = 0.5  # RandomResizedCrop keeps 50–100 % of the area
    ratio_min: float = 3 / 4
    ratio_max: float = 4 / 3
    hflip: bool = True
    vflip: bool = False
    rotation: float = 0.0  # degrees, ±
    brightness: float = 0.2
    contrast: float = 0.2
    saturation: float = 0.2
    hue: float = 0.0
    mixup: bool = False
    cutmix: bool = False


def check(config: AugmentConfig) -> None:
    """Refuse settings the transforms would reject, with a sentence instead of a traceback."""
    if not 8 <= config.size <= 512:
        raise LessonError("finetune.error.size", size=config.size)
    if not 0.01 <= config.scale_min <= 1.0:
        raise LessonError("finetune.error.scale", scale=config.scale_min)
    if not 0 < config.ratio_min <= config.ratio_max:
        raise LessonError("finetune.error.ratio", low=config.ratio_min, high=config.ratio_max)
    if not 0 <= config.hue <= 0.5 or min(config.brightness, config.contrast, config.saturation) < 0:
        raise LessonError("finetune.error.jitter")


def train_transform(config: AugmentConfig) -> v2.Compose:
    """Per-image training augmentation on uint8 (C, H, W) tensors, ending at ``config.size`` square."""
    check(config)
    steps: list[v2.Transform] = [
        v2.RandomResizedCrop(
            config.size, scale=(config.scale_min, 1.0), ratio=(config.ratio_min, config.ratio_max), antialias=True
        )
    ]
    if config.hflip:
        steps.append(v2.RandomHorizontalFlip())
    if config.vflip:
        steps.append(v2.RandomVerticalFlip())
    if config.rotation > 0:
        steps.append(v2.RandomRotation(config.rotation))
    if max(config.brightness, config.contrast, config.saturation, config.hue) > 0:
        steps.append(v2.ColorJitter(config.brightness, config.contrast, config.saturation, config.hue))
    return v2.Compose(steps)


def batch_mix(config: AugmentConfig, num_classes: int) -> v2.Transform | None:
    """MixUp and/or CutMix (one of them per batch when both are on), or None."""
    mixes = []
    if config.mixup:
        mixes.append(v2.MixUp(num_classes=num_classes))
    if config.cutmix:
        mixes.append(v2.CutMix(num_classes=num_classes))
    if not mixes:
        return None
    return mixes[0] if len(mixes) == 1 else v2.RandomChoice(mixes)


def preview(image: torch.Tensor, config: AugmentConfig, n: int = 8, seed: int = 0) -> list[torch.Tensor]:
    """``n`` augmented versions (uint8 C×H×W) of one uint8 image, reproducible from ``seed``.

    With MixUp/CutMix on, each version is mixed with a horizontally flipped, colour-inverted copy of the
    image (a stand-in for "another image of the batch") so the blend is visible.
    """
    check(config)
    generator_state = torch.random.get_rng_state()
    try:
        torch.manual_seed(seed)
        pipeline = train_transform(config)
        versions = [pipeline(image) for _ in range(n)]
        mix = batch_mix(config, 2)
        if mix is not None:
            partner = [255 - v.flip(-1) for v in versions]
            mixed = []
            for version, other in zip(versions, partner, strict=True):
                pair = torch.stack([version, other]).float() / 255
                blended, _ = mix(pair, torch.tensor([0, 1]))
                mixed.append((blended[0] * 255).round().clamp(0, 255).to(torch.uint8))
            versions = mixed
        return versions
    finally:
        torch.random.set_rng_state(generator_state)
