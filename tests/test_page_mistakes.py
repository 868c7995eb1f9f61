"""AppTests of the clickable confusion matrix (ui/mistakes.py) on Train (a checkpoint-loaded model) and Fine-tuning.

AppTest cannot click a Plotly chart: the tests set the pick the chart's selection callback would store
(the cell's class names in session_state) and check the gallery against what lib computes.
"""

from __future__ import annotations

import json

import pytest
import torch
from streamlit.testing.v1 import AppTest

from lib.checkpoints import checkpoint_bytes, make_meta
from lib.data.arrays import ImageArrays
from lib.data.fewshot import make_fewshot_validation
from lib.data.shapes import make_shapes
from lib.evaluate import cell_members, confusion_matrix, predict
from lib.i18n import translate
from lib.models import build_model
from lib.train import DEFAULT_RUN
from tests.apptest_helpers import messages, open_small_train
from ui.mistakes import GALLERY, cell_from_selection

MEAN, STD = (0.5, 0.5, 0.5), (0.25, 0.25, 0.25)


def checkpoint(classes: tuple[str, ...], seed: int) -> bytes:
    torch.manual_seed(seed)
    model = build_model("lenet", num_classes=len(classes), in_channels=3, image_size=16)
    return checkpoint_bytes(model, make_meta("lenet", classes, 3, 16, MEAN, STD, task="classification"))


def confusion_counts(app: AppTest, key: str) -> list[list[int]]:
    """The counts drawn in the matrix (the heatmap's z, as AppTest keeps the chart's JSON spec)."""
    chart = next(element for element in app.get("plotly_chart") if key in element.proto.id)
    return json.loads(chart.proto.spec)["data"][0]["z"]


def train_validation() -> ImageArrays:
    """The Train page's validation set at 500 Shapes of 16 px (as ui/train/data.py splits it)."""
    return make_shapes(500, seed=0, image_size=16).split(DEFAULT_RUN.val_share, seed=0)[1]


def test_cell_from_selection_reads_the_points_customdata() -> None:
    names = ["circle", "square", "triangle"]
    point = {"curve_number": 1, "point_index": 5, "x": 2, "y": 1, "customdata": [1, 2]}
    assert cell_from_selection({"points": [point]}, names) == ("square", "triangle")
    assert cell_from_selection({"points": []}, names) is None
    assert cell_from_selection({"points": [{"x": 0, "y": 0}]}, names) is None  # the heatmap itself: no customdata
    assert cell_from_selection({"points": [{"customdata": [3, 0]}]}, names) is None  # a stale chart's class


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_train_cell_of_a_checkpoint_model_shows_its_images_and_saliency(lang: str) -> None:
    val = train_validation()
    classes = tuple(val.classes)
    app = open_small_train(lang)
    app.file_uploader(key="train_ckpt_upload").upload("first.pt", checkpoint(classes, 0), "application/octet-stream")
    app.run()
    assert not messages(app)
    counts = confusion_counts(app, "train_confusion")
    torch.manual_seed(0)
    model = build_model("lenet", num_classes=len(classes), in_channels=3, image_size=16)  # as checkpoint(classes, 0)
    probabilities = predict(model, val, MEAN, STD)
    assert counts == confusion_matrix(val.labels, probabilities.argmax(1), len(classes)).tolist()
    true, guess = max(
        ((r, c) for r in range(len(classes)) for c in range(len(classes))), key=lambda rc: counts[rc[0]][rc[1]]
    )
    app.session_state["train_cell_pick"] = (classes[true], classes[guess])
    app.run()
    assert not messages(app)
    count = counts[true][guess]
    text = translate("saliency.cell", lang, count=count, true=classes[true], predicted=classes[guess])
    assert any(text in m.value for m in app.markdown), [m.value for m in app.markdown]
    members, _ = cell_members(val.labels, probabilities, true, guess, limit=GALLERY)
    assert len(app.selectbox(key="train_cell_image").options) == min(count, GALLERY)
    assert app.session_state["train_cell_image"] == int(members[0])  # the most confident image is explained first
    captions = [image.caption for element in app.get("image") for image in element.proto.imgs]
    probability = float(probabilities[members[0], guess])
    assert f"#{int(members[0])} · {probability:.0%}" in captions, captions[:5]
    assert any("autograd.grad" in code.value and "F.relu" in code.value for code in app.code)
    # retrained (another checkpoint, same classes): the pick stays and shows the new model's cell
    app.file_uploader(key="train_ckpt_upload").upload("second.pt", checkpoint(classes, 1), "application/octet-stream")
    app.run()
    assert not messages(app)
    assert app.session_state["train_cell_pick"] == (classes[true], classes[guess])
    count = confusion_counts(app, "train_confusion")[true][guess]
    if count:
        text = translate("saliency.cell", lang, count=count, true=classes[true], predicted=classes[guess])
        assert any(text in m.value for m in app.markdown)
    else:  # the new model puts no image in that cell: said once, no gallery
        text = translate("saliency.empty", lang, true=classes[true], predicted=classes[guess])
        assert [i.value for i in app.info if i.value == text] == [text]
    # a pick from other data (classes this set does not have) is dropped with a note, not an error
    app.session_state["train_cell_pick"] = ("cat", "dog")
    app.run()
    assert not messages(app)
    assert any(translate("saliency.stale", lang) == i.value for i in app.info)
    assert app.session_state["train_cell_pick"] is None


