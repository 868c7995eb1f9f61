"""A compact ResNet for 64×64 images: the backbone this project pretrains offline for the fine-tuning page.

A stride-2 3×3 stem (64 → 32), then four stages of one basic residual block each (32, 64, 128, 256 channels;
strides 1, 2, 2, 2: 32 → 4), global average pooling and a linear head. About 1.2 M parameters (< 5 MB),
cheap enough to pretrain on a laptop CPU in minutes, deep enough to have "low" and "high" layers to freeze.
"""

from __future__ import annotations

from collections import OrderedDict

from torch import nn

from lib.models.small_resnet import ResidualBlock

WIDTHS = (32, 64, 128, 256)


def compact_resnet(num_classes: int = 10, in_channels: int = 3, image_size: int = 64) -> nn.Sequential:
    """stem → layer1..layer4 (one residual block each) → global average pool → linear; any input size works."""
    layers: OrderedDict[str, nn.Module] = OrderedDict(
        stem=nn.Sequential(
            nn.Conv2d(in_channels, WIDTHS[0], 3, stride=2, padding=1, bias=False),
            nn.BatchNorm2d(WIDTHS[0]),
            nn.ReLU(),
        )
    )
    channels = WIDTHS[0]
    for i, width in enumerate(WIDTHS, start=1):
        layers[f"layer{i}"] = nn.Sequential(ResidualBlock(channels, width, stride=1 if i == 1 else 2))
        channels = width
    layers.update(avgpool=nn.AdaptiveAvgPool2d(1), flatten=nn.Flatten(), fc=nn.Linear(channels, num_classes))
    return nn.Sequential(layers)
