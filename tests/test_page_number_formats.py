"""The Number formats page in both languages: values, bad input, the bit editor, tables and lessons."""

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_helpers import messages, open_page

PAGE = "pages/number_formats.py"


def value_table(app: AppTest) -> str:
    return next(item.value for item in app.markdown if "<table" in item.value)


def stored(app: AppTest, fmt: str) -> str:
    match = re.search(rf"<code data-format='{fmt}'>([^<]*)</code>", value_table(app))
    assert match, f"no {fmt} row"
    return match[1]


@pytest.fixture(scope="module", params=["en", "zh"])
def app(request: pytest.FixtureRequest) -> AppTest:
    return open_page(PAGE, request.param)


def test_page_renders_every_section_without_errors(app: AppTest) -> None:
    assert not messages(app)
    assert len(app.tabs) == 5 + 4  # the page's tabs, and the live lessons' steps
    assert stored(app, "fp16") == "0.0999755859375"
    assert stored(app, "fp64") == "0.1"
    assert len(app.dataframe) >= 6  # range, notes, gap, accumulation, gradient, matmul, advice


def test_typed_values_show_overflow_saturation_and_underflow(app: AppTest) -> None:
    app.text_input(key="number_formats.value").input("65520").run()
    assert not messages(app)
    assert stored(app, "fp16") == "inf" and stored(app, "bf16") == "65536.0"
    app.text_input(key="number_formats.value").input("1000").run()
    assert stored(app, "fp8_e4m3") == "448.0" and stored(app, "fp8_e5m2") == "1024.0"
    app.text_input(key="number_formats.value").input("2^-25").run()
    assert stored(app, "fp16") == "0.0" and stored(app, "fp32") == repr(2.0**-25)
    app.text_input(key="number_formats.value").input("-0").run()
    assert stored(app, "bf16") == "-0.0"


@pytest.mark.parametrize("text", ["", "abc", "1e999", "1/0", "__import__('os')"])
def test_bad_values_show_an_error_and_the_page_keeps_working(app: AppTest, text: str) -> None:
    app.text_input(key="number_formats.value").input(text).run()
    assert not app.exception
    assert app.error, f"no error shown for {text!r}"
    assert not any("<table" in item.value for item in app.markdown)
    assert app.dataframe  # the other tabs still render
    app.text_input(key="number_formats.value").input("0.1").run()
    assert not app.error and stored(app, "fp16") == "0.0999755859375"


def test_example_pills_fill_the_value(app: AppTest) -> None:
    app.pills(key="number_formats.examples").set_value("nan").run()
    assert app.text_input(key="number_formats.value").value == "nan"
    assert stored(app, "fp16") == "nan" and not messages(app)


def test_bit_editor_flips_bits_and_rejects_bad_strings(app: AppTest) -> None:
    app.segmented_control(key="number_formats.editor.fmt").set_value("fp16").run()
    assert app.text_input(key="number_formats.editor.bits.fp16").value == "0011110000000000"  # 1.0
    app.pills(key="number_formats.editor.sign.fp16").set_value([0]).run()
    assert app.text_input(key="number_formats.editor.bits.fp16").value == "1011110000000000"
    assert any(metric.value == "-1.0" for metric in app.metric)
    app.pills(key="number_formats.editor.mantissa.fp16").set_value([6]).run()  # the 2^-1 mantissa bit
    assert any(metric.value == "-1.5" for metric in app.metric)
    app.text_input(key="number_formats.editor.bits.fp16").input("0111110000000000").run()
    assert any(metric.value == "inf" for metric in app.metric)
    assert app.pills(key="number_formats.editor.exponent.fp16").value == [1, 2, 3, 4, 5]
    app.button(key="number_formats.editor.down.fp16").click().run()
    assert any(metric.value == "65504.0" for metric in app.metric)
    app.text_input(key="number_formats.editor.bits.fp16").input("0101").run()
    assert app.error and not app.exception
    assert app.text_input(key="number_formats.editor.bits.fp16").value == "0101"  # the learner's text is kept
    app.text_input(key="number_formats.editor.bits.fp16").input("01x1").run()
    assert app.error and not app.exception
    app.segmented_control(key="number_formats.editor.fmt").set_value("fp64").run()
    assert app.text_input(key="number_formats.editor.bits.fp64").value == "00" + "1" * 10 + "0" * 52
    assert any(metric.value == "1.0" for metric in app.metric)
    app.button(key="number_formats.editor.up.fp64").click().run()
    assert any(metric.value == repr(1 + 2.0**-52) for metric in app.metric)


def test_lessons_react_to_inputs(app: AppTest) -> None:
    app.text_input(key="number_formats.acc.value").input("oops").run()
    assert app.error and not app.exception
    app.text_input(key="number_formats.acc.value").input("0.5").run()
    app.number_input(key="number_formats.acc.count").set_value(100).run()
    accumulation = next(df.value for df in app.dataframe if df.value.shape == (6, 4))
    assert accumulation.iloc[0, 1] == "50"  # FP64 sums 0.5 a hundred times exactly
    app.select_slider(key="number_formats.grad.size").set_value(1e-3).run()
    gradients = next(df.value for df in app.dataframe if df.value.shape == (4, 4))
    assert list(gradients.iloc[:, 1]) == ["100%"] * 4
    app.select_slider(key="number_formats.mm.scale").set_value(1000.0).run()
    assert not messages(app)


def test_no_string_quotes_study_notes_the_learner_does_not_have() -> None:
    from lib.locales import number_formats as strings

    modules = [strings.STRINGS]
    texts = [text for catalog in modules for entry in catalog.values() for text in entry.values()]
    assert [text for text in texts if re.search(r"\bnotes\b|\bnotes'|笔记", text, re.IGNORECASE)] == []
