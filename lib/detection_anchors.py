"""Anchor boxes, IoU, labeling anchors, offsets and non-maximum suppression: the SSD lesson's code.

The readable functions follow the d2l notes (with their bugs fixed: integer division in the greedy
assignment, ``ground_truth.shape[0]``, ``meshgrid(indexing="ij")``, padded label rows ignored) and are the
reference the tests check against ``torchvision.ops``. The ``fast_*`` functions are what training and
detection use: the same results, batched and built on ``torchvision.ops``.

Conventions (as in the notes): boxes are normalised corner coordinates ``(x1, y1, x2, y2)``; label rows are
``[class, x1, y1, x2, y2]`` padded with ``-1``; class targets put background at 0 (object classes at 1..);
detections mark background / suppressed boxes with class ``-1``.
"""

from __future__ import annotations

import math

import torch
from torchvision import ops

from lib.anchor_grid import AnchorGrids
from lib.errors import LessonError

OFFSET_XY_SCALE = 10.0  # 1 / sigma_xy with sigma_xy = 0.1
OFFSET_WH_SCALE = 5.0  # 1 / sigma_wh with sigma_wh = 0.2
OFFSET_EPS = 1e-6
PADDING_BOX = torch.tensor([-3.0, -3.0, -2.0, -2.0])  # stands in for -1 label rows: overlaps no anchor
ARGMAX_CHUNK = 64  # lowest_best takes the largest IoU per this many anchors first


def box_corner_to_center(boxes: torch.Tensor) -> torch.Tensor:
    """(x1, y1, x2, y2) -> (cx, cy, w, h) for boxes (N, 4)."""
    x1, y1, x2, y2 = boxes[:, 0], boxes[:, 1], boxes[:, 2], boxes[:, 3]
    return torch.stack(((x1 + x2) / 2, (y1 + y2) / 2, x2 - x1, y2 - y1), dim=-1)


def box_center_to_corner(boxes: torch.Tensor) -> torch.Tensor:
    """(cx, cy, w, h) -> (x1, y1, x2, y2) for boxes (N, 4)."""
    cx, cy, w, h = boxes[:, 0], boxes[:, 1], boxes[:, 2], boxes[:, 3]
    return torch.stack((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), dim=-1)


def anchors_per_pixel(sizes: list[float], ratios: list[float]) -> int:
    """How many anchors each pixel gets: every size with the first ratio, the first size with every other ratio."""
    return len(sizes) + len(ratios) - 1


def parse_numbers(text: str, what: str, low: float, high: float) -> list[float]:
    """Comma-separated numbers typed by a learner (e.g. sizes "0.75, 0.5"), each in (low, high]; else LessonError."""
    try:
        values = [float(part) for part in text.replace("，", ",").split(",") if part.strip()]
    except ValueError as error:
        raise LessonError("detection.error.numbers", what=what, text=text) from error
    if not values:
        raise LessonError("detection.error.numbers", what=what, text=text)
    for value in values:
        if not (math.isfinite(value) and low < value <= high):
            raise LessonError("detection.error.number_range", what=what, value=value, low=low, high=high)
    return values


def check_boxes(boxes: torch.Tensor, what: str) -> None:
    """Refuse boxes (N, 4) that are not finite or have zero or negative width/height, naming the first bad row."""
    for row, (x1, y1, x2, y2) in enumerate(boxes.tolist()):
        if not all(math.isfinite(v) for v in (x1, y1, x2, y2)):
            raise LessonError("detection.error.box_nan", what=what, row=row)
        if x2 <= x1 or y2 <= y1:
            raise LessonError("detection.error.box_size", what=what, row=row, width=x2 - x1, height=y2 - y1)


