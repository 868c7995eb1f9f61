"""Saliency maps (lib.saliency) against hand-computed cases and explicit autograd; the confusion-cell lookup."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from lib.errors import LessonError
from lib.evaluate import cell_members, confusion_matrix
from lib.models import build_model
from lib.saliency import grad_cam, gradient_times_input, last_conv, overlay


def tiny_cam_model() -> nn.Sequential:
    """conv 1→2 (1×1, weights +1 and −1, no bias) → ReLU → global average → linear (weights [[2, 3], [−1, 1]])."""
    model = nn.Sequential(
        nn.Conv2d(1, 2, 1, bias=False), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(2, 2)
    )
    with torch.no_grad():
        model[0].weight.copy_(torch.tensor([1.0, -1.0]).reshape(2, 1, 1, 1))
        model[4].weight.copy_(torch.tensor([[2.0, 3.0], [-1.0, 1.0]]))
        model[4].bias.zero_()
    return model


def test_grad_cam_equals_the_hand_computed_map() -> None:
    """x = [[1, 2], [3, 4]]: A0 = x, A1 = −x. For class 0, ∂y/∂A0 = 2 · 1/4 (ReLU on, 4 cells) and ∂y/∂A1 = 0
    (ReLU off), so α = (0.5, 0) and the map is ReLU(0.5 · x) = [[0.5, 1], [1.5, 2]]; scaled: x / 4."""
    x = torch.tensor([[[1.0, 2.0], [3.0, 4.0]]])
    raw, scaled = grad_cam(tiny_cam_model(), x, target=0)
    assert torch.equal(raw, torch.tensor([[0.5, 1.0], [1.5, 2.0]]))
    assert torch.allclose(scaled, torch.tensor([[0.25, 0.5], [0.75, 1.0]]))


def test_grad_cam_of_a_class_pushed_down_by_the_image_is_zero() -> None:
    """Class 1: α = (−1 · 1/4, 0) so Σ α_k A_k = −x / 4 < 0 everywhere and the ReLU leaves nothing."""
    raw, scaled = grad_cam(tiny_cam_model(), torch.tensor([[[1.0, 2.0], [3.0, 4.0]]]), target=1)
    assert torch.equal(raw, torch.zeros(2, 2)) and torch.equal(scaled, torch.zeros(2, 2))


def explicit_grad_cam(model: nn.Module, image: torch.Tensor, target: int) -> torch.Tensor:
    """Grad-CAM by hand: keep every conv output in the order they run, call backward, use the last one."""
    saved = {}

    def keep(module, args, out):
        out.retain_grad()
        saved["a"] = out

    hooks = [m.register_forward_hook(keep) for m in model.modules() if isinstance(m, nn.Conv2d)]
    model.zero_grad()
    model(image[None])[0, target].backward()
    for hook in hooks:
        hook.remove()
    a, g = saved["a"][0], saved["a"].grad[0]
    return torch.clamp((g.mean(dim=(1, 2)).reshape(-1, 1, 1) * a).sum(0), min=0).detach()


@pytest.mark.parametrize("name", ["lenet", "cifar10_quick_relu", "small_resnet"])
def test_grad_cam_equals_explicit_autograd_on_real_models(name: str) -> None:
    torch.manual_seed(0)
    model = build_model(name, num_classes=3, in_channels=3, image_size=16).eval()
    image = torch.randn(3, 16, 16)
    for target in (0, 2):
        raw, scaled = grad_cam(model, image, target)
        assert all(p.grad is None for p in model.parameters())  # the (possibly shared) model is left untouched
        assert torch.allclose(raw, explicit_grad_cam(model, image, target), atol=1e-5)
        model.zero_grad(set_to_none=True)
        assert scaled.shape == (16, 16) and float(scaled.min()) >= 0 and float(scaled.max()) <= 1
        assert float(scaled.max()) in (0.0, pytest.approx(1.0))


def test_grad_cam_and_gradient_times_input_work_through_a_frozen_body() -> None:
    """A fine-tuned model with every parameter frozen still has gradients with respect to the image."""
    model = tiny_cam_model().requires_grad_(False)
    x = torch.tensor([[[1.0, 2.0], [3.0, 4.0]]])
    assert torch.equal(grad_cam(model, x, 0)[0], torch.tensor([[0.5, 1.0], [1.5, 2.0]]))
    assert gradient_times_input(model, x, 0).shape == (2, 2)


def test_grad_cam_resizes_the_map_like_interpolate() -> None:
    torch.manual_seed(1)
    model = build_model("cifar10_quick_relu", num_classes=3, in_channels=3, image_size=32).eval()
    raw, scaled = grad_cam(model, torch.randn(3, 32, 32), target=2)
    expected = F.interpolate(raw[None, None], size=(32, 32), mode="bilinear", align_corners=False)[0, 0].clamp_min(0)
    assert torch.allclose(scaled, expected / expected.max())


def test_grad_cam_needs_a_convolution() -> None:
    model = build_model("mlp", num_classes=3, in_channels=1, image_size=8)
    assert last_conv(model) is None
    with pytest.raises(LessonError, match="convolution"):
        grad_cam(model, torch.randn(1, 8, 8), 0)


def test_gradient_times_input_of_a_linear_model_is_weight_times_pixel() -> None:
    """y = w · x (flattened): ∂y/∂x = w, so the map is |w · x| summed over channels, scaled by its maximum."""
    torch.manual_seed(2)
    linear = nn.Linear(2 * 3 * 3, 2, bias=True)
    model = nn.Sequential(nn.Flatten(), linear)
    x = torch.randn(2, 3, 3)
    heat = gradient_times_input(model, x, target=1)
    by_hand = (linear.weight[1].detach().reshape(2, 3, 3) * x).sum(0).abs()
    assert heat.shape == (3, 3)
    assert torch.allclose(heat, by_hand / by_hand.max())
    assert linear.weight.grad is None


def test_cell_members_are_the_cell_most_confident_first() -> None:
    labels = torch.tensor([0, 0, 1, 1, 1, 2])
    probabilities = torch.tensor(
        [[0.9, 0.1, 0.0], [0.2, 0.7, 0.1], [0.1, 0.6, 0.3], [0.05, 0.9, 0.05], [0.3, 0.6, 0.1], [0.1, 0.8, 0.1]]
    )
    indices, count = cell_members(labels, probabilities, true=1, predicted=1, limit=2)
    assert indices.tolist() == [3, 2] and count == 3  # 0.9, then 0.6 (index 2 before 4: ties keep their order)
    matrix = confusion_matrix(labels, probabilities.argmax(1), 3)
    for true in range(3):
        for guess in range(3):
            assert cell_members(labels, probabilities, true, guess, limit=99)[1] == int(matrix[true, guess])


def test_overlay_shape_range_and_ends_of_the_scale() -> None:
    grey = np.full((2, 2), 100, dtype=np.uint8)
    heat = torch.tensor([[0.0, 1.0], [0.5, 0.25]])
    out = overlay(grey, heat, alpha=1.0)
    assert out.shape == (2, 2, 3) and out.dtype == np.uint8
    assert out[0, 0].tolist() == [20, 20, 80] and out[0, 1].tolist() == [255, 255, 230]
    assert overlay(np.zeros((2, 2, 3), np.uint8), heat, alpha=0.0).max() == 0
