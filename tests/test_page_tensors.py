"""The Tensors page in both languages: each section driven through its widgets, bad inputs, values vs PyTorch."""

import re

import pytest
import torch

from lib.i18n import translate
from lib.tensors import format_bytes, torch_broadcast_error
from tests.apptest_helpers import messages, open_page

PAGE = "pages/tensors.py"


@pytest.fixture(scope="module", params=["en", "zh"])
def app(request: pytest.FixtureRequest):
    return open_page(PAGE, request.param)


def _texts(app) -> str:
    return " ".join(str(item.value) for item in [*app.markdown, *app.success, *app.warning, *app.info, *app.caption])


def test_broadcast_result_and_torch_error(app) -> None:
    app.text_area(key="tensors.bc.shapes").set_value("(2, 1, 3)\n(4, 3)").run()
    assert not app.exception and not app.error, messages(app)
    total = torch.arange(6.0).reshape(2, 1, 3) + torch.arange(12.0).reshape(4, 3) * 10
    shown = app.dataframe
    assert any(
        frame.value.to_numpy().shape == (8, 3) and (frame.value.to_numpy() == total.reshape(8, 3).numpy()).all()
        for frame in shown
    )
    app.text_area(key="tensors.bc.shapes").set_value("(2, 3)\n(4, 3)").run()
    assert torch_broadcast_error((2, 3), (4, 3)) in _texts(app)
    app.text_area(key="tensors.bc.shapes").set_value("(2, -1)\n(3,)").run()
    lang = app.session_state["language"]
    assert translate("tensors.shape.negative", lang, size=-1) in messages(app)
    app.text_area(key="tensors.bc.shapes").set_value("(5, 1)\n(0,)").run()  # 0-size dims are allowed
    assert not app.error, messages(app)


def test_matmul_ops_and_einsum(app) -> None:
    for op in ["@", "matmul", "mm", "mv", "dot", "bmm", "einsum"]:
        app.selectbox(key="tensors.mm.op").set_value(op).run()
        assert not app.exception and not app.error, (op, messages(app))
    app.selectbox(key="tensors.mm.op").set_value("mm").run()
    app.text_input(key="tensors.mm.b.mm").set_value("(4, 2)").run()
    assert "a and b must have same reduction dim" in _texts(app) or "mat1 and mat2" in _texts(app)
    app.text_input(key="tensors.mm.b.mm").set_value("(3, 2)").run()
    expected = torch.arange(6.0).reshape(2, 3) @ torch.arange(6.0).reshape(3, 2)
    assert any(
        frame.value.shape == (2, 2) and (frame.value.to_numpy() == expected.numpy()).all() for frame in app.dataframe
    )


@pytest.mark.parametrize(
    "op", ["cat", "sum", "view", "permute", "squeeze", "index", "inplace", "clone", "norm", "dtype"]
)
def test_operations_gallery(app, op: str) -> None:
    """Each operation on its default inputs shows the tables and sentences PyTorch computes here."""
    app.selectbox(key="tensors.ops.pick").set_value(op).run()
    assert not app.exception and not app.error, (op, messages(app))
    tables, texts = _gallery_expectations(op, app.session_state["language"])
    shown = [frame.value.to_numpy() for frame in app.dataframe]
    for expected in tables:
        assert any(
            table.shape == expected.shape and (table.astype(float) == expected.numpy()).all() for table in shown
        ), (op, expected)
    for text in texts:
        assert text in _texts(app), (op, text)
    assert app.code, op  # the code that reproduces it


def _strides(x: torch.Tensor, lang: str) -> str:
    return translate(
        "tensors.ops.strides", lang, shape=str(tuple(x.shape)), strides=x.stride(), contiguous=x.is_contiguous()
    )


def _gallery_expectations(op: str, lang: str) -> tuple[list[torch.Tensor], list[str]]:
    """(tables as 2-D tensors, sentences) each default example of the gallery must show."""
    grid = torch.arange(12.0).reshape(3, 4)
    if op == "cat":
        y = torch.tensor([[2.0, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]])
        stacked = torch.stack((grid, y), dim=1).reshape(-1, 4)
        return [torch.cat((grid, y), dim=0), torch.cat((grid, y), dim=1), stacked], []
    if op == "sum":
        a = torch.arange(20.0).reshape(5, 4)
        total = a.sum(dim=0, keepdim=True)
        return [total, a.mean(dim=0, keepdim=True), a / total], []
    if op == "view":
        return [grid.reshape(2, 6)], [_strides(grid, lang)]
    if op == "permute":
        x = torch.empty(2, 3, 4)
        return [], [_strides(x, lang), _strides(x.permute(2, 0, 1), lang), _strides(x.transpose(0, -1), lang)]
    if op == "squeeze":
        return [], ["`x.squeeze()` → (3, 2)", "`x.squeeze(0)` → (3, 1, 2)", "`x.unsqueeze(0)` → (1, 1, 3, 1, 2)"]
    if op == "index":
        return [grid[1:3, 0:4], grid[-1:]], []
    if op == "inplace":
        return [grid + 1], []
    if op == "clone":
        changed = torch.tensor([100.0, 1, 2, 3, 4, 5])
        return [changed[None], changed.view(2, 3), torch.arange(6.0).view(2, 3)], []
    if op == "norm":
        return [torch.tensor([[7.0, 7.0], [5.0, 5.0]])], []
    size = 64 * 3 * 224 * 224 * 4
    assert op == "dtype"
    return [], [
        translate(
            "tensors.ops.dtype.size", lang, element=4, count="9,633,792", total=format_bytes(size), bytes=f"{size:,}"
        )
    ]


