"""Section 5: a 1×1 convolution is a fully connected layer applied at every pixel: the same numbers two ways."""

from __future__ import annotations

import streamlit as st
import torch
from torch import nn

from lib.convolution import one_by_one_as_matmul
from ui.common import show_code, t
from ui.convolution.widgets import shown_table

P = "convolution.one"


def _three_digits(matrix: torch.Tensor) -> torch.Tensor:
    """The matrix rounded to three significant digits (for display only)."""
    return torch.tensor([[float(f"{v:.3g}") for v in row] for row in matrix.tolist()])


def _side_by_side(*tables: tuple[str, torch.Tensor, str]) -> None:
    """Captioned tables next to each other, each as wide as its numbers, wrapping on a narrow screen."""
    row = st.container(horizontal=True, gap="large")
    for caption, matrix, key in tables:
        box = row.container(width="content")
        box.caption(caption)
        box.dataframe(shown_table(matrix), key=f"{P}.{key}", width="content")


def render() -> None:
    """Conv2d(c_in, c_out, 1) next to W @ X + b on the same random input and weights."""
    st.write(t("convolution.one.intro"))
    columns = st.columns(5)
    c_in = columns[0].number_input(t("convolution.step.c_in"), 1, 8, 3, key=f"{P}.c_in", persist_state="session")
    c_out = columns[1].number_input(t("convolution.step.c_out"), 1, 8, 2, key=f"{P}.c_out", persist_state="session")
    h = columns[2].number_input(t("convolution.step.h"), 1, 6, 3, key=f"{P}.h", persist_state="session")
    w = columns[3].number_input(t("convolution.step.w"), 1, 6, 3, key=f"{P}.w", persist_state="session")
    seed = columns[4].number_input(t("convolution.one.seed"), 0, 10_000, 0, key=f"{P}.seed", persist_state="session")
    torch.manual_seed(seed)
    conv = nn.Conv2d(c_in, c_out, kernel_size=1)
    x = torch.randn(c_in, h, w)
    with torch.no_grad():
        by_conv = conv(x[None])[0]
        by_matmul = one_by_one_as_matmul(x, conv.weight, conv.bias)
    st.latex(
        rf"\underbrace{{Y}}_{{{c_out}\times {h * w}}} = \underbrace{{W}}_{{{c_out}\times {c_in}}}\,"
        rf"\underbrace{{X}}_{{{c_in}\times {h * w}}} + b"
    )
    _side_by_side(
        (t("convolution.one.weight", c_out=c_out, c_in=c_in), conv.weight.detach().reshape(c_out, c_in), "weight"),
        # X is the widest table: three significant digits keep its columns on a 1024-px screen
        (t("convolution.one.x", c_in=c_in, pixels=h * w), _three_digits(x.reshape(c_in, h * w)), "x"),
    )
    for o in range(c_out):
        _side_by_side(
            (t("convolution.one.by_conv", o=o), by_conv[o], f"conv{o}"),
            (t("convolution.one.by_matmul", o=o), by_matmul[o], f"matmul{o}"),
        )
    diff = float((by_conv - by_matmul).abs().max())
    st.success(t("convolution.one.same", diff=f"{diff:.2g}", params=c_in * c_out + c_out), icon=":material/check:")
    show_code(
        f"""import torch
from torch import nn

torch.manual_seed({seed})
conv = nn.Conv2d({c_in}, {c_out}, kernel_size=1)
x = torch.randn({c_in}, {h}, {w})
y_conv = conv(x[None])[0]
W = conv.weight.reshape({c_out}, {c_in})  # the same numbers as a Linear layer's weight
y_fc = (W @ x.reshape({c_in}, {h * w}) + conv.bias[:, None]).reshape({c_out}, {h}, {w})
print((y_conv - y_fc).abs().max())  # float rounding only"""
    )
