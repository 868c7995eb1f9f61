"""The lesson's claim, checked for real: on the built-in few-shot task, fine-tuning the shipped backbone beats
training the same network from scratch within the same small, seeded budget — with a scratch run whose learning
rate comes from the range test, so the race is fair."""

from __future__ import annotations

import torch

from lib.data.fewshot import make_fewshot_task, make_fewshot_validation
from lib.finetune_run import Plan, compare, val_accuracy
from lib.finetune_sources import architecture, load_offline
from lib.train import TrainConfig

MARGIN = 0.15  # "clearly higher": at least 15 accuracy points


def test_fine_tuning_beats_a_fairly_tuned_scratch_run_on_the_few_shot_task() -> None:
    torch.manual_seed(0)
    backbone = load_offline()
    train = make_fewshot_task(10, seed=0, image_size=64)
    val = make_fewshot_validation(20, seed=0, image_size=64)
    config = TrainConfig(optimizer="adam", lr=1e-3, batch_size=20, epochs=4, mean=backbone.mean, std=backbone.std)
    torch.manual_seed(0)
    scratch = architecture(backbone.name, len(backbone.classes), 64)
    results = compare(backbone.model, scratch, train, val, config, Plan(freeze="body", image_size=64))
    tuned, fresh = results["finetune"][1], results["scratch"][1]
    assert fresh.status == "done" and all(torch.isfinite(torch.tensor(e.val["loss"])) for e in fresh.epochs)
    assert val_accuracy(tuned) >= val_accuracy(fresh) + MARGIN, (tuned.epochs, fresh.epochs)
    assert max(e.val["accuracy"] for e in tuned.epochs) > 2 / len(train.classes)
