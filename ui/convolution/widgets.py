"""UI pieces the convolution page's sections share: editable matrices, heatmaps with a highlighted window, numbers."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
import torch

from lib.convolution import matrix_from_table
from lib.i18n import translate
from ui.common import error_message, language

CELL_PX = 34
WINDOW_COLOR = "#d62728"
PADDING_COLOR = "rgba(128, 128, 128, 0.35)"


def labels(prefix: str) -> Callable[[object], str]:
    """A format_func showing option ``o`` as the text of ``prefix.o``, in the language of this run.

    The language is captured now because Streamlit (and AppTest) may call format_func outside the script run.
    """
    lang = language()
    return lambda option: translate(f"{prefix}.{option}", lang)


def fmt(value: float) -> str:
    """A number as a learner would write it: integers without decimals, others to 4 significant digits."""
    if math.isinf(value):
        return "−∞" if value < 0 else "∞"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.4g}"


def table(matrix: torch.Tensor) -> pd.DataFrame:
    """A (rows, cols) tensor as a DataFrame with string column names, the shape st.data_editor edits."""
    return pd.DataFrame(matrix.double().numpy(), columns=[str(c) for c in range(matrix.shape[1])])


def shown_table(matrix: torch.Tensor) -> pd.DataFrame:
    """A read-only view of a matrix with readable numbers (NaN shows as an empty cell)."""
    values = [["" if math.isnan(v) else fmt(v) for v in row] for row in matrix.tolist()]
    return pd.DataFrame(values, columns=[str(c) for c in range(matrix.shape[1])])


def set_matrix(key: str, matrix: torch.Tensor) -> None:
    """Replace the editor ``key``'s table (dropping its pending edits); safe inside widget callbacks."""
    st.session_state[f"{key}.base"] = table(matrix)
    st.session_state[f"{key}.value"] = matrix.clone()
    st.session_state.pop(key, None)


def current_matrix(key: str, default: torch.Tensor) -> torch.Tensor:
    """The editor's last valid matrix (or ``default`` before it was ever shown)."""
    return st.session_state.get(f"{key}.value", default)


def resize_matrix(key: str, rows: int, cols: int, default: torch.Tensor) -> None:
    """Crop or zero-extend the editor's matrix to rows × cols, keeping what the learner typed."""
    old = current_matrix(key, default)
    new = torch.zeros(rows, cols)
    r, c = min(rows, old.shape[0]), min(cols, old.shape[1])
    new[:r, :c] = old[:r, :c]
    set_matrix(key, new)


def matrix_editor(key: str, default: torch.Tensor, label: str) -> torch.Tensor | None:
    """An editable matrix; returns it as float32, or None after an error naming the bad cell."""
    if f"{key}.base" not in st.session_state:
        set_matrix(key, default)
    elif key not in st.session_state:
        # The editor was hidden for a run (its edits were dropped): start again from its last valid matrix.
        set_matrix(key, current_matrix(key, default))
    edited = st.data_editor(
        st.session_state[f"{key}.base"], key=key, num_rows="fixed", hide_index=False, width="content"
    )
    st.caption(label)
    try:
        matrix = matrix_from_table(edited, label)
    except ValueError as error:
        st.error(error_message(error), icon=":material/error:")
        return None
    st.session_state[f"{key}.value"] = matrix
    return matrix


