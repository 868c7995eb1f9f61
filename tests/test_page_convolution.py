"""The Convolution & pooling page in both languages: its widgets work, bad input gives messages, and the
numbers it shows are the ones PyTorch computes."""

import contextlib
import html
import io
import re

import pandas as pd
import pytest
import torch
import torch.nn.functional as F
from PIL import Image
from streamlit.testing.v1 import AppTest
from torch import nn

from lib.convolution import conv2d_steps, conv_examples, kernel_tensor, pool_examples
from lib.i18n import LANGUAGES, translate
from lib.models import MODELS, build_model
from tests.apptest_helpers import messages, open_page
from ui.convolution import formula

PAGE = "pages/convolution.py"


def _metric(app: AppTest, key: str, lang: str, **values: object) -> str:
    label = translate(key, lang, **values)
    return next(m.value for m in app.metric if m.label == label)


def _shown(app: AppTest, expected: torch.Tensor, atol: float = 1e-4) -> int:
    """How many read-only tables on the page show exactly ``expected`` (NaN = a cell not filled in yet)."""
    count = 0
    for element in app.dataframe:
        if element.editing_mode != "read_only":
            continue
        frame: pd.DataFrame = element.value
        try:
            values = torch.tensor(frame.replace("", "nan").astype(float).to_numpy(), dtype=torch.float32)
        except (ValueError, TypeError):
            continue  # a table of text, like the tracer's
        if values.shape == expected.shape and torch.allclose(values, expected.float(), atol=atol, equal_nan=True):
            count += 1
    return count


def _set(app: AppTest, key: str, value: object) -> AppTest:
    widgets = [
        w for kind in ("number_input", "selectbox", "slider", "toggle", "radio", "checkbox") for w in app.get(kind)
    ]
    next(w for w in widgets if getattr(w, "key", None) == key).set_value(value)
    return app.run()


def _open(app: AppTest, tab: str) -> AppTest:
    """Open a tab the way a click does: only the open tab's section runs."""
    app.session_state["convolution.tab"] = translate(f"convolution.tab.{tab}", app.session_state["language"])
    return app.run()


@pytest.fixture(params=sorted(LANGUAGES))
def lang(request: pytest.FixtureRequest) -> str:
    return request.param


def test_calculator_answers_refuses_and_scales(lang: str) -> None:
    app = open_page(PAGE, lang)
    assert not messages(app), messages(app)
    assert _metric(app, "convolution.calc.result", lang) == "32 × 32"
    assert any("= 32" in latex.value for latex in app.latex)
    _set(app, "convolution.calc.size.h", 9)
    _set(app, "convolution.calc.padding.h", 0)
    _set(app, "convolution.calc.kernel.h", 7)
    _set(app, "convolution.calc.dilation.h", 2)
    errors = [e.value for e in app.error]
    assert errors and "13" in errors[0] and not app.exception
    assert app.info, "PyTorch's own refusal is shown as the check"
    _set(app, "convolution.calc.kernel.h", 3)
    _set(app, "convolution.calc.stride.h", 0)
    assert app.error and not app.exception
    _set(app, "convolution.calc.stride.h", 1)
    _set(app, "convolution.calc.padding.h", -1)
    assert app.error and not app.exception
    _set(app, "convolution.calc.padding.h", 1)
    _set(app, "convolution.calc.size.h", 10**6)
    assert not app.error
    # kernel 3, dilation 2, padding 1: (10^6 + 2 - 4 - 1) // 1 + 1
    assert _metric(app, "convolution.calc.result", lang) == f"{10**6 - 2} × {10**6 - 2}"
    assert next(s.value for s in app.success) == translate(
        "convolution.calc.torch_agrees", lang, h=10**6 - 2, w=10**6 - 2, where=translate("convolution.calc.meta", lang)
    )


