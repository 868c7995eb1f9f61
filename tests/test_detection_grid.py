"""The grid path of anchor labeling equals the readable ``multibox_target`` bit for bit."""

from __future__ import annotations

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torchvision import ops

from lib import anchor_grid as AG
from lib import detection_anchors as A
from lib import detection_grid as G
from tests.test_detection_anchors import random_boxes, random_labels


@pytest.mark.parametrize(
    ("h", "w", "sizes", "ratios"),
    [(8, 8, [0.2, 0.4], [1, 2, 0.5]), (37, 23, [0.3], [1, 3, 0.3]), (561, 728, [0.75, 0.5, 0.25], [1, 2, 0.5])],
)
def test_grid_prior_is_multibox_prior(h: int, w: int, sizes: list[float], ratios: list[float]) -> None:
    grid = AG.grid_prior(h, w, sizes, ratios)
    assert grid.count == h * w * A.anchors_per_pixel(sizes, ratios)
    assert torch.equal(grid.boxes(), A.multibox_prior(torch.zeros(1, 1, h, w), sizes, ratios)[0])


def _dense_targets(grid: AG.AnchorGrid, labels: torch.Tensor, threshold: float) -> list[torch.Tensor]:
    rows = [G.grid_targets(grid, label, threshold).dense() for label in labels]
    return [torch.stack(column) for column in zip(*rows, strict=True)]


@settings(max_examples=25, deadline=None)
@given(
    st.integers(1, 30),
    st.integers(1, 30),
    st.integers(1, 6),
    st.integers(0, 10_000),
    st.sampled_from([0.3, 0.5, 0.7]),
)
def test_grid_targets_equal_readable(h: int, w: int, k: int, seed: int, threshold: float) -> None:
    """Random grids and labels (padding, tiny boxes, more boxes than good anchors): equal to the readable loop."""
    g = torch.Generator().manual_seed(seed)
    grid = AG.grid_prior(h, w, [0.4, 0.2], [1, 2, 0.5])
    labels = random_labels(3, k, g)
    expected = A.multibox_target(grid.boxes()[None], labels, threshold)
    for got, want in zip(_dense_targets(grid, labels, threshold), expected, strict=True):
        assert torch.equal(got, want)


@pytest.mark.parametrize(
    "boxes",
    [
        [[0, 0.1, 0.08, 0.52, 0.92], [1, 0.55, 0.2, 0.9, 0.88], [-1, -1, -1, -1, -1]],  # the notes' dog and cat
        [[0, 0.2, 0.2, 0.6, 0.6], [2, 0.3, 0.25, 0.7, 0.65], [1, 0.32, 0.3, 0.68, 0.62]],  # overlapping: shared anchors
    ],
)
def test_big_grid_uses_windows_and_equals_readable(monkeypatch: pytest.MonkeyPatch, boxes: list) -> None:
    """On a 120×160 map the windowed pass alone (no dense fallback) gives the readable targets."""

    def no_fallback(*_: object) -> None:
        raise AssertionError("the dense fallback ran")

    monkeypatch.setattr(G, "_dense_assign", no_fallback)
    grid = AG.grid_prior(120, 160, [0.75, 0.5, 0.25], [1, 2, 0.5])
    labels = torch.tensor([boxes])
    targets = G.grid_targets(grid, labels[0])
    assert 0 < len(targets.positives) < grid.count // 10  # most anchors are never computed as objects
    expected = A.multibox_target(grid.boxes()[None], labels)
    for got, want in zip(targets.dense(), expected, strict=True):
        assert torch.equal(got, want[0])


def test_box_anchor_iou_is_torchvision_box_iou() -> None:
    g = torch.Generator().manual_seed(7)
    boxes, anchors = random_boxes(9, g), A.multibox_prior(torch.zeros(1, 1, 16, 16), [0.3, 0.1], [1, 2])[0]
    assert torch.equal(A.box_anchor_iou(boxes, anchors), ops.box_iou(boxes, anchors))


def test_fast_assign_breaks_ties_as_the_readable_loop() -> None:
    """A box centred on a symmetric grid ties many anchors at the same IoU: the lowest anchor wins, as argmax."""
    anchors = A.multibox_prior(torch.zeros(1, 1, 4, 4), [0.5], [1])[0]
    labels = torch.tensor([[[0, 0.25, 0.25, 0.75, 0.75], [1, 0.25, 0.25, 0.75, 0.75], [2, 0.3, 0.3, 0.7, 0.7]]])
    iou = ops.box_iou(labels[0, :, 1:], anchors)
    assert (iou[0] == iou[0].max()).sum() > 1  # the tie is real
    expected = A.assign_anchor_to_bbox(labels[0, :, 1:], anchors)
    assert torch.equal(A.fast_assign(labels, anchors)[0], expected)
    for got, want in zip(
        A.fast_multibox_target(anchors[None], labels), A.multibox_target(anchors[None], labels), strict=True
    ):
        assert torch.equal(got, want)
