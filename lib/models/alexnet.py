"""torchvision's AlexNet (random weights): five convs, three max-pools, an adaptive pool to 6×6, three linears."""

from __future__ import annotations

from torch import nn
from torchvision import models


def alexnet(num_classes: int = 10, in_channels: int = 3, image_size: int = 224) -> models.AlexNet:
    """torchvision ``alexnet(weights=None)``; the first conv is rebuilt for other channel counts."""
    model = models.alexnet(weights=None, num_classes=num_classes)
    if in_channels != 3:
        model.features[0] = nn.Conv2d(in_channels, 64, kernel_size=11, stride=4, padding=2)
    return model
