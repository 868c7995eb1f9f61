"""A whole image dataset held as two tensors, the common currency of datasets, training and pages."""

from __future__ import annotations

from dataclasses import dataclass

import torch


@dataclass(frozen=True)
class ImageArrays:
    """Images as uint8 ``(N, C, H, W)`` and their labels: ``(N,)`` int64 class indices for classification,
    or ``(N, K, 5)`` float rows ``[class, x1, y1, x2, y2]`` (normalised, padded with -1) for detection.

    Kept as uint8 so a whole dataset fits in (device) memory and is normalised/augmented on the device.
    """

    images: torch.Tensor
    labels: torch.Tensor
    classes: tuple[str, ...]

    def __post_init__(self) -> None:
        if self.images.dtype != torch.uint8 or self.images.dim() != 4:
            raise ValueError(f"images must be uint8 (N, C, H, W), got {self.images.dtype} {tuple(self.images.shape)}")
        if len(self.images) != len(self.labels):
            raise ValueError(f"{len(self.images)} images but {len(self.labels)} labels")

    def __len__(self) -> int:
        return len(self.images)

    @property
    def image_shape(self) -> tuple[int, int, int]:
        """``(C, H, W)`` of one image."""
        return tuple(self.images.shape[1:])

    def subset(self, indices: torch.Tensor) -> ImageArrays:
        """The examples at ``indices`` (a 1-D index tensor), same classes."""
        return ImageArrays(self.images[indices], self.labels[indices], self.classes)

    def split(self, val_fraction: float, seed: int = 0) -> tuple[ImageArrays, ImageArrays]:
        """A seeded random (train, validation) split; validation gets ``round(N * val_fraction)`` examples,
        but never none (accuracy over no images is undefined) and never all, whenever N >= 2."""
        order = torch.randperm(len(self), generator=torch.Generator().manual_seed(seed))
        n_val = round(len(self) * val_fraction)
        if len(self) >= 2:
            n_val = min(max(n_val, 1), len(self) - 1)
        return self.subset(order[n_val:]), self.subset(order[:n_val])


def concatenate(parts: list[ImageArrays]) -> ImageArrays:
    """One dataset from several with the same classes, in order (e.g. chunks rendered in parallel)."""
    if not parts or any(part.classes != parts[0].classes for part in parts):
        raise ValueError("concatenate needs at least one part, all with the same classes")
    return ImageArrays(
        torch.cat([part.images for part in parts]), torch.cat([part.labels for part in parts]), parts[0].classes
    )
