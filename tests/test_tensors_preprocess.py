"""lib/tensors_preprocess.py: the notes' house_tiny example computed by pandas/torch, and awkward CSV uploads."""

import math

import pandas as pd
import pytest
import torch

from lib.errors import LessonError
from lib.tensors_preprocess import (
    MAX_ROWS,
    house_tiny,
    preprocess_code,
    preprocess_steps,
    preprocess_table,
    read_csv_upload,
    split_target,
)


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
