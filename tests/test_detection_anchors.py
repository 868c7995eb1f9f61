"""The SSD lesson's box code against torchvision.ops, the notes' counts, and the fast path against the readable one."""

from __future__ import annotations

import math

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torchvision import ops

from lib import detection_anchors as A


def random_boxes(n: int, generator: torch.Generator) -> torch.Tensor:
    """n valid corner boxes inside the unit square."""
    xy = torch.rand(n, 2, generator=generator) * 0.8
    wh = torch.rand(n, 2, generator=generator) * 0.4 + 0.01
    return torch.cat([xy, (xy + wh).clamp(max=1.0)], dim=1)


def random_labels(batch: int, k: int, generator: torch.Generator, classes: int = 3) -> torch.Tensor:
    """Label rows (B, K, 5) with a random number of real boxes per image, the rest -1 padding."""
    labels = torch.full((batch, k, 5), -1.0)
    for b in range(batch):
        n = int(torch.randint(0, k + 1, (1,), generator=generator))
        labels[b, :n, 0] = torch.randint(0, classes, (n,), generator=generator).float()
        labels[b, :n, 1:] = random_boxes(n, generator)
    return labels


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 40), st.integers(0, 10_000))
def test_conversions_match_torchvision(n: int, seed: int) -> None:
    boxes = random_boxes(n, torch.Generator().manual_seed(seed))
    center = A.box_corner_to_center(boxes)
    torch.testing.assert_close(center, ops.box_convert(boxes, "xyxy", "cxcywh"))
    torch.testing.assert_close(A.box_center_to_corner(center), boxes)


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 30), st.integers(1, 30), st.integers(0, 10_000))
def test_box_iou_matches_torchvision(n: int, m: int, seed: int) -> None:
    g = torch.Generator().manual_seed(seed)
    a, b = random_boxes(n, g), random_boxes(m, g)
    torch.testing.assert_close(A.box_iou(a, b), ops.box_iou(a, b))


@pytest.mark.parametrize("threshold", [0.0, 0.3, 0.5, 0.7, 1.0])
def test_nms_matches_torchvision(threshold: float) -> None:
    g = torch.Generator().manual_seed(1)
    boxes, scores = random_boxes(200, g), torch.rand(200, generator=g)
    expected = ops.nms(boxes, scores, threshold)
    assert torch.equal(A.nms(boxes, scores, threshold), expected)
    steps = A.nms_steps(boxes, scores, threshold)
    assert [step["kept"] for step in steps] == expected.tolist()
    suppressed = sum(len(step["suppressed"]) for step in steps)
    assert suppressed + len(steps) == 200
    assert all(iou > threshold for step in steps for _, iou in step["suppressed"])


def test_nms_iou_exactly_at_the_threshold_is_compared_like_torchvision() -> None:
    """The IoU of these two boxes is 0.2 in float32 (0.20000000298...), which is above the float64 0.2."""
    boxes = torch.tensor([[0.1, 0.4, 0.5, 0.55], [0.15, 0.2, 0.45, 0.9]])
    scores = torch.tensor([0.9, 0.8])
    assert float(A.box_iou(boxes[:1], boxes[1:])) == float(torch.tensor(0.2))
    assert ops.nms(boxes, scores, 0.2).tolist() == A.nms(boxes, scores, 0.2).tolist() == [0]
    assert [step["kept"] for step in A.nms_steps(boxes, scores, 0.2)] == [0]
    assert (
        A.nms(boxes.double(), scores.double(), 0.2).tolist() == ops.nms(boxes.double(), scores.double(), 0.2).tolist()
    )


def test_nms_tied_scores_keep_input_order() -> None:
    """17 shifted boxes with one score: argsort is unstable from 17 elements on, torchvision's sort is stable."""
    x = torch.arange(17.0) * 0.01
    boxes = torch.stack([x, torch.zeros(17), x + 0.5, torch.full((17,), 0.5)], dim=1)
    scores = torch.ones(17)
    expected = ops.nms(boxes, scores, 0.5)
    assert expected.tolist() == [0]
    assert A.nms(boxes, scores, 0.5).tolist() == expected.tolist()
    assert [step["kept"] for step in A.nms_steps(boxes, scores, 0.5)] == expected.tolist()
    spread = torch.stack([x * 20, torch.zeros(17), x * 20 + 0.1, torch.full((17,), 0.5)], dim=1)
    assert A.nms(spread, scores, 0.5).tolist() == ops.nms(spread, scores, 0.5).tolist() == list(range(17))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 8), st.integers(0, 8), st.integers(1, 6), st.integers(1, 6)), min_size=1, max_size=40
    ),
    st.lists(st.integers(0, 3), min_size=40, max_size=40),
    st.sampled_from([0.0, 0.1, 0.2, 0.25, 1 / 3, 0.5, 2 / 3, 0.75, 1.0]),
    st.sampled_from([torch.float32, torch.float64]),
)
def test_nms_on_grid_boxes_with_ties_equals_torchvision(
    corners: list[tuple[int, int, int, int]], levels: list[int], threshold: float, dtype: torch.dtype
) -> None:
    """Boxes on a grid give exact IoUs like 1/3 and 0.5 (boundary cases); four score levels give many ties."""
    boxes = torch.tensor([[x, y, x + w, y + h] for x, y, w, h in corners], dtype=dtype) / 10
    scores = torch.tensor(levels[: len(corners)], dtype=dtype) / 4
    expected = ops.nms(boxes, scores, threshold).tolist()
    assert A.nms(boxes, scores, threshold).tolist() == expected
    assert [step["kept"] for step in A.nms_steps(boxes, scores, threshold)] == expected


