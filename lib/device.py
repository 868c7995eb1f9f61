"""Which devices and training precisions this machine really has, and a context manager to use them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import torch

from lib.errors import LessonError
from lib.i18n import translate

PRECISIONS: tuple[str, ...] = ("fp32", "tf32", "fp16", "bf16")
AUTOCAST_DTYPES = {"fp16": torch.float16, "bf16": torch.bfloat16}


def available_devices() -> list[str]:
    """Devices PyTorch can use here, e.g. ``["cpu", "cuda:0", "mps"]``."""
    devices = ["cpu"]
    if torch.cuda.is_available():
        devices += [f"cuda:{index}" for index in range(torch.cuda.device_count())]
    if torch.backends.mps.is_available():
        devices.append("mps")
    return devices


def pick_device(preference: str = "auto") -> torch.device:
    """``"auto"`` takes the first GPU (CUDA, then MPS) and falls back to the CPU; otherwise the named device."""
    devices = available_devices()
    if preference == "auto":
        accelerators = [name for name in devices if name != "cpu"]
        return torch.device(accelerators[0] if accelerators else "cpu")
    if preference not in devices:
        raise LessonError("device.error.unknown", device=preference, choices=", ".join(devices))
    return torch.device(preference)


def supported_precisions(device: torch.device | str) -> list[str]:
    """Training precisions that work *and* make sense on ``device``.

    CPU: fp32 and bf16 autocast (fp16 autocast runs on CPU but is slower than fp32 there, so it is not
    offered). CUDA: fp32 and fp16 everywhere; tf32 and bf16 from Ampere (compute capability 8.0) on.
    MPS: fp32 and fp16.
    """
    device = torch.device(device)
    if device.type == "cuda":
        precisions = ["fp32"]
        ampere = torch.cuda.get_device_capability(device)[0] >= 8
        if ampere:
            precisions.append("tf32")
        precisions.append("fp16")
        if ampere:
            precisions.append("bf16")
        return precisions
    if device.type == "mps":
        return ["fp32", "fp16"]
    return ["fp32", "bf16"]


def runnable_precisions(device: torch.device | str) -> list[str]:
    """Every precision a run may use on ``device``: the supported ones, plus fp16 on a CPU.

    fp16 autocast and ``GradScaler("cpu")`` work on a CPU and train correctly, but without fp16 arithmetic units
    PyTorch computes fp16 convolutions (above all their backward) with slow generic code. So fp16 is not offered
    for training there by default; the Train page's loss-scaler lesson and device race use it (and say so).
    """
    device = torch.device(device)
    precisions = supported_precisions(device)
    if device.type == "cpu":
        precisions = ["fp32", "fp16", "bf16"]
    return precisions


def _cpu_has_native_bf16() -> bool:
    """AMX or AVX-512-BF16: bf16 matmuls and convolutions run in hardware (several times FP32's speed)."""
    checks = ("_is_amx_tile_supported", "_is_avx512_bf16_supported")
    try:
        return any(getattr(torch.cpu, name)() for name in checks)
    except AttributeError:  # private helpers (torch 2.14); without them, ask the public capability
        return torch.backends.cpu.get_cpu_capability() == "AVX512" and "amx" in _cpu_flags()


def _cpu_flags() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            return info.read(1 << 16)
    except OSError:
        return ""


def fastest_precision(device: torch.device | str) -> tuple[str, str]:
    """The precision that trains fastest on ``device`` and the i18n key of the reason, for an "auto" choice.

    CUDA from Ampere on and CPUs with AMX/AVX-512-BF16: bf16 (FP32's range, half the bytes, native units).
    Older CUDA GPUs: fp16 with loss scaling. Other CPUs: fp32, since bf16 is emulated there and much slower.
    """
    device = torch.device(device)
    if device.type == "cuda":
        if "bf16" in supported_precisions(device):
            return "bf16", "precision.auto.cuda_bf16"
        return "fp16", "precision.auto.cuda_fp16"
    if device.type == "mps":
        return "fp16", "precision.auto.mps"
    if _cpu_has_native_bf16():
        return "bf16", "precision.auto.cpu_bf16"
    return "fp32", "precision.auto.cpu_fp32"


def _check_precision(precision: str, device: torch.device) -> None:
    choices = runnable_precisions(device)
    if precision not in choices:
        raise LessonError("device.error.precision", precision=precision, device=str(device), choices=", ".join(choices))


@contextmanager
def _tf32_enabled() -> Iterator[None]:
    """Allow TF32 in CUDA matmuls and cuDNN convolutions, then restore whatever was set before."""
    previous = (torch.backends.cuda.matmul.allow_tf32, torch.backends.cudnn.allow_tf32)
    torch.backends.cuda.matmul.allow_tf32 = True
    torch.backends.cudnn.allow_tf32 = True
    try:
        yield
    finally:
        torch.backends.cuda.matmul.allow_tf32, torch.backends.cudnn.allow_tf32 = previous


@contextmanager
def autocast(precision: str, device: torch.device | str) -> Iterator[None]:
    """Run the body in ``precision`` on ``device``: autocast for fp16/bf16, the TF32 flags for tf32."""
    device = torch.device(device)
    _check_precision(precision, device)
    if precision == "tf32":
        with _tf32_enabled():
            yield
    elif precision in AUTOCAST_DTYPES:
        with torch.autocast(device_type=device.type, dtype=AUTOCAST_DTYPES[precision]):
            yield
    else:
        yield


def needs_grad_scaler(precision: str, device: torch.device | str) -> bool:
    """FP16 gradients underflow without loss scaling; every other precision has FP32's exponent range."""
    _check_precision(precision, torch.device(device))
    return precision == "fp16"


def describe(device: torch.device | str, text: Callable[..., str] | None = None) -> str:
    """A human name for ``device``, e.g. ``"cuda:0 (NVIDIA H100)"`` or ``"CPU (8 threads)"``.

    ``text(key, **values)`` translates the CPU's wording (a page passes its translator; default English).
    """
    device = torch.device(device)
    if device.type == "cuda":
        return f"{device} ({torch.cuda.get_device_name(device)})"
    if device.type == "cpu":
        text = text or (lambda key, **values: translate(key, "en", **values))
        threads = torch.get_num_threads()
        return text("device.cpu_one") if threads == 1 else text("device.cpu", threads=threads)
    return str(device)
