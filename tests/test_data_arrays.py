"""lib/data/arrays.py: the train/validation split never leaves validation empty (small own-data zips)."""

import pytest
import torch

from lib.data.arrays import ImageArrays
from lib.data.imagefolder_zip import load_imagefolder_zip
from lib.evaluate import confusion_matrix
from scripts import make_hostile_corpus as corpus


def _arrays(n: int) -> ImageArrays:
    return ImageArrays(torch.zeros(n, 3, 4, 4, dtype=torch.uint8), torch.arange(n) % 2, ("a", "b"))


@pytest.mark.parametrize("n", range(2, 30))
@pytest.mark.parametrize("share", [0.05, 0.1, 0.2, 0.5, 0.95])
def test_split_keeps_at_least_one_image_on_each_side(n: int, share: float) -> None:
    train, val = _arrays(n).split(share, seed=0)
    assert 1 <= len(val) <= n - 1 and len(train) + len(val) == n
    if 1 <= round(n * share) <= n - 1:
        assert len(val) == round(n * share)  # the requested share wherever it is possible


def test_two_images_per_class_give_a_validation_set_to_score() -> None:
    data, _ = load_imagefolder_zip(corpus.zip_two_per_class(), image_size=16)
    train, val = data.split(0.1, seed=0)
    assert len(val) == 1 and len(train) == 3
    confusion = confusion_matrix(val.labels, val.labels, len(val.classes))
    assert int(confusion.diagonal().sum()) / len(val) == 1.0  # the accuracy the Train results show
