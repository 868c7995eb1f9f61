"""Every checkpoint in the hostile corpus through every lib function that loads an uploaded checkpoint.

The malicious ones run code when unpickled unsafely (proved in a subprocess); the loaders must refuse them
with a clear ``LessonError`` and the code must never run (its marker file must not appear).
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from lib.errors import LessonError
from lib.i18n import LANGUAGES
from scripts import make_hostile_corpus as corpus

pytest_plugins = ("tests.fixtures.hostile",)

# "module:function" taking the uploaded bytes; add every new checkpoint loader here.
LOADERS = ("lib.finetune_sources:load_checkpoint", "lib.checkpoints:restore")


def _loader(spec: str) -> Callable[[bytes], object]:
    module, name = spec.split(":")
    return getattr(importlib.import_module(module), name)


def test_the_malicious_checkpoint_really_runs_code_when_loaded_unsafely(tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    checkpoint = tmp_path / "evil.pt"
    checkpoint.write_bytes(corpus.malicious_checkpoint(marker))
    unsafe = f"import torch; torch.load({str(checkpoint)!r}, weights_only=False)"
    subprocess.run([sys.executable, "-c", unsafe], check=True, capture_output=True, timeout=120)
    assert marker.exists(), "the corpus' malicious pickle is harmless, so the safety test below proves nothing"


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("name", corpus.names("checkpoint", acceptable=False))
def test_hostile_checkpoint_is_refused_clearly(loader: str, name: str, hostile_checkpoints: dict[str, Path]) -> None:
    path = hostile_checkpoints[name]
    marker = path.parent / corpus.MARKER_NAME
    started = time.perf_counter()
    with pytest.raises(LessonError) as refused:
        _loader(loader)(path.read_bytes())
    assert time.perf_counter() - started < 10, f"{loader} spent too long on {name}"
    assert not marker.exists(), f"{loader} ran the code inside {name}: it unpickled unsafely"
    for lang in LANGUAGES:
        text = refused.value.localized(lang)
        assert text.strip() and "{" not in text, text


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("name", corpus.names("checkpoint", acceptable=True))
def test_acceptable_checkpoint_loads(loader: str, name: str, hostile_checkpoints: dict[str, Path]) -> None:
    assert _loader(loader)(hostile_checkpoints[name].read_bytes()) is not None


RAW_PYTHON = ("invalid literal", "TypeError", "ValueError", "Traceback", "object is not", "NoneType")


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("name", [entry.name for entry in corpus.INPUT_ENTRIES if entry.kind == "checkpoint"])
def test_refusals_never_show_raw_python_or_markdown(
    loader: str, name: str, hostile_checkpoints: dict[str, Path]
) -> None:
    try:
        _loader(loader)(hostile_checkpoints[name].read_bytes())
    except LessonError as refused:
        for lang in LANGUAGES:
            text = refused.localized(lang)
            assert not any(raw in text for raw in RAW_PYTHON) and "![" not in text and len(text) < 600, text
