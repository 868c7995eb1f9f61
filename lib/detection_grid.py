"""Anchor labeling on millions of anchors without touching most of them: the production path for big grids.

On an :class:`~lib.anchor_grid.AnchorGrid` the overlap of an anchor with a box is ``ix[k, j] * iy[k, i]``: two
short vectors instead of an (A, K) matrix. An anchor can reach the IoU threshold only where that product is large
enough, so only a small window of rows × columns per shape and box is ever computed; everything else stays
background. The IoU of every anchor that is computed equals ``box_iou``'s bit
for bit (the same float operations in the same order), so the targets equal ``multibox_target``'s.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from lib.anchor_grid import AnchorGrid, overlaps
from lib.detection_anchors import (
    OFFSET_EPS,
    OFFSET_WH_SCALE,
    OFFSET_XY_SCALE,
    box_area,
    box_corner_to_center,
    fast_assign,
    real_rows,
)

THRESHOLD_SLACK = 1e-4  # the window bound is loosened by this fraction so float rounding can never drop an anchor


@dataclass(frozen=True)
class GridTargets:
    """One image's training targets in compact form: what ``multibox_target`` gives, without the zeros.

    ``classes`` (A,) is 0 for background and class + 1 otherwise; ``positives`` (P,) are the anchors with an
    object and ``offsets`` (P, 4) their offsets. ``dense()`` spells it out as ``multibox_target`` does.
    """

    classes: torch.Tensor
    positives: torch.Tensor
    offsets: torch.Tensor

    def dense(self) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """(offsets (A*4,), mask (A*4,), classes (A,)): one image's rows of ``multibox_target``."""
        count = self.classes.shape[0]
        offsets = torch.zeros(count, 4)
        mask = torch.zeros(count, 4)
        offsets[self.positives] = self.offsets
        mask[self.positives] = 1.0
        return offsets.reshape(-1), mask.reshape(-1), self.classes


def _per_shape(low: torch.Tensor, high: torch.Tensor, box_low: torch.Tensor, box_high: torch.Tensor) -> torch.Tensor:
    """Overlap lengths (n, K, L) of each shape's intervals (n, L) with the boxes' (K,)."""
    shapes, length = low.shape
    flat = overlaps(low.reshape(-1), high.reshape(-1), box_low, box_high)  # (K, n * L)
    return flat.view(-1, shapes, length).transpose(0, 1)


@dataclass(frozen=True)
class _Pairs:
    """(anchor, box) pairs with their IoU, and where the pair's offsets sit in the per-column / per-row tables.

    ``xcell`` indexes the (n, K, W) tables flattened (shape, box, column), ``ycell`` the (n, K, H) ones.
    """

    anchor: torch.Tensor
    box: torch.Tensor
    iou: torch.Tensor
    xcell: torch.Tensor
    ycell: torch.Tensor
    shared: bool = True  # whether two boxes' windows of one shape overlap, so an anchor may appear twice

    def take(self, index: torch.Tensor) -> _Pairs:
        """The pairs at ``index``."""
        return _Pairs(self.anchor[index], self.box[index], self.iou[index], self.xcell[index], self.ycell[index])


def _overlapping(windows: list[tuple[int, int, int, int, int]]) -> bool:
    """Whether two windows ``(shape, first row, last row, first col, last col)`` of the same shape intersect."""
    for index, (k, r0, r1, c0, c1) in enumerate(windows):
        for k2, s0, s1, d0, d1 in windows[index + 1 :]:
            if k == k2 and r0 <= s1 and s0 <= r1 and c0 <= d1 and d0 <= c1:
                return True
    return False


