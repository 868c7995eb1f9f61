"""The separable IoU of ``lib.anchor_grid`` and the labeling that uses it equal the readable versions bit for bit."""

from __future__ import annotations

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torchvision import ops

from lib import detection_anchors as A
from lib.anchor_grid import AnchorGrids, grid_prior
from lib.models.ssd import TinySSD, anchor_grids
from tests.test_detection_anchors import random_boxes, random_labels

LEVELS = st.lists(
    st.tuples(st.integers(1, 9), st.integers(1, 9), st.sampled_from([[0.3], [0.5, 0.2], [0.7, 0.4, 0.1]])),
    min_size=1,
    max_size=3,
)


def _grids(levels: list[tuple[int, int, list[float]]]) -> AnchorGrids:
    return AnchorGrids.of([grid_prior(h, w, sizes, [1, 2, 0.5]) for h, w, sizes in levels])


@settings(max_examples=30, deadline=None)
@given(LEVELS, st.integers(1, 8), st.integers(0, 40), st.integers(0, 10_000))
def test_grids_iou_is_box_iou(levels: list, boxes: int, extra: int, seed: int) -> None:
    """Put back in anchor order, the grid-order table is torchvision's ``box_iou``; the extra columns are 0."""
    grids = _grids(levels)
    anchors = grids.boxes()
    box = torch.cat((random_boxes(boxes, torch.Generator().manual_seed(seed)), A.PADDING_BOX[None]))
    iou = grids.iou(box, extra)
    assert sorted(grids.order.tolist()) == list(range(len(anchors)))
    in_anchor_order = torch.empty(len(box), len(anchors)).index_copy_(1, grids.order, iou[:, : len(anchors)])
    assert torch.equal(in_anchor_order, ops.box_iou(box, anchors))
    assert torch.equal(in_anchor_order, A.box_anchor_iou(box, anchors))
    assert not iou[:, len(anchors) :].any()


@settings(max_examples=40, deadline=None)
@given(LEVELS, st.integers(1, 6), st.integers(1, 5), st.integers(0, 10_000), st.sampled_from([0.3, 0.5, 0.7]))
def test_fast_target_on_grids_equals_the_loop(levels: list, k: int, batch: int, seed: int, threshold: float) -> None:
    """Random labels on several maps (coarse maps give boxes the same best anchor, so the greedy pass runs)."""
    grids = _grids(levels)
    anchors = grids.boxes()[None]
    labels = random_labels(batch, k, torch.Generator().manual_seed(seed))
    expected = A.multibox_target(anchors, labels, threshold)
    for got, want in zip(A.fast_multibox_target(anchors, labels, threshold, grids), expected, strict=True):
        assert torch.equal(got, want)


def test_grid_ties_and_shared_best_anchors_follow_the_loop() -> None:
    """Boxes centred on a symmetric map tie many anchors; identical boxes share their best anchor."""
    grids = AnchorGrids.of([grid_prior(4, 4, [0.5], [1]), grid_prior(2, 2, [0.5, 0.25], [1, 2])])
    anchors = grids.boxes()
    labels = torch.tensor(
        [
            [[0, 0.25, 0.25, 0.75, 0.75], [1, 0.25, 0.25, 0.75, 0.75], [2, 0.3, 0.3, 0.7, 0.7]],
            [[1, 0.0, 0.0, 0.5, 0.5], [-1, -1, -1, -1, -1], [-1, -1, -1, -1, -1]],
        ]
    )
    for b in range(2):
        expected = A.assign_anchor_to_bbox(A.real_rows(labels[b])[:, 1:], anchors)
        assert torch.equal(A.fast_assign(labels, anchors, grids=grids)[b], expected)


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 6), st.integers(1, 5), st.integers(0, 10_000))
def test_lowest_best_is_argmax_in_anchor_order(rows: int, chunks: int, seed: int) -> None:
    """Small integer values tie often; a shuffled order must still give argmax's first (lowest) anchor."""
    g = torch.Generator().manual_seed(seed)
    width = chunks * A.ARGMAX_CHUNK
    values = torch.randint(0, 4, (rows, width), generator=g).float()
    order = torch.randperm(width, generator=g)
    in_anchor_order = torch.empty_like(values).index_copy_(1, order, values)
    picked = torch.rand(rows, generator=g) < 0.7
    got = A.lowest_best(values, order, picked)
    assert torch.equal(got[picked], in_anchor_order.argmax(dim=1)[picked])
    assert (got[~picked] == width).all()


@pytest.mark.parametrize(("height", "width"), [(256, 256), (128, 128), (200, 160)])
def test_tinyssd_grids_are_its_anchors(height: int, width: int) -> None:
    model = TinySSD(2).eval()
    with torch.no_grad():
        anchors = model(torch.zeros(1, 3, height, width))[0][0]
    assert torch.equal(anchor_grids(height, width).boxes(), anchors)
