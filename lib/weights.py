"""The weights this repo ships: ``weights/manifest.json`` entries (file, sha256, dataset, command, metrics)
and loading a shipped checkpoint by file name after checking its hash."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from torch import nn

from lib.checkpoints import restore
from lib.errors import LessonError
from lib.paths import WEIGHTS_DIR


def manifest_path(weights_dir: Path = WEIGHTS_DIR) -> Path:
    """Where the manifest lives."""
    return weights_dir / "manifest.json"


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_manifest(weights_dir: Path = WEIGHTS_DIR) -> list[dict[str, object]]:
    """Every entry of the manifest (an empty list when there is none)."""
    path = manifest_path(weights_dir)
    if not path.is_file():
        return []
    return list(json.loads(path.read_text()).get("files", []))


def entry(file: str, weights_dir: Path = WEIGHTS_DIR) -> dict[str, object] | None:
    """The manifest entry for ``file`` (e.g. ``"small_resnet_shapes.pt"``), or None."""
    return next((item for item in read_manifest(weights_dir) if item.get("file") == file), None)


def record(path: Path, fields: dict[str, object], weights_dir: Path = WEIGHTS_DIR) -> dict[str, object]:
    """Add or replace ``path``'s entry: file, sha256, size plus ``fields`` (dataset, command, metrics, model...).

    Other scripts' entries are kept; the file is replaced atomically.
    """
    item = {"file": path.name, "sha256": sha256_file(path), "bytes": path.stat().st_size, **fields}
    items = [other for other in read_manifest(weights_dir) if other.get("file") != path.name] + [item]
    target = manifest_path(weights_dir)
    temporary = target.with_suffix(".json.tmp")
    temporary.write_text(json.dumps({"files": items}, indent=2, ensure_ascii=False) + "\n")
    os.replace(temporary, target)
    return item


def shipped_classifiers(weights_dir: Path = WEIGHTS_DIR) -> list[dict[str, object]]:
    """Entries of shipped classification checkpoints whose files are present (for the Predict section)."""
    return [
        item
        for item in read_manifest(weights_dir)
        if item.get("task") == "classification" and (weights_dir / str(item["file"])).is_file()
    ]


def load_shipped(file: str, weights_dir: Path = WEIGHTS_DIR) -> tuple[nn.Module, dict[str, object]]:
    """The shipped model in ``file`` (eval mode, CPU) and its metadata; refuses a file whose hash changed."""
    item = entry(file, weights_dir)
    path = weights_dir / file
    if item is None or not path.is_file():
        raise LessonError("weights.error.missing", file=file)
    if sha256_file(path) != item["sha256"]:
        raise LessonError("weights.error.hash", file=file)
    return restore(path.read_bytes())
