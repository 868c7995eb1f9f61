"""Where a pretrained backbone comes from: torchvision's ImageNet weights (online, cached) with download progress.

Weights are fetched once by ``lib.downloads.hub_weights`` into torch.hub's cache — the same one
torchvision's own ``weights.get_state_dict()`` uses — with their SHA-256 prefix checked before the file is
kept. Without internet a ``DownloadError`` says so and that the offline Shapes backbone still works.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import torch
from torch import nn
from torchvision import models

from lib.checkpoints import build_and_load, checkpoint_bytes, make_meta, read_checkpoint
from lib.downloads import Progress, hub_path, hub_weights
from lib.errors import LessonError, literal
from lib.models import MODELS, build_model
from lib.paths import WEIGHTS_DIR


@dataclass(frozen=True)
class OnlineBackbone:
    """A torchvision architecture and its ImageNet-1K weights enum member."""

    name: str
    builder: Callable[..., nn.Module]
    weights: models.WeightsEnum


ONLINE: dict[str, OnlineBackbone] = {
    "resnet18": OnlineBackbone("resnet18", models.resnet18, models.ResNet18_Weights.IMAGENET1K_V1),
    "mobilenet_v3_small": OnlineBackbone(
        "mobilenet_v3_small", models.mobilenet_v3_small, models.MobileNet_V3_Small_Weights.IMAGENET1K_V1
    ),
    "efficientnet_b0": OnlineBackbone(
        "efficientnet_b0", models.efficientnet_b0, models.EfficientNet_B0_Weights.IMAGENET1K_V1
    ),
}


def cache_path(weights: models.WeightsEnum) -> Path:
    """Where the weights file lives once downloaded (torch.hub's checkpoint cache)."""
    return hub_path(weights.url)


def is_cached(name: str) -> bool:
    """Whether ``name``'s ImageNet weights are already on disk (no download needed)."""
    return cache_path(ONLINE[name].weights).is_file()


def load_online(name: str, progress: Progress | None = None) -> tuple[nn.Module, models.WeightsEnum]:
    """torchvision ``name`` with its ImageNet weights (downloaded once, then from the cache) and the weights enum.

    The enum carries what goes with the weights: ``meta["categories"]`` (1000 class names) and
    ``transforms()`` (resize 256, crop 224, ImageNet mean/std).
    """
    if name not in ONLINE:
        raise LessonError("finetune.error.unknown_backbone", name=name, known=", ".join(ONLINE))
    spec = ONLINE[name]
    path = hub_weights(spec.weights.url, fallback="finetune.download.fallback", progress=progress)
    model = spec.builder(weights=None)
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
        model.load_state_dict(state, strict=True)
    except (RuntimeError, OSError, EOFError, pickle.UnpicklingError) as err:
        raise LessonError("finetune.error.bad_cache", path=str(path)) from err
    return model, spec.weights


OFFLINE_FILE = WEIGHTS_DIR / "compact_resnet_shapes64.pt"


@dataclass(frozen=True)
class Backbone:
    """A loaded network with what belongs to its weights: registry name, classes, input size, normalisation."""

    model: nn.Module
    name: str
    classes: tuple[str, ...]
    image_size: int
    mean: tuple[float, float, float]
    std: tuple[float, float, float]
    meta: dict


def _from_checkpoint(state: dict[str, torch.Tensor], meta: dict) -> Backbone:
    """Rebuild a model from a ``lib.checkpoints`` file's state dict and metadata (this page's exports and the
    Train page's alike); only RGB models, because fine-tuning feeds colour images."""
    if meta["model"] not in MODELS and meta["model"] not in ONLINE:
        known = ", ".join([*MODELS, *ONLINE])
        raise LessonError("finetune.error.checkpoint_model", model=literal(meta["model"]), known=known)
    if int(meta["in_channels"]) != 3:
        raise LessonError("finetune.error.not_rgb", channels=meta["in_channels"])
    classes = tuple(str(c) for c in meta["classes"])
    try:  # sized on the meta device first: no huge model is allocated (lib.checkpoints' caps)
        model = build_and_load(lambda: architecture(meta["model"], len(classes), int(meta["image_size"])), state)
    except LessonError as err:
        if err.key != "checkpoint.error.mismatch":
            raise
        raise LessonError("finetune.error.checkpoint_mismatch", model=meta["model"]) from err
    model.eval()
    mean = tuple(float(m) for m in meta["mean"])
    std = tuple(float(s) for s in meta["std"])
    return Backbone(model, meta["model"], classes, int(meta["image_size"]), mean, std, dict(meta))


def architecture(name: str, num_classes: int, image_size: int) -> nn.Module:
    """A randomly initialised network by name: a registry model, or a torchvision one of the online backbones."""
    if name in ONLINE:
        return ONLINE[name].builder(weights=None, num_classes=num_classes)
    return build_model(name, num_classes, 3, image_size)


def online_backbone(name: str, progress: Progress | None = None) -> Backbone:
    """An ImageNet backbone as a ``Backbone`` (224×224 inputs, ImageNet mean/std, 1000 class names)."""
    model, weights = load_online(name, progress)
    transform = weights.transforms()
    meta = {"model": name, "weights": str(weights), "acc@1": weights.meta["_metrics"]["ImageNet-1K"]["acc@1"]}
    classes = tuple(weights.meta["categories"])
    return Backbone(
        model.eval(), name, classes, transform.crop_size[0], tuple(transform.mean), tuple(transform.std), meta
    )


def load_checkpoint(data: bytes) -> Backbone:
    """A checkpoint uploaded by the learner, read by the Train page's safe reader (``weights_only=True``,
    size cap, clear messages); a bare state dict is refused because nothing says how to rebuild its model."""
    state, meta = read_checkpoint(data)
    if not meta:
        raise LessonError("finetune.error.checkpoint_format")
    return _from_checkpoint(state, meta)


def load_offline(path: Path = OFFLINE_FILE) -> Backbone:
    """The backbone this repo pretrains on 64×64 Shapes (``python -m scripts.pretrain_backbone``)."""
    if not path.is_file():
        raise LessonError("finetune.error.no_offline", path=str(path))
    return load_checkpoint(path.read_bytes())


def export_checkpoint(
    model: nn.Module, name: str, classes: tuple[str, ...], image_size: int, mean, std, **extra
) -> bytes:
    """The model as a portable ``lib.checkpoints`` file (state dict + metadata), which the Train page loads too."""
    return checkpoint_bytes(model, make_meta(name, classes, 3, image_size, mean, std, **extra))


def inference_snippet(filename: str) -> str:
    """Python that loads an exported checkpoint and classifies one photo (run it from this repository)."""
    return f'''import torch
from PIL import Image
from torchvision.transforms import v2

from lib.finetune_sources import architecture

ckpt = torch.load("{filename}", map_location="cpu", weights_only=True)
meta = ckpt["meta"]
model = architecture(meta["model"], len(meta["classes"]), meta["image_size"])
model.load_state_dict(ckpt["state_dict"])
model.eval()

size = meta["image_size"]
preprocess = v2.Compose([
    v2.ToImage(), v2.Resize(round(size * 256 / 224)), v2.CenterCrop(size),
    v2.ToDtype(torch.float32, scale=True), v2.Normalize(meta["mean"], meta["std"]),
])
x = preprocess(Image.open("photo.jpg").convert("RGB")).unsqueeze(0)
with torch.no_grad():
    probs = model(x).softmax(dim=1)[0]
for p, i in zip(*probs.topk(min(3, len(probs)))):
    print(f"{{meta['classes'][i]}}: {{p:.1%}}")
'''
