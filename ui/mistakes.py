"""A clickable confusion matrix and the view of one cell: its validation images with their probabilities and
saliency maps of why the model chose that class. Train and Fine-tuning share it.

Plotly's selection event picks the cell; the pick is kept in the session as the pair of class names (not in the
chart's own state, which Streamlit resets whenever the figure changes), so it survives reruns and retraining and
a test can set it directly (``st.session_state[state_key] = (true, predicted)``).
"""

from __future__ import annotations

from functools import partial

import numpy as np
import plotly.graph_objects as go
import streamlit as st
import torch
from torch import nn

from lib.data.arrays import ImageArrays
from lib.evaluate import cell_members
from lib.saliency import grad_cam, gradient_times_input, overlay
from lib.train import normalize
from ui.common import guard, show_code, t

GALLERY = 24  # images shown per cell (the most confident); the count says how many there are
COLUMNS = 8
SHOWN_SIDE = 128  # pixels: saliency maps are enlarged (nearest) to at least this size
SHOWN_WIDTH = 180  # pixels on screen: the image and its two maps side by side, the same size

SALIENCY_CODE = """import torch
import torch.nn.functional as F

mean, std = torch.tensor({mean}), torch.tensor({std})
last_conv = [m for m in model.modules() if isinstance(m, torch.nn.Conv2d)][-1]  # the last one to run
model.eval()
x = ((val_images[{index}:{next_index}].float() / 255 - mean[:, None, None]) / std[:, None, None]).requires_grad_(True)
kept = []
hook = last_conv.register_forward_hook(lambda module, args, out: kept.append(out))
score = model(x)[0, {target}]  # the logit of {name}
hook.remove()
A = kept[0]                                          # (1, K, h, w) feature maps of the last convolution
dA, dx = torch.autograd.grad(score, [A, x])
alpha = dA.mean(dim=(2, 3), keepdim=True)            # one weight per feature map
cam = F.relu((alpha * A).sum(dim=1, keepdim=True))   # (1, 1, h, w)
cam = F.interpolate(cam, size=x.shape[-2:], mode="bilinear")[0, 0]
cam = cam / cam.max()                                # Grad-CAM, 0..1
gxi = (dx * x)[0].sum(dim=0).abs()
gxi = gxi / gxi.max()                                # gradient × input, 0..1"""


def cell_from_selection(selection: dict, names: list[str]) -> tuple[str, str] | None:
    """The (true, predicted) class names of the clicked cell in a Plotly selection state, or None.

    Each clickable point carries ``customdata = [true index, predicted index]``.
    """
    for point in selection.get("points", []):
        data = point.get("customdata")
        if isinstance(data, (list, tuple)) and len(data) == 2:
            true, predicted = (int(v) for v in data)
            if 0 <= true < len(names) and 0 <= predicted < len(names):
                return names[true], names[predicted]
    return None


def _on_select(key: str, state_key: str, names: list[str]) -> None:
    event = st.session_state.get(key)
    selection = event.get("selection", {}) if event is not None else {}
    st.session_state[state_key] = cell_from_selection(selection, names)


def confusion_figure(matrix: torch.Tensor, names: list[str], picked: tuple[int, int] | None) -> go.Figure:
    """The matrix as a heatmap (rows true, columns predicted) with a clickable point at each cell's centre and the
    picked cell outlined."""
    n = len(names)
    fig = go.Figure(
        go.Heatmap(
            z=matrix.tolist(),
            x=list(range(n)),
            y=list(range(n)),
            colorscale="Blues",
            texttemplate="%{z}",
            hoverinfo="skip",
        )
    )
    rows, cols = np.divmod(np.arange(n * n), n)
    fig.add_trace(
        go.Scatter(
            x=cols.tolist(),
            y=rows.tolist(),
            mode="markers",
            marker={"size": 28, "symbol": "square", "opacity": 0.01, "color": "#000"},
            customdata=np.stack([rows, cols], axis=1).tolist(),
            text=[f"{names[r]} → {names[c]}: {int(matrix[r, c])}" for r, c in zip(rows, cols, strict=True)],
            hovertemplate="%{text}<extra></extra>",
            showlegend=False,
        )
    )
    if picked is not None:
        true, predicted = picked
        fig.add_shape(
            type="rect",
            x0=predicted - 0.5,
            x1=predicted + 0.5,
            y0=true - 0.5,
            y1=true + 0.5,
            line={"color": "#e4572e", "width": 3},
        )
    axis = {"tickmode": "array", "tickvals": list(range(n)), "ticktext": names, "showgrid": False}
    fig.update_layout(
        xaxis={**axis, "range": [-0.5, n - 0.5]},
        yaxis={**axis, "range": [n - 0.5, -0.5]},
        clickmode="event+select",
        dragmode=False,
    )
    return fig