def multibox_prior(data: torch.Tensor, sizes: list[float], ratios: list[float]) -> torch.Tensor:
    """Anchors centred on every pixel of ``data`` (..., H, W) -> (1, H*W*(len(sizes)+len(ratios)-1), 4).

    An anchor of size s and ratio r has width ``s*sqrt(r)*H/W`` and height ``s/sqrt(r)`` (image fractions),
    so on a non-square image a ratio-1 anchor is square in pixels.
    """
    in_height, in_width = data.shape[-2:]
    device = data.device
    boxes_per_pixel = anchors_per_pixel(sizes, ratios)
    size_tensor = torch.tensor(sizes, device=device, dtype=torch.float32)
    ratio_tensor = torch.tensor(ratios, device=device, dtype=torch.float32)
    # Centre of pixel (i, j) is at ((j + 0.5) / W, (i + 0.5) / H).
    center_h = (torch.arange(in_height, device=device) + 0.5) / in_height
    center_w = (torch.arange(in_width, device=device) + 0.5) / in_width
    shift_y, shift_x = torch.meshgrid(center_h, center_w, indexing="ij")
    shift_y, shift_x = shift_y.reshape(-1), shift_x.reshape(-1)
    w = torch.cat((size_tensor * torch.sqrt(ratio_tensor[0]), sizes[0] * torch.sqrt(ratio_tensor[1:])))
    w = w * in_height / in_width
    h = torch.cat((size_tensor / torch.sqrt(ratio_tensor[0]), sizes[0] / torch.sqrt(ratio_tensor[1:])))
    anchor_manipulations = torch.stack((-w, -h, w, h)).T.repeat(in_height * in_width, 1) / 2
    out_grid = torch.stack([shift_x, shift_y, shift_x, shift_y], dim=1).repeat_interleave(boxes_per_pixel, dim=0)
    return (out_grid + anchor_manipulations).unsqueeze(0)


def box_area(boxes: torch.Tensor) -> torch.Tensor:
    """Area of each box (N, 4) -> (N,)."""
    return (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])


def box_iou(boxes1: torch.Tensor, boxes2: torch.Tensor) -> torch.Tensor:
    """IoU of every box in boxes1 (N, 4) with every box in boxes2 (M, 4) -> (N, M)."""
    areas1, areas2 = box_area(boxes1), box_area(boxes2)
    inter_upperlefts = torch.max(boxes1[:, None, :2], boxes2[:, :2])
    inter_lowerrights = torch.min(boxes1[:, None, 2:], boxes2[:, 2:])
    inters = (inter_lowerrights - inter_upperlefts).clamp(min=0)
    inter_areas = inters[:, :, 0] * inters[:, :, 1]
    union_areas = areas1[:, None] + areas2 - inter_areas
    return inter_areas / union_areas


def assign_anchor_to_bbox(
    ground_truth: torch.Tensor, anchors: torch.Tensor, iou_threshold: float = 0.5
) -> torch.Tensor:
    """For each anchor (A, 4), the index of its ground-truth box (G, 4), or -1 for background -> (A,).

    First every anchor whose best IoU reaches the threshold takes that box; then, greedily, the largest
    IoU left in the matrix pairs its anchor and box (so every box gets at least one anchor) and that row
    and column are discarded, min(A, G) times: with more boxes than anchors it stops when no anchor is left.
    """
    num_anchors, num_gt_boxes = anchors.shape[0], ground_truth.shape[0]
    jaccard = box_iou(anchors, ground_truth)
    anchors_bbox_map = torch.full((num_anchors,), -1, dtype=torch.long, device=anchors.device)
    if num_gt_boxes == 0:
        return anchors_bbox_map
    max_ious, indices = torch.max(jaccard, dim=1)
    anc_i = torch.nonzero(max_ious >= iou_threshold).reshape(-1)
    box_j = indices[max_ious >= iou_threshold]
    anchors_bbox_map[anc_i] = box_j
    col_discard = torch.full((num_anchors,), -1.0, device=anchors.device)
    row_discard = torch.full((num_gt_boxes,), -1.0, device=anchors.device)
    for _ in range(min(num_anchors, num_gt_boxes)):
        max_idx = torch.argmax(jaccard)
        box_idx = max_idx % num_gt_boxes
        anc_idx = max_idx // num_gt_boxes
        anchors_bbox_map[anc_idx] = box_idx
        jaccard[:, box_idx] = col_discard
        jaccard[anc_idx, :] = row_discard
    return anchors_bbox_map


