"""Where a pretrained backbone comes from: torchvision's ImageNet weights (online, cached) with download progress.

Weights are fetched once into ``torch.hub.get_dir()/checkpoints`` — the same cache torchvision's own
``weights.get_state_dict()`` uses — with their SHA-256 prefix (part of the file name) checked before the
file is kept. Without internet a ``LessonError`` says so; nothing half-downloaded is left behind.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import torch
from torch import nn
from torchvision import models

from lib.errors import LessonError

Progress = Callable[[int, int], None]  # (bytes so far, total bytes or 0 when unknown)
CHUNK = 1 << 16
TIMEOUT_S = 20


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
    return Path(torch.hub.get_dir()) / "checkpoints" / os.path.basename(weights.url)


def is_cached(name: str) -> bool:
    """Whether ``name``'s ImageNet weights are already on disk (no download needed)."""
    return cache_path(ONLINE[name].weights).is_file()


def _open(url: str):  # separated so tests can replace the network with a failure or a fake
    return urllib.request.urlopen(url, timeout=TIMEOUT_S)


def download(url: str, target: Path, progress: Progress | None = None) -> Path:
    """Fetch ``url`` into ``target`` chunk by chunk, reporting progress; check the SHA-256 prefix in its name."""
    expected = torch.hub.HASH_REGEX.search(target.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    handle, tmp_name = tempfile.mkstemp(dir=target.parent, suffix=".partial")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(handle, "wb") as out, _open(url) as response:
            total = int(response.headers.get("Content-Length") or 0)
            done = 0
            while chunk := response.read(CHUNK):
                out.write(chunk)
                digest.update(chunk)
                done += len(chunk)
                if progress:
                    progress(done, total)
        if expected and not digest.hexdigest().startswith(expected.group(1)):
            raise LessonError("finetune.error.corrupt_download", url=url)
        tmp.replace(target)
    except (urllib.error.URLError, TimeoutError, ConnectionError) as err:
        raise LessonError("finetune.error.offline", url=url, reason=str(getattr(err, "reason", err))) from err
    finally:
        tmp.unlink(missing_ok=True)
    return target


def load_online(name: str, progress: Progress | None = None) -> tuple[nn.Module, models.WeightsEnum]:
    """torchvision ``name`` with its ImageNet weights (downloaded once, then from the cache) and the weights enum.

    The enum carries what goes with the weights: ``meta["categories"]`` (1000 class names) and
    ``transforms()`` (resize 256, crop 224, ImageNet mean/std).
    """
    if name not in ONLINE:
        raise LessonError("finetune.error.unknown_backbone", name=name, known=", ".join(ONLINE))
    spec = ONLINE[name]
    path = cache_path(spec.weights)
    if not path.is_file():
        download(spec.weights.url, path, progress)
    model = spec.builder(weights=None)
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
        model.load_state_dict(state, strict=True)
    except (RuntimeError, OSError, EOFError, pickle.UnpicklingError) as err:
        raise LessonError("finetune.error.bad_cache", path=str(path)) from err
    return model, spec.weights
