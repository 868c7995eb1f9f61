"""Your own classes from the camera, in bursts: the frames a burst sends, checked and bounded, then added to the
collection (lib.finetune_data) within a per-class and a total cap, and removed again one by one.

A burst arrives from the browser as a list of ``data:image/jpeg;base64,...`` strings. Nothing here trusts it:
the count and each frame's size are capped before decoding, and decoding goes through the same bounded path as
uploaded photos (``lib.finetune_data.decode_uploads``).
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

import torch

from lib.errors import LessonError
from lib.finetune_data import MAX_PER_CLASS, Collection

MAX_BURST = 40  # frames one burst may send (8 s held at 5 frames/s)
MAX_FRAME_BYTES = 256 * 1024  # one frame, as the browser encodes it (a 192 px JPEG is ~10-20 kB)
MAX_TOTAL = 600  # images in the whole collection (~16 MB at 96 × 96 RGB): keeps a session light
FRAME_PREFIXES = ("data:image/jpeg;base64,", "data:image/png;base64,", "data:image/webp;base64,")


@dataclass(frozen=True)
class FramesAdded:
    """What became of a burst: how many frames were added, and how many did not fit the class / the total cap."""

    added: int
    over_class: int = 0
    over_total: int = 0


def frames_from_payload(payload: object, max_frames: int = MAX_BURST) -> tuple[list[bytes], int]:
    """The encoded frames of a burst -> (at most ``max_frames`` frames' bytes, how many entries were refused).

    Refused: anything that is not an image data URL, bad base64, or a frame over ``MAX_FRAME_BYTES``;
    frames beyond ``max_frames`` are refused too (counted, never decoded).
    """
    if not isinstance(payload, list):
        raise LessonError("finetune.camera.bad_burst")
    frames: list[bytes] = []
    refused = 0
    for entry in payload:
        if len(frames) >= max_frames:
            refused += 1
            continue
        prefix = next((p for p in FRAME_PREFIXES if isinstance(entry, str) and entry.startswith(p)), None)
        if prefix is None or len(entry) - len(prefix) > 4 * (MAX_FRAME_BYTES // 3 + 1):
            refused += 1
            continue
        try:
            frames.append(base64.b64decode(entry[len(prefix) :], validate=True))
        except (binascii.Error, ValueError):
            refused += 1
    return frames, refused


def add_frames(collection: Collection, name: str, frames: list[torch.Tensor], total: int = MAX_TOTAL) -> FramesAdded:
    """Append stored frames (3, S, S) uint8 to class ``name`` as far as the class cap and the total cap allow.

    Unlike a chosen set of photos, a burst is kept in part: the first frames that fit, the rest counted.
    """
    if name not in collection:
        raise LessonError("finetune.error.no_class", name=name)
    class_room = max(0, MAX_PER_CLASS - len(collection[name]))
    total_room = max(0, total - sum(len(images) for images in collection.values()))
    kept = min(len(frames), class_room, total_room)
    collection[name].extend(frames[:kept])
    over_class = max(0, len(frames) - class_room) if class_room <= total_room else 0
    over_total = len(frames) - kept - over_class
    return FramesAdded(kept, over_class, over_total)


def remove_frames(collection: Collection, name: str, indices: list[int]) -> int:
    """Remove images at ``indices`` (positions in class ``name``; unknown positions are ignored) -> how many."""
    if name not in collection:
        raise LessonError("finetune.error.no_class", name=name)
    drop = set(indices)
    before = len(collection[name])
    collection[name] = [image for i, image in enumerate(collection[name]) if i not in drop]
    return before - len(collection[name])


def class_counts(collection: Collection) -> dict[str, int]:
    """Images per class, in the collection's order."""
    return {name: len(images) for name, images in collection.items()}