def test_calculator_pool_ceil_mode_and_solver(lang: str) -> None:
    app = open_page(PAGE, lang)
    _set(app, "convolution.calc.op", "max_pool")
    _set(app, "convolution.calc.size.h", 5)
    _set(app, "convolution.calc.kernel.h", 2)
    _set(app, "convolution.calc.stride.h", 4)
    _set(app, "convolution.calc.padding.h", 1)
    _set(app, "convolution.calc.ceil", True)
    expected = F.max_pool2d(torch.zeros(1, 1, 5, 5), 2, 4, 1, ceil_mode=True).shape[-1]
    assert _metric(app, "convolution.calc.result", lang) == f"{expected} × {expected}"
    _set(app, "convolution.calc.padding.h", 2)  # more than half the kernel
    assert app.error and app.info and not app.exception
    _set(app, "convolution.solve.kernel", 3)
    answer = translate("convolution.solve.answer", lang, padding=1, n_in=32, n_out=32, kernel=3)
    assert answer in [s.value for s in app.success]
    _set(app, "convolution.solve.kernel", 4)
    assert app.warning and not app.exception


def test_convolution_steps_forward_and_multichannel(lang: str) -> None:
    app = _open(open_page(PAGE, lang), "steps")
    example = conv_examples()["notes_edge"]
    expected = F.conv2d(example.x[None], example.weight)[0, 0]
    assert float(_metric(app, "convolution.step.partial", lang, c=0)) == expected[0, 0]
    _set(app, "convolution.step.slider", 5)
    assert float(_metric(app, "convolution.step.partial", lang, c=0)) == expected[1, 1]
    so_far = expected.clone().flatten()
    so_far[5:] = float("nan")  # windows not reached yet stay empty
    assert _shown(app, so_far.reshape(expected.shape)) == 1
    app.button(key="convolution.step.play").click().run()
    assert app.session_state["convolution.step.index"] == 5 and app.session_state["convolution.step.playing"]
    app.button(key="convolution.step.play").click().run()
    assert not app.session_state["convolution.step.playing"]
    assert _shown(app, expected) == 2  # window by window, and F.conv2d

    _set(app, "convolution.step.preset", "d2l_multi_in_out")
    assert not messages(app), messages(app)
    example = conv_examples()["d2l_multi_in_out"]
    expected = F.conv2d(example.x[None], example.weight, example.bias)[0]
    assert app.toggle(key="convolution.step.multi").value
    for o in range(3):
        assert _shown(app, expected[o]) == 2
    _set(app, "convolution.step.slider", 12)  # the last window of output channel 2
    partials = [_metric(app, "convolution.step.partial", lang, c=c) for c in range(2)]
    assert sum(float(p) for p in partials) == expected[2, 1, 1]
    total = translate("convolution.step.total", lang, sums=" + ".join(partials), bias="0", total=int(expected[2, 1, 1]))
    assert total in [m.value for m in app.markdown]


def test_convolution_bad_cells_and_sizes(lang: str) -> None:
    app = _open(open_page(PAGE, lang), "steps")
    app.session_state["convolution.step.x0"] = {"edited_rows": {0: {"0": 10}}, "added_rows": [], "deleted_rows": []}
    app.run()
    x = conv_examples()["notes_edge"].x.clone()
    x[0, 0, 0] = 10
    kernel = conv_examples()["notes_edge"].weight
    assert float(_metric(app, "convolution.step.partial", lang, c=0)) == F.conv2d(x[None], kernel)[0, 0, 0, 0]
    app.session_state["convolution.step.x0"] = {"edited_rows": {1: {"2": None}}, "added_rows": [], "deleted_rows": []}
    app.run()
    assert any(translate("convolution.step.input_name", lang, c=0) in e.value for e in app.error) and not app.exception
    app.session_state["convolution.step.x0"] = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}
    app.run()
    _set(app, "convolution.step.stride", 0)
    assert app.error and not app.exception
    _set(app, "convolution.step.stride", 1)
    _set(app, "convolution.step.kh", 7)  # a 7-row kernel on a 5-row input
    assert app.error and not app.exception
    _set(app, "convolution.step.padding", 1)
    assert not app.error and not app.exception


