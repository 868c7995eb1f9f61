"""Checkpoints: round trip with metadata, strict rejection of mismatched files, and no code ever runs."""

import io
import json
import pathlib

import pytest
import torch

from lib import checkpoints
from lib.checkpoints import (
    MAX_PARAMETER_BYTES,
    check_meta,
    checkpoint_bytes,
    load_state,
    make_meta,
    read_checkpoint,
    restore,
)
from lib.errors import LessonError, literal
from lib.models import build_model
from lib.weights import entry, load_shipped, record, sha256_file
from scripts import make_hostile_corpus as corpus


def quick_meta(name: str = "cifar10_quick_relu") -> dict:
    return make_meta(name, ["a", "b", "c"], 3, 32, (0.5, 0.5, 0.5), (0.25, 0.25, 0.25), metrics={"val_accuracy": 0.5})


def test_round_trip_restores_identical_outputs() -> None:
    torch.manual_seed(0)
    model = build_model("cifar10_quick_relu", 3, 3, 32).eval()
    data = checkpoint_bytes(model, quick_meta())
    restored, meta = restore(data)
    x = torch.randn(2, 3, 32, 32)
    torch.testing.assert_close(restored(x), model(x), rtol=0, atol=0)
    assert meta["classes"] == ["a", "b", "c"] and meta["metrics"] == {"val_accuracy": 0.5}
    assert json.loads(json.dumps(meta)) == meta


def test_bare_state_dict_loads_into_a_chosen_model() -> None:
    model = build_model("lenet", 10, 1, 28)
    buffer = io.BytesIO()
    torch.save(model.state_dict(), buffer)
    state, meta = read_checkpoint(buffer.getvalue())
    assert meta == {}
    load_state(build_model("lenet", 10, 1, 28), state)
    with pytest.raises(LessonError, match="metadata"):
        restore(buffer.getvalue())


def test_mismatched_weights_are_rejected_clearly() -> None:
    data = checkpoint_bytes(build_model("cifar10_quick_relu", 3, 3, 32), quick_meta())
    state, _ = read_checkpoint(data)
    with pytest.raises(LessonError, match=r"Wrong shapes: fc\.weight"):
        load_state(build_model("cifar10_quick_relu", 10, 3, 32), state)
    with pytest.raises(LessonError, match=r"Missing: .*Unexpected"):
        load_state(build_model("small_resnet", 3, 3, 32), state)


@pytest.mark.parametrize("data", [b"", b"hello, not a checkpoint", b"PK\x03\x04garbage"])
def test_non_checkpoints_are_rejected(data: bytes) -> None:
    with pytest.raises(LessonError, match="not a PyTorch checkpoint"):
        read_checkpoint(data)


