"""UI helpers every page uses: translated text, the code panel, and turning errors into messages."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
import torch
from PIL import Image

from lib.data.arrays import ImageArrays
from lib.data.imagefolder_zip import ZipReport, load_imagefolder_zip
from lib.errors import LessonError
from lib.i18n import DEFAULT_LANGUAGE, translate
from lib.images import load_image

IMAGE_TYPES = ["png", "jpg", "jpeg", "gif", "bmp", "webp", "tif", "tiff"]

log = logging.getLogger(__name__)


def language() -> str:
    """The language the learner picked in the sidebar."""
    return st.session_state.get("language", DEFAULT_LANGUAGE)


def t(key: str, **values: object) -> str:
    """``key``'s text in the learner's language."""
    return translate(key, language(), **values)


def show_code(code: str, *, expanded: bool = False) -> None:
    """A collapsible, copyable PyTorch snippet that reproduces the result above it."""
    with st.expander(t("common.code"), expanded=expanded, icon=":material/code:"):
        st.code(code.strip(), language="python")


def error_message(error: Exception) -> str:
    """What to tell the learner about ``error``, in their language."""
    if isinstance(error, LessonError):
        return error.localized(language())
    if isinstance(error, torch.OutOfMemoryError):
        return t("common.error.oom")
    if isinstance(error, ValueError):
        return str(error)
    return t("common.error.unexpected", kind=type(error).__name__, detail=str(error)[:300])


@contextmanager
def guard() -> Iterator[None]:
    """Show any error raised inside the block as a message instead of a traceback; the page goes on."""
    try:
        yield
    except Exception as error:  # the whole point: nothing reaches the learner raw
        if not isinstance(error, (ValueError, torch.OutOfMemoryError)):
            log.exception("unexpected error on a page")
        st.error(error_message(error), icon=":material/error:")


@st.cache_resource(scope="session", on_release=lambda stop: stop.set(), show_spinner=False)
def session_stop() -> threading.Event:
    """An event set when this browser session ends: long work on an upload checks it and stops within seconds."""
    return threading.Event()


@st.cache_resource(scope="session", max_entries=8, show_spinner=False)
def _decode(data: bytes) -> Image.Image | LessonError:
    """Decoded uploads, per session (freed when its tab closes), at most the size pages use (``MAX_SIDE``).

    Eight entries hold a page's six detection photos without evicting one on every rerun; each is at most
    1024×1024 RGB (3 MB). A refusal is kept too, so a file that took the whole decode deadline is not decoded
    again on every rerun.
    """
    try:
        return load_image(data, stop=session_stop())
    except LessonError as error:
        return error


@st.cache_resource(scope="session", max_entries=1, show_spinner=False)
def _zip(data: bytes, image_size: int) -> tuple[ImageArrays, ZipReport] | LessonError:
    try:
        return load_imagefolder_zip(data, image_size=image_size, stop=session_stop())
    except LessonError as error:
        return error


def load_zip_upload(data: bytes, image_size: int) -> tuple[ImageArrays, ZipReport]:
    """An uploaded ImageFolder zip, loaded once per session and freed when its tab closes.

    The work stops within a second when the session ends; a refusal is kept too, so a zip that spent its whole
    decode budget is not decoded again on every rerun. Raises the refusal (a ``LessonError``).
    """
    loaded = _zip(data, image_size)
    if isinstance(loaded, LessonError):
        raise LessonError(loaded.key, **loaded.params)
    return loaded


def decoded_upload(data: bytes) -> Image.Image:
    """An uploaded image decoded safely, once per session and freed when its tab closes; raises the refusal.

    For pages with their own uploader (several files at once); a single photo is simpler with ``uploaded_image``.
    """
    decoded = _decode(data)
    if isinstance(decoded, LessonError):
        raise LessonError(decoded.key, **decoded.params)
    return decoded


def uploaded_image(label: str, *, key: str, help: str | None = None) -> Image.Image | None:
    """A photo uploader that decodes safely: returns upright RGB, or ``None`` after a clear message."""
    upload = st.file_uploader(label, type=IMAGE_TYPES, key=key, help=help)
    if upload is None:
        return None
    decoded = _decode(upload.getvalue())
    if isinstance(decoded, LessonError):
        st.error(error_message(decoded), icon=":material/broken_image:")
        return None
    return decoded
