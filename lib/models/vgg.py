"""torchvision's VGG-11 (configuration "A", random weights): 8 convs in 5 blocks, each block ending in a max-pool."""

from __future__ import annotations

from torch import nn
from torchvision import models


def vgg11(num_classes: int = 10, in_channels: int = 3, image_size: int = 224) -> models.VGG:
    """torchvision ``vgg11(weights=None)``; the first conv is rebuilt for other channel counts."""
    model = models.vgg11(weights=None, num_classes=num_classes)
    if in_channels != 3:
        model.features[0] = nn.Conv2d(in_channels, 64, kernel_size=3, padding=1)
        nn.init.kaiming_normal_(model.features[0].weight, mode="fan_out", nonlinearity="relu")
        nn.init.zeros_(model.features[0].bias)
    return model