def _pairs(grid: AnchorGrid, boxes: torch.Tensor, threshold: float) -> tuple[_Pairs, list[int]]:
    """Every (anchor, box) pair with IoU >= threshold, and how many pairs each box has.

    Per shape k and box b, IoU = inter / (area + box_area - inter) with inter = ix[j] * iy[i]; it can reach the
    threshold only where inter >= t / (1 + t) * (smallest area + box_area), so only those rows and columns are
    computed.
    """
    num_boxes = boxes.shape[0]
    ix = _per_shape(grid.x1, grid.x2, boxes[:, 0], boxes[:, 2])  # (n, K, W)
    iy = _per_shape(grid.y1, grid.y2, boxes[:, 1], boxes[:, 3])  # (n, K, H)
    wx, hy = grid.x2 - grid.x1, grid.y2 - grid.y1  # (n, W), (n, H)
    box_areas = box_area(boxes)  # (K,)
    smallest = wx.min(dim=1).values * hy.min(dim=1).values  # (n,)
    need = threshold / (1 + threshold) * (smallest[:, None] + box_areas[None, :]) * (1 - THRESHOLD_SLACK)  # (n, K)
    rows_ok = iy * ix.amax(dim=2, keepdim=True) >= need[..., None]  # (n, K, H)
    cols_ok = ix * iy.amax(dim=2, keepdim=True) >= need[..., None]  # (n, K, W)
    parts: list[tuple[torch.Tensor, ...]] = []
    windows: list[tuple[int, int, int, int, int]] = []
    counts = [0] * num_boxes
    for k in range(grid.shapes):
        for b in range(num_boxes):
            rows = torch.nonzero(rows_ok[k, b]).reshape(-1)
            cols = torch.nonzero(cols_ok[k, b]).reshape(-1)
            if rows.numel() == 0 or cols.numel() == 0:
                continue
            # The window from the first to the last row (column) that can reach the threshold: a superset of
            # those rows, so slices do instead of gathers; the threshold below keeps only the real pairs.
            r0, r1, c0, c1 = int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1
            windows.append((k, r0, r1 - 1, c0, c1 - 1))
            inter = iy[k, b, r0:r1, None] * ix[k, b, None, c0:c1]
            areas = hy[k, r0:r1, None] * wx[k, None, c0:c1]  # == (x2 - x1) * (y2 - y1) of each anchor
            iou = inter / (areas + box_areas[b] - inter)
            r, c = torch.nonzero(iou >= threshold, as_tuple=True)  # 2-D: no integer division
            if r.numel() == 0:
                continue
            counts[b] += r.numel()
            value = iou[r, c]
            r += r0
            c += c0
            cell = k * num_boxes + b
            parts.append(
                (
                    (r * grid.width + c) * grid.shapes + k,
                    torch.full_like(r, b),
                    value,
                    c + cell * grid.width,
                    r + cell * grid.height,
                )
            )
    if not parts:
        empty = torch.zeros(0, dtype=torch.long)
        return _Pairs(empty, empty, torch.zeros(0), empty, empty), counts
    pairs = _Pairs(*(torch.cat(column) for column in zip(*parts, strict=True)), shared=_overlapping(windows))
    return pairs, counts