def confusion_chart(
    matrix: torch.Tensor,
    names: list[str],
    *,
    key: str,
    state_key: str,
    layout: dict,
    labels: list[str] | None = None,
) -> tuple[int, int] | None:
    """Draw the clickable matrix (``layout``: titles, height, margins) and return the picked (true, predicted)
    indices, or None. ``names`` identify the classes (the pick is kept by name, so a language switch keeps it);
    ``labels`` are what the learner reads (default: the names). A pick whose classes are gone is dropped."""
    stored = st.session_state.get(state_key)
    picked = None
    if stored is not None:
        if stored[0] in names and stored[1] in names:
            picked = names.index(stored[0]), names.index(stored[1])
        else:
            st.session_state[state_key] = None
            st.info(t("saliency.stale"), icon=":material/info:")
    fig = confusion_figure(matrix, labels or names, picked)
    fig.update_layout(**layout)
    st.plotly_chart(
        fig,
        key=key,
        on_select=partial(_on_select, key, state_key, names),
        selection_mode="points",
        config={"displayModeBar": False},
    )
    if picked is None:
        st.caption(t("saliency.click_hint"))
    return picked


def _enlarged(image: np.ndarray) -> np.ndarray:
    factor = max(1, SHOWN_SIDE // image.shape[0])
    return image.repeat(factor, axis=0).repeat(factor, axis=1)


def _as_picture(val: ImageArrays, index: int) -> np.ndarray:
    """Validation image ``index`` as (H, W) or (H, W, 3) uint8 for ``st.image``."""
    picture = val.images[index].permute(1, 2, 0).numpy()
    return picture[..., 0] if picture.shape[2] == 1 else picture


def cell_view(
    model: nn.Module,
    mean: list[float] | tuple[float, ...],
    std: list[float] | tuple[float, ...],
    val: ImageArrays,
    probabilities: torch.Tensor,
    names: list[str],
    cell: tuple[int, int],
    *,
    key: str,
    state_key: str,
) -> None:
    """The picked cell: how many images, the most confident ones with their probability, and one explained."""
    true, predicted = cell
    members, count = cell_members(val.labels, probabilities, true, predicted, limit=GALLERY)
    head, close = st.columns([6, 1], vertical_alignment="center")
    if count == 0:
        head.info(t("saliency.empty", true=names[true], predicted=names[predicted]), icon=":material/info:")
    else:
        head.markdown(t("saliency.cell", count=count, true=names[true], predicted=names[predicted]))
    if close.button(t("saliency.clear"), key=f"{key}_close", icon=":material/close:"):
        st.session_state[state_key] = None
        st.rerun()
    if count == 0:
        return
    st.caption(t("saliency.shown", shown=len(members), count=count, predicted=names[predicted]))
    indices = members.tolist()
    columns = st.columns(COLUMNS)
    for i, index in enumerate(indices):
        columns[i % COLUMNS].image(
            _as_picture(val, index), caption=f"#{index} · {float(probabilities[index, predicted]):.0%}", width="stretch"
        )
    with guard():
        _explain(model, mean, std, val, probabilities, names, cell, indices, key)


def _explain(
    model: nn.Module,
    mean: list[float] | tuple[float, ...],
    std: list[float] | tuple[float, ...],
    val: ImageArrays,
    probabilities: torch.Tensor,
    names: list[str],
    cell: tuple[int, int],
    indices: list[int],
    key: str,
) -> None:
    true, predicted = cell
    left, right = st.columns(2)
    index = left.selectbox(
        t("saliency.pick"),
        indices,
        format_func=lambda i: f"#{i} · {float(probabilities[i, predicted]):.0%}",  # as in the gallery
        key=f"{key}_image",
    )
    if index not in indices:  # a pick from an earlier model or cell
        index = indices[0]
    targets = [predicted] if true == predicted else [predicted, true]
    target = right.radio(
        t("saliency.explain"),
        targets,
        format_func=names.__getitem__,  # the predicted class first
        horizontal=True,
        key=f"{key}_target",
    )
    target = target if target in targets else predicted
    x = normalize(val.images[index : index + 1], mean, std)[0]
    picture = _as_picture(val, index)
    shown = st.columns(3)
    shown[0].image(
        _enlarged(picture),
        caption=t(
            "saliency.probabilities",
            true=names[true],
            predicted=names[predicted],
            p_true=float(probabilities[index, true]),
            p_predicted=float(probabilities[index, predicted]),
        ),
        width=SHOWN_WIDTH,
    )
    cells = None
    if any(isinstance(m, nn.Conv2d) for m in model.modules()):
        raw, cam = grad_cam(model, x, target)
        cells = " × ".join(map(str, raw.shape))
        shown[1].image(_enlarged(overlay(picture, cam)), caption=t("saliency.gradcam"), width=SHOWN_WIDTH)
    else:
        shown[1].info(t("saliency.no_conv"), icon=":material/info:")
    heat = gradient_times_input(model, x, target)
    shown[2].image(_enlarged(overlay(picture, heat)), caption=t("saliency.gxi"), width=SHOWN_WIDTH)
    st.caption(t("saliency.meaning", name=names[target], cells=cells or "-"))
    show_code(
        SALIENCY_CODE.format(
            mean=[round(float(v), 4) for v in mean],
            std=[round(float(v), 4) for v in std],
            index=index,
            next_index=index + 1,
            target=target,
            name=names[target],
        )
    )
