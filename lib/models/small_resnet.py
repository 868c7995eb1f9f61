"""The notes' small ResNet for 32×32 images (16 → 32 → 64 channels, 2 blocks per stage), with correct blocks.

The notes' code mis-indents the projection shortcut; here a block adds a 1×1 projection (conv + BN) exactly
when its stride or channel count changes the shape, and the identity otherwise.
"""

from __future__ import annotations

import torch
from torch import nn


class ResidualBlock(nn.Module):
    """Basic block: relu(bn(conv3×3(relu(bn(conv3×3(x))))) + shortcut(x))."""

    def __init__(self, in_channels: int, out_channels: int, stride: int = 1) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(out_channels)
        self.relu = nn.ReLU()
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_channels)
        self.shortcut: nn.Module = nn.Identity()
        if stride != 1 or in_channels != out_channels:
            self.shortcut = nn.Sequential(
                nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False), nn.BatchNorm2d(out_channels)
            )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + self.shortcut(x))


def _stage(in_channels: int, out_channels: int, blocks: int, stride: int) -> nn.Sequential:
    """``blocks`` residual blocks; only the first may change stride and channels."""
    layers = [ResidualBlock(in_channels, out_channels, stride)]
    layers += [ResidualBlock(out_channels, out_channels) for _ in range(blocks - 1)]
    return nn.Sequential(*layers)


class SmallResNet(nn.Module):
    """conv3×3(16) → 3 stages (16, 32, 64 channels; strides 1, 2, 2) → global average pool → linear."""

    def __init__(self, num_classes: int = 10, in_channels: int = 3, blocks: tuple[int, ...] = (2, 2, 2)) -> None:
        super().__init__()
        self.conv = nn.Conv2d(in_channels, 16, 3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(16)
        self.relu = nn.ReLU()
        self.layer1 = _stage(16, 16, blocks[0], stride=1)
        self.layer2 = _stage(16, 32, blocks[1], stride=2)
        self.layer3 = _stage(32, 64, blocks[2], stride=2)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.flatten = nn.Flatten()
        self.fc = nn.Linear(64, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.relu(self.bn(self.conv(x)))
        x = self.layer3(self.layer2(self.layer1(x)))
        return self.fc(self.flatten(self.avgpool(x)))


def small_resnet(num_classes: int = 10, in_channels: int = 3, image_size: int = 32) -> SmallResNet:
    """The notes' ``ResNet18()`` (really 14 layers: 1 + 3·2·2 convs + fc); the global pool makes it work for any input size."""
    return SmallResNet(num_classes, in_channels)
