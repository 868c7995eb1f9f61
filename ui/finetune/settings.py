"""Fine-tuning page, step 3: what to freeze, learning rates, budget, and augmentation with a live preview."""

from __future__ import annotations

import streamlit as st
import torch

from lib.device import available_devices, supported_precisions
from lib.errors import LessonError
from lib.finetune import frozen_stages, head_name, stage_names
from lib.finetune_augment import AugmentConfig, preview
from lib.finetune_run import OPTIMIZERS, RunConfig
from lib.finetune_sources import Backbone
from ui.common import error_message, guard, show_code, t

SIZES = (32, 48, 64, 96, 128, 160, 224)
LRS = (1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1)


def _freeze(backbone: Backbone) -> str | int:
    stages = stage_names(backbone.model)
    body = [s for s in stages if s != head_name(backbone.model).split(".")[0]]
    choice = st.radio(
        t("finetune.settings.freeze"),
        ("none", "body", "stages"),
        format_func={c: t(f"finetune.settings.freeze_{c}") for c in ("none", "body", "stages")}.__getitem__,
        index=1,
        horizontal=True,
        key="ft_freeze",
    )
    if choice != "stages":
        return choice
    k = st.slider(t("finetune.settings.freeze_k"), 1, len(body), max(1, len(body) // 2), key="ft_freeze_k")
    st.caption(t("finetune.settings.frozen_list", stages=", ".join(stages[:k])))
    return k


def _augment(size: int) -> AugmentConfig | None:
    if not st.toggle(t("finetune.aug.on"), value=True, key="ft_aug_on"):
        return None
    cols = st.columns(3)
    scale = cols[0].slider(t("finetune.aug.scale"), 0.1, 1.0, 0.6, 0.05, key="ft_aug_scale")
    ratio = cols[1].slider(t("finetune.aug.ratio"), 0.5, 2.0, (0.75, 1.33), 0.01, key="ft_aug_ratio")
    rotation = cols[2].slider(t("finetune.aug.rotation"), 0, 180, 0, 5, key="ft_aug_rotation")
    cols = st.columns(4)
    brightness = cols[0].slider(t("finetune.aug.brightness"), 0.0, 1.0, 0.2, 0.05, key="ft_aug_brightness")
    contrast = cols[1].slider(t("finetune.aug.contrast"), 0.0, 1.0, 0.2, 0.05, key="ft_aug_contrast")
    saturation = cols[2].slider(t("finetune.aug.saturation"), 0.0, 1.0, 0.2, 0.05, key="ft_aug_saturation")
    hue = cols[3].slider(t("finetune.aug.hue"), 0.0, 0.5, 0.0, 0.02, key="ft_aug_hue")
    cols = st.columns(4)
    hflip = cols[0].checkbox(t("finetune.aug.hflip"), value=True, key="ft_aug_hflip")
    vflip = cols[1].checkbox(t("finetune.aug.vflip"), key="ft_aug_vflip")
    mixup = cols[2].checkbox("MixUp", key="ft_aug_mixup")
    cutmix = cols[3].checkbox("CutMix", key="ft_aug_cutmix")
    return AugmentConfig(
        size,
        scale,
        ratio[0],
        ratio[1],
        hflip,
        vflip,
        float(rotation),
        brightness,
        contrast,
        saturation,
        hue,
        mixup,
        cutmix,
    )


def _augment_code(a: AugmentConfig) -> str:
    lines = [f"v2.RandomResizedCrop({a.size}, scale=({a.scale_min}, 1.0), ratio=({a.ratio_min}, {a.ratio_max}))"]
    lines += ["v2.RandomHorizontalFlip()"] if a.hflip else []
    lines += ["v2.RandomVerticalFlip()"] if a.vflip else []
    lines += [f"v2.RandomRotation({a.rotation})"] if a.rotation else []
    lines += [f"v2.ColorJitter({a.brightness}, {a.contrast}, {a.saturation}, {a.hue})"]
    body = ",\n    ".join(lines)
    code = f"from torchvision.transforms import v2\n\ntrain_tf = v2.Compose([\n    {body},\n])\n"
    if a.mixup or a.cutmix:
        mixes = ["v2.MixUp(num_classes=K)"] * a.mixup + ["v2.CutMix(num_classes=K)"] * a.cutmix
        code += (
            f"mix = v2.RandomChoice([{', '.join(mixes)}])  # on whole batches: images, labels = mix(images, labels)\n"
        )
    return code


def _preview(sample: torch.Tensor, augment: AugmentConfig) -> None:
    seed = st.session_state.setdefault("ft_preview_seed", 0)
    if st.button(t("finetune.aug.reshuffle"), key="ft_aug_reshuffle", icon=":material/shuffle:"):
        st.session_state["ft_preview_seed"] = seed = seed + 1
    try:
        versions = preview(sample, augment, n=8, seed=seed)
    except LessonError as error:
        st.warning(error_message(error))
        return
    st.image(
        [sample.permute(1, 2, 0).numpy()] + [v.permute(1, 2, 0).numpy() for v in versions],
        width=96,
        caption=[t("finetune.aug.original")] + [str(i + 1) for i in range(len(versions))],
    )


def render(backbone: Backbone, sample: torch.Tensor | None) -> RunConfig | None:
    """The run configuration chosen on the page (None when a setting is invalid, after a message)."""
    st.header(t("finetune.settings.header"))
    freeze = _freeze(backbone)
    cols = st.columns(4)
    optimizer = cols[0].selectbox(t("finetune.settings.optimizer"), OPTIMIZERS, key="ft_optimizer")
    lr = cols[1].select_slider(
        t("finetune.settings.lr"), LRS, value=1e-2 if optimizer == "sgd" else 1e-3, key=f"ft_lr_{optimizer}"
    )
    mult = cols[2].number_input(t("finetune.settings.head_mult"), 0.1, 100.0, 10.0, 1.0, key="ft_head_mult")
    epochs = cols[3].slider(t("finetune.settings.epochs"), 1, 30, 8, key="ft_epochs")
    default_size = min(SIZES, key=lambda s: abs(s - min(backbone.image_size, 128)))
    cols = st.columns([2, 1, 1])
    size = cols[0].select_slider(t("finetune.settings.size"), SIZES, value=default_size, key="ft_size")
    device = cols[1].selectbox(t("train.settings.device"), available_devices(), key="ft_device")
    precision = cols[2].selectbox(t("train.settings.precision"), supported_precisions(device), key="ft_precision")
    if size != backbone.image_size:
        st.caption(t("finetune.settings.size_note", size=size, native=backbone.image_size))
    with st.expander(t("finetune.aug.header"), expanded=False, icon=":material/auto_awesome:"):
        augment = _augment(size)
        if augment is not None and sample is not None:
            _preview(sample, augment)
        if augment is not None:
            show_code(_augment_code(augment))
    config = None
    with guard():
        config = RunConfig(
            epochs, float(lr), float(mult), optimizer, 1e-4, 16, freeze, augment, size, 0, device, precision
        )
        stages = frozen_stages(backbone.model, freeze)
    if config is None:
        return None
    st.caption(t("finetune.settings.groups", body_lr=lr, head_lr=lr * mult, frozen=", ".join(stages) or "—"))
    freeze_arg = f'"{freeze}"' if isinstance(freeze, str) else freeze
    optimizer_class = {"sgd": "SGD", "adam": "Adam", "adamw": "AdamW"}[optimizer]
    show_code(
        "from lib.finetune import prepare, param_groups\n\n"
        f"model = prepare(backbone, num_classes=K, freeze={freeze_arg})  # new Xavier head, frozen stages\n"
        f"optimizer = torch.optim.{optimizer_class}(\n"
        f"    param_groups(model, lr={lr}, head_lr_mult={mult}),  # head lr = {lr * mult:g}\n"
        f"    {'momentum=0.9, ' if optimizer == 'sgd' else ''}weight_decay=1e-4)\n"
    )
    return config
