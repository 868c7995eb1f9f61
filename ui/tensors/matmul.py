"""Matmul shapes: @ / matmul / mm / mv / dot / bmm / einsum, the rule, the result, an example with values."""

from __future__ import annotations

import streamlit as st
import torch

from lib.tensors import MATMUL_OPS, explain_einsum, explain_matmul, format_shape, numel, parse_shape, torch_matmul_error
from lib.tensors_ops import tensor_grid
from ui.common import guard, show_code, t
from ui.tensors import matmul_picture

MAX_EXAMPLE_CELLS = 36
EXAMPLES: dict[str, tuple[str, str]] = {
    "@": ("(2, 3)", "(3, 4)"),
    "matmul": ("(5, 2, 3)", "(3,)"),
    "mm": ("(2, 3)", "(3, 2)"),
    "mv": ("(2, 3)", "(3,)"),
    "dot": ("(4,)", "(4,)"),
    "bmm": ("(2, 2, 3)", "(2, 3, 2)"),
    "einsum": ("(2, 3)", "(3, 4)"),
}


def _call(op: str, equation: str) -> str:
    if op == "@":
        return "a @ b"
    if op == "einsum":
        return f"torch.einsum({equation!r}, a, b)"
    return f"torch.{op}(a, b)"


def _example(op: str, equation: str, a_shape: tuple[int, ...], b_shape: tuple[int, ...]) -> None:
    """Real values when small: a and b are aranges, the product is computed by PyTorch."""
    if max(numel(a_shape), numel(b_shape)) > MAX_EXAMPLE_CELLS:
        st.caption(t("tensors.mm.too_big", limit=MAX_EXAMPLE_CELLS))
        return
    a = torch.arange(numel(a_shape), dtype=torch.float32).reshape(a_shape)
    b = torch.arange(numel(b_shape), dtype=torch.float32).reshape(b_shape)
    result = torch.einsum(equation, a, b) if op == "einsum" else (a @ b if op == "@" else getattr(torch, op)(a, b))
    row = st.container(horizontal=True, gap="large")  # side by side, wrapping on a narrow screen
    for name, tensor in zip(("a", "b", t("tensors.mm.result")), (a, b, result), strict=True):
        box = row.container(width="content")
        box.write(f"**{name}** {format_shape(tuple(tensor.shape))}")
        box.dataframe(tensor_grid(tensor), key=f"tensors.mm.grid.{name}", width="content")


def _einsum_product(equation: str, sizes: dict[str, int], result: tuple[int, ...]) -> matmul_picture.Product | None:
    """A matrix-product reading of ``ij,jk->ik``-like equations (one shared letter summed), else None."""
    inputs, arrow, output = equation.replace(" ", "").partition("->")
    left, right = inputs.split(",")
    letters = left + right
    kept = output if arrow else "".join(sorted(c for c in set(letters) if letters.count(c) == 1))
    if len(left) != 2 or len(right) != 2 or left[1] != right[0] or kept != left[0] + right[1]:
        return None
    return matmul_picture.Product(sizes[left[0]], sizes[left[1]], sizes[right[0]], sizes[right[1]], (), result)


def _picture(product: matmul_picture.Product | None) -> None:
    if product is None:
        st.caption(t("tensors.mm.picture.none"))
        return
    names = ("a", "b", t("tensors.mm.result"))
    st.plotly_chart(
        matmul_picture.figure(product, names),
        key="tensors.mm.picture",
        width="stretch",
        config={"displayModeBar": False},
    )
    st.caption(t("tensors.mm.picture.caption"))


def render() -> None:
    """The section: pick an op and two shapes; our rule, PyTorch's verdict, and the example."""
    st.write(t("tensors.mm.intro"))
    pick, left, right, third = st.columns(4)  # one row of inputs, so the picture is on the first screen
    op = pick.selectbox(t("tensors.mm.op"), [*MATMUL_OPS, "einsum"], key="tensors.mm.op")
    default_a, default_b = EXAMPLES[op]
    a_text = left.text_input(t("tensors.mm.shape_a"), default_a, key=f"tensors.mm.a.{op}")
    b_text = right.text_input(t("tensors.mm.shape_b"), default_b, key=f"tensors.mm.b.{op}")
    equation = "ij,jk->ik"
    if op == "einsum":
        equation = third.text_input(t("tensors.mm.equation"), equation, key="tensors.mm.equation")
    with guard():
        a_shape, b_shape = parse_shape(a_text), parse_shape(b_text)
        if op == "einsum":
            result, sizes = explain_einsum(equation, a_shape, b_shape)
            summed = sorted(set(sizes) - set(equation.replace(" ", "").partition("->")[2]))
            _picture(_einsum_product(equation, sizes, result))
            st.success(
                t(
                    "tensors.mm.einsum_ok",
                    result=format_shape(result),
                    letters=", ".join(f"{k}={v}" for k, v in sizes.items()),
                )
            )
            if "->" in equation:
                st.write(t("tensors.mm.summed", letters=", ".join(summed) or "—"))
        else:
            explanation = explain_matmul(a_shape, b_shape, op)
            if a_shape and b_shape:
                _picture(matmul_picture.product(a_shape, b_shape, explanation.batch, explanation.result))
            message = t(explanation.message_key, **explanation.message_params)
            ours, theirs = st.columns(2)
            (ours.success if explanation.result is not None else ours.warning)(f"**{t('tensors.bc.ours')}** {message}")
            torch_error = torch_matmul_error(a_shape, b_shape, op)
            theirs.info(f"**{t('tensors.bc.torch')}** " + (torch_error or t("tensors.mm.torch_ok")))
            for note in explanation.notes:
                st.caption(t(note))
            if explanation.result is None:
                return
        show_code(
            f"import torch\n\na = torch.arange({numel(a_shape)}.).reshape({format_shape(a_shape)})\n"
            f"b = torch.arange({numel(b_shape)}.).reshape({format_shape(b_shape)})\n"
            f"c = {_call(op, equation)}\nprint(c.shape)\nprint(c)"
        )
        _example(op, equation, a_shape, b_shape)