def test_pooling_steps_and_gradient(lang: str) -> None:
    app = _open(open_page(PAGE, lang), "pooling")
    _set(app, "convolution.pool.preset", "d2l_2x3")
    example = pool_examples()["d2l_2x3"]
    expected = F.max_pool2d(example.x[None], example.kernel, example.stride, example.padding)[0, 0]
    assert _shown(app, expected) == 2  # window by window, and F.max_pool2d
    assert float(_metric(app, "convolution.pool.value.max", lang)) == expected[0, 0]
    _set(app, "convolution.pool.slider", 4)
    assert float(_metric(app, "convolution.pool.value.max", lang)) == expected[1, 1]
    x = example.x[0].clone().requires_grad_(True)
    F.max_pool2d(x[None, None], example.kernel, example.stride, example.padding).sum().backward()
    assert _shown(app, x.grad)
    _set(app, "convolution.pool.mode", "avg")
    expected = F.avg_pool2d(example.x[None], example.kernel, example.stride, example.padding)[0, 0]
    assert _shown(app, expected, atol=1e-3) >= 2  # window by window (and so far, at the last window), F.avg_pool2d
    _set(app, "convolution.pool.padding_h", 3)
    assert app.error and not app.exception


def test_one_by_one_and_image_sections(lang: str) -> None:
    app = _open(open_page(PAGE, lang), "one_by_one")
    _set(app, "convolution.one.c_in", 4)
    _set(app, "convolution.one.c_out", 3)
    torch.manual_seed(0)
    conv = torch.nn.Conv2d(4, 3, 1)
    x = torch.randn(4, 3, 3)
    with torch.no_grad():
        expected = conv(x[None])[0]
    for o in range(3):
        assert _shown(app, expected[o], atol=1e-3) == 2  # Conv2d and W @ X + b
    _open(app, "image")
    _set(app, "convolution.img.gray", False)
    _set(app, "convolution.img.sample", "checkerboard")
    _set(app, "convolution.img.preset", "blur")
    assert not messages(app), messages(app)


