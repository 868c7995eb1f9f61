"""CIFAR10-quick, the notes' first CNN, and two variants that show what activations and BatchNorm add.

The notes' model has *no* activation: conv → max-pool → conv → max-pool → conv → max-pool → linear.
Without a non-linearity every conv and the linear layer compose into one linear map, so the only
non-linear step left is max-pooling — the model is "a linear classifier up to max-pooling".
"""

from __future__ import annotations

from collections import OrderedDict

from torch import nn

from lib.models.sizing import flat_features


def _features(in_channels: int, activation: str) -> OrderedDict[str, nn.Module]:
    """Three conv(5×5, padding 2) + max-pool(2) stages; ``activation`` is "none", "relu" or "bn"."""
    layers: OrderedDict[str, nn.Module] = OrderedDict()
    channels = [in_channels, 32, 32, 64]
    for i in range(3):
        layers[f"conv{i + 1}"] = nn.Conv2d(channels[i], channels[i + 1], kernel_size=5, padding=2)
        if activation == "bn":
            layers[f"bn{i + 1}"] = nn.BatchNorm2d(channels[i + 1])
        if activation in ("relu", "bn"):
            layers[f"relu{i + 1}"] = nn.ReLU()
        layers[f"pool{i + 1}"] = nn.MaxPool2d(kernel_size=2, stride=2)
    layers["flatten"] = nn.Flatten()
    return layers


def cifar10_quick(
    num_classes: int = 10, in_channels: int = 3, image_size: int = 32, activation: str = "none"
) -> nn.Sequential:
    """The notes' CIFAR10-quick; the linear layer's input (1024 at 32×32) is computed for any size."""
    layers = _features(in_channels, activation)
    features = nn.Sequential(layers)
    layers["fc"] = nn.Linear(flat_features(features, in_channels, image_size), num_classes)
    return nn.Sequential(layers)
