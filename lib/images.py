"""Decode untrusted image uploads safely: size caps, a decompression-bomb guard, EXIF orientation,
and every mode (16-bit, CMYK, palette, alpha, animated) turned into plain 8-bit RGB.

Pixel caps bound memory, not time: a progressive JPEG can repeat its scans and take minutes to decode at
a size under the cap. So JPEGs with an absurd number of scans are refused before decoding, and every decode
runs in a small pool of worker processes (started with a clean interpreter, never ``fork``) that are killed
when a decode passes its deadline or the caller's stop event is set. Large images are decoded reduced
(``Image.draft`` lets libjpeg decode at 1/2, 1/4 or 1/8 scale) to the size pages use, so neither the worker
pipe nor any cache carries a 40-megapixel original.
"""

from __future__ import annotations

import io
import json
import math
import os
import select
import struct
import subprocess
import sys
import threading
import time
import warnings

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from lib.errors import LessonError
from lib.paths import ROOT, env_number

MAX_FILE_BYTES = int(env_number("DLP_MAX_IMAGE_MB", 25) * 2**20)
MAX_PIXELS = int(env_number("DLP_MAX_IMAGE_MP", 40) * 1_000_000)
MAX_SIDE = 1024  # the largest size any page computes on or shows (detection works at 1024 px)
MAX_JPEG_SCANS = int(env_number("DLP_MAX_JPEG_SCANS", 100))  # encoders write 1-20; repeated scans only cost time
DECODE_SECONDS = env_number("DLP_DECODE_SECONDS", 10.0)
DECODE_WORKERS = int(env_number("DLP_DECODE_WORKERS", 2))
READABLE_FORMATS = ("JPEG", "PNG", "GIF", "BMP", "WEBP", "TIFF")
_FRAME = struct.Struct(">II")  # JSON header length, payload length


def jpeg_scans(data: bytes) -> int:
    """How many scans (SOS markers) a JPEG holds; 0 for anything that is not a JPEG.

    Walks the marker segments up to the first scan, then counts the SOS markers after it: inside
    entropy-coded data every 0xFF byte is followed by 0x00 or a restart marker, so ``FF DA`` there is a scan.
    """
    if not data.startswith(b"\xff\xd8"):
        return 0
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            return 0  # not a marker where one must be: the decoder will call it corrupt
        marker = data[position + 1]
        if marker == 0xFF:
            position += 1
        elif marker == 0xDA:
            return data.count(b"\xff\xda", position)
        elif marker in (0x01, 0xD8) or 0xD0 <= marker <= 0xD7:
            position += 2
        elif marker == 0xD9:
            return 0
        else:
            position += 2 + int.from_bytes(data[position + 2 : position + 4], "big")
    return 0


def _open(data: bytes, max_pixels: int) -> Image.Image:
    """Open (header only) and refuse images whose pixel count would be a memory bomb."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=READABLE_FORMATS)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as bomb:
            raise LessonError("image.error.bomb", limit_mp=max_pixels // 1_000_000) from bomb
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            raise LessonError("image.error.not_image") from error
    width, height = image.size
    if width * height > max_pixels:
        raise LessonError("image.error.too_many_pixels", width=width, height=height, limit_mp=max_pixels // 1_000_000)
    return image


def _to_rgb(image: Image.Image) -> Image.Image:
    """8-bit RGB whatever the mode; transparency is composited onto white, 16-bit is rescaled."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        values = np.asarray(image, dtype=np.float64)
        low, high = float(values.min()), float(values.max())
        scaled = (values - low) / (high - low) * 255.0 if high > low else np.zeros_like(values)
        return Image.fromarray(scaled.astype(np.uint8), "L").convert("RGB")
    if image.mode == "P" and "transparency" in image.info:
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "PA"):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return image.convert("RGB")


