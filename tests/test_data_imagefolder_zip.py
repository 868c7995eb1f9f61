"""The ImageFolder zip loader against good and hostile archives, all built in memory by the tests."""

import io
import threading
import zipfile

import numpy as np
import pytest
import torch
from PIL import Image

from lib.data.imagefolder_zip import ZipLimits, load_imagefolder_zip
from lib.errors import LessonError


def png(color: tuple[int, int, int], size: tuple[int, int] = (20, 10)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def make_zip(members: dict[str, bytes], compression: int = zipfile.ZIP_STORED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as zf:
        for name, data in members.items():
            if name.endswith("/"):
                zf.writestr(zipfile.ZipInfo(name), b"")
            else:
                zf.writestr(name, data)
    return buffer.getvalue()


RED, BLUE = png((255, 0, 0)), png((0, 0, 255))


def test_good_zip_gives_sorted_classes_and_pixels() -> None:
    data = make_zip({"dogs/1.png": BLUE, "cats/a.png": RED, "cats/b.PNG": RED, "dogs/.DS_Store": b"x"})
    arrays, report = load_imagefolder_zip(data, image_size=8)
    assert arrays.classes == ("cats", "dogs")
    assert arrays.labels.tolist() == [0, 0, 1]
    assert arrays.images.shape == (3, 3, 8, 8) and arrays.images.dtype == torch.uint8
    assert arrays.images[0, :, 4, 4].tolist() == [255, 0, 0] and arrays.images[2, :, 4, 4].tolist() == [0, 0, 255]
    assert report.class_counts == {"cats": 2, "dogs": 1} and report.skipped == ()


def test_wrapping_folder_and_macos_junk_are_handled() -> None:
    data = make_zip(
        {"photos/": b"", "photos/a/1.png": RED, "photos/b/2.png": BLUE, "__MACOSX/photos/a/._1.png": b"junk"}
    )
    arrays, report = load_imagefolder_zip(data, image_size=8)
    assert arrays.classes == ("a", "b") and report.skipped == ()


def test_pad_letterboxes_and_crop_fills() -> None:
    wide = png((0, 255, 0), size=(40, 10))
    data = make_zip({"a/1.png": wide, "b/1.png": wide})
    cropped, _ = load_imagefolder_zip(data, image_size=16, fit="crop")
    padded, _ = load_imagefolder_zip(data, image_size=16, fit="pad")
    assert (cropped.images[0, 1] == 255).all()
    assert padded.images[0, 1, 0, 8] == 0 and padded.images[0, 1, 8, 8] == 255  # black bars above, green middle


def test_non_images_corrupt_and_nested_files_are_skipped_and_reported() -> None:
    data = make_zip(
        {
            "a/1.png": RED,
            "a/notes.txt": b"hello",
            "a/broken.jpg": b"\xff\xd8\xff\xe0 not really a jpeg",
            "a/deeper/2.png": RED,
            "b/1.png": BLUE,
            "loose.png": BLUE,
        }
    )
    arrays, report = load_imagefolder_zip(data, image_size=8)
    assert len(arrays) == 2
    reasons = {item.path: item.reason for item in report.skipped}
    assert reasons == {
        "a/notes.txt": "data.zip.skip.not_image",
        "a/broken.jpg": "image.error.not_image",
        "a/deeper/2.png": "data.zip.skip.nested",
        "loose.png": "data.zip.skip.not_in_class",
    }


@pytest.mark.parametrize("name", ["../evil.png", "/abs.png", "a/../../evil.png", "C:/evil.png", "a\\..\\..\\evil.png"])
def test_zip_slip_paths_are_refused(name: str) -> None:
    data = make_zip({"a/1.png": RED, "b/1.png": BLUE, name: RED})
    with pytest.raises(LessonError) as caught:
        load_imagefolder_zip(data)
    assert caught.value.key == "data.zip.error.unsafe_path"


def test_zip_bomb_ratio_is_refused() -> None:
    data = make_zip({"a/1.png": RED, "b/bomb.png": bytes(5_000_000)}, compression=zipfile.ZIP_DEFLATED)
    with pytest.raises(LessonError) as caught:
        load_imagefolder_zip(data)
    assert caught.value.key == "data.zip.error.bomb"


def test_total_size_and_member_count_caps() -> None:
    data = make_zip({f"{c}/{i}.png": RED for c in "ab" for i in range(4)})
    with pytest.raises(LessonError) as caught:
        load_imagefolder_zip(data, limits=ZipLimits(max_members=5))
    assert caught.value.key == "data.zip.error.too_many_files"
    with pytest.raises(LessonError) as caught:
        load_imagefolder_zip(data, limits=ZipLimits(max_total_bytes=len(RED) * 3))
    assert caught.value.key == "data.zip.error.too_big"


def test_oversized_images_are_skipped_by_pixel_cap() -> None:
    data = make_zip({"a/big.png": png((1, 2, 3), (300, 300)), "a/1.png": RED, "b/1.png": BLUE})
    arrays, report = load_imagefolder_zip(data, limits=ZipLimits(max_pixels=10_000))
    assert len(arrays) == 2 and report.skipped[0].reason == "image.error.too_many_pixels"


@pytest.mark.parametrize(
    ("members", "key"),
    [
        ({"a/1.png": RED, "a/2.png": RED}, "data.zip.error.one_class"),
        ({"a/1.png": RED, "b/": b""}, "data.zip.error.empty_class"),
        ({"a/1.png": RED, "b/notes.txt": b"x"}, "data.zip.error.empty_class"),
        ({"Cats/1.png": RED, "cats/2.png": BLUE}, "data.zip.error.duplicate_class"),
        ({"a/notes.txt": b"x"}, "data.zip.error.no_images"),
        ({}, "data.zip.error.no_images"),
    ],
)
def test_class_problems_are_named(members: dict[str, bytes], key: str) -> None:
    with pytest.raises(LessonError) as caught:
        load_imagefolder_zip(make_zip(members))
    assert caught.value.key == key


def test_not_a_zip_and_bad_options() -> None:
    with pytest.raises(LessonError, match="not a readable zip"):
        load_imagefolder_zip(b"plain bytes")
    good = make_zip({"a/1.png": RED, "b/1.png": BLUE})
    with pytest.raises(LessonError):
        load_imagefolder_zip(good, fit="stretch")  # type: ignore[arg-type]
    with pytest.raises(LessonError):
        load_imagefolder_zip(good, image_size=100_000)


def test_images_are_resized_like_pil() -> None:
    photo = Image.fromarray(np.random.default_rng(0).integers(0, 256, (30, 50, 3), dtype=np.uint8))
    buffer = io.BytesIO()
    photo.save(buffer, format="PNG")
    arrays, _ = load_imagefolder_zip(make_zip({"a/1.png": buffer.getvalue(), "b/1.png": BLUE}), image_size=12)
    expected = np.asarray(photo.resize((12, 12), Image.Resampling.BICUBIC, box=(10, 0, 40, 30)))
    np.testing.assert_array_equal(arrays.images[0].permute(1, 2, 0).numpy(), expected)


def test_oversized_files_are_skipped_and_encrypted_ones_reported() -> None:
    big = png((9, 9, 9), (200, 200))
    data = make_zip({"a/big.png": big, "a/1.png": RED, "b/1.png": BLUE})
    arrays, report = load_imagefolder_zip(data, limits=ZipLimits(max_file_bytes=len(big) - 1))
    assert len(arrays) == 2 and [item.reason for item in report.skipped] == ["data.zip.skip.too_big"]
    encrypted = bytearray(make_zip({"a/1.png": RED, "b/1.png": BLUE, "b/secret.png": BLUE}))
    entry = encrypted.rindex(b"PK\x01\x02", 0, encrypted.rindex(b"b/secret.png"))
    encrypted[entry + 8] |= 0x1  # the central directory's "encrypted" flag bit
    _, report = load_imagefolder_zip(bytes(encrypted))
    assert [item.reason for item in report.skipped] == ["data.zip.skip.encrypted"]


# ---------------------------------------------------------------- per-upload budget (issue 14)


def test_total_decoded_pixels_are_capped_per_upload() -> None:
    data = make_zip({"a/1.png": RED, "a/2.png": RED, "b/1.png": BLUE})  # 200 pixels each
    with pytest.raises(LessonError) as refused:
        load_imagefolder_zip(data, limits=ZipLimits(max_total_pixels=500))
    assert refused.value.key == "data.zip.error.too_many_pixels"
    arrays, _ = load_imagefolder_zip(data, limits=ZipLimits(max_total_pixels=600))
    assert len(arrays) == 3


def test_total_decode_time_is_capped_per_upload() -> None:
    with pytest.raises(LessonError) as refused:
        load_imagefolder_zip(make_zip({"a/1.png": RED, "b/1.png": BLUE}), limits=ZipLimits(max_seconds=1e-9))
    assert refused.value.key == "data.zip.error.too_slow"


def test_a_set_stop_event_ends_the_work() -> None:
    stop = threading.Event()
    stop.set()
    with pytest.raises(LessonError) as refused:
        load_imagefolder_zip(make_zip({"a/1.png": RED, "b/1.png": BLUE}), stop=stop)
    assert refused.value.key == "data.zip.error.stopped"


def test_unflagged_utf8_names_are_read_as_utf8() -> None:
    """macOS writes UTF-8 names (NFD) without the flag; "cafe\u0301" is valid GBK too, yet must read as café."""
    data = make_zip({"cafeQQ/1.png": RED, "dogs/1.png": BLUE})
    assert data.count(b"cafeQQ/") == 2
    _, report = load_imagefolder_zip(data.replace(b"cafeQQ/", "cafe\u0301/".encode()))
    assert report.class_counts == {"caf\u00e9": 1, "dogs": 1}


def test_a_member_in_an_unknown_compression_method_is_skipped_not_a_crash() -> None:
    """zipfile cannot read e.g. method 99 (AES): that member is noted as unreadable, the rest still loads."""
    import io
    import zipfile

    from PIL import Image

    from lib.data.imagefolder_zip import load_imagefolder_zip

    buffer = io.BytesIO()
    png = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 0, 0)).save(png, format="PNG")
    with zipfile.ZipFile(buffer, "w") as zf:
        for name in ("a/1.png", "a/2.png", "b/1.png", "b/2.png", "b/odd.png"):
            zf.writestr(name, png.getvalue())
    data = bytearray(buffer.getvalue())
    offset = data.rfind(b"b/odd.png")  # the central directory entry: set its method to 99
    header = data.rfind(b"PK\x01\x02", 0, offset)
    data[header + 10 : header + 12] = (99).to_bytes(2, "little")
    arrays, report = load_imagefolder_zip(bytes(data), image_size=8)
    assert sorted(arrays.classes) == ["a", "b"] and len(arrays.images) == 4
    assert [(s.path, s.reason) for s in report.skipped] == [("b/odd.png", "data.zip.skip.unreadable")]
