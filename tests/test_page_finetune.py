"""The fine-tuning page end to end under AppTest: a tiny fine-tune vs scratch, your own classes, bad input."""

from __future__ import annotations

import io
import json
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


def wait_for_results(app, lang: str, timeout: float = 600.0) -> None:
    """Rerun until the background job has finished and the results (the gap metrics) are drawn."""
    label = translate("finetune.results.gap", lang)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        time.sleep(0.5)
        app.run()
        if any(m.label == label for m in app.metric):
            return
    raise AssertionError(f"no results after {timeout} s: {messages(app)}")


def chart_accuracies(app, lang: str) -> dict[str, float]:
    """The last validation accuracy of each run in the live chart (AppTest keeps a Plotly chart as its JSON)."""
    spec = json.loads(next(iter(app.get("plotly_chart"))).proto.spec)
    names = {translate(f"finetune.run.{run}", lang): run for run in ("finetune", "scratch")}
    return {names[trace["name"]]: trace["y"][-1] for trace in spec["data"] if "yaxis" not in trace}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tiny_fine_tune_vs_scratch_end_to_end(lang: str) -> None:
    app = open_page(PAGE, lang)
    assert not app.exception and not app.error, messages(app)
    app.slider(key="ft_per_class").set_value(10).run()
    app.slider(key="ft_epochs").set_value(2).run()
    app.toggle(key="ft_aug_on").set_value(False).run()
    app.button(key="ft_start").click().run()
    assert not app.exception and not app.error, messages(app)
    wait_for_results(app, lang)
    assert not app.exception and not app.error, messages(app)
    shown = {m.label: float(m.value.rstrip("%")) / 100 for m in app.metric if m.value.endswith("%")}
    tuned, scratch = (shown[translate(f"finetune.run.{run}", lang)] for run in ("finetune", "scratch"))
    job = chart_accuracies(app, lang)  # the job's own per-epoch results, as the live chart drew them
    assert tuned == pytest.approx(job["finetune"], abs=0.0005) and scratch == pytest.approx(job["scratch"], abs=0.0005)
    assert shown[translate("finetune.results.gap", lang)] == pytest.approx(tuned - scratch, abs=0.0011)
    assert tuned > scratch + 0.2  # the lesson: pretrained features win on a few images per class


def add_class(app):
    """The class form's submit button (found by its label: Start and Stop come first on the page)."""
    return next(b for b in app.button if b.label == translate("finetune.target.add_class", "en"))


def test_own_classes_with_uploads_duplicates_and_bad_files() -> None:
    app = open_page(PAGE, "en")
    app.radio(key="ft_target").set_value("own").run()
    for name in ("red", "blue"):
        app.text_input(key="ft_class_name").set_value(name)
        add_class(app).click()
        app.run()
    assert not app.exception and not app.error, messages(app)
    app.text_input(key="ft_class_name").set_value(" RED ")
    add_class(app).click()
    app.run()
    assert any("already a class 'red'" in e.value for e in app.error)
    app.file_uploader(key="ft_files_0").set_value(
        [("r1.png", png("red"), "image/png"), ("r2.png", png("red"), "image/png"), ("bad.png", b"nope", "image/png")]
    ).run()
    app.button(key="ft_add_files_0").click().run()
    assert any("bad.png" in w.value for w in app.warning)
    # the panel's title counts what was just added (it was drawn before the files were added: one image behind)
    assert translate("finetune.target.class_title", "en", name="red", count=2) in [e.label for e in app.expander]
    assert not [b for b in app.button if b.key == "ft_add_files_0"]  # these files are in: no second "Add" of them
    app.file_uploader(key="ft_files_1").set_value(
        [(f"b{i}.png", png("blue", (30, 60)), "image/png") for i in range(3)]
    ).run()
    app.button(key="ft_add_files_1").click().run()
    assert not app.exception, messages(app)
    summary = translate("finetune.target.summary", "en", train=3, val=2, classes=2)
    assert any(summary in m.value for m in app.markdown), [m.value for m in app.markdown]
    assert len(app.session_state["ft_collection"]["red"]) == 2


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_uploads_into_a_full_class_say_so_after_the_rerun(lang: str) -> None:
    """Adding uploads reruns the page (the title counts them): the class-full message must survive that rerun."""
    import torch

    from lib.finetune_data import MAX_PER_CLASS

    app = open_page(PAGE, lang)
    app.radio(key="ft_target").set_value("own").run()
    app.session_state["ft_collection"] = {"red": [torch.zeros(3, 96, 96, dtype=torch.uint8)] * (MAX_PER_CLASS - 1)}
    app.run()
    app.file_uploader(key="ft_files_0").set_value([(f"r{i}.png", png("red"), "image/png") for i in range(3)]).run()
    app.button(key="ft_add_files_0").click().run()
    assert not app.exception
    full = translate("finetune.error.class_full", lang, name="red", most=MAX_PER_CLASS)
    assert full in [e.value for e in app.error], messages(app)
    assert len(app.session_state["ft_collection"]["red"]) == MAX_PER_CLASS - 1


def test_checkpoint_source_refuses_a_wrong_file() -> None:
    app = open_page(PAGE, "en")  # AppTest formats radio options outside the session, i.e. in English
    app.radio(key="ft_source").set_value("checkpoint").run()
    app.file_uploader(key="ft_ckpt_upload").set_value(("x.pt", b"not a checkpoint", "application/octet-stream")).run()
    assert not app.exception
    assert [e.value for e in app.error] == [translate("checkpoint.error.not_checkpoint", "en")]


def test_summary_names_the_backbone_for_the_learner_in_chinese() -> None:
    app = open_page(PAGE, "zh")
    summary = next(c.value for c in app.caption if "个类别" in c.value and "微调" in c.value)
    assert "紧凑 ResNet（64×64）" in summary and "compact_resnet" not in summary
