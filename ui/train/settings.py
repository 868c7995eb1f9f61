"""Train page, settings step: optimizer, schedule, batch, epochs, augmentation, precision, device (+ the loop's code)."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from lib.data.arrays import ImageArrays
from lib.device import available_devices, fastest_precision, runnable_precisions
from lib.train import DEFAULT_RUN, OPTIMIZERS, SCHEDULES, TrainConfig, channel_stats, lr_curve
from ui.common import show_code, t

OPTIMIZER_NAMES = {"sgd": "SGD", "adam": "Adam", "adamw": "AdamW"}
AUTO = "auto"
DEFAULT = DEFAULT_RUN.config


def render(train: ImageArrays) -> TrainConfig:
    """Optimizer, LR and schedule, batch, epochs, augmentation, precision, device -> a TrainConfig."""
    st.header(t("train.settings.header"))
    a, b, c, d = st.columns(4)
    optimizer = a.selectbox(
        t("train.settings.optimizer"),
        OPTIMIZERS,
        index=OPTIMIZERS.index(DEFAULT.optimizer),
        format_func=OPTIMIZER_NAMES.get,
        key="train_opt",
    )
    lr = b.number_input(
        t("train.settings.lr"),
        1e-5,
        10.0,
        DEFAULT.lr if optimizer == DEFAULT.optimizer else 0.05 if optimizer == "sgd" else 0.002,
        format="%.4g",
        key=f"train_lr_{optimizer}",
    )
    schedules = {
        name: t(f"train.schedule.{name}", gamma=DEFAULT.step_gamma, every=DEFAULT.step_epochs) for name in SCHEDULES
    }
    schedule = c.selectbox(
        t("train.settings.schedule"),
        SCHEDULES,
        index=SCHEDULES.index(DEFAULT.schedule),
        format_func=schedules.__getitem__,
        key="train_schedule",
    )
    wd = d.number_input(t("train.settings.wd"), 0.0, 1.0, DEFAULT.weight_decay, format="%.4g", key="train_wd")
    a, b, c, d = st.columns(4)
    momentum = a.slider(t("train.settings.momentum"), 0.0, 0.99, 0.9, disabled=optimizer != "sgd", key="train_momentum")
    nesterov = b.checkbox(t("train.settings.nesterov"), True, disabled=optimizer != "sgd", key="train_nesterov")
    batch = c.select_slider(
        t("train.settings.batch"), [16, 32, 64, 128, 256, 512, 1024], value=DEFAULT.batch_size, key="train_batch"
    )
    epochs = d.number_input(t("train.settings.epochs"), 1, 200, DEFAULT.epochs, key="train_epochs")
    a, b, c, d = st.columns(4)
    crop = a.number_input(t("train.settings.crop"), 0, 8, DEFAULT.crop_padding, key="train_crop")
    flip = a.checkbox(t("train.settings.flip"), DEFAULT.flip, key="train_flip")
    device = b.selectbox(t("train.settings.device"), available_devices(), key="train_device")
    precision = _precision(c, device)
    clip = d.number_input(t("train.settings.clip"), 0.0, 100.0, DEFAULT.grad_clip, key="train_clip")
    seed = d.number_input(t("train.settings.seed"), 0, 10_000, DEFAULT.seed, key="train_seed")
    mean, std = _stats(train)
    config = TrainConfig(
        optimizer=optimizer,
        lr=float(lr),
        momentum=momentum,
        nesterov=nesterov and optimizer == "sgd",
        weight_decay=float(wd),
        schedule=schedule,
        batch_size=batch,
        epochs=int(epochs),
        crop_padding=int(crop),
        flip=flip,
        mean=mean,
        std=std,
        precision=precision,
        device=device,
        seed=int(seed),
        grad_clip=float(clip),
    )
    steps = -(-len(train) // batch)
    curve = lr_curve(config, steps)
    curve = curve[:: max(1, len(curve) // 400)]
    fig = go.Figure(go.Scatter(y=curve, mode="lines"))
    fig.update_layout(title=t("train.settings.lr_preview"), height=200, margin={"t": 30, "b": 10, "l": 10, "r": 10})
    st.plotly_chart(fig, key="train_lr_preview")
    show_code(loop_code(config, len(train.classes)))
    return config


def _precision(column: st.delta_generator.DeltaGenerator, device: str) -> str:
    """The precision choice, "auto" first: the device's fastest, with the reason it was picked."""
    fastest, reason = fastest_precision(device)
    choices = [AUTO, *runnable_precisions(device)]  # fp16 on a CPU too: slow, but it shows the loss scaler live
    labels = {AUTO: t("precision.auto", precision=fastest)}  # translated now, not when the widget formats later
    picked = column.selectbox(
        t("train.settings.precision"),
        choices,
        format_func=lambda name: labels.get(name, name),
        key="train_precision",
    )
    if picked == AUTO:
        column.caption(t(reason))
        return fastest
    if picked == "fp16" and device == "cpu":
        column.caption(t("train.settings.fp16_cpu"))
    return picked


