"""The fine-tuning page end to end under AppTest: a tiny fine-tune vs scratch, your own classes, bad input."""

from __future__ import annotations

import io
import time

import pytest
from PIL import Image

from lib.i18n import translate
from tests.apptest_helpers import messages, open_page

PAGE = "pages/finetune.py"


def png(color: str, size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def wait_for_results(app, lang: str, timeout: float = 90.0) -> None:
    """Rerun until the background job has finished and the results section is drawn."""
    heading = translate("finetune.results.changed", lang)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        time.sleep(0.5)
        app.run()
        if any(sub.value == heading for sub in app.subheader):
            return
    raise AssertionError(f"no results after {timeout} s: {messages(app)}")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tiny_fine_tune_vs_scratch_end_to_end(lang: str) -> None:
    app = open_page(PAGE, lang)
    assert not app.exception and not app.error, messages(app)
    app.slider(key="ft_per_class").set_value(5).run()
    app.select_slider(key="ft_size").set_value(32).run()
    app.slider(key="ft_epochs").set_value(1).run()
    app.toggle(key="ft_aug_on").set_value(False).run()
    app.button(key="ft_start").click().run()
    assert not app.exception and not app.error, messages(app)
    wait_for_results(app, lang)
    assert not app.exception and not app.error, messages(app)
    labels = [m.label for m in app.metric]
    assert translate("finetune.run.finetune", lang) in labels and translate("finetune.results.gap", lang) in labels
    gap = next(m.value for m in app.metric if m.label == translate("finetune.results.gap", lang))
    assert gap.endswith("%")


def test_own_classes_with_uploads_duplicates_and_bad_files() -> None:
    app = open_page(PAGE, "en")
    app.radio(key="ft_target").set_value("own").run()
    for name in ("red", "blue"):
        app.text_input(key="ft_class_name").set_value(name)
        app.button[0].click()  # the form's submit button is the first button on the page
        app.run()
    assert not app.exception and not app.error, messages(app)
    app.text_input(key="ft_class_name").set_value(" RED ")
    app.button[0].click()
    app.run()
    assert any("already a class 'red'" in e.value for e in app.error)
    app.file_uploader(key="ft_files_0").set_value(
        [("r1.png", png("red"), "image/png"), ("r2.png", png("red"), "image/png"), ("bad.png", b"nope", "image/png")]
    ).run()
    app.button(key="ft_add_files_0").click().run()
    assert any("bad.png" in w.value for w in app.warning)
    app.file_uploader(key="ft_files_1").set_value(
        [(f"b{i}.png", png("blue", (30, 60)), "image/png") for i in range(3)]
    ).run()
    app.button(key="ft_add_files_1").click().run()
    assert not app.exception, messages(app)
    summary = translate("finetune.target.summary", "en", train=3, val=2, classes=2)
    assert any(summary in m.value for m in app.markdown), [m.value for m in app.markdown]
    assert len(app.session_state["ft_collection"]["red"]) == 2


def test_checkpoint_source_refuses_a_wrong_file() -> None:
    app = open_page(PAGE, "en")  # AppTest formats radio options outside the session, i.e. in English
    app.radio(key="ft_source").set_value("checkpoint").run()
    app.file_uploader(key="ft_ckpt_upload").set_value(("x.pt", b"not a checkpoint", "application/octet-stream")).run()
    assert not app.exception
    assert [e.value for e in app.error] == [translate("checkpoint.error.not_checkpoint", "en")]
