"""Operations gallery: small editable inputs, the result PyTorch computes, and the code that reproduces it."""

from __future__ import annotations

import pandas as pd
import streamlit as st
import torch

from lib.tensors import DTYPES, format_bytes, format_shape, memory_size, numel, parse_shape
from lib.tensors_ops import in_place_report, shares_memory, table_to_tensor, tensor_grid
from ui.common import guard, show_code, t

OPS = ("cat", "sum", "view", "permute", "squeeze", "index", "inplace", "clone", "norm", "dtype")
MAX_VIEW_CELLS = 64


def _editor(name: str, default: torch.Tensor, key: str) -> torch.Tensor:
    """An editable grid seeded with ``default``; returns the learner's values as a float32 tensor."""
    table = pd.DataFrame(default.tolist(), columns=[str(i) for i in range(default.shape[1])])
    st.write(f"**{name}**")
    edited = st.data_editor(table, key=key, num_rows="fixed")
    return table_to_tensor(edited, name)


def _literal(tensor: torch.Tensor) -> str:
    return f"torch.tensor({tensor.tolist()})"


def _show(label: str, tensor: torch.Tensor, key: str) -> None:
    st.write(f"**{label}** → {format_shape(tuple(tensor.shape))}")
    st.dataframe(tensor_grid(tensor), key=key)


def _torch_error(label: str, error: Exception) -> None:
    st.warning(f"**{label}** — {t('tensors.bc.torch')} {error}")


def _cat() -> None:
    rows = st.number_input(t("tensors.ops.y_rows"), 1, 6, 3, key="tensors.ops.cat.rows")
    x = _editor("X", torch.arange(12.0).reshape(3, 4), "tensors.ops.cat.x")
    y_default = torch.tensor([[2.0, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]])
    y = _editor("Y", torch.cat([y_default, torch.ones(6, 4)])[: int(rows)], f"tensors.ops.cat.y{rows}")
    for label, run in (
        ("torch.cat((X, Y), dim=0)", lambda: torch.cat((x, y), dim=0)),
        ("torch.cat((X, Y), dim=1)", lambda: torch.cat((x, y), dim=1)),
        ("torch.stack((X, Y), dim=0)", lambda: torch.stack((x, y), dim=0)),
        ("torch.stack((X, Y), dim=1)", lambda: torch.stack((x, y), dim=1)),
    ):
        try:
            _show(label, run(), f"tensors.ops.cat.{label}")
        except RuntimeError as error:
            _torch_error(label, error)
    st.caption(t("tensors.ops.cat.note"))
    show_code(
        f"import torch\n\nX = {_literal(x)}\nY = {_literal(y)}\nprint(torch.cat((X, Y), dim=0))\n"
        "print(torch.cat((X, Y), dim=1))\nprint(torch.stack((X, Y), dim=0).shape)"
    )


def _sum() -> None:
    a = _editor("A", torch.arange(20.0).reshape(5, 4), "tensors.ops.sum.a")
    left, right = st.columns(2)
    dim = left.selectbox("dim", ["None", "0", "1"], index=1, key="tensors.ops.sum.dim")
    keepdim = right.checkbox("keepdim", True, key="tensors.ops.sum.keepdim")
    if dim == "None":
        total, mean = a.sum(), a.mean()
        call = "A.sum()"
    else:
        total, mean = a.sum(dim=int(dim), keepdim=keepdim), a.mean(dim=int(dim), keepdim=keepdim)
        call = f"A.sum(dim={dim}, keepdim={keepdim})"
    _show(call, total, "tensors.ops.sum.total")
    _show(call.replace("sum", "mean"), mean, "tensors.ops.sum.mean")
    label = f"A / {call}"
    try:
        _show(label, a / total, "tensors.ops.sum.ratio")
    except RuntimeError as error:
        _torch_error(label, error)
        st.caption(t("tensors.ops.sum.keepdim_note"))
    show_code(
        f"import torch\n\nA = {_literal(a)}\nprint({call})\nprint({call.replace('sum', 'mean')})\nprint(A / {call})"
    )


