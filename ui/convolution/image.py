"""Section 4: a chosen or edited kernel applied to a real image (uploaded or a built-in sample)."""

from __future__ import annotations

import streamlit as st
import torch
from streamlit.delta_generator import DeltaGenerator

from lib.convolution import DISPLAYS, KERNELS, feature_to_image, filter_image, image_to_tensor, kernel_tensor
from lib.images import fit_within
from lib.sample_images import SAMPLES, sample_image
from ui.common import guard, show_code, t, uploaded_image
from ui.convolution.widgets import current_matrix, labels, literal, matrix_editor, resize_matrix, set_matrix

P = "convolution.img"
MAX_SIDE = 512  # keeps the convolution instant on a shared CPU
MAX_KERNEL = 15


def _load_preset() -> None:
    kernel = kernel_tensor(st.session_state[f"{P}.preset"])
    st.session_state[f"{P}.ksize"] = kernel.shape[0]
    st.session_state[f"{P}.padding"] = kernel.shape[0] // 2
    set_matrix(f"{P}.k", kernel)


def _resize() -> None:
    size = st.session_state[f"{P}.ksize"]
    resize_matrix(f"{P}.k", size, size, torch.zeros(size, size))
    st.session_state[f"{P}.padding"] = min(size // 2, 7)


@st.cache_data(max_entries=8, show_spinner=False)
def _sample(name: str) -> object:
    return sample_image(name)


def _forget() -> None:
    st.session_state.pop(f"{P}.kept", None)
    st.session_state.pop(f"{P}.restored", None)


def _upload() -> object | None:
    """The uploaded photo; one uploaded earlier stays (downsized) while the uploader is hidden by a closed tab.

    A file uploader cannot be refilled, so the photo is kept in the session until a new upload replaces it,
    the learner removes it, or they empty the uploader while it shows.
    """
    state = st.session_state
    was_hidden = f"{P}.upload" not in state  # the uploader was not drawn in the last run
    image = uploaded_image(t("convolution.img.upload"), key=f"{P}.upload")
    if image is not None:
        state[f"{P}.kept"], _ = fit_within(image, MAX_SIDE)
        state.pop(f"{P}.restored", None)
        return image
    kept = state.get(f"{P}.kept")
    if kept is not None and (was_hidden or state.get(f"{P}.restored")):
        state[f"{P}.restored"] = True
        st.caption(t("convolution.img.kept"))
        st.button(t("convolution.img.forget"), key=f"{P}.forget", on_click=_forget, icon=":material/delete:")
        return kept
    _forget()  # the learner emptied the uploader
    st.info(t("convolution.img.upload_hint"))
    return None


def _image(source_column: DeltaGenerator, image_column: DeltaGenerator) -> object | None:
    """The source choice in one column and the sample picker or the uploader in the other."""
    source = source_column.radio(
        t("convolution.img.source"),
        ("sample", "upload"),
        format_func=labels("convolution.img.source"),
        key=f"{P}.source",
        persist_state="session",
    )
    if source == "upload":
        with image_column:
            return _upload()
    name = image_column.selectbox(
        t("convolution.img.sample"),
        list(SAMPLES),
        format_func=labels("convolution.img.sample"),
        key=f"{P}.sample",
        persist_state="session",
    )
    return _sample(name)


def render() -> None:
    """Pick an image and a kernel; see the feature map F.conv2d makes (the pictures first, the kernel below)."""
    st.write(t("convolution.img.intro"))
    if f"{P}.loaded" not in st.session_state:
        st.session_state[f"{P}.loaded"] = True
        st.session_state[f"{P}.preset"] = "sobel_x"
        _load_preset()
    top = st.columns([2, 3, 3, 2], vertical_alignment="bottom")
    image = _image(top[0], top[1])
    top[2].selectbox(
        t("convolution.step.kernel_preset"),
        list(KERNELS),
        format_func=labels("convolution.kernel"),
        key=f"{P}.preset",
        persist_state="session",
        on_change=_load_preset,
    )
    with top[3].popover(t("convolution.step.settings"), icon=":material/tune:", width="stretch"):
        grayscale = st.toggle(
            t("convolution.img.grayscale"),
            value=True,
            key=f"{P}.gray",
            persist_state="session",
            help=t("convolution.img.grayscale_help"),
        )
        stride = st.number_input(
            t("convolution.calc.param.stride"), 1, 8, 1, key=f"{P}.stride", persist_state="session"
        )
        padding = st.number_input(
            t("convolution.calc.param.padding"), 0, 7, key=f"{P}.padding", persist_state="session"
        )
        how = st.selectbox(
            t("convolution.img.display"),
            DISPLAYS,
            index=DISPLAYS.index("rescale"),
            format_func=labels("convolution.img.display"),
            key=f"{P}.display",
            persist_state="session",
        )
    pictures = st.container()
    with st.expander(t("convolution.img.edit"), icon=":material/edit:", expanded=True):
        left, right = st.columns([1, 2])
        left.number_input(
            t("convolution.img.ksize"), 1, MAX_KERNEL, key=f"{P}.ksize", persist_state="session", on_change=_resize
        )
        size = st.session_state[f"{P}.ksize"]
        with right:
            kernel = matrix_editor(
                f"{P}.k", current_matrix(f"{P}.k", torch.zeros(size, size)), t("convolution.img.kernel")
            )
    if image is None or kernel is None:
        return
    image, scale = fit_within(image, MAX_SIDE)
    with pictures, guard():
        if scale < 1:
            st.caption(t("convolution.img.scaled", side=MAX_SIDE, width=image.width, height=image.height))
        x = image_to_tensor(image, grayscale)
        feature = filter_image(x, kernel, stride, padding)
        left, right = st.columns(2)
        left.image(
            feature_to_image(x, "clip"),
            width="stretch",
            caption=t("convolution.img.input_caption", shape=tuple(x.shape)),
        )
        right.image(
            feature_to_image(feature, how),
            width="stretch",
            caption=t(
                "convolution.img.output_caption",
                shape=tuple(feature.shape),
                low=f"{float(feature.min()):.3g}",
                high=f"{float(feature.max()):.3g}",
            ),
        )
    convert = '"L"' if grayscale else '"RGB"'
    show_code(
        f"""import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

image = Image.open("your_image.png").convert({convert})  # resized to {image.width}×{image.height} here
x = torch.from_numpy(np.asarray(image, dtype=np.float32) / 255)
x = x[None] if x.dim() == 2 else x.permute(2, 0, 1)  # (C, H, W)
kernel = torch.tensor({literal(kernel)})
weight = kernel.expand(x.shape[0], 1, *kernel.shape)  # the same kernel for every channel
feature = F.conv2d(x[None], weight, stride={stride}, padding={padding}, groups=x.shape[0])[0]
print(feature.shape, feature.min(), feature.max())"""
    )
