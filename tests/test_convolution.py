"""lib/convolution.py against PyTorch: output sizes (and refusals) match, step-by-step results assemble to F.conv2d / pooling."""

import pandas as pd
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.convolution import (
    KERNELS,
    assemble,
    ceil_mode_drops_last,
    conv2d_steps,
    conv_examples,
    kernel_tensor,
    matrix_from_table,
    one_by_one_as_matmul,
    output_size,
    pool2d_steps,
    pool_examples,
    pool_gradient,
    size_formula_latex,
    solve_padding,
    torch_output_shape,
)
from lib.errors import LessonError

small = st.integers(min_value=1, max_value=12)
maybe_bad = st.integers(min_value=-1, max_value=6)


def _torch_size(n: int, op: str, **kwargs: object) -> int | None:
    """PyTorch's output height for an n×3 input, or None when PyTorch raises."""
    try:
        return torch_output_shape(n, 3, **kwargs, op=op)[0]
    except RuntimeError:
        return None


def _ours(n: int, **kwargs: object) -> int | None:
    try:
        return output_size(n, **kwargs)
    except LessonError:
        return None


@settings(max_examples=300, deadline=None)
@given(n=small, kernel=st.integers(1, 8), stride=maybe_bad, padding=maybe_bad, dilation=maybe_bad)
def test_conv_output_size_matches_pytorch(n: int, kernel: int, stride: int, padding: int, dilation: int) -> None:
    theirs = _torch_size(n, "conv", kernel=(kernel, 1), stride=stride, padding=padding, dilation=dilation)
    assert _ours(n, kernel=kernel, stride=stride, padding=padding, dilation=dilation) == theirs


@settings(max_examples=300, deadline=None)
@given(n=small, kernel=st.integers(1, 6), stride=maybe_bad, padding=maybe_bad, dilation=maybe_bad, extra=maybe_bad)
def test_transposed_output_size_matches_pytorch(
    n: int, kernel: int, stride: int, padding: int, dilation: int, extra: int
) -> None:
    theirs = _torch_size(
        n,
        "conv_transpose",
        kernel=(kernel, 1),
        stride=(stride, 1),
        padding=(padding, 0),
        dilation=(dilation, 1),
        output_padding=(extra, 0),
    )
    ours = _ours(
        n, kernel=kernel, stride=stride, padding=padding, dilation=dilation, transposed=True, output_padding=extra
    )
    assert ours == theirs


@settings(max_examples=400, deadline=None)
@given(
    n=small,
    kernel=st.integers(1, 7),
    stride=maybe_bad,
    padding=maybe_bad,
    dilation=maybe_bad,
    ceil_mode=st.booleans(),
    mode=st.sampled_from(["max_pool", "avg_pool"]),
)
def test_pool_output_size_matches_pytorch(
    n: int, kernel: int, stride: int, padding: int, dilation: int, ceil_mode: bool, mode: str
) -> None:
    if mode == "avg_pool":
        dilation = 1  # AvgPool2d has no dilation
    theirs = _torch_size(
        n, mode, kernel=(kernel, 1), stride=(stride, 1), padding=(padding, 0), dilation=dilation, ceil_mode=ceil_mode
    )
    ours = _ours(n, kernel=kernel, stride=stride, padding=padding, dilation=dilation, ceil_mode=ceil_mode, pool=True)
    assert ours == theirs


def test_learner_sentences() -> None:
    with pytest.raises(
        LessonError, match="7-wide kernel with dilation 2 spans 13 pixels, but the padded input is only 9"
    ):
        output_size(9, 7, dilation=2)
    with pytest.raises(LessonError, match="stride must be at least 1"):
        output_size(9, 3, stride=0)
    with pytest.raises(LessonError, match="cannot be negative"):
        output_size(9, 3, padding=-1)
    with pytest.raises(LessonError, match="at most half the kernel"):
        output_size(9, 3, padding=2, pool=True)
    with pytest.raises(LessonError, match="smaller than the stride"):
        output_size(4, 3, stride=2, output_padding=2, transposed=True)


def test_ceil_mode_is_a_pooling_question() -> None:
    """5 wide, kernel 2, stride 2: the conv answer is 2, the ceil-mode pooling answer 3; never mix them up."""
    assert output_size(5, 2, 2) == 2
    assert (
        output_size(5, 2, 2, ceil_mode=True, pool=True)
        == 3
        == F.max_pool2d(torch.zeros(1, 5, 5), 2, ceil_mode=True).shape[-1]
    )
    for transposed in (False, True):
        with pytest.raises(ValueError, match="pooling only"):
            output_size(5, 2, 2, ceil_mode=True, transposed=transposed)


