"""Label your own photos: add them (upload or camera), drag boxes on them, edit the box table, save/load a zip.

The labelled set lives in session state (``lib.detection_labels.LabelSet``); every change bumps a version that
is part of the chart's and the table's widget keys, so a new box or a loaded set starts them afresh.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lib.detection_figures import boxes_figure
from lib.detection_labels import (
    MAX_IMAGE_SIDE,
    MAX_IMAGES,
    Box,
    LabelSet,
    boxes_from_rows,
    check_label,
    load_zip,
    save_zip,
    selection_box,
)
from lib.errors import LessonError
from lib.images import load_image
from ui.common import IMAGE_TYPES, error_message, guard, session_stop, show_code, t

STATE = "det_own_labels"
GALLERY_COLUMNS = 4
THUMBNAIL = 240


def label_set() -> LabelSet:
    """This session's labelled set (empty at first)."""
    if STATE not in st.session_state:
        st.session_state[STATE] = LabelSet()
    return st.session_state[STATE]


def _version() -> int:
    return st.session_state.get("det_own_version", 0)


def _changed() -> None:
    st.session_state["det_own_version"] = _version() + 1


def _add_uploads(labels: LabelSet) -> None:
    """New uploads and camera shots join the set once each (a rerun does not add them again)."""
    seen: set[str] = st.session_state.setdefault("det_own_seen", set())
    uploads = list(
        st.file_uploader(
            t("detection.own.add_photos", n=MAX_IMAGES), type=IMAGE_TYPES, accept_multiple_files=True, key="det_own_up"
        )
        or []
    )
    if st.toggle(t("detection.own.camera_on"), key="det_own_cam_on"):
        shot = st.camera_input(t("detection.own.camera"), key="det_own_cam")
        if shot is not None:
            uploads.append(shot)
    for upload in uploads:
        if upload.file_id in seen:
            continue
        seen.add(upload.file_id)
        try:
            image = load_image(upload.getvalue(), max_side=MAX_IMAGE_SIDE, stop=session_stop())
            st.session_state["det_own_photo"] = labels.add(upload.name, image).name
            _changed()
        except LessonError as error:
            st.error(f"{upload.name}: {error_message(error)}", icon=":material/broken_image:")


def _load(labels: LabelSet) -> None:
    """A labelled set from a zip replaces the session's set (once per file)."""
    upload = st.file_uploader(t("detection.own.load"), type=["zip"], key="det_own_zip")
    if upload is None or upload.file_id == st.session_state.get("det_own_zip_done"):
        return
    st.session_state["det_own_zip_done"] = upload.file_id
    with guard():
        loaded = load_zip(upload.getvalue(), stop=session_stop())
        labels.images[:] = loaded.images
        st.session_state["det_own_photo"] = labels.images[0].name if labels.images else None
        _changed()
        st.success(t("detection.own.loaded", images=len(labels.images), boxes=labels.box_count()))


def _figure(image, boxes: list[Box]) -> go.Figure:
    """The photo with its boxes, drawn by the browser, ready for box selection (an invisible grid of points
    over the picture gives Plotly something to select)."""
    figure = boxes_figure(image, [b.xyxy() for b in boxes], [b.label for b in boxes], height=440)
    xs = [image.width * (i + 0.5) / 24 for i in range(24)]
    ys = [image.height * (j + 0.5) / 18 for j in range(18)]
    grid = go.Scatter(
        x=[x for x in xs for _ in ys],
        y=[y for _ in xs for y in ys],
        mode="markers",
        marker={"opacity": 0, "size": 4},
        hoverinfo="skip",
        showlegend=False,
    )
    figure.add_trace(grid)
    figure.update_layout(dragmode="select", newselection={"line": {"color": "#ff3b30", "width": 2}})
    return figure


def _rows(boxes: list[Box]) -> pd.DataFrame:
    return pd.DataFrame(
        [[b.label, round(b.x1), round(b.y1), round(b.x2), round(b.y2)] for b in boxes],
        columns=["label", "x1", "y1", "x2", "y2"],
    )