def _best_per_anchor(pairs: _Pairs, count: int, boxes: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Which pairs are their anchor's best (largest IoU, lowest box on a tie, as ``torch.max``), and a scratch buffer.

    One key per pair (IoU's bits, then the box reversed) and a scatter of the maximum per anchor: no sort.
    The (count,) int64 buffer is returned for reuse.
    """
    key = (pairs.iou.view(torch.int32).long() << 16) | (boxes - 1 - pairs.box)  # IoU >= 0: its bits sort as ints
    best = torch.full((count,), -1, dtype=torch.long)
    best.scatter_reduce_(0, pairs.anchor, key, reduce="amax")
    return best[pairs.anchor] == key, best


def grid_assign(grid: AnchorGrid, boxes: torch.Tensor, threshold: float = 0.5) -> tuple[_Pairs, torch.Tensor]:
    """``assign_anchor_to_bbox`` on a grid: one pair per anchor that gets a box, and a scratch (A,) int64 buffer.

    Exact when every box has at least K anchors over the threshold (then the greedy pass only ever needs
    those); otherwise, rare with millions of anchors, it falls back to the dense batched assignment.
    """
    num_boxes = boxes.shape[0]
    if num_boxes == 0 or num_boxes >= 1 << 16:
        return _dense_assign(grid, boxes, threshold), torch.empty(grid.count, dtype=torch.long)
    pairs, counts = _pairs(grid, boxes, threshold)
    if min(counts) < num_boxes:
        return _dense_assign(grid, boxes, threshold), torch.empty(grid.count, dtype=torch.long)
    if not pairs.shared:
        # No anchor can reach the threshold with two boxes, so each anchor over it has its one box. The greedy pass
        # cannot change that: each of its K picks is still over the threshold (a box loses at most one of its K or
        # more anchors per pick), so it pairs an anchor with the one box it already has.
        return pairs, torch.empty(grid.count, dtype=torch.long)
    winner, scratch = _best_per_anchor(pairs, grid.count, num_boxes)
    # Greedy pass: the largest IoU left (lowest anchor, then box, on a tie, as argmax over (A, K)) pairs its anchor
    # and box, K times; that anchor's winning pair then points at that box.
    left = pairs.iou.clone()
    tie_key = pairs.anchor * num_boxes + pairs.box
    greedy: list[tuple[int, int]] = []
    for _ in range(num_boxes):
        top = torch.nonzero(left == left.max()).reshape(-1)
        pick = int(top[torch.argmin(tie_key[top])])
        a, b = int(pairs.anchor[pick]), int(pairs.box[pick])
        greedy.append((a, b))
        left.masked_fill_((pairs.anchor == a) | (pairs.box == b), -1.0)
    chosen = pairs if bool(winner.all()) else pairs.take(torch.nonzero(winner).reshape(-1))
    for a, b in greedy:
        index = torch.nonzero(chosen.anchor == a).reshape(-1)
        pixel, k = divmod(a, grid.shapes)
        r, c = divmod(pixel, grid.width)
        cell = k * num_boxes + b
        chosen.box[index], chosen.xcell[index], chosen.ycell[index] = b, cell * grid.width + c, cell * grid.height + r
    return chosen, scratch


def _dense_assign(grid: AnchorGrid, boxes: torch.Tensor, threshold: float) -> _Pairs:
    """The batched dense assignment on the materialised anchors, as pairs (the rare exact fallback)."""
    num_boxes = boxes.shape[0]
    labels = torch.cat((torch.zeros(num_boxes, 1), boxes), dim=1)[None]
    assignment = fast_assign(labels, grid.boxes(), threshold)[0]
    anchor = torch.nonzero(assignment >= 0).reshape(-1)
    box = assignment[anchor]
    pixel, k = anchor // grid.shapes, anchor % grid.shapes
    cell = k * num_boxes + box
    xcell, ycell = cell * grid.width + pixel % grid.width, cell * grid.height + pixel // grid.width
    return _Pairs(anchor, box, torch.zeros(len(anchor)), xcell, ycell)


def _offset_tables(grid: AnchorGrid, boxes: torch.Tensor) -> tuple[torch.Tensor, ...]:
    """``offset_boxes`` per (shape, box, column) for x and w, per (shape, box, row) for y and h, flattened.

    An anchor's x-offset depends only on its column and shape (and the box), so four small tables hold every
    anchor's offsets; the float operations are ``offset_boxes``'s, so the values are equal.
    """
    centre = box_corner_to_center(boxes)  # (K, 4)
    cx, wa = (grid.x1 + grid.x2) / 2, grid.x2 - grid.x1  # (n, W)
    cy, ha = (grid.y1 + grid.y2) / 2, grid.y2 - grid.y1  # (n, H)
    ox = OFFSET_XY_SCALE * (centre[None, :, 0:1] - cx[:, None, :]) / wa[:, None, :]
    oy = OFFSET_XY_SCALE * (centre[None, :, 1:2] - cy[:, None, :]) / ha[:, None, :]
    ow = OFFSET_WH_SCALE * torch.log(OFFSET_EPS + centre[None, :, 2:3] / wa[:, None, :])
    oh = OFFSET_WH_SCALE * torch.log(OFFSET_EPS + centre[None, :, 3:4] / ha[:, None, :])
    return ox.reshape(-1), oy.reshape(-1), ow.reshape(-1), oh.reshape(-1)


def grid_targets(grid: AnchorGrid, label: torch.Tensor, threshold: float = 0.5) -> GridTargets:
    """``multibox_target`` for one image's labels (K, 5) on a grid, in compact form (see :class:`GridTargets`)."""
    label = real_rows(label)
    pairs, classes = grid_assign(grid, label[:, 1:], threshold)
    classes.zero_()
    classes[pairs.anchor] = label[:, 0].long()[pairs.box] + 1
    ox, oy, ow, oh = _offset_tables(grid, label[:, 1:])
    x, y = pairs.xcell, pairs.ycell
    offsets = torch.stack(
        (ox.index_select(0, x), oy.index_select(0, y), ow.index_select(0, x), oh.index_select(0, y)), 1
    )
    return GridTargets(classes=classes, positives=pairs.anchor, offsets=offsets)