def decode_here(data: bytes, max_pixels: int = MAX_PIXELS, max_side: int | None = MAX_SIDE) -> Image.Image:
    """Decode in this process (what a worker runs): checks, reduced decode, upright 8-bit RGB.

    Call ``load_image`` instead: only it bounds the time a hostile file can take.
    """
    scans = jpeg_scans(data)
    if scans > MAX_JPEG_SCANS:
        raise LessonError("image.error.too_many_scans", scans=scans, limit=MAX_JPEG_SCANS)
    image = _open(data, max_pixels)
    try:
        image.seek(0)
        if max_side is not None and image.format == "JPEG" and max(image.size) > max_side:
            scale = max_side / max(image.size)  # libjpeg scales by 1/2, 1/4 or 1/8, never below this size
            image.draft("RGB", (math.ceil(image.width * scale), math.ceil(image.height * scale)))
        image.load()
        image = ImageOps.exif_transpose(image)
        if image.mode == "1":
            image = image.convert("L")
        if image.mode in ("L", "RGB", "RGBA", "LA"):  # reduce before converting: 1 byte a pixel, not 3
            _shrink(image, max_side)
        image = _to_rgb(image)
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise LessonError("image.error.corrupt", detail=str(error) or type(error).__name__) from error
    _shrink(image, max_side)
    return image


def _shrink(image: Image.Image, max_side: int | None) -> None:
    """In place: the longer side at most ``max_side`` (box-reduced first, then bicubic)."""
    if max_side is not None and max(image.size) > max_side:
        image.thumbnail((max_side, max_side))


# ---------------------------------------------------------------- the worker side


def source_size(data: bytes) -> tuple[int, int]:
    """The size the header declares: what a worker had to hold to decode ``data``."""
    with Image.open(io.BytesIO(data), formats=READABLE_FORMATS) as image:
        return image.size


def _read_exactly(stream: io.BufferedReader, size: int) -> bytes:
    data = stream.read(size)
    if data is None or len(data) != size:
        raise EOFError
    return data


def _send(stream: io.BufferedWriter, header: dict[str, object], payload: bytes) -> None:
    encoded = json.dumps(header).encode()
    stream.write(_FRAME.pack(len(encoded), len(payload)) + encoded)
    stream.write(payload)
    stream.flush()


def serve() -> None:
    """A decode worker's loop: frames in on stdin, ``{"ok": ...}`` frames out on stdout, until stdin closes."""
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            header_size, payload_size = _FRAME.unpack(_read_exactly(source, _FRAME.size))
            request = json.loads(_read_exactly(source, header_size))
            data = _read_exactly(source, payload_size)
        except EOFError:
            return
        try:
            image = decode_here(data, request["max_pixels"], request["max_side"])
        except LessonError as error:
            _send(sink, {"ok": False, "key": error.key, "params": error.params}, b"")
            continue
        except Exception as error:  # noqa: BLE001 -- a decoder bug on hostile input is a corrupt file, not a dead worker
            _send(sink, {"ok": False, "key": "image.error.corrupt", "params": {"detail": type(error).__name__}}, b"")
            continue
        reply = {"ok": True, "width": image.width, "height": image.height, "source": source_size(data)}
        _send(sink, reply, image.tobytes())


# ---------------------------------------------------------------- the server side