def offset_boxes(anchors: torch.Tensor, assigned_bb: torch.Tensor, eps: float = OFFSET_EPS) -> torch.Tensor:
    """Offsets (N, 4) that move each anchor onto its box: ``10*(c_b - c_a)/wh_a`` and ``5*log(wh_b/wh_a)``."""
    c_anc = box_corner_to_center(anchors)
    c_assigned_bb = box_corner_to_center(assigned_bb)
    offset_xy = OFFSET_XY_SCALE * (c_assigned_bb[:, :2] - c_anc[:, :2]) / c_anc[:, 2:]
    offset_wh = OFFSET_WH_SCALE * torch.log(eps + c_assigned_bb[:, 2:] / c_anc[:, 2:])
    return torch.cat([offset_xy, offset_wh], dim=1)


def real_rows(label: torch.Tensor) -> torch.Tensor:
    """The rows of one image's labels (K, 5) that are objects, not -1 padding."""
    return label[label[:, 0] >= 0]


def multibox_target(
    anchors: torch.Tensor, labels: torch.Tensor, iou_threshold: float = 0.5
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Training targets for anchors (1, A, 4) and labels (B, K, 5).

    Returns offsets (B, A*4) (zero for background), mask (B, A*4) (1 where the anchor has an object) and
    class labels (B, A) (0 = background, class + 1 otherwise).
    """
    batch_size, anchors = labels.shape[0], anchors.squeeze(0)
    batch_offset, batch_mask, batch_class_labels = [], [], []
    device, num_anchors = anchors.device, anchors.shape[0]
    for i in range(batch_size):
        label = real_rows(labels[i])
        anchors_bbox_map = assign_anchor_to_bbox(label[:, 1:], anchors, iou_threshold)
        bbox_mask = (anchors_bbox_map >= 0).float().unsqueeze(-1).repeat(1, 4)
        class_labels = torch.zeros(num_anchors, dtype=torch.long, device=device)
        assigned_bb = torch.zeros((num_anchors, 4), dtype=torch.float32, device=device)
        indices_true = torch.nonzero(anchors_bbox_map >= 0).reshape(-1)
        bb_idx = anchors_bbox_map[indices_true]
        class_labels[indices_true] = label[bb_idx, 0].long() + 1
        assigned_bb[indices_true] = label[bb_idx, 1:]
        offset = offset_boxes(anchors, assigned_bb) * bbox_mask
        batch_offset.append(offset.reshape(-1))
        batch_mask.append(bbox_mask.reshape(-1))
        batch_class_labels.append(class_labels)
    return torch.stack(batch_offset), torch.stack(batch_mask), torch.stack(batch_class_labels)


def offset_inverse(anchors: torch.Tensor, offset_preds: torch.Tensor) -> torch.Tensor:
    """Boxes (N, 4) from anchors (N, 4) moved by predicted offsets (N, 4): the inverse of ``offset_boxes``."""
    anc = box_corner_to_center(anchors)
    pred_bbox_xy = (offset_preds[:, :2] * anc[:, 2:] / OFFSET_XY_SCALE) + anc[:, :2]
    pred_bbox_wh = torch.exp(offset_preds[:, 2:] / OFFSET_WH_SCALE) * anc[:, 2:]
    return box_center_to_corner(torch.cat((pred_bbox_xy, pred_bbox_wh), dim=1))


def nms(boxes: torch.Tensor, scores: torch.Tensor, iou_threshold: float) -> torch.Tensor:
    """Indices of the boxes (N, 4) kept by greedy non-maximum suppression, highest score first.

    Take the best remaining box, drop every remaining box whose IoU with it is above the threshold, repeat.
    As in ``torchvision.ops.nms``: equal scores keep their input order (a stable sort), and the IoU, computed
    in the boxes' dtype, is compared with the threshold in float64 (so an IoU of 0.2f is above 0.2).
    """
    order = torch.argsort(scores, dim=-1, descending=True, stable=True)
    keep = []
    while order.numel() > 0:
        i = order[0]
        keep.append(i)
        if order.numel() == 1:
            break
        iou = box_iou(boxes[i, :].reshape(-1, 4), boxes[order[1:], :].reshape(-1, 4)).reshape(-1)
        inds = torch.nonzero(iou.double() <= iou_threshold).reshape(-1)
        order = order[inds + 1]
    return torch.tensor(keep, dtype=torch.long, device=boxes.device)


def multibox_detection(
    cls_probs: torch.Tensor,
    offset_preds: torch.Tensor,
    anchors: torch.Tensor,
    nms_threshold: float = 0.5,
    pos_threshold: float = 0.009999999,
) -> torch.Tensor:
    """Detections (B, A, 6) rows ``[class, score, x1, y1, x2, y2]`` from probabilities (B, C+1, A), offsets (B, A*4).

    Kept boxes come first (by score), then the rest; suppressed boxes and boxes scoring under
    ``pos_threshold`` get class -1 (background; their score becomes ``1 - score``).
    """
    device, batch_size = cls_probs.device, cls_probs.shape[0]
    anchors = anchors.squeeze(0)
    num_anchors = cls_probs.shape[2]
    out = []
    for i in range(batch_size):
        cls_prob, offset_pred = cls_probs[i], offset_preds[i].reshape(-1, 4)
        conf, class_id = torch.max(cls_prob[1:], 0)
        predicted_bb = offset_inverse(anchors, offset_pred)
        keep = nms(predicted_bb, conf, nms_threshold)
        all_idx = torch.arange(num_anchors, dtype=torch.long, device=device)
        combined = torch.cat((keep, all_idx))
        uniques, counts = combined.unique(return_counts=True)
        non_keep = uniques[counts == 1]
        all_id_sorted = torch.cat((keep, non_keep))
        class_id[non_keep] = -1
        class_id = class_id[all_id_sorted]
        conf, predicted_bb = conf[all_id_sorted], predicted_bb[all_id_sorted]
        below_min_idx = conf < pos_threshold
        class_id[below_min_idx] = -1
        conf[below_min_idx] = 1 - conf[below_min_idx]
        out.append(torch.cat((class_id.unsqueeze(1).float(), conf.unsqueeze(1), predicted_bb), dim=1))
    return torch.stack(out)


# ---- production path: batched and built on torchvision.ops -------------------------------------------


def box_anchor_iou(boxes: torch.Tensor, anchors: torch.Tensor) -> torch.Tensor:
    """IoU (M, A) of every box (M, 4) with every anchor (A, 4), equal to ``ops.box_iou(boxes, anchors)``.

    The same float operations, but on one coordinate at a time, so each broadcast runs along the long,
    contiguous anchor axis instead of over pairs of 2-vectors: several times faster on a CPU.
    """
    bx1, by1, bx2, by2 = boxes.T.contiguous()[:, :, None]  # each (M, 1)
    ax1, ay1, ax2, ay2 = anchors.T.contiguous()  # each (A,), contiguous: strided columns are several times slower
    inter_w = (torch.minimum(ax2, bx2) - torch.maximum(ax1, bx1)).clamp_(min=0)
    inter_h = (torch.minimum(ay2, by2) - torch.maximum(ay1, by1)).clamp_(min=0)
    inter = inter_w.mul_(inter_h)
    union = (box_area(boxes)[:, None] + box_area(anchors)).sub_(inter)
    return inter.div_(union)


def fast_assign(
    labels: torch.Tensor,
    anchors: torch.Tensor,
    iou_threshold: float = 0.5,
    grids: AnchorGrids | None = None,
) -> torch.Tensor:
    """``assign_anchor_to_bbox`` for a whole batch: labels (B, K, 5), anchors (A, 4) -> (B, A) box index or -1.

    One IoU table for the batch instead of a loop over images; ``grids`` (the anchors as ``multibox_prior``
    grids, e.g. ``lib.models.ssd.anchor_grids``) make it several times cheaper. Every later step over the whole
    table is an ``amax``, which PyTorch vectorises: ``max`` and ``argmax`` along a dimension, which track an
    index as they go, are several times slower on a CPU.
    """
    return _assign(labels, anchors, iou_threshold, grids)[0]


def _assign(
    labels: torch.Tensor, anchors: torch.Tensor, iou_threshold: float, grids: AnchorGrids | None
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """``fast_assign``'s (B, A) map, and the (image, anchor) of every assigned anchor (some listed twice)."""
    batch, num_boxes = labels.shape[:2]
    num_anchors = anchors.shape[0]
    result = torch.full((batch, num_anchors), -1, dtype=torch.long, device=anchors.device)
    if num_boxes == 0:
        empty = torch.zeros(0, dtype=torch.long, device=anchors.device)
        return result, empty, empty
    valid = labels[:, :, 0] >= 0  # (B, K)
    # Padding rows become a box far outside the image: IoU 0 with every anchor, below any threshold; the greedy
    # pass skips them by ``valid``. Cheaper than masking the whole (B, K, A) table.
    boxes = torch.where(valid[..., None], labels[:, :, 1:], PADDING_BOX.to(labels)).reshape(-1, 4)
    extra = -num_anchors % ARGMAX_CHUNK  # columns of IoU 0, so rows split into whole chunks
    if grids is None:
        iou = box_anchor_iou(boxes, torch.cat((anchors, PADDING_BOX.to(anchors).expand(extra, 4))))
        order = torch.arange(num_anchors + extra, device=anchors.device)
    else:  # columns in grid order; order[column] is the anchor
        iou = grids.iou(boxes, extra)
        order = torch.cat((grids.order, torch.arange(num_anchors, num_anchors + extra, device=anchors.device)))
    table = iou.view(batch, num_boxes, -1)
    # Threshold pass: an anchor whose best IoU reaches the threshold takes that box (the lowest on a tie).
    image, column = torch.nonzero(table.amax(dim=1)[:, :num_anchors] >= iou_threshold, as_tuple=True)
    images, assigned = [image], [order[column]]
    result[image, assigned[0]] = table[image, :, column].argmax(dim=1)
    # Greedy pass. When every real box of an image has a best anchor of its own (the lowest on a tie), the pass
    # gives each box exactly that anchor, whatever its order: one argmax per box. Images where two boxes share
    # their best anchor run the pass on their candidates.
    best_anchor = lowest_best(iou, order, valid.reshape(-1)).view(batch, num_boxes)
    both = valid[:, :, None] & valid[:, None, :] & ~torch.eye(num_boxes, dtype=torch.bool, device=valid.device)
    clash = ((best_anchor[:, :, None] == best_anchor[:, None, :]) & both).flatten(1).any(dim=1)  # (B,)
    image, box = torch.nonzero(valid & ~clash[:, None], as_tuple=True)
    images.append(image)
    assigned.append(best_anchor[image, box])
    result[image, assigned[-1]] = box
    if bool(clash.any()):
        rows = torch.nonzero(clash).reshape(-1)
        in_anchor_order = torch.empty_like(table[rows]).index_copy_(2, order, table[rows])
        image, anchor, box = _greedy_candidates(in_anchor_order[..., :num_anchors], valid[rows])
        images.append(rows[image])
        assigned.append(anchor)
        result[rows[image], anchor] = box
    return result, torch.cat(images), torch.cat(assigned)


def lowest_best(iou: torch.Tensor, order: torch.Tensor, rows: torch.Tensor) -> torch.Tensor:
    """For each row of ``iou`` (M, C) picked by ``rows`` (M,) bool, the lowest anchor ``order[c]`` among the
    columns holding the row's largest value (``argmax`` over anchors, had the columns been in anchor order).

    The largest value per ``ARGMAX_CHUNK`` columns is one ``amax`` pass; only the chunks that hold the row's
    largest are then searched. Rows not picked get ``len(order)``.
    """
    count = iou.shape[0]
    chunks = iou.view(count, -1, ARGMAX_CHUNK)
    chunk_max = chunks.amax(dim=2)  # (M, C / chunk)
    best = chunk_max.amax(dim=1, keepdim=True)
    row, chunk = torch.nonzero((chunk_max == best) & rows[:, None], as_tuple=True)
    anchors = order.view(-1, ARGMAX_CHUNK)[chunk]  # (q, chunk)
    anchors = anchors.masked_fill(chunks[row, chunk] != best[row], len(order)).amin(dim=1)
    lowest = torch.full((count,), len(order), dtype=torch.long, device=iou.device)
    return lowest.scatter_reduce_(0, row, anchors, reduce="amin")


def _greedy_candidates(iou: torch.Tensor, valid: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """The greedy pass (image, anchor, box of each pair it makes), run on each real box's best anchors only.

    At most K - 1 anchors are taken before a box's turn, so its pick is always among the anchors whose IoU reaches
    its K-th best (ties included: anchors on a grid often tie). The pass then works on a (B, K, m) table instead
    of (B, K, A).
    """
    batch, num_boxes, num_anchors = iou.shape
    k = min(num_boxes, num_anchors)
    width = min(2 * k + 2, num_anchors)
    while True:  # widen until every real box's K-th best value and all its ties are in
        top = iou.topk(width, dim=2)
        kth = top.values[..., k - 1 : k]  # (B, K, 1)
        if width == num_anchors or not bool(((top.values[..., -1:] >= kth)[..., 0] & valid).any()):
            break
        width = min(2 * width, num_anchors)
    values = top.values.masked_fill((top.values < kth) | ~valid[..., None], -1.0).reshape(batch, -1)
    anchor = top.indices.reshape(batch, -1)
    box = torch.arange(num_boxes, device=iou.device).repeat_interleave(top.values.shape[2]).expand(batch, -1)
    tie_key = anchor * num_boxes + box  # argmax over the (A, K) table takes the lowest anchor, then box
    rows = torch.arange(batch, device=iou.device)
    images, anchors, boxes = [], [], []
    for _ in range(k):
        best = values.max(dim=1, keepdim=True).values
        pick = torch.where(values == best, tie_key, tie_key.max() + 1).argmin(dim=1)
        active = best[:, 0] >= 0
        a, b = anchor[rows, pick], box[rows, pick]
        images.append(rows[active])
        anchors.append(a[active])
        boxes.append(b[active])
        values.masked_fill_((anchor == a[:, None]) | (box == b[:, None]), -1.0)
    return torch.cat(images), torch.cat(anchors), torch.cat(boxes)


def fast_multibox_target(
    anchors: torch.Tensor,
    labels: torch.Tensor,
    iou_threshold: float = 0.5,
    grids: AnchorGrids | None = None,
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """``multibox_target`` batched: same (offsets (B, A*4), mask (B, A*4), classes (B, A)).

    Offsets are computed for the anchors that have an object only; every other row stays zero. ``grids``: the
    anchors as ``multibox_prior`` grids (e.g. ``TinySSD.anchor_grids``), for a cheaper IoU.
    """
    anchors = anchors.squeeze(0)
    batch, num_anchors = labels.shape[0], anchors.shape[0]
    assignment, image, anchor = _assign(labels, anchors, iou_threshold, grids)  # (B, A), pairs (P,) with repeats
    rows = labels[image, assignment[image, anchor]]  # (P, 5); a repeated pair writes the same values twice
    classes = torch.zeros(batch, num_anchors, dtype=torch.long, device=anchors.device)
    classes[image, anchor] = rows[:, 0].long() + 1
    offsets = torch.zeros(batch, num_anchors, 4, device=anchors.device)
    mask = torch.zeros(batch, num_anchors, 4, device=anchors.device)
    offsets[image, anchor] = offset_boxes(anchors[anchor], rows[:, 1:])
    mask[image, anchor] = 1.0
    return offsets.reshape(batch, -1), mask.reshape(batch, -1), classes


def fast_detections(
    cls_probs: torch.Tensor,
    offset_preds: torch.Tensor,
    anchors: torch.Tensor,
    nms_threshold: float = 0.5,
    pos_threshold: float = 0.009999999,
    max_detections: int | None = None,
) -> list[torch.Tensor]:
    """The kept detections of ``multibox_detection``, per image: a list of (D, 6) ``[class, score, x1..y2]``.

    Boxes under ``pos_threshold`` are dropped before ``torchvision.ops.nms`` (a lower box can never
    suppress a higher one, so the result is the same), which makes it fast on millions of anchors.
    """
    anchors = anchors.squeeze(0)
    out = []
    for cls_prob, offset_pred in zip(cls_probs, offset_preds, strict=True):
        conf, class_id = cls_prob[1:].max(dim=0)
        candidates = torch.nonzero(conf >= pos_threshold).reshape(-1)
        boxes = offset_inverse(anchors[candidates], offset_pred.reshape(-1, 4)[candidates])
        keep = ops.nms(boxes, conf[candidates], nms_threshold)
        if max_detections is not None:
            keep = keep[:max_detections]
        index = candidates[keep]
        out.append(torch.cat((class_id[index, None].float(), conf[index, None], boxes[keep]), dim=1))
    return out


# ---- step-by-step records for the page ---------------------------------------------------------------


def assignment_steps(
    ground_truth: torch.Tensor, anchors: torch.Tensor, iou_threshold: float = 0.5
) -> tuple[list[dict[str, float | int]], torch.Tensor]:
    """The greedy pass of ``assign_anchor_to_bbox`` as records, and the final map (A,).

    Each record: ``step``, ``anchor``, ``box``, ``iou`` (the largest IoU left when it was taken). The
    threshold pass then labels the remaining anchors; the map is what ``assign_anchor_to_bbox`` returns.
    """
    jaccard = box_iou(anchors, ground_truth)
    steps: list[dict[str, float | int]] = []
    num_gt = ground_truth.shape[0]
    for step in range(min(anchors.shape[0], num_gt)):
        flat = int(torch.argmax(jaccard))
        anchor, box = flat // num_gt, flat % num_gt
        steps.append({"step": step + 1, "anchor": anchor, "box": box, "iou": float(jaccard[anchor, box])})
        jaccard[:, box] = -1.0
        jaccard[anchor, :] = -1.0
    return steps, assign_anchor_to_bbox(ground_truth, anchors, iou_threshold)


def nms_steps(boxes: torch.Tensor, scores: torch.Tensor, iou_threshold: float) -> list[dict[str, object]]:
    """Greedy NMS as records: each step keeps one box and lists the boxes it suppresses with their IoUs.

    Each record: ``kept`` (index), ``score``, ``suppressed`` (list of (index, iou)), ``remaining`` (indices
    still in play after the step). The kept indices in order equal ``nms(...)`` and ``torchvision.ops.nms``.
    """
    order = torch.argsort(scores, descending=True, stable=True)
    steps: list[dict[str, object]] = []
    while order.numel() > 0:
        best, rest = int(order[0]), order[1:]
        iou = box_iou(boxes[best].reshape(1, 4), boxes[rest].reshape(-1, 4)).reshape(-1)
        drop = iou.double() > iou_threshold
        steps.append(
            {
                "kept": best,
                "score": float(scores[best]),
                "suppressed": [(int(i), float(v)) for i, v in zip(rest[drop], iou[drop], strict=True)],
                "remaining": [int(i) for i in rest[~drop]],
            }
        )
        order = rest[~drop]
    return steps
