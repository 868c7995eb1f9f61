"""Section 6: the network tracer: a preset model or an editable layer stack, traced layer by layer."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st
import torch

from lib.convolution_stack import (
    LAYER_TYPES,
    MAX_IMAGE,
    PRESET_ROWS,
    SETTINGS,
    StackError,
    apply_fix,
    build_stack,
    fix_text,
    output_shapes,
    rows_from_records,
    rows_to_records,
    stack_code,
)
from lib.convolution_trace import flop_counter_total, totals, trace
from lib.models import MAX_IMAGE_SIZE, MODELS, build_model
from ui.common import error_message, guard, show_code, t
from ui.convolution import diagram
from ui.convolution.widgets import labels

P = "convolution.trace"
FAILED_ROW = "background-color: rgba(214, 39, 40, 0.25)"


@st.cache_data(max_entries=16, show_spinner=False)
def _trace_preset(name: str, classes: int, channels: int, size: int) -> tuple[pd.DataFrame, int]:
    """The trace of a preset model and FlopCounterMode's total, built on the meta device (no memory, no compute)."""
    with torch.device("meta"):
        model = build_model(name, classes, channels, size)
    shape = (channels, size, size)
    return trace(model, shape), flop_counter_total(model, shape)


def _show_trace(table: pd.DataFrame, reference_flops: int) -> None:
    """The per-layer table, the totals, and FlopCounterMode's total as a check."""
    sums = totals(table)
    columns = st.columns(3)
    columns[0].metric(t("convolution.trace.params"), f"{sums['params']:,}")
    columns[1].metric(t("convolution.trace.macs"), f"{sums['macs']:,}")
    columns[2].metric(t("convolution.trace.flops"), f"{sums['flops']:,}")
    if sums["flops"] == reference_flops:
        st.success(t("convolution.trace.flops_agree", flops=f"{reference_flops:,}"), icon=":material/check:")
    else:
        st.warning(t("convolution.trace.flops_differ", ours=f"{sums['flops']:,}", theirs=f"{reference_flops:,}"))
    shown = table.assign(
        output_shape=table["output_shape"].map(lambda s: " × ".join(map(str, s))),
        rf_size=[f"{size} ({jump})" for size, jump in zip(table["rf_size"], table["rf_jump"], strict=True)],
    ).drop(columns="rf_jump")  # one column for the field and its jump, so the table fits a 1024-px screen
    shown = shown.rename(columns={name: t(f"convolution.trace.col.{name}") for name in shown.columns})
    st.dataframe(shown, hide_index=True, width="stretch", key=f"{P}.result")
    st.caption(t("convolution.trace.rf_note"))
    st.caption(t("convolution.trace.rf_ops", ops=", ".join(f"{op} ×{n}" for op, n in table.attrs["field_ops"].items())))


def _draw(layers: list[tuple[str, tuple[int, ...]]], shape: tuple[int, ...], failed: str | None = None) -> None:
    """The network as a picture: one block per stage with its output shape (the main visual of the tab)."""
    st.plotly_chart(
        diagram.figure(layers, shape, failed), key=f"{P}.diagram", width="stretch", config={"displayModeBar": False}
    )
    st.caption(t("convolution.trace.diagram.caption"))


def _layers(table: pd.DataFrame) -> list[tuple[str, tuple[int, ...]]]:
    return [(kind, tuple(shape)) for kind, shape in zip(table["type"], table["output_shape"], strict=True) if shape]


def _preset() -> None:
    names = list(MODELS)
    columns = st.columns([3, 2, 2, 2])
    name = columns[0].selectbox(
        t("convolution.trace.model"),
        names,
        index=names.index("cifar10_quick"),
        format_func=labels("convolution.trace.model"),
        key=f"{P}.model",
        persist_state="session",
    )
    spec = MODELS[name]
    channels = columns[1].number_input(
        t("convolution.trace.channels"),
        1,
        64,
        spec.default_input[0],
        key=f"{P}.channels.{name}",
        persist_state="session",
    )
    size = columns[2].number_input(
        t("convolution.trace.size"),
        spec.min_size,
        MAX_IMAGE_SIZE,
        spec.default_input[1],
        key=f"{P}.size.{name}",
        persist_state="session",
    )
    classes = columns[3].number_input(
        t("convolution.trace.classes"), 1, 100_000, 10, key=f"{P}.classes", persist_state="session"
    )
    st.caption(t(spec.description_key))
    with guard():
        table, reference = _trace_preset(name, classes, channels, size)
        _draw(_layers(table), (channels, size, size))
        _show_trace(table, reference)
    show_code(
        f"""import torch
from torch.utils.flop_counter import FlopCounterMode

from lib.models import build_model  # this repository's model zoo
from lib.convolution_trace import trace

with torch.device("meta"):  # shapes only: nothing is allocated or computed
    model = build_model("{name}", num_classes={classes}, in_channels={channels}, image_size={size})
print(trace(model, ({channels}, {size}, {size})))
with FlopCounterMode(display=False) as counter:
    model.eval()(torch.empty(1, {channels}, {size}, {size}, device="meta"))
print(counter.get_total_flops())"""
    )


def _set_rows(rows: list, shape: tuple[int, int, int] | None = None) -> None:
    st.session_state[f"{P}.base"] = pd.DataFrame(rows_to_records(rows), columns=["type", *SETTINGS])
    st.session_state.pop(f"{P}.table", None)
    st.session_state.pop(f"{P}.edited", None)
    if shape is not None:
        st.session_state[f"{P}.c"], st.session_state[f"{P}.h"], st.session_state[f"{P}.w"] = shape


