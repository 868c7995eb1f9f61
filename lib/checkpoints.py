"""Save and load trained models safely: a state dict plus plain JSON metadata, read with ``weights_only=True``.

A checkpoint file is ``torch.save({"format": FORMAT, "meta": {...}, "state_dict": {...}})``. Loading never
unpickles code (``weights_only=True``, no fallback), and a mismatched file is rejected with a clear message.
"""

from __future__ import annotations

import io
import json
import math
import pickle
import platform
import re
from collections.abc import Callable
from pathlib import Path

import torch
from torch import nn

from lib.errors import LessonError, excerpt, literal
from lib.models import MAX_IMAGE_SIZE, MODELS, build_model

FORMAT = "dl-playground-checkpoint/1"
MAX_CHECKPOINT_BYTES = 200 * 1024 * 1024
REQUIRED_META = ("model", "classes", "in_channels", "image_size", "mean", "std")
# Caps checked on the metadata before any model is built (a model is sized by what its metadata says).
MAX_CLASSES = 1000  # ImageNet's head is the largest this app builds
MAX_CLASS_NAME = 100  # characters
MAX_CHANNELS = 4
MAX_PARAMETER_BYTES = MAX_CHECKPOINT_BYTES  # the model the metadata describes, measured without allocating it
MAX_NAME = 64  # characters of a model name or a metric name
MAX_TEXT = 200  # characters of a free-text field (dataset, task, weights)
MAX_METRICS = 50
MAX_EXTRA_JSON = 10_000  # characters of any other field, as JSON (config, versions)
TEXT_FIELDS = ("dataset", "task", "weights", "command", "source")
NUMBER_FIELDS = ("val_accuracy", "acc@1")


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


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _text(value: object, field: str, limit: int) -> str:
    if not isinstance(value, str) or not value or len(value) > limit:
        raise LessonError("checkpoint.error.meta_text", field=field, limit=limit)
    return value


