"""Network in Network as in d2l: conv blocks followed by two 1×1 convs, no linear layer at all.

The last block outputs one channel per class and a global average pool turns each channel into a score.
"""

from __future__ import annotations

from collections import OrderedDict

from torch import nn


def nin_block(in_channels: int, out_channels: int, kernel_size: int, stride: int, padding: int) -> nn.Sequential:
    """conv(k) → ReLU → conv(1×1) → ReLU → conv(1×1) → ReLU: a tiny per-pixel MLP after a convolution."""
    return nn.Sequential(
        nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding),
        nn.ReLU(),
        nn.Conv2d(out_channels, out_channels, kernel_size=1),
        nn.ReLU(),
        nn.Conv2d(out_channels, out_channels, kernel_size=1),
        nn.ReLU(),
    )


def nin(num_classes: int = 10, in_channels: int = 1, image_size: int = 224) -> nn.Sequential:
    """d2l's NiN for 224×224 inputs (Fashion-MNIST resized, 1 channel by default)."""
    return nn.Sequential(
        OrderedDict(
            block1=nin_block(in_channels, 96, kernel_size=11, stride=4, padding=0),
            pool1=nn.MaxPool2d(3, stride=2),
            block2=nin_block(96, 256, kernel_size=5, stride=1, padding=2),
            pool2=nn.MaxPool2d(3, stride=2),
            block3=nin_block(256, 384, kernel_size=3, stride=1, padding=1),
            pool3=nn.MaxPool2d(3, stride=2),
            dropout=nn.Dropout(0.5),
            block4=nin_block(384, num_classes, kernel_size=3, stride=1, padding=1),
            avgpool=nn.AdaptiveAvgPool2d((1, 1)),
            flatten=nn.Flatten(),
        )
    )