def test_nms_threshold_one_keeps_everything_and_zero_keeps_disjoint() -> None:
    boxes = torch.tensor([[0.0, 0.0, 0.5, 0.5], [0.1, 0.1, 0.6, 0.6], [0.7, 0.7, 0.9, 0.9]])
    scores = torch.tensor([0.9, 0.8, 0.7])
    assert A.nms(boxes, scores, 1.0).tolist() == [0, 1, 2]
    assert A.nms(boxes, scores, 0.0).tolist() == [0, 2]


def test_multibox_prior_counts_from_the_notes() -> None:
    height, width = 561, 728
    anchors = A.multibox_prior(torch.zeros(1, 3, height, width), sizes=[0.75, 0.5, 0.25], ratios=[1, 2, 0.5])
    assert anchors.shape == (1, 2_042_040, 4)
    assert height * width * A.anchors_per_pixel([0.75, 0.5, 0.25], [1, 2, 0.5]) == 2_042_040
    first = anchors.reshape(height, width, 5, 4)[250, 250, 0]
    cx, cy = (250 + 0.5) / width, (250 + 0.5) / height
    half_w, half_h = 0.75 * height / width / 2, 0.75 / 2
    torch.testing.assert_close(first, torch.tensor([cx - half_w, cy - half_h, cx + half_w, cy + half_h]))


@settings(max_examples=20, deadline=None)
@given(
    st.integers(1, 12),
    st.integers(1, 12),
    st.lists(st.floats(0.05, 0.9), min_size=1, max_size=4),
    st.lists(st.floats(0.25, 4.0), min_size=1, max_size=4),
)
def test_multibox_prior_shapes_and_pixel_aspect(h: int, w: int, sizes: list[float], ratios: list[float]) -> None:
    anchors = A.multibox_prior(torch.zeros(1, 1, h, w), sizes, ratios).reshape(h, w, -1, 4)
    assert anchors.shape[2] == len(sizes) + len(ratios) - 1
    wh = anchors[0, 0, :, 2:] - anchors[0, 0, :, :2]
    pixel_w, pixel_h = wh[:, 0] * w, wh[:, 1] * h  # anchor size in feature-map pixels
    expected = torch.tensor([ratios[0]] * len(sizes) + ratios[1:])
    torch.testing.assert_close(pixel_w / pixel_h, expected, rtol=1e-4, atol=1e-4)


def test_assignment_of_the_notes_example() -> None:
    ground_truth = torch.tensor([[0, 0.1, 0.08, 0.52, 0.92], [1, 0.55, 0.2, 0.9, 0.88]])
    anchors = torch.tensor(
        [
            [0, 0.1, 0.2, 0.3],
            [0.15, 0.2, 0.4, 0.4],
            [0.63, 0.05, 0.88, 0.98],
            [0.66, 0.45, 0.8, 0.8],
            [0.57, 0.3, 0.92, 0.9],
        ]
    )
    iou = ops.box_iou(anchors, ground_truth[:, 1:])
    assignment = A.assign_anchor_to_bbox(ground_truth[:, 1:], anchors)
    # The greedy pass takes the largest IoU first (anchor 4 with box 1), then the best left for box 0.
    best_anchor_box1 = int(iou[:, 1].argmax())
    assert assignment[best_anchor_box1] == 1
    offsets, mask, classes = A.multibox_target(anchors[None], ground_truth[None])
    assert classes[0].tolist() == [0, 1, 2, 0, 2]
    assert mask[0].reshape(-1, 4)[:, 0].tolist() == [0, 1, 1, 0, 1]
    positive = classes[0] > 0
    recovered = A.offset_inverse(anchors[positive], offsets[0].reshape(-1, 4)[positive])
    torch.testing.assert_close(recovered, ground_truth[classes[0][positive] - 1, 1:], atol=1e-5, rtol=1e-5)
    steps, same = A.assignment_steps(ground_truth[:, 1:], anchors)
    assert torch.equal(same, assignment)
    assert (steps[0]["anchor"], steps[0]["box"]) == (4, 1)
    assert math.isclose(steps[0]["iou"], float(iou.max()), rel_tol=1e-6)