def _integer(value: object, field: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise LessonError("checkpoint.error.meta_integer", field=field, low=low, high=high)
    return value


def _per_channel(value: object, field: str, channels: int, positive: bool) -> list[float]:
    if (
        not isinstance(value, (list, tuple))
        or len(value) != channels
        or not all(_is_number(v) and (v > 0 or not positive) for v in value)
    ):
        raise LessonError("checkpoint.error.meta_channels", field=field, count=channels)
    return [float(v) for v in value]


def _classes(value: object) -> list[str]:
    if (
        not isinstance(value, (list, tuple))
        or not 1 <= len(value) <= MAX_CLASSES
        or not all(isinstance(name, str) and 0 < len(name) <= MAX_CLASS_NAME for name in value)
    ):
        raise LessonError("checkpoint.error.meta_classes", limit=MAX_CLASSES, length=MAX_CLASS_NAME)
    return list(value)


def _metrics(value: object) -> dict[str, float]:
    if (
        not isinstance(value, dict)
        or len(value) > MAX_METRICS
        or not all(isinstance(k, str) and 0 < len(k) <= MAX_NAME and _is_number(v) for k, v in value.items())
    ):
        raise LessonError("checkpoint.error.meta_metrics", limit=MAX_METRICS)
    return {k: float(v) for k, v in value.items()}


def _small_json(value: object, field: str) -> object:
    try:
        text = json.dumps(value)
    except (TypeError, ValueError, RecursionError):
        text = None
    if text is None or len(text) > MAX_EXTRA_JSON:
        raise LessonError("checkpoint.error.meta_extra", field=field, limit=MAX_EXTRA_JSON)
    return json.loads(text)


def check_meta(meta: dict[object, object]) -> dict[str, object]:
    """A checkpoint's metadata with the type and size of every field checked, as plain Python values.

    Uploaded metadata is attacker-chosen: the model is later built from it and the pages show it, so class
    count, class-name length, channels and image size are capped here, and per-channel mean/std must have
    one positive-where-needed number per channel. Unknown fields are dropped.
    """
    if any(key not in meta for key in REQUIRED_META):
        raise LessonError("checkpoint.error.meta", required=", ".join(REQUIRED_META))
    channels = _integer(meta["in_channels"], "in_channels", 1, MAX_CHANNELS)
    checked: dict[str, object] = {
        "model": _text(meta["model"], "model", MAX_NAME),
        "classes": _classes(meta["classes"]),
        "in_channels": channels,
        "image_size": _integer(meta["image_size"], "image_size", 1, MAX_IMAGE_SIZE),
        "mean": _per_channel(meta["mean"], "mean", channels, positive=False),
        "std": _per_channel(meta["std"], "std", channels, positive=True),
    }
    if "metrics" in meta:
        checked["metrics"] = _metrics(meta["metrics"])
    for field in NUMBER_FIELDS:
        if field in meta:
            if not _is_number(meta[field]):
                raise LessonError("checkpoint.error.meta_number", field=field)
            checked[field] = float(meta[field])
    for field in TEXT_FIELDS:
        if field in meta:
            checked[field] = _text(meta[field], field, MAX_TEXT)
    for field in ("config", "versions"):
        if field in meta:
            checked[field] = _small_json(meta[field], field)
    return checked


def _check_storage(name: str, tensor: torch.Tensor) -> None:
    """Refuse a tensor whose logical size is not backed by stored data (``expand()``/stride-0 views, or
    ``as_strided`` windows over a tiny storage): loading it would materialise data the file never held."""
    if tensor.layout != torch.strided or tensor.is_quantized:
        raise LessonError("checkpoint.error.not_checkpoint")
    stored = tensor.untyped_storage().nbytes() // max(tensor.element_size(), 1)
    if tensor.numel() > stored:
        raise LessonError("checkpoint.error.tensor_storage", name=name, claimed=tensor.numel(), stored=stored)


def read_checkpoint(data: bytes) -> tuple[dict[str, torch.Tensor], dict[str, object]]:
    """(state dict, metadata) from a checkpoint's bytes; a bare state dict gives empty metadata.

    Raises LessonError for anything else: too big, not a torch file, code in the pickle, wrong contents,
    metadata of the wrong type or size (see ``check_meta``), tensors whose data is not really stored.
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
        if not isinstance(meta, dict):
            raise LessonError("checkpoint.error.meta", required=", ".join(REQUIRED_META))
        meta = check_meta(meta)
    else:
        state, meta = loaded, {}
    if (
        not isinstance(state, dict)
        or not state
        or not all(isinstance(k, str) and isinstance(v, torch.Tensor) for k, v in state.items())
    ):
        raise LessonError("checkpoint.error.not_checkpoint")
    for name, tensor in state.items():
        _check_storage(literal(excerpt(name)), tensor)
    return state, meta


def _mismatch(expected: dict[str, torch.Tensor], state: dict[str, torch.Tensor]) -> LessonError | None:
    """The error for a state dict whose names or shapes differ from ``expected`` (a model's state dict), if any."""
    missing = sorted(set(expected) - set(state))
    unexpected = sorted(set(state) - set(expected))
    wrong = [
        f"{name} {tuple(state[name].shape)}≠{tuple(t.shape)}"
        for name, t in expected.items()
        if name in state and state[name].shape != t.shape
    ]
    if not (missing or unexpected or wrong):
        return None
    return LessonError(
        "checkpoint.error.mismatch",
        missing=", ".join(literal(excerpt(n)) for n in missing[:3]) or "-",
        unexpected=", ".join(literal(excerpt(n)) for n in unexpected[:3]) or "-",
        shapes=", ".join(literal(excerpt(w, 80)) for w in wrong[:3]) or "-",
    )


def load_state(model: nn.Module, state: dict[str, torch.Tensor]) -> nn.Module:
    """Strictly load ``state`` into ``model``; missing/extra keys or wrong shapes become one clear LessonError."""
    error = _mismatch(model.state_dict(), state)
    if error is not None:
        raise error
    try:
        model.load_state_dict(state, strict=True)
    except (RuntimeError, TypeError) as failure:  # e.g. a dtype that cannot be copied into a parameter
        raise LessonError("checkpoint.error.not_checkpoint") from failure
    return model


def build_and_load(build: Callable[[], nn.Module], state: dict[str, torch.Tensor]) -> nn.Module:
    """``build()`` with ``state`` loaded, after sizing the model on the meta device (no memory): refuses a
    model over MAX_PARAMETER_BYTES or whose shapes differ from the state's, before allocating anything."""
    with torch.device("meta"):
        skeleton = build()
    expected = skeleton.state_dict()
    size = sum(t.numel() * t.element_size() for t in expected.values())
    if size > MAX_PARAMETER_BYTES:
        raise LessonError("checkpoint.error.too_many_parameters", mb=size // 2**20, limit=MAX_PARAMETER_BYTES // 2**20)
    error = _mismatch(expected, state)
    if error is not None:
        raise error
    return load_state(build(), state)


def _shown_name(name: str) -> str:
    """A name from a file made safe to quote (with repr) in Markdown: only letters, digits and ``_.@+-``."""
    return re.sub(r"[^\w.@+-]", "?", name)


def restore(data: bytes) -> tuple[nn.Module, dict[str, object]]:
    """Rebuild the model a checkpoint describes and load its weights (eval mode, CPU) -> (model, metadata)."""
    state, meta = read_checkpoint(data)
    if not meta:
        raise LessonError("checkpoint.error.bare")
    name = meta["model"]
    if name not in MODELS:
        raise LessonError("checkpoint.error.model", name=_shown_name(name))
    classes, channels, size = len(meta["classes"]), int(meta["in_channels"]), int(meta["image_size"])
    model = build_and_load(lambda: build_model(str(name), classes, channels, size), state)
    return model.eval(), meta
