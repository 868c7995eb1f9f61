"""Fine-tuning page, step 3: what to freeze, learning rates, budget, precision, and augmentation with a preview."""

from __future__ import annotations

import streamlit as st
import torch

from lib.device import available_devices, fastest_precision, supported_precisions
from lib.errors import LessonError
from lib.finetune import frozen_stages, head_name, stage_names
from lib.finetune_augment import AugmentConfig, preview
from lib.finetune_run import Plan, check_plan
from lib.finetune_sources import Backbone
from lib.train import OPTIMIZERS, TrainConfig
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


def _precision(device: str) -> tuple[str, str]:
    """Precision selector, "auto" first: (precision, a sentence saying what was picked and why)."""
    auto, reason = fastest_precision(device)
    choices = ["auto", *supported_precisions(device)]
    labels = {"auto": t("precision.auto", precision=auto)} | {p: p for p in choices[1:]}
    choice = st.selectbox(t("train.settings.precision"), choices, format_func=labels.__getitem__, key="ft_precision")
    if choice == "auto":
        return auto, t("finetune.settings.precision_auto", precision=auto, reason=t(reason))
    return choice, t("finetune.settings.precision_chosen", precision=choice)


def _scratch_lr(optimizer: str) -> float | None:
    """The scratch run's LR: found by a range test ("auto", the default) or fixed by the learner."""
    choices = ("auto", *LRS)
    labels = {lr: f"{lr:g}" for lr in LRS} | {"auto": t("finetune.settings.scratch_auto")}
    choice = st.selectbox(
        t("finetune.settings.scratch_lr"), choices, format_func=labels.__getitem__, key=f"ft_scratch_lr_{optimizer}"
    )
    return None if choice == "auto" else float(choice)


def render(backbone: Backbone, sample: torch.Tensor | None) -> tuple[TrainConfig, Plan, str] | None:
    """The training config, the fine-tuning plan and what the precision is and why (None when a setting is
    invalid, after a message)."""
    training, augmentation = st.tabs([t("finetune.settings.training"), t("finetune.aug.header")])
    with training:
        freeze = _freeze(backbone)
        cols = st.columns(4)
        optimizer = cols[0].selectbox(t("finetune.settings.optimizer"), OPTIMIZERS, key="ft_optimizer")
        lr = cols[1].select_slider(
            t("finetune.settings.lr"), LRS, value=1e-2 if optimizer == "sgd" else 1e-3, key=f"ft_lr_{optimizer}"
        )
        mult = cols[2].number_input(t("finetune.settings.head_mult"), 0.1, 100.0, 10.0, 1.0, key="ft_head_mult")
        epochs = cols[3].slider(t("finetune.settings.epochs"), 1, 30, 8, key="ft_epochs")
        default_size = min(SIZES, key=lambda s: abs(s - min(backbone.image_size, 128)))
        cols = st.columns(4)
        size = cols[0].select_slider(t("finetune.settings.size"), SIZES, value=default_size, key="ft_size")
        device = cols[1].selectbox(t("train.settings.device"), available_devices(), key="ft_device")
        with cols[2]:
            precision, precision_note = _precision(device)
        with cols[3]:
            scratch_lr = _scratch_lr(optimizer)
        if size != backbone.image_size:
            st.caption(t("finetune.settings.size_note", size=size, native=backbone.image_size))
    with augmentation:
        augment = _augment(size)
        if augment is not None and sample is not None:
            _preview(sample, augment)
        if augment is not None:
            show_code(_augment_code(augment))
    setup = None
    with guard():
        config = TrainConfig(
            optimizer=optimizer,
            lr=float(lr),
            weight_decay=1e-4,
            batch_size=16,
            epochs=epochs,
            mean=backbone.mean,
            std=backbone.std,
            precision=precision,
            device=device,
            seed=0,
        )
        plan = Plan(float(mult), freeze, augment, size, scratch_lr)
        check_plan(config, plan)
        stages = frozen_stages(backbone.model, freeze)
        setup = config, plan, precision_note
    if setup is None:
        return None
    with training:
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
    return setup
