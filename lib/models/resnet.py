"""torchvision's ResNet-18 and ResNet-50 (random weights), with a stem adapted to small images.

At 224×224 the stem (7×7 stride-2 conv, then a stride-2 max-pool) shrinks the image 4× before the first
block. On 32×32 images that leaves 8×8 maps and wastes most of the network, so below ``SMALL_INPUT``
the stem becomes a 3×3 stride-1 conv and the max-pool is skipped (``nn.Identity``), the usual CIFAR recipe.
"""

from __future__ import annotations

from torch import nn
from torchvision import models

SMALL_INPUT = 64


def _adapt_stem(model: models.ResNet, in_channels: int, image_size: int) -> models.ResNet:
    """Swap the first conv for other channel counts or small images (Kaiming-initialised like torchvision's)."""
    small = image_size < SMALL_INPUT
    if small or in_channels != 3:
        kernel, stride, padding = (3, 1, 1) if small else (7, 2, 3)
        model.conv1 = nn.Conv2d(in_channels, 64, kernel, stride=stride, padding=padding, bias=False)
        nn.init.kaiming_normal_(model.conv1.weight, mode="fan_out", nonlinearity="relu")
    if small:
        model.maxpool = nn.Identity()
    return model


def resnet18(num_classes: int = 10, in_channels: int = 3, image_size: int = 224) -> models.ResNet:
    """torchvision ``resnet18(weights=None)``; small-image stem below 64 pixels."""
    return _adapt_stem(models.resnet18(weights=None, num_classes=num_classes), in_channels, image_size)


def resnet50(num_classes: int = 10, in_channels: int = 3, image_size: int = 224) -> models.ResNet:
    """torchvision ``resnet50(weights=None)`` (bottleneck blocks); small-image stem below 64 pixels."""
    return _adapt_stem(models.resnet50(weights=None, num_classes=num_classes), in_channels, image_size)
