"""Fine-tuning: give a pretrained network a new head, freeze what should not move, train the head faster.

The recipe of d2l's hotdog example: replace the final linear layer by a fresh one for the new classes
(Xavier-initialised), optionally freeze the lower layers when data is scarce, and give the new head a
learning rate 10× the body's, because the body starts from good features and the head from nothing.
"""

from __future__ import annotations

import math

import pandas as pd
import torch
from torch import nn

from lib.errors import LessonError

Freeze = str | int  # "none", "body" or k: freeze the first k top-level stages


def head_name(model: nn.Module) -> str:
    """Attribute path of the classifier head: the last ``nn.Linear`` in the model (``fc``, ``classifier.3``...)."""
    names = [name for name, module in model.named_modules() if isinstance(module, nn.Linear)]
    if not names:
        raise LessonError("finetune.error.no_head", model=type(model).__name__)
    return names[-1]


def stage_names(model: nn.Module) -> list[str]:
    """Names of the top-level children in execution order: the units "freeze up to stage k" counts."""
    return [name for name, _ in model.named_children()]


def _set_module(model: nn.Module, path: str, module: nn.Module) -> None:
    parent_path, _, attr = path.rpartition(".")
    parent = model.get_submodule(parent_path) if parent_path else model
    setattr(parent, attr, module)


def new_head(in_features: int, num_classes: int) -> nn.Linear:
    """A fresh linear head: Xavier-uniform weights (variance balanced between fan-in and fan-out), zero bias."""
    head = nn.Linear(in_features, num_classes)
    nn.init.xavier_uniform_(head.weight)
    nn.init.zeros_(head.bias)
    return head


def _keep_eval(module: nn.Module, args: tuple[object, ...]) -> None:
    """Forward pre-hook: a frozen BatchNorm keeps its pretrained statistics even after ``model.train()``."""
    module.training = False


def frozen_stages(model: nn.Module, freeze: Freeze) -> list[str]:
    """The top-level children ``freeze`` covers: none, every one but the head's, or the first k."""
    stages = stage_names(model)
    head_stage = head_name(model).split(".")[0]
    body = [name for name in stages if name != head_stage]
    if freeze == "none":
        return []
    if freeze == "body":
        return body
    if isinstance(freeze, int) and not isinstance(freeze, bool) and 0 <= freeze <= len(body):
        return stages[:freeze]
    raise LessonError("finetune.error.freeze", freeze=freeze, stages=len(body))


def prepare(model: nn.Module, num_classes: int, freeze: Freeze = "none") -> nn.Module:
    """``model`` (changed in place and returned) with a new ``num_classes`` head and the chosen stages frozen.

    Frozen parameters get ``requires_grad=False``; frozen BatchNorm layers also keep their running statistics.
    For heads inside a Sequential (``classifier.3``) the last Linear's parameters are the head; a "body" freeze
    freezes every parameter outside it.
    """
    if num_classes < 2:
        raise LessonError("finetune.error.classes", classes=num_classes)
    name = head_name(model)
    old = model.get_submodule(name)
    _set_module(model, name, new_head(old.in_features, num_classes))
    stages = frozen_stages(model, freeze)
    head_params = {id(p) for p in model.get_submodule(name).parameters()}
    for stage in stages:
        for param in model.get_submodule(stage).parameters():
            if id(param) not in head_params:
                param.requires_grad_(False)
        for module in model.get_submodule(stage).modules():
            if isinstance(module, nn.modules.batchnorm._BatchNorm):
                module.register_forward_pre_hook(_keep_eval)
    return model


def param_groups(model: nn.Module, lr: float, head_lr_mult: float = 10.0) -> list[dict]:
    """Optimizer parameter groups: the trainable body at ``lr``, the head at ``lr × head_lr_mult``.

    Pass the result to any ``torch.optim`` optimizer; frozen parameters are left out, and so is an empty group.
    """
    if not (math.isfinite(lr) and lr > 0) or not (math.isfinite(head_lr_mult) and head_lr_mult > 0):
        raise LessonError("finetune.error.lr", lr=lr, mult=head_lr_mult)
    head = model.get_submodule(head_name(model))
    head_ids = {id(p) for p in head.parameters()}
    body = [p for p in model.parameters() if p.requires_grad and id(p) not in head_ids]
    groups = [
        {"params": body, "lr": lr, "name": "body"},
        {"params": [p for p in head.parameters() if p.requires_grad], "lr": lr * head_lr_mult, "name": "head"},
    ]
    return [group for group in groups if group["params"]]


def trainable_count(model: nn.Module) -> tuple[int, int]:
    """(trainable, total) parameter counts: what freezing saves."""
    params = list(model.parameters())
    return sum(p.numel() for p in params if p.requires_grad), sum(p.numel() for p in params)


def snapshot(model: nn.Module) -> dict[str, torch.Tensor]:
    """A detached CPU copy of every parameter, to measure later how far fine-tuning moved each one."""
    return {name: p.detach().to("cpu", copy=True) for name, p in model.named_parameters()}


def weight_change(before: dict[str, torch.Tensor], model: nn.Module) -> pd.DataFrame:
    """Per layer with a weight: relative change ‖W_after − W_before‖ / ‖W_before‖ (0 for a frozen layer).

    Rows in model order with columns layer, stage, relative_change, frozen. Take ``before`` from the prepared
    model (after :func:`prepare`), so the new head's change is measured from its fresh initialisation.
    """
    rows = []
    for name, param in model.named_parameters():
        if not name.endswith("weight") or name not in before or before[name].shape != param.shape:
            continue
        old = before[name].float()
        diff = torch.linalg.vector_norm(param.detach().cpu().float() - old)
        scale = torch.linalg.vector_norm(old).clamp_min(1e-12)
        layer = name.removesuffix(".weight")
        rows.append(
            {
                "layer": layer,
                "stage": layer.split(".")[0],
                "relative_change": float(diff / scale),
                "frozen": not param.requires_grad,
            }
        )
    return pd.DataFrame(rows, columns=["layer", "stage", "relative_change", "frozen"])
