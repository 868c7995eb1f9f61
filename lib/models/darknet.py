"""A correct Darknet-53 classifier (YOLOv3's backbone): 52 convs with BatchNorm and LeakyReLU(0.1), plus a linear.

The notes' version never adds the block input back (and has a typo, ``selfconv3``); here every residual block
returns ``x + branch(x)``. Stages: a 3×3 conv to 32 channels, then five times "stride-2 3×3 conv doubling the
channels, followed by 1, 2, 8, 8, 4 residual blocks", then global average pooling and a linear head.
"""

from __future__ import annotations

from collections import OrderedDict

import torch
from torch import nn

BLOCKS_PER_STAGE = (1, 2, 8, 8, 4)
LEAKY_SLOPE = 0.1


def conv_bn_leaky(in_channels: int, out_channels: int, kernel_size: int, stride: int = 1) -> nn.Sequential:
    """Darknet's basic unit: conv (no bias: BN supplies it) → BatchNorm → LeakyReLU(0.1)."""
    return nn.Sequential(
        nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding=kernel_size // 2, bias=False),
        nn.BatchNorm2d(out_channels),
        nn.LeakyReLU(LEAKY_SLOPE),
    )


class DarkResidual(nn.Module):
    """x + (1×1 conv halving the channels → 3×3 conv restoring them)(x); the shape is unchanged."""

    def __init__(self, channels: int) -> None:
        super().__init__()
        self.branch = nn.Sequential(
            conv_bn_leaky(channels, channels // 2, 1), conv_bn_leaky(channels // 2, channels, 3)
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.branch(x)


def darknet53(num_classes: int = 10, in_channels: int = 3, image_size: int = 256) -> nn.Sequential:
    """Darknet-53 with a global-average-pool + linear head; any input size works (5 stride-2 convs: 256 → 8)."""
    layers: OrderedDict[str, nn.Module] = OrderedDict(stem=conv_bn_leaky(in_channels, 32, 3))
    channels = 32
    for i, blocks in enumerate(BLOCKS_PER_STAGE, start=1):
        layers[f"down{i}"] = conv_bn_leaky(channels, channels * 2, 3, stride=2)
        channels *= 2
        layers[f"stage{i}"] = nn.Sequential(*(DarkResidual(channels) for _ in range(blocks)))
    layers.update(avgpool=nn.AdaptiveAvgPool2d(1), flatten=nn.Flatten(), fc=nn.Linear(channels, num_classes))
    return nn.Sequential(layers)
