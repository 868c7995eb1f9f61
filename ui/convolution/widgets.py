"""UI pieces the convolution page's sections share: editable matrices, grids with a highlighted window, numbers."""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Iterable

import pandas as pd
import streamlit as st
import torch
from plotly.colors import sample_colorscale

from lib.convolution import matrix_from_table
from lib.i18n import LANGUAGES, translate
from ui.common import error_message, language, t

ZOOMS = (32, 40, 48, 64, 80)  # cell sides in px; 48 and up read from the back of a classroom
DEFAULT_ZOOM = 48
WINDOW_COLOR = "#d62728"
PADDING_COLOR = "rgba(128, 128, 128, 0.35)"


def labels(prefix: str) -> Callable[[object], str]:
    """A format_func showing option ``o`` as the text of ``prefix.o``, in the language of this run.

    The language is captured now because Streamlit (and AppTest) may call format_func outside the script run.
    """
    lang = language()
    return lambda option: translate(f"{prefix}.{option}", lang)


def open_tabs(key: str, label_keys: Iterable[str]) -> list:
    """``st.tabs`` where only the open tab runs (``tab.open``), and which stays open when the language changes.

    The tabs remember their open label; after a language switch it is translated to the new language before the
    tabs are drawn, so a learner on the fourth tab is not sent back to the first.
    """
    label_keys = list(label_keys)
    shown = [t(label) for label in label_keys]
    current = st.session_state.get(key)
    if current is not None and current not in shown:
        for label, text in zip(label_keys, shown, strict=True):
            if current in (translate(label, lang) for lang in LANGUAGES):
                st.session_state[key] = text
    return st.tabs(shown, key=key, on_change="rerun")


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


def _cell_colour(value: float, low: float, high: float, colorscale: str) -> str:
    """The colour of ``value`` on ``colorscale``; a diverging scale (RdBu) is centred on 0."""
    if colorscale == "RdBu":
        reach = max(abs(low), abs(high)) or 1.0
        fraction = 0.5 + 0.4 * value / reach  # red for negative, blue for positive, pale near 0
    else:
        fraction = 0.1 + 0.6 * ((value - low) / (high - low) if high > low else 0.5)
    return sample_colorscale(colorscale, [fraction])[0]


def _ink(background: str) -> str:
    """Black or white text, whichever reads better on ``background`` ("rgb(r, g, b)")."""
    r, g, b = (float(part) for part in background[4:-1].split(","))
    return "#111111" if 0.299 * r + 0.587 * g + 0.114 * b > 140 else "#ffffff"


def grid_html(
    matrix: torch.Tensor,
    caption: str,
    *,
    cell: int = DEFAULT_ZOOM,
    highlight: Iterable[tuple[int, int]] = (),
    padding: tuple[int, int] = (0, 0),
    mark: tuple[int, int] | None = None,
    colorscale: str = "Blues",
) -> str:
    """A matrix as an HTML grid of ``cell``-px squares with its numbers: padding greyed, ``highlight`` outlined red.

    Drawn by the browser as inline blocks, so grids side by side wrap to the next line on a narrow screen
    instead of being clipped, and the cells keep their size (a zoom control picks it).
    """
    values = matrix.tolist()
    finite = [v for row in values for v in row if math.isfinite(v)]
    low, high = (min(finite), max(finite)) if finite else (0.0, 1.0)
    outlined = set(highlight)
    pad_h, pad_w = padding
    rows, cols = matrix.shape
    font = max(11, round(cell * 0.36))
    body = []
    for r, row in enumerate(values):
        cells = []
        for c, value in enumerate(row):
            if math.isnan(value):
                background, text = "rgb(240, 240, 240)", ""
            elif r < pad_h or r >= rows - pad_h or c < pad_w or c >= cols - pad_w:
                background, text = "rgb(200, 200, 200)", fmt(value)
            else:
                background, text = _cell_colour(value, low, high, colorscale), fmt(value)
            if math.isinf(value):
                background = "rgb(200, 200, 200)"
            border = WINDOW_COLOR if (r, c) in outlined else "transparent"
            star = "<sup style='color:#ff7f0e'>★</sup>" if mark == (r, c) else ""
            cells.append(
                f"<td style='width:{cell}px;min-width:{cell}px;height:{cell}px;padding:0;text-align:center;"
                f"font-size:{font}px;font-weight:600;background:{background};color:{_ink(background)};"
                f"border:3px solid {border}'>{html.escape(text)}{star}</td>"
            )
        body.append("<tr>" + "".join(cells) + "</tr>")
    table = (
        "<table style='border-collapse:separate;border-spacing:2px;width:auto;margin:0'>" + "".join(body) + "</table>"
    )
    label = f"<div style='font-size:0.9rem;opacity:0.75;margin-bottom:0.2rem'>{html.escape(caption)}</div>"
    return f"<div style='display:inline-block;vertical-align:top;margin:0 1.5rem 0.8rem 0'>{label}{table}</div>"


def show_grids(*grids: str) -> None:
    """Grids side by side, wrapping onto the next line when the screen is too narrow for all of them."""
    st.markdown(
        "<div style='display:flex;flex-wrap:wrap;align-items:flex-start'>" + "".join(grids) + "</div>",
        unsafe_allow_html=True,
    )


def zoom_control(prefix: str) -> int:
    """A cell-size picker for the step-by-step grids (bigger cells for a projector)."""
    return st.select_slider(
        t("convolution.zoom"),
        ZOOMS,
        value=DEFAULT_ZOOM,
        key=f"{prefix}.zoom",
        persist_state="session",
        help=t("convolution.zoom_help"),
    )


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
        left.slider(
            label, 1, count, key=f"{prefix}.slider", persist_state="session", on_change=_take_slider, args=(prefix,)
        )
    # Icons, not ⏸/▶ in the label: CJK fonts have no ⏸ glyph, so Chinese showed a box.
    icon = ":material/pause:" if is_playing else ":material/play_arrow:"
    if right.button(pause if is_playing else play, key=f"{prefix}.play", disabled=count < 2, icon=icon):
        state[playing_key] = not is_playing
        if not is_playing and index >= count - 1:
            state[index_key] = 0
        st.rerun()
    return index
