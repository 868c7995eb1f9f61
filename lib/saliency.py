"""Why did the model say that? Saliency maps of one image for one class: Grad-CAM on the last convolution and
gradient × input, and a heat overlay to show them on the image.

Gradients are taken with ``torch.autograd.grad`` on the activation and the input only, so a shared (cached)
model's parameters never get a ``.grad``: showing a saliency map never changes the model.
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from lib.errors import LessonError

# Colours of the heat scale at 0, 1/3, 2/3 and 1 (dark blue → red → yellow → white), for ``overlay``.
HEAT_STOPS = np.array([[20, 20, 80], [200, 30, 40], [250, 200, 40], [255, 255, 230]], dtype=np.float64)


def last_conv(model: nn.Module) -> nn.Conv2d | None:
    """The last Conv2d in registration order, or None (``grad_cam`` itself uses the last one that runs)."""
    convs = [m for m in model.modules() if isinstance(m, nn.Conv2d)]
    return convs[-1] if convs else None


def _normalise(heat: torch.Tensor) -> torch.Tensor:
    """Scale a non-negative map to 0..1 by its maximum (all zeros stays all zeros)."""
    top = heat.max()
    return heat / top if top > 0 else torch.zeros_like(heat)


def grad_cam(
    model: nn.Module, image: torch.Tensor, target: int, layer: nn.Module | None = None
) -> tuple[torch.Tensor, torch.Tensor]:
    """Grad-CAM (Selvaraju et al., 2017) of class ``target`` for one normalised image (C, H, W).

    With A the output (K, h, w) of ``layer`` (default: the last Conv2d to run) and y the target's logit:
    weights α_k = mean over (h, w) of ∂y/∂A_k, map = ReLU(Σ_k α_k A_k). Returns (the raw map (h, w),
    the map bilinearly resized to (H, W) and scaled to 0..1). Raises LessonError for a model without a conv.
    """
    layers = [layer] if layer is not None else [m for m in model.modules() if isinstance(m, nn.Conv2d)]
    if not layers:
        raise LessonError("saliency.no_conv")
    ran: list[torch.Tensor] = []  # outputs in execution order: a residual block's shortcut may be registered last
    hooks = [m.register_forward_hook(lambda module, args, out: ran.append(out)) for m in layers]
    try:
        model.eval()
        with torch.enable_grad():
            x = image[None].detach().clone().requires_grad_(True)  # gradients flow even through a frozen body
            score = model(x)[0, target]
            activation = ran[-1]
            (gradient,) = torch.autograd.grad(score, activation)
    finally:
        for hook in hooks:
            hook.remove()
    weights = gradient[0].mean(dim=(1, 2))  # (K,)
    raw = F.relu((weights[:, None, None] * activation[0]).sum(dim=0)).detach().float()
    resized = F.interpolate(raw[None, None], size=image.shape[-2:], mode="bilinear", align_corners=False)[0, 0]
    return raw, _normalise(resized.clamp_min(0))


def gradient_times_input(model: nn.Module, image: torch.Tensor, target: int) -> torch.Tensor:
    """|Σ_channels x · ∂y/∂x| of class ``target``'s logit y for one normalised image (C, H, W) -> (H, W) in 0..1.

    Works for any differentiable model (an MLP too): how much each pixel, as it is, pushes the score.
    """
    model.eval()
    x = image[None].detach().clone().requires_grad_(True)
    with torch.enable_grad():
        score = model(x)[0, target]
        (gradient,) = torch.autograd.grad(score, x)
    return _normalise((gradient[0] * x[0]).sum(dim=0).abs().detach().float())


def overlay(image: np.ndarray, heat: torch.Tensor, alpha: float = 0.5) -> np.ndarray:
    """An image (H, W) or (H, W, C) uint8 with a heat map (H, W) in 0..1 blended on top -> (H, W, 3) uint8."""
    rgb = image if image.ndim == 3 else image[..., None]
    rgb = np.repeat(rgb, 3, axis=2) if rgb.shape[2] == 1 else rgb[..., :3]
    h = heat.clamp(0, 1).numpy().astype(np.float64)
    positions = np.linspace(0.0, 1.0, len(HEAT_STOPS))
    colours = np.stack([np.interp(h, positions, HEAT_STOPS[:, c]) for c in range(3)], axis=-1)
    blended = (1 - alpha) * rgb.astype(np.float64) + alpha * colours
    return np.clip(np.rint(blended), 0, 255).astype(np.uint8)
