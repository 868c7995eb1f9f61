"""Camera bursts (lib.finetune_camera): payload checks, add within the class and total caps, remove frames."""

from __future__ import annotations

import base64
import io

import pytest
import torch
from PIL import Image

from lib.errors import LessonError
from lib.finetune_camera import (
    MAX_FRAME_BYTES,
    FramesAdded,
    add_frames,
    class_counts,
    frames_from_payload,
    remove_frames,
)
from lib.finetune_data import MAX_PER_CLASS, STORE_SIZE, decode_uploads


def jpeg_url(color: str = "red", size: tuple[int, int] = (64, 48)) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="JPEG")
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode()


def frame(value: int) -> torch.Tensor:
    return torch.full((3, STORE_SIZE, STORE_SIZE), value, dtype=torch.uint8)


def test_a_burst_decodes_through_the_upload_path_into_stored_frames() -> None:
    frames, refused = frames_from_payload([jpeg_url("red"), jpeg_url("blue")])
    assert refused == 0 and len(frames) == 2 and all(f[:2] == b"\xff\xd8" for f in frames)
    good, bad = decode_uploads([(f"frame{i}.jpg", data) for i, data in enumerate(frames)])
    assert not bad and [tuple(t.shape) for t in good] == [(3, STORE_SIZE, STORE_SIZE)] * 2
    assert good[0][0].float().mean() > 200 and good[1][2].float().mean() > 200  # red, then blue


def test_bad_entries_are_refused_and_counted_never_decoded() -> None:
    huge = "data:image/jpeg;base64," + "A" * (4 * (MAX_FRAME_BYTES // 3 + 2))
    payload = [jpeg_url(), "data:text/html;base64,PGI+", "data:image/jpeg;base64,@@@", 42, huge, jpeg_url()]
    frames, refused = frames_from_payload(payload)
    assert len(frames) == 2 and refused == 4


def test_a_burst_longer_than_the_cap_keeps_the_first_frames() -> None:
    frames, refused = frames_from_payload([jpeg_url()] * 7, max_frames=5)
    assert len(frames) == 5 and refused == 2


def test_a_payload_that_is_not_a_list_is_refused_with_a_message() -> None:
    with pytest.raises(LessonError) as error:
        frames_from_payload({"frames": []})
    assert error.value.key == "finetune.camera.bad_burst"


def test_add_frames_keeps_what_fits_in_the_class() -> None:
    collection = {"cat": [frame(0)] * (MAX_PER_CLASS - 3), "dog": []}
    report = add_frames(collection, "cat", [frame(i) for i in range(5)])
    assert report == FramesAdded(added=3, over_class=2, over_total=0)
    assert len(collection["cat"]) == MAX_PER_CLASS and [int(t[0, 0, 0]) for t in collection["cat"][-3:]] == [0, 1, 2]


def test_add_frames_keeps_what_fits_in_the_total() -> None:
    collection = {"cat": [frame(0)] * 8, "dog": [frame(0)]}
    report = add_frames(collection, "dog", [frame(i) for i in range(4)], total=10)
    assert report == FramesAdded(added=1, over_class=0, over_total=3)
    assert class_counts(collection) == {"cat": 8, "dog": 2}
    assert add_frames(collection, "cat", [frame(9)], total=10) == FramesAdded(0, 0, 1)


def test_add_frames_to_an_unknown_class_is_refused() -> None:
    with pytest.raises(LessonError):
        add_frames({}, "cat", [frame(0)])


def test_remove_frames_by_position() -> None:
    collection = {"cat": [frame(i) for i in range(5)]}
    assert remove_frames(collection, "cat", [1, 3, 99]) == 2
    assert [int(t[0, 0, 0]) for t in collection["cat"]] == [0, 2, 4]
