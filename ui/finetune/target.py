"""Fine-tuning page, step 2: the target data — the built-in few-shot task, a zip, or your classes one by one."""

from __future__ import annotations

import streamlit as st

from lib.data.arrays import ImageArrays
from lib.data.fewshot import make_fewshot_task, make_fewshot_validation
from lib.errors import LessonError
from lib.finetune_camera import remove_frames
from lib.finetune_data import Collection, add_class, add_images, decode_uploads, stratified_split, to_arrays
from ui.common import IMAGE_TYPES, error_message, guard, load_zip_upload, session_stop, show_code, t
from ui.finetune import camera, notices

COLLECTION = "ft_collection"
THUMB = 64
TARGETS = ("builtin", "zip", "own")
ZIP_SIZE = 96  # stored size; training resizes to the chosen input size
ADDED_UPLOADS = "ft_added_uploads"  # session_state: class name -> the file ids its uploader last added


@st.cache_data(show_spinner=False, max_entries=4)
def _builtin(per_class: int) -> tuple[ImageArrays, ImageArrays]:
    return make_fewshot_task(per_class, seed=0, image_size=64), make_fewshot_validation(30, seed=0, image_size=64)


def _zip(data: bytes) -> tuple[ImageArrays, list[tuple[str, str, dict]]]:
    arrays, report = load_zip_upload(data, ZIP_SIZE)
    return arrays, [(s.path, s.reason, dict(s.params)) for s in report.skipped]


def _collection() -> Collection:
    return st.session_state.setdefault(COLLECTION, {})


def _add_uploads(name: str, files: list) -> None:
    """Decode every file safely; add the good ones, name the bad ones; rerun so the panel's title counts them."""
    try:
        good, refused = decode_uploads([(file.name, file.getvalue()) for file in files], stop=session_stop())
    except LessonError as error:  # the session ended while decoding
        st.warning(error_message(error), icon=":material/broken_image:")
        return
    if good:
        try:
            add_images(_collection(), name, good)
        except LessonError as error:  # the class is full: said after the rerun, like the rest of the report
            notices.add(name, "error", error_message(error))
        else:
            notices.add(name, "success", t("finetune.target.added", count=len(good), name=name))
    for file_name, error in refused:
        notices.add(name, "warning", f"{file_name}: {error_message(error)}", ":material/broken_image:")
    st.rerun()


def _class_panel(name: str, index: int) -> None:
    images = _collection()[name]
    # the title changes with every burst or upload, which redraws the panel: keep the one being worked on open
    recording = st.session_state.get(f"ft_camera_on_{index}", False)
    opened = recording or not images or notices.worked_on(name)
    with st.expander(t("finetune.target.class_title", name=name, count=len(images)), expanded=opened):
        files = st.file_uploader(
            t("finetune.target.upload", name=name),
            type=IMAGE_TYPES,
            accept_multiple_files=True,
            key=f"ft_files_{index}",
        )
        added = st.session_state.setdefault(ADDED_UPLOADS, {})
        ids = [file.file_id for file in files or []]
        fresh = ids != added.get(name)  # the same files added twice would be duplicates
        if files and fresh and st.button(t("finetune.target.add_files", count=len(files)), key=f"ft_add_files_{index}"):
            added[name] = ids
            _add_uploads(name, files)
        if st.toggle(t("finetune.target.use_camera"), key=f"ft_camera_on_{index}"):
            camera.render(_collection(), name, index)
        notices.show(name)
        if images:
            st.image(
                [img.permute(1, 2, 0).numpy() for img in images],
                width=THUMB,
                caption=[str(i) for i in range(len(images))],
            )
            remove = st.multiselect(
                t("finetune.target.remove"),
                list(range(len(images))),
                key=f"ft_remove_{index}",
                placeholder=t("common.choose"),
            )
            if remove and st.button(
                t("finetune.target.remove_button", count=len(remove)), key=f"ft_remove_btn_{index}"
            ):
                remove_frames(_collection(), name, remove)
                st.session_state[camera.LAST_BURST] = None  # positions moved: the last burst is no longer the tail
                st.rerun()
        if st.button(t("finetune.target.delete_class"), key=f"ft_delete_{index}", type="tertiary"):
            del _collection()[name]
            st.rerun()


def _own_classes() -> ImageArrays | None:
    st.caption(t("finetune.target.own_help"))
    with st.form("ft_new_class", clear_on_submit=True, border=False):
        cols = st.columns([3, 1], vertical_alignment="bottom")
        name = cols[0].text_input(t("finetune.target.class_name"), key="ft_class_name", max_chars=40)
        if cols[1].form_submit_button(t("finetune.target.add_class")):
            with guard():
                add_class(_collection(), name)
    for index, name in enumerate(list(_collection())):
        _class_panel(name, index)
    if len(_collection()) < 2:
        st.info(t("finetune.target.need_classes"), icon=":material/info:")
        return None
    try:
        return to_arrays(_collection())
    except LessonError as error:
        st.warning(error_message(error), icon=":material/warning:")
        return None


def _builtin_task() -> tuple[ImageArrays, ImageArrays]:
    st.caption(t("finetune.target.builtin_help"))
    per_class = st.slider(t("finetune.target.per_class"), 5, 50, 20, 5, key="ft_per_class")
    train, val = _builtin(per_class)
    show_code(
        "from lib.data.fewshot import make_fewshot_task, make_fewshot_validation\n\n"
        f"train = make_fewshot_task(n_per_class={per_class}, seed=0, image_size=64)\n"
        "val = make_fewshot_validation(n_per_class=30, seed=0, image_size=64)"
    )
    return train, val


def _zip_task() -> ImageArrays | None:
    upload = st.file_uploader(t("finetune.target.zip_upload"), type=["zip"], key="ft_zip")
    if upload is None:
        return None
    try:
        arrays, skipped = _zip(upload.getvalue())
    except LessonError as error:
        st.error(error_message(error), icon=":material/folder_zip:")
        return None
    if skipped:
        with st.expander(t("finetune.target.skipped", count=len(skipped)), icon=":material/warning:"):
            st.write("\n".join(f"- `{path}`: {t(reason, **params)}" for path, reason, params in skipped[:50]))
    return arrays


def _show_counts(train: ImageArrays, val: ImageArrays) -> None:
    counts = {name: int((train.labels == k).sum()) for k, name in enumerate(train.classes)}
    st.write(t("finetune.target.summary", train=len(train), val=len(val), classes=len(train.classes)))
    st.bar_chart(counts, horizontal=True, height=40 + 24 * len(counts))


def render() -> tuple[ImageArrays, ImageArrays] | None:
    """The (train, validation) split of the chosen target data, or None while it is not usable yet."""
    target = st.radio(
        t("finetune.target.label"),
        TARGETS,
        format_func={s: t(f"finetune.target.{s}") for s in TARGETS}.__getitem__,
        horizontal=True,
        key="ft_target",
    )
    if target == "builtin":
        train, val = _builtin_task()
        _show_counts(train, val)
        return train, val
    data = _zip_task() if target == "zip" else _own_classes()
    if data is None:
        return None
    try:
        train, val = stratified_split(data, 0.25, seed=0)
    except LessonError as error:
        st.warning(error_message(error), icon=":material/warning:")
        return None
    _show_counts(train, val)
    show_code(
        "from lib.finetune_data import stratified_split\n\n"
        f"train, val = stratified_split(data, val_fraction=0.25, seed=0)  # {len(train)} + {len(val)} images"
    )
    return train, val
