"""Preprocessing with pandas: house_tiny or an uploaded CSV -> mean-filled, one-hot, tensor; every step shown."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.tensors import format_shape
from lib.tensors_ops import tensor_grid
from lib.tensors_preprocess import (
    default_target,
    house_tiny,
    preprocess_code,
    preprocess_steps,
    read_csv_upload,
    split_target,
    target_tensor,
)
from ui.common import error_message, guard, show_code, t

NO_TARGET = "—"


def _dtypes(table: pd.DataFrame) -> str:
    return ", ".join(f"{column}: {dtype}" for column, dtype in table.dtypes.items())


def _source_table() -> pd.DataFrame | None:
    """The upload when there is a readable one (kept in session state), else the editable house_tiny table."""
    upload = st.file_uploader(t("tensors.prep.upload"), type=["csv", "txt"], key="tensors.prep.upload")
    if upload is not None:
        try:
            parsed = read_csv_upload(upload.getvalue())
        except ValueError as error:
            st.error(error_message(error), icon=":material/error:")
            return None
        for key, params in parsed.notes:
            st.warning(t(key, **params))
        st.caption(t("tensors.prep.from_upload", name=upload.name[:80]))
        return parsed.table
    st.caption(t("tensors.prep.edit_hint"))
    return st.data_editor(house_tiny(), key="tensors.prep.table", num_rows="dynamic")


def render() -> None:
    """The section: choose the target column, then each table of the notes' pipeline with dtypes and shapes."""
    table = _source_table()
    if table is None or table.shape[1] == 0:
        return
    columns = [str(column) for column in table.columns]
    options = [*columns, NO_TARGET]
    default = default_target(columns)
    if st.session_state.get("tensors.prep.columns") != columns:  # another table: its own default target
        st.session_state["tensors.prep.columns"] = columns
        st.session_state.pop("tensors.prep.target", None)
    target = st.selectbox(
        t("tensors.prep.target"), options, index=options.index(default or NO_TARGET), key="tensors.prep.target"
    )
    with guard():
        inputs, outputs = split_target(table.set_axis(columns, axis=1), None if target == NO_TARGET else target)
        steps = preprocess_steps(inputs)
        for key, params in steps.notes:
            st.warning(t(key, **params))
        st.write(f"**1. {t('tensors.prep.step_inputs')}** {format_shape(inputs.shape)} — {_dtypes(inputs)}")
        st.dataframe(inputs, key="tensors.prep.inputs")
        means = ", ".join(f"{column} = {mean:g}" for column, mean in steps.means.items()) or "—"
        st.write(f"**2. {t('tensors.prep.step_filled', means=means)}**")
        st.dataframe(steps.filled, key="tensors.prep.filled")
        st.write(
            f"**3. {t('tensors.prep.step_encoded')}** {format_shape(steps.encoded.shape)} — {_dtypes(steps.encoded)}"
        )
        st.dataframe(steps.encoded, key="tensors.prep.encoded")
        st.write(
            f"**4. {t('tensors.prep.step_tensor')}** {format_shape(tuple(steps.tensor.shape))}, {steps.tensor.dtype}"
        )
        st.dataframe(tensor_grid(steps.tensor), key="tensors.prep.tensor")
        show_code(preprocess_code(table.set_axis(columns, axis=1), None if outputs is None else target))
        if outputs is not None:
            y = target_tensor(outputs)
            st.write(f"**y** {format_shape(tuple(y.shape))}, {y.dtype}")
            st.dataframe(tensor_grid(y), key="tensors.prep.y")
