"""Broadcasting explainer: shapes right-aligned, stretched dims, the result or the failing dim, real tensors."""

from __future__ import annotations

import pandas as pd
import streamlit as st
import torch
from pandas.io.formats.style import Styler

from lib.tensors import (
    BroadcastExplanation,
    explain_broadcast,
    format_bytes,
    format_shape,
    memory_size,
    numel,
    parse_shape,
    tensor_name,
    torch_broadcast_error,
)
from lib.tensors_ops import tensor_grid
from ui.common import guard, show_code, t

MAX_SHOWN_CELLS = 48
PALETTE = ("#ffd6a5", "#caffbf", "#9bf6ff", "#bdb2ff", "#ffc6ff", "#fdffb6", "#a0c4ff", "#ffadad")
MAX_DRAWN = len(PALETTE)  # tensors drawn cell by cell (more shapes are still explained in the table)


def _shape_table(explanation: BroadcastExplanation) -> pd.DataFrame:
    """Rows: each shape then the result; columns: dims from the right; a stretched size shows as ``1→n``."""
    columns = [str(row.dim) for row in explanation.rows]
    body = {}
    for index, shape in enumerate(explanation.shapes):
        cells = []
        for row in explanation.rows:
            size = row.sizes[index]
            text = "·" if size is None else str(size)
            cells.append(f"{text}→{row.result}" if row.stretched[index] else text)
        body[f"{tensor_name(index)} {format_shape(shape)}"] = cells
    body[t("tensors.bc.result")] = ["✗" if row.result is None else str(row.result) for row in explanation.rows]
    return pd.DataFrame(body, index=columns).T


def _coloured(grid: pd.DataFrame, sources: pd.DataFrame) -> Styler:
    """Colour each cell by the flat index of the source element that fills it."""

    def colour(column: pd.Series) -> list[str]:
        return [f"background-color: {PALETTE[int(i) % len(PALETTE)]}" for i in sources[column.name]]

    return grid.style.apply(colour, axis=0).format("{:g}")


def _real_tensors(shapes: list[tuple[int, ...]], result: tuple[int, ...]) -> None:
    tensors = [torch.arange(numel(shape), dtype=torch.float32).reshape(shape) * 10**i for i, shape in enumerate(shapes)]
    st.caption(t("tensors.bc.colour_note"))
    for index, tensor in enumerate(tensors):
        flat = torch.arange(tensor.numel()).reshape(tensor.shape)
        row = st.container(horizontal=True, gap="large")  # side by side, wrapping on a narrow screen
        left, right = row.container(width="content"), row.container(width="content")
        left.write(f"**{tensor_name(index)}** {format_shape(tuple(tensor.shape))}")
        left.dataframe(_coloured(tensor_grid(tensor), tensor_grid(flat)), key=f"tensors.bc.src{index}", width="content")
        right.write(t("tensors.bc.expanded", name=tensor_name(index), result=format_shape(result)))
        right.dataframe(
            _coloured(tensor_grid(tensor.expand(result)), tensor_grid(flat.expand(result))),
            key=f"tensors.bc.exp{index}",
            width="content",
        )
    total = sum(tensors[1:], tensors[0])
    st.write(t("tensors.bc.sum", names=" + ".join(tensor_name(i) for i in range(len(tensors)))))
    st.dataframe(tensor_grid(total), key="tensors.bc.total")


def render() -> None:
    """The section: parse the shapes, explain, compare with PyTorch, show real tensors when small."""
    st.write(t("tensors.bc.intro"))
    text = st.text_area(t("tensors.bc.shapes"), "(2, 1, 3)\n(4, 3)", key="tensors.bc.shapes", help=t("tensors.bc.help"))
    with guard():
        shapes = [parse_shape(line) for line in text.splitlines() if line.strip()]
        explanation = explain_broadcast(*shapes)
        st.dataframe(_shape_table(explanation), key="tensors.bc.table")
        ours, theirs = st.columns(2)
        message = t(explanation.message_key, **explanation.message_params)
        (ours.success if explanation.result is not None else ours.warning)(f"**{t('tensors.bc.ours')}** {message}")
        torch_error = torch_broadcast_error(*shapes)
        theirs.info(
            f"**{t('tensors.bc.torch')}** " + (torch_error or format_shape(tuple(torch.broadcast_shapes(*shapes))))
        )
        arguments = ", ".join(format_shape(shape) for shape in shapes)
        show_code(f"import torch\n\nprint(torch.broadcast_shapes({arguments}))")
        if explanation.result is None:
            return
        result = explanation.result
        st.write(
            t(
                "tensors.bc.size",
                count=f"{numel(result):,}",
                size=format_bytes(memory_size(result, torch.float32)),
            )
        )
        if len(shapes) > MAX_DRAWN:
            st.caption(t("tensors.bc.too_many_drawn", limit=MAX_DRAWN))
            return
        if numel(result) > MAX_SHOWN_CELLS or numel(result) == 0:
            st.caption(t("tensors.bc.too_big", limit=MAX_SHOWN_CELLS))
            return
        _real_tensors(shapes, result)
        lines = [
            f"{tensor_name(i)} = torch.arange({numel(shape)}.).reshape({format_shape(shape)}) * {10**i}"
            for i, shape in enumerate(shapes)
        ]
        total = " + ".join(tensor_name(i) for i in range(len(shapes)))
        show_code("import torch\n\n" + "\n".join(lines) + f"\nprint({total})")