def _table(item, label: str) -> None:
    """The editable box table of the photo; a valid edit replaces its boxes."""
    base = st.session_state.setdefault("det_own_table_base", {})
    key = f"det_own_table_{item.name}_{_version()}"
    if key not in base:
        base.clear()
        base[key] = _rows(item.boxes)
    edited = st.data_editor(
        base[key],
        num_rows="dynamic",
        key=key,
        hide_index=True,
        width="stretch",
        column_config={
            "label": st.column_config.TextColumn(t("detection.own.col.label"), default=label),
            **{axis: st.column_config.NumberColumn(axis, min_value=0, step=1) for axis in ("x1", "y1", "x2", "y2")},
        },
    )
    rows = [
        {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in r.items()}
        for r in edited.to_dict("records")
    ]
    with guard():
        boxes = boxes_from_rows(rows, *item.image.size)
        if [(*b.xyxy(), b.label) for b in boxes] != [(*map(round, b.xyxy()), b.label) for b in item.boxes]:
            item.boxes[:] = boxes


def _label_photo(labels: LabelSet) -> None:
    names = [item.name for item in labels.images]
    if st.session_state.get("det_own_photo") not in names:
        st.session_state["det_own_photo"] = names[0]
    left, right = st.columns([2, 1], gap="medium")
    below = st.container()
    with right:
        name = st.selectbox(t("detection.own.photo"), names, key="det_own_photo")
        typed = st.text_input(
            t("detection.own.class"), value=labels.classes[0] if labels.classes else "", key="det_own_class"
        )
        item = labels.find(name)
        label = None
        try:
            label = check_label(typed)
        except LessonError as error:
            if typed:
                st.error(error_message(error))
        if label is not None:
            st.caption(t("detection.own.draw_help", cls=label))
        if st.button(t("detection.own.remove"), key="det_own_remove", icon=":material/delete:"):
            labels.images.remove(item)
            _changed()
            st.rerun()
    with below:
        st.caption(t("detection.own.table"))
        _table(item, label or "")  # before the chart, so an edit shows on the photo at once
    with left:
        event = st.plotly_chart(
            _figure(item.image, item.boxes),
            key=f"det_own_chart_{_version()}",
            on_select="rerun",
            selection_mode="box",
            config={"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d"]},
        )
    selected = event.selection if event else {}
    if selected.get("box") and label is not None:
        new = selection_box(selected, *item.image.size)
        if new is None:
            st.warning(t("detection.own.outside"))
        else:
            item.boxes.append(Box(*new, label))
            _changed()
            st.rerun()


def _gallery(labels: LabelSet) -> None:
    classes = ", ".join(labels.classes) or t("detection.own.no_classes")
    st.markdown(
        f"**{t('detection.own.gallery', images=len(labels.images), boxes=labels.box_count(), classes=classes)}**"
    )
    columns = st.columns(GALLERY_COLUMNS)
    for index, item in enumerate(labels.images):
        scale = THUMBNAIL / max(item.image.size)
        small = item.image.resize((max(1, round(item.image.width * scale)), max(1, round(item.image.height * scale))))
        boxes = [[v * scale for v in b.xyxy()] for b in item.boxes]
        figure = boxes_figure(small, boxes, [b.label for b in item.boxes], widths=2, height=150)
        with columns[index % GALLERY_COLUMNS]:
            st.plotly_chart(figure, key=f"det_own_thumb_{index}_{_version()}", config={"staticPlot": True})
            st.caption(item.name)


def _save(labels: LabelSet) -> None:
    # Table edits change boxes without a new version (the editor keeps its own state): key on the boxes too.
    signature = (_version(), tuple((i.name, tuple((*b.xyxy(), b.label) for b in i.boxes)) for i in labels.images))
    cached = st.session_state.get("det_own_zip_bytes")
    if cached is None or cached[0] != signature:
        cached = (signature, save_zip(labels))
        st.session_state["det_own_zip_bytes"] = cached
    st.download_button(
        t("detection.own.save"),
        cached[1],
        file_name="your_objects.zip",
        mime="application/zip",
        key="det_own_save",
        icon=":material/download:",
    )


def render() -> LabelSet:
    """The labeling section; returns the labelled set for training."""
    labels = label_set()
    upload_column, load_column = st.columns(2, gap="medium")
    with upload_column:
        _add_uploads(labels)
    with load_column:
        _load(labels)
    if not labels.images:
        st.info(t("detection.own.empty"), icon=":material/add_photo_alternate:")
        return labels
    _label_photo(labels)
    _gallery(labels)
    _save(labels)
    show_code("""
import json
from pycocotools.coco import COCO
from lib.detection_labels import load_zip, save_zip, to_coco

labels = load_zip(open("your_objects.zip", "rb").read())  # photos + annotations.json (COCO) or VOC XML
coco = json.dumps(to_coco(labels))                        # bbox = [x, y, width, height] in the photo's pixels
open("annotations.json", "w").write(coco)
print(COCO("annotations.json").getCatIds())               # pycocotools reads it back
""")
    return labels
