"""CIFAR-10, Fashion-MNIST and MNIST through torchvision, for learners who are online.

torchvision's own download prints a terminal progress bar the page cannot show, so the archives are
fetched by ``lib.downloads`` from the URLs (mirrors in order) and MD5 checksums torchvision's dataset
classes define, reporting progress to a callback; torchvision then extracts and reads them exactly as it
always does. Everything is cached under ``lib.paths.downloads_dir()``, so the download happens once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torchvision import datasets
from torchvision.datasets.utils import check_integrity, extract_archive

from lib.data.arrays import ImageArrays
from lib.downloads import Checksum
from lib.downloads import download as download_file
from lib.errors import LessonError
from lib.paths import downloads_dir

Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class Source:
    """One dataset: its torchvision class, display name, and the (url, filename, md5) files it needs."""

    cls: type
    title: str

    def files(self) -> list[tuple[list[str], str, str]]:
        """``(candidate urls, filename, md5)`` for every archive, from torchvision's class attributes."""
        if issubclass(self.cls, datasets.CIFAR10):
            return [([self.cls.url], self.cls.filename, self.cls.tgz_md5)]
        return [([mirror + name for mirror in self.cls.mirrors], name, md5) for name, md5 in self.cls.resources]

    def folder(self, root: Path) -> Path:
        """Where the archives go: the root for CIFAR (it extracts a folder), ``<Class>/raw`` for MNISTs."""
        if issubclass(self.cls, datasets.CIFAR10):
            return root
        return root / self.cls.__name__ / "raw"


SOURCES: dict[str, Source] = {
    "cifar10": Source(datasets.CIFAR10, "CIFAR-10"),
    "fashion_mnist": Source(datasets.FashionMNIST, "Fashion-MNIST"),
    "mnist": Source(datasets.MNIST, "MNIST"),
}


def _quiet(fraction: float, message: str) -> None:
    """The default progress callback: report nothing."""


def download(name: str, root: Path | None = None, on_progress: Progress = _quiet) -> Path:
    """Fetch and extract dataset ``name`` (a key of SOURCES) into ``root``; skips files already there."""
    source = _source(name)
    root = root or downloads_dir()
    folder = source.folder(root)
    folder.mkdir(parents=True, exist_ok=True)
    files = source.files()
    for number, (urls, filename, md5) in enumerate(files):
        path = folder / filename
        if not check_integrity(str(path), md5):
            path.unlink(missing_ok=True)  # a damaged leftover: fetch it again

            def report(done: int, total: int, number: int = number, filename: str = filename) -> None:
                share = done / total if total else 0.0
                mb = f"{done / 2**20:.1f} / {total / 2**20:.1f} MB" if total else f"{done / 2**20:.1f} MB"
                on_progress(min(1.0, (number + share) / len(files)), f"{filename}: {mb}")

            checksum = Checksum("md5", md5)
            download_file(
                urls, path, name=source.title, fallback="data.download.fallback", checksum=checksum, progress=report
            )
        extract_archive(str(path), str(folder))
        on_progress((number + 1) / len(files), f"{filename}: OK")
    return root


def _source(name: str) -> Source:
    if name not in SOURCES:
        raise LessonError("data.download.error.unknown", name=name, known=", ".join(SOURCES))
    return SOURCES[name]


def _open(source: Source, root: Path, train: bool) -> object:
    """torchvision's dataset object reading the files under ``root``; RuntimeError when they are missing."""
    return source.cls(str(root), train=train, download=False)


def load_torchvision(
    name: str, train: bool = True, root: Path | None = None, on_progress: Progress = _quiet
) -> ImageArrays:
    """The train or test split of ``name`` ("cifar10", "fashion_mnist", "mnist") as uint8 NCHW ImageArrays.

    Downloads on first use, reporting ``on_progress(fraction, message)``; offline, raises a LessonError
    that says so (Shapes works without a network). MNIST-style sets have one channel.
    """
    source = _source(name)
    root = root or downloads_dir()
    try:
        dataset = _open(source, root, train)
    except RuntimeError:
        download(name, root, on_progress)
        try:
            dataset = _open(source, root, train)
        except RuntimeError as error:
            raise LessonError("data.download.error.unreadable", name=source.title) from error
    data, targets = dataset.data, dataset.targets
    if isinstance(data, np.ndarray):  # CIFAR: (N, H, W, C) numpy
        images = torch.from_numpy(np.ascontiguousarray(data.transpose(0, 3, 1, 2)))
    else:  # MNIST family: (N, H, W) uint8 tensor
        images = data.unsqueeze(1).contiguous()
    labels = torch.as_tensor(targets, dtype=torch.int64)
    return ImageArrays(images, labels, tuple(dataset.classes))