def _stats(train: ImageArrays) -> tuple[tuple[float, ...], tuple[float, ...]]:
    mean, std = channel_stats(train.images[:: max(1, len(train) // 2000)])
    return tuple(round(v, 4) for v in mean), tuple(round(v, 4) for v in std)


def loop_code(config: TrainConfig, num_classes: int) -> str:
    """Plain PyTorch reproducing what lib.train.fit does with ``config`` (without the speed tricks)."""
    opt = {
        "sgd": f"torch.optim.SGD(model.parameters(), lr={config.lr:g}, momentum={config.momentum:g}, nesterov={config.nesterov}, weight_decay={config.weight_decay:g})",
        "adam": f"torch.optim.Adam(model.parameters(), lr={config.lr:g}, weight_decay={config.weight_decay:g})",
        "adamw": f"torch.optim.AdamW(model.parameters(), lr={config.lr:g}, weight_decay={config.weight_decay:g})",
    }[config.optimizer]
    sched = {
        "constant": "torch.optim.lr_scheduler.ConstantLR(optimizer, factor=1.0, total_iters=0)",
        "step": f"torch.optim.lr_scheduler.StepLR(optimizer, step_size={config.step_epochs} * len(loader), gamma={config.step_gamma:g})",
        "cosine": f"torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max={config.epochs} * len(loader))",
        "onecycle": f"torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr={config.lr:g}, total_steps={config.epochs} * len(loader))",
    }[config.schedule]
    augment = []
    if config.crop_padding:
        augment.append(f"v2.RandomCrop(size, padding={config.crop_padding})")
    if config.flip:
        augment.append("v2.RandomHorizontalFlip()")
    amp = {"bf16": "torch.bfloat16", "fp16": "torch.float16"}.get(config.precision)
    autocast = f'torch.autocast("{config.device.split(":")[0]}", dtype={amp})' if amp else "contextlib.nullcontext()"
    clip = (
        f"\n        torch.nn.utils.clip_grad_norm_(model.parameters(), {config.grad_clip:g})"
        if config.grad_clip
        else ""
    )
    scaler = config.precision == "fp16"
    backward = "scaler.scale(loss).backward()" if scaler else "loss.backward()"
    step = "scaler.step(optimizer)\n        scaler.update()" if scaler else "optimizer.step()"
    return f"""import contextlib
import torch
import torch.nn.functional as F
from torchvision.transforms import v2

# train_images: uint8 (N, C, H, W); train_labels: int64 (N,); model: {num_classes} outputs
device = torch.device("{config.device}")
torch.manual_seed({config.seed})
augment = v2.Compose([{", ".join(augment)}])
normalize = v2.Normalize(mean={list(config.mean or ())}, std={list(config.std or ())})
dataset = torch.utils.data.TensorDataset(train_images, train_labels)
loader = torch.utils.data.DataLoader(dataset, batch_size={config.batch_size}, shuffle=True)
model = model.to(device).to(memory_format=torch.channels_last)
optimizer = {opt}
scheduler = {sched}
{"scaler = torch.amp.GradScaler()" if scaler else ""}
for epoch in range({config.epochs}):
    model.train()
    for images, labels in loader:
        images = torch.stack([augment(image) for image in images.to(device)])  # one random draw per image
        images = normalize(images.float() / 255).contiguous(memory_format=torch.channels_last)
        labels = labels.to(device)
        with {autocast}:
            loss = F.cross_entropy(model(images).float(), labels)
        optimizer.zero_grad(set_to_none=True)
        {backward}{clip}
        {step}
        scheduler.step()
        if not torch.isfinite(loss):
            raise RuntimeError("loss diverged: lower the learning rate")
    model.eval()
    with torch.no_grad():
        ...  # accuracy on the validation set: (model(x).argmax(1) == y).float().mean()
torch.save(model.state_dict(), "model.pt")"""
