"""Evaluation helpers against torchmetrics / plain PyTorch."""

import numpy as np
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn
from torchmetrics.functional.classification import multiclass_confusion_matrix

from lib.data.arrays import ImageArrays
from lib.evaluate import (
    confusion_matrix,
    feature_maps,
    filter_images,
    misclassified,
    per_class_accuracy,
    predict,
    top_k,
)
from lib.train import normalize


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 6), st.integers(1, 60), st.integers(0, 1000))
def test_confusion_matrix_matches_torchmetrics(classes: int, n: int, seed: int) -> None:
    gen = torch.Generator().manual_seed(seed)
    labels = torch.randint(0, classes, (n,), generator=gen)
    preds = torch.randint(0, classes, (n,), generator=gen)
    ours = confusion_matrix(labels, preds, classes)
    assert torch.equal(ours, multiclass_confusion_matrix(preds, labels, classes))
    recall = per_class_accuracy(ours)
    for c in range(classes):
        mask = labels == c
        if mask.any():
            assert recall[c].item() == (preds[mask] == c).double().mean().item()
        else:
            assert recall[c].isnan()


def test_misclassified_are_wrong_and_most_confident_first() -> None:
    probabilities = torch.tensor([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.3, 0.7]])
    labels = torch.tensor([0, 0, 1, 1])
    assert misclassified(labels, probabilities).tolist() == [1, 2]
    assert top_k(probabilities[1], ["a", "b"], k=5) == [("b", 0.800000011920929), ("a", 0.20000000298023224)]


def test_predict_filters_and_feature_maps() -> None:
    torch.manual_seed(0)
    model = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(), nn.Flatten(), nn.Linear(4 * 8 * 8, 2)).eval()
    images = torch.randint(0, 256, (5, 3, 8, 8), dtype=torch.uint8)
    data = ImageArrays(images, torch.zeros(5, dtype=torch.long), ("a", "b"))
    mean, std = (0.5, 0.4, 0.3), (0.2, 0.2, 0.2)
    probs = predict(model, data, mean, std, batch=2)
    x = normalize(images, mean, std)
    torch.testing.assert_close(probs, torch.softmax(model(x), dim=1))
    filters = filter_images(model)
    assert filters.shape == (4, 3, 3, 3) and filters.amin() == 0 and filters.amax() == 1
    maps = feature_maps(model, x[0])
    assert [name for name, _ in maps] == ["0", "1"]
    torch.testing.assert_close(maps[1][1], torch.relu(model[0](x[:1]))[0])


def test_the_one_normaliser_equals_torchvision_normalize() -> None:
    from torchvision.transforms import v2

    images = torch.randint(0, 256, (4, 3, 9, 7), dtype=torch.uint8, generator=torch.Generator().manual_seed(1))
    mean, std = (0.485, 0.456, 0.406), (0.229, 0.224, 0.225)
    expected = v2.Normalize(mean, std)(images.float() / 255)
    torch.testing.assert_close(normalize(images, mean, std), expected)
    torch.testing.assert_close(normalize(images, torch.tensor(mean), torch.tensor(std), channels_last=True), expected)


def test_to_model_input_squashes_a_photo_and_normalises_it() -> None:
    from PIL import Image

    from lib.evaluate import to_model_input

    pixels = torch.randint(0, 256, (30, 50, 3), dtype=torch.uint8, generator=torch.Generator().manual_seed(2))
    photo = Image.fromarray(pixels.numpy(), "RGB")
    meta = {"image_size": 16, "in_channels": 3, "mean": [0.5, 0.4, 0.3], "std": [0.2, 0.25, 0.3]}
    x, small = to_model_input(photo, meta)
    resized = torch.from_numpy(np.asarray(photo.resize((16, 16), Image.Resampling.BILINEAR)).copy())
    assert torch.equal(torch.from_numpy(small), resized)
    mean, std = torch.tensor(meta["mean"])[:, None, None], torch.tensor(meta["std"])[:, None, None]
    torch.testing.assert_close(x, (resized.permute(2, 0, 1).float() / 255 - mean) / std)
    grey, _ = to_model_input(photo, meta | {"in_channels": 1, "mean": [0.5], "std": [0.25]})
    assert grey.shape == (1, 16, 16)
