"""Where the app keeps files: shipped weights, downloads, and per-session uploads."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEIGHTS_DIR = ROOT / "weights"


def data_dir() -> Path:
    """The writable data directory (``$DLP_DATA_DIR``, default ``./data``), created on first use."""
    path = Path(os.environ.get("DLP_DATA_DIR", ROOT / "data")).resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def downloads_dir() -> Path:
    """Cache for datasets and weights fetched from the internet."""
    path = data_dir() / "downloads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def env_number(name: str, default: float) -> float:
    """A positive number from the environment variable ``name`` (how a host sets a cap), else ``default``."""
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        return default
    return value if value > 0 else default
