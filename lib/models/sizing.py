"""Shape arithmetic shared by the model families: run a module on a meta tensor to learn its output shape."""

from __future__ import annotations

import copy
import math

import torch
from torch import nn


def output_shape(module: nn.Module, in_channels: int, image_size: int) -> torch.Size:
    """Shape of ``module(x)`` for x of shape (2, C, S, S), computed on the meta device (no memory, no FLOPs)."""
    meta = copy.deepcopy(module).to("meta")
    with torch.no_grad():
        return meta(torch.empty(2, in_channels, image_size, image_size, device="meta")).shape


def flat_features(module: nn.Module, in_channels: int, image_size: int) -> int:
    """How many features per sample ``module`` produces: the ``in_features`` of the Linear after it."""
    return math.prod(output_shape(module, in_channels, image_size)[1:])
