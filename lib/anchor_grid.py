"""``multibox_prior``'s anchors as separable coordinates, and the IoU of boxes with them in four passes.

The anchors of one H×W map form a grid: anchor ``(i, j, k)`` (row, column, shape) has its x-corners fixed by
``(j, k)`` and its y-corners by ``(i, k)``. So its overlap with a box is ``ix[k, j] * iy[k, i]``: two short
vectors per box instead of a width and a height per (box, anchor) pair. ``grids_iou`` uses that for a detector's
anchors (one grid per feature map, as TinySSD concatenates them) and gives the same floats as ``box_iou``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import torch


@dataclass(frozen=True)
class AnchorGrid:
    """The anchors of one H×W map as separable coordinates: x-corners per (shape, column), y per (shape, row).

    Flat anchor index ``(i * W + j) * n + k``, as ``multibox_prior`` orders them.
    """

    height: int
    width: int
    x1: torch.Tensor  # (n, W)
    x2: torch.Tensor  # (n, W)
    y1: torch.Tensor  # (n, H)
    y2: torch.Tensor  # (n, H)

    @property
    def shapes(self) -> int:
        """Anchors per pixel."""
        return self.x1.shape[0]

    @property
    def count(self) -> int:
        """How many anchors the grid holds."""
        return self.height * self.width * self.shapes

    def to(self, device: torch.device | str) -> AnchorGrid:
        """The same grid with its coordinates on ``device``."""
        x1, x2, y1, y2 = (t.to(device) for t in (self.x1, self.x2, self.y1, self.y2))
        return AnchorGrid(self.height, self.width, x1, x2, y1, y2)

    def boxes(self) -> torch.Tensor:
        """All anchors (A, 4), materialised: equal to ``multibox_prior``'s."""
        n, h, w = self.shapes, self.height, self.width
        shape = (h, w, n)
        x1 = self.x1.T[None].expand(shape)
        x2 = self.x2.T[None].expand(shape)
        y1 = self.y1.T[:, None].expand(shape)
        y2 = self.y2.T[:, None].expand(shape)
        return torch.stack((x1, y1, x2, y2), dim=-1).reshape(-1, 4)


def grid_prior(height: int, width: int, sizes: list[float], ratios: list[float]) -> AnchorGrid:
    """``multibox_prior`` on an H×W map as an :class:`AnchorGrid` (same floats, computed the same way)."""
    size_tensor = torch.tensor(sizes, dtype=torch.float32)
    ratio_tensor = torch.tensor(ratios, dtype=torch.float32)
    center_h = (torch.arange(height) + 0.5) / height
    center_w = (torch.arange(width) + 0.5) / width
    w = torch.cat((size_tensor * torch.sqrt(ratio_tensor[0]), sizes[0] * torch.sqrt(ratio_tensor[1:])))
    w = w * height / width
    h = torch.cat((size_tensor / torch.sqrt(ratio_tensor[0]), sizes[0] / torch.sqrt(ratio_tensor[1:])))
    half = torch.stack((-w, -h, w, h)).T / 2  # (n, 4), as multibox_prior's anchor_manipulations
    return AnchorGrid(
        height=height,
        width=width,
        x1=center_w[None, :] + half[:, 0:1],
        x2=center_w[None, :] + half[:, 2:3],
        y1=center_h[None, :] + half[:, 1:2],
        y2=center_h[None, :] + half[:, 3:4],
    )


def overlaps(low: torch.Tensor, high: torch.Tensor, box_low: torch.Tensor, box_high: torch.Tensor) -> torch.Tensor:
    """Overlap lengths (n, K, L) of anchor intervals (n, L) with box intervals (K,), as ``box_iou`` computes them."""
    return (
        torch.minimum(high[:, None, :], box_high[None, :, None])
        - torch.maximum(low[:, None, :], box_low[None, :, None])
    ).clamp(min=0)


def grids_iou(
    grids: Sequence[AnchorGrid], boxes: torch.Tensor, extra_columns: int = 0
) -> tuple[torch.Tensor, torch.Tensor]:
    """IoU (M, A + extra_columns) of boxes (M, 4) with the grids' anchors, in grid order, and that order.

    Columns run grid by grid, each as (shape, row, column), so every product runs along a whole row of a map;
    ``order`` (A,) is the anchor index (``multibox_prior``'s, grids concatenated) of each column. The overlap is
    one product of a per-row and a per-column table, then the union and the division: four passes over the
    result instead of the twelve of a box-by-anchor IoU. The values equal ``box_iou``'s bit for bit (the same
    float operations; products and sums commute exactly). The extra columns are 0.
    """
    count = sum(grid.count for grid in grids)
    out = torch.empty(len(boxes), count + extra_columns, dtype=boxes.dtype, device=boxes.device)
    out[:, count:] = 0
    box_areas = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    orders, start = [], 0
    for grid in grids:
        n, h, w = grid.shapes, grid.height, grid.width
        ix = overlaps(grid.x1, grid.x2, boxes[:, 0], boxes[:, 2]).transpose(0, 1)[:, :, None]  # (M, n, 1, W)
        iy = overlaps(grid.y1, grid.y2, boxes[:, 1], boxes[:, 3]).transpose(0, 1)[..., None]  # (M, n, H, 1)
        areas = (grid.x2 - grid.x1)[:, None] * (grid.y2 - grid.y1)[:, :, None]  # (n, H, W): (x2 - x1) * (y2 - y1)
        inter = out[:, start : start + grid.count].view(len(boxes), n, h, w)
        torch.mul(ix, iy, out=inter)
        union = torch.add(areas, box_areas[:, None, None, None]).sub_(inter)
        inter.div_(union)
        anchor = torch.arange(grid.count, device=boxes.device).view(h, w, n).permute(2, 0, 1)  # (n, H, W)
        orders.append(start + anchor.reshape(-1))
        start += grid.count
    return out, torch.cat(orders)
