"""Rendering a procedural dataset in parallel processes gives exactly the single-process result."""

import pytest
import torch

from lib.data.arrays import concatenate
from lib.data.parallel import render_in_parallel
from lib.data.shapes import make_shapes
from lib.data.shapes_detect import make_shapes_detect


def test_parallel_chunks_equal_one_call() -> None:
    whole = make_shapes_detect(7, seed=3, image_size=64)
    parallel = render_in_parallel(make_shapes_detect, 7, 2, seed=3, image_size=64)
    assert torch.equal(parallel.images, whole.images)
    assert torch.equal(parallel.labels, whole.labels)
    assert parallel.classes == whole.classes


def test_one_worker_runs_in_process() -> None:
    whole = make_shapes_detect(3, seed=1, image_size=64)
    assert torch.equal(render_in_parallel(make_shapes_detect, 3, 1, seed=1, image_size=64).images, whole.images)


def test_concatenate_keeps_order_and_refuses_other_classes() -> None:
    first, second = make_shapes_detect(2, seed=0, image_size=64), make_shapes_detect(2, seed=0, image_size=64, start=2)
    joined = concatenate([first, second])
    assert torch.equal(joined.images, make_shapes_detect(4, seed=0, image_size=64).images)
    with pytest.raises(ValueError):
        concatenate([first, make_shapes(2, seed=0, image_size=64)])
    with pytest.raises(ValueError):
        concatenate([])
