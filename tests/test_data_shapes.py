"""Shapes: deterministic from (seed, index), balanced, batched like one by one, and its distance functions are right."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from lib.data import shapes
from lib.data.shapes import CLASSES, make_shapes, polygon_sdf, preview_grid, render
from lib.errors import LessonError


def test_make_shapes_is_balanced_uint8_nchw() -> None:
    data = make_shapes(53, seed=1, image_size=24)
    assert data.images.shape == (53, 3, 24, 24) and data.images.dtype == torch.uint8
    assert data.classes == CLASSES
    counts = torch.bincount(data.labels, minlength=len(CLASSES))
    assert counts.max() - counts.min() <= 1


def test_image_depends_only_on_seed_and_index() -> None:
    data = make_shapes(30, seed=7)
    for index in (0, 13, 29):
        image, label = render(7, index)
        assert torch.equal(image, data.images[index]) and label == data.labels[index]
    assert torch.equal(make_shapes(30, seed=7).images, data.images)
    assert not torch.equal(make_shapes(30, seed=8).images, data.images)


def test_batches_do_not_change_images(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = make_shapes(25, seed=3)
    monkeypatch.setattr(shapes, "BATCH", 4)
    assert torch.equal(make_shapes(25, seed=3).images, whole.images)


def test_class_subset_relabels_in_given_order() -> None:
    data = make_shapes(6, classes=["ring", "circle"])
    assert data.classes == ("ring", "circle")
    assert data.labels.tolist() == [0, 1, 0, 1, 0, 1]


def test_images_vary_and_shapes_are_visible() -> None:
    data = make_shapes(40, seed=0).images.float()
    assert data.std(dim=(1, 2, 3)).min() > 5  # never a flat picture
    assert (data[:20] - data[20:]).abs().mean() > 20  # different images per index


@pytest.mark.parametrize(
    ("classes", "size", "n"),
    [(["circle", "blob"], 32, 10), (["circle"], 32, 10), (["circle", "circle"], 32, 10), (None, 4, 10), (None, 32, 0)],
)
def test_bad_requests_raise_lesson_errors(classes: list[str] | None, size: int, n: int) -> None:
    with pytest.raises(LessonError):
        make_shapes(n, image_size=size, classes=classes)


def test_two_thousand_images_equal_their_one_by_one_renders() -> None:
    """The batched renderer (timed in bench/data_shapes.py) draws exactly what ``render`` draws image by image,
    across batch boundaries."""
    data = make_shapes(2000, seed=0)
    assert data.images.shape == (2000, 3, 32, 32)
    for index in (0, shapes.BATCH - 1, shapes.BATCH, 1999):
        image, label = render(0, index)
        assert torch.equal(image, data.images[index]) and label == data.labels[index]
    assert data.labels.tolist() == [i % len(CLASSES) for i in range(2000)]


@settings(max_examples=30, deadline=None)
@given(
    st.floats(0.1, 2.0),
    st.floats(0.1, 2.0),
    st.lists(st.tuples(st.floats(-3, 3), st.floats(-3, 3)), min_size=1, max_size=20),
)
def test_polygon_sdf_of_a_rectangle_equals_box_sdf(half_w: float, half_h: float, points: list) -> None:
    u, v = (np.array(c, dtype=np.float32) for c in zip(*points, strict=True))
    rectangle = np.array([[-half_w, -half_h], [half_w, -half_h], [half_w, half_h], [-half_w, half_h]])
    np.testing.assert_allclose(polygon_sdf(u, v, rectangle), shapes.box_sdf(u, v, half_w, half_h), atol=1e-5)


@pytest.mark.parametrize("vertices", [shapes.STAR, shapes.ARROW, shapes.TRIANGLE, shapes.DIAMOND])
def test_polygon_inside_matches_pil_fill(vertices: np.ndarray) -> None:
    size = 200
    grid = (np.arange(size) + 0.5) / size * 2.4 - 1.2
    u, v = np.meshgrid(grid, grid)
    distance = polygon_sdf(u.astype(np.float32), v.astype(np.float32), vertices)
    mask = Image.new("L", (size, size))
    pixels = [((x + 1.2) / 2.4 * size, (y + 1.2) / 2.4 * size) for x, y in vertices]
    ImageDraw.Draw(mask).polygon(pixels, fill=255)
    filled = np.asarray(mask) > 0
    clear = np.abs(distance) > 2 * 2.4 / size  # ignore pixels on the edge, where rasterisers differ
    assert np.array_equal(filled[clear], distance[clear] < 0)


def test_preview_grid_tiles_images() -> None:
    data = make_shapes(12, image_size=16)
    grid = preview_grid(data, n=12, columns=5, upscale=2, gap=1)
    assert grid.shape == (3 * 33 - 1, 5 * 33 - 1, 3) and grid.dtype == np.uint8
    np.testing.assert_array_equal(
        grid[33:65, 33:65], data.images[6].repeat_interleave(2, 1).repeat_interleave(2, 2).permute(1, 2, 0).numpy()
    )


def test_reach_only_skips_pixels_no_shape_covers(monkeypatch: pytest.MonkeyPatch) -> None:
    all_shapes = [*shapes.SHAPES.values()]
    place = shapes.Placement(
        cx=np.full(len(all_shapes), 12.0),
        cy=np.full(len(all_shapes), 11.0),
        radius=np.full(len(all_shapes), 3.0),
        angle=np.linspace(0, 6, len(all_shapes)),
    )
    near = shapes.coverage(all_shapes, place, 24)
    monkeypatch.setattr(shapes, "REACH", 100.0)
    np.testing.assert_array_equal(near, shapes.coverage(all_shapes, place, 24))
    for vertices in (shapes.STAR, shapes.ARROW, shapes.TRIANGLE, shapes.DIAMOND, shapes.HEXAGON):
        assert np.hypot(*vertices.T).max() <= 1.2


def test_first_per_class_orders_rows_by_class() -> None:
    picked = shapes.first_per_class(make_shapes(40, classes=["star", "ring", "arrow"]), 2)
    assert picked.labels.tolist() == [0, 0, 1, 1, 2, 2]