def _load_stack_preset() -> None:
    rows, shape = PRESET_ROWS[st.session_state[f"{P}.stack_preset"]]
    _set_rows(rows, shape)


def _fix(rows: list, error: StackError) -> None:
    _set_rows(apply_fix(rows, error))


def _stack_editor() -> pd.DataFrame:
    if f"{P}.base" not in st.session_state:
        st.session_state[f"{P}.stack_preset"] = "cifar10_quick"
        _load_stack_preset()
    elif f"{P}.table" not in st.session_state and f"{P}.edited" in st.session_state:
        # The editor was hidden (another tab was open): start again from the rows as last edited.
        st.session_state[f"{P}.base"] = st.session_state.pop(f"{P}.edited")
    columns = st.columns([3, 2, 2, 2])
    columns[0].selectbox(
        t("convolution.trace.stack_preset"),
        list(PRESET_ROWS),
        format_func=labels("convolution.trace.model"),
        key=f"{P}.stack_preset",
        persist_state="session",
        on_change=_load_stack_preset,
    )
    for column, axis in zip(columns[1:], ("c", "h", "w"), strict=True):
        column.number_input(
            t(f"convolution.trace.input.{axis}"), 1, MAX_IMAGE, key=f"{P}.{axis}", persist_state="session"
        )
    config = {
        "type": st.column_config.SelectboxColumn(t("convolution.trace.col.type"), options=LAYER_TYPES, required=True),
        **{
            name: st.column_config.NumberColumn(
                t(f"convolution.trace.setting.{name}"),
                step=1,
                help=t(f"convolution.trace.setting_help.{name}") if name in ("in_size", "out_size") else None,
            )
            for name in SETTINGS
        },
    }
    st.caption(t("convolution.trace.stack_help"))
    # No index column: rows are numbered from 1 in the messages and in the table shown on an error.
    edited = st.data_editor(
        st.session_state[f"{P}.base"],
        key=f"{P}.table",
        num_rows="dynamic",
        column_config=config,
        width="stretch",
        hide_index=True,
    )
    st.session_state[f"{P}.edited"] = edited
    return edited


def _cell(value: object) -> str:
    """A table cell as the learner typed it: empty for a blank, whole numbers without decimals."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def failure_table(edited: pd.DataFrame) -> pd.DataFrame:
    """The edited rows as text, numbered from 1 like the messages, with the headers of the editor."""
    columns = {t("convolution.trace.col.name"): [str(i + 1) for i in range(len(edited))]}
    columns[t("convolution.trace.col.type")] = [_cell(v) for v in edited["type"]]
    for name in SETTINGS:
        columns[t(f"convolution.trace.setting.{name}")] = [_cell(v) for v in edited[name]]
    return pd.DataFrame(columns)


def _show_failure(edited: pd.DataFrame, error: StackError, rows: list | None = None) -> None:
    """The message, a one-click fix when there is one, and the table again with the failing row highlighted."""
    st.error(error_message(error), icon=":material/error:")
    if rows is not None and error.fix:
        st.button(
            t("convolution.trace.apply_fix", fix=f"`{fix_text(error)}`"),
            key=f"{P}.fix",
            on_click=_fix,
            args=(rows, error),
            type="primary",
        )
    shown = failure_table(edited)
    styled = shown.style.apply(lambda row: [FAILED_ROW if row.name == error.index else "" for _ in row], axis=1)
    st.dataframe(styled, key=f"{P}.failed", width="stretch", hide_index=True)


def _stack() -> None:
    picture = st.container()
    edited = _stack_editor()
    shape = (st.session_state[f"{P}.c"], st.session_state[f"{P}.h"], st.session_state[f"{P}.w"])
    try:
        rows = rows_from_records(edited.to_dict("records"))
    except StackError as error:
        _show_failure(edited, error)
        return
    try:
        with torch.device("meta"):
            model = build_stack(rows, shape)
    except StackError as error:
        with picture:
            fitted = output_shapes(rows[: error.index], shape) if error.index else []
            _draw(
                [(row.type, out) for row, out in zip(rows, fitted, strict=False)], shape, failed=rows[error.index].type
            )
        _show_failure(edited, error, rows)
        return
    except ValueError as error:
        st.error(error_message(error), icon=":material/error:")
        return
    with guard():
        table = trace(model, shape)
        # nn.Sequential names its layers 0, 1, …; number them like the table rows and the error messages
        table["name"] = [str(int(name) + 1) if name.isdigit() else name for name in table["name"]]
        with picture:
            _draw(_layers(table), shape)
        _show_trace(table, flop_counter_total(model, shape))
        show_code(
            stack_code(model)
            + f"""

x = torch.zeros(1, {shape[0]}, {shape[1]}, {shape[2]})
for layer in model:
    x = layer(x)
    print(type(layer).__name__, tuple(x.shape[1:]))"""
        )


def render() -> None:
    """Pick a preset network or build a stack in a table; see every layer's shape, cost and receptive field."""
    st.write(t("convolution.trace.intro"))
    mode = st.radio(
        t("convolution.trace.mode"),
        ("preset", "stack"),
        format_func=labels("convolution.trace.mode"),
        horizontal=True,
        key=f"{P}.mode",
        persist_state="session",
    )
    if mode == "preset":
        _preset()
    else:
        _stack()
