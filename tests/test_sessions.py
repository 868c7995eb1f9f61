"""Two learners at once: their uploads, data, models and training runs stay their own.

AppTest gives every app the same session id, which would make ``st.cache_resource(scope="session")`` objects
(the training jobs) shared between the two apps; ``separate_sessions`` gives each AppTest its own id, as two
browser tabs have. The browser version of this check is ``tests/e2e/test_sessions_browser.py``.
"""

from __future__ import annotations

import io
import time

import pytest
import torch
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.local_script_runner import LocalScriptRunner

from lib.finetune_sources import export_checkpoint
from lib.i18n import translate
from lib.models import build_model
from scripts import make_hostile_corpus as corpus
from tests.apptest_helpers import messages, open_page

RUN_WAIT_S = 120


@pytest.fixture
def separate_sessions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Give each AppTest (identified by its session state) a session id of its own."""
    ids: dict[int, str] = {}
    original = LocalScriptRunner.__init__

    def init(self: LocalScriptRunner, script_path: str, session_state: object, *args: object, **kwargs: object) -> None:
        original(self, script_path, session_state, *args, **kwargs)
        self._session_id = ids.setdefault(id(session_state), f"learner-{len(ids)}")

    monkeypatch.setattr(LocalScriptRunner, "__init__", init)


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    corpus.photo(width, height).save(buffer, format="PNG")
    return buffer.getvalue()


def _conv_upload(app: AppTest, name: str, data: bytes) -> None:
    app.session_state["convolution.tab"] = translate("convolution.tab.image", app.session_state["language"])
    app.session_state["convolution.img.source"] = "upload"
    app.run()
    app.file_uploader(key="convolution.img.upload").set_value((name, data, "image/png"))
    app.run()


def _conv_size(app: AppTest) -> str:
    block = next(b.value for b in app.code if "F.conv2d" in b.value and "resized to" in b.value)
    return block.split("resized to ")[1].split(" here")[0]


def test_uploads_and_settings_stay_in_their_session(separate_sessions: None) -> None:
    first, second = open_page("pages/convolution.py"), open_page("pages/convolution.py")
    _conv_upload(first, "wide.png", _png(64, 48))
    _conv_upload(second, "tall.png", _png(20, 30))
    first.session_state["convolution.img.stride"] = 3
    first.run()
    second.run()
    assert not first.exception and not second.exception, messages(first) + messages(second)
    assert _conv_size(first) == "64×48"
    assert _conv_size(second) == "20×30"
    assert second.session_state["convolution.img.stride"] == 1
    assert first.file_uploader(key="convolution.img.upload").value.name == "wide.png"
    assert second.file_uploader(key="convolution.img.upload").value.name == "tall.png"


def _checkpoint(classes: tuple[str, ...]) -> bytes:
    torch.manual_seed(len(classes))
    model = build_model("compact_resnet", len(classes), 3, 64)
    return export_checkpoint(model, "compact_resnet", classes, 64, (0.5,) * 3, (0.25,) * 3)


def _finetune_app(classes: tuple[str, ...]) -> AppTest:
    """The fine-tuning page with an uploaded backbone, the built-in task at its smallest, and one epoch."""
    app = open_page("pages/finetune.py")
    app.session_state["ft_source"] = "checkpoint"
    app.run()
    app.file_uploader(key="ft_ckpt_upload").set_value(("mine.pt", _checkpoint(classes), "application/octet-stream"))
    app.run()
    app.session_state["ft_per_class"] = 5
    app.session_state["ft_epochs"] = 1
    app.run()
    assert not app.exception, messages(app)
    return app


def _running(app: AppTest) -> bool:
    return app.button(key="ft_start").disabled


def _wait_until_idle(app: AppTest) -> None:
    deadline = time.monotonic() + RUN_WAIT_S
    app.run()
    while _running(app):
        assert time.monotonic() < deadline, "the run did not finish"
        time.sleep(0.5)
        app.run()


def test_training_runs_are_separate(separate_sessions: None) -> None:
    first, second = _finetune_app(("cats", "dogs")), _finetune_app(("a", "b", "c"))
    pretraining = {m.label: m.value for m in first.metric}, {m.label: m.value for m in second.metric}
    assert [v for k, v in pretraining[0].items() if "class" in k.lower()] == ["2"]
    assert [v for k, v in pretraining[1].items() if "class" in k.lower()] == ["3"]

    idle = translate("train.live.idle", "en")
    first.button(key="ft_start").click()
    first.run()
    assert not first.exception, messages(first)
    assert not any(i.value == idle for i in first.info)  # running, or already done
    second.run()
    assert not _running(second), "the second learner sees the first learner's run"
    assert any(i.value == idle for i in second.info)

    second.button(key="ft_start").click()
    second.run()
    first.button(key="ft_stop").click()
    first.run()
    _wait_until_idle(second)
    _wait_until_idle(first)
    assert not first.exception and not second.exception, messages(first) + messages(second)
    finished = translate("finetune.run.finetune", "en")
    assert any(m.label == finished for m in second.metric), "stopping the first run stopped the second"
    stopped = translate("train.live.stopped", "en", step=0).split("0")[0]
    assert any(w.value.startswith(stopped) for w in first.warning) or any(m.label == finished for m in first.metric)
    assert {m.label: m.value for m in first.metric}[translate("finetune.source.classes", "en")] == "2"
    assert {m.label: m.value for m in second.metric}[translate("finetune.source.classes", "en")] == "3"
