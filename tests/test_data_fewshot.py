"""Fine-tuning data: rich pretraining scenes and the few-shot target task."""

import numpy as np
import pytest
import torch

from lib.data import fewshot
from lib.data.fewshot import (
    TARGET_CLASSES,
    TEXTURES,
    make_fewshot_task,
    make_fewshot_validation,
    make_pretraining,
    texture,
)
from lib.data.shapes import CLASSES
from lib.errors import LessonError


def test_pretraining_scenes_are_balanced_and_deterministic() -> None:
    data = make_pretraining(23, seed=2, image_size=48)
    assert data.images.shape == (23, 3, 48, 48) and data.images.dtype == torch.uint8
    assert data.classes == CLASSES
    assert torch.bincount(data.labels).tolist() == [3, 3, 3, 2, 2, 2, 2, 2, 2, 2]
    assert torch.equal(make_pretraining(23, seed=2, image_size=48).images, data.images)
    assert torch.equal(make_pretraining(5, seed=2, image_size=48).images, data.images[:5])


def test_fewshot_task_has_new_classes_and_n_per_class() -> None:
    task = make_fewshot_task(3, seed=0, image_size=32)
    assert task.classes == TARGET_CLASSES and not set(TARGET_CLASSES) & set(CLASSES)
    assert torch.bincount(task.labels).tolist() == [3] * len(TARGET_CLASSES)
    assert task.images.shape == (18, 3, 32, 32)


def test_validation_never_repeats_training_images() -> None:
    train = make_fewshot_task(4, seed=0, image_size=32).images.float()
    val = make_fewshot_validation(4, seed=0, image_size=32).images.float()
    distance = (train[:, None] - val[None]).abs().mean(dim=(2, 3, 4))
    assert distance.min() > 10
    assert not torch.equal(make_fewshot_task(4, seed=1, image_size=32).images, train.to(torch.uint8))


def test_batches_do_not_change_images(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = make_fewshot_task(2, seed=5, image_size=32)
    monkeypatch.setattr(fewshot, "_batch_size", lambda size: 5)
    assert torch.equal(make_fewshot_task(2, seed=5, image_size=32).images, whole.images)


def test_textures_stay_in_unit_range_and_differ() -> None:
    params = np.random.default_rng(0).random((len(TEXTURES), 3))
    patterns = texture(np.arange(len(TEXTURES)), params, 24)
    assert patterns.shape == (len(TEXTURES), 24, 24) and patterns.min() >= 0 and patterns.max() <= 1
    assert np.all(patterns[0] == 0) and all(patterns[i].std() > 0.1 for i in range(1, len(TEXTURES)))


@pytest.mark.parametrize("n", [0, 10_000])
def test_bad_counts_raise_lesson_errors(n: int) -> None:
    with pytest.raises(LessonError):
        make_fewshot_task(n)
    with pytest.raises(LessonError):
        make_pretraining(min(n, 0))


def test_target_shapes_fit_the_renderers_reach() -> None:
    for vertices in (fewshot.HEART, fewshot.PENTAGON, fewshot.L_SHAPE, fewshot.TRAPEZOID):
        assert np.hypot(*vertices.T).max() <= 1.2
