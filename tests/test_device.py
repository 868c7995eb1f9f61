"""lib.device: honest device and precision lists, and an autocast that really changes dtypes."""

import pytest
import torch

from lib.device import autocast, available_devices, needs_grad_scaler, pick_device, supported_precisions


def test_cpu_is_always_available_and_auto_falls_back_to_it() -> None:
    assert available_devices()[0] == "cpu"
    if not torch.cuda.is_available() and not torch.backends.mps.is_available():
        assert pick_device() == torch.device("cpu")
    assert pick_device("cpu") == torch.device("cpu")


def test_unknown_device_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="not available here"):
        pick_device("cuda:99")


def test_cpu_precisions_are_fp32_and_bf16() -> None:
    assert supported_precisions("cpu") == ["fp32", "bf16"]


def test_bf16_autocast_on_cpu_changes_matmul_dtype() -> None:
    a, b = torch.randn(4, 4), torch.randn(4, 4)
    with autocast("bf16", "cpu"):
        assert (a @ b).dtype == torch.bfloat16
    with autocast("fp32", "cpu"):
        assert (a @ b).dtype == torch.float32


def test_unsupported_precision_is_refused() -> None:
    with pytest.raises(ValueError, match="not supported"), autocast("tf32", "cpu"):
        pass


def test_tf32_flags_are_restored_after_use() -> None:
    if "tf32" not in supported_precisions(pick_device()):
        pytest.skip("needs an Ampere or newer CUDA GPU")
    before = torch.backends.cuda.matmul.allow_tf32
    with autocast("tf32", pick_device()):
        assert torch.backends.cuda.matmul.allow_tf32
    assert torch.backends.cuda.matmul.allow_tf32 == before


def test_only_fp16_needs_a_grad_scaler() -> None:
    assert not needs_grad_scaler("bf16", "cpu")
    assert not needs_grad_scaler("fp32", "cpu")


def test_fastest_precision_follows_the_cpus_bf16_hardware(monkeypatch) -> None:
    import lib.device as device_module

    monkeypatch.setattr(device_module, "_cpu_has_native_bf16", lambda: True)
    assert device_module.fastest_precision("cpu") == ("bf16", "precision.auto.cpu_bf16")
    monkeypatch.setattr(device_module, "_cpu_has_native_bf16", lambda: False)
    assert device_module.fastest_precision("cpu") == ("fp32", "precision.auto.cpu_fp32")
    for name in ("precision.auto.cpu_bf16", "precision.auto.cpu_fp32"):
        from lib.i18n import CATALOG

        assert set(CATALOG[name]) == {"en", "zh"}


def test_fastest_precision_is_one_the_device_supports() -> None:
    from lib.device import fastest_precision, supported_precisions

    for device in available_devices():
        assert fastest_precision(device)[0] in supported_precisions(device)


def test_cpu_description_follows_the_language(monkeypatch) -> None:
    from lib.device import describe
    from lib.i18n import translate

    monkeypatch.setattr(torch, "get_num_threads", lambda: 2)  # the plural (a test worker may run on one thread)
    assert describe("cpu") == "CPU (2 threads)"
    assert describe("cpu", lambda key, **values: translate(key, "zh", **values)) == "CPU（2 个线程）"


def test_cpu_description_says_one_thread_in_the_singular(monkeypatch) -> None:
    from lib.device import describe
    from lib.i18n import translate

    monkeypatch.setattr(torch, "get_num_threads", lambda: 1)
    assert describe("cpu") == "CPU (1 thread)"
    assert describe("cpu", lambda key, **values: translate(key, "zh", **values)) == "CPU（1 个线程）"
