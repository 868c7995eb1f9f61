"""Every upload widget in the app, fed every relevant file of the hostile corpus through AppTest.

For each (widget, file): no exception; a clear message for what must be refused; the page stays usable
(a valid upload afterwards works); nothing is written outside the data directory; and the learner's other
settings survive. To cover a new widget, add a row to ``SITES`` (``test_every_upload_widget_is_in_the_table``
fails until you do).

Fine-tuning's camera is a burst recorder component, not an upload call: its frames' hostile cases (bad entries,
undecodable frames, over-long bursts, class caps) are tested in tests/test_finetune_camera.py and
tests/test_page_finetune_camera.py.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import torch
from streamlit.testing.v1 import AppTest

from lib.data.shapes import make_shapes
from lib.detection_labels import LabelSet
from lib.errors import literal
from lib.finetune_sources import export_checkpoint
from lib.i18n import CATALOG, translate
from lib.models import MODELS, build_model
from lib.paths import ROOT
from scripts import make_hostile_corpus as corpus
from tests.apptest_helpers import messages, open_page

pytest_plugins = ("tests.fixtures.hostile",)

MIME = {
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".zip": "application/zip",
    ".pt": "application/octet-stream",
    ".pth": "application/octet-stream",
    ".csv": "text/csv",
}
UPLOAD_CALLS = re.compile(r"\b(?:st\.file_uploader|st\.camera_input|uploaded_image)\(")
# Folders other processes change while tests run (caches, builds, the shared tree's sources).
VOLATILE = {".git", ".venv", ".venv-ci", "__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis", "test-output"}
APP_CHECKPOINT = "valid_app_checkpoint.pt"  # written by corpus_files with the app's own exporter
CLEARLY_WRONG = {
    "image": "zero_bytes.png",
    "zip": "not_a_zip.zip",
    "checkpoint": "empty.pt",
    "csv": "empty.csv",
    "labelset": "labelled_no_annotations.zip",
    "detector": "empty.pt",
}
ESCAPE_NAMES = ("escaped", "absolute-escape", corpus.MARKER_NAME)


@dataclass(frozen=True)
class Site:
    """One upload widget: where it lives, how to reach it, and how to tell that it produced its result."""

    source: str  # the ui/ (or pages/) file that creates the widget
    page: str  # the registered page that shows it
    key: str
    kind: str  # which corpus files are relevant: "image" | "zip" | "checkpoint" | "csv" | "labelset" | "detector"
    valid: str  # a corpus file the widget must accept
    shows_result: Callable[[AppTest], bool]
    setup: Callable[[AppTest], None] = lambda app: None
    camera: bool = False  # st.camera_input: every photo arrives as "camera.jpg", image/jpeg
    confirm: str | None = None  # a button the learner presses after choosing files (e.g. "add to class")
    together: bool = False  # a multi-file widget: send the hostile file beside the valid one, which must still work
    keep: dict[str, object] = field(default_factory=dict)  # widget key -> a value the learner set beforehand
    user_data: Callable[[AppTest], object] = lambda app: None  # what a refused file must leave untouched
    also: tuple[str, ...] = ()  # other corpus kinds, all to be refused (a class-folder zip where boxes are expected)
    before_upload: Callable[[AppTest], None] = lambda app: None  # the learner starting over (keeps a warm app in caps)
    quick: tuple[str, ...] | None = None  # if set, only these files run by default, the rest are marked slow

    @property
    def id(self) -> str:
        return self.key


def _conv_setup(app: AppTest) -> None:
    app.session_state["convolution.tab"] = translate("convolution.tab.image", app.session_state["language"])
    app.run()  # only the open tab runs
    app.radio(key="convolution.img.source").set_value("upload")
    app.run()


def _conv_result(app: AppTest) -> bool:
    return any("F.conv2d" in block.value and "resized to" in block.value for block in app.code)


def _detect_anchors_result(app: AppTest) -> bool:
    return any("anchors per pixel" in item.value for item in app.caption)


def _detect_run_result(app: AppTest) -> bool:
    return any(item.value == "valid.png" for item in app.subheader)


def _choose(radio_key: str, value: str) -> Callable[[AppTest], None]:
    def setup(app: AppTest) -> None:
        # Through session state: AppTest maps a radio value to its label with format_func outside the run,
        # where t() cannot see the session's language.
        app.session_state[radio_key] = value
        app.run()

    return setup


def _own_classes(app: AppTest) -> None:
    """The learner's own classes 'cats' and 'dogs', each with one good photo, as the page's form adds them."""
    _choose("ft_target", "own")(app)
    for name in ("cats", "dogs"):
        app.text_input(key="ft_class_name").input(name)
        next(
            b for b in app.button if b.label == translate("finetune.target.add_class", app.session_state["language"])
        ).click()
        app.run()


def _own_collection(app: AppTest) -> list[int]:
    return [len(images) for images in app.session_state["ft_collection"].values()]


def _ft_added(app: AppTest) -> bool:
    return len(app.session_state["ft_collection"]["cats"]) > 0


def _ft_target_summary(app: AppTest) -> bool:
    return any("training and" in item.value and "validation images" in item.value for item in app.markdown)


def _ft_backbone(app: AppTest) -> bool:
    return any(item.label == translate("finetune.source.classes", "en") for item in app.metric)


def _train_zip_result(app: AppTest) -> bool:
    return bool(app.dataframe)


def _train_predict_result(app: AppTest) -> bool:
    return any("probabilities.topk(5)" in block.value for block in app.code)


def _train_ckpt_result(app: AppTest) -> bool:
    loaded = f"Loaded {translate(MODELS['compact_resnet'].label_key, 'en')} for 2 classes"  # the model's shown name
    return any(item.value.startswith(loaded) for item in app.success)


def _train_loaded_classes(app: AppTest) -> object:
    loaded = app.session_state.get("train_loaded")
    return None if loaded is None else loaded[1]["classes"]


def _csv_result(app: AppTest) -> bool:
    return any(item.value.startswith("Using ") for item in app.caption)


def _toggle(key: str) -> Callable[[AppTest], None]:
    def setup(app: AppTest) -> None:
        app.toggle(key=key).set_value(True)
        app.run()

    return setup


def _own_photos_empty(app: AppTest) -> None:
    """The learner removed every photo: each file is judged alone, and the set stays under its photo cap."""
    app.session_state["det_own_labels"] = LabelSet()


def _own_photo_added(name: str) -> Callable[[AppTest], bool]:
    return lambda app: name in [item.name for item in app.session_state["det_own_labels"].images]


def _own_set(app: AppTest) -> object:
    labels = app.session_state["det_own_labels"]
    return [(item.name, [(*box.xyxy(), box.label) for box in item.boxes]) for item in labels.images]


def _own_set_loaded(app: AppTest) -> bool:
    return any(item.value == translate("detection.own.loaded", "en", images=2, boxes=2) for item in app.success)


def _own_detector_source(app: AppTest) -> object:
    stored = app.session_state.get("det_own_detector")
    return None if stored is None else stored[0]


def _own_detector_uploaded(app: AppTest) -> bool:
    """The detector in use is the file now in the uploader (the page names it after the upload's id)."""
    upload = app.file_uploader(key="det_own_ckpt").value
    return upload is not None and _own_detector_source(app) == f"upload{upload.file_id}"


def _own_detector(app: AppTest) -> None:
    """A detector of balls and mugs, uploaded as the tab's checkpoint uploader takes it."""
    app.file_uploader(key="det_own_ckpt").set_value(
        [("detector.pt", corpus.valid_detector_checkpoint(), "application/octet-stream")]
    )
    app.run()


def _own_detector_and_camera(app: AppTest) -> None:
    _own_detector(app)
    _toggle("det_own_try_cam_on")(app)


def _own_tried(app: AppTest) -> bool:
    return any("boxes at score ≥" in item.value for item in app.caption)


# Widgets that read a file kind with the same lib code as another row of that kind run a few telling files by default
# and the rest with the slow suite; the row that meets every file of the kind by default is named beside each.
SHARED_IMAGES = ("zero_bytes.png", "truncated.jpg", "bomb.png", "gray16.png")  # all: convolution.img.upload, ft_files_0
SHARED_ZIPS = ("zip_slip.zip", "zip_bomb.zip", "not_a_zip.zip", "zip_pixel_flood.zip")  # all: ft_zip
SHARED_CHECKPOINTS = ("malicious.pt", "empty.pt", "other_architecture.pt", "absurd_meta.pt")  # all: ft_ckpt_upload
SITES: tuple[Site, ...] = (
    Site(
        source="ui/convolution/image.py",
        page="pages/convolution.py",
        key="convolution.img.upload",
        kind="image",
        valid="valid.png",
        shows_result=_conv_result,
        setup=_conv_setup,
        keep={"convolution.img.stride": 2, "convolution.img.gray": False},
    ),
    Site(
        source="ui/detection/widgets.py",
        page="pages/detection.py",
        key="det_anc_upload",
        kind="image",
        valid="valid.png",
        shows_result=_detect_anchors_result,
        keep={"det_anc_sizes": "0.6, 0.3"},
        quick=SHARED_IMAGES,
    ),
    Site(
        source="ui/detection/detect.py",
        page="pages/detection.py",
        key="det_run_upload",
        kind="image",
        valid="valid.png",
        shows_result=_detect_run_result,
        keep={"det_run_score": 0.3},
        together=True,
        quick=SHARED_IMAGES,
    ),
    Site(
        source="ui/finetune/target.py",
        page="pages/finetune.py",
        key="ft_zip",
        kind="zip",
        valid="valid_two_class.zip",
        shows_result=_ft_target_summary,
        setup=_choose("ft_target", "zip"),
    ),
    Site(
        source="ui/finetune/target.py",
        page="pages/finetune.py",
        key="ft_files_0",
        kind="image",
        valid="valid.png",
        shows_result=_ft_added,
        setup=_own_classes,
        confirm="ft_add_files_0",
        user_data=_own_collection,
    ),
    Site(
        source="ui/finetune/source.py",
        page="pages/finetune.py",
        key="ft_ckpt_upload",
        kind="checkpoint",
        valid=APP_CHECKPOINT,
        shows_result=_ft_backbone,
        setup=_choose("ft_source", "checkpoint"),
    ),
)
SITES += (
    Site(
        source="ui/train/data.py",
        page="pages/train.py",
        key="train_zip",
        kind="zip",
        valid="valid_two_class.zip",
        shows_result=_train_zip_result,
        setup=_choose("train_source", "zip"),
        quick=SHARED_ZIPS,
    ),
    Site(
        source="ui/train/predict.py",
        page="pages/train.py",
        key="train_predict_image",
        kind="image",
        valid="valid.png",
        shows_result=_train_predict_result,
        quick=SHARED_IMAGES,
    ),
    Site(
        source="ui/train/checkpoint.py",
        page="pages/train.py",
        key="train_ckpt_upload",
        kind="checkpoint",
        valid=APP_CHECKPOINT,
        shows_result=_train_ckpt_result,
        keep={"train_epochs": 7},
        user_data=_train_loaded_classes,
        quick=SHARED_CHECKPOINTS,
    ),
    Site(
        source="ui/tensors/preprocess.py",
        page="pages/tensors.py",
        key="tensors.prep.upload",
        kind="csv",
        valid="formula.csv",
        shows_result=_csv_result,
    ),
)
# The "Your objects" widgets decode photos with the same lib.images code as the rows above and rerun the whole
# Detection page per file (~2 s): by default the photo uploaders meet a pixel bomb (after their valid photo), the
# labelled-set and detector uploaders their own kind's files and a code-running checkpoint; the cameras, which
# share their uploader's decoding, and every other file run with the slow suite.
QUICK_IMAGES = ("bomb.png",)
SITES += (
    Site(
        source="ui/detection/own_label.py",
        page="pages/detection.py",
        key="det_own_up",
        kind="image",
        valid="valid.png",
        shows_result=_own_photo_added("valid.png"),
        keep={"det_own_epochs": 5},
        together=True,
        before_upload=_own_photos_empty,
        quick=QUICK_IMAGES,
    ),
    Site(
        source="ui/detection/own_label.py",
        page="pages/detection.py",
        key="det_own_cam",
        kind="image",
        valid="valid.jpg",
        shows_result=_own_photo_added("camera.jpg"),
        setup=_toggle("det_own_cam_on"),
        camera=True,
        keep={"det_own_epochs": 5},
        before_upload=_own_photos_empty,
        quick=(),
    ),
    Site(
        source="ui/detection/own_label.py",
        page="pages/detection.py",
        key="det_own_zip",
        kind="labelset",
        valid="valid_labelled.zip",
        shows_result=_own_set_loaded,
        keep={"det_own_size": 256},
        user_data=_own_set,
        also=("zip",),
        quick=tuple(corpus.names("labelset")),
    ),
    Site(
        source="ui/detection/own_train.py",
        page="pages/detection.py",
        key="det_own_ckpt",
        kind="detector",
        valid="valid_detector.pt",
        shows_result=_own_detector_uploaded,
        keep={"det_own_epochs": 5},
        user_data=_own_detector_source,
        also=("checkpoint",),
        quick=(*corpus.names("detector"), "malicious.pt"),
    ),
    Site(
        source="ui/detection/own_train.py",
        page="pages/detection.py",
        key="det_own_try_up",
        kind="image",
        valid="valid.png",
        shows_result=_own_tried,
        setup=_own_detector,
        keep={"det_own_score": 0.3},
        quick=QUICK_IMAGES,
    ),
    Site(
        source="ui/detection/own_train.py",
        page="pages/detection.py",
        key="det_own_try_cam",
        kind="image",
        valid="valid.jpg",
        shows_result=_own_tried,
        setup=_own_detector_and_camera,
        camera=True,
        keep={"det_own_score": 0.3},
        quick=(),
    ),
)
# Widgets AppTest cannot reach yet, with the reason; each must be exercised in the browser tests instead.
NOT_IN_APPTEST = {
    "ui/finetune/results.py": "predicting needs a finished fine-tuning run first (tests/e2e/test_lessons.py)",
}


def _cases() -> list[object]:
    """(site, file name) pairs; a site's files outside its ``quick`` list run with the slow suite."""
    return [
        pytest.param(
            site,
            name,
            id=f"{site.id}-{name}",
            marks=[pytest.mark.slow] if site.quick is not None and name not in site.quick else [],
        )
        for site in SITES
        for kind in (site.kind, *site.also)
        for name in corpus.names(kind)
    ]


def _upload(app: AppTest, site: Site, *paths: Path) -> None:
    """Choose ``paths`` in the site's widget (and press its confirm button), then let the script run."""
    site.before_upload(app)
    if site.camera:
        app.camera_input(key=site.key).set_value(("camera.jpg", paths[0].read_bytes(), "image/jpeg"))
    else:
        files = [(path.name, path.read_bytes(), MIME.get(path.suffix, "")) for path in paths]
        app.file_uploader(key=site.key).set_value(files)
    app.run()
    if site.confirm and not app.exception:
        app.button(key=site.confirm).click()
        app.run()


def _shown_messages(app: AppTest) -> list[str]:
    return [item.value for item in app.error] + [item.value for item in app.warning]


def _tree(root: Path, skip: Path | None = None) -> set[Path]:
    """Every path under ``root`` except volatile folders, ``skip`` and other engineers' source edits."""
    paths = set()
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = [d for d in dirs if d not in VOLATILE and here / d != skip]
        paths.update(here / name for name in files + dirs if not name.endswith(".py"))
    return paths


@dataclass
class Snapshot:
    """Paths outside the data directory before an upload, to compare with afterwards."""

    data_dir: Path
    repo: set[Path]
    temp_root: set[Path]

    @classmethod
    def take(cls, data_dir: Path) -> Snapshot:
        return cls(data_dir, _tree(ROOT, skip=ROOT / "data"), _tree(data_dir.parent, skip=data_dir))

    def new_paths(self) -> list[Path]:
        """Anything created in the repo or beside the data directory, plus escape targets in the temp dir."""
        fresh = (_tree(ROOT, skip=ROOT / "data") - self.repo) | (
            _tree(self.data_dir.parent, self.data_dir) - self.temp_root
        )
        system_temp = Path(tempfile.gettempdir())
        fresh |= {p for p in system_temp.iterdir() if any(mark in p.name for mark in ESCAPE_NAMES)}
        return sorted(fresh)


@dataclass
class WarmApp:
    """A site's app kept across files (keeps this module fast); ``ready`` when it last showed a valid result."""

    app: AppTest
    ready: bool = False


@pytest.fixture(scope="module")
def warm_apps() -> dict[str, WarmApp]:
    return {}


def _ready_app(site: Site, apps: dict[str, WarmApp], valid: Path) -> AppTest:
    """The site's app with the learner's settings applied and a valid file uploaded and shown."""
    warm = apps.get(site.key)
    if warm is not None and warm.ready and not warm.app.exception:
        warm.ready = False  # until this test ends cleanly
        return warm.app
    app = open_page(site.page)
    site.setup(app)
    apps[site.key] = WarmApp(app)
    for key, value in site.keep.items():
        app.session_state[key] = value
    _upload(app, site, valid)
    assert not app.exception, messages(app)
    assert site.shows_result(app), f"{site.key}: the valid file {valid.name} shows no result"
    return app


@pytest.fixture(scope="module")
def corpus_files(request: pytest.FixtureRequest) -> dict[str, Path]:
    """Name -> path of the corpus files of every kind some site takes (only those kinds are generated)."""
    files: dict[str, Path] = {}
    for kind in sorted({kind for site in SITES for kind in (site.kind, *site.also)}):
        files |= request.getfixturevalue(f"hostile_{kind}s")
    if "checkpoint" in {site.kind for site in SITES}:
        files[APP_CHECKPOINT] = _app_checkpoint(next(iter(files.values())).parent.parent / APP_CHECKPOINT)
    return files


def _app_checkpoint(path: Path) -> Path:
    """A genuine checkpoint as the app exports them: a small compact_resnet for two classes."""
    torch.manual_seed(0)
    model = build_model("compact_resnet", 2, 3, 64)
    path.write_bytes(export_checkpoint(model, "compact_resnet", ("cats", "dogs"), 64, (0.5,) * 3, (0.25,) * 3))
    return path


def test_every_upload_widget_is_in_the_table() -> None:
    found: dict[str, int] = {}
    for path in sorted([*(ROOT / "pages").glob("*.py"), *(ROOT / "ui").rglob("*.py")]):
        if path.name == "common.py":
            continue
        count = len(UPLOAD_CALLS.findall(path.read_text()))
        if count:
            found[path.relative_to(ROOT).as_posix()] = count
    for source in NOT_IN_APPTEST:
        if "#" in source:
            found[source.split("#")[0]] -= 1
        else:
            found.pop(source, None)
    listed: dict[str, int] = {}
    for site in SITES:
        listed[site.source] = listed.get(site.source, 0) + 1
    assert found == listed, "add a SITES row for every upload widget (file -> number of uploaders)"


@pytest.mark.parametrize(("site", "name"), _cases())
def test_hostile_upload(site: Site, name: str, corpus_files: dict[str, Path], warm_apps: dict[str, WarmApp]) -> None:
    entry = next(e for e in corpus.CORPUS if e.name == name)
    app = _ready_app(site, warm_apps, corpus_files[site.valid])
    data_dir = Path(os.environ["DLP_DATA_DIR"])
    before = Snapshot.take(data_dir)
    user_data = site.user_data(app)
    baseline = set(_shown_messages(app))  # what the page already says (e.g. weights not trained yet)

    if site.together:
        _upload(app, site, corpus_files[site.valid], corpus_files[name])
    else:
        _upload(app, site, corpus_files[name])

    assert not app.exception, f"{name} raised in {site.key}: {messages(app)}"
    # A real photo the model knows nothing like is accepted *and* honestly flagged: that notice is not a refusal.
    notice = CATALOG["train.predict.ood.unlike"]["en"].split("{")[0]
    shown = [text for text in _shown_messages(app) if text not in baseline and not text.startswith(notice)]
    if entry.acceptable and entry.kind == site.kind:
        assert not shown, f"{name} should be accepted by {site.key} but: {shown}"
        assert site.shows_result(app), f"{name} was accepted by {site.key} but shows no result"
    else:
        assert shown, f"{name} was not refused with a message by {site.key}"
        assert all(text.strip() and "{" not in text for text in shown), shown
        assert site.user_data(app) == user_data, f"{name} changed what the learner already had in {site.key}"
        if site.together:
            assert site.shows_result(app), f"{name} spoilt the valid file uploaded beside it in {site.key}"
    for key, value in site.keep.items():
        assert app.session_state[key] == value, f"{name} reset the learner's {key}"
    assert before.new_paths() == [], f"{name} made {site.key} write outside the data directory"

    _upload(app, site, corpus_files[site.valid])
    assert not app.exception, messages(app)
    assert set(_shown_messages(app)) <= baseline, _shown_messages(app)
    assert site.shows_result(app), f"after {name}, {site.key} no longer works with a valid file"
    warm_apps[site.key].ready = True


ONE_RUN_SITES = [
    pytest.param(site, id=site.id, marks=[pytest.mark.slow] if site.quick == () else [])
    for site in SITES
    if site.confirm is None
]


@pytest.mark.parametrize("site", ONE_RUN_SITES)
def test_refusal_is_in_the_learners_language(site: Site, corpus_files: dict[str, Path]) -> None:
    # Switch to Chinese in the same run as the upload: AppTest re-derives selectbox/radio values with the pages'
    # format_func outside the run, where t() falls back to English, so a second run in Chinese cannot be sent.
    app = open_page(site.page, "en")
    site.setup(app)
    app.session_state["language"] = "zh"
    _upload(app, site, corpus_files[CLEARLY_WRONG[site.kind]])
    assert not app.exception, messages(app)
    shown = _shown_messages(app)
    assert shown and all(re.search(r"[\u4e00-\u9fff]", text) for text in shown), shown


# ---------------------------------------------------------------- metadata shown as text; contained crashes (issue 14)


def _page_texts(app: AppTest) -> list[str]:
    """Every text the page rendered through Markdown (markdown, captions, alerts)."""
    kinds = (app.markdown, app.caption, app.success, app.info, app.warning, app.error)
    return [str(item.value) for elements in kinds for item in elements]


CHECKPOINT_SITES = [site for site in SITES if site.kind == "checkpoint"]
UNESCAPED_BRACKET = re.compile(r"(?<!\\)\[")


@pytest.mark.parametrize("site", CHECKPOINT_SITES, ids=[s.id for s in CHECKPOINT_SITES])
def test_checkpoint_metadata_is_shown_as_plain_text(site: Site, corpus_files: dict[str, Path]) -> None:
    app = open_page(site.page)
    site.setup(app)
    for name in ("meta_dataset_markdown.pt", "meta_model_markdown.pt"):
        _upload(app, site, corpus_files[name])
        assert not app.exception, messages(app)
        attacker = [text for text in _page_texts(app) if "127.0.0.1" in text]
        # Without an unescaped "[" no Markdown link, image or directive (":red[...]") can form.
        assert not any(UNESCAPED_BRACKET.search(text) for text in attacker), attacker
    _upload(app, site, corpus_files["meta_dataset_markdown.pt"])
    assert site.shows_result(app)
    if site.key == "ft_ckpt_upload":  # the one page that shows a checkpoint's dataset
        assert any(literal(corpus.MARKDOWN_DATASET) in text for text in _page_texts(app))


def test_a_failing_train_results_section_does_not_stick_to_the_session(corpus_files: dict[str, Path]) -> None:
    app = open_page("pages/train.py")
    classes = make_shapes(8, seed=0, image_size=32).classes
    model = build_model("cifar10_quick_relu", len(classes), 3, 32).eval()
    meta = {"model": "cifar10_quick_relu", "classes": list(classes), "in_channels": 3, "image_size": 32,
            "mean": [0.5] * 5, "std": [0.25] * 3}  # fmt: skip
    app.session_state["train_loaded"] = (model, meta)  # what an unchecked upload used to leave behind
    app.run()
    assert not app.exception, messages(app)
    assert app.error  # the results section says what went wrong ...
    _upload(app, next(s for s in SITES if s.key == "train_ckpt_upload"), corpus_files[APP_CHECKPOINT])
    assert not app.exception, messages(app)  # ... and the learner can still load another checkpoint
    assert _train_ckpt_result(app)
