"""LeNet-5 as in d2l (sigmoid activations, average pooling) and d2l's batch-norm variant."""

from __future__ import annotations

from collections import OrderedDict

from torch import nn

from lib.models.sizing import flat_features


def lenet(num_classes: int = 10, in_channels: int = 1, image_size: int = 28) -> nn.Sequential:
    """d2l's LeNet: conv(5, padding 2) → sigmoid → avg-pool → conv(5) → sigmoid → avg-pool → 3 linear layers."""
    layers: OrderedDict[str, nn.Module] = OrderedDict(
        conv1=nn.Conv2d(in_channels, 6, kernel_size=5, padding=2),
        sig1=nn.Sigmoid(),
        pool1=nn.AvgPool2d(kernel_size=2, stride=2),
        conv2=nn.Conv2d(6, 16, kernel_size=5),
        sig2=nn.Sigmoid(),
        pool2=nn.AvgPool2d(kernel_size=2, stride=2),
        flatten=nn.Flatten(),
    )
    flat = flat_features(nn.Sequential(layers), in_channels, image_size)
    layers.update(
        fc1=nn.Linear(flat, 120),
        sig3=nn.Sigmoid(),
        fc2=nn.Linear(120, 84),
        sig4=nn.Sigmoid(),
        fc3=nn.Linear(84, num_classes),
    )
    return nn.Sequential(layers)


def lenet_bn(num_classes: int = 10, in_channels: int = 1, image_size: int = 28) -> nn.Sequential:
    """d2l's LeNet with BatchNorm after every conv/linear layer (its first conv has no padding: 28 → 24)."""
    layers: OrderedDict[str, nn.Module] = OrderedDict(
        conv1=nn.Conv2d(in_channels, 6, kernel_size=5),
        bn1=nn.BatchNorm2d(6),
        sig1=nn.Sigmoid(),
        pool1=nn.AvgPool2d(kernel_size=2, stride=2),
        conv2=nn.Conv2d(6, 16, kernel_size=5),
        bn2=nn.BatchNorm2d(16),
        sig2=nn.Sigmoid(),
        pool2=nn.AvgPool2d(kernel_size=2, stride=2),
        flatten=nn.Flatten(),
    )
    flat = flat_features(nn.Sequential(layers), in_channels, image_size)
    layers.update(
        fc1=nn.Linear(flat, 120),
        bn3=nn.BatchNorm1d(120),
        sig3=nn.Sigmoid(),
        fc2=nn.Linear(120, 84),
        bn4=nn.BatchNorm1d(84),
        sig4=nn.Sigmoid(),
        fc3=nn.Linear(84, num_classes),
    )
    return nn.Sequential(layers)
