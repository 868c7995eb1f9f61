"""The lesson's claim, checked for real: on the built-in few-shot task, fine-tuning the shipped backbone beats
training the same network from scratch within the same small, seeded budget."""

from __future__ import annotations

import torch

from lib.data.fewshot import make_fewshot_task, make_fewshot_validation
from lib.finetune_run import Normalisation, RunConfig, compare
from lib.finetune_sources import architecture, load_offline

MARGIN = 0.15  # "clearly higher": at least 15 accuracy points


def test_fine_tuning_beats_scratch_on_the_few_shot_task() -> None:
    torch.manual_seed(0)
    backbone = load_offline()
    train = make_fewshot_task(10, seed=0, image_size=64)
    val = make_fewshot_validation(20, seed=0, image_size=64)
    config = RunConfig(
        epochs=4, lr=1e-3, head_lr_mult=10.0, optimizer="adam", batch_size=20, freeze="body", image_size=64
    )
    norm = Normalisation(backbone.mean, backbone.std)
    torch.manual_seed(0)
    scratch = architecture(backbone.name, len(backbone.classes), 64)
    tuned, fresh = compare(backbone.model, scratch, train, val, config, norm)
    chance = 1 / len(train.classes)
    assert tuned.final_accuracy >= fresh.final_accuracy + MARGIN, (tuned.history, fresh.history)
    assert tuned.best_accuracy > 2 * chance
