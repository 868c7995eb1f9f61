"""Write a corpus of hostile uploads (broken, disguised, bomb-sized and malicious files) into a folder.

Nothing binary is committed: tests call ``build(folder)`` on a temporary folder, and a human can run
``python scripts/make_hostile_corpus.py tests/fixtures/hostile`` to look at the files (that folder is
git-ignored). ``CORPUS`` is the table tests parametrise over; every entry says what kind of upload it
poses as and whether a careful app should accept it.
"""

from __future__ import annotations

import argparse
import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from PIL import Image

MARKER_NAME = "PWNED-by-unsafe-unpickling"
EXIF_ORIENTATION = 0x0112
BOMB_SIDE = 60_000  # 3.6 gigapixels: over every limit, yet the file stays a few kilobytes
MID_BOMB_SIZE = (8_000, 6_000)  # 48 Mpx: over lib.images' 40 Mpx cap, under Pillow's own guard


# ---------------------------------------------------------------- images


def photo(width: int = 64, height: int = 48, seed: int = 0) -> Image.Image:
    """A small, deterministic, photo-like RGB image (gradients plus noise)."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width]
    rgb = np.stack([x * 255 // max(1, width - 1), y * 255 // max(1, height - 1), (x + y) % 256], axis=-1)
    noisy = np.clip(rgb + rng.integers(-20, 21, size=rgb.shape), 0, 255).astype(np.uint8)
    return Image.fromarray(noisy, "RGB")


def _encode(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def _chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def _one_bit_png(width: int, height: int, rows_written: int) -> bytes:
    """A 1-bit grayscale PNG of ``width`` x ``height`` whose IDAT holds only ``rows_written`` zero rows."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte + packed bits
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(rows_written)) + packer.flush()
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")


def valid_jpeg() -> bytes:
    return _encode(photo(), "JPEG", quality=90)


def valid_png() -> bytes:
    return _encode(photo(seed=1), "PNG")


