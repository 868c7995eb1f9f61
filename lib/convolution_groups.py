"""What grouped, depthwise and depthwise-separable convolutions cost, counted by hand.

A Conv2d(C_in, C_out, k, groups=g) splits the channels into g groups: each output channel sees only the
C_in / g input channels of its group, so its kernel is (C_in / g, kH, kW) and the layer has g times fewer
weights and multiply-adds than the standard one (g = 1). Depthwise (g = C_in) gives every input channel its
own kernel; a depthwise-separable block follows it with a 1×1 "pointwise" convolution that mixes the channels
(MobileNet). The counts here are the formulas; the tests check them against real ``nn.Conv2d`` modules.
"""

from __future__ import annotations

from dataclasses import dataclass

CHOICES = ("standard", "grouped", "depthwise", "separable")


@dataclass(frozen=True)
class ConvLayer:
    """One Conv2d's shape: channels, kernel, groups and whether it has a bias."""

    c_in: int
    c_out: int
    kernel_h: int
    kernel_w: int
    groups: int = 1
    bias: bool = True

    @property
    def params(self) -> int:
        """Weights C_out · (C_in / groups) · kH · kW, plus C_out biases."""
        weights = self.c_out * (self.c_in // self.groups) * self.kernel_h * self.kernel_w
        return weights + (self.c_out if self.bias else 0)

    def macs(self, out_h: int, out_w: int) -> int:
        """Multiply-accumulates for one (out_h, out_w) output: each output value needs (C_in / groups) · kH · kW."""
        return self.c_out * out_h * out_w * (self.c_in // self.groups) * self.kernel_h * self.kernel_w

    def code(self) -> str:
        """The layer as PyTorch code, e.g. ``nn.Conv2d(4, 4, kernel_size=(3, 3), groups=2)``."""
        extra = (f", groups={self.groups}" if self.groups != 1 else "") + ("" if self.bias else ", bias=False")
        return f"nn.Conv2d({self.c_in}, {self.c_out}, kernel_size=({self.kernel_h}, {self.kernel_w}){extra})"


@dataclass(frozen=True)
class Choice:
    """One way to build the layer: its name (one of ``CHOICES``), its Conv2d layers and what they cost."""

    name: str
    layers: tuple[ConvLayer, ...]
    params: int
    macs: int


def _choice(name: str, layers: tuple[ConvLayer, ...], out_h: int, out_w: int) -> Choice:
    return Choice(
        name, layers, sum(layer.params for layer in layers), sum(layer.macs(out_h, out_w) for layer in layers)
    )


def choice_of(c_in: int, groups: int) -> str:
    """Which of ``CHOICES`` a Conv2d with ``groups`` is: standard (1), depthwise (C_in) or grouped (between)."""
    if groups == 1:
        return "standard"
    return "depthwise" if groups == c_in else "grouped"


def layer_choices(
    c_in: int, c_out: int, kernel_h: int, kernel_w: int, out_h: int, out_w: int, groups: int, bias: bool = True
) -> list[Choice]:
    """The ways to map C_in to C_out channels with a kH × kW kernel and an (out_h, out_w) output, with their costs.

    Always the standard convolution and the depthwise-separable block (depthwise C_in → C_in, then 1×1 C_in →
    C_out); the grouped one with ``groups`` when it is neither 1 nor C_in; depthwise when C_out is a multiple of
    C_in (each input channel then has C_out / C_in kernels). The stride, padding and dilation only set out_h, out_w.
    """
    rows = [_choice("standard", (ConvLayer(c_in, c_out, kernel_h, kernel_w, 1, bias),), out_h, out_w)]
    if groups not in (1, c_in):
        rows.append(_choice("grouped", (ConvLayer(c_in, c_out, kernel_h, kernel_w, groups, bias),), out_h, out_w))
    if c_in > 1 and c_out % c_in == 0:
        rows.append(_choice("depthwise", (ConvLayer(c_in, c_out, kernel_h, kernel_w, c_in, bias),), out_h, out_w))
    separable = (ConvLayer(c_in, c_in, kernel_h, kernel_w, c_in, bias), ConvLayer(c_in, c_out, 1, 1, 1, bias))
    rows.append(_choice("separable", separable, out_h, out_w))
    return rows
