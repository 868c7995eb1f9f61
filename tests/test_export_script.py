"""Your run as a script: the generated files hold the app's own data and models, are clean code, train on their
own (in a folder with nothing else in it) and save checkpoints the app loads; each page offers the download."""

from __future__ import annotations

import argparse
import io
import math
import re
import subprocess
import sys
import types
import zipfile
from pathlib import Path

import pytest
import torch
from PIL import Image
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from lib.checkpoints import read_checkpoint, restore
from lib.data.fewshot import make_fewshot_task, make_fewshot_validation
from lib.data.imagefolder_zip import load_imagefolder_zip
from lib.data.shapes import make_shapes
from lib.data.shapes_detect import make_shapes_detect
from lib.detection import TINYSSD_FILE, load_tinyssd
from lib.detection_train import train_config, val_count
from lib.evaluate import logits
from lib.export_script import DataChoice, detection_script, finetune_script, train_script
from lib.finetune_augment import AugmentConfig
from lib.finetune_run import Plan
from lib.finetune_sources import OFFLINE_FILE, load_checkpoint
from lib.i18n import translate
from lib.models import TRAINABLE, build_model
from lib.train import TrainConfig
from tests.apptest_helpers import APP, messages, open_page

ROOT = Path(__file__).resolve().parent.parent
RUFF = Path(sys.executable).parent / "ruff"
STATS = {"mean": (0.5, 0.5, 0.5), "std": (0.25, 0.25, 0.25)}
EPOCH = re.compile(r"^epoch (\d+)/(\d+) (.*) seconds=")


def namespace(script: str) -> dict[str, object]:
    """The script's definitions, run as a module that is not ``__main__`` (so nothing trains)."""
    module = types.ModuleType("generated_script")
    sys.modules[module.__name__] = module  # dataclasses look their module up while the class is made
    try:
        exec(compile(script, "generated_script.py", "exec"), module.__dict__)
    finally:
        del sys.modules[module.__name__]
    return module.__dict__