def _view() -> None:
    left, middle, right = st.columns(3)
    source = parse_shape(left.text_input(t("tensors.ops.view.source"), "(3, 4)", key="tensors.ops.view.source"))
    target = parse_shape(middle.text_input(t("tensors.ops.view.target"), "(2, 6)", key="tensors.ops.view.target"))
    transpose = right.checkbox(t("tensors.ops.view.transpose"), False, key="tensors.ops.view.t")
    if numel(source) > MAX_VIEW_CELLS or (len(source) < 2 and transpose):
        st.warning(t("tensors.ops.view.limits", limit=MAX_VIEW_CELLS))
        return
    x = torch.arange(float(numel(source))).reshape(source)
    x = x.transpose(0, 1) if transpose else x
    st.write(
        t("tensors.ops.strides", shape=format_shape(tuple(x.shape)), strides=x.stride(), contiguous=x.is_contiguous())
    )
    target_text = format_shape(target)
    try:
        reshaped = x.reshape(target)
        _show(f"x.reshape{target_text}", reshaped, "tensors.ops.view.reshape")
        st.write(t("tensors.ops.view.copied", copied=not shares_memory(x, reshaped)))
    except RuntimeError as error:
        _torch_error(f"x.reshape{target_text}", error)
    try:
        _show(f"x.view{target_text}", x.view(target), "tensors.ops.view.view")
    except RuntimeError as error:
        _torch_error(f"x.view{target_text}", error)
    transposed = ".transpose(0, 1)" if transpose else ""
    show_code(
        f"import torch\n\nx = torch.arange({numel(source)}.).reshape({format_shape(source)}){transposed}\n"
        f"print(x.stride(), x.is_contiguous())\nprint(x.reshape({target_text}))\nprint(x.view({target_text}))"
    )


def _permute() -> None:
    left, right = st.columns(2)
    shape = parse_shape(left.text_input(t("tensors.ops.shape"), "(2, 3, 4)", key="tensors.ops.permute.shape"))
    order = parse_shape(right.text_input(t("tensors.ops.permute.order"), "(2, 0, 1)", key="tensors.ops.permute.order"))
    x = torch.empty(shape, device="meta")
    st.write(t("tensors.ops.strides", shape=format_shape(shape), strides=x.stride(), contiguous=x.is_contiguous()))
    try:
        permuted = x.permute(order)
        st.write(
            f"`x.permute{format_shape(order)}`: "
            + t(
                "tensors.ops.strides",
                shape=format_shape(tuple(permuted.shape)),
                strides=permuted.stride(),
                contiguous=permuted.is_contiguous(),
            )
        )
    except (IndexError, RuntimeError) as error:
        _torch_error(f"x.permute{format_shape(order)}", error)
    if len(shape) >= 2:
        swapped = x.transpose(0, -1)
        st.write(
            "`x.transpose(0, -1)`: "
            + t(
                "tensors.ops.strides",
                shape=format_shape(tuple(swapped.shape)),
                strides=swapped.stride(),
                contiguous=swapped.is_contiguous(),
            )
        )
    st.caption(t("tensors.ops.permute.note"))
    show_code(
        f"import torch\n\nx = torch.zeros({format_shape(shape)})\ny = x.permute{format_shape(order)}\n"
        "print(y.shape, y.stride(), y.is_contiguous())\nprint(x.transpose(0, -1).stride())"
    )


def _squeeze() -> None:
    left, right = st.columns(2)
    shape = parse_shape(left.text_input(t("tensors.ops.shape"), "(1, 3, 1, 2)", key="tensors.ops.squeeze.shape"))
    dim = int(right.number_input("dim", -6, 6, 0, key="tensors.ops.squeeze.dim"))
    x = torch.empty(shape, device="meta")
    rows = [
        ("x.squeeze()", lambda: x.squeeze()),
        (f"x.squeeze({dim})", lambda: x.squeeze(dim)),
        (f"x.unsqueeze({dim})", lambda: x.unsqueeze(dim)),
    ]
    for label, run in rows:
        try:
            st.write(f"`{label}` → {format_shape(tuple(run().shape))}")
        except (IndexError, RuntimeError) as error:
            st.warning(f"`{label}` — {t('tensors.bc.torch')} {error}")
    st.caption(t("tensors.ops.squeeze.note"))
    show_code(
        f"import torch\n\nx = torch.zeros({format_shape(shape)})\nprint(x.squeeze().shape, x.squeeze({dim}).shape, x.unsqueeze({dim}).shape)"
    )


def _index() -> None:
    x = _editor("X", torch.arange(12.0).reshape(3, 4), "tensors.ops.index.x")
    rows, cols = x.shape
    left, right = st.columns(2)
    row_range = left.slider(t("tensors.ops.index.rows"), 0, rows, (1, rows), key="tensors.ops.index.rows")
    col_range = right.slider(t("tensors.ops.index.cols"), 0, cols, (0, cols), key="tensors.ops.index.cols")
    label = f"X[{row_range[0]}:{row_range[1]}, {col_range[0]}:{col_range[1]}]"
    _show(label, x[row_range[0] : row_range[1], col_range[0] : col_range[1]], "tensors.ops.index.slice")
    _show("X[-1]", x[-1], "tensors.ops.index.last")
    show_code(f"import torch\n\nX = {_literal(x)}\nprint({label})\nprint(X[-1])")


