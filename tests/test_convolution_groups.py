"""Grouped and depthwise convolution: the window-by-window version against F.conv2d(groups=...), the groups
PyTorch accepts, and the parameter and multiply-add counts against real nn.Conv2d modules and by hand."""

import pytest
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from lib.convolution import assemble, check_groups, conv2d_steps, group_inputs, valid_groups
from lib.convolution_groups import ConvLayer, choice_of, layer_choices
from lib.convolution_trace import layer_macs
from lib.errors import LessonError


@pytest.mark.parametrize("seed", range(12))
def test_grouped_steps_assemble_to_f_conv2d(seed: int) -> None:
    generator = torch.Generator().manual_seed(seed)

    def draw(low: int, high: int) -> int:
        return int(torch.randint(low, high + 1, (1,), generator=generator))

    c_in, c_out = draw(1, 6), draw(1, 6)
    groups = valid_groups(c_in, c_out)[draw(0, len(valid_groups(c_in, c_out)) - 1)]
    kernel, stride, padding, dilation = (draw(1, 3), draw(1, 3)), draw(1, 2), draw(0, 2), draw(1, 2)
    x = torch.randn(c_in, draw(5, 8), draw(5, 8), generator=generator)
    weight = torch.randn(c_out, c_in // groups, *kernel, generator=generator)
    bias = torch.randn(c_out, generator=generator)
    steps = conv2d_steps(x, weight, bias, stride, padding, dilation, groups)
    expected = F.conv2d(x[None], weight, bias, stride, padding, dilation, groups)[0]
    torch.testing.assert_close(assemble(steps), expected, rtol=1e-5, atol=1e-5)
    for step in steps:
        assert step.in_channels == group_inputs(step.out_channel, c_in, c_out, groups)
        assert step.window.shape[0] == len(step.in_channels) == c_in // groups


def test_depthwise_reads_one_channel_and_grouped_reads_its_half() -> None:
    x = torch.arange(4 * 3 * 3, dtype=torch.float32).reshape(4, 3, 3)
    depthwise = conv2d_steps(x, torch.ones(4, 1, 3, 3), groups=4)
    assert [step.in_channels for step in depthwise] == [(0,), (1,), (2,), (3,)]
    assert [step.total for step in depthwise] == [float(x[c].sum()) for c in range(4)]
    grouped = conv2d_steps(x, torch.ones(4, 2, 3, 3), groups=2)
    assert [step.in_channels for step in grouped] == [(0, 1), (0, 1), (2, 3), (2, 3)]
    assert grouped[3].total == float(x[2:].sum())


def _torch_accepts(c_in: int, c_out: int, groups: int) -> bool:
    try:
        nn.Conv2d(c_in, c_out, 1, groups=groups)
    except ValueError:
        return False
    return True


def test_groups_refused_exactly_where_pytorch_refuses() -> None:
    for c_in in range(1, 7):
        for c_out in range(1, 7):
            assert valid_groups(c_in, c_out) == [g for g in range(1, 7) if _torch_accepts(c_in, c_out, g)]
            for groups in range(0, 8):
                if _torch_accepts(c_in, c_out, groups):
                    check_groups(c_in, c_out, groups)
                else:
                    with pytest.raises(LessonError):
                        check_groups(c_in, c_out, groups)


def test_a_refused_groups_names_the_choices() -> None:
    with pytest.raises(LessonError) as refused:
        conv2d_steps(torch.zeros(4, 3, 3), torch.zeros(6, 1, 1, 1), groups=3)
    assert "groups = 3" in str(refused.value) and "1, 2" in str(refused.value)
    assert "1, 2" in refused.value.localized("zh") and "3 组" in refused.value.localized("zh")


def test_counts_by_hand() -> None:
    """C_in 4 → C_out 8, 3×3 kernel, 5×5 output, groups 2 (each count written out)."""
    rows = {choice.name: choice for choice in layer_choices(4, 8, 3, 3, 5, 5, groups=2)}
    assert list(rows) == ["standard", "grouped", "depthwise", "separable"]
    assert (rows["standard"].params, rows["standard"].macs) == (8 * 4 * 9 + 8, 8 * 25 * 4 * 9)  # 296, 7200
    assert (rows["grouped"].params, rows["grouped"].macs) == (8 * 2 * 9 + 8, 8 * 25 * 2 * 9)  # 152, 3600
    assert (rows["depthwise"].params, rows["depthwise"].macs) == (8 * 1 * 9 + 8, 8 * 25 * 9)  # 80, 1800
    # depthwise 4 → 4 (3×3, one kernel each) then pointwise 1×1 4 → 8
    assert rows["separable"].params == (4 * 9 + 4) + (8 * 4 + 8) == 80
    assert rows["separable"].macs == 4 * 25 * 9 + 8 * 25 * 4 == 1700


@pytest.mark.parametrize(("c_in", "c_out", "groups"), [(1, 3, 1), (3, 3, 3), (4, 8, 2), (6, 6, 3), (8, 16, 4)])
@pytest.mark.parametrize("bias", [True, False])
def test_counts_match_real_modules(c_in: int, c_out: int, groups: int, bias: bool) -> None:
    x = torch.randn(1, c_in, 7, 6)
    for choice in layer_choices(c_in, c_out, 3, 2, 5, 5, groups, bias):
        modules = nn.Sequential(
            *(
                nn.Conv2d(
                    layer.c_in, layer.c_out, (layer.kernel_h, layer.kernel_w), groups=layer.groups, bias=layer.bias
                )
                for layer in choice.layers
            )
        )
        assert choice.params == sum(p.numel() for p in modules.parameters()), choice.name
        assert modules(x).shape == (1, c_out, 5, 5)  # the same output shape for every choice
        macs, y = 0, x
        for module in modules:
            out = module(y)
            macs, y = macs + layer_macs(module, y, out), out
        assert choice.macs == macs, choice.name
        with torch.no_grad(), FlopCounterMode(display=False) as counter:
            modules(x)
        assert counter.get_total_flops() == 2 * choice.macs, choice.name


def test_choice_names_and_code() -> None:
    assert [choice_of(4, g) for g in (1, 2, 4)] == ["standard", "grouped", "depthwise"]
    assert ConvLayer(4, 8, 3, 3, groups=2).code() == "nn.Conv2d(4, 8, kernel_size=(3, 3), groups=2)"
    assert ConvLayer(4, 8, 1, 1, bias=False).code() == "nn.Conv2d(4, 8, kernel_size=(1, 1), bias=False)"
    names = [choice.name for choice in layer_choices(3, 4, 3, 3, 4, 4, groups=1)]
    assert names == ["standard", "separable"]  # 4 output channels are no multiple of 3: no depthwise row
