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


@dataclass(frozen=True)
class AnchorGrids:
    """Several maps' grids in the order a detector concatenates their anchors, with what every IoU table reuses.

    Made once per input size (``lib.models.ssd.anchor_grids``): the x- and y-intervals of every grid side by
    side, each anchor's area, and ``order`` (A,), the anchor index of each column of :meth:`iou`'s table.
    """

    grids: tuple[AnchorGrid, ...]
    x1: torch.Tensor  # (sum of n * W,): every grid's x-intervals, (grid, shape, column) order
    x2: torch.Tensor
    y1: torch.Tensor  # (sum of n * H,)
    y2: torch.Tensor
    areas: torch.Tensor  # (A,) in column order
    order: torch.Tensor  # (A,)

    @classmethod
    def of(cls, grids: Sequence[AnchorGrid]) -> AnchorGrids:
        """Bundle ``grids``; each grid's columns run as (shape, row, column)."""
        orders, areas, start = [], [], 0
        for grid in grids:
            anchor = torch.arange(grid.count, device=grid.x1.device).view(grid.height, grid.width, grid.shapes)
            orders.append(start + anchor.permute(2, 0, 1).reshape(-1))
            areas.append(((grid.x2 - grid.x1)[:, None] * (grid.y2 - grid.y1)[:, :, None]).reshape(-1))
            start += grid.count
        return cls(
            grids=tuple(grids),
            x1=torch.cat([grid.x1.reshape(-1) for grid in grids]),
            x2=torch.cat([grid.x2.reshape(-1) for grid in grids]),
            y1=torch.cat([grid.y1.reshape(-1) for grid in grids]),
            y2=torch.cat([grid.y2.reshape(-1) for grid in grids]),
            areas=torch.cat(areas),
            order=torch.cat(orders),
        )

    @property
    def count(self) -> int:
        """How many anchors the grids hold."""
        return len(self.order)

    def boxes(self) -> torch.Tensor:
        """All anchors (A, 4) in the detector's order."""
        return torch.cat([grid.boxes() for grid in self.grids])

    def iou(self, boxes: torch.Tensor, extra_columns: int = 0) -> torch.Tensor:
        """IoU (M, A + extra_columns) of boxes (M, 4) with every anchor, column c being anchor ``order[c]``.

        The overlap of a box with a grid is one product of its per-row and per-column overlaps, running along
        whole rows of the map; then one union and one division over the table: four passes instead of the twelve
        of a box-by-anchor IoU. The values equal ``box_iou``'s bit for bit (the same float operations; products
        and sums commute exactly). The extra columns are 0.
        """
        count, rows = self.count, len(boxes)
        ix = overlaps(self.x1, self.x2, boxes[:, 0], boxes[:, 2])  # (M, sum n*W)
        iy = overlaps(self.y1, self.y2, boxes[:, 1], boxes[:, 3])  # (M, sum n*H)
        inter = torch.empty(rows, count + extra_columns, dtype=boxes.dtype, device=boxes.device)
        inter[:, count:] = 0
        start = x_start = y_start = 0
        for grid in self.grids:
            n, h, w = grid.shapes, grid.height, grid.width
            level_ix = ix[:, x_start : x_start + n * w].view(rows, n, 1, w)
            level_iy = iy[:, y_start : y_start + n * h].view(rows, n, h, 1)
            torch.mul(level_ix, level_iy, out=inter[:, start : start + grid.count].view(rows, n, h, w))
            start, x_start, y_start = start + grid.count, x_start + n * w, y_start + n * h
        box_areas = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
        areas = self.areas if extra_columns == 0 else torch.cat((self.areas, self.areas.new_ones(extra_columns)))
        return inter.div_(torch.add(areas, box_areas[:, None]).sub_(inter))  # extra columns: 0 / (1 + box area)


def overlaps(low: torch.Tensor, high: torch.Tensor, box_low: torch.Tensor, box_high: torch.Tensor) -> torch.Tensor:
    """Overlap lengths (M, L) of intervals (L,) with box intervals (M,), as ``box_iou`` computes them."""
    return (torch.minimum(high, box_high[:, None]) - torch.maximum(low, box_low[:, None])).clamp_(min=0)
