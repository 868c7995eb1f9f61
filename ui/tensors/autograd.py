"""Autograd: the notes' y = 2·xᵀx, accumulation until zero_(), detach, and the graph of a typed expression."""

from __future__ import annotations

import pandas as pd
import streamlit as st
import torch

from lib.tensors_autograd import evaluate_with_grad, parse_values
from lib.tensors_ops import tensor_grid
from ui.common import guard, show_code, t


def _d2l_example() -> None:
    passes = int(st.number_input(t("tensors.ag.passes"), 1, 10, 1, key="tensors.ag.passes"))
    zero = st.checkbox(t("tensors.ag.zero"), False, key="tensors.ag.zero")
    x = torch.arange(4.0, requires_grad=True)
    for _ in range(passes):
        if zero and x.grad is not None:
            x.grad.zero_()
        y = 2 * torch.dot(x, x)
        y.backward()
    table = pd.DataFrame({"x": x.detach().tolist(), "x.grad": x.grad.tolist(), "4x": (4 * x.detach()).tolist()})
    st.dataframe(table, key="tensors.ag.d2l")
    st.write(t("tensors.ag.check", equal=torch.equal(x.grad, 4 * x.detach()), y=y.item()))
    zero_line = "    if x.grad is not None:\n        x.grad.zero_()\n" if zero else ""
    show_code(
        f"import torch\n\nx = torch.arange(4.0, requires_grad=True)\nfor _ in range({passes}):\n{zero_line}"
        "    y = 2 * torch.dot(x, x)\n    y.backward()\nprint(x.grad, x.grad == 4 * x)"
    )


def _detach() -> None:
    x = torch.arange(4.0, requires_grad=True)
    y = x * x
    u = y.detach()
    z = u * x
    z.sum().backward()
    st.dataframe(pd.DataFrame({"u = (x*x).detach()": u.tolist(), "x.grad": x.grad.tolist()}), key="tensors.ag.detach")
    st.write(t("tensors.ag.detach_check", equal=torch.equal(x.grad, u)))
    show_code(
        "import torch\n\nx = torch.arange(4.0, requires_grad=True)\ny = x * x\nu = y.detach()\nz = u * x\n"
        "z.sum().backward()\nprint(x.grad == u)"
    )


def _expression() -> None:
    st.write(t("tensors.ag.expr_intro"))
    text = st.text_input(t("tensors.ag.expr"), "sum(relu(w * x + b) ** 2)", key="tensors.ag.expr")
    columns = st.columns(3)
    defaults = {"x": "0, 1, 2, 3", "w": "2", "b": "-1"}
    raw = {
        name: column.text_input(name, defaults[name], key=f"tensors.ag.val.{name}")
        for name, column in zip(defaults, columns, strict=True)
    }
    with guard():
        values = {name: parse_values(value, name) for name, value in raw.items()}
        result = evaluate_with_grad(text, values, output_label=t("tensors.ag.output"))
        st.write(f"**{t('tensors.ag.value')}**")
        st.dataframe(tensor_grid(result.value), key="tensors.ag.value")
        if result.summed:
            st.caption(t("tensors.ag.summed"))
        for name, grad in result.grads.items():
            st.write(f"**{name}.grad**")
            st.dataframe(tensor_grid(grad), key=f"tensors.ag.grad.{name}")
        st.graphviz_chart(result.dot)
        leaves = "\n".join(
            f"{name} = torch.tensor({values[name].tolist()}, requires_grad=True)" for name in result.grads
        )
        backward = f"({result.code}).sum()" if result.summed else result.code
        grads = ", ".join(f"{name}.grad" for name in result.grads)
        show_code(
            f"import torch\n\n{leaves}\nout = {backward}\nout.backward()\nprint({grads or 'out'})\nprint(out.grad_fn, out.grad_fn.next_functions)"
        )


def render() -> None:
    """The section: three small experiments, every number from a real backward pass."""
    st.subheader(t("tensors.ag.d2l_title"))
    _d2l_example()
    st.subheader(t("tensors.ag.detach_title"))
    _detach()
    st.subheader(t("tensors.ag.graph_title"))
    _expression()
