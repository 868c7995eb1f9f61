"""The model zoo: every network the app can build, by name, with what the pages need to know about it.

``build_model(name, num_classes, in_channels, image_size)`` returns a fresh ``nn.Module`` with random weights;
``MODELS[name]`` describes it (default input, the attribute path of its final Linear for re-heading, the
names of its top-level children in execution order for freezing "up to stage k", the smallest image it accepts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from torch import nn

from lib.errors import LessonError
from lib.models.alexnet import alexnet
from lib.models.cifar10_quick import cifar10_quick
from lib.models.compact_resnet import compact_resnet
from lib.models.darknet import darknet53
from lib.models.lenet import lenet, lenet_bn
from lib.models.mlp import mlp
from lib.models.nin import nin
from lib.models.resnet import resnet18, resnet50
from lib.models.small_resnet import small_resnet
from lib.models.vgg import vgg11

Builder = Callable[[int, int, int], nn.Module]

_RESNET_STAGES = ("conv1", "bn1", "relu", "maxpool", "layer1", "layer2", "layer3", "layer4", "avgpool", "fc")
_TV_CLASSIFIER_STAGES = ("features", "avgpool", "classifier")


def _quick_stages(activation: str) -> tuple[str, ...]:
    per_stage = {"none": ("conv", "pool"), "relu": ("conv", "relu", "pool"), "bn": ("conv", "bn", "relu", "pool")}
    names = tuple(f"{part}{i}" for i in (1, 2, 3) for part in per_stage[activation])
    return (*names, "flatten", "fc")


@dataclass(frozen=True)
class ModelSpec:
    """What the app knows about one model before building it."""

    name: str
    family: str  # the module in lib/models defining it
    builder: Builder  # (num_classes, in_channels, image_size) -> nn.Module
    default_input: tuple[int, int, int]  # (C, H, W)
    head: str  # attribute path of the final nn.Linear ("" when the model has none, like NiN)
    stages: tuple[str, ...]  # names of the top-level children, in execution order
    min_size: int  # smallest square image the forward pass accepts
    kind: str = "classifier"

    @property
    def description_key(self) -> str:
        """The i18n key of the one-line description shown next to the model's name."""
        return f"models.{self.name}.desc"

    @property
    def label_key(self) -> str:
        """The i18n key of the name a learner reads (``cifar10_quick_bn`` is "CIFAR10-quick + BatchNorm")."""
        return f"models.{self.name}.name"


def _spec(
    name: str,
    family: str,
    builder: Builder,
    default_input: tuple[int, int, int],
    head: str,
    stages: tuple[str, ...],
    min_size: int,
) -> ModelSpec:
    return ModelSpec(name, family, builder, default_input, head, stages, min_size)


MODELS: dict[str, ModelSpec] = {
    spec.name: spec
    for spec in (
        _spec(
            "cifar10_quick",
            "cifar10_quick",
            lambda n, c, s: cifar10_quick(n, c, s, "none"),
            (3, 32, 32),
            "fc",
            _quick_stages("none"),
            8,
        ),
        _spec(
            "cifar10_quick_relu",
            "cifar10_quick",
            lambda n, c, s: cifar10_quick(n, c, s, "relu"),
            (3, 32, 32),
            "fc",
            _quick_stages("relu"),
            8,
        ),
        _spec(
            "cifar10_quick_bn",
            "cifar10_quick",
            lambda n, c, s: cifar10_quick(n, c, s, "bn"),
            (3, 32, 32),
            "fc",
            _quick_stages("bn"),
            8,
        ),
        _spec(
            "lenet",
            "lenet",
            lenet,
            (1, 28, 28),
            "fc3",
            ("conv1", "sig1", "pool1", "conv2", "sig2", "pool2", "flatten", "fc1", "sig3", "fc2", "sig4", "fc3"),
            12,
        ),
        _spec(
            "lenet_bn",
            "lenet",
            lenet_bn,
            (1, 28, 28),
            "fc3",
            (
                "conv1",
                "bn1",
                "sig1",
                "pool1",
                "conv2",
                "bn2",
                "sig2",
                "pool2",
                "flatten",
                "fc1",
                "bn3",
                "sig3",
                "fc2",
                "bn4",
                "sig4",
                "fc3",
            ),
            16,
        ),
        _spec(
            "mlp",
            "mlp",
            mlp,
            (1, 28, 28),
            "fc3",
            ("flatten", "fc1", "relu1", "drop1", "fc2", "relu2", "drop2", "fc3"),
            1,
        ),
        _spec(
            "small_resnet",
            "small_resnet",
            small_resnet,
            (3, 32, 32),
            "fc",
            ("conv", "bn", "relu", "layer1", "layer2", "layer3", "avgpool", "flatten", "fc"),
            1,
        ),
        _spec(
            "compact_resnet",
            "compact_resnet",
            compact_resnet,
            (3, 64, 64),
            "fc",
            ("stem", "layer1", "layer2", "layer3", "layer4", "avgpool", "flatten", "fc"),
            1,
        ),
        _spec("resnet18", "resnet", resnet18, (3, 224, 224), "fc", _RESNET_STAGES, 1),
        _spec("alexnet", "alexnet", alexnet, (3, 224, 224), "classifier.6", _TV_CLASSIFIER_STAGES, 63),
        _spec("vgg11", "vgg", vgg11, (3, 224, 224), "classifier.6", _TV_CLASSIFIER_STAGES, 32),
        _spec(
            "nin",
            "nin",
            nin,
            (1, 224, 224),
            "",
            ("block1", "pool1", "block2", "pool2", "block3", "pool3", "dropout", "block4", "avgpool", "flatten"),
            67,
        ),
        _spec("resnet50", "resnet", resnet50, (3, 224, 224), "fc", _RESNET_STAGES, 1),
        _spec(
            "darknet53",
            "darknet",
            darknet53,
            (3, 256, 256),
            "fc",
            ("stem", *(f"{kind}{i}" for i in range(1, 6) for kind in ("down", "stage")), "avgpool", "flatten", "fc"),
            1,
        ),
    )
}

# The models the Train page offers: small enough to train in minutes on a CPU (resnet18 for a GPU).
TRAINABLE: tuple[str, ...] = (
    "cifar10_quick",
    "cifar10_quick_relu",
    "cifar10_quick_bn",
    "lenet",
    "lenet_bn",
    "mlp",
    "small_resnet",
    "compact_resnet",
    "resnet18",
)

MAX_IMAGE_SIZE = 1024


def build_model(name: str, num_classes: int = 10, in_channels: int = 3, image_size: int = 32) -> nn.Module:
    """A fresh, randomly initialised ``name`` for (in_channels, image_size, image_size) images and ``num_classes``."""
    if name not in MODELS:
        raise LessonError("models.unknown", name=name, known=", ".join(MODELS))
    spec = MODELS[name]
    if num_classes < 1:
        raise LessonError("models.bad_classes", classes=num_classes)
    if in_channels < 1:
        raise LessonError("models.bad_channels", channels=in_channels)
    if image_size < spec.min_size:
        raise LessonError("models.too_small", model=name, size=image_size, min_size=spec.min_size)
    if image_size > MAX_IMAGE_SIZE:
        raise LessonError("models.too_large", model=name, size=image_size, max_size=MAX_IMAGE_SIZE)
    return spec.builder(num_classes, in_channels, image_size)
