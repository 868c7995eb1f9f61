"""What a session keeps of an upload: its own decode, released when the session ends (issue 14, memory over time).

Detection used to decode its photos into a process-wide ``st.cache_data`` (16 entries, no expiry): a closed
session's photos stayed in the server, and one learner's photo was served from another learner's decode.
"""

from __future__ import annotations

import gc
import io
import weakref

import pytest
from PIL import Image
from streamlit.runtime import caching

import ui.common
from scripts import make_hostile_corpus as corpus
from tests.apptest_helpers import messages, open_page
from tests.test_sessions import separate_sessions  # noqa: F401 -- the fixture

PAGE = "pages/detection.py"

pytestmark = pytest.mark.slow  # two detection pages with a 2000×1500 photo: ~20 s of CPU


def _jpeg(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    corpus.photo(width, height).save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def test_detection_photos_are_decoded_per_session_and_released_when_it_ends(
    separate_sessions: None,  # noqa: F811
    monkeypatch,
) -> None:
    decoded: list[weakref.ref[Image.Image]] = []
    load_image = ui.common.load_image

    def spy(data: bytes, **options: object) -> Image.Image:
        image = load_image(data, **options)
        decoded.append(weakref.ref(image))
        return image

    monkeypatch.setattr(ui.common, "load_image", spy)
    photo = _jpeg(2000, 1500)
    first, second = open_page(PAGE), open_page(PAGE)
    for app in (first, second):
        app.multiselect(key="det_run_builtins").set_value([])  # only the photo is detected
        app.file_uploader(key="det_run_upload").set_value([("photo.jpg", photo, "image/jpeg")]).run()
        assert not app.exception, messages(app)
        assert "photo.jpg" in [h.value for h in app.subheader]
    first.run()  # a rerun reuses the session's decode
    assert len(decoded) == 2, "each learner's photo is decoded in their own session, once"
    assert decoded[0]() is not None and decoded[0]().size == (1024, 768)  # reduced to the size pages use

    # The first learner closes the tab: Streamlit clears that session's caches (AppSession.clear_session_caches).
    session_id = "learner-0"
    caching.clear_session_data_cache(session_id)
    caching.clear_session_resource_cache(session_id)
    del first
    gc.collect()
    assert decoded[0]() is None, "a closed session's decoded photo is released"
    assert decoded[1]() is not None, "the other learner's stays theirs"
