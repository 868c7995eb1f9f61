"""TinySSD from the notes: a small single-shot detector with anchors on five feature-map scales.

Each scale's feature map gets a class predictor (a 3×3 conv giving ``anchors * (classes + 1)`` channels)
and a box predictor (``anchors * 4`` channels); predictions of all scales are flattened and concatenated.
On a 256×256 input the maps are 32, 16, 8, 4 and 1 pixels wide: 4 × (1024 + 256 + 64 + 16 + 1) = 5444 anchors.
"""

from __future__ import annotations

from functools import lru_cache

import torch
from torch import nn

from lib.anchor_grid import AnchorGrids, grid_prior
from lib.detection_anchors import anchors_per_pixel, multibox_prior

# Small sizes spread evenly from 0.2 to 0.88; each scale's second size is sqrt(s_i * s_{i+1}).
SIZES = [[0.2, 0.272], [0.37, 0.447], [0.54, 0.619], [0.71, 0.79], [0.88, 0.961]]
RATIOS = [[1, 2, 0.5]] * 5
NUM_ANCHORS = anchors_per_pixel(SIZES[0], RATIOS[0])
CHANNELS = [64, 128, 128, 128, 128]  # channels of the five feature maps
IMAGE_SIZE = 256


def cls_predictor(num_inputs: int, num_anchors: int, num_classes: int) -> nn.Conv2d:
    """Class scores for every anchor of every pixel: ``num_anchors * (num_classes + 1)`` channels, same H, W."""
    return nn.Conv2d(num_inputs, num_anchors * (num_classes + 1), kernel_size=3, padding=1)


def bbox_predictor(num_inputs: int, num_anchors: int) -> nn.Conv2d:
    """Four offsets for every anchor of every pixel."""
    return nn.Conv2d(num_inputs, num_anchors * 4, kernel_size=3, padding=1)


def flatten_pred(pred: torch.Tensor) -> torch.Tensor:
    """(N, C, H, W) -> (N, H*W*C): channels last so one pixel's anchors stay together."""
    return torch.flatten(pred.permute(0, 2, 3, 1), start_dim=1)


def concat_preds(preds: list[torch.Tensor]) -> torch.Tensor:
    """Predictions of every scale side by side, (N, sum of H*W*C)."""
    return torch.cat([flatten_pred(p) for p in preds], dim=1)


def down_sample_blk(in_channels: int, out_channels: int) -> nn.Sequential:
    """Two 3×3 conv + BN + ReLU, then 2×2 max pooling: halves height and width."""
    blk: list[nn.Module] = []
    for _ in range(2):
        blk += [nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1), nn.BatchNorm2d(out_channels), nn.ReLU()]
        in_channels = out_channels
    blk.append(nn.MaxPool2d(2))
    return nn.Sequential(*blk)


def base_net() -> nn.Sequential:
    """Three down-sampling blocks, 3 -> 16 -> 32 -> 64 channels: a 256 input becomes a 32×32 map."""
    num_filters = [3, 16, 32, 64]
    return nn.Sequential(*(down_sample_blk(num_filters[i], num_filters[i + 1]) for i in range(len(num_filters) - 1)))


def get_blk(i: int) -> nn.Module:
    """Block i of the five: the base net, three down-sampling blocks, then global max pooling to 1×1."""
    if i == 0:
        return base_net()
    if i == 1:
        return down_sample_blk(64, 128)
    if i == 4:
        return nn.AdaptiveMaxPool2d((1, 1))
    return down_sample_blk(128, 128)


def blk_forward(
    x: torch.Tensor, blk: nn.Module, size: list[float], ratio: list[float], cls: nn.Module, bbox: nn.Module
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """One scale: feature map, its anchors (1, H*W*a, 4), class and box predictions."""
    y = blk(x)
    anchors = multibox_prior(y, sizes=size, ratios=ratio)
    return y, anchors, cls(y), bbox(y)


class TinySSD(nn.Module):
    """TinySSD(num_classes)(x (N, 3, H, W)) -> anchors (1, A, 4), class logits (N, A, C+1), offsets (N, A*4)."""

    def __init__(self, num_classes: int) -> None:
        super().__init__()
        self.num_classes = num_classes
        self.blocks = nn.ModuleList(get_blk(i) for i in range(5))
        self.cls = nn.ModuleList(cls_predictor(CHANNELS[i], NUM_ANCHORS, num_classes) for i in range(5))
        self.bbox = nn.ModuleList(bbox_predictor(CHANNELS[i], NUM_ANCHORS) for i in range(5))

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        anchors, cls_preds, bbox_preds = [], [], []
        for i in range(5):
            x, a, c, b = blk_forward(x, self.blocks[i], SIZES[i], RATIOS[i], self.cls[i], self.bbox[i])
            anchors.append(a)
            cls_preds.append(c)
            bbox_preds.append(b)
        cls = concat_preds(cls_preds)
        return torch.cat(anchors, dim=1), cls.reshape(cls.shape[0], -1, self.num_classes + 1), concat_preds(bbox_preds)


def feature_sizes(height: int, width: int) -> list[tuple[int, int]]:
    """The five feature maps' (H, W) for a height×width input: the base net divides by 8, each block by 2 (max
    pooling floors), the last is 1×1."""
    return [(height // 2**i, width // 2**i) for i in (3, 4, 5, 6)] + [(1, 1)]


@lru_cache(maxsize=16)
def anchor_grids(height: int, width: int, device: str = "cpu") -> AnchorGrids:
    """TinySSD's anchors for a height×width input as one grid per feature map: what ``forward`` concatenates."""
    return AnchorGrids.of(
        [grid_prior(h, w, SIZES[i], RATIOS[i]).to(device) for i, (h, w) in enumerate(feature_sizes(height, width))]
    )
