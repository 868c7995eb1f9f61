"""lib/tensors.py against PyTorch: broadcasting and matmul shapes on random inputs, parsing, memory sizes."""

import itertools

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.errors import LessonError
from lib.tensors import (
    MAX_BROADCAST_SHAPES,
    broadcast_source_index,
    broadcast_sources,
    explain_broadcast,
    explain_einsum,
    explain_matmul,
    memory_size,
    parse_shape,
    tensor_name,
    torch_broadcast_error,
    torch_matmul_error,
)
from tests.apptest_helpers import messages, open_page

small_shape = st.lists(st.integers(0, 4), min_size=0, max_size=4).map(tuple)
matmul_shape = st.lists(st.integers(1, 3), min_size=1, max_size=4).map(tuple)


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("(2,1,3)", (2, 1, 3)),
        ("[5, 1, 4, 1]", (5, 1, 4, 1)),
        ("2x3", (2, 3)),
        ("4", (4,)),
        ("()", ()),
        ("torch.Size([2, 0])", (2, 0)),
        ("(3,)", (3,)),
    ],
)
def test_parse_shape_accepts(text: str, shape: tuple[int, ...]) -> None:
    assert parse_shape(text) == shape


@pytest.mark.parametrize(
    "text",
    ["", "(2,-1)", "(2,a)", "(2,3]", "(1,2", "2,3)", "((2,3))", "1.5", "9" * 30, ",".join(["1"] * 11), "x" * 300],
)
def test_parse_shape_rejects(text: str) -> None:
    with pytest.raises(LessonError):
        parse_shape(text)


@pytest.mark.parametrize("text", ["(2,,3)", "2,,3", "(,3)", "[2, ,3]", "(,)", "(2,3,,)"])
def test_parse_shape_refuses_empty_items_like_python(text: str) -> None:
    """Python's own tuple syntax refuses these; a trailing single comma stays fine."""
    with pytest.raises(SyntaxError):
        compile(text, "<shape>", "eval")
    with pytest.raises(LessonError) as caught:
        parse_shape(text)
    assert caught.value.key == "tensors.shape.empty_item"


@settings(max_examples=300, deadline=None)
@given(st.lists(small_shape, min_size=2, max_size=4))
def test_broadcast_matches_torch(shapes: list[tuple[int, ...]]) -> None:
    explanation = explain_broadcast(*shapes)
    try:
        expected = tuple(torch.broadcast_shapes(*shapes))
    except RuntimeError:
        expected = None
    assert explanation.result == expected
    assert (explanation.failing_dim is None) == (expected is not None)
    assert (torch_broadcast_error(*shapes) is None) == (expected is not None)
    if expected is None and len(shapes) == 2:
        assert f"at {explanation.failing_dim}!" in torch_broadcast_error(*shapes)


def test_broadcast_rows_mark_stretched_dims() -> None:
    explanation = explain_broadcast((2, 1, 3), (4, 3))
    assert explanation.result == (2, 4, 3)
    assert [row.stretched for row in explanation.rows] == [(False, True), (True, False), (False, False)]


@settings(max_examples=100, deadline=None)
@given(st.lists(small_shape, min_size=9, max_size=MAX_BROADCAST_SHAPES))
def test_broadcast_of_many_shapes_matches_torch(shapes: list[tuple[int, ...]]) -> None:
    try:
        expected = tuple(torch.broadcast_shapes(*shapes))
    except RuntimeError:
        expected = None
    assert explain_broadcast(*shapes).result == expected


def test_too_many_shapes_are_refused_clearly() -> None:
    with pytest.raises(LessonError, match=str(MAX_BROADCAST_SHAPES)):
        explain_broadcast(*[(1,)] * (MAX_BROADCAST_SHAPES + 1))


def test_tensor_names_never_run_out() -> None:
    names = [tensor_name(i) for i in range(1000)]
    assert names[:3] == ["A", "B", "C"] and names[8] == "I" and names[25:28] == ["Z", "AA", "AB"]
    assert len(set(names)) == 1000


def test_the_broadcast_box_explains_nine_shapes() -> None:
    app = open_page("pages/tensors.py")
    app.text_area(key="tensors.bc.shapes").set_value("\n".join(["(2, 1)"] * 8 + ["(3,)"])).run()
    assert not app.exception and not app.error, messages(app)
    assert any("(2, 3)" in item.value for item in app.success)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(1, 3), max_size=3).map(tuple), st.data())
def test_source_index_matches_expand(result: tuple[int, ...], data: st.DataObject) -> None:
    keep = data.draw(st.integers(0, len(result)))
    shape = tuple(n if data.draw(st.booleans()) else 1 for n in result[len(result) - keep :])
    (sources,) = broadcast_sources((shape,), result)
    flat = torch.arange(torch.Size(shape).numel()).reshape(shape)
    for index in itertools.product(*[range(n) for n in result]):
        assert int(sources[index]) == int(flat[broadcast_source_index(index, shape)])


@settings(max_examples=300, deadline=None)
@given(matmul_shape, matmul_shape)
def test_matmul_matches_torch(a: tuple[int, ...], b: tuple[int, ...]) -> None:
    explanation = explain_matmul(a, b)
    try:
        expected = tuple(torch.matmul(torch.zeros(a), torch.zeros(b)).shape)
    except RuntimeError:
        expected = None
    assert explanation.result == expected
    assert (torch_matmul_error(a, b) is None) == (expected is not None)


@pytest.mark.parametrize("op", ["mm", "mv", "dot", "bmm"])
@settings(max_examples=60, deadline=None)
@given(
    a=st.lists(st.integers(1, 3), min_size=1, max_size=3).map(tuple),
    b=st.lists(st.integers(1, 3), min_size=1, max_size=3).map(tuple),
)
def test_strict_products_match_torch(op: str, a: tuple[int, ...], b: tuple[int, ...]) -> None:
    explanation = explain_matmul(a, b, op)
    try:
        expected = tuple(getattr(torch, op)(torch.zeros(a), torch.zeros(b)).shape)
    except RuntimeError:
        expected = None
    assert explanation.result == expected


@pytest.mark.parametrize(
    ("equation", "a", "b"),
    [
        ("ij,jk->ik", (2, 3), (3, 4)),
        ("bij,bjk->bik", (5, 2, 3), (5, 3, 4)),
        ("i,i->", (3,), (3,)),
        ("ij,j", (2, 3), (3,)),
        ("ij,ij->ij", (2, 3), (1, 3)),
        ("ik,jk", (2, 3), (4, 3)),
    ],
)
def test_einsum_matches_torch(equation: str, a: tuple[int, ...], b: tuple[int, ...]) -> None:
    shape, _ = explain_einsum(equation, a, b)
    assert shape == tuple(torch.einsum(equation, torch.zeros(a), torch.zeros(b)).shape)


@pytest.mark.parametrize("equation", ["ij,jk->ik", "ij;jk", "ii,jk", "ij,jk->iz"])
def test_einsum_rejects(equation: str) -> None:
    with pytest.raises(LessonError):
        explain_einsum(equation, (2, 3), (4, 5))


def test_memory_size_without_allocation() -> None:
    assert memory_size((10**6, 10**6), torch.float32) == 4 * 10**12
    assert memory_size((3, 4), torch.bfloat16) == torch.zeros(3, 4, dtype=torch.bfloat16).nbytes