def test_more_boxes_than_anchors_stops_when_no_anchor_is_left() -> None:
    """Dog and cat of the notes with one anchor: it goes to the cat (IoU 0.746) and the pass stops there."""
    ground_truth = torch.tensor([[0, 0.1, 0.08, 0.52, 0.92], [1, 0.55, 0.2, 0.9, 0.88]])
    anchors = torch.tensor([[0.57, 0.3, 0.92, 0.9]])
    steps, assignment = A.assignment_steps(ground_truth[:, 1:], anchors)
    assert [(s["anchor"], s["box"]) for s in steps] == [(0, 1)]
    assert steps[0]["iou"] == pytest.approx(float(ops.box_iou(anchors, ground_truth[1:, 1:])), rel=1e-6)
    assert round(steps[0]["iou"], 3) == 0.746
    assert assignment.tolist() == [1]
    readable = A.multibox_target(anchors[None], ground_truth[None])
    fast = A.fast_multibox_target(anchors[None], ground_truth[None])
    assert readable[2].tolist() == fast[2].tolist() == [[2]]  # class 1 (cat) + 1 for background
    for r, f in zip(readable, fast, strict=True):
        torch.testing.assert_close(f, r)


@settings(max_examples=40, deadline=None)
@given(
    st.integers(1, 6), st.integers(1, 6), st.integers(1, 4), st.integers(0, 10_000), st.sampled_from([0.3, 0.5, 0.7])
)
def test_assignment_readable_fast_and_steps_agree(
    num_anchors: int, k: int, batch: int, seed: int, threshold: float
) -> None:
    """Random anchors and labels, often more boxes than anchors: readable == fast, and the steps say why."""
    g = torch.Generator().manual_seed(seed)
    anchors = random_boxes(num_anchors, g)
    labels = random_labels(batch, k, g)
    readable = A.multibox_target(anchors[None], labels, threshold)
    fast = A.fast_multibox_target(anchors[None], labels, threshold)
    for r, f in zip(readable, fast, strict=True):
        torch.testing.assert_close(f, r)
    for b in range(batch):
        truth = A.real_rows(labels[b])[:, 1:]
        steps, assignment = A.assignment_steps(truth, anchors, threshold)
        assert len(steps) == min(num_anchors, len(truth))
        assert all(step["iou"] >= 0 for step in steps)
        assert len({s["anchor"] for s in steps}) == len({s["box"] for s in steps}) == len(steps)
        assert torch.equal(assignment, A.fast_assign(labels[b : b + 1], anchors, threshold)[0])
        for step in steps:
            assert assignment[step["anchor"]] == step["box"]


def test_padding_rows_are_ignored() -> None:
    anchors = random_boxes(50, torch.Generator().manual_seed(3))
    label = torch.tensor([[[1, 0.1, 0.1, 0.5, 0.5], [-1, -1, -1, -1, -1], [-1, -1, -1, -1, -1]]])
    offsets, _, classes = A.multibox_target(anchors[None], label)
    assert set(classes.unique().tolist()) <= {0, 2}
    assert torch.isfinite(offsets).all()
    assert (offsets.abs() < 50).all()


def test_fast_target_equals_readable() -> None:
    g = torch.Generator().manual_seed(4)
    anchors = A.multibox_prior(torch.zeros(1, 1, 8, 8), sizes=[0.2, 0.4], ratios=[1, 2, 0.5])
    labels = random_labels(6, 4, g)
    expected = A.multibox_target(anchors, labels)
    got = A.fast_multibox_target(anchors, labels)
    for e, f in zip(expected, got, strict=True):
        torch.testing.assert_close(f, e)


def test_fast_detections_equal_readable() -> None:
    g = torch.Generator().manual_seed(5)
    anchors = A.multibox_prior(torch.zeros(1, 1, 6, 6), sizes=[0.3, 0.5], ratios=[1, 2, 0.5])
    count = anchors.shape[1]
    probs = torch.softmax(torch.randn(2, 4, count, generator=g) * 3, dim=1)
    offsets = torch.randn(2, count * 4, generator=g) * 0.5
    readable = A.multibox_detection(probs, offsets, anchors, nms_threshold=0.5, pos_threshold=0.3)
    fast = A.fast_detections(probs, offsets, anchors, nms_threshold=0.5, pos_threshold=0.3)
    for rows, found in zip(readable, fast, strict=True):
        kept = rows[rows[:, 0] >= 0]
        torch.testing.assert_close(found, kept)


def test_offsets_round_trip() -> None:
    g = torch.Generator().manual_seed(6)
    anchors, boxes = random_boxes(30, g), random_boxes(30, g)
    torch.testing.assert_close(A.offset_inverse(anchors, A.offset_boxes(anchors, boxes)), boxes, atol=1e-5, rtol=1e-4)