def test_gallery_shows_torch_errors(app) -> None:
    app.selectbox(key="tensors.ops.pick").set_value("sum").run()
    app.selectbox(key="tensors.ops.sum.dim").set_value("1").run()
    app.checkbox(key="tensors.ops.sum.keepdim").uncheck().run()
    assert "must match the size of tensor" in _texts(app)
    app.selectbox(key="tensors.ops.pick").set_value("view").run()
    app.checkbox(key="tensors.ops.view.t").check().run()
    assert "view size is not compatible" in _texts(app)
    app.selectbox(key="tensors.ops.pick").set_value("dtype").run()
    app.text_input(key="tensors.ops.dtype.shape").set_value("(1000000, 1000000)").run()
    assert "4,000,000,000,000" in _texts(app)


def test_layouts(app) -> None:
    for layout in ["image", "audio", "llm"]:
        app.radio(key="tensors.lay.pick").set_value(layout).run()
        assert not app.exception and not app.error, messages(app)
    output = torch.nn.Linear(4096, 64, device="meta")(torch.empty(8, 2048, 4096, device="meta"))
    assert str(tuple(output.shape)) in _texts(app)


def test_autograd_expression_and_attacks(app) -> None:
    app.text_input(key="tensors.ag.expr").set_value("2 * sum(x * x)").run()
    assert not app.error, messages(app)
    grads = [frame.value for frame in app.dataframe]
    assert any(list(frame.to_numpy().ravel()) == [0.0, 4.0, 8.0, 12.0] for frame in grads)
    for attack in ["__import__('os')", "x.__class__", "().__class__.__bases__", "[x for x in w]", "9**9**9"]:
        app.text_input(key="tensors.ag.expr").set_value(attack).run()
        assert not app.exception and app.error, attack
    app.text_input(key="tensors.ag.expr").set_value("sum(x)").run()


def test_preprocessing_and_bad_uploads(app) -> None:
    assert not app.error, messages(app)
    frames = [frame.value for frame in app.dataframe]
    assert any(list(frame.columns) == ["NumRooms", "Alley_Pave", "Alley_nan"] for frame in frames)


@pytest.mark.parametrize(
    ("data", "key"),
    [(b"", "tensors.csv.empty"), (b"\x00\x01PK\x03binary", "tensors.csv.binary"), (b"a,b\n", "tensors.csv.no_rows")],
)
def test_bad_uploads_give_clear_messages(app, data: bytes, key: str) -> None:
    app.file_uploader(key="tensors.prep.upload").set_value(("bad.csv", data, "text/csv")).run()
    assert not app.exception
    assert translate(key, app.session_state["language"]) in messages(app)


def test_upload_latin1_mixed_types(app) -> None:
    data = "city,rooms,price\nZürich,3,10\nBern,x,12\n,4,11\n".encode("latin-1")
    app.file_uploader(key="tensors.prep.upload").set_value(("houses.csv", data, "text/csv")).run()
    assert not app.exception and not app.error, messages(app)
    warnings = " ".join(item.value for item in app.warning)
    lang = app.session_state["language"]
    assert translate("tensors.csv.latin1", lang, position=data.index(b"\xfc")) in warnings
    assert translate("tensors.prep.mixed", lang, columns="rooms") in warnings
    encoded = next(frame.value for frame in app.dataframe if "city_nan" in frame.value.columns)
    assert encoded["city_nan"].tolist() == [0.0, 0.0, 1.0]
    app.file_uploader(key="tensors.prep.upload").set_value(None).run()


def test_huge_shapes_are_explained_not_allocated(app) -> None:
    app.text_area(key="tensors.bc.shapes").set_value("(1000000000, 1, 1000000000)\n(1000000000, 1)").run()
    assert not app.exception and not app.error, messages(app)
    assert f"{10**27:,}" in _texts(app)


def test_no_string_quotes_study_notes_the_learner_does_not_have() -> None:
    from lib.locales import tensors as strings

    modules = [strings.STRINGS]
    texts = [text for catalog in modules for entry in catalog.values() for text in entry.values()]
    assert [text for text in texts if re.search(r"\bnotes\b|\bnotes'|笔记", text, re.IGNORECASE)] == []