def truncated_jpeg() -> bytes:
    data = _encode(photo(256, 192, seed=2), "JPEG", quality=95)
    return data[: len(data) // 2]


def truncated_png() -> bytes:
    data = _encode(photo(128, 96, seed=3), "PNG")
    return data[: len(data) * 2 // 3]


def text_as_png() -> bytes:
    return b"This is a plain text file wearing a .png name.\n" * 20


def html_as_jpg() -> bytes:
    return b"<html><body><script>alert('hi')</script></body></html>\n"


def bomb_png() -> bytes:
    """Claims 60000x60000 pixels in a ~70-byte file: decoding it would need gigabytes."""
    return _one_bit_png(BOMB_SIDE, BOMB_SIDE, rows_written=1)


def mid_bomb_png() -> bytes:
    """A complete, valid 8000x6000 PNG (48 Mpx) of a few kilobytes: above the app's cap, below Pillow's."""
    width, height = MID_BOMB_SIZE
    return _one_bit_png(width, height, rows_written=height)


def png_16bit() -> bytes:
    """A 16-bit grayscale ramp from 1000 to 61000 (left to right)."""
    ramp = np.linspace(1000, 61000, 64, dtype=np.uint16)
    values = np.tile(ramp, (32, 1))
    return _encode(Image.fromarray(values), "PNG")  # uint16 -> mode "I;16"


def cmyk_jpeg() -> bytes:
    """Pure red stored as CMYK (0, 255, 255, 0)."""
    return _encode(Image.new("CMYK", (40, 30), (0, 255, 255, 0)), "JPEG", quality=95)


def palette_transparent_png() -> bytes:
    """A palette image: left half transparent (index 0, which is black), right half opaque blue."""
    image = Image.new("P", (40, 20), 0)
    image.putpalette([0, 0, 0, 0, 0, 255] + [0] * (256 - 2) * 3)
    image.paste(1, (20, 0, 40, 20))
    return _encode(image, "PNG", transparency=0)


def rgba_png() -> bytes:
    """Top half fully transparent green, bottom half opaque red."""
    image = Image.new("RGBA", (30, 20), (0, 255, 0, 0))
    image.paste((255, 0, 0, 255), (0, 10, 30, 20))
    return _encode(image, "PNG")


def exif_rotated_jpeg() -> bytes:
    """Stored 80 wide x 40 tall, left half red, right half blue, with EXIF Orientation 6 (turn 90° clockwise)."""
    image = Image.new("RGB", (80, 40), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, 40, 40))
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = 6
    return _encode(image, "JPEG", quality=95, exif=exif.tobytes())


def animated_gif() -> bytes:
    """Three frames: red, green, blue (the first one is what a still-image app should use)."""
    frames = [Image.new("RGB", (24, 24), color) for color in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return buffer.getvalue()


def tiny_1x1_png() -> bytes:
    return _encode(Image.new("RGB", (1, 1), (10, 20, 30)), "PNG")


def extreme_aspect_png() -> bytes:
    """4000 x 1: legal but degenerate for anything that resizes or crops."""
    return _encode(Image.new("L", (4000, 1), 128), "PNG")


def grayscale_jpeg() -> bytes:
    return _encode(photo(seed=4).convert("L"), "JPEG")


def oversized_file_jpg() -> bytes:
    """A real JPEG header followed by 26 MiB of padding: bigger than any upload the app should take."""
    return valid_jpeg() + b"\x00" * (26 * 1024 * 1024)


# ---------------------------------------------------------------- zips


def _zip(members: dict[str, bytes], *, directories: tuple[str, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for folder in directories:
            archive.writestr(zipfile.ZipInfo(folder.rstrip("/") + "/"), b"")
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _class_images(folder: str, count: int, seed: int) -> dict[str, bytes]:
    return {f"{folder}/{i}.png": _encode(photo(32, 32, seed=seed * 100 + i), "PNG") for i in range(count)}


def valid_two_class_zip() -> bytes:
    return _zip(_class_images("cats", 6, 1) | _class_images("dogs", 6, 2))


def zip_slip() -> bytes:
    """Valid classes plus members that try to escape the extraction folder."""
    evil = _encode(photo(8, 8), "PNG")
    return _zip(
        _class_images("cats", 3, 1)
        | _class_images("dogs", 3, 2)
        | {"../escaped.png": evil, "/tmp/absolute-escape.png": evil, "cats/../../escaped2.png": evil}
    )


def zip_bomb() -> bytes:
    """One member that inflates to 128 MiB of zeros from ~130 KB (ratio about 1000:1)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("cats/0.png", _encode(photo(16, 16), "PNG"))
        with archive.open("dogs/huge.png", "w", force_zip64=True) as member:
            block = b"\x00" * (1 << 20)
            for _ in range(128):
                member.write(block)
    return buffer.getvalue()


def zip_many_members() -> bytes:
    """20000 tiny members: cheap to send, expensive to list and open one by one."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for i in range(20_000):
            archive.writestr(f"{'cats' if i % 2 else 'dogs'}/{i}.png", b"x")
    return buffer.getvalue()


def zip_size_lie() -> bytes:
    """The central directory says a member is 100 bytes; it really inflates to 4 MiB (the CRC will not match)."""
    data = bytearray(_zip(_class_images("cats", 2, 1) | {"dogs/liar.png": b"\x01" * (4 << 20)}))
    name = b"dogs/liar.png"
    for signature, size_offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            name_offset = start + (46 if signature == b"PK\x01\x02" else 30)
            if data[name_offset : name_offset + len(name)] == name:
                data[start + size_offset : start + size_offset + 4] = struct.pack("<I", 100)
            start += 4
    return bytes(data)


def zip_one_class() -> bytes:
    return _zip(_class_images("cats", 6, 1))


def zip_empty_class() -> bytes:
    return _zip(_class_images("cats", 6, 1), directories=("dogs",))


def zip_nested() -> bytes:
    """Classes two folders down (``dataset/train/<class>/...``) plus a stray file at the root."""
    members = {
        f"dataset/train/{name}": data
        for name, data in (_class_images("cats", 4, 1) | _class_images("dogs", 4, 2)).items()
    }
    return _zip(members | {"README.txt": b"hello"})


def zip_non_images() -> bytes:
    """Class folders holding text, a fake executable and a text file named .png."""
    return _zip(
        {
            "cats/notes.txt": b"not an image",
            "cats/fake.png": b"not a png either",
            "dogs/run.exe": b"MZ\x90\x00" + b"\x00" * 60,
            "dogs/empty.jpg": b"",
        }
    )


def zip_mixed_bad_images() -> bytes:
    """Mostly good images, one truncated and one decompression bomb inside a class folder."""
    return _zip(
        _class_images("cats", 4, 1)
        | _class_images("dogs", 4, 2)
        | {"cats/broken.jpg": truncated_jpeg(), "dogs/bomb.png": bomb_png()}
    )


def not_a_zip() -> bytes:
    return b"PK but not really a zip archive\n" * 10


def truncated_zip() -> bytes:
    data = valid_two_class_zip()
    return data[: len(data) // 2]


# ---------------------------------------------------------------- checkpoints


class _RunsCodeWhenUnpickled:
    """Unpickling this calls ``exec`` on code that creates a marker file: proof of unsafe loading."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Callable[..., object], tuple[str]]:
        return exec, (f"open({str(self.marker)!r}, 'w').write('unsafe torch.load ran this')",)


def malicious_checkpoint(marker: Path, *, legacy: bool = False) -> bytes:
    """A plausible checkpoint (state dict plus metadata) that runs code if loaded with ``weights_only=False``."""
    payload = {
        "state_dict": {"weight": torch.zeros(2, 2)},
        "classes": ["cats", "dogs"],
        "note": _RunsCodeWhenUnpickled(marker),
    }
    buffer = io.BytesIO()
    torch.save(payload, buffer, _use_new_zipfile_serialization=not legacy)
    return buffer.getvalue()


def other_architecture_checkpoint() -> bytes:
    """A genuine, safe state dict — of a small MLP no page builds."""
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(7, 5), torch.nn.ReLU(), torch.nn.Linear(5, 3))
    buffer = io.BytesIO()
    torch.save(model.state_dict(), buffer)
    return buffer.getvalue()


def _app_checkpoint(state: dict[str, torch.Tensor], meta: dict[str, object]) -> bytes:
    buffer = io.BytesIO()
    torch.save({"state_dict": state, "meta": meta}, buffer)
    return buffer.getvalue()


_META = {"model": "compact_resnet", "classes": ["cats", "dogs"], "image_size": 64, "mean": [0.5] * 3, "std": [0.25] * 3}


def mislabelled_checkpoint() -> bytes:
    """The app's own checkpoint layout (state dict + meta) claiming ``compact_resnet`` but holding an MLP."""
    torch.manual_seed(0)
    mlp = torch.nn.Sequential(torch.nn.Linear(7, 5), torch.nn.ReLU(), torch.nn.Linear(5, 3))
    return _app_checkpoint(mlp.state_dict(), _META)


def absurd_meta_checkpoint() -> bytes:
    """Metadata meant to exhaust memory when the model is rebuilt: a billion-pixel input, 10^5 classes (a head of
    ~50M weights; more classes would mostly test how fast pickle reads a long list)."""
    return _app_checkpoint({}, _META | {"image_size": 10**9, "classes": [f"c{i}" for i in range(10**5)]})


def unknown_model_checkpoint() -> bytes:
    """Metadata naming a model no registry has (a path, in case someone imports or opens by name)."""
    return _app_checkpoint({}, _META | {"model": "../../os.system"})


def text_as_checkpoint() -> bytes:
    return b"this is not a checkpoint\n"


def truncated_checkpoint() -> bytes:
    data = other_architecture_checkpoint()
    return data[: len(data) // 2]


# ---------------------------------------------------------------- CSVs


def binary_csv() -> bytes:
    rng = np.random.default_rng(5)
    return b"\x00\xff\xfe" + rng.integers(0, 256, 4096, dtype=np.uint8).tobytes()


def enormous_csv() -> bytes:
    """About 30 MB: a million rows of three numeric columns."""
    rows = np.arange(1_000_000)
    body = "\n".join(f"{i},{i % 7}.5,{i * 3}" for i in rows)
    return ("a,b,c\n" + body + "\n").encode()


def wide_csv() -> bytes:
    """One row, 100000 columns."""
    columns = range(100_000)
    return (",".join(f"c{i}" for i in columns) + "\n" + ",".join("1" for _ in columns) + "\n").encode()


def ragged_csv() -> bytes:
    return b'NumRooms,Alley,Price\n3,Pave,127500\n2\n4,NA,178100,extra,"unterminated\n'


def formula_csv() -> bytes:
    """Spreadsheet formula injection and odd encodings: harmless to pandas, but must not break the page."""
    return "NumRooms,Alley,Price\n=1+1,@SUM(A1),-2\n\ufeff3,Pav\u00e9,NaN\n".encode("utf-8") + b"4,\xe9,1\n"


# ---------------------------------------------------------------- the table


KINDS = ("image", "zip", "checkpoint", "csv", "labelset", "detector")


@dataclass(frozen=True)
class Entry:
    """One corpus file: its name, the upload it poses as, and whether a careful app accepts it."""

    name: str
    kind: str  # "image" | "zip" | "checkpoint" | "csv" | "labelset" (zip of photos + boxes) | "detector" (TinySSD)
    acceptable: bool
    make: Callable[[Path], bytes]


def _constant(maker: Callable[[], bytes]) -> Callable[[Path], bytes]:
    return lambda _folder: maker()


CORPUS: tuple[Entry, ...] = (
    Entry("valid.jpg", "image", True, _constant(valid_jpeg)),
    Entry("valid.png", "image", True, _constant(valid_png)),
    Entry("truncated.jpg", "image", False, _constant(truncated_jpeg)),
    Entry("truncated.png", "image", False, _constant(truncated_png)),
    Entry("png_renamed.jpg", "image", True, _constant(valid_png)),
    Entry("text.png", "image", False, _constant(text_as_png)),
    Entry("html.jpg", "image", False, _constant(html_as_jpg)),
    Entry("zero_bytes.png", "image", False, _constant(bytes)),
    Entry("bomb.png", "image", False, _constant(bomb_png)),
    Entry("bomb_48mpx.png", "image", False, _constant(mid_bomb_png)),
    Entry("gray16.png", "image", True, _constant(png_16bit)),
    Entry("cmyk.jpg", "image", True, _constant(cmyk_jpeg)),
    Entry("palette_transparent.png", "image", True, _constant(palette_transparent_png)),
    Entry("rgba.png", "image", True, _constant(rgba_png)),
    Entry("exif_rotated.jpg", "image", True, _constant(exif_rotated_jpeg)),
    Entry("animated.gif", "image", True, _constant(animated_gif)),
    Entry("one_pixel.png", "image", True, _constant(tiny_1x1_png)),
    Entry("extreme_aspect.png", "image", True, _constant(extreme_aspect_png)),
    Entry("grayscale.jpg", "image", True, _constant(grayscale_jpeg)),
    Entry("oversized_file.jpg", "image", False, _constant(oversized_file_jpg)),
    Entry("valid_two_class.zip", "zip", True, _constant(valid_two_class_zip)),
    Entry("zip_slip.zip", "zip", False, _constant(zip_slip)),
    Entry("zip_bomb.zip", "zip", False, _constant(zip_bomb)),
    Entry("zip_many_members.zip", "zip", False, _constant(zip_many_members)),
    Entry("zip_size_lie.zip", "zip", False, _constant(zip_size_lie)),
    Entry("zip_one_class.zip", "zip", False, _constant(zip_one_class)),
    Entry("zip_empty_class.zip", "zip", False, _constant(zip_empty_class)),
    Entry("zip_nested.zip", "zip", False, _constant(zip_nested)),
    Entry("zip_non_images.zip", "zip", False, _constant(zip_non_images)),
    Entry("zip_mixed_bad_images.zip", "zip", True, _constant(zip_mixed_bad_images)),  # bad members skipped
    Entry("not_a_zip.zip", "zip", False, _constant(not_a_zip)),
    Entry("truncated.zip", "zip", False, _constant(truncated_zip)),
    Entry("malicious.pt", "checkpoint", False, lambda folder: malicious_checkpoint(folder / MARKER_NAME)),
    Entry(
        "malicious_legacy.pth",
        "checkpoint",
        False,
        lambda folder: malicious_checkpoint(folder / MARKER_NAME, legacy=True),
    ),
    Entry("other_architecture.pt", "checkpoint", False, _constant(other_architecture_checkpoint)),
    Entry("mislabelled_architecture.pt", "checkpoint", False, _constant(mislabelled_checkpoint)),
    Entry("absurd_meta.pt", "checkpoint", False, _constant(absurd_meta_checkpoint)),
    Entry("unknown_model.pt", "checkpoint", False, _constant(unknown_model_checkpoint)),
    Entry("text.pt", "checkpoint", False, _constant(text_as_checkpoint)),
    Entry("truncated.pt", "checkpoint", False, _constant(truncated_checkpoint)),
    Entry("empty.pt", "checkpoint", False, _constant(bytes)),
    Entry("empty.csv", "csv", False, _constant(bytes)),
    Entry("binary.csv", "csv", False, _constant(binary_csv)),
    Entry("enormous.csv", "csv", False, _constant(enormous_csv)),
    Entry("wide.csv", "csv", False, _constant(wide_csv)),
    Entry("ragged.csv", "csv", False, _constant(ragged_csv)),
    Entry("formula.csv", "csv", True, _constant(formula_csv)),
)


# ---------------------------------------------------------------- typed-value and metadata classes (issue 14)
# Checkpoints in the app's own format whose metadata or tensors lie, CSVs spreadsheets really write, and the
# smallest zip a learner might try. Kept in one block (INPUT_ENTRIES) so other additions merge cleanly.

APP_FORMAT = "dl-playground-checkpoint/1"  # lib.checkpoints.FORMAT


def _small_model_state(classes: int = 2) -> dict[str, torch.Tensor]:
    """A genuine state dict of the app's small ``cifar10_quick_relu`` for 32×32 RGB images."""
    from lib.models import build_model

    torch.manual_seed(0)
    return build_model("cifar10_quick_relu", classes, 3, 32).state_dict()


def app_checkpoint(meta_changes: dict[str, object], state: dict[str, torch.Tensor] | None = None) -> bytes:
    """The app's checkpoint layout (format tag, metadata, state dict) with ``meta_changes`` over valid metadata."""
    meta = {
        "model": "cifar10_quick_relu",
        "classes": ["cats", "dogs"],
        "in_channels": 3,
        "image_size": 32,
        "mean": [0.5] * 3,
        "std": [0.25] * 3,
        "metrics": {"val_accuracy": 0.75},
    } | meta_changes
    buffer = io.BytesIO()
    payload = {"format": APP_FORMAT, "meta": meta, "state_dict": _small_model_state() if state is None else state}
    torch.save(payload, buffer)
    return buffer.getvalue()


def expanded_tensor_checkpoint() -> bytes:
    """Every tensor an ``expand()`` of one stored number: the right shapes, a tiny file, data never stored."""
    state = {name: torch.zeros(1, dtype=t.dtype).expand(t.shape) for name, t in _small_model_state().items()}
    return app_checkpoint({}, state)


def huge_model_checkpoint() -> bytes:
    """Metadata for a vgg11 of 224×224 inputs and 1000 classes (over 500 MB of parameters) beside a small,
    honest state dict: the model must be sized (and refused) before it is built."""
    return app_checkpoint({"model": "vgg11", "image_size": 224, "classes": [f"c{i}" for i in range(1000)]})


def larger_shape_checkpoint() -> bytes:
    """A real (stored) head four times wider than the metadata's two classes."""
    state = _small_model_state(8)
    return app_checkpoint({}, state)


CHECKPOINT_METADATA: dict[str, dict[str, object]] = {
    "meta_metrics_text.pt": {"metrics": "val_accuracy 0.99"},
    "meta_val_accuracy_text.pt": {"metrics": {"val_accuracy": "high"}, "val_accuracy": "high"},
    "meta_mean_five.pt": {"mean": [0.5] * 5},
    "meta_mean_text.pt": {"mean": "0.5, 0.5, 0.5"},
    "meta_std_zero.pt": {"std": [0.0] * 3},
    "meta_in_channels_text.pt": {"in_channels": "three"},
    "meta_in_channels_million.pt": {"in_channels": 1_000_000},
    "meta_image_size_float.pt": {"image_size": 32.5},
    "meta_classes_string.pt": {"classes": "c" * 2_500_000},  # 2.5 MB: one class per character if unchecked
    "meta_classes_many.pt": {"classes": [f"class {i}" for i in range(20_000)]},
    "meta_class_name_long.pt": {"classes": ["cats", "d" * 100_000]},
    "meta_model_markdown.pt": {"model": "![x](http://127.0.0.1:9/model.png)"},
}
MARKDOWN_DATASET = "![tracker](http://127.0.0.1:9/dataset.png) **bold** :red[red]"


def markdown_dataset_checkpoint() -> bytes:
    """A genuine two-class compact_resnet (as the app exports them) whose ``dataset`` is Markdown with an image
    URL: acceptable, but the pages must show that text literally and never make the browser fetch the URL."""
    from lib.models import build_model

    torch.manual_seed(0)
    state = build_model("compact_resnet", 2, 3, 64).state_dict()
    changes = {"model": "compact_resnet", "image_size": 64, "dataset": MARKDOWN_DATASET, "val_accuracy": 0.5}
    return app_checkpoint(changes, state)


def utf16_csv() -> bytes:
    """Excel's "Unicode text": UTF-16 LE with a byte-order mark, tab-separated, CRLF line ends."""
    return "\ufeffNumRooms\tAlley\tPrice\r\n3\tPave\t127500\r\n2\tNA\t106000\r\n".encode("utf-16-le")


def utf16_no_bom_csv() -> bytes:
    return "NumRooms,Price\n3,127500\n2,106000\n".encode("utf-16-le")


def semicolon_csv() -> bytes:
    """What spreadsheets in many European locales save as "CSV"."""
    return b"NumRooms;Alley;Price\n3;Pave;127500\n2;NA;106000\n4;;178100\n"


def one_column_csv() -> bytes:
    return b"Price\n127500\n106000\n178100\n"


def zip_two_per_class() -> bytes:
    """The smallest usable dataset: two classes with two images each (a 10% validation share rounds to 0)."""
    return _zip(_class_images("cats", 2, 1) | _class_images("dogs", 2, 2))


def _metadata_entry(name: str) -> Entry:
    return Entry(name, "checkpoint", False, lambda _folder: app_checkpoint(CHECKPOINT_METADATA[name]))


INPUT_ENTRIES: tuple[Entry, ...] = (
    *(_metadata_entry(name) for name in CHECKPOINT_METADATA),
    Entry("tensors_expanded.pt", "checkpoint", False, _constant(expanded_tensor_checkpoint)),
    Entry("huge_model_meta.pt", "checkpoint", False, _constant(huge_model_checkpoint)),
    Entry("larger_shapes.pt", "checkpoint", False, _constant(larger_shape_checkpoint)),
    Entry("meta_dataset_markdown.pt", "checkpoint", True, _constant(markdown_dataset_checkpoint)),
    Entry("utf16_excel.csv", "csv", True, _constant(utf16_csv)),
    Entry("utf16_no_bom.csv", "csv", True, _constant(utf16_no_bom_csv)),
    Entry("semicolon.csv", "csv", True, _constant(semicolon_csv)),
    Entry("one_column.csv", "csv", True, _constant(one_column_csv)),
    Entry("zip_two_per_class.zip", "zip", True, _constant(zip_two_per_class)),
)
CORPUS += INPUT_ENTRIES


# ---------------------------------------------------------------- decode cost and names (issue 14: uploads)

SCANS_REPEATED = 2000  # over lib.images' scan cap (100) by far; ~10 s of decoding without it, in ~60 KB
FLAT_39MPX = (7_000, 5_600)  # under the 40 Mpx cap, yet a few kilobytes
FLOOD_MEMBERS = 3_000  # each a 5000x5000 PNG of ~3 KB: every per-member cap passes


def repeated_scans_jpeg() -> bytes:
    """A 2000x2000 progressive JPEG whose last (tiny) scan is repeated: small to send, slow to decode."""
    data = _encode(Image.new("RGB", (2_000, 2_000), (120, 130, 140)), "JPEG", progressive=True, quality=75)
    last, end = data.rfind(b"\xff\xda"), data.rfind(b"\xff\xd9")
    return data[:end] + data[last:end] * SCANS_REPEATED + data[end:]


def flat_39mpx_png() -> bytes:
    """A complete 1-bit 7000x5600 PNG of a few kilobytes: accepted, and must come back reduced, not at 120 MB."""
    width, height = FLAT_39MPX
    return _one_bit_png(width, height, height)


def zip_pixel_flood() -> bytes:
    """3000 members, each the same 3 KB 5000x5000 PNG, in two classes: 75 gigapixels to decode in all."""
    member = _one_bit_png(5_000, 5_000, 5_000)
    return _zip({f"{'cats' if i % 2 else 'dogs'}/{i}.png": member for i in range(FLOOD_MEMBERS)})


def zip_gbk_names() -> bytes:
    """Classes 猫 and 小狗 named in GBK without the UTF-8 flag, as Windows in Chinese writes them.

    "猫" alone (C3 A8) is also valid UTF-8 ("è"): the archive's other names decide.
    """
    placeholders = {"Q7": "猫".encode("gbk"), "Z9xx": "小狗".encode("gbk")}
    data = _zip(_class_images("Q7", 3, 1) | _class_images("Z9xx", 3, 2))
    for placeholder, gbk in placeholders.items():
        needle = placeholder.encode() + b"/"
        assert data.count(needle) == 6, "a placeholder also occurs inside the data"
        data = data.replace(needle, gbk + b"/")
    return data


def zip_nfc_nfd() -> bytes:
    """One class spelt café in NFC (Windows) and in NFD (macOS), plus dogs: two classes, not three."""
    nfc, nfd = "caf\u00e9", "cafe\u0301"
    images = _class_images("dogs", 3, 2)
    images |= {name.replace("x/", f"{nfc}/"): data for name, data in _class_images("x", 2, 1).items()}
    images |= {
        name.replace("x/", f"{nfd}/").replace(".png", "b.png"): data for name, data in _class_images("x", 2, 3).items()
    }
    return _zip(images)


def zip_over_deep() -> bytes:
    """A valid cats/dogs zip plus one member 100 folders down: skipped with a note, not the whole zip refused."""
    deep = "/".join(f"d{i}" for i in range(100)) + "/deep.png"
    return _zip(_class_images("cats", 3, 1) | _class_images("dogs", 3, 2) | {deep: _encode(photo(8, 8), "PNG")})


CORPUS += (
    Entry("repeated_scans.jpg", "image", False, _constant(repeated_scans_jpeg)),
    Entry("flat_39mpx.png", "image", True, _constant(flat_39mpx_png)),
    Entry("zip_pixel_flood.zip", "zip", False, _constant(zip_pixel_flood)),
    Entry("zip_gbk_names.zip", "zip", True, _constant(zip_gbk_names)),
    Entry("zip_nfc_nfd.zip", "zip", True, _constant(zip_nfc_nfd)),
    Entry("zip_over_deep.zip", "zip", True, _constant(zip_over_deep)),
)


# ---------------------------------------------------------------- your objects (Detection): labelled sets, detectors
# "labelset": a zip of photos with COCO (or VOC) boxes; "detector": a TinySSD checkpoint of your objects. Both are
# written with the app's own code (lib.detection_labels.save_zip, lib.detection_own.detector_bytes).


def _labelled_set(boxes: list[list[float]] | None = None, label: str = "ball"):
    """Two photos, each with one box of ``label`` (``boxes`` overrides the first photo's boxes)."""
    from lib.detection_labels import Box, LabelSet

    labels = LabelSet()
    for seed in (0, 1):
        item = labels.add(f"photo{seed}.png", photo(96, 64, seed=seed))
        item.boxes.append(Box(8 + seed * 4, 10, 50, 40, label))
    if boxes is not None:
        labels.images[0].boxes[:] = [Box(*box, label) for box in boxes]
    return labels


def valid_labelled_zip() -> bytes:
    """What the "Your objects" tab saves: ``images/*.png`` and a COCO ``annotations.json``."""
    from lib.detection_labels import save_zip

    return save_zip(_labelled_set())


def _with_annotations(text: bytes | None) -> bytes:
    """The valid labelled zip with ``annotations.json`` replaced by ``text`` (or removed)."""
    members = zipfile.ZipFile(io.BytesIO(valid_labelled_zip()))
    kept = {name: members.read(name) for name in members.namelist() if name != "annotations.json"}
    return _zip(kept | ({} if text is None else {"annotations.json": text}))


def labelled_missing_photos_zip() -> bytes:
    """Only the annotations: the photos they name are not in the zip."""
    members = zipfile.ZipFile(io.BytesIO(valid_labelled_zip()))
    return _zip({"annotations.json": members.read("annotations.json")})


def labelled_box_outside_zip() -> bytes:
    """A COCO box that runs far past the right edge of its 96×64 photo."""
    import json

    from lib.detection_labels import to_coco

    document = to_coco(_labelled_set([[60, 10, 400, 40]]))
    return _with_annotations(json.dumps(document).encode())


def labelled_entity_xml_zip() -> bytes:
    """Pascal VOC XML with a nested entity expansion ("billion laughs"): must be refused, not expanded."""
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefg", "bcdefgh", strict=True)
    )
    xml = f'<?xml version="1.0"?><!DOCTYPE annotation [{entities}]><annotation><filename>&h;</filename></annotation>'
    members = {"Annotations/photo0.xml": xml.encode(), "JPEGImages/photo0.png": _encode(photo(96, 64), "PNG")}
    return _zip(members)


def _detector_checkpoint(classes: tuple[str, ...] = ("ball", "mug"), size: int = 128) -> bytes:
    from lib.detection_own import detector_bytes, make_detector
    from lib.models.ssd import TinySSD

    torch.manual_seed(0)
    return detector_bytes(make_detector(TinySSD(len(classes)), classes, size, None, 0.5))


def valid_detector_checkpoint() -> bytes:
    """A TinySSD for balls and mugs at 128×128, exported as the tab's download button does."""
    return _detector_checkpoint()


def detector_large_input() -> bytes:
    """An honest TinySSD whose metadata asks for 1024×1024 inputs: within every checkpoint's limits, over the
    detector's (each photo would cost 64× the 128-pixel default)."""
    return _detector_checkpoint(size=1024)


def detector_bad_class_names() -> bytes:
    """A class name longer than any label may be (60 characters), yet within every checkpoint's limits."""
    return _detector_checkpoint(classes=("ball", "m" * 60))


CORPUS += (
    Entry("valid_labelled.zip", "labelset", True, _constant(valid_labelled_zip)),
    Entry("labelled_no_annotations.zip", "labelset", False, _constant(lambda: _with_annotations(None))),
    Entry("labelled_broken_json.zip", "labelset", False, _constant(lambda: _with_annotations(b'{"images": [1,'))),
    Entry("labelled_missing_photos.zip", "labelset", False, _constant(labelled_missing_photos_zip)),
    Entry("labelled_box_outside.zip", "labelset", False, _constant(labelled_box_outside_zip)),
    Entry("labelled_entity_xml.zip", "labelset", False, _constant(labelled_entity_xml_zip)),
    Entry("valid_detector.pt", "detector", True, _constant(valid_detector_checkpoint)),
    Entry("detector_large_input.pt", "detector", False, _constant(detector_large_input)),
    Entry("detector_bad_class_names.pt", "detector", False, _constant(detector_bad_class_names)),
)


def names(kind: str, *, acceptable: bool | None = None) -> list[str]:
    """Corpus file names of one ``kind`` (optionally only the acceptable or only the hostile ones)."""
    return [e.name for e in CORPUS if e.kind == kind and (acceptable is None or e.acceptable == acceptable)]


def build(folder: Path, kinds: tuple[str, ...] = KINDS) -> dict[str, Path]:
    """Write the corpus files of ``kinds`` into ``folder`` (created if needed); returns name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for entry in (e for e in CORPUS if e.kind in kinds):
        path = folder / entry.name
        path.write_bytes(entry.make(folder))
        paths[entry.name] = path
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write the files (e.g. tests/fixtures/hostile)")
    folder = parser.parse_args().folder
    for name, path in build(folder).items():
        print(f"{path.stat().st_size:>12,d}  {name}")


if __name__ == "__main__":
    main()
