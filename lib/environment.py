"""Versions of the libraries the app runs on, for Home and for checkpoint metadata."""

from __future__ import annotations

from importlib import metadata

LIBRARIES: tuple[str, ...] = ("torch", "torchvision", "streamlit", "numpy", "pandas", "pillow", "plotly")


def library_versions() -> dict[str, str]:
    """``{name: version}`` for each of LIBRARIES; ``"not installed"`` where one is missing."""
    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions
