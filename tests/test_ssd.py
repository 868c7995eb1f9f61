"""TinySSD's shapes as in the notes, and its anchor count."""

from __future__ import annotations

import torch

from lib.detection_anchors import multibox_prior
from lib.models.ssd import SIZES, TinySSD, cls_predictor, concat_preds


def test_tinyssd_output_shapes_on_256() -> None:
    torch.manual_seed(0)
    net = TinySSD(num_classes=1).eval()
    with torch.no_grad():
        anchors, cls_preds, bbox_preds = net(torch.zeros(2, 3, 256, 256))
    assert anchors.shape == (1, 5444, 4)
    assert cls_preds.shape == (2, 5444, 2)
    assert bbox_preds.shape == (2, 21776)


def test_anchors_on_other_sizes() -> None:
    net = TinySSD(num_classes=3).eval()
    with torch.no_grad():
        anchors, cls_preds, _ = net(torch.zeros(1, 3, 128, 128))
    assert anchors.shape[1] == 1364  # 4 anchors per pixel of the 16², 8², 4², 2² and 1² maps
    assert cls_preds.shape == (1, 1364, 4)


def test_first_scale_anchors_are_multibox_prior_of_its_map() -> None:
    net = TinySSD(num_classes=1).eval()
    with torch.no_grad():
        anchors, _, _ = net(torch.zeros(1, 3, 256, 256))
    first = multibox_prior(torch.zeros(1, 64, 32, 32), SIZES[0], [1, 2, 0.5])
    torch.testing.assert_close(anchors[:, : first.shape[1]], first)


def test_prediction_concatenation_as_in_the_notes() -> None:
    y1 = cls_predictor(8, 5, 10)(torch.zeros(2, 8, 20, 20))
    y2 = cls_predictor(16, 3, 10)(torch.zeros(2, 16, 10, 10))
    assert y1.shape == (2, 55, 20, 20) and y2.shape == (2, 33, 10, 10)
    assert concat_preds([y1, y2]).shape == (2, 25300)