class Payload:
    """Unpickling this would create a file: the proof that code ran."""

    def __init__(self, marker: pathlib.Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (pathlib.Path.touch, (self.marker,))


def test_pickle_with_code_is_refused_and_never_runs(tmp_path: pathlib.Path) -> None:
    marker = tmp_path / "code-ran"
    buffer = io.BytesIO()
    torch.save({"state_dict": {"w": torch.zeros(1)}, "payload": Payload(marker)}, buffer)
    assert not marker.exists()
    with pytest.raises(LessonError, match="contains Python code"):
        read_checkpoint(buffer.getvalue())
    assert not marker.exists()


def test_incomplete_metadata_is_rejected() -> None:
    buffer = io.BytesIO()
    torch.save({"format": "dl-playground-checkpoint/1", "meta": {"model": "lenet"}, "state_dict": {}}, buffer)
    with pytest.raises(LessonError, match="incomplete"):
        read_checkpoint(buffer.getvalue())


def test_manifest_record_and_hash_check(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "quick.pt"
    path.write_bytes(checkpoint_bytes(build_model("cifar10_quick_relu", 3, 3, 32), quick_meta()))
    (tmp_path / "manifest.json").write_text(json.dumps({"files": [{"file": "other.pt", "sha256": "x"}]}))
    item = record(path, {"task": "classification", "dataset": "shapes"}, tmp_path)
    assert item["sha256"] == sha256_file(path) and entry("other.pt", tmp_path) is not None
    model, meta = load_shipped("quick.pt", tmp_path)
    assert meta["model"] == "cifar10_quick_relu" and not model.training
    path.write_bytes(path.read_bytes() + b"tampered")
    with pytest.raises(LessonError, match="SHA-256"):
        load_shipped("quick.pt", tmp_path)
    with pytest.raises(LessonError, match="not listed"):
        load_shipped("missing.pt", tmp_path)


def test_junk_is_not_mistaken_for_code() -> None:
    for junk in (b"not a checkpoint", b"\x80\x02garbage", b""):
        with pytest.raises(LessonError) as refused:
            read_checkpoint(junk)
        assert refused.value.key == "checkpoint.error.not_checkpoint"


# ---------------------------------------------------------------- uploaded metadata and tensors (issue 14)

RAW_PYTHON = ("invalid literal", "TypeError", "Traceback", "object is not", "could not convert", "NoneType")


def _refusal(data: bytes) -> LessonError:
    with pytest.raises(LessonError) as refused:
        restore(data)
    for lang in ("en", "zh"):
        text = refused.value.localized(lang)
        assert text.strip() and "{" not in text and not any(raw in text for raw in RAW_PYTHON), text
    return refused.value


@pytest.mark.parametrize("name", sorted(corpus.CHECKPOINT_METADATA))
def test_wrong_typed_or_oversized_metadata_gets_a_metadata_message(name: str) -> None:
    error = _refusal(corpus.app_checkpoint(corpus.CHECKPOINT_METADATA[name]))
    assert error.key.startswith(("checkpoint.error.meta", "checkpoint.error.model")), error.key


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"val_accuracy": "0.9"}, "val_accuracy"), ({"dataset": ["a"]}, "dataset"), ({"config": {"x": "y" * 20_000}}, "config"),
     ({"in_channels": True}, "in_channels"), ({"mean": [0.5, 0.5, float("nan")]}, "mean"), ({"classes": []}, "classes")],
)  # fmt: skip
def test_each_field_is_checked(changes: dict, field: str) -> None:
    error = _refusal(corpus.app_checkpoint(changes))
    assert field in str(error)


def test_checked_metadata_is_plain_numbers_and_texts() -> None:
    meta = check_meta(quick_meta() | {"in_channels": 3, "mean": (0, 1, 0.5), "val_accuracy": 1, "junk": object()})
    assert meta["mean"] == [0.0, 1.0, 0.5] and meta["val_accuracy"] == 1.0 and "junk" not in meta
    assert meta["metrics"] == {"val_accuracy": 0.5} and json.loads(json.dumps(meta)) == meta


def test_tensors_not_backed_by_their_storage_are_refused() -> None:
    error = _refusal(corpus.expanded_tensor_checkpoint())
    assert error.key == "checkpoint.error.tensor_storage" and error.params["stored"] == 1
    window = torch.zeros(199).as_strided((100, 100), (1, 1))  # overlapping windows over 199 stored values
    buffer = io.BytesIO()
    torch.save({"w": window}, buffer)
    with pytest.raises(LessonError, match="holds only 199"):
        read_checkpoint(buffer.getvalue())


def test_model_size_is_capped_before_anything_is_allocated(monkeypatch: pytest.MonkeyPatch) -> None:
    built_on: list[str] = []
    real = checkpoints.build_model

    def spy(*args: object) -> torch.nn.Module:
        model = real(*args)
        built_on.append(next(model.parameters()).device.type)
        return model

    monkeypatch.setattr(checkpoints, "build_model", spy)
    error = _refusal(corpus.huge_model_checkpoint())
    assert error.key == "checkpoint.error.too_many_parameters" and error.params["mb"] > MAX_PARAMETER_BYTES // 2**20
    assert built_on == ["meta"]  # sized without memory, never built for real


def test_larger_shapes_than_the_model_are_refused_before_loading() -> None:
    error = _refusal(corpus.larger_shape_checkpoint())
    assert error.key == "checkpoint.error.mismatch" and "(8, 1024)≠(2, 1024)" in str(error)


def test_names_from_a_file_are_quoted_without_markdown() -> None:
    error = _refusal(corpus.app_checkpoint(corpus.CHECKPOINT_METADATA["meta_model_markdown.pt"]))
    assert "![" not in str(error) and "](" not in str(error) and "://" not in str(error)
    assert literal("![x](a.png) :red[y]") == r"!\[x\](a.png) \:red\[y\]"


def test_a_valid_checkpoint_with_markdown_text_loads_and_keeps_it_as_data() -> None:
    _, meta = restore(corpus.markdown_dataset_checkpoint())
    assert meta["dataset"] == corpus.MARKDOWN_DATASET and meta["model"] == "compact_resnet"