def _finetune_per_class() -> None:
    """Fine-tuning's per-class tab for a finished job (a small conv net standing in for the fine-tuned model)."""
    from types import SimpleNamespace

    import torch

    from lib.data.fewshot import make_fewshot_validation
    from lib.models import build_model
    from ui.finetune import results

    val = make_fewshot_validation(6, seed=0, image_size=32)
    torch.manual_seed(0)
    model = build_model("cifar10_quick_relu", num_classes=len(val.classes), in_channels=3, image_size=32).eval()
    backbone = SimpleNamespace(mean=(0.5, 0.5, 0.5), std=(0.25, 0.25, 0.25))
    results._per_class(SimpleNamespace(meta={"val": val, "backbone": backbone, "models": {"finetune": model}}))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_finetune_cell_shows_its_images_in_the_learners_language_and_survives_a_language_switch(lang: str) -> None:
    val = make_fewshot_validation(6, seed=0, image_size=32)
    torch.manual_seed(0)
    model = build_model("cifar10_quick_relu", num_classes=len(val.classes), in_channels=3, image_size=32)
    probabilities = predict(model, val, (0.5, 0.5, 0.5), (0.25, 0.25, 0.25))
    counts = confusion_matrix(val.labels, probabilities.argmax(1), len(val.classes))
    true, guess = divmod(int(counts.argmax()), len(val.classes))
    app = AppTest.from_function(_finetune_per_class, default_timeout=120)
    app.session_state["language"] = lang
    app.session_state["ft_cell_pick"] = (val.classes[true], val.classes[guess])  # what a click on the cell stores
    app.run()
    assert not messages(app)
    assert confusion_counts(app, "ft_confusion") == counts.tolist()
    label = {k: translate(f"finetune.class.{name}", lang) for k, name in enumerate(val.classes)}
    text = translate("saliency.cell", lang, count=int(counts[true, guess]), true=label[true], predicted=label[guess])
    assert any(text in m.value for m in app.markdown), [m.value for m in app.markdown]
    members, _ = cell_members(val.labels, probabilities, true, guess, limit=GALLERY)
    captions = [image.caption for element in app.get("image") for image in element.proto.imgs]
    assert [f"#{i} · {float(probabilities[i, guess]):.0%}" for i in members.tolist()] == captions[: len(members)]
    assert translate("saliency.gradcam", lang) in captions and translate("saliency.gxi", lang) in captions
    other = "zh" if lang == "en" else "en"
    app.session_state["language"] = other  # the pick is kept by class, not by its translated label
    app.run()
    assert not messages(app) and app.session_state["ft_cell_pick"] == (val.classes[true], val.classes[guess])
    app.button(key="ft_cell_close").click().run()
    assert app.session_state["ft_cell_pick"] is None
    assert not any(
        translate("saliency.gradcam", other) in c for e in app.get("image") for c in [i.caption for i in e.proto.imgs]
    )