def test_notes_examples() -> None:
    assert output_size(32, 5, padding=2) == 32  # CIFAR10-quick keeps 32×32
    assert output_size(32, 2, 2, pool=True) == 16  # stride-2 pooling halves it
    assert solve_padding(32, 32, 5) == 2
    assert solve_padding(32, 32, 3) == 1
    assert solve_padding(32, 32, 4) is None  # an even kernel cannot keep the size with symmetric padding
    assert solve_padding(32, 16, 3, stride=2) == 1
    assert ceil_mode_drops_last(5, 2, 4, 1)
    assert output_size(10**6, 3, padding=1) == 10**6  # calculation only, no tensor


@settings(max_examples=200, deadline=None)
@given(n_in=st.integers(1, 40), n_out=st.integers(1, 40), kernel=st.integers(1, 7), stride=st.integers(1, 3))
def test_solve_padding_is_smallest_that_works(n_in: int, n_out: int, kernel: int, stride: int) -> None:
    padding = solve_padding(n_in, n_out, kernel, stride)
    fits = [p for p in range(0, 60) if _ours(n_in, kernel=kernel, stride=stride, padding=p) == n_out]
    assert padding == (fits[0] if fits else None)


def test_torch_output_shape_uses_meta_for_huge_inputs() -> None:
    assert torch_output_shape(10**6, 10**6, 3, padding=1) == (10**6, 10**6)


@pytest.mark.parametrize("seed", range(12))
def test_conv2d_steps_assemble_to_f_conv2d(seed: int) -> None:
    generator = torch.Generator().manual_seed(seed)

    def draw(low: int, high: int) -> int:
        return int(torch.randint(low, high + 1, (1,), generator=generator))

    c_in, c_out, kernel = draw(1, 3), draw(1, 3), (draw(1, 3), draw(1, 3))
    stride, padding, dilation = (draw(1, 3), draw(1, 2)), (draw(0, 2), draw(0, 2)), (draw(1, 2), draw(1, 2))
    x = torch.randn(c_in, draw(5, 9), draw(5, 9), generator=generator)
    weight = torch.randn(c_out, c_in, *kernel, generator=generator)
    bias = torch.randn(c_out, generator=generator) if seed % 2 else None
    steps = conv2d_steps(x, weight, bias, stride, padding, dilation)
    expected = F.conv2d(x[None], weight, bias, stride, padding, dilation)[0]
    torch.testing.assert_close(assemble(steps), expected, rtol=1e-5, atol=1e-5)
    first = steps[0]
    torch.testing.assert_close(first.partial_sums.sum() + first.bias, torch.tensor(first.total), rtol=1e-6, atol=1e-6)


def test_notes_vertical_edge_example() -> None:
    x = torch.tensor(
        [[1, 2, 3, 0, 1], [4, 5, 6, 1, 0], [7, 8, 9, 2, 1], [0, 1, 2, 3, 4], [3, 2, 1, 0, 5]], dtype=torch.float32
    )
    kernel = torch.tensor([[1, 0, -1]] * 3, dtype=torch.float32)
    steps = conv2d_steps(x[None], kernel[None, None])
    assert steps[0].total == -6
    assert steps[0].rows == (0, 1, 2) and steps[1].cols == (1, 2, 3)
    torch.testing.assert_close(assemble(steps), F.conv2d(x[None, None], kernel[None, None])[0])