class _Worker:
    """One decode process and its pipes."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from lib.images import serve; serve()"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=ROOT,
            env=dict(os.environ, PYTHONPATH=str(ROOT), OMP_NUM_THREADS="1"),
        )

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()

    def _read(self, size: int, deadline: float, stop: threading.Event | None) -> bytes:
        """``size`` bytes of the reply; ``TimeoutError`` past the deadline, ``InterruptedError`` when stopped."""
        chunks, remaining, fd = [], size, self.process.stdout.fileno()
        while remaining:
            if stop is not None and stop.is_set():
                raise InterruptedError
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            ready, _, _ = select.select([fd], [], [], min(left, 0.1))
            if ready:
                chunk = os.read(fd, min(remaining, 1 << 20))
                if not chunk:
                    raise EOFError
                chunks.append(chunk)
                remaining -= len(chunk)
        return b"".join(chunks)

    def decode(self, data: bytes, request: dict[str, object], deadline: float, stop: threading.Event | None) -> dict:
        encoded = json.dumps(request).encode()
        self.process.stdin.write(_FRAME.pack(len(encoded), len(data)) + encoded)
        self.process.stdin.write(data)
        self.process.stdin.flush()
        header_size, payload_size = _FRAME.unpack(self._read(_FRAME.size, deadline, stop))
        reply = json.loads(self._read(header_size, deadline, stop))
        reply["pixels"] = self._read(payload_size, deadline, stop)
        return reply


class DecodePool:
    """At most ``size`` decode processes server-wide; idle ones are kept warm, a late or stopped one is killed."""

    def __init__(self, size: int = DECODE_WORKERS) -> None:
        self._slots = threading.BoundedSemaphore(max(1, size))
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()

    def _take(self) -> _Worker:
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.process.poll() is None:
                    return worker
                worker.kill()
        return _Worker()

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            self._idle.append(worker)

    def decode(
        self, data: bytes, max_pixels: int, max_side: int | None, seconds: float, stop: threading.Event | None
    ) -> Image.Image:
        """The decoded image, or ``LessonError`` (too slow, stopped, or what the worker refused)."""
        deadline = time.monotonic() + seconds
        while not self._slots.acquire(timeout=0.1):
            if stop is not None and stop.is_set():
                raise LessonError("image.error.stopped")
            if time.monotonic() > deadline:
                raise LessonError("image.error.busy")
        try:
            worker = self._take()
            try:
                reply = worker.decode(data, {"max_pixels": max_pixels, "max_side": max_side}, deadline, stop)
            except TimeoutError:
                worker.kill()
                raise LessonError("image.error.too_slow", seconds=seconds) from None
            except InterruptedError:
                worker.kill()
                raise LessonError("image.error.stopped") from None
            except (EOFError, OSError, ValueError) as error:  # the decoder crashed the worker
                worker.kill()
                raise LessonError("image.error.corrupt", detail=type(error).__name__) from None
            if not reply["ok"]:
                self._give_back(worker)
                raise LessonError(reply["key"], **reply["params"])
            self._give_back(worker)
            image = Image.frombytes("RGB", (reply["width"], reply["height"]), reply["pixels"])
            image.info["source_size"] = tuple(reply["source"])
            return image
        finally:
            self._slots.release()

    def close(self) -> None:
        """Stop every idle worker (busy ones are stopped by their caller)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.kill()


_POOL = DecodePool()


def load_image(
    data: bytes,
    *,
    max_pixels: int = MAX_PIXELS,
    max_bytes: int = MAX_FILE_BYTES,
    max_side: int | None = MAX_SIDE,
    seconds: float = DECODE_SECONDS,
    stop: threading.Event | None = None,
) -> Image.Image:
    """Decode upload ``data`` into an upright 8-bit RGB image (first frame if animated), reduced so its longer
    side is at most ``max_side`` (``None``: full size); ``image.info["source_size"]`` is the size before reducing.

    The decode runs in a worker process killed after ``seconds`` or as soon as ``stop`` is set, so no file can
    hold the server. Raises ``LessonError`` (a ValueError) with a clear sentence for empty, oversized, non-image,
    bomb-sized, too slow or corrupt input.
    """
    if not data:
        raise LessonError("image.error.empty")
    if len(data) > max_bytes:
        raise LessonError("image.error.too_big_file", size_mb=len(data) / 2**20, limit_mb=max_bytes // 2**20)
    return _POOL.decode(bytes(data), max_pixels, max_side, seconds, stop)


def fit_within(image: Image.Image, max_side: int) -> tuple[Image.Image, float]:
    """Downscale so the longer side is at most ``max_side``; returns the image and the scale applied (≤ 1)."""
    longer = max(image.size)
    if longer <= max_side:
        return image, 1.0
    scale = max_side / longer
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.BILINEAR), scale
