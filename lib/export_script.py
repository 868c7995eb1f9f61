"""Your run as a script: one self-contained ``.py`` (PyTorch, torchvision, numpy, Pillow; no import of this app)
that reproduces a Train, Fine-tuning or Detection run: same data, model, optimizer, schedule, precision and device.

The data generators, models, augmentation, optimizer and schedule in the script are the app's own code, copied
from ``lib`` by :mod:`lib.export_script_source` when the script is made, so they cannot drift from what the app
runs; the loop around them (``lib/export_templates``) is ``lib.train.fit`` without the live events. The script
prints one line per epoch and saves a checkpoint in the app's format (``lib.checkpoints``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from string import Template

from lib.export_script_source import Collector, import_block
from lib.finetune_run import Plan
from lib.finetune_sources import ONLINE
from lib.models import MODELS
from lib.train import TrainConfig

TEMPLATES = Path(__file__).parent / "export_templates"
EVAL_BATCH = 256
TORCHVISION_SETS = {
    "cifar10": ("CIFAR10", "CIFAR-10"),
    "fashion_mnist": ("FashionMNIST", "Fashion-MNIST"),
    "mnist": ("MNIST", "MNIST"),
}
# Names the templates use, and the imports that bind them (the copied lib code brings its own).
TEMPLATE_IMPORTS: dict[str, tuple[str, str | None]] = {
    "argparse": ("argparse", None),
    "contextlib": ("contextlib", None),
    "dataclasses": ("dataclasses", None),
    "math": ("math", None),
    "time": ("time", None),
    "Path": ("pathlib", "Path"),
    "np": ("numpy", None),
    "torch": ("torch", None),
    "nn": ("torch", "nn"),
    "F": ("torch.nn.functional", None),
    "Image": ("PIL", "Image"),
    "ImageOps": ("PIL", "ImageOps"),
    "datasets": ("torchvision", "datasets"),
    "models": ("torchvision", "models"),
    "download_and_extract_archive": ("torchvision.datasets.utils", "download_and_extract_archive"),
}
LOOP = ("lib.train", "TrainConfig", "normalize", "batch_starts", "make_optimizer", "make_scheduler")
CHECKPOINT = ("lib.checkpoints", "make_meta", "checkpoint_bytes")


@dataclass(frozen=True)
class DataChoice:
    """Which data a run used. ``source``: Train "shapes", a torchvision set ("cifar10", "fashion_mnist", "mnist")
    or "folder" (your images); Fine-tuning "fewshot" or "folder"; Detection "shapes_detect" or "banana".

    ``count`` is the number of images (Shapes), of training scenes (Detection), images per class (few-shot) or the
    part of a torchvision set used; ``image_size`` the side the images are made or stored at.
    """

    source: str
    count: int = 0
    image_size: int = 32
    val_share: float = 0.2


def _template(part: str, **values: str) -> str:
    return Template((TEMPLATES / f"{part}.txt").read_text(encoding="utf-8")).substitute(values).rstrip()


def _literal(value: object) -> str:
    """Python source for a plain value (strings in double quotes, as ruff formats them)."""
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(_literal(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_literal(k)}: {_literal(v)}" for k, v in value.items()) + "}"
    return repr(value)


def _call(name: str, fields: dict[str, object]) -> str:
    body = "".join(f"    {key}={_literal(value)},\n" for key, value in fields.items())
    return f"{name}(\n{body})"


def _config_source(config: TrainConfig) -> str:
    fields = {f.name: getattr(config, f.name) for f in dataclasses.fields(config)}
    return "CONFIG = " + _call("TrainConfig", fields)


def _builder(model: str) -> tuple[str, str, str]:
    """(lib module, function, call) that builds registry model ``model`` as ``lib.models.build_model`` does."""
    spec = MODELS[model]
    module = f"lib.models.{spec.family}"
    if spec.family == "cifar10_quick":
        activation = model.removeprefix("cifar10_quick").lstrip("_") or "none"
        return module, "cifar10_quick", f'cifar10_quick(num_classes, in_channels, image_size, "{activation}")'
    function = spec.builder.__name__
    return module, function, f"{function}(num_classes, in_channels, image_size)"


def _build_function(model: str) -> str:
    call = _builder(model)[2]
    return f'''def build(num_classes: int, in_channels: int, image_size: int) -> nn.Module:
    """A fresh {model} with random weights, built as the app's lib/models builds it."""
    return {call}'''


def _argument(flag: str, default: str, help_text: str, required: bool = False) -> str:
    extra = "required=True" if required else f"default=Path({_literal(default)})"
    return f'    parser.add_argument("{flag}", type=Path, {extra}, help={_literal(help_text)})'


def _assemble(title: str, usage: str, settings: list[str], collector: Collector, parts: list[str]) -> str:
    """Docstring, imports, the copied lib code, then your run: its settings and the script's own parts."""
    run = "# ---- your run: its settings, then the loop around the app's code ----\n" + "\n".join(settings)
    body = collector.text() + "\n\n\n" + run + "\n\n\n" + "\n\n\n".join(parts)
    known = TEMPLATE_IMPORTS | collector.external
    doc = f'"""{title}\n\n{usage}\n"""'
    return f"{doc}\n\n{import_block(body, known)}\n\n\n{body}\n"


def _usage(filename: str, extra: str, page: str) -> str:
    return (
        "Made by DL Playground from your session. It needs only PyTorch, torchvision, numpy and Pillow:\n\n"
        f"    python {filename}{extra} [--epochs N] [--limit N] [--device cpu|cuda|mps] [--precision P] [--out FILE]\n\n"
        "It prints one line per epoch (epoch 0 is the untrained model), e.g.\n"
        "    epoch 1/6 train_loss=0.8123 train_accuracy=0.7012 val_loss=0.5234 val_accuracy=0.8150 seconds=12.3\n"
        f"and saves a checkpoint (state dict + metadata) that the app's {page} page can load.\n"
        "The code below is the app's own: each block says which file of the app it comes from."
    )


def _common(collector: Collector, out: str) -> list[str]:
    collector.add(*LOOP).add(*CHECKPOINT)
    return [f"OUT = {_literal(out)}", f"EVAL_BATCH = {EVAL_BATCH}"]


def train_script(model: str, config: TrainConfig, data: DataChoice) -> str:
    """The script of a Train-page run: ``model`` (a lib.models name) trained with ``config`` on ``data``."""
    collector = Collector(without={"ClassificationTask": {"evaluate"}})
    settings = _common(collector, f"{model}.pt")
    collector.add("lib.train", "ClassificationTask").add("lib.data.arrays", "ImageArrays")
    collector.add(*_builder(model)[:2])
    extra, usage = "", ""
    if data.source == "shapes":
        collector.add("lib.data.shapes", "make_shapes")
        fields = {"images": data.count, "image_size": data.image_size, "val_share": data.val_share}
        part = _template("data_shapes")
        fields |= {"seed": 0, "split_seed": 0}
    elif data.source in TORCHVISION_SETS:
        dataset, title = TORCHVISION_SETS[data.source]
        fields = {"name": data.source, "limit": data.count, "split_seed": 0}
        part = _template("data_torchvision", dataset=dataset, title=title)
        extra = _argument("--data", "data", f"where {title} is (or will be downloaded)")
        usage = " [--data DIR]"
    elif data.source == "folder":
        collector.add("lib.data.imagefolder_zip", "IMAGE_EXTENSIONS", "_resize")
        fields = {"image_size": data.image_size, "val_share": data.val_share, "split_seed": 0}
        part = _template("data_folder", split='data.split(DATA["val_share"], seed=DATA["split_seed"])')
        extra = _argument("--images", "", "a folder with one folder of images per class", required=True)
        usage = " --images DIR"
    else:
        raise ValueError(f"no script for data source {data.source!r}")
    settings += [f"MODEL = {_literal(model)}", f"DATA = {_literal(fields)}", _config_source(config)]
    parts = [part, _build_function(model), _template("loop", extra_arguments=extra), _template("classify")]
    filename = f"train_{model}.py"
    title = f"Train {model} on {_data_title(data)}: your DL Playground run as a plain PyTorch script."
    return _assemble(title, _usage(filename, usage, "Train"), settings, collector, parts)


def _data_title(data: DataChoice) -> str:
    if data.source in TORCHVISION_SETS:
        return TORCHVISION_SETS[data.source][1]
    names = {
        "shapes": "Shapes",
        "folder": "your images",
        "fewshot": "the few-shot shapes",
        "shapes_detect": "Shapes-Detect",
        "banana": "the banana-detection set",
    }
    return names[data.source]


def finetune_script(backbone: str, source: str, config: TrainConfig, plan: Plan, data: DataChoice) -> str:
    """The script of a Fine-tuning run: the fine-tuned side of the race (``backbone`` from ``source``: "offline",
    "online" or "checkpoint"), with ``config`` and ``plan`` on ``data`` ("fewshot" or "folder")."""
    collector = Collector(without={"ClassificationTask": {"evaluate"}})
    settings = _common(collector, f"finetuned_{backbone}.pt")
    collector.add("lib.finetune_run", "FinetuneTask", "sized", "Plan").add("lib.finetune", "prepare", "param_groups")
    collector.add("lib.data.arrays", "ImageArrays")
    extra, usage = [], ""
    if data.source == "fewshot":
        collector.add("lib.data.fewshot", "make_fewshot_task", "make_fewshot_validation")
        fields = {"per_class": data.count, "val_per_class": 30, "image_size": data.image_size, "seed": 0}
        parts = [_template("data_fewshot")]
    elif data.source == "folder":
        collector.add("lib.data.imagefolder_zip", "IMAGE_EXTENSIONS", "_resize")
        collector.add("lib.finetune_data", "stratified_split")
        fields = {"image_size": data.image_size, "val_share": data.val_share, "split_seed": 0}
        split = 'stratified_split(data, DATA["val_share"], seed=DATA["split_seed"])'
        parts = [_template("data_folder", split=split)]
        extra.append(_argument("--images", "", "a folder with one folder of images per class", required=True))
        usage = " --images DIR"
    else:
        raise ValueError(f"no script for data source {data.source!r}")
    if source == "online":
        weights = ONLINE[backbone].weights
        parts.append(_template("backbone_online", name=backbone, weights=f"{type(weights).__name__}.{weights.name}"))
    else:
        collector.add(*_builder(backbone)[:2])
        where = "the app's weights/compact_resnet_shapes64.pt" if source == "offline" else "the checkpoint you used"
        default = "compact_resnet_shapes64.pt" if source == "offline" else f"{backbone}.pt"
        extra.append(_argument("--backbone", default, f"the pretrained checkpoint: {where}"))
        parts += [_template("backbone_file", where=where), _build_function(backbone)]
        usage += " --backbone FILE"
    settings += [
        f"BACKBONE = {_literal(backbone)}",
        f"DATA = {_literal(fields)}",
        _config_source(config),
        "PLAN = " + _plan_source(plan),
    ]
    parts += [_template("loop", extra_arguments="\n".join(extra)), _template("finetune")]
    filename = f"finetune_{backbone}.py"
    title = f"Fine-tune {backbone} on {_data_title(data)}: your DL Playground run as a plain PyTorch script."
    return _assemble(title, _usage(filename, usage, "Fine-tuning"), settings, collector, parts)


def _plan_source(plan: Plan) -> str:
    augment = None if plan.augment is None else dataclasses.asdict(plan.augment)
    fields = {f.name: getattr(plan, f.name) for f in dataclasses.fields(plan) if f.name != "augment"}
    text = _call("Plan", fields)
    if augment is None:
        return text.replace("Plan(\n", "Plan(\n    augment=None,\n", 1)
    return text.replace(
        "Plan(\n", "Plan(\n    augment=" + _call("AugmentConfig", augment).replace("\n", "\n    ") + ",\n", 1
    )


def detection_script(start: str, config: TrainConfig, data: DataChoice) -> str:
    """The script of a Detection (TinySSD) run: ``start`` "backbone" (the shipped blocks, frozen) or "scratch",
    trained with ``config`` on ``data`` ("shapes_detect" or "banana")."""
    collector = Collector(without={"DetectionTask": {"evaluate"}})
    settings = _common(collector, "tinyssd.pt")
    collector.add("lib.detection_train", "DetectionTask").add("lib.models.ssd", "TinySSD")
    collector.add("lib.data.arrays", "ImageArrays")
    extra, usage = [], ""
    if data.source == "shapes_detect":
        collector.add("lib.data.shapes_detect", "make_shapes_detect").add("lib.detection_train", "val_count")
        fields = {"count": data.count, "image_size": data.image_size, "seed": 0}
        parts = [_template("data_shapes_detect")]
    elif data.source == "banana":
        collector.add("lib.data.banana", "URL", "FOLDER", "load_split")
        fields = {"count": data.count, "image_size": data.image_size}
        parts = [_template("data_banana")]
        extra.append(_argument("--data", "data", "where the banana-detection set is (or will be downloaded)"))
        usage = " [--data DIR]"
    else:
        raise ValueError(f"no script for data source {data.source!r}")
    if start == "backbone":
        collector.overrides[("lib.detection", "TINYSSD_FILE")] = 'TINYSSD_FILE = Path("tinyssd_shapes.pt")'
        collector.add("lib.detection_train", "tinyssd_from_backbone")
        model = "tinyssd_from_backbone(len(train.classes), args.backbone)  # the shipped blocks, frozen; new heads"
        help_text = "the app's weights/tinyssd_shapes.pt (its feature blocks are the starting point)"
        extra.append(_argument("--backbone", "tinyssd_shapes.pt", help_text))
        usage += " --backbone FILE"
    else:
        model = "TinySSD(len(train.classes))  # random weights"
    settings += [f"DATA = {_literal(fields)}", _config_source(config)]
    parts += [_template("loop", extra_arguments="\n".join(extra)), _template("detection", model=model)]
    title = f"Train TinySSD on {_data_title(data)}: your DL Playground run as a plain PyTorch script."
    return _assemble(title, _usage("detection_tinyssd.py", usage, "Detection"), settings, collector, parts)
