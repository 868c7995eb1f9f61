"""Layouts: NCHW images, [batch, time, freq] audio, [batch, seq, hidden] text — shape, bytes, and a layer."""

from __future__ import annotations

import pandas as pd
import streamlit as st
import torch

from lib.tensors import DTYPES, format_bytes, format_shape, memory_size, numel
from lib.tensors_ops import LAYOUTS, layer_output
from ui.common import guard, show_code, t

DEFAULT_SIZES = {"image": (32, 3, 224, 224), "audio": (16, 1000, 80), "llm": (8, 2048, 4096)}
LAYOUT_DTYPES = ("float64", "float32", "float16", "bfloat16", "float8_e4m3fn", "int8")


def render() -> None:
    """The section: pick a layout and sizes; computed shape, strides, bytes per dtype and a layer's output."""
    layout = st.radio(
        t("tensors.lay.pick"),
        list(LAYOUTS),
        format_func=lambda k: " × ".join(LAYOUTS[k]),  # axis names: the same in every language
        key="tensors.lay.pick",
        horizontal=True,
    )
    names = LAYOUTS[layout]
    st.caption(t(f"tensors.lay.{layout}"))
    columns = st.columns(len(names))
    shape = tuple(
        int(column.number_input(name, 1, 1_000_000, DEFAULT_SIZES[layout][i], key=f"tensors.lay.{layout}.{name}"))
        for i, (column, name) in enumerate(zip(columns, names, strict=True))
    )
    strides = torch.empty(shape, device="meta").stride()
    st.dataframe(
        pd.DataFrame({t("tensors.lay.size"): shape, t("tensors.lay.stride"): strides}, index=list(names)).T,
        key="tensors.lay.axes",
    )
    st.write(t("tensors.lay.count", shape=format_shape(shape), count=f"{numel(shape):,}"))
    sizes = pd.DataFrame(
        {
            t("tensors.lay.bytes"): [f"{memory_size(shape, DTYPES[d]):,}" for d in LAYOUT_DTYPES],
            t("tensors.lay.readable"): [format_bytes(memory_size(shape, DTYPES[d])) for d in LAYOUT_DTYPES],
        },
        index=list(LAYOUT_DTYPES),
    )
    st.dataframe(sizes, key="tensors.lay.bytes")
    st.subheader(t(f"tensors.lay.layer.{layout}"))
    left, a, b, c = st.columns(4)
    out_features = int(left.number_input(t("tensors.lay.out"), 1, 100_000, 64, key=f"tensors.lay.out.{layout}"))
    kernel = stride = padding = 1
    if layout != "llm":
        kernel = int(a.number_input(t("tensors.lay.kernel"), 1, 64, 3, key=f"tensors.lay.k.{layout}"))
        stride = int(b.number_input(t("tensors.lay.stride_arg"), 1, 64, 1, key=f"tensors.lay.s.{layout}"))
        padding = int(c.number_input(t("tensors.lay.padding"), 0, 64, 1, key=f"tensors.lay.p.{layout}"))
    with guard():
        output, parameters, code = layer_output(layout, shape, out_features, kernel, stride, padding)
        st.success(
            t(
                "tensors.lay.output",
                code=code,
                shape=format_shape(output),
                parameters=f"{parameters:,}",
                size=format_bytes(memory_size(output, torch.float32)),
            )
        )
        permute = ".permute(0, 2, 1)  # [batch, freq, time]: Conv1d wants channels first" if layout == "audio" else ""
        show_code(
            f"import torch\nfrom torch import nn\n\nx = torch.empty({format_shape(shape)}, device='meta'){permute}\n"
            f"layer = {code[:-1]}, device='meta')\nprint(layer(x).shape)"
        )
