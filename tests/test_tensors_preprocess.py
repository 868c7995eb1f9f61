"""lib/tensors_preprocess.py: the notes' house_tiny example computed by pandas/torch, and awkward CSV uploads."""

import io
import math

import pandas as pd
import pytest
import torch

from lib.errors import LessonError
from lib.tensors_preprocess import (
    MAX_ROWS,
    default_target,
    house_tiny,
    preprocess_code,
    preprocess_steps,
    preprocess_table,
    read_csv_upload,
    sniff_delimiter,
    split_target,
)
from scripts import make_hostile_corpus as corpus

house_csv = b"NumRooms,Alley,Price\n3,Pave,127500\n2,NA,106000\n"


def test_house_tiny_like_the_notes() -> None:
    inputs, outputs = split_target(house_tiny(), "Price")
    encoded, tensor = preprocess_table(inputs)
    assert list(encoded.columns) == ["NumRooms", "Alley_Pave", "Alley_nan"]
    mean = inputs["NumRooms"].mean()  # what pandas computes: (2 + 4) / 2
    expected = torch.tensor([[mean, 1, 0], [2, 0, 1], [4, 0, 1], [mean, 0, 1]], dtype=torch.float32)
    assert torch.equal(tensor, expected)
    assert outputs.tolist() == [127500, 106000, 178100, 140000]


def test_all_text_and_mixed_columns_are_reported() -> None:
    table = pd.DataFrame({"a": ["x", "y", None], "b": ["1", "two", "3"]})
    steps = preprocess_steps(table)
    keys = [key for key, _ in steps.notes]
    assert "tensors.prep.all_text" in keys and "tensors.prep.mixed" in keys
    assert steps.tensor.shape == (3, 3 + 4)


def test_empty_numeric_column_stays_nan() -> None:
    steps = preprocess_steps(pd.DataFrame({"a": [float("nan")] * 2, "b": [1.0, 2.0]}))
    assert math.isnan(steps.means["a"]) and torch.isnan(steps.tensor[:, 0]).all()


def test_too_many_categories() -> None:
    with pytest.raises(LessonError):
        preprocess_steps(pd.DataFrame({"id": [f"row{i}" for i in range(300)]}))


@pytest.mark.parametrize("data", [b"", b"   \n", b"\x00\x01\x02binary", b"a,b\n", b"x" * (3 * 1024 * 1024)])
def test_bad_uploads(data: bytes) -> None:
    with pytest.raises(LessonError):
        read_csv_upload(data)


def test_latin1_fallback_and_row_cap() -> None:
    upload = read_csv_upload("name,n\ncafé,1\n".encode("latin-1"))
    assert upload.table["name"][0] == "café" and upload.notes[0][0] == "tensors.csv.latin1"
    big = read_csv_upload(("n\n" + "1\n" * (MAX_ROWS + 50)).encode())
    assert len(big.table) == MAX_ROWS and big.notes[0][0] == "tensors.csv.truncated"


@pytest.mark.parametrize(
    ("table", "target"),
    [
        (house_tiny(), "Price"),
        (pd.DataFrame({"a": [1.0, None, 3.0], "c": ["u", "v", None], "d": [None, None, None]}), None),
    ],
)
def test_code_snippet_reproduces_the_tensor(table: pd.DataFrame, target: str | None) -> None:
    namespace: dict[str, object] = {}
    exec(preprocess_code(table, target), namespace)  # our own generated snippet, as a learner would run it
    inputs, _ = split_target(table, target)
    expected = preprocess_steps(inputs).tensor
    torch.testing.assert_close(namespace["X"], expected, equal_nan=True)


# ---------------------------------------------------------------- what spreadsheets really write (issue 14)


@pytest.mark.parametrize(
    "data", [corpus.utf16_csv(), corpus.utf16_no_bom_csv(), corpus.semicolon_csv(), house_csv.replace(b",", b"\t")]
)
def test_utf16_semicolon_and_tab_separated_files_are_read_as_columns(data: bytes) -> None:
    table = read_csv_upload(data).table
    assert list(table.columns[:1]) == ["NumRooms"] and table["Price"].tolist()[:2] == [127500, 106000]


def test_excel_unicode_text_is_the_same_table_as_its_utf8_csv() -> None:
    pd.testing.assert_frame_equal(
        read_csv_upload(corpus.utf16_csv()).table,
        pd.read_csv(io.StringIO(corpus.utf16_csv().decode("utf-16")), sep="\t"),
    )


def test_a_one_column_table_is_all_inputs() -> None:
    table = read_csv_upload(corpus.one_column_csv()).table
    assert list(table.columns) == ["Price"] and default_target(list(table.columns)) is None
    inputs, outputs = split_target(table, default_target(list(table.columns)))
    assert outputs is None and preprocess_steps(inputs).tensor.shape == (3, 1)
    assert default_target(["a", "b"]) == "b"
    with pytest.raises(LessonError) as refused:  # the learner picks the only column as the target anyway
        preprocess_steps(split_target(table, "Price")[0])
    assert refused.value.key == "tensors.prep.no_inputs"


def test_sniffing_falls_back_to_a_comma() -> None:
    assert sniff_delimiter("Price\n1\n2\n") == "," and sniff_delimiter("a;b\n1;2\n") == ";"


def test_unreadable_csv_quotes_only_an_excerpt() -> None:
    with pytest.raises(LessonError) as refused:
        read_csv_upload(b'a,b\n"' + b"x" * 100_000 + b"\n1,2,3,4\n" * 3)
    assert len(str(refused.value)) < 400