def test_tracer_preset_and_broken_stack(lang: str) -> None:
    app = _open(open_page(PAGE, lang), "tracer")
    params = sum(p.numel() for p in build_model("cifar10_quick").parameters())
    assert _metric(app, "convolution.trace.params", lang) == f"{params:,}"
    _set(app, "convolution.trace.model", "resnet50")
    assert (
        _metric(app, "convolution.trace.params", lang)
        == f"{sum(p.numel() for p in build_model('resnet50', 10, 3, 224).parameters()):,}"
    )
    _set(app, "convolution.trace.mode", "stack")
    assert not messages(app), messages(app)
    app.session_state["convolution.trace.table"] = {
        "edited_rows": {7: {"in_size": 999}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    assert app.error and "1024" in app.error[0].value and not app.exception
    app.button(key="convolution.trace.fix").click().run()
    assert not messages(app), messages(app)
    assert _metric(app, "convolution.trace.params", lang) == f"{params:,}"


def test_every_option_label_exists() -> None:
    from lib.convolution import DISPLAYS, KERNELS
    from lib.convolution_stack import SETTINGS
    from lib.convolution_trace import COLUMNS
    from lib.i18n import CATALOG
    from lib.sample_images import SAMPLES
    from ui.convolution.calculator import OPS, PARAMS

    keys = [f"convolution.calc.op.{op}" for op in OPS] + [f"convolution.calc.param.{name}" for name, _, _ in PARAMS]
    keys += [f"convolution.example.{name}" for name in conv_examples()] + [
        f"convolution.kernel.{name}" for name in KERNELS
    ]
    keys += [f"convolution.pool.example.{name}" for name in pool_examples()]
    keys += [
        f"convolution.pool.{part}.{mode}" for part in ("mode", "padded", "value", "grad") for mode in ("max", "avg")
    ]
    keys += [f"convolution.img.sample.{name}" for name in SAMPLES] + [f"convolution.img.display.{d}" for d in DISPLAYS]
    keys += [f"convolution.img.source.{s}" for s in ("sample", "upload")] + [
        f"convolution.trace.mode.{m}" for m in ("preset", "stack")
    ]
    keys += [f"convolution.trace.col.{c}" for c in COLUMNS] + [f"convolution.trace.setting.{s}" for s in SETTINGS]
    keys += [f"convolution.trace.input.{a}" for a in "chw"] + [f"convolution.trace.model.{name}" for name in MODELS]
    keys += [f"convolution.tab.{tab}" for tab in ("calculator", "steps", "pooling", "image", "one_by_one", "tracer")]
    assert [key for key in keys if key not in CATALOG] == []


def test_kernel_preset_loads_into_the_kernel() -> None:
    app = _open(open_page(PAGE, "en"), "steps")
    _set(app, "convolution.step.kernel_preset", "sobel_y")
    app.button(key="convolution.step.apply").click().run()
    example = conv_examples()["notes_edge"]
    expected = F.conv2d(example.x[None], kernel_tensor("sobel_y")[None, None])[0, 0]
    assert float(_metric(app, "convolution.step.partial", "en", c=0)) == expected[0, 0]
    assert _shown(app, expected) == 2


def test_stack_error_names_the_highlighted_row_and_the_fix_in_pytorch_words(lang: str) -> None:
    """Input height 64 breaks the 8th layer (Linear): message, highlighted row, fix button and table agree."""
    app = _open(open_page(PAGE, lang), "tracer")
    _set(app, "convolution.trace.mode", "stack")
    _set(app, "convolution.trace.h", 64)
    message = translate(
        "convolution.trace.stack.in_features",
        lang,
        number=8,
        layer="Linear",
        expected=1024,
        received=2048,
        setting="in_features",
    )
    assert [e.value for e in app.error] == [message]
    button = app.button(key="convolution.trace.fix")
    assert "in_features=2048" in button.label and "in_size" not in button.label
    number = translate("convolution.trace.col.name", lang)
    failed = next(d for d in app.dataframe if d.editing_mode == "read_only" and number in d.value.columns)
    frame: pd.DataFrame = failed.value
    styles = failed.proto.arrow_data.styler.styles
    highlighted = {int(row) for row in re.findall(r"row(\d+)_col\d+[^}]*\{[^}]*background-color", styles)}
    assert highlighted == {7}  # positional row 7 is the 8th layer
    assert frame[number].tolist() == [str(i) for i in range(1, 9)] and frame[number][7] == "8"
    assert not {"in_size", "out_size"} & set(frame.columns)
    assert frame.iloc[7].tolist()[1:4] == ["Linear", "1024", "10"]
    assert not any(".0" in str(v) for v in frame.to_numpy().flatten())


def test_no_string_quotes_study_notes_the_learner_does_not_have() -> None:
    from lib.locales import convolution as strings

    modules = [strings.STRINGS]
    from lib.locales import convolution_trace

    modules.append(convolution_trace.STRINGS)
    texts = [text for catalog in modules for entry in catalog.values() for text in entry.values()]
    assert [text for text in texts if re.search(r"\bnotes\b|\bnotes'|笔记", text, re.IGNORECASE)] == []


def test_only_the_open_tab_runs(lang: str) -> None:
    app = open_page(PAGE, lang)
    assert [tab.label for tab in app.tabs] == [
        translate(f"convolution.tab.{tab}", lang)
        for tab in ("calculator", "steps", "pooling", "image", "one_by_one", "tracer")
    ]
    shown = {m.label for m in app.metric}
    assert translate("convolution.calc.result", lang) in shown
    assert translate("convolution.trace.params", lang) not in shown  # the tracer did not run
    assert not [s for s in app.slider if s.key == "convolution.step.slider"]  # nor did the step-by-step view
    _open(app, "tracer")
    shown = {m.label for m in app.metric}
    assert (
        translate("convolution.trace.params", lang) in shown and translate("convolution.calc.result", lang) not in shown
    )


def test_settings_and_edits_survive_closing_their_tab(lang: str) -> None:
    app = _open(open_page(PAGE, lang), "steps")
    _set(app, "convolution.step.preset", "d2l_multi_in_out")
    _set(app, "convolution.step.slider", 12)
    _open(app, "tracer")
    _set(app, "convolution.trace.mode", "stack")
    app.session_state["convolution.trace.table"] = {
        "edited_rows": {7: {"in_size": 999}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    assert app.error and "999" in app.error[0].value
    _open(app, "calculator")
    _open(app, "steps")
    example = conv_examples()["d2l_multi_in_out"]
    expected = F.conv2d(example.x[None], example.weight, example.bias)[0]
    assert app.toggle(key="convolution.step.multi").value
    assert app.number_input(key="convolution.step.c_out").value == 3
    assert app.slider(key="convolution.step.slider").value == 12
    for o in range(3):
        assert _shown(app, expected[o]) >= 2  # window by window (channel 2 also in the output so far), F.conv2d
    _open(app, "tracer")
    assert app.radio(key="convolution.trace.mode").value == "stack"
    assert app.error and "999" in app.error[0].value  # the edited row came back with its message
    other = next(other for other in sorted(LANGUAGES) if other != lang)
    app.session_state["language"] = other
    app.run()  # the same tab stays open in the other language
    assert [tab.label for tab in app.tabs][5] == translate("convolution.tab.tracer", other)
    assert app.error and "999" in app.error[0].value and not app.exception


def test_an_uploaded_photo_stays_while_its_tab_is_closed(lang: str) -> None:
    app = _open(open_page(PAGE, lang), "image")
    app.session_state["convolution.img.source"] = "upload"
    app.run()
    photo = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(photo, format="PNG")
    app.file_uploader(key="convolution.img.upload").set_value(("red.png", photo.getvalue(), "image/png")).run()
    assert any("64×48" in block.value for block in app.code)
    _open(app, "pooling")
    _open(app, "image")
    assert app.file_uploader(key="convolution.img.upload").value is None  # a browser cannot refill it ...
    assert any("64×48" in block.value for block in app.code)  # ... but the photo is still the one filtered
    assert translate("convolution.img.kept", lang) in [c.value for c in app.caption]
    app.run()
    assert any("64×48" in block.value for block in app.code)
    app.button(key="convolution.img.forget").click().run()
    assert translate("convolution.img.upload_hint", lang) in [i.value for i in app.info]
    assert not any("64×48" in block.value for block in app.code) and not app.exception


def _codes(app: AppTest, needle: str) -> list[str]:
    return [block.value for block in app.code if needle in block.value]


def _run_code(code: str) -> tuple[dict, str]:
    """Run a snippet the page shows, as a learner would paste it; return its variables and what it printed."""
    namespace: dict = {}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "<page code>", "exec"), namespace)
    return namespace, printed.getvalue()


def test_grouped_convolution_window_by_window(lang: str) -> None:
    app = _open(open_page(PAGE, lang), "steps")
    _set(app, "convolution.step.preset", "grouped")
    assert not messages(app), messages(app)
    example = conv_examples()["grouped"]
    expected = F.conv2d(example.x[None], example.weight, example.bias, groups=2)[0]
    for o in range(4):
        assert _shown(app, expected[o]) == 2  # window by window, and F.conv2d(groups=2)
    _set(app, "convolution.step.slider", 28)  # the first window of output channel 3, in the second group
    partials = {m.label: m.value for m in app.metric}
    reads = [translate("convolution.step.partial", lang, c=c) for c in (2, 3)]
    assert set(partials) == set(reads)  # output 3 reads input channels 2 and 3 only
    assert sum(float(partials[label]) for label in reads) + 1 == expected[3, 0, 0]  # + its bias 1
    picture = next(m.value for m in app.markdown if "<svg" in m.value)
    assert picture.count("<line") == 4 * 2  # 4 outputs × C_in / groups = 2 inputs each
    assert translate("convolution.groups.picture_caption", lang, groups=2, per=2, o=3) in picture
    code = next(c for c in _codes(app, "groups=2") if "F.conv2d" in c)
    namespace, _ = _run_code(code)
    torch.testing.assert_close(namespace["y"], expected)
    assert namespace["window"].shape == (2, 2, 2)  # channels 2-3 of the window
    assert float((namespace["window"] * namespace["weight"][3]).sum() + namespace["bias"][3]) == expected[3, 0, 0]


def test_group_costs_are_the_modules_counts(lang: str) -> None:
    app = _open(open_page(PAGE, lang), "steps")
    _set(app, "convolution.step.preset", "depthwise")
    _set(app, "convolution.step.scale", 8)  # 24 → 24 channels, 3×3, 5×5 output (padding 1)
    table = next(d.value for d in app.dataframe if translate("convolution.groups.col.macs", lang) in d.value.columns)
    params = table[translate("convolution.groups.col.params", lang)].tolist()
    macs = table[translate("convolution.groups.col.macs", lang)].tolist()
    blocks = {
        "standard": [nn.Conv2d(24, 24, 3, padding=1)],
        "depthwise": [nn.Conv2d(24, 24, 3, padding=1, groups=24)],
        "separable": [nn.Conv2d(24, 24, 3, padding=1, groups=24), nn.Conv2d(24, 24, 1)],
    }
    assert params == [f"{sum(p.numel() for m in b for p in m.parameters()):,}" for b in blocks.values()]
    by_hand = [24 * 25 * 24 * 9, 24 * 25 * 9, 24 * 25 * 9 + 24 * 25 * 24]  # C_out · H_out·W_out · (C_in/g)·k·k
    assert macs == [f"{n:,}" for n in by_hand]
    code = next(iter(_codes(app, "FlopCounterMode")))
    _, printed = _run_code(code)
    rows = [line.split() for line in printed.splitlines()]
    assert rows == [
        [name, p.replace(",", ""), str(m), str(m)] for name, p, m in zip(blocks, params, by_hand, strict=True)
    ]


def test_formula_mode_writes_every_cell_with_its_numbers(lang: str) -> None:
    app = _open(open_page(PAGE, lang), "steps")
    _set(app, "convolution.step.preset", "d2l_multi_in_out")
    app.session_state["convolution.step.view"] = "formulas"
    _set(app, "convolution.step.slider", 6)  # output channel 1, row 0, column 1
    example = conv_examples()["d2l_multi_in_out"]
    steps = conv2d_steps(example.x, example.weight, example.bias)
    shown = next(m.value for m in app.markdown if "y<sub>" in m.value)
    text = html.unescape(re.sub(r"<[^>]+>", "", shown.replace("</div>", "\n")))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines == [formula.line(step, example.weight) for step in steps if step.out_channel == 1]
    # e.g. "y1[0, 1] = (1×1 + 2×2 + 4×3 + 5×4) + (2×2 + 3×3 + 5×4 + 6×5) + 0 = 100"
    assert lines[1] == "y1[0, 1] = (1×1 + 2×2 + 4×3 + 5×4) + (2×2 + 3×3 + 5×4 + 6×5) + 0 = 100"
    highlighted = [line for line in shown.split("<div")[2:] if "background" in line]
    assert len(highlighted) == 1 and "[0, 1]" in highlighted[0]  # the current window's line
    caption = translate("convolution.step.formula_caption", lang, o=1, first=1, last=4, count=4)
    assert caption in [c.value for c in app.caption]
    assert not app.exception


def test_invalid_groups_get_a_message_and_depthwise_works(lang: str) -> None:
    app = _open(open_page(PAGE, lang), "steps")
    _set(app, "convolution.step.preset", "grouped")
    _set(app, "convolution.step.groups", 3)
    message = translate("convolution.error.groups", lang, groups=3, c_in=4, c_out=4, choices="1, 2, 4")
    assert [e.value for e in app.error] == [message] and not app.exception
    _set(app, "convolution.step.groups", 4)  # depthwise: one kernel per input channel
    assert not messages(app), messages(app)
    example = conv_examples()["grouped"]
    weight = example.weight[:, :1]  # each output keeps the kernel of its first input
    expected = F.conv2d(example.x[None], weight, example.bias, groups=4)[0]
    for o in range(4):
        assert _shown(app, expected[o]) == 2
    assert app.number_input(key="convolution.step.c_in").value == 4  # nothing the learner set was lost
