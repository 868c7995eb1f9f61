"""Looking inside a trained classifier: predictions, confusion matrix, per-class accuracy, mistakes,
first-layer filters and feature maps of one image through every layer."""

from __future__ import annotations

import numpy as np
import torch
from PIL import Image
from torch import nn

from lib.data.arrays import ImageArrays
from lib.train import normalize

Stats = list[float] | tuple[float, ...]


@torch.inference_mode()
def logits(model: nn.Module, data: ImageArrays, mean: Stats, std: Stats, batch: int = 512) -> torch.Tensor:
    """Raw class scores (N, classes) of ``model`` (eval mode, on the CPU) for every image of ``data``."""
    model.eval()
    out = [model(normalize(data.images[i : i + batch], mean, std)).float() for i in range(0, len(data), batch)]
    return torch.cat(out) if out else torch.zeros(0, len(data.classes))


def predict(model: nn.Module, data: ImageArrays, mean: Stats, std: Stats, batch: int = 512) -> torch.Tensor:
    """Class probabilities (N, classes) of ``model`` (eval mode, on the CPU) for every image of ``data``."""
    return torch.softmax(logits(model, data, mean, std, batch), dim=1)


def to_model_input(image: Image.Image, meta: dict) -> tuple[torch.Tensor, np.ndarray]:
    """A photo resized (squashed) to the model's square input -> (normalised (C, S, S), the uint8 view).

    ``meta`` is a checkpoint's metadata: ``image_size``, ``in_channels``, ``mean`` and ``std``.
    """
    size = int(meta["image_size"])
    mode = "L" if int(meta["in_channels"]) == 1 else "RGB"
    small = np.asarray(image.convert(mode).resize((size, size), Image.Resampling.BILINEAR))
    pixels = torch.from_numpy(small.copy())
    pixels = pixels[None] if pixels.dim() == 2 else pixels.permute(2, 0, 1)
    return normalize(pixels[None], meta["mean"], meta["std"])[0], small


def confusion_matrix(labels: torch.Tensor, predictions: torch.Tensor, num_classes: int) -> torch.Tensor:
    """(classes, classes) counts: row = true class, column = predicted class (one bincount)."""
    return torch.bincount(labels * num_classes + predictions, minlength=num_classes**2).reshape(
        num_classes, num_classes
    )


def per_class_accuracy(confusion: torch.Tensor) -> torch.Tensor:
    """Recall of every class: the diagonal over each row's total (NaN for a class with no examples)."""
    totals = confusion.sum(dim=1).double()
    return confusion.diagonal().double() / totals.where(totals > 0, torch.tensor(float("nan"), dtype=torch.float64))


def misclassified(labels: torch.Tensor, probabilities: torch.Tensor, limit: int = 32) -> torch.Tensor:
    """Indices of wrong predictions, the most confidently wrong first (at most ``limit``)."""
    predicted = probabilities.argmax(dim=1)
    wrong = (predicted != labels).nonzero().flatten()
    confidence = probabilities[wrong, predicted[wrong]]
    return wrong[confidence.argsort(descending=True)][:limit]


def cell_members(
    labels: torch.Tensor, probabilities: torch.Tensor, true: int, predicted: int, limit: int = 24
) -> tuple[torch.Tensor, int]:
    """Validation images in one confusion-matrix cell (row ``true``, column ``predicted``).

    Returns (their indices, most confident first, at most ``limit``; how many the cell holds in all).
    """
    guesses = probabilities.argmax(dim=1)
    members = ((labels == true) & (guesses == predicted)).nonzero().flatten()
    confidence = probabilities[members, predicted]
    return members[confidence.argsort(descending=True, stable=True)][:limit], len(members)


def top_k(probabilities: torch.Tensor, classes: tuple[str, ...] | list[str], k: int = 5) -> list[tuple[str, float]]:
    """The ``k`` most likely classes of one probability vector (classes,) as (name, probability)."""
    values, indices = probabilities.topk(min(k, len(classes)))
    return [(classes[i], float(v)) for v, i in zip(values.tolist(), indices.tolist(), strict=True)]


def first_conv(model: nn.Module) -> nn.Conv2d | None:
    """The first Conv2d in the model's execution order (registration order in these models)."""
    return next((m for m in model.modules() if isinstance(m, nn.Conv2d)), None)


def filter_images(model: nn.Module) -> torch.Tensor | None:
    """First-layer kernels (out, in, kh, kw) scaled to 0..1 each, for showing as small images."""
    conv = first_conv(model)
    if conv is None:
        return None
    w = conv.weight.detach().float().cpu()
    low = w.amin(dim=(1, 2, 3), keepdim=True)
    high = w.amax(dim=(1, 2, 3), keepdim=True)
    return (w - low) / (high - low).clamp_min(1e-12)


@torch.inference_mode()
def feature_maps(model: nn.Module, image: torch.Tensor) -> list[tuple[str, torch.Tensor]]:
    """Outputs of every top-level layer for one normalised image (C, H, W): [(name, (C', H', W'))], 4-D only."""
    maps: list[tuple[str, torch.Tensor]] = []
    hooks = [
        child.register_forward_hook(lambda module, args, out, name=name: maps.append((name, out)))
        for name, child in model.named_children()
    ]
    try:
        model.eval()
        model(image[None])
    finally:
        for hook in hooks:
            hook.remove()
    return [(name, out[0].float()) for name, out in maps if isinstance(out, torch.Tensor) and out.dim() == 4]