def run_script(script: str, folder: Path, *args: str, timeout: float = 240) -> tuple[list[dict[str, float]], Path]:
    """Run ``script`` alone in ``folder`` (isolated mode: the app cannot be imported) -> (epoch lines, checkpoint)."""
    path = folder / "run.py"
    path.write_text(script, encoding="utf-8")
    out = folder / "model.pt"
    done = subprocess.run(
        [sys.executable, "-I", str(path), "--out", str(out), *args],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    epochs = []
    for line in done.stdout.splitlines():
        match = EPOCH.match(line)
        if match:
            epochs.append({k: float(v) for k, v in (item.split("=") for item in match.group(3).split())})
    return epochs, out


def tiny_train_config(**changes: object) -> TrainConfig:
    return TrainConfig(batch_size=32, epochs=2, **STATS, **changes)


# ---- the data in a script is the app's data ----------------------------------------------------------------


def test_shapes_in_the_script_equal_the_apps() -> None:
    data = DataChoice("shapes", 60, 16, 0.25)
    train, val = namespace(train_script("mlp", tiny_train_config(), data))["load_data"](argparse.Namespace())
    app_train, app_val = make_shapes(60, seed=0, image_size=16).split(0.25, seed=0)
    assert torch.equal(train.images, app_train.images) and torch.equal(train.labels, app_train.labels)
    assert torch.equal(val.images, app_val.images) and train.classes == app_train.classes


def test_fewshot_and_shapes_detect_in_the_scripts_equal_the_apps() -> None:
    config = tiny_train_config()
    plan = Plan(10.0, "body", None, 32, None)
    scope = namespace(finetune_script("compact_resnet", "offline", config, plan, DataChoice("fewshot", 2, 32)))
    train, val = scope["load_data"](argparse.Namespace())
    assert torch.equal(train.images, make_fewshot_task(2, seed=0, image_size=32).images)
    assert torch.equal(val.images, make_fewshot_validation(30, seed=0, image_size=32).images)
    scope = namespace(detection_script("scratch", train_config(), DataChoice("shapes_detect", 4, 64)))
    train, val = scope["load_data"](argparse.Namespace())
    scenes = make_shapes_detect(4 + val_count(4), seed=0, image_size=64)
    assert torch.equal(torch.cat([train.images, val.images]), scenes.images)
    assert torch.equal(torch.cat([train.labels, val.labels]), scenes.labels)


def test_an_image_folder_reads_like_the_same_images_zipped(tmp_path: Path) -> None:
    generator = torch.Generator().manual_seed(0)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        for name in ("cat", "dog"):
            (tmp_path / name).mkdir()
            for i in range(3):
                pixels = torch.randint(0, 256, (20 + 7 * i, 30, 3), generator=generator, dtype=torch.uint8)
                buffer = io.BytesIO()
                Image.fromarray(pixels.numpy()).save(buffer, format="PNG")
                (tmp_path / name / f"{i}.png").write_bytes(buffer.getvalue())
                zf.writestr(f"{name}/{i}.png", buffer.getvalue())
    scope = namespace(train_script("mlp", tiny_train_config(), DataChoice("folder", 0, 16, 0.5)))
    mine = scope["load_folder"](tmp_path, 16)
    app, _ = load_imagefolder_zip(archive.getvalue(), image_size=16)
    assert mine.classes == app.classes and torch.equal(mine.labels, app.labels)
    assert torch.equal(mine.images, app.images)


# ---- the models in a script are the app's models --------------------------------------------------------


@pytest.mark.parametrize("model", TRAINABLE)
def test_every_trainable_model_is_built_as_the_app_builds_it(model: str) -> None:
    scope = namespace(train_script(model, tiny_train_config(), DataChoice("shapes", 10, 32)))
    with torch.device("meta"):
        mine, app = scope["build"](10, 3, 32).state_dict(), build_model(model, 10, 3, 32).state_dict()
    assert {k: v.shape for k, v in mine.items()} == {k: v.shape for k, v in app.items()}


# ---- clean code ------------------------------------------------------------------------------------------


def variants() -> dict[str, str]:
    """A script for every data source, backbone source and start the pages offer."""
    config = tiny_train_config(precision="bf16", schedule="onecycle")
    plan = Plan(10.0, 2, AugmentConfig(32, mixup=True, cutmix=True), 32, None)
    return {
        "train_shapes": train_script("cifar10_quick_bn", config, DataChoice("shapes", 500, 32)),
        "train_mnist": train_script("lenet", config, DataChoice("mnist", 5000, 28)),
        "train_folder": train_script("resnet18", config, DataChoice("folder", 0, 32)),
        "ft_offline": finetune_script("compact_resnet", "offline", config, plan, DataChoice("fewshot", 20, 64)),
        "ft_online": finetune_script("resnet18", "online", config, plan, DataChoice("folder", 0, 96, 0.25)),
        "ft_checkpoint": finetune_script("small_resnet", "checkpoint", config, plan, DataChoice("fewshot", 5, 32)),
        "det_backbone": detection_script("backbone", train_config(), DataChoice("shapes_detect", 256, 128)),
        "det_banana": detection_script("scratch", train_config(), DataChoice("banana", 256, 128)),
    }


def test_generated_scripts_compile_and_pass_ruff(tmp_path: Path) -> None:
    for name, script in variants().items():
        compile(script, name, "exec")
        assert not re.search(r"^\s*(from|import) (lib|ui)\b", script, re.MULTILINE)  # nothing of the app imported
        (tmp_path / f"{name}.py").write_text(script, encoding="utf-8")
    checked = subprocess.run(
        [str(RUFF), "check", "--no-cache", "--config", str(ROOT / "pyproject.toml"), str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout[-3000:]


# ---- the scripts train on their own, and the app loads what they save ----------------------------------


def assert_learns(epochs: list[dict[str, float]], count: int, measure: str) -> None:
    """One line per epoch plus epoch 0 (the untrained model), every number finite, and ``measure`` falls from
    the first line that has it to the last (from scratch: the training loss between epochs; from pretrained
    features, the validation loss already within one epoch)."""
    assert len(epochs) == count + 1
    assert all(math.isfinite(v) for line in epochs for v in line.values())
    values = [line[measure] for line in epochs if measure in line]
    assert values[-1] < values[0], values


def test_a_train_script_trains_alone_and_the_app_loads_its_checkpoint(tmp_path: Path) -> None:
    config = tiny_train_config(optimizer="adam", lr=0.003, schedule="cosine")
    data = DataChoice("shapes", 400, 16, 0.2)
    epochs, out = run_script(train_script("mlp", config, data), tmp_path, "--limit", "256")
    assert_learns(epochs, 2, "train_loss")
    model, meta = restore(out.read_bytes())
    assert meta["model"] == "mlp" and meta["config"]["schedule"] == "cosine" and meta["image_size"] == 16
    _, val = make_shapes(400, seed=0, image_size=16).split(0.2, seed=0)
    val = val.subset(torch.arange(64))  # --limit 256 validates on 256 // 4 images
    loss = torch.nn.functional.cross_entropy(logits(model, val, meta["mean"], meta["std"]), val.labels)
    assert loss.item() == pytest.approx(epochs[-1]["val_loss"], abs=1e-4)  # the app predicts what the script saved


@pytest.mark.slow
def test_a_bf16_one_cycle_script_with_augmentation_trains(tmp_path: Path) -> None:
    config = tiny_train_config(
        optimizer="adamw", lr=0.003, schedule="onecycle", precision="bf16", crop_padding=2, flip=True, grad_clip=5.0
    )
    epochs, out = run_script(
        train_script("cifar10_quick_bn", config, DataChoice("shapes", 400, 16)), tmp_path, "--limit", "256"
    )
    assert_learns(epochs, 2, "train_loss")
    model, meta = restore(out.read_bytes())
    assert meta["config"]["precision"] == "bf16" and model(torch.zeros(2, 3, 16, 16)).shape == (2, 10)


@pytest.mark.slow
def test_the_default_fine_tuning_script_trains_from_the_shipped_backbone(tmp_path: Path) -> None:
    backbone = load_checkpoint(OFFLINE_FILE.read_bytes())
    config = TrainConfig(
        optimizer="sgd", lr=0.01, weight_decay=1e-4, batch_size=16, epochs=8, mean=backbone.mean, std=backbone.std
    )
    plan = Plan(10.0, "body", AugmentConfig(64, scale_min=0.6), 64, None)  # the page's defaults
    script = finetune_script("compact_resnet", "offline", config, plan, DataChoice("fewshot", 20, 64))
    epochs, out = run_script(script, tmp_path, "--epochs", "1", "--limit", "64", "--backbone", str(OFFLINE_FILE))
    assert_learns(epochs, 1, "val_loss")
    tuned = load_checkpoint(out.read_bytes())  # what the Fine-tuning page reads
    assert tuned.classes == make_fewshot_task(1).classes and tuned.image_size == 64
    model, meta = restore(out.read_bytes())  # and the Train page
    assert meta["val_accuracy"] == pytest.approx(epochs[-1]["val_accuracy"], abs=1e-4)
    assert model(torch.zeros(1, 3, 64, 64)).shape == (1, 6)


@pytest.mark.slow
def test_the_default_detection_script_trains_tinyssd(tmp_path: Path) -> None:
    script = detection_script("backbone", train_config(), DataChoice("shapes_detect", 64, 128))
    epochs, out = run_script(script, tmp_path, "--epochs", "1", "--limit", "32", "--backbone", str(TINYSSD_FILE))
    assert_learns(epochs, 1, "val_loss")
    _, meta = read_checkpoint(out.read_bytes())  # the app's safety checks
    assert meta["model"] == "tinyssd" and meta["image_size"] == 128
    detector = load_tinyssd(out, calibrate=False)  # the Detection page's loader
    scene = make_shapes_detect(1, seed=5, image_size=128).images
    anchors, classes, boxes = detector.model(scene.float() / 255)
    assert classes.shape == (1, anchors.shape[1], 5) and boxes.shape == (1, anchors.shape[1] * 4)


# ---- each page offers the download, in both languages -------------------------------------------------


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """Every file a page hands to a download button, by the name it is saved as."""
    files: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def keep(self, path_or_data, mimetype, kind, filename=None):
        if filename is not None and isinstance(path_or_data, bytes):
            files[filename] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", keep)
    return files


def check_page(app, key: str, lesson: str, file_name: str, downloads: dict[str, bytes]) -> None:
    """The button is there with its label in each language, and it hands out a script that compiles."""
    for lang in ("en", "zh"):
        app.session_state["language"] = lang
        app.run()
        assert not messages(app), messages(app)
        button = next(b for b in app.get("download_button") if b.proto.id.endswith(key))
        assert button.label == translate(f"{lesson}.script.download", lang)
        compile(downloads[file_name].decode("utf-8"), file_name, "exec")
        assert any(code.value.startswith('"""') and "def main()" in code.value for code in app.code)


@pytest.mark.slow
def test_the_train_page_offers_its_script(downloads: dict[str, bytes]) -> None:
    app = AppTest.from_file(APP, default_timeout=180)
    app.session_state["train_shapes_n"] = 500  # set before the page first runs: no big dataset is made
    app.session_state["train_shapes_size"] = 16
    app.run()
    app.switch_page("pages/train.py")
    check_page(app, "train_script", "train", "train_cifar10_quick_bn.py", downloads)
    assert 'DATA = {"images": 500, "image_size": 16' in downloads["train_cifar10_quick_bn.py"].decode()


@pytest.mark.slow
def test_the_finetune_page_offers_its_script(downloads: dict[str, bytes]) -> None:
    app = open_page("pages/finetune.py")
    check_page(app, "ft_script", "finetune", "finetune_compact_resnet.py", downloads)
    assert downloads[OFFLINE_FILE.name] == OFFLINE_FILE.read_bytes()


def _detection_train_tab() -> None:
    """The Detection page's Train tab alone (the page's other tabs detect and draw: slow, and not under test)."""
    from ui.detection import train

    train.render()


@pytest.mark.slow
def test_the_detection_page_offers_its_script(downloads: dict[str, bytes]) -> None:
    app = AppTest.from_function(_detection_train_tab, default_timeout=120)
    check_page(app, "det_tr_script", "detection", "detection_tinyssd.py", downloads)
    script = downloads["detection_tinyssd.py"].decode()
    assert "tinyssd_from_backbone(len(train.classes), args.backbone)" in script
    # the tab's settings, unchanged: the page's defaults
    assert namespace(script)["CONFIG"].to_dict() == train_config().to_dict()
    assert downloads[TINYSSD_FILE.name] == TINYSSD_FILE.read_bytes()