def heatmap(
    matrix: torch.Tensor,
    *,
    highlight: Iterable[tuple[int, int]] = (),
    padding: tuple[int, int] = (0, 0),
    mark: tuple[int, int] | None = None,
    colorscale: str = "Blues",
) -> go.Figure:
    """A small annotated heatmap: ``padding`` border rows/cols greyed, ``highlight`` cells outlined, ``mark`` starred."""
    rows, cols = matrix.shape
    z = [[None if math.isnan(v) or math.isinf(v) else v for v in row] for row in matrix.tolist()]
    text = [["" if math.isnan(v) else fmt(v) for v in row] for row in matrix.tolist()]
    figure = go.Figure(
        go.Heatmap(
            z=z,
            text=text,
            texttemplate="%{text}",
            colorscale=colorscale,
            showscale=False,
            hoverinfo="skip",
            xgap=1,
            ygap=1,
        )
    )
    pad_h, pad_w = padding
    for r in range(rows):
        for c in range(cols):
            if r < pad_h or r >= rows - pad_h or c < pad_w or c >= cols - pad_w:
                figure.add_shape(
                    type="rect", x0=c - 0.5, x1=c + 0.5, y0=r - 0.5, y1=r + 0.5, fillcolor=PADDING_COLOR, line_width=0
                )
    for r, c in highlight:
        figure.add_shape(
            type="rect", x0=c - 0.45, x1=c + 0.45, y0=r - 0.45, y1=r + 0.45, line={"color": WINDOW_COLOR, "width": 3}
        )
    if mark is not None:
        figure.add_annotation(
            x=mark[1] + 0.3, y=mark[0] - 0.3, text="★", showarrow=False, font={"color": "#ff7f0e", "size": 16}
        )
    figure.update_layout(
        height=max(120, CELL_PX * rows + 40),
        width=max(120, CELL_PX * cols + 40),
        margin={"l": 20, "r": 10, "t": 10, "b": 20},
        yaxis={"range": [rows - 0.5, -0.5], "tickvals": list(range(rows)), "scaleanchor": "x", "showgrid": False},
        xaxis={"range": [-0.5, cols - 0.5], "tickvals": list(range(cols)), "side": "top", "showgrid": False},
    )
    return figure


def show_heatmap(figure: go.Figure, key: str) -> None:
    """Draw a heatmap at its natural size (a key avoids duplicate-element errors in loops and fragments)."""
    st.plotly_chart(figure, key=key, width="content", config={"displayModeBar": False})


def literal(matrix: torch.Tensor) -> str:
    """A tensor as Python literal text for code snippets (integers without ``.0``)."""
    if matrix.dim() == 0:
        value = float(matrix)
        return str(int(value)) if value.is_integer() else f"{value:.9g}"
    return "[" + ", ".join(literal(row) for row in matrix) + "]"


def _take_slider(prefix: str) -> None:
    st.session_state[f"{prefix}.index"] = st.session_state[f"{prefix}.slider"] - 1  # the slider counts from 1


def playing(prefix: str) -> bool:
    """Whether the stepper ``prefix`` is playing (its fragment then reruns on a timer)."""
    return st.session_state.get(f"{prefix}.playing", False)


def stepper(prefix: str, count: int, label: str, play: str, pause: str) -> int:
    """The current step of ``count``: a slider while paused, a progress bar while playing; call it in a timed fragment.

    While playing, every run of the fragment moves one step on; at the last step playing stops and the app
    reruns so the timer goes away. The position lives in ``prefix.index`` (not in the slider, which is absent
    while playing so the browser cannot send an old position back).
    """
    state = st.session_state
    index_key, playing_key = f"{prefix}.index", f"{prefix}.playing"
    index = min(state.get(index_key, 0), count - 1)
    if playing(prefix):
        index = min(index + 1, count - 1)
        if index >= count - 1:
            state[playing_key] = False
            state[index_key] = index
            st.rerun()
    state[index_key] = index
    left, right = st.columns([4, 1], vertical_alignment="bottom")
    is_playing = playing(prefix)
    if is_playing:
        left.progress(index / max(1, count - 1), text=f"{label}: {index + 1} / {count}")
    elif count > 1:
        state[f"{prefix}.slider"] = index + 1
        left.slider(label, 1, count, key=f"{prefix}.slider", on_change=_take_slider, args=(prefix,))
    # Icons, not ⏸/▶ in the label: CJK fonts have no ⏸ glyph, so Chinese showed a box.
    icon = ":material/pause:" if is_playing else ":material/play_arrow:"
    if right.button(pause if is_playing else play, key=f"{prefix}.play", disabled=count < 2, icon=icon):
        state[playing_key] = not is_playing
        if not is_playing and index >= count - 1:
            state[index_key] = 0
        st.rerun()
    return index