@pytest.mark.parametrize("mode", ["max", "avg"])
@pytest.mark.parametrize("seed", range(12))
def test_pool2d_steps_match_pytorch(mode: str, seed: int) -> None:
    generator = torch.Generator().manual_seed(seed)

    def draw(low: int, high: int) -> int:
        return int(torch.randint(low, high + 1, (1,), generator=generator))

    kernel = (draw(1, 4), draw(1, 4))
    stride = (draw(1, 3), draw(1, 3)) if seed % 3 else None
    padding = (draw(0, kernel[0] // 2), draw(0, kernel[1] // 2))
    ceil_mode = bool(seed % 2)
    x = torch.randn(draw(1, 2), draw(4, 9), draw(4, 9), generator=generator)
    steps = pool2d_steps(x, kernel, stride, padding, mode, ceil_mode=ceil_mode)
    pool = F.max_pool2d if mode == "max" else F.avg_pool2d
    expected = pool(x[None], kernel, stride, padding, ceil_mode=ceil_mode)[0]
    torch.testing.assert_close(assemble(steps), expected, rtol=1e-5, atol=1e-6)


def test_max_pool_marks_argmax_and_d2l_example() -> None:
    x = torch.arange(16, dtype=torch.float32).reshape(1, 4, 4)
    steps = pool2d_steps(x, (2, 3), (2, 3), (0, 1))
    torch.testing.assert_close(assemble(steps), F.max_pool2d(x[None], (2, 3), (2, 3), (0, 1))[0])
    for step in steps:
        row, col = step.argmax
        assert step.window[row, col] == step.value == step.window.max()


def test_matrix_from_table_refuses_bad_cells() -> None:
    good = pd.DataFrame([[1, 2.5], ["3", 4]])
    torch.testing.assert_close(matrix_from_table(good, "input"), torch.tensor([[1, 2.5], [3, 4]]))
    for bad in (None, float("nan"), "abc", float("inf")):
        table = pd.DataFrame([[1.0, 2.0], [3.0, bad]], dtype=object)
        with pytest.raises(LessonError, match="row 1, column 1"):
            matrix_from_table(table, "input")


def test_examples_match_pytorch_and_d2l() -> None:
    examples = conv_examples()
    for example in examples.values():
        steps = conv2d_steps(
            example.x, example.weight, example.bias, example.stride, example.padding, example.dilation, example.groups
        )
        expected = F.conv2d(
            example.x[None],
            example.weight,
            example.bias,
            example.stride,
            example.padding,
            example.dilation,
            example.groups,
        )
        torch.testing.assert_close(assemble(steps), expected[0])
    # d2l prints these for corr2d_multi_in and corr2d_multi_in_out
    multi = examples["d2l_multi_in_out"]
    out = assemble(conv2d_steps(multi.x, multi.weight, multi.bias))
    torch.testing.assert_close(out[0], torch.tensor([[56.0, 72.0], [104.0, 120.0]]))
    torch.testing.assert_close(out[2], torch.tensor([[96.0, 128.0], [192.0, 224.0]]))
    for example in pool_examples().values():
        steps = pool2d_steps(example.x, example.kernel, example.stride, example.padding)
        expected = F.max_pool2d(example.x[None], example.kernel, example.stride, example.padding)[0]
        torch.testing.assert_close(assemble(steps), expected)


@pytest.mark.parametrize("mode", ["max", "avg"])
def test_pool_gradient(mode: str) -> None:
    x = torch.tensor([[1.0, 5.0, 2.0, 0.0], [3.0, 4.0, 8.0, 1.0]])
    grad = pool_gradient(x, 2, 2, 0, mode)
    if mode == "max":
        assert grad.tolist() == [[0, 1, 0, 0], [0, 0, 1, 0]]
    else:
        assert torch.all(grad == 0.25)


def test_one_by_one_is_a_matmul() -> None:
    generator = torch.Generator().manual_seed(0)
    x, weight, bias = (
        torch.randn(3, 4, 5, generator=generator),
        torch.randn(2, 3, 1, 1, generator=generator),
        torch.randn(2),
    )
    torch.testing.assert_close(one_by_one_as_matmul(x, weight, bias), F.conv2d(x[None], weight, bias)[0])


def test_kernels_are_3x3() -> None:
    assert all(torch.tensor(kernel).shape == (3, 3) for kernel in KERNELS.values())


def test_filter_image_is_per_channel_conv2d() -> None:
    from lib.convolution import feature_to_image, filter_image, image_to_tensor
    from lib.sample_images import SAMPLES, sample_image

    image = image_to_tensor(sample_image("shapes", 32), grayscale=False)
    kernel = kernel_tensor("sobel_x")
    out = filter_image(image, kernel, padding=1)
    for c in range(3):
        torch.testing.assert_close(out[c], F.conv2d(image[c][None, None], kernel[None, None], padding=1)[0, 0])
    assert feature_to_image(out, "rescale").shape == (32, 32, 3)
    gray = image_to_tensor(sample_image("rings", 16), grayscale=True)
    assert feature_to_image(filter_image(gray, kernel), "absolute").shape == (14, 14)
    assert all(sample_image(name, 24).size == (24, 24) for name in SAMPLES)


def test_size_formula_latex_substitutes_the_numbers() -> None:
    _, numbers = size_formula_latex(32, 5, 1, 2)
    assert "32 + 2\\cdot 2 - 1\\cdot(5-1) - 1" in numbers and "lfloor" in numbers
    _, numbers = size_formula_latex(5, 2, 4, 1, ceil_mode=True, pool=True)
    assert "lceil" in numbers and numbers.endswith(" - 1")
    _, numbers = size_formula_latex(9, 3, 0, -1)
    assert "(-1)" in numbers
    _, numbers = size_formula_latex(4, 3, 2, 1, transposed=True, output_padding=1)
    assert numbers == r"(4-1)\cdot 2 - 2\cdot 1 + 1\cdot(3-1) + 1 + 1"