def _inplace() -> None:
    x = _editor("X", torch.arange(12.0).reshape(3, 4), "tensors.ops.inplace.x")
    y = _editor("Y", torch.ones(3, 4), "tensors.ops.inplace.y")
    report = in_place_report(x, y)
    table = pd.DataFrame(
        {
            t("tensors.ops.inplace.same_id"): [
                report.slice_assign_same_id,
                report.augmented_same_id,
                report.rebind_same_id,
            ],
            t("tensors.ops.inplace.same_ptr"): [
                report.slice_assign_same_ptr,
                report.augmented_same_ptr,
                report.rebind_same_ptr,
            ],
        },
        index=["Z[:] = X + Y", "X += Y", "X = X + Y"],
    )
    st.dataframe(table, key="tensors.ops.inplace.table")
    _show("Z", report.result, "tensors.ops.inplace.z")
    st.caption(t("tensors.ops.inplace.note"))
    show_code(
        f"import torch\n\nX = {_literal(x)}\nY = {_literal(y)}\nZ = torch.zeros_like(Y)\nbefore = id(Z)\n"
        "Z[:] = X + Y\nprint(id(Z) == before)\nbefore = id(X)\nX = X + Y\nprint(id(X) == before)"
    )


def _clone() -> None:
    left, right = st.columns(2)
    index = int(left.number_input(t("tensors.ops.clone.index"), 0, 5, 0, key="tensors.ops.clone.index"))
    value = float(right.number_input(t("tensors.ops.clone.value"), -1e6, 1e6, 100.0, key="tensors.ops.clone.value"))
    a = torch.arange(6.0)
    view, copy = a.view(2, 3), a.clone().view(2, 3)
    a[index] = value
    _show("a", a, "tensors.ops.clone.a")
    _show("a.view(2, 3)", view, "tensors.ops.clone.view")
    _show("a.clone()", copy, "tensors.ops.clone.copy")
    st.write(t("tensors.ops.clone.shares", view=shares_memory(a, view), clone=shares_memory(a, copy)))
    show_code(
        f"import torch\n\na = torch.arange(6.)\nv = a.view(2, 3)\nc = a.clone().view(2, 3)\na[{index}] = {value}\n"
        "print(v)\nprint(c)\nprint(v.data_ptr() == a.data_ptr(), c.data_ptr() == a.data_ptr())"
    )


def _norm() -> None:
    u = _editor("u", torch.tensor([[3.0, -4.0]]), "tensors.ops.norm.u").flatten()
    l1, l2 = u.abs().sum(), u.pow(2).sum().sqrt()
    table = pd.DataFrame(
        {
            t("tensors.ops.norm.scratch"): [l1.item(), l2.item()],
            "torch.linalg.vector_norm": [torch.linalg.vector_norm(u, ord=1).item(), torch.linalg.vector_norm(u).item()],
        },
        index=["L1 = Σ|uᵢ|", "L2 = √Σuᵢ²"],
    )
    st.dataframe(table, key="tensors.ops.norm.table")
    show_code(f"import torch\n\nu = {_literal(u)}\nprint(torch.abs(u).sum(), torch.norm(u))")


def _dtype() -> None:
    left, right = st.columns(2)
    shape = parse_shape(left.text_input(t("tensors.ops.shape"), "(64, 3, 224, 224)", key="tensors.ops.dtype.shape"))
    name = right.selectbox("dtype", list(DTYPES), index=1, key="tensors.ops.dtype.dtype")
    dtype = DTYPES[name]
    element = memory_size((), dtype)
    st.write(
        t(
            "tensors.ops.dtype.size",
            element=element,
            count=f"{numel(shape):,}",
            total=format_bytes(memory_size(shape, dtype)),
            bytes=f"{memory_size(shape, dtype):,}",
        )
    )
    show_code(
        f"import torch\n\nx = torch.empty({format_shape(shape)}, dtype=torch.{name}, device='meta')  # no memory\n"
        "print(x.element_size(), x.numel(), x.element_size() * x.numel())"
    )


LABELS = {
    "cat": "cat · stack",
    "sum": "sum · mean · keepdim",
    "view": "reshape · view",
    "permute": "permute · transpose · stride",
    "squeeze": "squeeze · unsqueeze",
    "index": "X[i:j, k:l]",
    "inplace": "Z[:] = X + Y",
    "clone": "clone · view",
    "norm": "L1 · L2",
    "dtype": "dtype · element_size × numel",
}
RENDERERS = {
    "cat": _cat,
    "sum": _sum,
    "view": _view,
    "permute": _permute,
    "squeeze": _squeeze,
    "index": _index,
    "inplace": _inplace,
    "clone": _clone,
    "norm": _norm,
    "dtype": _dtype,
}


def render() -> None:
    """The section: pick an operation, edit its inputs, see PyTorch's result."""
    # Options are PyTorch names, the same in every language; the translated name is shown under the picker.
    op = st.selectbox(t("tensors.ops.pick"), OPS, format_func=LABELS.__getitem__, key="tensors.ops.pick")
    st.subheader(t(f"tensors.ops.name.{op}"))
    with guard():
        RENDERERS[op]()
