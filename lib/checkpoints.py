"""Save and load trained models safely: a state dict plus plain JSON metadata, read with ``weights_only=True``.

A checkpoint file is ``torch.save({"format": FORMAT, "meta": {...}, "state_dict": {...}})``. Loading never
unpickles code (``weights_only=True``, no fallback), and a mismatched file is rejected with a clear message.
"""

from __future__ import annotations

import io
import json
import pickle
import platform
from pathlib import Path

import torch
from torch import nn

from lib.errors import LessonError
from lib.models import MODELS, build_model

FORMAT = "dl-playground-checkpoint/1"
MAX_CHECKPOINT_BYTES = 200 * 1024 * 1024
REQUIRED_META = ("model", "classes", "in_channels", "image_size", "mean", "std")


def make_meta(
    model_name: str,
    classes: tuple[str, ...] | list[str],
    in_channels: int,
    image_size: int,
    mean: tuple[float, ...] | list[float],
    std: tuple[float, ...] | list[float],
    **extra: object,
) -> dict[str, object]:
    """The metadata every checkpoint carries, plus ``extra`` (metrics, config, dataset...), as plain JSON values."""
    meta = {
        "model": model_name,
        "classes": list(classes),
        "in_channels": int(in_channels),
        "image_size": int(image_size),
        "mean": [float(v) for v in mean],
        "std": [float(v) for v in std],
        "versions": {"torch": torch.__version__.split("+")[0], "python": platform.python_version()},
        **extra,
    }
    return json.loads(json.dumps(meta))  # proves it is JSON-able and drops tuples/numpy scalars


def checkpoint_bytes(model: nn.Module, meta: dict[str, object]) -> bytes:
    """The checkpoint file's bytes (state dict moved to the CPU, contiguous) for saving or downloading."""
    state = {name: t.detach().to("cpu").contiguous() for name, t in model.state_dict().items()}
    buffer = io.BytesIO()
    torch.save({"format": FORMAT, "meta": json.loads(json.dumps(meta)), "state_dict": state}, buffer)
    return buffer.getvalue()


def save_checkpoint(model: nn.Module, meta: dict[str, object], path: Path) -> Path:
    """Write ``checkpoint_bytes`` to ``path``."""
    path.write_bytes(checkpoint_bytes(model, meta))
    return path


def read_checkpoint(data: bytes) -> tuple[dict[str, torch.Tensor], dict[str, object]]:
    """(state dict, metadata) from a checkpoint's bytes; a bare state dict gives empty metadata.

    Raises LessonError for anything else: too big, not a torch file, code in the pickle, wrong contents.
    """
    if len(data) > MAX_CHECKPOINT_BYTES:
        raise LessonError("checkpoint.error.too_big", mb=len(data) // 2**20, limit=MAX_CHECKPOINT_BYTES // 2**20)
    try:
        loaded = torch.load(io.BytesIO(data), weights_only=True, map_location="cpu")
    except pickle.UnpicklingError as error:
        # weights_only refuses junk and code alike; only a refused import ("Unsupported global") means code.
        if "unsupported global" in str(error).lower():
            raise LessonError("checkpoint.error.unsafe") from None
        raise LessonError("checkpoint.error.not_checkpoint") from None
    except Exception as error:  # the unpickler fails on junk in many ways (IndexError, TypeError, ...)
        raise LessonError("checkpoint.error.not_checkpoint") from error
    if isinstance(loaded, dict) and loaded.get("format") == FORMAT:
        state, meta = loaded.get("state_dict"), loaded.get("meta")
        if not isinstance(meta, dict) or any(key not in meta for key in REQUIRED_META):
            raise LessonError("checkpoint.error.meta", required=", ".join(REQUIRED_META))
    else:
        state, meta = loaded, {}
    if (
        not isinstance(state, dict)
        or not state
        or not all(isinstance(k, str) and isinstance(v, torch.Tensor) for k, v in state.items())
    ):
        raise LessonError("checkpoint.error.not_checkpoint")
    return state, meta


def load_state(model: nn.Module, state: dict[str, torch.Tensor]) -> nn.Module:
    """Strictly load ``state`` into ``model``; missing/extra keys or wrong shapes become one clear LessonError."""
    expected = model.state_dict()
    missing = sorted(set(expected) - set(state))
    unexpected = sorted(set(state) - set(expected))
    wrong = [
        f"{name} {tuple(state[name].shape)}≠{tuple(t.shape)}"
        for name, t in expected.items()
        if name in state and state[name].shape != t.shape
    ]
    if missing or unexpected or wrong:
        raise LessonError(
            "checkpoint.error.mismatch",
            missing=", ".join(missing[:3]) or "-",
            unexpected=", ".join(unexpected[:3]) or "-",
            shapes=", ".join(wrong[:3]) or "-",
        )
    model.load_state_dict(state, strict=True)
    return model


def restore(data: bytes) -> tuple[nn.Module, dict[str, object]]:
    """Rebuild the model a checkpoint describes and load its weights (eval mode, CPU) -> (model, metadata)."""
    state, meta = read_checkpoint(data)
    if not meta:
        raise LessonError("checkpoint.error.bare")
    name = meta["model"]
    if name not in MODELS:
        raise LessonError("checkpoint.error.model", name=name)
    model = build_model(str(name), len(meta["classes"]), int(meta["in_channels"]), int(meta["image_size"]))
    return load_state(model, state).eval(), meta
